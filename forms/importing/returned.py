"""Importing a Word file that went round: our own export read as it reads
(changes pending, comments kept), or someone else's with tracked changes.

The report says "uden tab" only when the file shows exactly what its draft
holds; otherwise it lists every change waiting for the author's decision.
"""

from __future__ import annotations

from collections.abc import Callable

from forms.importing.report import ImportReport, ImportResult
from forms.model import Aktstykke, PendingChange
from forms.roundtrip.changes import describe, short
from forms.roundtrip.returned import ReturnedFile, read_returned
from forms.roundtrip.shown import ShownDocument

Project = Callable[[Aktstykke], ShownDocument]

SAME = (
    "Word-filen er eksporteret fra Aktstykke, og den viser det samme som kladden i filen; "
    "kladden er genåbnet uden tab (tekst, tabeller, godkendelser og oplysninger)."
)
COMPARED = (
    "Word-filen er eksporteret fra Aktstykke; det, filen viser, er sammenlignet med "
    "kladden i filen."
)


def import_returned(data: bytes, name: str, project: Project) -> ImportResult | None:
    """Our own export: None when the file carries no usable draft of ours."""
    returned = read_returned(data, name, project)
    if returned.base is None:
        return None
    recognised = []
    if not returned.differs and not returned.comments:
        draft = returned.base
        recognised.append(SAME)
    else:
        draft = returned.as_draft()
        recognised.append(COMPARED)
        recognised += summary_lines(returned)
    if returned.formatting:
        recognised.append(formatting_line(len(returned.formatting)))
    report = ImportReport(
        name,
        "indlejret kladde",
        recognised=recognised,
        notes=list(draft.import_notes),
        changes=[describe(c) for c in returned.changes],
        comments=comment_lines(returned),
    )
    return ImportResult(draft, report, returned)


def summary_lines(returned: ReturnedFile) -> list[str]:
    out = []
    changes = returned.changes
    if changes:
        unplaced = sum(1 for c in changes if c.kind == "unplaced")
        tracked = sum(1 for c in changes if c.author)
        line = (
            f"Teksten er ændret i Word: {_count(len(changes), 'ændring', 'ændringer')} venter på "
            f"din godkendelse ({tracked} med »Spor ændringer«, {len(changes) - tracked} skrevet "
            "uden). Kladden er ikke ændret, før du godkender dem."
        )
        out.append(line)
        if unplaced:
            out.append(
                f"{_count(unplaced, 'ændring', 'ændringer')} har ingen fast plads i kladden; "
                "godkendt lægges teksten i nærmeste litra som bemærkning (I-01), så intet går tabt."
            )
    merged = returned.merged_comments
    if returned.comments:
        line = f"{_count(len(returned.comments), 'kommentar', 'kommentarer')} fra Word er gemt i kladden"
        if merged is not None and merged.updated:
            line += f" ({merged.updated} kendte tråde er opdateret)"
        out.append(line + ".")
    if merged is not None and merged.missing:
        out.append(
            f"{_count(merged.missing, 'kommentar', 'kommentarer')} fra kladden findes ikke længere "
            "i Word-filen; de er bevaret i kladden."
        )
    return out


def after_accepting(
    report: ImportReport, accepted: list[PendingChange], refused: list[tuple[PendingChange, str]]
) -> None:
    """The report once every change was accepted at import (--accept-all)."""
    report.changes_heading = "Ændringer fra Word – godkendt ved importen:"
    report.changes = [describe(c) for c in accepted]
    report.changes += [f"IKKE godkendt: {describe(c)}: {reason}" for c, reason in refused]
    report.recognised = [
        (
            f"Teksten er ændret i Word: {_count(len(accepted), 'ændring', 'ændringer')} er "
            f"godkendt{f', {len(refused)} venter' if refused else ''}."
        )
        if line.startswith("Teksten er ændret i Word")
        else line
        for line in report.recognised
    ]


def comment_lines(returned: ReturnedFile) -> list[str]:
    out = []
    for comment in returned.comments:
        state = " (løst)" if comment.resolved else ""
        replies = f" – {len(comment.replies)} svar" if comment.replies else ""
        quote = f" om »{short(comment.quote, 40)}«" if comment.quote else ""
        out.append(f"{comment.author or 'ukendt'}{quote}: {short(comment.text)}{replies}{state}")
    return out


def formatting_line(count: int) -> str:
    return (
        f"{_count(count, 'formateringsændring', 'formateringsændringer')} i Word (fx fed eller "
        "kursiv skrift) er ikke en del af kladden og er set bort fra."
    )


def add_foreign_review(result: ImportResult, data: bytes, name: str) -> None:
    """Someone else's Word file: its tracked changes (accepted by the import)
    and its comments listed in the report, the comments kept on the draft."""
    from forms.roundtrip.foreign import anchor_comments, summarise

    summary = summarise(data, name)
    report = result.report
    if summary.changes:
        report.changes = summary.changes
        report.changes_heading = (
            "Registrerede ændringer i Word-filen – godkendt ved importen (teksten er læst, "
            "som den står med ændringerne):"
        )
    if summary.formatting:
        report.recognised.append(formatting_line(summary.formatting))
    if summary.comments:
        result.draft.comments = anchor_comments(result.draft, summary.comments)
        report.comments = [
            f"{c.author or 'ukendt'}{f' om »{short(c.quote, 40)}«' if c.quote else ''}: "
            f"{short(c.text)}" + (f" – {len(c.replies)} svar" if c.replies else "")
            for c in result.draft.comments
        ]
        report.recognised.append(
            f"{_count(len(summary.comments), 'kommentar', 'kommentarer')} fra Word er gemt i kladden."
        )


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"
