"""The comments panel: Word comments kept with the draft, each thread with its
replies; the author answers and resolves them here, and they go back out as
Word comments with the next export. desktop/controllers/review.py makes each answer and
each resolve one undoable edit."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop import theme
from forms.dates import format_long_date
from forms.model import ReviewComment
from forms.roundtrip.changes import short

EMPTY = (
    "Ingen kommentarer. Kommentarer, som kolleger skriver i den rundsendte Word-fil, "
    "gemmes her med kladden, når filen kommer tilbage, og kommer med i næste eksport."
)
ID_ROLE = Qt.ItemDataRole.UserRole


class CommentsPanel(QWidget):
    selected = Signal(str)
    answerRequested = Signal(str, str)
    """(comment id, the answer's text)."""
    resolveRequested = Signal(str, bool)
    """(comment id, resolved)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._comments: list[ReviewComment] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel(EMPTY)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Vertical)
        self.list = QListWidget()
        self.list.setAccessibleName("Kommentarer")
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._on_row)
        split.addWidget(self.list)
        self.summary.setBuddy(self.list)
        self.discussion = QTextBrowser()
        """The thread read as one text (not `thread`: that is QObject.thread())."""
        self.discussion.setAccessibleName("Kommentartråden")
        self.discussion.setOpenLinks(False)
        split.addWidget(self.discussion)
        split.setSizes([160, 180])
        layout.addWidget(split, 1)
        answer_label = QLabel("&Svar:")
        layout.addWidget(answer_label)
        self.answer = QPlainTextEdit()
        self.answer.setAccessibleName("Dit svar på kommentaren")
        self.answer.setPlaceholderText("Skriv et svar til tråden …")
        self.answer.setMaximumHeight(70)
        self.answer.setTabChangesFocus(True)
        answer_label.setBuddy(self.answer)
        layout.addWidget(self.answer)
        buttons = QHBoxLayout()
        self.send = QPushButton("Sen&d svar")
        self.send.setAccessibleName("Send svar")
        self.resolve = QPushButton("Markér som &løst")
        self.resolve.setAccessibleName("Markér som løst")
        buttons.addWidget(self.send)
        buttons.addWidget(self.resolve)
        layout.addLayout(buttons)
        self.send.clicked.connect(self._send)
        self.resolve.clicked.connect(self._resolve)
        self.answer.textChanged.connect(self._update_buttons)
        self._read_only = False
        self._update_buttons()

    def set_comments(self, comments: list[ReviewComment], *, read_only: bool = False) -> None:
        keep = self.current_id()
        self._comments = list(comments)
        self._read_only = read_only
        self.list.blockSignals(True)
        self.list.clear()
        for comment in comments:
            state = "✓ " if comment.resolved else ""
            replies = f" ({len(comment.replies)} svar)" if comment.replies else ""
            quote = f" om »{short(comment.quote, 30)}«" if comment.quote else ""
            item = QListWidgetItem(
                f"{state}{comment.author}{quote}: {short(comment.text, 80)}{replies}"
            )
            item.setData(ID_ROLE, comment.id)
            if comment.resolved:
                item.setForeground(QBrush(theme.muted()))
            self.list.addItem(item)
        ids = [c.id for c in comments]
        self.list.setCurrentRow(ids.index(keep) if keep in ids else (0 if comments else -1))
        self.list.blockSignals(False)
        self._show()
        open_ = sum(1 for c in comments if not c.resolved)
        self.summary.setText(
            f"<b>{len(comments)} kommentar{'er' if len(comments) != 1 else ''}</b>, "
            f"{open_} åben{'' if open_ == 1 else 'e'}."
            if comments
            else EMPTY
        )
        self._update_buttons()

    def current_id(self) -> str:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else ""

    def current(self) -> ReviewComment | None:
        return next((c for c in self._comments if c.id == self.current_id()), None)

    def _on_row(self, _row: int) -> None:
        self._show()
        self._update_buttons()
        self.selected.emit(self.current_id())

    def _show(self) -> None:
        comment = self.current()
        if comment is None:
            self.discussion.clear()
            return
        parts = []
        if comment.quote:
            parts.append(
                f"<p style='color:{theme.css(theme.muted())}'>Om: »{escape(comment.quote)}«</p>"
            )
        parts.append(_note(comment.author, comment.date, comment.text))
        parts += [_note(r.author, r.date, r.text) for r in comment.replies]
        if comment.resolved:
            parts.append(f"<p style='color:{theme.fg(theme.Meaning.CURRENT)}'><b>Løst.</b></p>")
        self.discussion.setHtml("".join(parts))
        self.resolve.setText("Gen&åbn" if comment.resolved else "Markér som &løst")
        self.resolve.setAccessibleName("Genåbn" if comment.resolved else "Markér som løst")

    def _send(self) -> None:
        text = self.answer.toPlainText().strip()
        if text and self.current_id():
            self.answerRequested.emit(self.current_id(), text)
            self.answer.clear()

    def _resolve(self) -> None:
        comment = self.current()
        if comment is not None:
            self.resolveRequested.emit(comment.id, not comment.resolved)

    def _update_buttons(self) -> None:
        has = self.current() is not None and not self._read_only
        self.send.setEnabled(has and bool(self.answer.toPlainText().strip()))
        self.resolve.setEnabled(has)
        self.answer.setEnabled(has)


def _note(author: str, date, text: str) -> str:
    when = f", {format_long_date(date.date())}" if date else ""
    body = escape(text).replace("\n", "<br>")
    return f"<p><b>{escape(author or 'Ukendt')}</b><span style='color:{theme.css(theme.muted())}'>{when}</span><br>{body}</p>"
