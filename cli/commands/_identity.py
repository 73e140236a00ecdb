"""The person at the keyboard, for commands that sign: their PKCS#12 identity.

--cert FILE, else AKTSTYKKE_CERT, else the certificate chosen in the editor's
settings. The password comes from AKTSTYKKE_CERT_PASSWORD, else it is asked for
when there is a terminal; never as an argument (it would stand in the shell's
history and the process list).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from forms.pkisettings import PASSWORD_VARIABLE, configured_certificate, password_from_environment

if TYPE_CHECKING:
    from forms.pki import Identity

NO_CERTIFICATE = (
    "der er ikke valgt et certifikat. Brug --cert FIL.p12, sæt AKTSTYKKE_CERT, vælg det "
    "under Funktioner › Indstillinger i editoren, eller lav et selvsigneret med "
    "»aktstykke keys --new NAVN«."
)


def add_certificate_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--cert",
        metavar="FIL",
        help="dit certifikat med privat nøgle (.p12/.pfx); standard: AKTSTYKKE_CERT eller "
        f"det valgte under Indstillinger. Adgangskoden læses fra {PASSWORD_VARIABLE} eller "
        "spørges om",
    )


def certificate_path(args: argparse.Namespace) -> Path:
    from forms.pki import PkiError  # the signing is loaded when a command signs

    path = Path(args.cert) if getattr(args, "cert", None) else configured_certificate()
    if path is None:
        raise PkiError(NO_CERTIFICATE)
    return path


def identity_for(args: argparse.Namespace) -> Identity:
    """Load the signer's identity; PkiError (Danish) when it cannot be used."""
    from forms.pki import PkiError, load_identity

    path = certificate_path(args)
    password = password_from_environment()
    try:
        return load_identity(path, password)
    except PkiError:
        if password is not None or not sys.stdin.isatty():
            raise
    typed = getpass.getpass(f"Adgangskode til »{path.name}«: ")
    return load_identity(path, typed.encode("utf-8") if typed else None)
