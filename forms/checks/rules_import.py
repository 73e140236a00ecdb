"""I-01: imported text that had no fixed place and was put into the nearest litra.

The import records such text as an import note on the draft; the finding
points at it until the author moves, edits or dismisses it.
"""

from __future__ import annotations

from collections.abc import Iterator

from forms.checks.facts import DocumentFacts
from forms.checks.registry import rule
from forms.findings import Finding, Severity
from forms.importing.report import RULE_UNPLACED, import_findings


@rule(RULE_UNPLACED, Severity.INFO, "Importeret tekst uden fast plads", scope="document")
def unplaced_imported_text(doc: DocumentFacts) -> Iterator[Finding]:
    if doc.draft.import_notes:
        yield from import_findings(doc.draft)
