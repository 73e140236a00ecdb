"""Undo commands for sign-offs, revocations and the final export's audit line.

Each keeps the sign-offs and the audit trail as they were before and after, so
undo and redo restore exactly the same records (the same times). The records
themselves are made by forms.signoff; nothing here decides what a sign-off is.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from desktop.document import DraftDocument
from forms.model import AuditEvent
from forms.signoff import revoke, sign_off


class _SignOffChange(QUndoCommand):
    """A change made once by `make(draft)`; afterwards swapped in and out."""

    def __init__(self, document: DraftDocument, text: str, make):
        super().__init__(text)
        self.document = document
        draft = document.draft
        self.before = (list(draft.signoffs), list(draft.audit))
        # Made on a copy so that a refused change (SignOffError) leaves the draft as it was.
        scratch = draft.model_copy(
            update={"signoffs": list(draft.signoffs), "audit": list(draft.audit)}
        )
        self.result = make(scratch)
        self.after = (list(scratch.signoffs), list(scratch.audit))

    def redo(self) -> None:
        self.document.apply_signoffs(*self.after)

    def undo(self) -> None:
        self.document.apply_signoffs(*self.before)


class SignOffCommand(_SignOffChange):
    """Sign off the current content as a role. Raises SignOffError (Danish
    `.message`) before anything changes when the role or name is refused."""

    def __init__(self, document: DraftDocument, role: str, name: str):
        super().__init__(document, f"godkend som {role}", lambda draft: sign_off(draft, role, name))


class RevokeCommand(_SignOffChange):
    """Withdraw sign-off number `index`; it stays in the history, marked revoked."""

    def __init__(self, document: DraftDocument, index: int, name: str):
        signoffs = document.draft.signoffs
        role = signoffs[index].role if 0 <= index < len(signoffs) else ""
        super().__init__(
            document,
            f"tilbagekald godkendelse som {role}".rstrip(),
            lambda draft: revoke(draft, index, name),
        )


class AuditLine(_SignOffChange):
    """Add an audit line already made elsewhere (the final export's, which the
    exported file carries too)."""

    def __init__(self, document: DraftDocument, event: AuditEvent, text: str):
        super().__init__(document, text, lambda draft: self._append(draft, event))

    @staticmethod
    def _append(draft, event: AuditEvent) -> AuditEvent:
        draft.audit = [*draft.audit, event]
        return event
