"""`aktstykke signoff FILE`: record, list or revoke sign-offs from the command line."""

from __future__ import annotations

import argparse
import sys

from forms.draftfile import DraftFileError, load_draft, update_draft
from forms.signoff import (
    SignOffError,
    SignOffState,
    default_signer_name,
    fingerprint,
    known_roles,
    required_roles,
    revoke,
    short_fingerprint,
    sign_off,
    signoff_blockers,
    state,
)


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "signoff",
        help="registrér, vis eller tilbagekald godkendelser af en kladde",
        description="Registrér en godkendelse (rolle, navn, tidspunkt og indholdets "
        "fingeraftryk), vis godkendelserne og om de stadig gælder, eller tilbagekald én.",
    )
    parser.add_argument("file", metavar="FIL", help="kladden (.aktstykke)")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--role", metavar="ROLLE", help=f"godkend som: {', '.join(known_roles())}")
    action.add_argument("--list", action="store_true", help="vis godkendelserne og deres tilstand")
    action.add_argument("--revoke", type=int, metavar="NR", help="tilbagekald godkendelse nr. NR")
    parser.add_argument("--name", metavar="NAVN", help="dit navn (standard: systemets brugernavn)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.list:
        try:
            loaded = load_draft(args.file)
        except DraftFileError as exc:
            return _fail(exc.message)
        _print_list(loaded.draft)
        return 0
    name = args.name if args.name is not None else default_signer_name()

    def change(draft) -> str:
        if args.revoke is not None:
            record = revoke(draft, args.revoke - 1, name)
            return f"Godkendelse nr. {args.revoke} ({record.role}, {record.name}) er tilbagekaldt."
        record = sign_off(draft, args.role, name)
        return (
            f"{record.role} godkendt af {record.name} "
            f"(fingeraftryk {short_fingerprint(record.fingerprint)})."
        )

    # Read, sign and write under the draft's lock: a sign-off made by another
    # program in the meantime is read first and kept.
    try:
        done = update_draft(args.file, change)
    except (SignOffError, DraftFileError) as exc:
        return _fail(exc.message)
    print(done)
    return 0


def _fail(message: str) -> int:
    print(f"aktstykke signoff: fejl: {message}", file=sys.stderr)
    return 2


def _print_list(draft) -> None:
    fp = fingerprint(draft)
    print(f"Indholdets fingeraftryk: {short_fingerprint(fp)}")
    if not draft.signoffs:
        print("Ingen godkendelser endnu.")
    for number, record in enumerate(draft.signoffs, start=1):
        when = record.time.astimezone().strftime("%d-%m-%Y %H:%M")
        status = state(record, fp)
        extra = ""
        if status is SignOffState.REVOKED and record.revoked_by:
            extra = f" af {record.revoked_by}"
        print(
            f"{number}. {record.role}: {record.name}, {when} – {status.value}{extra} "
            f"(fingeraftryk {short_fingerprint(record.fingerprint)})"
        )
    missing = signoff_blockers(draft)
    roles = ", ".join(required_roles(draft))
    if missing:
        print(f"Mangler før endelig eksport (påkrævet: {roles}):")
        for reason in missing:
            print(f"  – {reason}")
    else:
        print(f"Alle påkrævede godkendelser er gældende ({roles}).")
