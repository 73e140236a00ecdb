"""The sign-off panel (dock "Godkendelser"): the required roles and their state,
the content's fingerprint, every sign-off ever given and the audit trail.

States come from forms.signoff; the panel only shows them: each signature's
state (gældende, ukendt underskriver, ugyldig, …) and the signer's name as the
certificate gives it. A broken audit trail is shown above everything. It
follows the document: an edit of the content turns a sign-off stale at once,
and undo of the edit turns it current again; undo of a sign-off revokes it.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QIcon, QPainter, QPen, QPixmap
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

from desktop import dialogs, theme
from desktop.panels import icons
from desktop.session.contentfingerprint import ContentFingerprint
from desktop.session.document import DraftDocument
from desktop.session.signoffidentity import forget, signer_identity
from desktop.undo.signoffedits import SignOffCommand, revoke_signoff
from forms.audit import EntryStatus, check_audit, local_time
from forms.dates import format_long_datetime
from forms.pki import SignatureState
from forms.signoff import (
    SignOffCheck,
    SignOffError,
    SignOffState,
    known_roles,
    role_config,
    role_statuses,
    short_fingerprint,
    signoff_checks,
)

MISSING = "mangler"
INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
GREY, AMBER, RED, GREEN = (
    theme.Meaning.MUTED,
    theme.Meaning.STALE,
    theme.Meaning.ERROR,
    theme.Meaning.CURRENT,
)
"""What each state's colour means; the colour itself comes from the palette (desktop/theme.py)."""
COLOURS = {
    SignOffState.CURRENT: GREEN,
    SignOffState.STALE: AMBER,
    SignOffState.REVOKED: RED,
    SignOffState.INVALID: RED,
    SignOffState.UNTRUSTED: AMBER,
    SignOffState.EXPIRED: AMBER,
    SignOffState.FUTURE: AMBER,
    SignOffState.UNSIGNED: GREY,
    SignOffState.NO_REFERENCE: AMBER,
    SignOffState.SOURCE: AMBER,
    None: GREY,
}
SIGNATURE_COLOURS = {
    SignatureState.VALID: GREEN,
    SignatureState.INVALID: RED,
    SignatureState.UNSIGNED: GREY,
}
ACTIONS = {
    "signoff": "Godkendt",
    "revocation": "Tilbagekaldt",
    "acknowledgement": "Advarsler kvitteret",
    "final_export": "Endelig eksport",
}


def _local(moment: dt.datetime) -> dt.datetime:
    return local_time(moment)


def format_time(moment: dt.datetime) -> str:
    """'4. november 2024 kl. 15.05' in the computer's own time zone."""
    return format_long_datetime(_local(moment))


def short_time(moment: dt.datetime) -> str:
    """'04.11.2024 15.05': the tables are narrow; the long form is the tooltip."""
    return f"{_local(moment):%d.%m.%Y %H.%M}"


def short_date(moment: dt.datetime) -> str:
    """'04.11.2024': the roles table is narrowest; the time is in the tooltip."""
    return f"{_local(moment):%d.%m.%Y}"


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
    amber = theme.foreground(COLOURS[SignOffState.STALE])
    painter.setPen(QPen(amber, 2.5))
    painter.setBrush(theme.background(theme.Meaning.STALE))
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
    red = theme.foreground(COLOURS[SignOffState.REVOKED])
    painter.setPen(QPen(red, 2.5))
    painter.setBrush(red)
    painter.drawEllipse(QRectF(3, 3, 26, 26))
    painter.setPen(QPen(theme.mark_on(red), 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(11, 11), QPointF(21, 21))
    painter.drawLine(QPointF(21, 11), QPointF(11, 21))
    painter.end()
    return QIcon(pixmap)


def state_icon(value: SignOffState | None) -> QIcon:
    if value is SignOffState.CURRENT:
        return icons.ok_icon()
    if value is SignOffState.REVOKED or value is SignOffState.INVALID:
        return revoked_icon()
    if value is None or value is SignOffState.UNSIGNED:
        return icons.empty_icon()
    return stale_icon()  # approved once, but it does not count now


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

        self.problems = QLabel()
        self.problems.setObjectName("auditProblems")
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Logbogen er ikke intakt")
        self.problems.setStyleSheet(
            f"color: {theme.fg(RED)}; background: {theme.bg(RED)}; "
            f"border: 1px solid {theme.fg(RED)}; "
            "border-radius: 3px; padding: 4px;"
        )
        self.problems.hide()
        layout.addWidget(self.problems)
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
        self.fingerprint_label.setWordWrap(True)
        layout.addWidget(self.fingerprint_label)

        self.roles = _tree(["Rolle", "Status", "Underskriver", "Dato"], "Påkrævede godkendelser")
        # Always all roles at once: fitted in height, the name column gives way in width.
        self.roles.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.roles.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.roles.header().setStretchLastSection(False)
        # The signer's name is what the reader looks for; a long state is elided (its
        # full text is the tooltip, and the history below shows it whole).
        self.roles.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.roles.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout.addWidget(self.roles)

        buttons = QHBoxLayout()
        self.sign_button = QPushButton("&Godkend …")
        self.sign_button.setToolTip(
            "Godkend det nuværende indhold som en rolle, underskrevet med dit certifikat"
        )
        self.sign_button.clicked.connect(self.sign_off)
        self.revoke_button = QPushButton("&Tilbagekald …")
        self.revoke_button.setToolTip(
            "Tilbagekald den valgte godkendelse; den bliver stående i historikken"
        )
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.settings_button = QPushButton("Certifikater …")
        self.settings_button.setToolTip(
            "Vælg dit certifikat og mappen med betroede certifikater (Funktioner › Indstillinger)"
        )
        self.settings_button.clicked.connect(self.open_settings)
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        buttons.addWidget(self.settings_button)
        layout.addLayout(buttons)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Historik og logbog")
        self.history = _tree(
            ["Rolle", "Status", "Underskriver", "Tidspunkt", "Fingeraftryk"], "Alle godkendelser"
        )
        self.audit = _tree(
            ["Handling", "Rolle", "Navn", "Tidspunkt", "Underskrift", "Detaljer"], "Logbog"
        )
        self.tabs.addTab(self.history, "Historik")
        self.tabs.addTab(self.audit, "Logbog")
        layout.addWidget(self.tabs, 1)

        self.roles.itemSelectionChanged.connect(lambda: self._selected_from(self.roles))
        self.history.itemSelectionChanged.connect(lambda: self._selected_from(self.history))
        self._selected: int | None = None
        self.checks: list[SignOffCheck] = []

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
        self.checks = signoff_checks(draft, fp)
        report = check_audit(draft)
        if report.problems:
            # One short line here, every problem in the tooltip and as L-01 under Fund:
            # the panel is narrow and the roles must stay in view.
            count = len(report.problems)
            self.problems.setText(
                "<b>Logbogen er ikke intakt</b> – den endelige udgave kan ikke laves "
                f"({count} fejl, se Fund › L-01)."
            )
            self.problems.setToolTip("\n".join(report.problems))
        self.problems.setVisible(bool(report.problems))

        statuses = self.role_states(fp)
        required = len(statuses)
        current = sum(value is SignOffState.CURRENT for _role, value, _index in statuses)
        if current == required and report.problems:
            self.summary.setText(
                f"Alle {required} påkrævede godkendelser er gældende, men logbogen er ikke intakt."
            )
            colour = RED
        elif current == required:
            self.summary.setText(f"Alle {required} påkrævede godkendelser er gældende.")
            colour = COLOURS[SignOffState.CURRENT]
        else:
            self.summary.setText(f"{current} af {required} påkrævede godkendelser er gældende.")
            colour = AMBER if current else GREY
        self.summary.setStyleSheet(f"color: {theme.fg(colour)};")

        selected = self._selected
        self.roles.blockSignals(True)
        self.history.blockSignals(True)
        self.roles.clear()
        for role, value, index in statuses:
            check = self.checks[index] if index is not None else None
            record = check.record if check else None
            item = self._row(
                self.roles,
                [
                    role,
                    state_text(value),
                    self._signer_text(check) if check else "",
                    short_date(record.time) if record else "",
                ],
                value,
                index,
            )
            item.setToolTip(1, self._state_tip(value, check))
            if check is not None and record is not None:
                item.setToolTip(2, self._signer_tip(check))
                item.setToolTip(3, format_time(record.time))
        self.history.clear()
        for index, check in enumerate(self.checks):
            record = check.record
            item = self._row(
                self.history,
                [
                    record.role,
                    state_text(check.state),
                    self._signer_text(check),
                    short_time(record.time),
                    short_fingerprint(record.fingerprint),
                ],
                check.state,
                index,
            )
            item.setToolTip(3, format_time(record.time))
            item.setToolTip(1, self._state_tip(check.state, check))
            item.setToolTip(2, self._signer_tip(check))
            item.setToolTip(4, record.fingerprint)
        self.audit.clear()
        for entry in report.entries:
            self._audit_row(entry)
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
        latest sign-off that counts, else the latest of any kind, else nothing."""
        return [(s.role, s.state, s.index) for s in role_statuses(self.doc.draft, fp)]

    @staticmethod
    def _signer_text(check: SignOffCheck) -> str:
        """The name the certificate gives (the record's own text when there is none)."""
        return check.signer or check.record.name

    @staticmethod
    def _signer_tip(check: SignOffCheck) -> str:
        record = check.record
        lines = []
        if check.signer:
            lines.append(f"Underskrevet af {check.signer} (navnet i certifikatet).")
        lines.append(check.signature.detail)
        if record.reference is not None:
            ref = record.reference
            lines.append(
                f"Finansministeriets tilslutning modtaget af {record.name}: j.nr. "
                f"{ref.journal} af {ref.date:%d.%m.%Y}, sendt af {ref.sender}."
            )
        return "\n".join(lines)

    def _row(self, tree: QTreeWidget, texts, value, index) -> QTreeWidgetItem:
        item = QTreeWidgetItem(tree, texts)
        item.setIcon(1, state_icon(value))
        item.setData(0, INDEX_ROLE, index)
        item.setForeground(1, QBrush(theme.foreground(COLOURS[value])))
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, ", ".join(t for t in texts if t))
        if value is not None and value is not SignOffState.CURRENT:
            for column in (0, 2, 3):
                item.setForeground(column, QBrush(theme.muted()))
        return item

    def _audit_row(self, entry: EntryStatus) -> None:
        event = entry.event
        signature = entry.signature
        broken = not entry.linked
        texts = [
            ACTIONS.get(event.action, event.action),
            event.role or "",
            signature.signer or event.name,
            short_time(event.time),
            "brudt kæde" if broken else signature.state.value,
            event.detail if not event.findings else "; ".join(event.findings),
        ]
        item = QTreeWidgetItem(self.audit, texts)
        item.setToolTip(3, format_time(event.time))
        tip = signature.detail
        if broken:
            tip = "Posten før denne er fjernet, ændret eller flyttet. " + tip
        item.setToolTip(4, tip)
        item.setToolTip(5, "\n".join(event.findings) or event.detail)
        colour = RED if broken else SIGNATURE_COLOURS.get(signature.state, AMBER)
        item.setForeground(4, QBrush(theme.foreground(colour)))

    @staticmethod
    def _state_tip(value: SignOffState | None, check: SignOffCheck | None) -> str:
        if value is None or check is None:
            return "Rollen har ikke godkendt aktstykket."
        record = check.record
        if value is SignOffState.REVOKED and record.revoked is not None:
            by = f" af {record.revoked_by}" if record.revoked_by else ""
            return f"Tilbagekaldt{by} {format_time(record.revoked)}."
        return check.detail

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
        revocable = (
            index is not None
            and index < len(signoffs)
            and index < len(self.checks)
            and self.checks[index].state is not SignOffState.REVOKED
        )
        self.revoke_button.setEnabled(writable and revocable)

    def _next_role(self) -> str:
        """The first required role without a sign-off that counts (the usual order)."""
        for role, value, _index in self.role_states(self.content.value()):
            if value is not SignOffState.CURRENT:
                return role
        return known_roles()[0]

    def open_settings(self) -> bool:
        if dialogs.show_signature_settings(self):
            forget()
            self.refresh()
            return True
        return False

    def sign_off(self) -> bool:
        if self.doc.read_only:
            return False
        identity = signer_identity(self)
        if identity is None:
            return False
        answer = dialogs.ask_signoff(
            self,
            known_roles(),
            self._next_role(),
            identity.name,
            short_fingerprint(self.content.value()),
            role_config().finansministeriet,
        )
        if answer is None:
            return False
        role, reference = answer
        try:
            command = SignOffCommand(self.doc, role, identity, reference)
        except SignOffError as exc:
            dialogs.show_error(self, "Godkendelsen kan ikke gives", exc.message)
            return False
        self.doc.undo_stack.push(command)
        self.refresh()
        check = self.checks[-1] if self.checks else None
        if check is not None and check.state is not SignOffState.CURRENT:
            dialogs.show_info(
                self,
                "Godkendelsen tæller ikke endnu",
                f"Godkendelsen er registreret, men den tæller ikke her: {check.state.value}. "
                f"{check.detail}",
            )
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
            "Godkendelsen bliver stående i historikken, markeret som tilbagekaldt, og "
            "tilbagekaldelsen skrives i logbogen med dit navn. Den kan ikke fortrydes; den "
            "endelige udgave kan ikke laves, før rollen har godkendt igen.",
        ):
            return False
        identity = signer_identity(self)
        if identity is None:
            return False
        try:
            revoke_signoff(self.doc, index, identity)
        except SignOffError as exc:
            dialogs.show_error(self, "Godkendelsen kan ikke tilbagekaldes", exc.message)
            return False
        self.refresh()
        return True


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
