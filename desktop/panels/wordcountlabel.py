"""The word count in the status bar: the whole draft and the litra being written."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from desktop.editors.spellhighlight import service
from desktop.session.document import DraftDocument
from forms.model import LETTERS
from forms.wordcount import draft_words, format_count, section_words

DELAY_MS = 300


class WordCountLabel(QLabel):
    """'1.234 ord · litra b: 456 ord', recounted after a pause in typing."""

    def __init__(self, doc: DraftDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.part: str | None = None
        self.setAccessibleName("Antal ord")
        self.setToolTip(
            "Antal ord i hele aktstykket (punkterne a–f) og i det punkt, du skriver i. "
            "Tabellernes tal tælles ikke med."
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.recount)
        doc.contentChanged.connect(self._timer.start)
        doc.replaced.connect(self.recount)
        self.spelling_off: str | None = None
        spell = service()  # starts opening the dictionary now, in the background
        spell.unavailable.connect(self._spelling_unavailable)
        if spell.checker.unavailable:
            self._spelling_unavailable(spell.checker.unavailable)
        self.recount()

    def _spelling_unavailable(self, reason: str) -> None:
        self.spelling_off = reason
        self.setToolTip(f"{self.toolTip()}\n\n{reason}")
        self.recount()

    def set_part(self, part: str) -> None:
        """The part shown in the editor: a litra letter, or another part (no litra count)."""
        self.part = part
        self.recount()

    def recount(self) -> None:
        draft = self.doc.draft
        text = format_count(draft_words(draft))
        section = draft.section(self.part) if self.part in LETTERS else None
        if section is not None:
            text += f" · litra {section.letter}: {format_count(section_words(section))}"
        if self.spelling_off:
            text += " · uden stavekontrol"
        self.setText(text)
