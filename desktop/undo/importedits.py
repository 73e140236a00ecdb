"""Undo commands for what an import leaves on the draft: confirming amounts taken
over from a previous aktstykke (R-01) and dismissing import notes (I-01).

Both keep the list as it was before and after, so undo and redo restore exactly
the same marks; what a mark or a note is belongs to forms.importing.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from desktop.session.document import DraftDocument
from desktop.undo.edits import Place
from forms.importing import confirm_review, dismiss_import_note
from forms.model import ImportNote, ReviewMark


class _ListChange(QUndoCommand):
    """Swap one of the draft's lists ('review' or 'import_notes') in and out."""

    def __init__(self, document: DraftDocument, name: str, text: str, place: Place, make):
        super().__init__(text)
        self.document = document
        self.name = name
        self.place = place
        self.before = list(getattr(document.draft, name))
        scratch = document.draft.model_copy(update={name: list(self.before)})
        make(scratch)
        self.after = list(getattr(scratch, name))
        self._done_once = False

    def _apply(self, value: list) -> None:
        setattr(self.document.draft, self.name, list(value))
        # No view shows these lists; the checks and the findings follow them.
        self.document.contentChanged.emit()

    def redo(self) -> None:
        self._apply(self.after)
        if self._done_once:
            self.document.revealRequested.emit(self.place)
        self._done_once = True

    def undo(self) -> None:
        self._apply(self.before)
        self.document.revealRequested.emit(self.place)


class ConfirmAmounts(_ListChange):
    """The author confirms amounts taken over from the previous aktstykke."""

    def __init__(self, document: DraftDocument, marks: list[ReviewMark], text: str, place: Place):
        def confirm(draft) -> None:
            for mark in marks:
                confirm_review(draft, mark)

        super().__init__(document, "review", text, place, confirm)


class DismissImportNote(_ListChange):
    """The author accepts imported text where it stands."""

    def __init__(self, document: DraftDocument, note: ImportNote, place: Place):
        super().__init__(
            document,
            "import_notes",
            "afvis bemærkning om importeret tekst",
            place,
            lambda draft: dismiss_import_note(draft, note),
        )
