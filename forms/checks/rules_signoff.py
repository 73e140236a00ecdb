"""L-01, L-02: the sign-offs and the audit trail, reported when the draft is loaded.

A broken audit trail or an invalid signature does not stop the draft from
opening: it is an error here (and blocks the final export, forms/finalgate.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from forms.audit import check_audit
from forms.checks.facts import DocumentFacts, at_document
from forms.checks.registry import finding, rule
from forms.findings import Finding, Severity


@rule("L-01", Severity.ERROR, "Godkendelser og logbog er intakte", scope="document")
def audit_intact(doc: DocumentFacts) -> Iterator[Finding]:
    if not doc.draft.audit and not doc.draft.signoffs:
        return
    for problem in check_audit(doc.draft).problems:
        yield finding("L-01", at_document("signoffs"), problem)


@rule(
    "L-02",
    Severity.INFO,
    "Finansministeriets tilslutning er kun oplyst i kildedokumentet",
    scope="document",
)
def consent_only_stated(doc: DocumentFacts) -> Iterator[Finding]:
    if doc.ctx.flags.fm_consent_exempt:
        return
    for record in doc.draft.signoffs:
        if record.source and record.revoked is None:
            yield finding(
                "L-02",
                at_document("signoffs"),
                f"Kilden »{record.source}« siger, at Finansministeriets tilslutning foreligger. "
                "Det tæller ikke: den, der har modtaget tilslutningen, registrerer den under "
                "Godkendelser med Finansministeriets journalnummer, dato og afsender.",
                severity=Severity.WARNING if doc.final else Severity.INFO,
            )
            return
