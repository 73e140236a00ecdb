"""The "Ny …" dialog: which kind of aktstykke to start from, for which ministry.

Shown through desktop.dialogs.ask_new, so tests answer it without a window. The
starting points themselves are data (forms/starters.py, resources/starters/).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import accessibility
from forms import ministries
from forms.starters import STARTERS, Starter


@dataclass(frozen=True)
class NewChoice:
    kind: str
    """A key of forms.starters.STARTERS."""
    ministry: str
    minister: str


class NewDialog(QDialog):
    def __init__(self, ministry: str = "", minister: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        accessibility.focus_visible_from_start(self)
        self.setWindowTitle("Nyt aktstykke")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Begynd med et tomt aktstykke, eller med punkterne, standardformuleringerne og "
            "tabellen for en almindelig slags. Tekst i [klammer] er eksempler, du skriver over."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        kinds_label = QLabel("&Slags aktstykke:")
        layout.addWidget(kinds_label)
        self.kinds = QListWidget()
        self.kinds.setAccessibleName("Slags aktstykke")
        self.kinds.setToolTip(
            "Udgangspunktet giver punkterne, standardformuleringerne og en tabel, hvor den "
            "slags aktstykke skal have en. Tekst i [klammer] er eksempler, du skriver over."
        )
        for starter in STARTERS:
            item = QListWidgetItem(starter.title)
            item.setData(Qt.ItemDataRole.UserRole, starter.key)
            item.setToolTip(starter.description)
            self.kinds.addItem(item)
        self.kinds.setCurrentRow(0)
        rows = self.kinds.sizeHintForRow(0) * self.kinds.count()
        self.kinds.setFixedHeight(rows + 2 * self.kinds.frameWidth() + 4)  # no empty space
        kinds_label.setBuddy(self.kinds)
        layout.addWidget(self.kinds)

        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setAccessibleName("Beskrivelse af udgangspunktet")
        self.description.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.description)

        form = QFormLayout()
        self.ministry = QComboBox()
        self.ministry.setEditable(True)
        self.ministry.addItems(list(ministries.names()))
        self.ministry.setCurrentText(ministry)
        self.ministry.setAccessibleName("Ministerium")
        self.ministry.setToolTip(
            "Det ministerium, der fremsætter aktstykket. Navnet sættes ind i teksten, og "
            "eksemplernes kontonumre får ministeriets paragraf på finansloven."
        )
        ministry_line = self.ministry.lineEdit()
        if ministry_line is not None:  # editable: it has one
            ministry_line.setPlaceholderText("Vælg eller skriv ministeriets navn")
        ministry_label = QLabel("&Ministerium:")
        ministry_label.setBuddy(self.ministry)
        form.addRow(ministry_label, self.ministry)
        self.minister = QLineEdit(minister)
        self.minister.setAccessibleName("Minister")
        self.minister.setPlaceholderText("Fornavn Efternavn")
        self.minister.setToolTip("Ministerens navn, som det står under underskriften.")
        minister_label = QLabel("Mini&ster:")
        minister_label.setBuddy(self.minister)
        form.addRow(minister_label, self.minister)
        layout.addLayout(form)

        self.buttons = QDialogButtonBox()
        # Not `create`: that is QWidget.create().
        self.create_button = self.buttons.addButton(
            "&Opret", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setDefault(True)
        self.buttons.addButton("Annuller", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.kinds.currentRowChanged.connect(self._show_description)
        self.kinds.itemDoubleClicked.connect(lambda _item: self.accept())
        self._show_description(self.kinds.currentRow())
        self.kinds.setFocus()

    def current(self) -> Starter:
        return STARTERS[max(self.kinds.currentRow(), 0)]

    def select(self, key: str) -> None:
        self.kinds.setCurrentRow(next(i for i, s in enumerate(STARTERS) if s.key == key))

    def choice(self) -> NewChoice:
        return NewChoice(
            self.current().key,
            " ".join(self.ministry.currentText().split()),
            " ".join(self.minister.text().split()),
        )

    def _show_description(self, row: int) -> None:
        self.description.setText(STARTERS[max(row, 0)].description)
