"""The live preview: the exporters' HTML of the draft in a QTextBrowser.

The HTML comes from exporters.html (the same layout as the Word file). The view
keeps its scroll position while the author types, and moves to the part being
edited when the author moves to another part.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from desktop.partstate import HEADER

ANCHORS = {HEADER: "header", **{letter: f"litra-{letter}" for letter in "abcdef"}}


class PreviewView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        layout.addWidget(self.notice)
        self.label = QLabel("Sådan ser aktstykket ud i Word (opdateres, mens du skriver):")
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #4a5560;")
        layout.addWidget(self.label)
        self.browser = QTextBrowser()
        self.label.setBuddy(self.browser)
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Forhåndsvisning af aktstykket")
        self.browser.setAccessibleDescription(
            "Sådan ser aktstykket ud i Word; opdateres mens du skriver."
        )
        layout.addWidget(self.browser, 1)
        self._html = ""
        self._anchor: str | None = None

    def html(self) -> str:
        return self._html

    def set_unavailable(self, message: str) -> None:
        self.notice.setText(message)
        self.notice.setVisible(True)

    def set_html(self, html: str, anchor: str | None) -> None:
        """Show new HTML; keep the scroll position while the author stays in one
        place, and scroll to the new place when the author moved."""
        self.notice.setVisible(False)
        moved = anchor != self._anchor
        if html != self._html:
            bar = self.browser.verticalScrollBar()
            position = bar.value()
            self._html = html
            self.browser.setHtml(html)
            if not moved:
                bar.setValue(position)
        if moved and anchor is not None:
            self.scroll_to(anchor)

    def scroll_to(self, anchor: str) -> None:
        self._anchor = anchor
        if self._html:
            self.browser.scrollToAnchor(anchor)


def anchor_for(part: str, block: int | None = None) -> str:
    """The exporters' anchor of a part or of one block of a litra ('litra-b-3')."""
    if part in ANCHORS and part != HEADER and block is not None and block >= 0:
        return f"litra-{part}-{block}"
    return ANCHORS.get(part, "header")
