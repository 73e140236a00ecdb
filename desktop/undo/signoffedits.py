"""Sign-offs, revocations and the final export's audit lines in the editor.

The audit trail only grows. A sign-off is an undoable command whose undo does
not remove it: undo appends a revocation signed by the same person (and redo
signs off again, a new entry). A revocation and a final export cannot be
undone at all, so they are applied outside the undo stack and only mark the
draft modified. The records themselves are made by forms.signoff.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from desktop.session.document import DraftDocument
from forms.model import Aktstykke, AuditEvent, ConsentReference, SignOff
from forms.pki import Identity
from forms.signoff import revoke, sign_off


def _scratch(draft: Aktstykke) -> Aktstykke:
    # Changes are made on a copy so that a refused one (SignOffError) leaves the draft as it was.
    return draft.model_copy(update={"signoffs": list(draft.signoffs), "audit": list(draft.audit)})


def apply_change(document: DraftDocument, make) -> object:
    """Make a change of sign-offs and audit with `make(draft)` and apply it for
    good (not undoable). Raises what `make` raises, before anything changes."""
    scratch = _scratch(document.draft)
    result = make(scratch)
    document.apply_signoffs(scratch.signoffs, scratch.audit)
    document.mark_dirty()
    return result


class SignOffCommand(QUndoCommand):
    """Sign off the current content as a role. Raises SignOffError (Danish
    `.message`) before anything changes when the role or reference is refused."""

    def __init__(
        self,
        document: DraftDocument,
        role: str,
        identity: Identity,
        reference: ConsentReference | None = None,
    ):
        super().__init__(f"godkend som {role}")
        self.document = document
        self.role, self.identity, self.reference = role, identity, reference
        scratch = _scratch(document.draft)
        self.record = sign_off(scratch, role, identity, reference=reference)
        self._prepared: tuple[list[SignOff], list[AuditEvent]] | None = (
            scratch.signoffs,
            scratch.audit,
        )
        self.index = len(scratch.signoffs) - 1

    def redo(self) -> None:
        if self._prepared is not None:
            signoffs, audit = self._prepared
            self._prepared = None
            self.document.apply_signoffs(signoffs, audit)
            return
        # Redo after an undo: a new sign-off (the revoked one stays in the history).
        scratch = _scratch(self.document.draft)
        self.record = sign_off(scratch, self.role, self.identity, reference=self.reference)
        self.index = len(scratch.signoffs) - 1
        self.document.apply_signoffs(scratch.signoffs, scratch.audit)
        self.document.mark_dirty()

    def undo(self) -> None:
        """Withdraw the sign-off: a signed revocation is appended, nothing removed."""
        scratch = _scratch(self.document.draft)
        if scratch.signoffs[self.index].revoked is None:
            revoke(scratch, self.index, self.identity)
            self.document.apply_signoffs(scratch.signoffs, scratch.audit)
            # The undo stack is back where it was, the audit trail is not: save it.
            self.document.mark_dirty()


def revoke_signoff(document: DraftDocument, index: int, identity: Identity):
    """Withdraw sign-off number `index` for good: it stays in the history, marked."""
    return apply_change(document, lambda draft: revoke(draft, index, identity))
