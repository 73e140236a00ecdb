"""The navigator: the header and litra a-f, each with its state and a severity icon."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from desktop import theme
from desktop.panels import icons
from desktop.session.partstate import PartSummary, State, part_title
from forms.findings import Severity

PART_ROLE = Qt.ItemDataRole.UserRole + 1
PADDING = 4
"""Around an entry's icon and text, in pixels."""
ICON_GAP = 6
MAX_WIDTH = 320
"""The navigator never asks for more than this, however long a state gets."""


SHORTEST_TAIL = 3
"""A word broken across lines leaves at least this many letters for the next."""


def wrapped(text: str, font: QFont, width: int) -> list[str]:
    """``text`` broken into the lines that fit ``width`` pixels: at spaces, or
    with a hyphen inside a word that is wider than the line by itself."""
    metrics = QFontMetrics(font)
    if width <= 0 or metrics.horizontalAdvance(text) <= width:
        return [text]
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while len(word) > 1 and metrics.horizontalAdvance(word) > width:
            cut = len(word) - 1
            while cut > 1 and metrics.horizontalAdvance(word[:cut] + "-") > width:
                cut -= 1
            # "forelæggelse-" over "n" reads badly: leave the next line a few letters.
            if len(word) > 2 * SHORTEST_TAIL:
                cut = min(cut, len(word) - SHORTEST_TAIL)
            lines.append(word[:cut] + "-")
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


class TwoLineDelegate(QStyledItemDelegate):
    """Each entry on two lines: the part's name, and its state under it.

    The navigator asks for the width its two lines need (up to MAX_WIDTH), so
    at a normal font size an entry never takes a third line. When the window
    cannot give it that width (200 % zoom, issue 18), a line wraps onto the
    next instead of being cut off: nothing the entry says is hidden."""

    def text_width(self, option: QStyleOptionViewItem) -> int:
        """The room for an entry's text in the navigator as it is now (0: unknown)."""
        view = option.widget
        if not isinstance(view, QListWidget):
            return 0
        # An entry is as wide as the viewport (the spacing only moves it).
        room = view.viewport().width()
        return max(0, room - option.decorationSize.width() - ICON_GAP - 3 * PADDING)

    def lines(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> list[str]:
        """The lines the entry is drawn on, wrapped to the navigator's width."""
        logical = [*str(index.data(Qt.ItemDataRole.DisplayRole) or "").split("\n"), ""][:2]
        width = self.text_width(option)
        return [shown for line in logical for shown in wrapped(line, option.font, width)]

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        metrics = QFontMetrics(option.font)
        logical = str(index.data(Qt.ItemDataRole.DisplayRole) or "").split("\n")[:2]
        text_width = max((metrics.horizontalAdvance(line) for line in logical), default=0)
        icon = option.decorationSize.width()
        count = len(self.lines(option, index))  # two, or more when wrapped
        return QSize(
            text_width + icon + ICON_GAP + 3 * PADDING, count * metrics.height() + 2 * PADDING
        )

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is None:
            return
        lines = self.lines(option, index)
        item.text = ""
        # The background, selection and focus as the style draws them, then our icon
        # and lines: the style must not draw the icon too (centred, it doubled ours).
        icon = QIcon(item.icon)
        item.icon = QIcon()
        item.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        rect = option.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        icon_size = option.decorationSize
        icon_rect = QRect(rect.left(), rect.top(), icon_size.width(), icon_size.height())
        if not icon.isNull():
            icon.paint(painter, icon_rect)
        text_left = icon_rect.right() + 1 + ICON_GAP
        metrics = QFontMetrics(option.font)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = option.palette.color(role)
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        if isinstance(brush, QBrush) and brush.style() != Qt.BrushStyle.NoBrush and not selected:
            colour = brush.color()
        painter.save()
        painter.setFont(option.font)
        painter.setPen(colour)
        for number, line in enumerate(lines):
            baseline = rect.top() + number * metrics.height() + metrics.ascent()
            painter.drawText(text_left, baseline, line)
        painter.restore()


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
        self.setWordWrap(False)
        self.setItemDelegate(TwoLineDelegate(self))
        # Entries wrap a line that does not fit, so a sideways scroll bar would
        # only take a line of room.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # An entry's height depends on the width it wraps to, and the list keeps
        # the heights it laid out: without this a narrowed navigator drew the
        # extra lines of one entry over the next.
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()

    def preferred_width(self) -> int:
        """The width at which every entry's two lines show in full (at most MAX_WIDTH)."""
        option = QStyleOptionViewItem()
        option.initFrom(self)
        option.decorationSize = self.iconSize()
        delegate = self.itemDelegate()
        widest = max(
            (
                delegate.sizeHint(option, self.indexFromItem(item)).width()
                for item in self._items.values()
            ),
            default=0,
        )
        # The spacing moves each entry right; counted on both sides for a margin.
        frame = (
            2 * self.frameWidth() + 2 * self.spacing() + self.verticalScrollBar().sizeHint().width()
        )
        return min(MAX_WIDTH, widest + frame)

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
