"""Editors for the prose blocks of a litra: paragraphs and sub-headings.

Their own undo is switched off: typing becomes EditText commands on the draft's
undo stack (one per burst), so Ctrl+Z undoes table edits and text alike. Enter
splits a paragraph in two, Backspace at its start joins it to the one above, as
in a word processor; a paragraph never holds a line break of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QLineEdit, QMenu, QSizePolicy, QTextEdit, QToolTip

from desktop.editors.spellhighlight import (
    LineSpelling,
    MenuHook,
    ParagraphSpelling,
    build_menu,
    context_menu,
)
from desktop.session.document import DraftDocument
from desktop.undo.edits import EditText
from forms.findings import Severity

UNDERLINE = {
    Severity.ERROR: QColor("#d0021b"),
    Severity.WARNING: QColor("#e08a00"),
    Severity.INFO: QColor("#2f6fc4"),
}


@dataclass(frozen=True)
class Mark:
    """A span of a paragraph with a finding: underlined, its message on hover."""

    start: int
    end: int
    severity: Severity
    message: str


def utf16_offset(text: str, index: int) -> int:
    """Qt counts UTF-16 code units; Python counts code points."""
    prefix = text[: max(0, index)]
    return len(prefix) + sum(1 for char in prefix if ord(char) > 0xFFFF)


def python_offset(text: str, position: int) -> int:
    count = 0
    for index, char in enumerate(text):
        if count >= position:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def _changed_position(old: str, new: str) -> int:
    """Where the cursor belongs after the text changed from old to new."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    return end_new


def _is_undo_redo(event) -> bool:
    return event.matches(QKeySequence.StandardKey.Undo) or event.matches(
        QKeySequence.StandardKey.Redo
    )


SUBHEADING_TIP = "En underoverskrift i punktet (fx »Baggrund«). Enter begynder et afsnit under den."


def paragraph_tip(letter: str, title: str) -> str:
    """What a paragraph editor is for (its tooltip where nothing is marked)."""
    return (
        f"Et afsnit af punkt {letter} ({title}): skriv teksten her. Enter begynder et nyt afsnit."
    )


class ParagraphEditor(QTextEdit):
    focused = Signal()
    splitRequested = Signal(int)
    """Enter was pressed at this character position."""
    joinRequested = Signal()
    """Backspace at the very start: join with the paragraph above."""
    pasteRequested = Signal(list)
    """Text with several paragraphs was pasted: the parts, split at line breaks."""
    leaveRequested = Signal(int)
    """-1: the cursor went up from the first line; +1: down from the last."""

    def __init__(self, document: DraftDocument, letter: str, index: int, parent=None):
        super().__init__(parent)
        self.doc = document
        self.letter = letter
        self.index = index
        self._syncing = False
        self._marks: list[Mark] = []
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setPlaceholderText("Skriv teksten her …")
        self.setPlainText(document.block(letter, index).text)
        self.document().contentsChanged.connect(self._fit)
        self.textChanged.connect(self._on_text_changed)
        self.setMouseTracking(True)
        self.spelling = ParagraphSpelling(self)
        self.menu_hook: MenuHook | None = None
        """What the litra's form adds to the context menu (»Brug forslaget«)."""
        # The height is fitted when the editor gets its width (first resize).

    # -- size ---------------------------------------------------------------------------

    def _fit(self) -> None:
        doc = self.document()
        doc.setTextWidth(self.viewport().width())
        height = int(doc.size().height()) + 2 * self.frameWidth() + 4
        minimum = self.fontMetrics().lineSpacing() * 2 + 2 * self.frameWidth() + 8
        height = max(height, minimum)
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit()

    # -- model sync -----------------------------------------------------------------------

    def text(self) -> str:
        return self.toPlainText()

    def _on_text_changed(self) -> None:
        if self._syncing:
            return
        text = self.toPlainText()
        if text == self.doc.block(self.letter, self.index).text:
            return
        command = EditText(self.doc, self.letter, self.index, text, f"skriv i litra {self.letter}")
        self.doc.undo_stack.push(command)

    def sync_from_model(self) -> None:
        new = self.doc.block(self.letter, self.index).text
        old = self.toPlainText()
        if new == old:
            return
        self._syncing = True
        try:
            self.setPlainText(new)
            cursor = self.textCursor()
            cursor.setPosition(utf16_offset(new, _changed_position(old, new)))
            self.setTextCursor(cursor)
        finally:
            self._syncing = False
        self._apply_marks()

    def select_span(self, start: int | None, end: int | None) -> None:
        text = self.toPlainText()
        cursor = self.textCursor()
        if start is None:
            cursor.movePosition(QTextCursor.MoveOperation.Start)
        else:
            cursor.setPosition(utf16_offset(text, min(start, len(text))))
            if end is not None:
                cursor.setPosition(
                    utf16_offset(text, min(end, len(text))), QTextCursor.MoveMode.KeepAnchor
                )
        self.setTextCursor(cursor)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- findings -------------------------------------------------------------------------

    def set_marks(self, marks: list[Mark]) -> None:
        if marks == self._marks:
            return
        self._marks = list(marks)
        self._apply_marks()

    def _apply_marks(self) -> None:
        text = self.toPlainText()
        selections = []
        for mark in self._marks:
            if mark.start >= len(text):
                continue
            selection = QTextEdit.ExtraSelection()
            char_format = QTextCharFormat()
            char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            char_format.setUnderlineColor(UNDERLINE[mark.severity])
            char_format.setToolTip(mark.message)
            selection.format = char_format
            cursor = QTextCursor(self.document())
            cursor.setPosition(utf16_offset(text, mark.start))
            cursor.setPosition(
                utf16_offset(text, min(max(mark.end, mark.start + 1), len(text))),
                QTextCursor.MoveMode.KeepAnchor,
            )
            selection.cursor = cursor
            selections.append(selection)
        self.setExtraSelections(selections)

    def mark_at(self, position: int) -> Mark | None:
        index = python_offset(self.toPlainText(), position)
        return next((m for m in self._marks if m.start <= index < max(m.end, m.start + 1)), None)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            position = self.cursorForPosition(event.pos()).position()
            mark = self.mark_at(position)
            spelling = self.spelling.tooltip(python_offset(self.toPlainText(), position))
            tip = mark.message if mark is not None else spelling
            tip = tip or self.toolTip()  # what the field is for
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        if event.type() == QEvent.Type.ShortcutOverride and _is_undo_redo(event):
            # The window's undo (the draft's stack) must win over QTextEdit's own.
            event.ignore()
            return False
        return super().event(event)

    # -- keys -----------------------------------------------------------------------------

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def keyPressEvent(self, event) -> None:
        if _is_undo_redo(event):
            event.ignore()
            return
        key = event.key()
        modifiers = event.modifiers()
        cursor = self.textCursor()
        if self.isReadOnly():
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if modifiers & Qt.KeyboardModifier.ControlModifier:
                event.ignore()  # Ctrl+Enter belongs to the window
                return
            cursor.removeSelectedText()
            self.splitRequested.emit(python_offset(self.toPlainText(), cursor.position()))
            return
        if (
            key == Qt.Key.Key_Backspace
            and not cursor.hasSelection()
            and cursor.position() == 0
            and modifiers == Qt.KeyboardModifier.NoModifier
        ):
            self.joinRequested.emit()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and modifiers == Qt.KeyboardModifier.NoModifier:
            upwards = key == Qt.Key.Key_Up
            if self._on_edge_line(cursor, upwards):
                self.leaveRequested.emit(-1 if upwards else 1)
                return
        super().keyPressEvent(event)

    def _on_edge_line(self, cursor: QTextCursor, upwards: bool) -> bool:
        """Is the cursor on the first (upwards) or last visual line of the paragraph?"""
        block = cursor.block()
        layout = block.layout()
        line = layout.lineForTextPosition(cursor.positionInBlock()) if layout else None
        if line is None or not line.isValid():
            return True
        if upwards:
            return block == self.document().firstBlock() and line.lineNumber() == 0
        return block == self.document().lastBlock() and line.lineNumber() == layout.lineCount() - 1

    def contextMenuEvent(self, event) -> None:
        context_menu(self, self.spelling, event, self.menu_hook)

    def menu_at(self, index: int) -> QMenu:
        """The context menu for the character at `index` (the caller shows or drops it)."""
        return build_menu(self, self.spelling, index, self.menu_hook)

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = source.text().replace("\r\n", "\n").replace("\r", "\n")
        if "\n" not in text.strip("\n"):
            self.textCursor().insertText(text.strip("\n"))
            return
        parts = [part.strip() for part in text.split("\n")]
        self.pasteRequested.emit([part for part in parts if part])

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText()


class SubHeadingEditor(QLineEdit):
    focused = Signal()
    leaveRequested = Signal(int)
    paragraphRequested = Signal()
    """Enter: a paragraph below the sub-heading, with the cursor in it."""

    def __init__(self, document: DraftDocument, letter: str, index: int, parent=None):
        super().__init__(parent)
        self.doc = document
        self.letter = letter
        self.index = index
        font = QFont(self.font())
        font.setBold(True)
        self.setFont(font)
        self.setPlaceholderText("Underoverskrift, fx Baggrund")
        self.setToolTip(SUBHEADING_TIP)
        self.setText(document.block(letter, index).text)
        self.textEdited.connect(self._on_edited)
        self.spelling = LineSpelling(self)
        self.menu_hook: MenuHook | None = None

    def contextMenuEvent(self, event) -> None:
        context_menu(self, self.spelling, event, self.menu_hook)

    def menu_at(self, index: int) -> QMenu:
        return build_menu(self, self.spelling, index, self.menu_hook)

    def _on_edited(self, text: str) -> None:
        if text == self.doc.block(self.letter, self.index).text:
            return
        command = EditText(
            self.doc,
            self.letter,
            self.index,
            text,
            f"ret underoverskrift i litra {self.letter}",
        )
        self.doc.undo_stack.push(command)

    def sync_from_model(self) -> None:
        new = self.doc.block(self.letter, self.index).text
        if new != self.text():
            position = _changed_position(self.text(), new)
            self.setText(new)
            self.setCursorPosition(position)

    def select_span(self, start: int | None, end: int | None) -> None:
        if start is not None:
            self.setSelection(start, max(0, (end or start) - start))
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_marks(self, marks: list[Mark]) -> None:
        self.setToolTip("\n".join(mark.message for mark in marks) or SUBHEADING_TIP)
        self.setStyleSheet(
            f"QLineEdit {{ border: 1px solid {UNDERLINE[marks[0].severity].name()}; }}"
            if marks
            else ""
        )

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _is_undo_redo(event):
            event.ignore()
            return False
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if _is_undo_redo(event):
            event.ignore()
            return
        if event.modifiers() == Qt.KeyboardModifier.NoModifier and event.key() in (
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
        ):
            self.leaveRequested.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.paragraphRequested.emit()
            return
        super().keyPressEvent(event)
