"""Before the final export: every open warning shown and acknowledged by name.

Shown through desktop.dialogs.ask_acknowledge_warnings, so tests answer it. What
was acknowledged, by whom and when, goes into the audit trail
(forms.signoff.record_final_export).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import accessibility


class AcknowledgeDialog(QDialog):
    def __init__(self, warnings: list[str], signer: str, parent: QWidget | None = None):
        super().__init__(parent)
        accessibility.focus_visible_from_start(self)
        self.setWindowTitle("Åbne advarsler før den endelige udgave")
        self.setMinimumSize(560, 320)
        layout = QVBoxLayout(self)
        count = len(warnings)
        intro = QLabel(
            f"Tjekket har {count} åben{'' if count == 1 else 'e'} "
            f"advarsel{'' if count == 1 else 'er'}. Læs {'den' if count == 1 else 'dem'}, før "
            "den endelige udgave laves til ministerens underskrift. Kvitteringen skrives i "
            f"kladdens logbog med dit navn ({signer}) og tidspunktet."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName("Åbne advarsler")
        self.list.setWordWrap(True)
        self.list.addItems(warnings)
        layout.addWidget(self.list, 1)
        self.confirm = QCheckBox(
            f"Jeg har læst {'advarslen' if count == 1 else 'advarslerne'} og kvitterer for {'den' if count == 1 else 'dem'}"
        )
        self.confirm.setAccessibleName("Kvittér for advarslerne")
        layout.addWidget(self.confirm)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(
            "&Kvittér og eksportér", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton("Annuller", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.ok.setEnabled(False)
        self.confirm.toggled.connect(self.ok.setEnabled)
        self.confirm.setFocus()
