"""The dialog in which someone signs off the current content as a role.

Shown through desktop.dialogs.ask_signoff, so tests answer it without a window.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class SignOffDialog(QDialog):
    def __init__(
        self,
        roles: tuple[str, ...],
        role: str,
        name: str,
        fingerprint: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Godkend aktstykket")
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)

        explanation = QLabel(
            "Godkendelsen gælder præcis det indhold, aktstykket har nu "
            f"(fingeraftryk <b>{fingerprint}</b>). Ændres teksten, et beløb, en dato "
            "eller ministeren bagefter, bliver godkendelsen forældet og skal gives igen."
        )
        explanation.setWordWrap(True)
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
        self.name = QLineEdit(name)
        self.name.setAccessibleName("Navn")
        self.name.setPlaceholderText("Fulde navn på den, der godkender")
        name_label = QLabel("&Navn:")
        name_label.setBuddy(self.name)
        form.addRow(name_label, self.name)
        layout.addLayout(form)

        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("&Godkend", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Annuller", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._update_ok)
        self._update_ok()
        self.name.setFocus()

    def _update_ok(self) -> None:
        # A sign-off without a name is refused by forms.signoff; say so before.
        self.ok.setEnabled(bool(self.name.text().strip()))

    def choice(self) -> tuple[str, str]:
        return self.role.currentText(), self.name.text().strip()
