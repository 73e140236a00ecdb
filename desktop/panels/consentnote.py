"""Litra f's note: the sentence is not typed, it comes from Finansministeriet's consent.

Shown at the top of f's form. It shows the sentence as the document will have
it (read-only), whether Finansministeriet's consent is recorded for the current
content (by whom, with Finansministeriet's reference), a consent an imported
source only stated ("oplyst i kildedokumentet", which does not count), and
where to mark the aktstykke as exempt (the header's "Forhold om sagen"; the
flag is not duplicated here). A typed copy of the sentence in f is hidden: the
document ignores it, so editing it would only mislead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from desktop.session.contentfingerprint import ContentFingerprint
from desktop.session.document import DraftDocument
from forms.consent import ConsentState, fm_consent
from forms.signoff import is_consent_sentence


class ConsentNote(QFrame):
    exemptionRequested = Signal()
    """The author followed the link to the exemption flag in the header."""

    def __init__(
        self, document: DraftDocument, form, content: ContentFingerprint | None = None, parent=None
    ):
        super().__init__(parent)
        self.doc = document
        self.content = content or ContentFingerprint(document)
        self.form = form
        self.setObjectName("consentNote")
        self.setAccessibleName("Finansministeriets tilslutning")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        self.sentence = QLabel()
        self.sentence.setObjectName("consentSentence")
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sentence.setAccessibleName("Punkt f i dokumentet")
        self.state = QLabel()
        self.state.setObjectName("consentState")
        self.state.setAccessibleName("Finansministeriets godkendelse")
        self.state.setWordWrap(True)
        self.explanation = QLabel(
            "Punkt f skrives ikke: sætningen dannes af Finansministeriets godkendelse "
            "under Godkendelser, og den følger altid det nuværende indhold. Er sagen "
            'undtaget (fx tips- og lottomidler), sæt flueben under <a href="#">Hoved › '
            "Forhold om sagen</a>; så udelades punkt f."
        )
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.RichText)
        self.explanation.linkActivated.connect(lambda _link: self.exemptionRequested.emit())
        for label in (self.sentence, self.state, self.explanation):
            layout.addWidget(label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        for signal in (document.contentChanged, document.replaced, document.sectionToggled):
            signal.connect(self._schedule)
        document.signoffsChanged.connect(self.refresh)
        self.refresh()

    def _schedule(self) -> None:
        # Hidden (a tab behind Fund, another litra shown): redrawn when shown.
        if self.isVisible():
            self._timer.start()

    def refresh(self) -> None:
        self._timer.stop()
        consent = fm_consent(self.doc.draft, self.content.value())
        state: str = consent.state.value
        if consent.state is ConsentState.EXEMPT:
            self.sentence.setText("<i>Punkt f udelades i dokumentet.</i>")
            colour, background = "#4a5560", "#f3f6fa"
        elif consent.state is ConsentState.GRANTED:
            self.sentence.setText(f"<b>f.</b> {consent.sentence}")
            colour, background = "#2e7d32", "#eef7ee"
            record = consent.record
            if record is not None and record.reference is not None:
                ref = record.reference
                state = (
                    f"{state} – modtaget af {record.name}; Finansministeriets j.nr. "
                    f"{ref.journal} af {ref.date:%d.%m.%Y}, sendt af {ref.sender}"
                )
        else:
            self.sentence.setText(f"<b>f.</b> {consent.sentence}")
            colour, background = "#a35200", "#fff6e8"
            stated = consent.stated
            if stated is not None:
                state = (
                    f"{state} – kilden »{stated.source}« siger, at tilslutningen foreligger "
                    "(oplyst i kildedokumentet); det tæller ikke. Registrér den under "
                    "Godkendelser med Finansministeriets reference"
                )
        self.state.setText(f"Status: {state}")
        self.state.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.setStyleSheet(
            f"QFrame#consentNote {{ background: {background}; border: 1px solid #d5dde8; "
            "border-radius: 4px; }"
        )
        self.hide_typed_sentence()

    def hide_typed_sentence(self) -> None:
        """Hide f's typed copies of the sentence (never the block being edited)."""
        section = self.doc.section("f")
        if section is None:
            return
        for index, frame in enumerate(self.form.frames):
            if index >= len(section.blocks) or frame.has_focus():
                continue
            withheld = is_consent_sentence(section.blocks[index])
            if withheld != frame.withheld:
                frame.withheld = withheld
                frame.setVisible(not withheld)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()  # f's blocks are built when the form is first shown
