"""What a screen reader hears: a field's finding as its accessible description,
and an announcement when a new or changed finding is where the user is.

`set_description(widget, text)` sets the accessible description and tells the
accessibility layer (QAccessible.Event.DescriptionChanged); when the widget has
the keyboard focus and the text is new, the text is also announced
(QAccessibleAnnouncementEvent, Qt 6.8+; on an older Qt an Alert event). `announce(widget, text)` is the announcement alone,
used for the focused cell of a table.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleEvent, QMouseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from forms.findings import Severity

try:  # Qt 6.8+
    from PySide6.QtGui import QAccessibleAnnouncementEvent
except ImportError:  # pragma: no cover - older PySide6
    QAccessibleAnnouncementEvent = None  # type: ignore[assignment,misc]

announced: list[tuple[QWidget, str]] = []
"""The last announcements (widget, text), newest last; kept short, read by tests."""
_KEEP = 50


def finding_text(severity: Severity, message: str, rule: str | None = None) -> str:
    """'Fejl TAB-04: Summen …' – the severity in words first, never its colour alone."""
    word = severity.danish.capitalize()
    return f"{word} {rule}: {message}" if rule else f"{word}: {message}"


def has_focus(widget: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is widget or widget.isAncestorOf(focus))


def set_description(widget: QWidget, text: str, *, default: str = "") -> bool:
    """Make `text` (or `default` when it is empty) the widget's accessible description;
    announce it when it is a new finding at the focused widget. True when it changed."""
    shown = text or default
    if widget.accessibleDescription() == shown:
        return False
    widget.setAccessibleDescription(shown)
    if QAccessible.isActive():
        event = QAccessibleEvent(widget, QAccessible.Event.DescriptionChanged)
        QAccessible.updateAccessibility(event)
    if text and has_focus(widget):
        announce(widget, text)
    return True


class _FocusVisible(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate and isinstance(watched, QWidget):
            # After Qt has given the focus to the first field (which clears the flag).
            QTimer.singleShot(0, watched, lambda: _mark_keyboard_focus(watched))
        return False


def _mark_keyboard_focus(window: QWidget) -> None:
    window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)
    focus = window.focusWidget()
    if focus is not None:
        focus.update()


def focus_visible_from_start(window: QWidget) -> None:
    """Qt's styles draw the focus ring only after a key moved the focus (Tab); a dialog
    opened with a shortcut shows where the focus is at once (WCAG 2.4.7). A mouse
    click still hides the ring, as everywhere in Qt."""
    window.installEventFilter(_FocusVisible(window))


def name_toolbar_extension(toolbar: QToolBar) -> None:
    """The » button a toolbar shows when its buttons do not fit gets a Danish name."""
    button = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    if button is not None:
        button.setAccessibleName("Flere knapper")
        button.setToolTip("Flere knapper")


def announce(widget: QWidget, text: str) -> None:
    """Have the screen reader say `text` now (politely, after what it is reading)."""
    announced.append((widget, text))
    del announced[:-_KEEP]
    if not QAccessible.isActive():
        return
    if QAccessibleAnnouncementEvent is not None:
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))
    else:  # pragma: no cover - Qt before 6.8: the description change carries it
        QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert))


class WrappingLabel(QLabel):
    """A word-wrapping label as tall as its text at the width it has: QLabel's own
    hint wraps at a guessed width, two lines for a short text or a needless break
    in a form row."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def _height(self, width: int) -> int:
        return self.heightForWidth(width) if width > 0 else super().sizeHint().height()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self._height(self.width()))

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width(), self._height(self.width()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._height(event.size().width()) != self._height(event.oldSize().width()):
            self.updateGeometry()


class _ClickLabel(WrappingLabel):
    """A check box's text beside it: a click on the text toggles the box."""

    def __init__(self, text: str, box: QCheckBox):
        super().__init__(text)
        self._box = box
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setBuddy(box)  # its mnemonic moves the focus to the box

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._box.isEnabled():
            self._box.click()
        super().mouseReleaseEvent(event)


def wrapping(box: QCheckBox) -> QWidget:
    """`box` with its text in a word-wrapping label beside it: a check box's own text
    never wraps, so at 200 % zoom a long one widens the whole form. The box keeps
    its accessible name (the text) and the focus; the label is its buddy."""
    text = box.text()
    if not box.accessibleName():
        box.setAccessibleName(text.replace("&", ""))
    box.setText("")
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    layout.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
    label = _ClickLabel(text, box)
    label.setToolTip(box.toolTip())
    layout.addWidget(label, 1, Qt.AlignmentFlag.AlignTop)
    box.setProperty("wrappedLabel", label)
    return row


class ScrollingText(QScrollArea):
    """A long text above a form (a litra's guidance) in a box of its own: as tall as the
    text while there is room, at most `share` of the form's height (but three lines)
    when there is not, with a scroll bar then. At 200 % zoom the guidance would
    otherwise leave the blocks below it a sliver of the window."""

    def __init__(self, label: QWidget, share: float = 0.3, parent: QWidget | None = None):
        super().__init__(parent)
        self._label = label
        self._share = share
        self._watched: QWidget | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the text is read; the fields take the focus
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setWidget(label)

    def _height(self) -> int:
        width = self.viewport().width() if self.width() > 0 else self._label.sizeHint().width()
        bar = self.verticalScrollBar().sizeHint().width()
        text = self._label.heightForWidth(max(1, width - bar)) if width > bar else -1
        if text < 0:
            text = self._label.sizeHint().height()
        form = self.parentWidget()
        if form is None or form.height() <= 0:
            return text
        least = 3 * self.fontMetrics().lineSpacing() + 16
        return min(text, max(least, int(form.height() * self._share)))

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height())

    def minimumSizeHint(self) -> QSize:
        # Not the share of the form: the form's own minimum would grow with it. As
        # wide as the text's longest word, so the form never scrolls it sideways.
        least = 3 * self.fontMetrics().lineSpacing() + 16
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(self._label.minimumSizeHint().width() + bar, min(self._height(), least))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        form = self.parentWidget()
        if form is not None and form is not self._watched:
            form.installEventFilter(self)
            self._watched = form
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.Resize:
            self.updateGeometry()
        return super().eventFilter(watched, event)
