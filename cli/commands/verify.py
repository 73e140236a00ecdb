"""`aktstykke verify FILE.docx`: is this Word file the approved version?

Exit status: 0 it is; 1 it was changed after the final export (a part, the text
or the draft), named; 2 the file is missing, not a Word file, too large, or from
a newer version of the program; 3 it carries no draft from the program; 4 the
draft has no sign-off; 5 the text looks the same, but another program saved the
file again; 6 it is an UDKAST export, not the final one; 7 a final export,
unchanged, whose sign-offs or export signature do not count (missing, stale,
revoked, unknown signer, unsigned).
"""

from __future__ import annotations

import argparse
import sys

from exporters.verify import Outcome, verify_docx
from forms.draftfile import DraftFileError

EXIT_CODES = (
    "0 den godkendte version, 1 ændret efter den endelige eksport, 2 filen kan ikke læses, "
    "3 ingen kladde i filen, 4 ingen godkendelse, 5 teksten ser ens ud, men filen er gemt "
    "igen af et andet program, 6 udkast-eksport (UDKAST), 7 endelig eksport, men "
    "godkendelserne eller eksportens underskrift gælder ikke"
)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "verify",
        help="kontrollér, om en Word-fil er den godkendte version",
        description="Holder en eksporteret Word-fil op mod den underskrevne fortegnelse over "
        "dens dele og mod kladden i filen: hver tilføjet, fjernet eller ændret del nævnes, og "
        f"den synlige tekst sammenlignes ord for ord. Exitstatus: {EXIT_CODES}.",
    )
    parser.add_argument("file", metavar="FIL", help="Word-filen (.docx)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        result = verify_docx(args.file)
    except DraftFileError as exc:
        print(f"aktstykke verify: fejl: {exc.message}", file=sys.stderr)
        return 2
    stream = sys.stdout if result.outcome is Outcome.MATCHES else sys.stderr
    print(result.message, file=stream)
    for line in result.details:
        print(f"  – {line}", file=stream)
    if result.diff:
        if result.details:
            print("Synlig tekst, ord for ord ([-godkendt-] {+i filen+}):", file=stream)
        for line in result.diff:
            print(f"  {line}", file=stream)
    return int(result.outcome)
