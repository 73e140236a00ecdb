"""Small state icons for the navigator, drawn at run time (no image files).

Warnings and errors use the style's standard message-box icons, as the
findings dock does; the quiet states (in order, empty, left out, not allowed)
get calm round icons so that a litra left out on purpose does not look wrong.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from desktop import theme

SIZE = 32


def _canvas() -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


def _circle(painter: QPainter, fill: QColor | None, ring: QColor) -> None:
    painter.setPen(QPen(ring, 2.5))
    painter.setBrush(fill if fill is not None else Qt.BrushStyle.NoBrush)
    painter.drawEllipse(QRectF(3, 3, SIZE - 6, SIZE - 6))


@cache
def ok_icon() -> QIcon:
    pixmap, painter = _canvas()
    green = theme.foreground(theme.Meaning.CURRENT)
    _circle(painter, green, green)
    path = QPainterPath(QPointF(9.5, 16.5))
    path.lineTo(14, 21)
    path.lineTo(22.5, 11.5)
    painter.setPen(QPen(theme.mark_on(green), 3.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.end()
    return QIcon(pixmap)


@cache
def empty_icon() -> QIcon:
    pixmap, painter = _canvas()
    _circle(painter, None, theme.muted())
    painter.end()
    return QIcon(pixmap)


@cache
def omitted_icon() -> QIcon:
    pixmap, painter = _canvas()
    grey = theme.muted()
    _circle(painter, None, grey)
    painter.setPen(QPen(grey, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(10, 16), QPointF(22, 16))
    painter.end()
    return QIcon(pixmap)


@cache
def not_allowed_icon() -> QIcon:
    pixmap, painter = _canvas()
    grey = theme.muted()
    _circle(painter, None, grey)
    painter.setPen(QPen(grey, 2.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(8.5, 8.5), QPointF(23.5, 23.5))
    painter.end()
    return QIcon(pixmap)
