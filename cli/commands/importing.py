"""`aktstykke import KILDE -o KLADDE.aktstykke` and `--into KLADDE.aktstykke`.

Reads a Word (.docx), PDF or text file, prints what was recognised and what
was guessed, and writes a new draft. A Word file exported by the program is
read as it reads: what colleagues changed in it (typed, with tracked changes,
comments) comes back as changes pending review, printed one by one, and with
--accept-all applied. `--into` brings a returned Word file into an existing
draft instead, three-way against the draft the file carries, under the
draft's lock; overlapping changes are conflicts left pending (exit 1 while any
remain). With --new-from-previous the draft is prepared as next case's
starting point. Nothing is written when the source cannot be imported (exit 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exporters.shown import shown_document
from forms.draftfile import SUFFIX, DraftFileError, save_draft, update_draft
from forms.importing import (
    SourceError,
    import_file,
    import_findings,
    new_from_previous,
)
from forms.importing.files import read_source
from forms.importing.returned import after_accepting
from forms.model import Aktstykke, PendingChange
from forms.roundtrip.changes import describe
from forms.roundtrip.merge import Merged
from forms.roundtrip.returned import read_returned
from forms.roundtrip.review import Outcome, accept_all

PROG = "aktstykke import"
EXIT_OK, EXIT_CONFLICTS, EXIT_UNUSABLE = 0, 1, 2


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "import",
        help="lav en kladde ud fra et aktstykke (.docx, .pdf, .txt), eller hent ændringer "
        "fra en rundsendt Word-fil ind i en kladde",
        description="Læs et aktstykke fra Word, PDF eller tekst og gem det som en ny kladde. "
        "Bagefter vises, hvad der blev genkendt, og hvad der er gættet. En Word-fil fra "
        "programmet sammenlignes med kladden i den: kollegers ændringer og kommentarer "
        "kommer med som ændringer, der venter på godkendelse. Afslutter med 0, 1 når "
        "konflikter venter (--into), og 2 når intet er skrevet.",
    )
    parser.add_argument("source", metavar="KILDE", help="aktstykket der importeres")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", metavar="KLADDE", help="den nye kladde (.aktstykke)")
    target.add_argument(
        "--into",
        metavar="KLADDE",
        help="en eksisterende kladde, som ændringerne fra Word-filen flettes ind i (tre-vejs "
        "mod kladden i Word-filen)",
    )
    parser.add_argument(
        "--accept-all",
        action="store_true",
        help="godkend alle ændringer fra Word-filen med det samme (konflikter venter stadig)",
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
    parser.add_argument(
        "--force",
        action="store_true",
        help="overskriv en eksisterende kladde; med --into: flet også en Word-fil, der er "
        "eksporteret fra en anden kladde",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.into:
        if args.new_from_previous or args.ignore_embedded:
            return _fail(
                "--into kan ikke bruges sammen med --new-from-previous eller --ignore-embedded."
            )
        return _run_into(args)
    output = Path(args.output)
    problem = _output_problem(output, args.force)
    if problem:
        return _fail(problem)
    try:
        result = import_file(
            args.source, use_embedded=not args.ignore_embedded, project=shown_document
        )
    except SourceError as exc:
        return _fail(f"{exc.message} Der er ikke skrevet nogen kladde.")
    draft = result.draft
    if args.accept_all and draft.pending_changes:
        outcome = accept_all(draft)
        draft = outcome.draft
        after_accepting(result.report, outcome.accepted, outcome.refused)
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
        return _fail(exc.message)
    print("\n".join(lines))
    _print_notes(draft)
    waiting = len(draft.pending_changes)
    if waiting:
        print(
            f"{waiting} ændringer fra Word venter i kladden; åbn den i editoren (panelet "
            "»Ændringer fra Word«) for at godkende eller afvise dem en ad gangen."
        )
    print(f"Kladden er gemt: {output}")
    return EXIT_OK


def _run_into(args: argparse.Namespace) -> int:
    target = Path(args.into)
    if target.suffix != SUFFIX:
        return _fail(f"kladden skal have endelsen {SUFFIX} (fik »{target.name}«).")
    source = Path(args.source)
    try:
        returned = read_returned(read_source(source), source.name, shown_document)
    except SourceError as exc:
        return _fail(f"{exc.message} Kladden er ikke ændret.")
    if returned.base is None:
        return _fail(
            f"»{source.name}« indeholder ingen kladde fra Aktstykke, så ændringerne kan ikke "
            "flettes ind i en kladde. Importér den som en ny kladde med -o i stedet."
            + (f" ({returned.base_problem})" if returned.base_problem else "")
        )

    created = returned.base.metadata.created

    def bring_in(draft: Aktstykke) -> tuple[Merged, Outcome | None, list[PendingChange]]:
        if not args.force and created != draft.metadata.created:
            raise _NotFromThisDraft
        merged_draft, merged = returned.merge_into(draft)
        outcome = accept_all(merged_draft, source=source.name) if args.accept_all else None
        final = outcome.draft if outcome is not None else merged_draft
        for name in type(draft).model_fields:
            setattr(draft, name, getattr(final, name))
        return merged, outcome, list(final.pending_changes)

    try:
        merged, outcome, pending = update_draft(target, bring_in)
    except _NotFromThisDraft:
        return _fail(
            f"»{source.name}« er ikke eksporteret fra kladden »{target.name}« (kladden i "
            "Word-filen er en anden). Kladden er ikke ændret. Brug --force for at flette "
            "alligevel."
        )
    except DraftFileError as exc:
        return _fail(f"{exc.message}")
    print(
        f"Ændringer fra {source.name} er flettet ind i {target.name} (tre-vejs mod kladden i Word-filen)."
    )
    if not returned.differs:
        print("Word-filen viser det samme som kladden i den: der er ingen ændringer at hente.")
    if merged.repeated:
        print(f"{merged.repeated} ændringer fandtes allerede i kladden og er ikke gentaget.")
    if outcome is not None:
        _print_outcome(outcome)
    else:
        for change in merged.changes:
            print(f"  – {describe(change)}")
    conflicts = [c for c in pending if c.conflict]
    if conflicts:
        print(f"Konflikter ({len(conflicts)}) – samme sted er ændret i kladden siden eksporten:")
        for change in conflicts:
            print(f"  – {describe(change)}")
            print(f"      kladden: »{change.ours}«  Word-filen: »{change.new}«")
    comments = returned.merged_comments
    if comments is not None and (comments.added or comments.updated):
        print(f"Kommentarer fra Word: {comments.added} nye og {comments.updated} opdaterede tråde.")
    print(f"{len(pending)} ændringer venter i kladden. Kladden er gemt: {target}")
    return EXIT_CONFLICTS if conflicts else EXIT_OK


class _NotFromThisDraft(Exception):
    pass


def _print_outcome(outcome: Outcome) -> None:
    if outcome.accepted:
        print(f"Godkendt ({len(outcome.accepted)}):")
        for change in outcome.accepted:
            print(f"  – {describe(change)}")
    for change, reason in outcome.refused:
        print(f"Ikke godkendt: {describe(change)}: {reason}")


def _print_notes(draft: Aktstykke) -> None:
    findings = import_findings(draft)
    if findings:
        print("Bemærkninger (I-01):")
        for finding in findings:
            print(f"  – {finding.location.describe()}: {finding.message}")


def _fail(message: str) -> int:
    print(f"{PROG}: fejl: {message}", file=sys.stderr)
    return EXIT_UNUSABLE


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
