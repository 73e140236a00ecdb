"""Finansministeriet's consent to an aktstykke, as litra f, the navigator and the
document all show it: granted, awaited, or not needed (exempt).

Litra f is never typed: its sentence comes from Finansministeriet's sign-off,
recorded with its reference and signed under a trusted certificate, for the
current content (forms.signoff). Worked out here once; the editor's note on f,
its navigator line and the exporters' layout only show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from forms.model import Aktstykke, SignOff
from forms.pkitrust import TrustStore
from forms.signoff import FM_AWAITING_TEXT, FM_CONSENT_TEXT, current_signoff, role_config


class ConsentState(StrEnum):
    GRANTED = "godkendt"
    AWAITING = "afventer Finansministeriets godkendelse"
    EXEMPT = "undtaget fra Finansministeriets tilslutning"


NAVIGATOR_NOTES = {
    ConsentState.GRANTED: "godkendt af Finansministeriet",
    ConsentState.AWAITING: "afventer Finansministeriet",
    ConsentState.EXEMPT: "udelades: undtaget fra FM's tilslutning",
}
"""What the navigator says after litra f's state (it is narrow)."""


@dataclass(frozen=True)
class Consent:
    state: ConsentState
    record: SignOff | None = None
    """Finansministeriet's sign-off that counts (GRANTED only)."""
    stated: SignOff | None = None
    """A consent an imported source only stated (AWAITING only): it does not count."""

    @property
    def sentence(self) -> str | None:
        """Litra f's sentence in the document; None when f is left out (exempt)."""
        if self.state is ConsentState.EXEMPT:
            return None
        return FM_CONSENT_TEXT if self.state is ConsentState.GRANTED else FM_AWAITING_TEXT

    @property
    def navigator_note(self) -> str:
        return NAVIGATOR_NOTES[self.state]


def fm_consent(draft: Aktstykke, fp: str | None = None, trust: TrustStore | None = None) -> Consent:
    """Finansministeriet's consent to the draft's current content (`fp`, its
    fingerprint, when the caller already has it)."""
    if draft.flags.fm_consent_exempt:
        return Consent(ConsentState.EXEMPT)
    fm = role_config().finansministeriet
    # Checking signatures costs the fingerprint: only when a sign-off could count.
    if any(s.role == fm and s.revoked is None for s in draft.signoffs):
        record = current_signoff(draft, fm, fp, trust)
        if record is not None:
            return Consent(ConsentState.GRANTED, record=record)
    stated = next((s for s in draft.signoffs if s.source and s.revoked is None), None)
    return Consent(ConsentState.AWAITING, stated=stated)
