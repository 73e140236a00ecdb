"""`aktstykke signoff FILE`: record, list or revoke sign-offs from the command line.

Every sign-off and revocation is signed with the certificate of the person
running the command (--cert, AKTSTYKKE_CERT or the editor's setting); the name
recorded is the certificate's. Finansministeriet's consent is recorded by the
person who received it, with Finansministeriet's reference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from cli.commands._identity import add_certificate_argument, identity_for
from forms.audit import check_audit, local_time
from forms.draftfile import DraftFileError, load_draft, update_draft
from forms.model import Aktstykke, ConsentReference
from forms.pki import PkiError
from forms.signoff import (
    SignOffError,
    SignOffState,
    check_role,
    fingerprint,
    known_roles,
    required_roles,
    revoke,
    role_config,
    short_fingerprint,
    sign_off,
    signoff_blockers,
    signoff_checks,
)

PROG = "aktstykke signoff"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    fm = role_config().finansministeriet
    parser = commands.add_parser(
        "signoff",
        help="registrér, vis eller tilbagekald godkendelser af en kladde",
        description="Registrér en godkendelse (rolle, tidspunkt og indholdets fingeraftryk), "
        "underskrevet med dit certifikat, vis godkendelserne og om de stadig gælder, eller "
        "tilbagekald én. Navnet tages fra certifikatet.",
    )
    parser.add_argument("file", metavar="FIL", help="kladden (.aktstykke)")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--role", metavar="ROLLE", help=f"godkend som: {', '.join(known_roles())}")
    action.add_argument("--list", action="store_true", help="vis godkendelserne og deres tilstand")
    action.add_argument("--revoke", type=int, metavar="NR", help="tilbagekald godkendelse nr. NR")
    add_certificate_argument(parser)
    consent = parser.add_argument_group(
        f"{fm}s tilslutning (--role {fm}), registreret af den, der har modtaget den"
    )
    consent.add_argument("--fm-journal", metavar="J.NR.", help="Finansministeriets journalnummer")
    consent.add_argument("--fm-date", metavar="DATO", help="datoen for tilslutningen (DD-MM-ÅÅÅÅ)")
    consent.add_argument(
        "--fm-sender", metavar="NAVN", help="hvem i Finansministeriet der sendte den"
    )
    # The old way of naming the signer: refused with a reason rather than "unknown argument".
    parser.add_argument("--name", help=argparse.SUPPRESS)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.name is not None:
        return _fail(
            "--name findes ikke længere: navnet tages fra dit certifikat (--cert FIL.p12)."
        )
    if args.list:
        try:
            loaded = load_draft(args.file)
        except DraftFileError as exc:
            return _fail(exc.message)
        _print_list(loaded.draft)
        return 0
    try:
        if args.role is not None:
            check_role(args.role)  # before asking for a certificate and its password
        reference = _reference(args)
        # The certificate (and its password) before the lock: nobody waits on a prompt.
        identity = identity_for(args)
    except (SignOffError, PkiError) as exc:
        return _fail(exc.message)

    def change(draft: Aktstykke) -> tuple[str, Aktstykke]:
        if args.revoke is not None:
            record = revoke(draft, args.revoke - 1, identity)
            done = f"Godkendelse nr. {args.revoke} ({record.role}, {record.name}) er tilbagekaldt."
        else:
            record = sign_off(draft, args.role, identity, reference=reference)
            done = (
                f"{record.role} godkendt af {record.name} "
                f"(fingeraftryk {short_fingerprint(record.fingerprint)})."
            )
        return done, draft

    # Read, sign and write under the draft's lock: a sign-off made by another
    # program in the meantime is read first and kept.
    try:
        done, draft = update_draft(args.file, change)
    except (SignOffError, PkiError, DraftFileError) as exc:
        return _fail(exc.message)
    print(done)
    if args.revoke is None:
        check = signoff_checks(draft)[-1]
        if check.state is not SignOffState.CURRENT:
            print(
                f"Bemærk: godkendelsen tæller ikke her endnu ({check.state.value}): {check.detail}"
            )
    return 0


def _reference(args: argparse.Namespace) -> ConsentReference | None:
    given = [args.fm_journal, args.fm_date, args.fm_sender]
    fm = role_config().finansministeriet
    if args.role != fm:
        if any(v is not None for v in given):
            raise SignOffError(f"--fm-journal, --fm-date og --fm-sender hører til --role {fm}.")
        return None
    if any(not (v or "").strip() for v in given):
        raise SignOffError(
            f"{fm}s tilslutning registreres med dens reference: angiv --fm-journal, "
            "--fm-date og --fm-sender."
        )
    return ConsentReference(
        journal=args.fm_journal, date=parse_date(args.fm_date), sender=args.fm_sender
    )


def parse_date(text: str) -> dt.date:
    """'11-11-2024', '11.11.2024' or '2024-11-11'."""
    cleaned = text.strip()
    for pattern in ("%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise SignOffError(f"»{text}« er ikke en dato; skriv den som DD-MM-ÅÅÅÅ, fx 11-11-2024.")


def _print_list(draft: Aktstykke) -> None:
    fp = fingerprint(draft)
    print(f"Indholdets fingeraftryk: {short_fingerprint(fp)}")
    if not draft.signoffs:
        print("Ingen godkendelser endnu.")
    for number, check in enumerate(signoff_checks(draft, fp), start=1):
        record = check.record
        when = local_time(record.time).strftime("%d-%m-%Y %H:%M")
        extra = ""
        if check.state is SignOffState.REVOKED and record.revoked_by:
            extra = f" af {record.revoked_by}"
        # Every name printed is one line: names with line breaks are refused when
        # recorded, and repr-like escaping keeps a forged one on its line.
        name = _one_line(record.name)
        print(
            f"{number}. {_one_line(record.role)}: {name}, {when} – {check.state.value}{extra} "
            f"(fingeraftryk {short_fingerprint(record.fingerprint)})"
        )
        if record.reference is not None:
            ref = record.reference
            print(
                f"   Finansministeriets reference: j.nr. {_one_line(ref.journal)}, "
                f"{ref.date:%d-%m-%Y}, sendt af {_one_line(ref.sender)}"
            )
        if check.state is not SignOffState.CURRENT:
            print(f"   {_one_line(check.detail)}")
    problems = check_audit(draft).problems
    if problems:
        print("Logbogen er ikke intakt:")
        for problem in problems:
            print(f"  – {_one_line(problem)}")
    missing = signoff_blockers(draft)
    roles = ", ".join(required_roles(draft))
    if missing:
        print(f"Mangler før endelig eksport (påkrævet: {roles}):")
        for reason in missing:
            if reason not in problems:
                print(f"  – {_one_line(reason)}")
    else:
        print(f"Alle påkrævede godkendelser er gældende ({roles}).")


def _one_line(text: str) -> str:
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def _fail(message: str) -> int:
    print(f"{PROG}: fejl: {message}", file=sys.stderr)
    return 2
