"""Hjælp → Tastaturgenveje (F1): every shortcut and what it does, in two aligned columns."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import accessibility


class ShortcutsDialog(QDialog):
    """A read-only table (Genvej | Handling) closed with OK."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        accessibility.focus_visible_from_start(self)
        self.setWindowTitle("Tastaturgenveje")
        layout = QVBoxLayout(self)
        intro = QLabel("Tastaturgenvejene i Aktstykke:")
        layout.addWidget(intro)
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels(["Genvej", "Handling"])
        self.table.setAccessibleName("Tastaturgenveje")
        self.table.setToolTip("Tastaturgenvejene og hvad de gør")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        for row, (keys, name) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(name))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        intro.setBuddy(self.table)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton("OK", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(520, min(640, 120 + 26 * len(rows)))
