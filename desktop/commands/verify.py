"""`aktstykke verify FILE.docx`: is this Word file the signed-off version?

Exit status: 0 it is; 1 its text or its draft changed after sign-off;
3 it carries no draft from the program; 4 the draft has no sign-off;
2 the file is missing or not a Word file.
"""

from __future__ import annotations

import argparse
import sys

from exporters.verify import Outcome, verify_docx
from forms.draftfile import DraftFileError


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "verify",
        help="kontrollér, om en Word-fil er den godkendte version",
        description="Læser kladden i en eksporteret Word-fil, genberegner indholdets "
        "fingeraftryk og sammenligner filens synlige tekst med den godkendte version. "
        "Exitstatus: 0 godkendt version, 1 ændret efter godkendelse, 3 ingen kladde i "
        "filen, 4 ingen godkendelse, 2 filen kan ikke læses.",
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
    for line in result.diff:
        print(f"  {line}", file=stream)
    return int(result.outcome)
