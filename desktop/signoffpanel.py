"""The sign-off panel (dock "Godkendelser"): the required roles and their state,
the content's fingerprint, every sign-off ever given and the audit trail.

States come from forms.signoff; the panel only shows them. It follows the
document: an edit of the content turns a sign-off stale at once, and undo
turns it current again.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs, icons
from desktop.contentfingerprint import ContentFingerprint
from desktop.document import DraftDocument
from desktop.signoffedits import RevokeCommand, SignOffCommand
from forms.dates import format_long_date
from forms.model import AuditEvent, SignOff
from forms.signoff import (
    SignOffError,
    SignOffState,
    default_signer_name,
    known_roles,
    required_roles,
    short_fingerprint,
    state,
)

MISSING = "mangler"
INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
COLOURS = {
    SignOffState.CURRENT: "#2e7d32",
    SignOffState.STALE: "#a35200",
    SignOffState.REVOKED: "#a4000f",
    None: "#5c6670",
}
ACTIONS = {
    "signoff": "Godkendt",
    "revocation": "Tilbagekaldt",
    "final_export": "Endelig eksport",
}


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone() if moment.tzinfo else moment


def format_time(moment: dt.datetime) -> str:
    """'4. november 2024 kl. 15.05' in the computer's own time zone."""
    local = _local(moment)
    return f"{format_long_date(local.date())} kl. {local:%H.%M}"


def short_time(moment: dt.datetime) -> str:
    """'04.11.2024 15.05': the tables are narrow; the long form is the tooltip."""
    return f"{_local(moment):%d.%m.%Y %H.%M}"


def _canvas(size: int = 32) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


@cache
def stale_icon() -> QIcon:
    """An amber clock: approved once, but not this content."""
    pixmap, painter = _canvas()
    amber = QColor(COLOURS[SignOffState.STALE])
    painter.setPen(QPen(amber, 2.5))
    painter.setBrush(QColor("#fff1dc"))
    painter.drawEllipse(QRectF(3, 3, 26, 26))
    painter.setPen(QPen(amber, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(16, 16), QPointF(16, 8.5))
    painter.drawLine(QPointF(16, 16), QPointF(21.5, 19))
    painter.end()
    return QIcon(pixmap)


@cache
def revoked_icon() -> QIcon:
    """A red circle with a cross: withdrawn."""
    pixmap, painter = _canvas()
    red = QColor(COLOURS[SignOffState.REVOKED])
    painter.setPen(QPen(red, 2.5))
    painter.setBrush(red)
    painter.drawEllipse(QRectF(3, 3, 26, 26))
    painter.setPen(QPen(QColor("white"), 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(11, 11), QPointF(21, 21))
    painter.drawLine(QPointF(21, 11), QPointF(11, 21))
    painter.end()
    return QIcon(pixmap)


def state_icon(value: SignOffState | None) -> QIcon:
    if value is SignOffState.CURRENT:
        return icons.ok_icon()
    if value is SignOffState.STALE:
        return stale_icon()
    if value is SignOffState.REVOKED:
        return revoked_icon()
    return icons.empty_icon()


def state_text(value: SignOffState | None) -> str:
    return value.value if value is not None else MISSING


def _tree(headers: list[str], name: str) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setAccessibleName(name)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.header().setStretchLastSection(True)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return tree


class SignOffPanel(QWidget):
    def __init__(
        self,
        document: DraftDocument,
        content: ContentFingerprint | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.doc = document
        self.content = content or ContentFingerprint(document)
        self.setAccessibleName("Godkendelser")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)

        self.summary = QLabel()
        self.summary.setObjectName("signoffSummary")
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        layout.addWidget(self.summary)
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint_label.setAccessibleName("Indholdets fingeraftryk")
        layout.addWidget(self.fingerprint_label)

        self.roles = _tree(["Rolle", "Status", "Navn", "Tidspunkt"], "Påkrævede godkendelser")
        # Always all roles at once: fitted in height, the name column gives way in width.
        self.roles.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.roles.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.roles.header().setStretchLastSection(False)
        self.roles.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.roles)

        buttons = QHBoxLayout()
        self.sign_button = QPushButton("&Godkend …")
        self.sign_button.setToolTip("Godkend det nuværende indhold som en rolle")
        self.sign_button.clicked.connect(self.sign_off)
        self.revoke_button = QPushButton("&Tilbagekald …")
        self.revoke_button.setToolTip(
            "Tilbagekald den valgte godkendelse; den bliver stående i historikken"
        )
        self.revoke_button.clicked.connect(self.revoke_selected)
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.tabs = QTabWidget()
        self.history = _tree(
            ["Rolle", "Status", "Navn", "Tidspunkt", "Fingeraftryk"], "Alle godkendelser"
        )
        self.audit = _tree(
            ["Handling", "Rolle", "Navn", "Tidspunkt", "Fingeraftryk", "Detaljer"], "Logbog"
        )
        self.tabs.addTab(self.history, "Historik")
        self.tabs.addTab(self.audit, "Logbog")
        layout.addWidget(self.tabs, 1)

        self.roles.itemSelectionChanged.connect(lambda: self._selected_from(self.roles))
        self.history.itemSelectionChanged.connect(lambda: self._selected_from(self.history))
        self._selected: int | None = None

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        for signal in (document.contentChanged, document.fileChanged):
            signal.connect(self._schedule)
        document.signoffsChanged.connect(self.refresh)
        document.replaced.connect(self.refresh)
        document.fileChanged.connect(self._update_buttons)  # read-only or not
        self.refresh()

    # -- showing --------------------------------------------------------------------------

    def _schedule(self) -> None:
        # Hidden or covered (a tab behind Fund): redrawn when shown (install() connects
        # the dock's visibilityChanged to refresh).
        if self.isVisible() and not self.visibleRegion().isEmpty():
            self._timer.start()
        else:
            self._timer.stop()

    def refresh(self) -> None:
        """Redraw from the draft (after each change, coalesced to one per event loop pass)."""
        self._timer.stop()
        draft = self.doc.draft
        fp = self.content.value()
        self.current_fingerprint = fp
        self.fingerprint_label.setText(f"Indholdets fingeraftryk: {short_fingerprint(fp)}")
        self.fingerprint_label.setToolTip(fp)

        statuses = self.role_states(fp)
        required = len(statuses)
        current = sum(value is SignOffState.CURRENT for _role, value, _index in statuses)
        if current == required:
            self.summary.setText(f"Alle {required} påkrævede godkendelser er gældende.")
            colour = COLOURS[SignOffState.CURRENT]
        else:
            self.summary.setText(f"{current} af {required} påkrævede godkendelser er gældende.")
            colour = COLOURS[SignOffState.STALE] if current else COLOURS[None]
        self.summary.setStyleSheet(f"color: {colour};")

        selected = self._selected
        self.roles.blockSignals(True)
        self.history.blockSignals(True)
        self.roles.clear()
        for role, value, index in statuses:
            record = draft.signoffs[index] if index is not None else None
            item = self._row(
                self.roles,
                [
                    role,
                    state_text(value),
                    record.name if record else "",
                    short_time(record.time) if record else "",
                ],
                value,
                index,
            )
            item.setToolTip(1, self._state_tip(value, record))
            if record is not None:
                item.setToolTip(3, format_time(record.time))
        self.history.clear()
        for index, record in enumerate(draft.signoffs):
            value = state(record, fp)
            item = self._row(
                self.history,
                [
                    record.role,
                    state_text(value),
                    record.name,
                    short_time(record.time),
                    short_fingerprint(record.fingerprint),
                ],
                value,
                index,
            )
            item.setToolTip(3, format_time(record.time))
            item.setToolTip(1, self._state_tip(value, record))
            item.setToolTip(4, record.fingerprint)
        self.audit.clear()
        for event in draft.audit:
            self._audit_row(event)
        self._fit_roles()
        self.roles.blockSignals(False)
        self.history.blockSignals(False)
        self._selected = (
            selected if selected is not None and selected < len(draft.signoffs) else None
        )
        self._update_buttons()

    def _fit_roles(self) -> None:
        """Exactly as tall as its rows: the history below gets the rest."""
        rows = max(1, self.roles.topLevelItemCount())
        row = self.roles.sizeHintForRow(0)
        if row <= 0:
            row = self.fontMetrics().height() + 6
        frame = 2 * self.roles.frameWidth()
        self.roles.setFixedHeight(self.roles.header().sizeHint().height() + rows * row + frame)

    def role_states(self, fp: str) -> list[tuple[str, SignOffState | None, int | None]]:
        """(role, state, index of the sign-off shown) for each required role: the
        latest current sign-off, else the latest of any kind, else nothing."""
        draft = self.doc.draft
        out = []
        for role in required_roles(draft):
            indexes = [i for i, s in enumerate(draft.signoffs) if s.role == role]
            current = [i for i in indexes if state(draft.signoffs[i], fp) is SignOffState.CURRENT]
            if current:
                out.append((role, SignOffState.CURRENT, current[-1]))
            elif indexes:
                out.append((role, state(draft.signoffs[indexes[-1]], fp), indexes[-1]))
            else:
                out.append((role, None, None))
        return out

    def _row(self, tree: QTreeWidget, texts, value, index) -> QTreeWidgetItem:
        item = QTreeWidgetItem(tree, texts)
        item.setIcon(1, state_icon(value))
        item.setData(0, INDEX_ROLE, index)
        item.setForeground(1, QBrush(QColor(COLOURS[value])))
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, ", ".join(t for t in texts if t))
        if value is SignOffState.REVOKED or value is SignOffState.STALE:
            for column in (0, 2, 3):
                item.setForeground(column, QBrush(QColor("#5c6670")))
        return item

    def _audit_row(self, event: AuditEvent) -> None:
        texts = [
            ACTIONS.get(event.action, event.action),
            event.role or "",
            event.name,
            short_time(event.time),
            short_fingerprint(event.fingerprint),
            event.detail,
        ]
        item = QTreeWidgetItem(self.audit, texts)
        item.setToolTip(3, format_time(event.time))
        item.setToolTip(4, event.fingerprint)
        item.setToolTip(5, event.detail)

    @staticmethod
    def _state_tip(value: SignOffState | None, record: SignOff | None) -> str:
        if value is SignOffState.CURRENT:
            return "Godkendelsen gælder det nuværende indhold."
        if value is SignOffState.STALE:
            return "Indholdet er ændret, siden der blev godkendt. Der skal godkendes igen."
        if value is SignOffState.REVOKED and record is not None:
            by = f" af {record.revoked_by}" if record.revoked_by else ""
            return f"Tilbagekaldt{by} {format_time(record.revoked)}."
        return "Rollen har ikke godkendt aktstykket."

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    # -- selection and commands ----------------------------------------------------------------

    def _selected_from(self, tree: QTreeWidget) -> None:
        items = tree.selectedItems()
        self._selected = items[0].data(0, INDEX_ROLE) if items else None
        other = self.history if tree is self.roles else self.roles
        other.blockSignals(True)
        other.clearSelection()
        other.blockSignals(False)
        self._update_buttons()

    def select_signoff(self, index: int) -> None:
        """Select sign-off number `index` (0-based) in the history."""
        item = self.history.topLevelItem(index)
        if item is not None:
            self.history.setCurrentItem(item)
            item.setSelected(True)

    def _update_buttons(self) -> None:
        writable = not self.doc.read_only
        self.sign_button.setEnabled(writable)
        signoffs = self.doc.draft.signoffs
        index = self._selected
        revocable = index is not None and index < len(signoffs) and signoffs[index].revoked is None
        self.revoke_button.setEnabled(writable and revocable)

    def _next_role(self) -> str:
        """The first required role without a current sign-off (the usual order)."""
        for role, value, _index in self.role_states(self.content.value()):
            if value is not SignOffState.CURRENT:
                return role
        return known_roles()[0]

    def sign_off(self) -> bool:
        if self.doc.read_only:
            return False
        answer = dialogs.ask_signoff(
            self,
            known_roles(),
            self._next_role(),
            default_signer_name(),
            short_fingerprint(self.content.value()),
        )
        if answer is None:
            return False
        role, name = answer
        try:
            command = SignOffCommand(self.doc, role, name)
        except SignOffError as exc:
            dialogs.show_error(self, "Godkendelsen kan ikke gives", exc.message)
            return False
        self.doc.undo_stack.push(command)
        self.refresh()
        return True

    def revoke_selected(self) -> bool:
        index = self._selected
        signoffs = self.doc.draft.signoffs
        if self.doc.read_only or index is None or not 0 <= index < len(signoffs):
            return False
        record = signoffs[index]
        if not dialogs.ask_confirm(
            self,
            "Tilbagekald godkendelse",
            f"Vil du tilbagekalde {record.name}s godkendelse som {record.role} "
            f"fra {format_time(record.time)}?",
            "Tilbagekald",
            "Godkendelsen bliver stående i historikken, markeret som tilbagekaldt. "
            "Den endelige udgave kan ikke laves, før rollen har godkendt igen.",
        ):
            return False
        try:
            command = RevokeCommand(self.doc, index, default_signer_name())
        except SignOffError as exc:
            dialogs.show_error(self, "Godkendelsen kan ikke tilbagekaldes", exc.message)
            return False
        self.doc.undo_stack.push(command)
        self.refresh()
        return True
