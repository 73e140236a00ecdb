"""The open draft's content fingerprint, computed once per change.

The panel, litra f's note and the sign-off commands all need it; on a large
draft it costs a few milliseconds, so it is kept until the content changes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.session.document import DraftDocument
from forms.signoff import fingerprint


class ContentFingerprint(QObject):
    def __init__(self, document: DraftDocument):
        super().__init__(document)
        self.doc = document
        self._value: str | None = None
        # Connected before any view's refresh, so no view reads an old value.
        document.contentChanged.connect(self.invalidate)
        document.replaced.connect(self.invalidate)

    @classmethod
    def of(cls, document: DraftDocument) -> ContentFingerprint:
        """The document's one cache (made on first use, kept with the document)."""
        found = document.findChild(cls)
        return found if isinstance(found, cls) else cls(document)

    def invalidate(self) -> None:
        self._value = None

    def value(self) -> str:
        if self._value is None:
            self._value = fingerprint(self.doc.draft)
        return self._value
