"""The dialog in which someone signs off the current content as a role.

The signer is not typed: it is the name in the certificate the sign-off will be
signed with (chosen under Funktioner › Indstillinger). For Finansministeriet the
person recording is the one who received the consent, and the dialog asks for
Finansministeriet's reference: journal number, date and who sent it.

Shown through desktop.dialogs.ask_signoff, so tests answer it without a window.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import accessibility, theme
from desktop.dialogs.screenfit import ScreenFit
from forms.model import ConsentReference
from forms.pki import PkiError, check_name


class SignOffDialog(QDialog):
    def __init__(
        self,
        roles: tuple[str, ...],
        role: str,
        signer: str,
        fingerprint: str,
        finansministeriet: str,
        parent: QWidget | None = None,
        *,
        signer_note: str = "",
    ):
        super().__init__(parent)
        accessibility.focus_visible_from_start(self)
        self.finansministeriet = finansministeriet
        self.setWindowTitle("Godkend aktstykket")
        self.setMinimumWidth(480)
        outer = QVBoxLayout(self)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        # Always as tall as what it shows: Finansministeriet's fields come and go;
        # taller than the screen (200 % zoom), the body scrolls above the buttons.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        self.body = ScreenFit(body)
        outer.addWidget(self.body)

        explanation = QLabel(
            "Godkendelsen gælder præcis det indhold, aktstykket har nu "
            f"(fingeraftryk <b>{fingerprint}</b>), og underskrives med dit certifikat. "
            "Ændres teksten, et beløb, en dato eller ministeren bagefter, bliver "
            "godkendelsen forældet og skal gives igen."
        )
        explanation.setWordWrap(True)
        explanation.setMinimumWidth(460)  # the fixed-size layout wraps at this width
        layout.addWidget(explanation)

        form = QFormLayout()
        self.role = QComboBox()
        self.role.addItems(list(roles))
        if role in roles:
            self.role.setCurrentIndex(roles.index(role))
        self.role.setAccessibleName("Rolle")
        role_label = QLabel("&Rolle:")
        role_label.setBuddy(self.role)
        form.addRow(role_label, self.role)
        self.signer = QLabel(f"<b>{_escape(signer)}</b>")
        self.signer.setObjectName("signoffSigner")
        self.signer.setAccessibleName("Underskriver (fra certifikatet)")
        self.signer.setToolTip(
            signer_note or "Navnet står i dit certifikat; det kan ikke rettes her."
        )
        form.addRow(QLabel("Underskriver:"), self.signer)
        layout.addLayout(form)
        note = QLabel(
            "Navnet kommer fra dit certifikat. Et andet certifikat vælges under "
            "Funktioner › Indstillinger."
        )
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {theme.css(theme.muted())};")
        layout.addWidget(note)

        self.consent = QGroupBox("Finansministeriets tilslutning")
        self.consent.setAccessibleName("Finansministeriets reference")
        consent_form = QFormLayout(self.consent)
        intro = QLabel(
            "Du registrerer den tilslutning, du har modtaget. Angiv Finansministeriets "
            "reference, som den står i brevet eller mailen."
        )
        intro.setWordWrap(True)
        consent_form.addRow(intro)
        self.journal = QLineEdit()
        self.journal.setAccessibleName("Finansministeriets journalnummer")
        self.journal.setPlaceholderText("fx 2024-18820")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd.MM.yyyy")
        self.date.setDate(QDate.currentDate())
        self.date.setMaximumDate(QDate.currentDate().addDays(1))
        self.date.setAccessibleName("Dato for tilslutningen")
        self.sent_by = QLineEdit()
        self.sent_by.setAccessibleName("Afsender hos Finansministeriet")
        self.sent_by.setPlaceholderText("navn og kontor hos Finansministeriet")
        for text, field in (
            ("&Journalnummer:", self.journal),
            ("&Dato:", self.date),
            ("&Sendt af:", self.sent_by),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            consent_form.addRow(label, field)
        layout.addWidget(self.consent)

        self.problem = QLabel()
        self.problem.setObjectName("signoffProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {theme.fg(theme.Meaning.ERROR)};")
        layout.addWidget(self.problem)

        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("&Godkend", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Annuller", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.role.currentTextChanged.connect(self._update)
        self.journal.textChanged.connect(self._update)
        self.sent_by.textChanged.connect(self._update)
        self._update()
        self.role.setFocus()

    def is_consent(self) -> bool:
        return self.role.currentText() == self.finansministeriet

    def _update(self) -> None:
        self.consent.setVisible(self.is_consent())
        problem = self._problem()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.ok.setEnabled(not problem)

    def _problem(self) -> str:
        """Why the sign-off cannot be given yet ('' when it can); forms.signoff
        refuses the same, this says so before."""
        if not self.is_consent():
            return ""
        for field, what in (
            (self.journal, "Journalnummeret"),
            (self.sent_by, "Afsenderen"),
        ):
            if not field.text().strip():
                return f"{what} hos Finansministeriet mangler."
            try:
                check_name(field.text(), what)
            except PkiError as exc:
                return exc.message
        return ""

    def reference(self) -> ConsentReference | None:
        if not self.is_consent():
            return None
        day = self.date.date()
        return ConsentReference(
            journal=self.journal.text().strip(),
            date=dt.date(day.year(), day.month(), day.day()),
            sender=self.sent_by.text().strip(),
        )

    def choice(self) -> tuple[str, ConsentReference | None]:
        return self.role.currentText(), self.reference()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
