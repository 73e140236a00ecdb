"""The gate before the final export for the minister's signature.

A final export (no UDKAST, the fingerprint in the footer) is possible only when
no check reports an error, every required sign-off counts (signed under a
trusted certificate, current, not revoked), no signature is invalid, the audit
trail is intact, and every open warning has been shown to the person exporting
and acknowledged by name; the acknowledgement is recorded in the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from forms.checks import check_draft
from forms.findings import Finding, Severity
from forms.model import Aktstykke
from forms.pkitrust import TrustStore
from forms.signoff import fingerprint, short_fingerprint, signoff_blockers


@dataclass(frozen=True)
class FinalGate:
    blockers: list[str] = field(default_factory=list)
    """Danish reasons the final export cannot be made at all."""
    warnings: list[Finding] = field(default_factory=list)
    """Open warnings, each to be acknowledged by name before the export."""

    @property
    def open(self) -> bool:
        return not self.blockers


def final_gate(
    draft: Aktstykke,
    trust: TrustStore | None = None,
    *,
    findings: list[Finding] | None = None,
    fp: str | None = None,
) -> FinalGate:
    """The gate for the draft as it is. The editor passes the findings of its
    incremental checker (checked with `final=True`) and its cached fingerprint,
    so asking after an edit costs no fresh check; without them the draft is
    checked afresh."""
    if findings is None:
        findings = check_draft(draft, final=True)
    errors = [
        f"{f.rule} ({f.location.describe()}): {f.message}"
        for f in findings
        if f.severity is Severity.ERROR
    ]
    warnings = [f for f in findings if f.severity is Severity.WARNING]
    # The audit trail's problems are already among the errors as L-01 findings:
    # each reason once, in the order the author reads them.
    stated = {f.message for f in findings if f.severity is Severity.ERROR}
    extra = [reason for reason in signoff_blockers(draft, trust, fp) if reason not in stated]
    return FinalGate(list(dict.fromkeys(errors + extra)), warnings)


def final_export_blockers(draft: Aktstykke, trust: TrustStore | None = None) -> list[str]:
    """Every reason the draft cannot be exported for signature, in Danish
    (open warnings are not among them: they are acknowledged at the export)."""
    return final_gate(draft, trust).blockers


def warning_line(finding: Finding) -> str:
    """A warning as it is shown, acknowledged and recorded: 'E-05 (litra e): …'."""
    return f"{finding.rule} ({finding.location.describe()}): {finding.message}"


def unacknowledged(warnings: Iterable[Finding], rules: Iterable[str]) -> list[Finding]:
    """The warnings whose rule id is not among `rules` (case-insensitive)."""
    named = {r.strip().upper() for r in rules if r.strip()}
    return [w for w in warnings if w.rule.upper() not in named]


def final_footer_note(draft: Aktstykke) -> str:
    """The discreet footer of the final document: the short fingerprint."""
    return f"Godkendt version {short_fingerprint(fingerprint(draft))}"
