"""A dialog's body that scrolls when it is taller than the screen (200 % zoom on a
1920×1080 screen leaves 540 logical pixels): the buttons stay in view below it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

MARGIN = QSize(80, 160)
"""Room left on the screen around the dialog (its title bar, the buttons, the task bar)."""


class ScreenFit(QScrollArea):
    """Holds `body` at its own size; as large as the body up to what the screen has
    room for, with scroll bars beyond that."""

    def __init__(self, body: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the body's fields take the focus
        self.setWidget(body)
        body.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.LayoutRequest,
        ):
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:
        body = self.widget()
        if body is None:
            return super().sizeHint()
        wanted = body.size().expandedTo(body.sizeHint())
        screen = self.screen().availableGeometry().size() - MARGIN
        bar = self.verticalScrollBar().sizeHint().width()
        if wanted.height() > screen.height():
            wanted.setWidth(wanted.width() + bar)
        return wanted.boundedTo(screen)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()
