"""The navigator: the header and litra a-f, each with its state and a severity icon."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle

from desktop import theme
from desktop.panels import icons
from desktop.session.partstate import PartSummary, State, part_title
from forms.findings import Severity

PART_ROLE = Qt.ItemDataRole.UserRole + 1


class Navigator(QListWidget):
    partSelected = Signal(str)
    activated_part = Signal(str)
    """Enter or double-click: move into the part's form."""

    def __init__(self, parts: tuple[str, ...], parent=None):
        super().__init__(parent)
        self.setAccessibleName("Oversigt over aktstykkets dele")
        self.setAccessibleDescription("Vælg en del med piletasterne; Enter går til dens formular.")
        self.setIconSize(QSize(18, 18))
        self.setSpacing(2)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self._items: dict[str, QListWidgetItem] = {}
        for part in parts:
            self.add_part(part, part_title(part))
        self.currentItemChanged.connect(self._on_current)
        self.itemActivated.connect(lambda item: self.activated_part.emit(item.data(PART_ROLE)))

    def add_part(self, part: str, text: str) -> QListWidgetItem:
        """Add an entry (later issues add e.g. 'Godkendelser')."""
        item = QListWidgetItem(text)
        item.setData(PART_ROLE, part)
        item.setData(Qt.ItemDataRole.UserRole + 2, text)
        self.addItem(item)
        self._items[part] = item
        return item

    def parts(self) -> list[str]:
        return [self.item(row).data(PART_ROLE) for row in range(self.count())]

    def current_part(self) -> str | None:
        item = self.currentItem()
        return item.data(PART_ROLE) if item else None

    def select_part(self, part: str) -> None:
        item = self._items.get(part)
        if item is not None and item is not self.currentItem():
            self.setCurrentItem(item)

    def _on_current(self, current: QListWidgetItem | None, _previous) -> None:
        if current is not None:
            self.partSelected.emit(current.data(PART_ROLE))

    def set_summary(self, part: str, summary: PartSummary) -> None:
        item = self._items[part]
        name = item.data(Qt.ItemDataRole.UserRole + 2)
        state_text = summary.text()
        item.setText(f"{name}\n{state_text}")
        item.setToolTip(f"{name}: {state_text}")
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{name}, {state_text}")
        item.setData(Qt.ItemDataRole.UserRole + 3, summary.state.value)
        style = self.style()
        worst = summary.worst
        if summary.state is State.EMPTY:
            # An empty litra is reported by the checks, but it is a task, not a mistake.
            icon = icons.empty_icon()
        elif worst is Severity.ERROR:
            icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        elif worst is Severity.WARNING:
            icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        elif summary.state is State.NOT_ALLOWED:
            icon = icons.not_allowed_icon()
        elif summary.state is State.OMITTED:
            icon = icons.omitted_icon()
        elif worst is Severity.INFO and summary.state is not State.OK:
            icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        else:
            icon = icons.ok_icon()
        item.setIcon(icon)
        dimmed = summary.state in (State.OMITTED, State.NOT_ALLOWED) and not summary.present
        item.setForeground(QBrush(theme.muted()) if dimmed else QBrush())

    def state_of(self, part: str) -> str:
        return self._items[part].data(Qt.ItemDataRole.UserRole + 3) or ""
