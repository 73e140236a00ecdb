"""The "Ændringer fra Word" panel: the changes a returned Word file brought,
one at a time (previous, next), the selected one before and after side by
side (a conflict: the draft's text beside the Word file's), and the decisions:
accept or reject it, all of them, or all from one author.

The panel only shows and asks; desktop/controllers/review.py carries the decisions out
as undoable edits.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop import theme
from forms.model import PendingChange
from forms.roundtrip.changes import UNKNOWN_AUTHOR, author_text, short, what, where

EMPTY = (
    "Ingen ændringer fra Word venter. Når en rundsendt Word-fil kommer tilbage, så "
    "åbn eller importér den (Filer → Importér … eller Filer → Hent ændringer fra Word …): "
    "hvad kolleger har ændret, vises her, og kladden ændres først, når du godkender."
)
ID_ROLE = Qt.ItemDataRole.UserRole


class ChangesPanel(QWidget):
    selected = Signal(str)
    """The id of the change now selected ('' when none)."""
    acceptRequested = Signal(list)
    rejectRequested = Signal(list)
    acceptAuthorRequested = Signal(object)
    """An author's name, or None for the edits typed without tracking."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._changes: list[PendingChange] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel(EMPTY)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Ændringer fra Word, oversigt")
        layout.addWidget(self.summary)

        split = QSplitter(Qt.Orientation.Vertical)
        self.list = QListWidget()
        self.list.setAccessibleName("Ændringer fra Word")
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._on_row)
        self.list.itemActivated.connect(lambda _item: self._emit_selected())
        split.addWidget(self.list)
        self.summary.setBuddy(self.list)

        detail = QWidget()
        grid = QGridLayout(detail)
        grid.setContentsMargins(0, 0, 0, 0)
        self.who = QLabel()
        self.who.setWordWrap(True)
        grid.addWidget(self.who, 0, 0, 1, 2)
        self.before_label = QLabel("Før:")
        self.after_label = QLabel("Efter (Word-filen):")
        self.before = QTextBrowser()
        self.after = QTextBrowser()
        for view, label, name in (
            (self.before, self.before_label, "Teksten før ændringen"),
            (self.after, self.after_label, "Teksten efter ændringen"),
        ):
            view.setAccessibleName(name)
            view.setOpenLinks(False)
            label.setBuddy(view)
        grid.addWidget(self.before_label, 1, 0)
        grid.addWidget(self.after_label, 1, 1)
        grid.addWidget(self.before, 2, 0)
        grid.addWidget(self.after, 2, 1)
        split.addWidget(detail)
        split.setSizes([220, 160])
        layout.addWidget(split, 1)

        steps = QHBoxLayout()
        self.previous = self._button("◀ F&orrige", "Vis den forrige ændring", steps)
        self.next = self._button("&Næste ▶", "Vis den næste ændring", steps)
        self.accept = self._button("God&kend", "Godkend ændringen: kladden ændres", steps)
        self.reject = self._button("Afv&is", "Afvis ændringen: kladden forbliver som den er", steps)
        layout.addLayout(steps)
        bulk = QHBoxLayout()
        self.accept_all = self._button(
            "Godkend &alle", "Godkend alle ændringer uden konflikt", bulk
        )
        self.reject_all = self._button("Afvis a&lle", "Afvis alle ventende ændringer", bulk)
        layout.addLayout(bulk)
        by_author = QHBoxLayout()
        self.authors = QComboBox()
        self.authors.setAccessibleName("Forfatter")
        author_label = QLabel("Fra forfa&tter:")
        author_label.setBuddy(self.authors)
        by_author.addWidget(author_label)
        by_author.addWidget(self.authors, 1)
        self.accept_author = self._button(
            "Godkend alle fra &denne", "Godkend alle ændringer fra den valgte forfatter", by_author
        )
        layout.addLayout(by_author)
        self.in_preview = QCheckBox("Vis ændringerne i &forhåndsvisningen")
        self.in_preview.setToolTip(
            "Forhåndsvisningen viser aktstykket, som det bliver med alle ventende ændringer, "
            "med ændringerne markeret (indsat understreget, slettet overstreget)"
        )
        layout.addWidget(self.in_preview)

        self.previous.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))
        self.accept.clicked.connect(lambda: self._decide(self.acceptRequested))
        self.reject.clicked.connect(lambda: self._decide(self.rejectRequested))
        self.accept_all.clicked.connect(
            lambda: self.acceptRequested.emit([c.id for c in self._changes if not c.conflict])
        )
        self.reject_all.clicked.connect(
            lambda: self.rejectRequested.emit([c.id for c in self._changes])
        )
        self.accept_author.clicked.connect(
            lambda: self.acceptAuthorRequested.emit(self.authors.currentData())
        )
        self._update_buttons()

    def _button(self, text: str, tip: str, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").strip("◀▶ "))
        row.addWidget(button)
        return button

    # -- showing -----------------------------------------------------------------------

    def set_changes(self, changes: list[PendingChange], *, read_only: bool = False) -> None:
        keep = self.current_id()
        self._changes = list(changes)
        self._read_only = read_only
        self.list.blockSignals(True)
        self.list.clear()
        for change in changes:
            item = QListWidgetItem(_item_text(change))
            item.setData(ID_ROLE, change.id)
            item.setToolTip(f"{where(change)}: {what(change)}\n{author_text(change)}")
            if change.conflict:
                item.setForeground(QBrush(theme.foreground(theme.Meaning.CONFLICT)))
            self.list.addItem(item)
        ids = [c.id for c in changes]
        row = ids.index(keep) if keep in ids else (0 if changes else -1)
        self.list.setCurrentRow(row)  # shown here, not revealed: the author did not choose it
        self.list.blockSignals(False)
        self._show(row)
        self._authors(changes)
        conflicts = sum(1 for c in changes if c.conflict)
        if not changes:
            self.summary.setText(EMPTY)
        else:
            extra = f", heraf {conflicts} i konflikt med kladden" if conflicts else ""
            sources = sorted({c.source for c in changes if c.source})
            self.summary.setText(
                f"<b>{len(changes)} {'ændring venter' if len(changes) == 1 else 'ændringer venter'}"
                f"{extra}</b> – fra {escape(', '.join(sources) or 'Word')}. Kladden ændres først, "
                "når du godkender."
            )
        self._update_buttons()

    def _authors(self, changes: list[PendingChange]) -> None:
        current = self.authors.currentData()
        self.authors.clear()
        seen: dict[str | None, int] = {}
        for change in changes:
            seen[change.author] = seen.get(change.author, 0) + 1
        for author, count in seen.items():
            self.authors.addItem(f"{author or UNKNOWN_AUTHOR} ({count})", author)
        index = self.authors.findData(current)
        if index >= 0:
            self.authors.setCurrentIndex(index)

    def current_id(self) -> str:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else ""

    def current(self) -> PendingChange | None:
        change_id = self.current_id()
        return next((c for c in self._changes if c.id == change_id), None)

    def select(self, change_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == change_id:
                self.list.setCurrentRow(row)
                return

    def step(self, direction: int) -> None:
        if not self._changes:
            return
        row = self.list.currentRow()
        row = 0 if row < 0 else (row + direction) % len(self._changes)
        self.list.setCurrentRow(row)
        self._emit_selected()

    def _on_row(self, row: int) -> None:
        self._show(row)
        self._update_buttons()
        self._emit_selected()

    def _emit_selected(self) -> None:
        self.selected.emit(self.current_id())

    def _show(self, row: int) -> None:
        change = self._changes[row] if 0 <= row < len(self._changes) else None
        if change is None:
            self.who.setText("")
            self.before.clear()
            self.after.clear()
            return
        source = f" – fra {change.source}" if change.source else ""
        state = (
            f" <b style='color:{theme.fg(theme.Meaning.CONFLICT)}'>KONFLIKT</b>: kladden er ændret samme sted siden eksporten."
            if change.conflict
            else ""
        )
        self.who.setText(
            f"{escape(where(change))} · {escape(author_text(change))}{escape(source)}{state}"
        )
        if change.conflict:
            self.before_label.setText("Kladden nu:")
            self.after_label.setText("Word-filen:")
            old = change.ours or change.old
        else:
            self.before_label.setText("Før:")
            self.after_label.setText("Efter (Word-filen):")
            old = change.old
        new = change.new
        if change.kind == "insert_block":
            old = ""
        if change.kind == "unplaced":
            old = f"(kan ikke placeres: {change.reason})"
        self.before.setHtml(_in_context(change, old, theme.bg(theme.Meaning.ERROR)))
        self.after.setHtml(_in_context(change, new, theme.bg(theme.Meaning.CURRENT)))

    def _decide(self, signal) -> None:
        change_id = self.current_id()
        if change_id:
            signal.emit([change_id])

    def _update_buttons(self) -> None:
        has = bool(self._changes)
        writable = not getattr(self, "_read_only", False)
        for button in (self.previous, self.next):
            button.setEnabled(len(self._changes) > 1)
        for button in (self.accept, self.reject):
            button.setEnabled(has and writable and bool(self.current_id()))
        self.accept_all.setEnabled(writable and any(not c.conflict for c in self._changes))
        self.reject_all.setEnabled(has and writable)
        self.accept_author.setEnabled(has and writable and self.authors.count() > 0)
        self.authors.setEnabled(has)


def _in_context(change: PendingChange, text: str, colour: str) -> str:
    """The changed text marked, with a little of the text around it in grey."""
    context = change.kind in ("edit",)
    before = escape(change.before[-40:]) if context else ""
    after = escape(change.after[:40]) if context else ""
    body = escape(text).replace("\n", "<br>") or "<i>(intet)</i>"
    grey = theme.css(theme.muted())
    return (
        f"<span style='color:{grey}'>{'…' if before else ''}{before}</span>"
        f"<span style='background:{colour}'>{body}</span>"
        f"<span style='color:{grey}'>{after}{'…' if after else ''}</span>"
    )


def _item_text(change: PendingChange) -> str:
    mark = "⚠ " if change.conflict else ""
    return f"{mark}{where(change)}: {short(what(change), 90)} – {author_text(change)}"
