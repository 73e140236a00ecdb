"""`aktstykke import KILDE -o KLADDE.aktstykke`: start from an existing aktstykke.

Reads a Word (.docx), PDF or text file, prints what was recognised and what
was guessed, and writes a new draft. With --new-from-previous the draft is
prepared as next case's starting point (date, sign-offs and Finansudvalget's
additions cleared, every amount marked for review). Nothing is written when
the source cannot be imported (exit 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from forms.draftfile import SUFFIX, DraftFileError, save_draft
from forms.importing import (
    SourceError,
    import_file,
    import_findings,
    new_from_previous,
)

PROG = "aktstykke import"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "import",
        help="lav en kladde ud fra et eksisterende aktstykke (.docx, .pdf eller .txt)",
        description="Læs et aktstykke fra Word, PDF eller tekst og gem det som en ny kladde. "
        "Bagefter vises, hvad der blev genkendt, og hvad der er gættet.",
    )
    parser.add_argument("source", metavar="KILDE", help="aktstykket der importeres")
    parser.add_argument(
        "-o", "--output", required=True, metavar="KLADDE", help="den nye kladde (.aktstykke)"
    )
    parser.add_argument(
        "--new-from-previous",
        action="store_true",
        help="ny fra tidligere aktstykke: fjern dato, godkendelser og Finansudvalgets "
        "tilføjelser, og markér alle beløb til kontrol",
    )
    parser.add_argument(
        "--ignore-embedded",
        action="store_true",
        help="læs en Word-fil fra Aktstykke som en hvilken som helst Word-fil "
        "(se bort fra den indlejrede kladde)",
    )
    parser.add_argument("--force", action="store_true", help="overskriv en eksisterende kladde")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    output = Path(args.output)
    problem = _output_problem(output, args.force)
    if problem:
        print(f"{PROG}: fejl: {problem}", file=sys.stderr)
        return 2
    try:
        result = import_file(args.source, use_embedded=not args.ignore_embedded)
    except SourceError as exc:
        print(f"{PROG}: fejl: {exc.message} Der er ikke skrevet nogen kladde.", file=sys.stderr)
        return 2
    draft = result.draft
    lines = result.report.lines()
    if args.new_from_previous:
        draft = new_from_previous(draft)
        lines.append(
            "Ny fra tidligere aktstykke: dato, godkendelser og Finansudvalgets tilføjelser "
            f"er fjernet, og {len(draft.review)} beløb er markeret til kontrol (R-01), "
            "indtil du retter eller bekræfter dem."
        )
    try:
        save_draft(output, draft)
    except DraftFileError as exc:
        print(f"{PROG}: fejl: {exc.message}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    findings = import_findings(draft)
    if findings:
        print("Bemærkninger (I-01):")
        for finding in findings:
            print(f"  – {finding.location.describe()}: {finding.message}")
    print(f"Kladden er gemt: {output}")
    return 0


def _output_problem(output: Path, force: bool) -> str | None:
    if output.suffix != SUFFIX:
        return f"kladden skal have endelsen {SUFFIX} (fik »{output.name}«)."
    if output.is_dir():
        return f"»{output}« er en mappe."
    if output.exists() and not force:
        return (
            f"»{output}« findes allerede og er ikke overskrevet. Vælg et andet navn, "
            "eller brug --force."
        )
    if not output.parent.is_dir():
        return f"mappen »{output.parent}« findes ikke."
    return None
