"""The import report dock: what an import recognised and what it guessed.

Shown after File → Importér and Ny fra tidligere aktstykke, beside the
preview, so the author can work down the guessed items while the findings
(I-01, R-01) stay in view below.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from desktop import theme
from forms.importing import ImportReport

EMPTY_TEXT = (
    "Der er ikke importeret noget i dette vindue. Brug Filer → Importér … eller "
    "Filer → Ny fra tidligere aktstykke …"
)


class ImportReportView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.heading = QLabel(EMPTY_TEXT)
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("Importens kilde")
        layout.addWidget(self.heading)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Importrapport")
        self.browser.setOpenLinks(False)
        self.browser.setVisible(False)
        layout.addWidget(self.browser, 1)
        self.heading.setBuddy(self.browser)
        self._lines: list[str] = []

    def is_empty(self) -> bool:
        return not self._lines

    def lines(self) -> list[str]:
        """The report as plain lines (the import's own lines, then the editor's)."""
        return list(self._lines)

    def clear(self) -> None:
        self._lines = []
        self.heading.setText(EMPTY_TEXT)
        self.browser.clear()
        self.browser.setVisible(False)

    def show_report(self, heading: str, report: ImportReport, after: list[str]) -> None:
        """`heading` names what happened; `after` says what the author does next."""
        self._lines = [*report.lines(), *after]
        self.heading.setText(f"<b>{escape(heading)}</b>")
        parts = []
        if report.recognised:
            parts.append(_section("Genkendt", report.recognised))
        if report.guessed:
            parts.append(_section("Gættet eller mangler – kontrollér", report.guessed, warn=True))
        else:
            parts.append("<p>Intet er gættet.</p>")
        parts += [f"<p>{escape(line)}</p>" for line in after]
        self.browser.setHtml("".join(parts))
        self.browser.setVisible(True)


def _section(title: str, items: list[str], *, warn: bool = False) -> str:
    colour = theme.fg(theme.Meaning.WARNING if warn else theme.Meaning.INFO)
    rows = "".join(f"<li>{escape(item)}</li>" for item in items)
    return (
        f"<p style='margin-bottom:2px'><b style='color:{colour}'>{escape(title)}</b></p>"
        f"<ul style='margin-top:0'>{rows}</ul>"
    )
