"""Spell-check as you type: red wavy underlines, suggestions and "Tilføj til ordbog".

forms/spelling.py decides which words are wrong; this module only draws them.
The dictionary is opened once per program, in the background, so the window
never waits for it. A paragraph is checked when its editor is first painted
(only what the author can see) and again as it is edited, one paragraph at a
time; verdicts are cached per word. The word being typed is left alone until
the cursor leaves it, so a half-written word is not underlined.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QInputMethodEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QTextEdit

from desktop import theme
from desktop.editors.menufirst import put_first
from forms.spelling import Misspelling, SpellChecker, SpellingUnavailable

ADD_TEXT = "Tilføj til ordbog"
NO_SUGGESTIONS = "(ingen forslag)"


def _utf16(text: str, index: int) -> int:
    prefix = text[: max(0, index)]
    return len(prefix) + sum(1 for char in prefix if ord(char) > 0xFFFF)


def _python(text: str, position: int) -> int:
    count = 0
    for index, char in enumerate(text):
        if count >= position:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def _word_start(span: tuple[int, int] | None) -> int | None:
    return span[0] if span else None


def underline_format() -> QTextCharFormat:
    char_format = QTextCharFormat()
    char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    char_format.setUnderlineColor(theme.foreground(theme.Meaning.ERROR))
    return char_format


class SpellService(QObject):
    """The program's one spell-checker; `ready` once its dictionary is open."""

    ready = Signal()
    unavailable = Signal(str)
    """The dictionary could not be opened: why, in Danish (nothing is underlined)."""
    wordAdded = Signal(str)
    """A word went into the personal word list: every editor checks again."""

    def __init__(self, checker: SpellChecker | None = None):
        super().__init__()
        self.checker = checker or SpellChecker()
        self._loading: threading.Thread | None = None
        self._watching_focus = False

    def _focus_changed(self, old, _new) -> None:
        spelling = getattr(old, "spelling", None)
        if isinstance(spelling, _Spelling) and shiboken6.isValid(old):
            spelling._recheck()

    @property
    def is_ready(self) -> bool:
        return self.checker.ready

    def start(self) -> None:
        """Open the dictionary in the background (once)."""
        app = QApplication.instance()
        if isinstance(app, QApplication) and not self._watching_focus:
            # The word being typed is judged once the editor loses the focus.
            app.focusChanged.connect(self._focus_changed)
            self._watching_focus = True
        if self.checker.ready or self._loading is not None:
            return
        self._loading = threading.Thread(target=self._load, name="ordbog", daemon=True)
        self._loading.start()

    def wait(self, timeout: float = 10.0) -> bool:
        """For tests and scripts: wait for the dictionary, then deliver `ready`."""
        self.start()
        if self._loading is not None:
            self._loading.join(timeout)
        QCoreApplication.processEvents()
        return self.checker.ready

    def _load(self) -> None:
        self.checker.load()
        # Queued to the GUI thread: the receivers live there. The program may have
        # quit while the dictionary loaded (it starts when the loop is first idle):
        # then there is no one left to tell, and the signal's object may be gone.
        if QCoreApplication.instance() is None or not shiboken6.isValid(self):
            return
        try:
            if self.checker.ready:
                self.ready.emit()
            else:
                self.unavailable.emit(self.checker.unavailable or "")
        except RuntimeError:  # deleted between the check and the signal, at exit
            return

    def add_word(self, word: str) -> str | None:
        """Add to the personal word list; a Danish message when it could not be saved."""
        try:
            self.checker.add_word(word)
        except SpellingUnavailable as exc:
            return exc.message
        self.wordAdded.emit(word)
        return None


_service: SpellService | None = None


def service() -> SpellService:
    """The program's spell-checker. Its dictionary starts loading (in the background)
    when the event loop is first idle, i.e. once the window that asked is shown, so
    opening it does not compete with the window's start (issue 16); without a running
    Qt application, at once. Until `ready` nothing is underlined; then every editor
    checks its text."""
    global _service
    if _service is None:
        _service = SpellService()
        if QCoreApplication.instance() is not None:
            QTimer.singleShot(0, _service.start)
        else:
            _service.start()
    return _service


def install_service(replacement: SpellService | None) -> None:
    """Use another service (tests: a personal word list in a temporary folder)."""
    global _service
    _service = replacement


class _Spelling(QObject):
    """What both kinds of editor share: when to check, the word at the cursor, the menu."""

    def __init__(self, editor, viewport):
        super().__init__(editor)
        self.editor = editor
        self.spell = service()
        self.visible = False
        self._skip: tuple[int, int] | None = None
        self.misspelled: list[Misspelling] = []
        # Until the editor is first painted it costs only this filter: a large draft
        # builds thousands of editors the author may never scroll to.
        viewport.installEventFilter(self)

    # -- when -----------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and not self.visible:
            # First painted: now the author can see it, so check it (after this paint).
            self.visible = True
            watched.removeEventFilter(self)
            self.spell.ready.connect(self._recheck)
            self.spell.wordAdded.connect(self._recheck)
            self.seen()
            QTimer.singleShot(0, self._recheck)
        return False

    def seen(self) -> None:
        """Set up what checking needs, once the editor is first shown."""

    def recheck(self) -> None:
        """Check the editor's text again and show the underlines (each kind its way)."""
        raise NotImplementedError

    def index_at(self, pos: QPoint) -> int:
        """The character index (Python's) at a point of the editor."""
        raise NotImplementedError

    def replace(self, word: Misspelling, suggestion: str) -> None:
        """Put a suggestion in place of the misspelled word: one undoable edit."""
        raise NotImplementedError

    def _recheck(self, *_args) -> None:
        if self.visible:
            self.recheck()

    def check(self, text: str) -> list[Misspelling]:
        if not self.visible or not self.spell.is_ready:
            self.misspelled = []
        else:
            self.misspelled = self.spell.checker.misspelled(text, self._skip)
        return self.misspelled

    def typing_span(self, text: str, cursor: int) -> tuple[int, int] | None:
        """The word the cursor touches while the editor has focus (not yet judged)."""
        if not self.editor.hasFocus():
            return None
        start = cursor
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’"):
            start -= 1
        end = cursor
        while end < len(text) and (text[end].isalnum() or text[end] in "-'’"):
            end += 1
        return (start, end) if start < end else None

    # -- the context menu -------------------------------------------------------------------

    def at(self, index: int) -> Misspelling | None:
        return next((m for m in self.misspelled if m.start <= index <= m.end), None)

    def tooltip(self, index: int) -> str | None:
        """What hovering a misspelled word says (the underline has no words of its own)."""
        word = self.at(index)
        if word is None:
            return None
        return f"Stavekontrol: »{word.word}« står ikke i ordbogen. Højreklik for forslag."

    def extend_menu(self, menu: QMenu, index: int) -> list[QAction]:
        """Suggestions for the misspelled word at a character index, and "Tilføj til
        ordbog", put first in the editor's context menu; returns the actions added."""
        word = self.at(index)
        if word is None or self.editor.isReadOnly():
            return []
        added: list[QAction] = []
        for suggestion in self.spell.checker.suggestions(word.word):
            action = QAction(suggestion, menu)
            font = QFont(action.font())
            font.setBold(True)
            action.setFont(font)
            action.triggered.connect(
                lambda _checked=False, w=word, s=suggestion: self.replace(w, s)
            )
            added.append(action)
        if not added:
            empty = QAction(NO_SUGGESTIONS, menu)
            empty.setEnabled(False)
            added.append(empty)
        add = QAction(ADD_TEXT, menu)
        add.setToolTip(f"»{word.word}« markeres ikke igen, heller ikke i andre aktstykker.")
        add.triggered.connect(lambda _checked=False, w=word.word: self._add(w))
        added.append(add)
        put_first(menu, added)
        return added

    def _add(self, word: str) -> None:
        message = self.spell.add_word(word)
        if message:
            from desktop import dialogs

            dialogs.show_error(self.editor, "Ordet kunne ikke tilføjes", message)


class _Highlighter(QSyntaxHighlighter):
    """Attached to the editor's document only once the editor is seen: Qt highlights
    a document it is given at once, and that would check every paragraph built."""

    def __init__(self, owner: ParagraphSpelling):
        super().__init__(owner)
        self.owner = owner
        self.underline = underline_format()

    def highlightBlock(self, text: str) -> None:
        owner = self.owner
        if not owner.visible or not owner.spell.is_ready:
            return
        cursor = owner.editor.textCursor()
        inside = cursor.block().position() == self.currentBlock().position()
        position = _python(text, cursor.positionInBlock()) if inside else -1
        owner._skip = owner.typing_span(text, position) if position >= 0 else None
        for word in owner.check(text):
            start = _utf16(text, word.start)
            self.setFormat(start, _utf16(text, word.end) - start, self.underline)


class ParagraphSpelling(_Spelling):
    """Spell-check of a paragraph editor (a QTextEdit), by a QSyntaxHighlighter."""

    def __init__(self, editor: QTextEdit):
        super().__init__(editor, editor.viewport())
        self.highlighter: _Highlighter | None = None

    def seen(self) -> None:
        self.highlighter = _Highlighter(self)
        self.editor.cursorPositionChanged.connect(self._cursor_moved)

    def recheck(self) -> None:
        if self.highlighter is None:
            return
        # New formats are no edit: QTextEdit would still say textChanged.
        blocked = self.editor.blockSignals(True)
        try:
            if self.highlighter.document() is None:
                self.highlighter.setDocument(self.editor.document())
            self.highlighter.rehighlight()  # now, which also cancels Qt's own delayed one
        finally:
            self.editor.blockSignals(blocked)

    def _cursor_moved(self) -> None:
        if not self.visible or not self.spell.is_ready:
            return
        text = self.editor.toPlainText()
        position = _python(text, self.editor.textCursor().position())
        if _word_start(self.typing_span(text, position)) != _word_start(self._skip):
            self.recheck()  # the word just left is judged now (typing on in it is not)

    def index_at(self, pos) -> int:
        text = self.editor.toPlainText()
        return _python(text, self.editor.cursorForPosition(pos).position())

    def replace(self, word: Misspelling, suggestion: str) -> None:
        """One edit (one undo step): the word replaced by the suggestion."""
        text = self.editor.toPlainText()
        if text[word.start : word.end] != word.word:
            return
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(_utf16(text, word.start))
        cursor.setPosition(_utf16(text, word.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(suggestion)
        self.editor.setTextCursor(cursor)


class LineSpelling(_Spelling):
    """Spell-check of a sub-heading (a QLineEdit): its underlines are drawn as
    input-method formats, the one way a QLineEdit formats part of its text."""

    def __init__(self, editor: QLineEdit):
        super().__init__(editor, editor)

    def seen(self) -> None:
        self.editor.textChanged.connect(self._recheck)
        self.editor.cursorPositionChanged.connect(self._cursor_moved)

    def _cursor_moved(self, _old: int, new: int) -> None:
        if self.visible and _word_start(self.typing_span(self.editor.text(), new)) != _word_start(
            self._skip
        ):
            self.recheck()

    def recheck(self) -> None:
        editor = self.editor
        text = editor.text()
        self._skip = self.typing_span(text, editor.cursorPosition())
        words = self.check(text)
        cursor = _utf16(text, editor.cursorPosition())
        underline = underline_format()
        attributes = [
            QInputMethodEvent.Attribute(
                QInputMethodEvent.AttributeType.TextFormat,
                _utf16(text, word.start) - cursor,
                _utf16(text, word.end) - _utf16(text, word.start),
                underline,
            )
            for word in words
        ]
        QCoreApplication.sendEvent(editor, QInputMethodEvent("", attributes))

    def index_at(self, pos) -> int:
        return self.editor.cursorPositionAt(pos)

    def replace(self, word: Misspelling, suggestion: str) -> None:
        editor = self.editor
        text = editor.text()
        if text[word.start : word.end] != word.word:
            return
        editor.setSelection(word.start, word.end - word.start)
        editor.insert(suggestion)  # emits textEdited: one edit on the draft's undo stack


MenuHook = Callable[[QMenu, int], None]
"""Adds entries of its own to a text editor's context menu for a character index
(»Brug forslaget« on a finding marked there)."""


def build_menu(editor, spelling: _Spelling, index: int, hook: MenuHook | None = None) -> QMenu:
    """The editor's own context menu with the spelling suggestions for the word at
    `index` first, and what `hook` adds."""
    menu = editor.createStandardContextMenu()
    spelling.extend_menu(menu, index)
    if hook is not None:
        hook(menu, index)
    return menu


def context_menu(editor, spelling: _Spelling, event, hook: MenuHook | None = None) -> None:
    """The menu of build_menu at the point clicked (or the cursor, from the keyboard)."""
    menu = build_menu(editor, spelling, spelling.index_at(event.pos()), hook)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.popup(event.globalPos())
