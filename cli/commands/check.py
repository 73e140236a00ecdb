"""`aktstykke check FILE [--format text|json]`: the checks, headless.

Exit status: 0 no errors (warnings and remarks allowed), 1 errors found,
2 the file cannot be used (missing, not a draft). Never imports Qt.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from forms.catalog import title
from forms.draftfile import DraftFileError, load_draft
from forms.findings import Finding, Severity
from forms.model import Aktstykke

EXIT_OK, EXIT_ERRORS, EXIT_UNUSABLE = 0, 1, 2


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "check",
        help="kontrollér en kladde og vis fejl, advarsler og bemærkninger",
        description="Kontrollér et aktstykke mod reglerne (struktur, beløb, tabeller, "
        "kontonumre, datoer …). Afslutter med 0 uden fejl, 1 med fejl og 2, hvis filen ikke "
        "kan bruges.",
    )
    parser.add_argument("file", metavar="FIL", help="kladden (.aktstykke) eller Word-filen (.docx)")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (standard): grupperet efter litra; json: en liste til andre programmer",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    notes: list[str] = []
    try:
        draft = _load(Path(args.file), notes)
    except DraftFileError as exc:
        print(f"aktstykke check: fejl: {exc.message}", file=sys.stderr)
        return EXIT_UNUSABLE
    from forms.checks import check_draft, summary_line

    findings = check_draft(draft)
    if args.format == "json":
        print(json.dumps(as_json(findings), ensure_ascii=False, indent=2))
    else:
        print(as_text(findings, Path(args.file).name, summary_line(findings)))
    for note in notes:
        print(note, file=sys.stderr if args.format == "json" else sys.stdout)
    return EXIT_ERRORS if any(f.severity is Severity.ERROR for f in findings) else EXIT_OK


def _load(path: Path, notes: list[str]) -> Aktstykke:
    if path.suffix.lower() == ".docx":
        return _load_docx(path, notes)
    return load_draft(path).draft


def _load_docx(path: Path, notes: list[str]) -> Aktstykke:
    """What the Word file shows: its embedded draft with every change made in
    Word applied, and a note when that differs from the embedded draft."""
    from exporters.shown import shown_document
    from forms.embedded import load_docx_draft
    from forms.importing import SourceError
    from forms.importing.files import read_source
    from forms.roundtrip.returned import read_returned
    from forms.roundtrip.review import accept_all

    try:
        returned = read_returned(read_source(path), path.name, shown_document)
    except SourceError as exc:
        raise DraftFileError(path, exc.message) from None
    if returned.base is None:
        return load_docx_draft(path)  # its message says there is no draft and what to do
    if not returned.differs:
        return returned.base
    outcome = accept_all(returned.as_draft())
    count = len(returned.changes)
    notes.append(
        f"Bemærk: {path.name} viser {count} ændring{'er' if count != 1 else ''} i forhold til "
        "kladden i filen (skrevet eller registreret i Word). Tjekket gælder det, filen viser. "
        f"Hent ændringerne med »aktstykke import {path.name} --into KLADDE.aktstykke« eller "
        "»-o NY.aktstykke«."
    )
    for _change, reason in outcome.refused:
        notes.append(f"  – kunne ikke placeres: {reason}")
    return outcome.draft


def as_json(findings: list[Finding]) -> list[dict[str, object]]:
    """A stable list: rule, severity, location (all fields), message, suggestion."""
    return [
        {
            "rule": f.rule,
            "severity": f.severity.value,
            "location": f.location.model_dump(mode="json"),
            "message": f.message,
            "suggestion": f.suggestion,
        }
        for f in findings
    ]


def part_heading(finding: Finding) -> str:
    """The group a finding is shown under: 'Hovedet', 'Litra b – Sagsfremstilling' …"""
    location = finding.location
    if location.area == "header":
        return "Hovedet"
    if location.area == "signature":
        return "Underskriften"
    if location.letter:
        return f"Litra {location.letter} – {title(location.letter)}"
    return "Hele aktstykket"


def as_text(findings: list[Finding], name: str, summary: str) -> str:
    lines = [f"Kontrol af {name}"]
    current = None
    for finding in findings:
        heading = part_heading(finding)
        if heading != current:
            lines += ["", heading]
            current = heading
        lines.append(
            f"  {finding.severity.danish.capitalize()} {finding.rule} "
            f"({finding.location.describe()}): {finding.message}"
        )
        if finding.suggestion:
            lines.append(f"    Forslag: {finding.suggestion}")
    if not findings:
        lines += ["", "Ingen fund."]
    lines += ["", summary]
    return "\n".join(lines)
