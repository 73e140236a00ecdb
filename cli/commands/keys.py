"""`aktstykke keys`: the certificate you sign with, and the certificates you trust.

--new NAVN makes an EC key and a self-signed certificate (for a kontor without
a ministry certificate authority) in the user's data folder, readable by its
owner only; --import takes a PKCS#12 file from the ministry's authority;
--show describes a certificate; --trust chooses the folder of trusted roots.
The choices are the same settings the editor's settings page writes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import hashlib
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from cli.commands._identity import certificate_path, identity_for
from forms.audit import utc_text
from forms.pki import (
    Identity,
    PkiError,
    SignatureState,
    check_signature,
    load_identity,
    make_self_signed_identity,
    sign_payload,
    write_private,
)
from forms.pkisettings import (
    PASSWORD_VARIABLE,
    SettingsError,
    SignatureSettings,
    key_folder,
    load_settings,
    password_from_environment,
    save_settings,
)
from forms.pkitrust import TRUST_VARIABLE, read_certificates, trust_store

PROG = "aktstykke keys"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "keys",
        help="dit certifikat til underskrifter og de betroede certifikater",
        description="Lav en nøgle med et selvsigneret certifikat, importér et certifikat "
        "(.p12/.pfx) fra ministeriets certifikatudsteder, vis et certifikat, eller vælg "
        "mappen med betroede rodcertifikater. Uden tilvalg vises det valgte certifikat.",
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument(
        "--new", metavar="NAVN", help="lav en nøgle og et selvsigneret certifikat med dit navn"
    )
    action.add_argument(
        "--import",
        dest="import_file",
        metavar="FIL",
        help="kopiér et certifikat med privat nøgle (.p12/.pfx) til din datamappe og brug det",
    )
    action.add_argument("--show", metavar="FIL", nargs="?", const="", help="vis et certifikat")
    action.add_argument(
        "--trust", metavar="MAPPE", help="brug denne mappe med betroede rodcertifikater"
    )
    parser.add_argument(
        "--folder",
        metavar="MAPPE",
        help=f"hvor --new og --import lægger nøglen (standard: {key_folder()})",
    )
    parser.add_argument("--cert", help=argparse.SUPPRESS)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        if args.new is not None:
            return _new(args)
        if args.import_file is not None:
            return _import(args)
        if args.trust is not None:
            return _trust(Path(args.trust))
        if args.show:
            args.cert = args.show
        return _show(args)
    except (PkiError, SettingsError) as exc:
        return _fail(exc.message)


def _new_password() -> bytes | None:
    """From AKTSTYKKE_CERT_PASSWORD, else asked twice at a terminal, else none
    (the file is then protected by being readable by its owner only)."""
    password = password_from_environment()
    if password is not None or not sys.stdin.isatty():
        return password
    first = getpass.getpass("Adgangskode til nøglen (tom: ingen): ")
    if first and getpass.getpass("Gentag adgangskoden: ") != first:
        raise PkiError("De to adgangskoder er ikke ens; nøglen er ikke lavet.")
    return first.encode("utf-8") if first else None


def _new(args: argparse.Namespace) -> int:
    folder = Path(args.folder) if args.folder else key_folder()
    password = _new_password()
    path = make_self_signed_identity(args.new, folder, password)
    _use(path)
    identity = load_identity(path, password)
    print(f"Nøgle og selvsigneret certifikat for {identity.name} er lavet:")
    print(f"  {path}  (privat nøgle; kun du kan læse den)")
    print(f"  {path.with_suffix('.pem')}  (certifikatet; del det med kollegerne)")
    print("Det bruges nu til dine godkendelser.")
    print(
        "Dine godkendelser tæller hos dem, der har certifikatet i deres mappe med betroede "
        f"certifikater (fx kontorets fælles mappe; vælg den med »{PROG} --trust MAPPE«)."
    )
    if password is None:
        print(f"Bemærk: nøglen har ingen adgangskode (sæt {PASSWORD_VARIABLE} for at give den én).")
    return 0


def _import(args: argparse.Namespace) -> int:
    source = Path(args.import_file)
    password = password_from_environment()
    try:
        identity = load_identity(source, password)
    except PkiError:
        if password is not None or not sys.stdin.isatty():
            raise
        password = getpass.getpass(f"Adgangskode til »{source.name}«: ").encode("utf-8") or None
        identity = load_identity(source, password)
    folder = Path(args.folder) if args.folder else key_folder()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = folder / source.name
    if target.exists() and not target.samefile(source):
        raise PkiError(
            f"Der findes allerede en fil »{target.name}« i »{folder}«; den overskrives ikke."
        )
    if not target.exists():
        try:
            write_private(target, source.read_bytes())
        except OSError as exc:
            raise PkiError(
                f"»{source.name}« kan ikke kopieres til »{folder}«: {exc.strerror}."
            ) from None
    _use(target)
    print(
        f"Certifikatet for {identity.name} er kopieret til {target} og bruges nu til dine godkendelser."
    )
    _describe(identity)
    return 0


def _use(path: Path) -> None:
    current = load_settings()
    save_settings(SignatureSettings(certificate=path.resolve(), trust_folder=current.trust_folder))


def _trust(folder: Path) -> int:
    store = trust_store(folder)
    if not folder.is_dir():
        raise PkiError(f"»{folder}« er ikke en mappe.")
    current = load_settings()
    folder = folder.resolve()
    save_settings(SignatureSettings(certificate=current.certificate, trust_folder=folder))
    count = len(store.roots)
    print(
        f"Betroede certifikater læses nu fra {folder}: {count} certifikat{'' if count == 1 else 'er'}."
    )
    for problem in store.problems:
        print(f"  Bemærk: {problem}")
    return 0


def _show(args: argparse.Namespace) -> int:
    path = certificate_path(args)
    if path.suffix.lower() in (".pem", ".crt", ".cer", ".der"):
        return _show_certificate(path)
    identity = identity_for(args)
    print(f"Certifikat: {path}")
    _describe(identity)
    return 0


def _describe(identity: Identity) -> None:
    certificate = identity.certificate
    digest = hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()
    print(f"  Navn: {identity.name}")
    print(f"  Udstedt af: {certificate.issuer.rfc4514_string()}")
    print(
        f"  Gyldigt: {certificate.not_valid_before_utc:%d-%m-%Y} til "
        f"{certificate.not_valid_after_utc:%d-%m-%Y}"
    )
    print(f"  SHA-256: {digest}")
    # Would a signature made now count here? The same check every sign-off gets.
    now = dt.datetime.now(dt.UTC)
    probe = utc_text(now).encode()
    check = check_signature(sign_payload(identity, probe), probe, trust_store(), now)
    if check.state is SignatureState.VALID:
        print("  Betroet: ja – dine godkendelser tæller her.")
    else:
        print(f"  Betroet: nej ({check.state.value}) – {check.detail}")
        print(
            f"  Mappen med betroede certifikater vælges med »{PROG} --trust MAPPE«, "
            f"{TRUST_VARIABLE} eller under Indstillinger i editoren."
        )


def _show_certificate(path: Path) -> int:
    try:
        certificates = read_certificates(path.read_bytes())
    except OSError as exc:
        raise PkiError(f"»{path}« kan ikke læses: {exc.strerror}.") from None
    except ValueError:
        raise PkiError(f"»{path.name}« er ikke et certifikat (PEM eller DER).") from None
    for certificate in certificates:
        print(f"Certifikat i {path.name}:")
        print(f"  Emne: {certificate.subject.rfc4514_string()}")
        print(f"  Udstedt af: {certificate.issuer.rfc4514_string()}")
        print(
            f"  Gyldigt: {certificate.not_valid_before_utc:%d-%m-%Y} til "
            f"{certificate.not_valid_after_utc:%d-%m-%Y}"
        )
    return 0


def _fail(message: str) -> int:
    print(f"{PROG}: fejl: {message}", file=sys.stderr)
    return 2
