"""I-01: imported text that had no fixed place and was put into the nearest litra.

The import records such text as an import note on the draft; the finding
points at it until the author moves, edits or dismisses it.
"""

from __future__ import annotations

from collections.abc import Iterator

from forms.checks.facts import DocumentFacts, at_document
from forms.checks.registry import finding, rule
from forms.findings import Finding, Severity
from forms.importing.report import RULE_UNPLACED, import_findings


@rule(RULE_UNPLACED, Severity.INFO, "Importeret tekst uden fast plads", scope="document")
def unplaced_imported_text(doc: DocumentFacts) -> Iterator[Finding]:
    if doc.draft.import_notes:
        yield from import_findings(doc.draft)


@rule("I-02", Severity.WARNING, "Ændringer fra Word afventer gennemgang", scope="document")
def pending_word_changes(doc: DocumentFacts) -> Iterator[Finding]:
    """Changes from a returned Word file that nobody accepted or rejected yet: the
    draft does not say what the colleague wrote, so the final export waits for them."""
    pending = doc.draft.pending_changes
    if not pending:
        return
    authors = sorted({c.author or "ukendt forfatter" for c in pending})
    who = f" (fra {', '.join(authors)})" if authors else ""
    count = f"{len(pending)} ændring{'er' if len(pending) != 1 else ''}"
    yield finding(
        "I-02",
        at_document(),
        f"{count} fra en returneret Word-fil{who} venter på at blive godtaget eller afvist "
        "(»Ændringer fra Word«). Den endelige udgave laves først, når de er gennemgået.",
        severity=Severity.ERROR if doc.final else Severity.WARNING,
    )
