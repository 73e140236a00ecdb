"""The gate before the final export for the minister's signature.

A final export (no UDKAST, the fingerprint in the footer) is possible only when
no check reports an error and every required sign-off is current.
"""

from __future__ import annotations

from forms.checks import check_draft
from forms.findings import Severity
from forms.model import Aktstykke
from forms.signoff import fingerprint, short_fingerprint, signoff_blockers


def final_export_blockers(draft: Aktstykke) -> list[str]:
    """Every reason the draft cannot be exported for signature, in Danish."""
    reasons = [
        f"{finding.rule} ({finding.location.describe()}): {finding.message}"
        for finding in check_draft(draft, final=True)
        if finding.severity is Severity.ERROR
    ]
    return reasons + signoff_blockers(draft)


def final_footer_note(draft: Aktstykke) -> str:
    """The discreet footer of the final document: the short fingerprint."""
    return f"Godkendt version {short_fingerprint(fingerprint(draft))}"
