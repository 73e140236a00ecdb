"""The findings dock: what the checks found, grouped by part, with severity icons.

Activating a finding (click, Enter) asks the window to jump to it. Features
may offer actions on a finding (`add_action_provider`): they appear as buttons
under the selected finding and in its context menu (e.g. "Bekræft beløb").
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.session.partstate import PARTS, by_part, part_title
from forms.findings import Finding, Severity

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

FindingAction = tuple[str, Callable[[], object]]
"""A button label (Danish) and what it does."""


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the column's width, so a finding is read
    in full in the dock instead of being cut with »…«."""

    def __init__(self, tree: QTreeWidget):
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        tree = self.tree
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        width = tree.viewport().width() - tree.indentation() * (depth + 1)
        if width <= 0:
            return super().sizeHint(option, index)
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.rect = QRect(0, 0, width, 10000)
        item.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        style = tree.style()
        size = style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, item, QSize(), tree)
        return QSize(width, size.height())


class FindingsView(QWidget):
    findingActivated = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel("Kontrollen er ikke kørt endnu.")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Opsummering af kontrollen")
        layout.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.header().setStretchLastSection(True)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        self.tree.viewport().installEventFilter(self)
        self.tree.setAccessibleName("Fund fra kontrollen")
        self.tree.setAccessibleDescription("Enter eller klik går til stedet i aktstykket.")
        self.tree.itemActivated.connect(self._activate)
        self.tree.itemClicked.connect(self._activate)
        self.summary.setBuddy(self.tree)
        layout.addWidget(self.tree, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAccessibleName("Det valgte fund")
        self.detail.setStyleSheet(
            "QLabel { background: #f3f6fa; border: 1px solid #d5dde8; border-radius: 4px; padding: 6px; }"
        )
        self.detail.setVisible(False)
        layout.addWidget(self.detail)
        self.buttons = QWidget()
        self.button_row = QHBoxLayout(self.buttons)
        self.button_row.setContentsMargins(0, 0, 0, 0)
        self.buttons.setVisible(False)
        layout.addWidget(self.buttons)
        self._providers: list[Callable[[Finding], list[FindingAction]]] = []
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.currentItemChanged.connect(self._show_detail)
        self._findings: list[Finding] | None = None  # None: not checked yet
        self._icons = {
            Severity.ERROR: self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            Severity.WARNING: self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            Severity.INFO: self.style().standardIcon(
                QStyle.StandardPixmap.SP_MessageBoxInformation
            ),
        }

    def eventFilter(self, watched, event) -> bool:
        # A narrower or wider dock: the rows' heights follow the new width.
        if event.type() == QEvent.Type.Resize and watched is self.tree.viewport():
            self.tree.scheduleDelayedItemsLayout()
        return super().eventFilter(watched, event)

    def findings(self) -> list[Finding]:
        return list(self._findings or [])

    def set_unavailable(self, message: str) -> None:
        self._findings = None
        self.detail.setVisible(False)
        self.tree.clear()
        self.summary.setText(message)

    def set_findings(self, findings: list[Finding]) -> None:
        if findings == self._findings:
            return
        self._findings = list(findings)
        expanded_parts = {
            group.data(0, FINDING_ROLE) for group in self._groups() if not group.isExpanded()
        }
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        grouped = by_part(findings)
        for part in [*PARTS, *(p for p in grouped if p not in PARTS)]:
            items = sorted(grouped.get(part, []), key=lambda f: _ORDER[f.severity])
            if not items:
                continue
            title = part_title(part) if part in PARTS else part
            group = QTreeWidgetItem([f"{title} ({len(items)})"])
            group.setData(0, FINDING_ROLE, part)
            group.setIcon(0, self._icons[items[0].severity])
            self.tree.addTopLevelItem(group)
            for finding in items:
                text = f"{finding.rule}: {finding.message}"
                child = QTreeWidgetItem([text])
                child.setIcon(0, self._icons[finding.severity])
                child.setData(0, FINDING_ROLE, finding)
                tooltip = (
                    f"{finding.severity.danish.capitalize()} ({finding.location.describe()}): "
                    f"{finding.message}"
                    + (f"\nForslag: {finding.suggestion}" if finding.suggestion else "")
                )
                child.setToolTip(0, tooltip)
                child.setData(
                    0, Qt.ItemDataRole.AccessibleTextRole, f"{finding.severity.danish}: {text}"
                )
                group.addChild(child)
            group.setExpanded(part not in expanded_parts)
        self.tree.setUpdatesEnabled(True)
        self.detail.setVisible(False)
        self._show_buttons(None)
        errors = sum(f.severity is Severity.ERROR for f in findings)
        warnings = sum(f.severity is Severity.WARNING for f in findings)
        infos = len(findings) - errors - warnings
        if not findings:
            self.summary.setText("Ingen fund: kontrollen har intet at bemærke.")
        else:
            parts = [f"{errors} fejl", f"{warnings} {'advarsel' if warnings == 1 else 'advarsler'}"]
            if infos:
                parts.append(f"{infos} {'bemærkning' if infos == 1 else 'bemærkninger'}")
            self.summary.setText(", ".join(parts) + ". Klik på et fund for at gå til stedet.")

    def _show_detail(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        finding = item.data(0, FINDING_ROLE) if item is not None else None
        self._show_buttons(finding if isinstance(finding, Finding) else None)
        if not isinstance(finding, Finding):
            self.detail.setVisible(False)
            return
        lines = [
            f"<b>{finding.severity.danish.capitalize()} ({finding.rule})</b> – "
            f"{escape(finding.location.describe())}",
            escape(finding.message),
        ]
        if finding.suggestion:
            lines.append(f"<i>Forslag:</i> {escape(finding.suggestion)}")
        self.detail.setText("<br>".join(lines))
        self.detail.setVisible(True)

    def add_action_provider(self, provider: Callable[[Finding], list[FindingAction]]) -> None:
        """`provider(finding)` lists the actions offered on that finding (often none)."""
        self._providers.append(provider)

    def _groups(self) -> list[QTreeWidgetItem]:
        """The part headings of the tree, each holding its findings."""
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in items if item is not None]

    def actions_for(self, finding: Finding) -> list[FindingAction]:
        return [action for provider in self._providers for action in provider(finding)]

    def _show_buttons(self, finding: Finding | None) -> None:
        row = self.button_row
        while row.count():
            taken = row.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        actions = self.actions_for(finding) if finding is not None else []
        for label, run in actions:
            button = QPushButton(label)
            button.clicked.connect(lambda _checked=False, run=run: run())
            row.addWidget(button)
        row.addStretch(1)
        self.buttons.setVisible(bool(actions))

    def context_menu(self, position) -> QMenu | None:
        """The menu of actions on the finding at `position` in the tree's viewport
        (None when it offers none); the caller shows it."""
        item = self.tree.itemAt(position)
        finding = item.data(0, FINDING_ROLE) if item is not None else None
        actions = self.actions_for(finding) if isinstance(finding, Finding) else []
        if not actions:
            return None
        menu = QMenu(self.tree)
        for label, run in actions:
            menu.addAction(label).triggered.connect(lambda _checked=False, run=run: run())
        return menu

    def _context_menu(self, position) -> None:
        menu = self.context_menu(position)
        if menu is not None:
            menu.exec(self.tree.viewport().mapToGlobal(position))
            menu.deleteLater()

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, FINDING_ROLE)
        if isinstance(finding, Finding):
            self.findingActivated.emit(finding)

    def step(self, direction: int) -> Finding | None:
        """Select the next (1) or previous (-1) finding, wrapping; F8 / Shift+F8."""
        children = [
            child
            for group in self._groups()
            for c in range(group.childCount())
            if (child := group.child(c)) is not None
        ]
        if not children:
            return None
        current = self.tree.currentItem()
        position = children.index(current) if current in children else (-1 if direction > 0 else 0)
        item = children[(position + direction) % len(children)]
        self.tree.setCurrentItem(item)
        finding = item.data(0, FINDING_ROLE)
        self.findingActivated.emit(finding)
        return finding
