"""R-01: amounts taken over from a previous aktstykke, not yet confirmed.

'Ny fra tidligere aktstykke' marks every amount (forms.importing.previous);
each stays a warning until the author changes it or confirms it in the editor.
"""

from __future__ import annotations

from collections.abc import Iterator

from forms.checks.facts import DocumentFacts
from forms.checks.registry import rule
from forms.findings import Finding, Severity
from forms.importing.previous import RULE_REVIEW, review_findings


@rule(RULE_REVIEW, Severity.WARNING, "Beløb overtaget fra et tidligere aktstykke", scope="document")
def amounts_to_review(doc: DocumentFacts) -> Iterator[Finding]:
    if doc.draft.review:
        yield from review_findings(doc.draft)
