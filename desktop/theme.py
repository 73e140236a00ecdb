"""Colours by meaning, taken from the palette.

Every colour the editor shows for a state (a finding's severity, a stale or
current sign-off, the UDKAST marking, muted help text, a panel's tint) is asked
for here by its meaning, never written as a literal in a style sheet. Each
meaning has a hue; the colour returned is that hue moved in lightness until it
keeps at least 4.5:1 contrast (WCAG 2.1, 1.4.3; EN 301 549 11.1.4.3) against
the palette's base and window colours, so the same code reads on a light, a dark
and a high-contrast palette. Tints (a table cell's background) are a small share
of the hue over the base, kept light enough that the palette's text stays
readable on them; with a high-contrast palette there are no tints, only the
foreground colours (at 7:1) and the icons and words that go with every state.

A colour is never the only sign of a state: callers pair it with an icon
(`severity_icon`) or a word ("Fejl", "forældet").
"""

from __future__ import annotations

from enum import Enum
from functools import cache

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPen, QPixmap

from forms.findings import Severity

MINIMUM_CONTRAST = 4.5
"""WCAG 2.1 AA for text (1.4.3) against the base and the window colour."""
HIGH_CONTRAST = 7.0
"""WCAG AAA (1.4.6): what a high-contrast palette gets."""


class Meaning(Enum):
    """What a colour says; the hue is the light-palette look the editor always had."""

    ERROR = "#a4000f"
    WARNING = "#a35200"
    INFO = "#1d5fb4"
    STALE = "#a35200"
    CURRENT = "#2e7d32"
    DRAFT = "#c00000"
    """The UDKAST marking."""
    CONFLICT = "#a33a00"
    MUTED = "#4a5560"
    """Help text and notes beside a field; resolved comments."""
    ACCENT = "#2f6fc4"
    """The block being edited."""
    HIGHLIGHT = "#c9a400"
    """The place in the preview a change from Word is at."""


SEVERITY_MEANING = {
    Severity.ERROR: Meaning.ERROR,
    Severity.WARNING: Meaning.WARNING,
    Severity.INFO: Meaning.INFO,
}


# -- contrast -----------------------------------------------------------------------------


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2.1)."""
    return (
        0.2126 * _channel(colour.redF())
        + 0.7152 * _channel(colour.greenF())
        + 0.0722 * _channel(colour.blueF())
    )


def contrast(first: QColor, second: QColor) -> float:
    """The contrast ratio of two colours, 1 to 21."""
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _palette(palette: QPalette | None) -> QPalette:
    return palette if palette is not None else QGuiApplication.palette()


def is_dark(palette: QPalette | None = None) -> bool:
    palette = _palette(palette)
    return luminance(palette.color(QPalette.ColorRole.Base)) < 0.2


def is_high_contrast(palette: QPalette | None = None) -> bool:
    """The system asks for high contrast (Qt 6.10+ reads Windows', macOS' and GNOME's
    setting), or the palette is one: pure black and white for text and window alike
    (≥ 20.5:1; Fusion's light grey window gives 18:1, Adwaita's 20:1)."""
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    preference = getattr(Qt, "ContrastPreference", None)
    if accessibility is not None and preference is not None:
        try:
            if accessibility().contrastPreference() == preference.HighContrast:
                return True
        except (AttributeError, RuntimeError):
            pass
    palette = _palette(palette)
    role = QPalette.ColorRole
    text_on_base = contrast(palette.color(role.Text), palette.color(role.Base))
    text_on_window = contrast(palette.color(role.WindowText), palette.color(role.Window))
    return min(text_on_base, text_on_window) >= 20.5


def _grounds(palette: QPalette) -> list[QColor]:
    role = QPalette.ColorRole
    return [palette.color(role.Base), palette.color(role.Window)]


def _readable(hue: QColor, grounds: list[QColor], minimum: float) -> QColor:
    """The hue, darker or lighter (towards the side away from the grounds) until it
    reaches `minimum` contrast against every ground."""
    dark_grounds = sum(luminance(g) for g in grounds) / len(grounds) < 0.2
    h = max(hue.hslHueF(), 0.0)
    s = hue.hslSaturationF()
    lightness = hue.lightnessF()
    step = 0.02 if dark_grounds else -0.02
    colour = QColor(hue)
    while min(contrast(colour, g) for g in grounds) < minimum:
        lightness += step
        if not 0.0 <= lightness <= 1.0:
            return QColor(Qt.GlobalColor.white if dark_grounds else Qt.GlobalColor.black)
        colour = QColor.fromHslF(h, s, lightness)
    return colour


def foreground(meaning: Meaning, palette: QPalette | None = None) -> QColor:
    """The colour of text (or a line) that says `meaning` on this palette."""
    palette = _palette(palette)
    minimum = HIGH_CONTRAST if is_high_contrast(palette) else MINIMUM_CONTRAST
    return _readable(QColor(meaning.value), _grounds(palette), minimum)


def muted(palette: QPalette | None = None) -> QColor:
    """Secondary text: still 4.5:1 against base and window."""
    return foreground(Meaning.MUTED, palette)


def _mix(top: QColor, bottom: QColor, share: float) -> QColor:
    return QColor.fromRgbF(
        top.redF() * share + bottom.redF() * (1 - share),
        top.greenF() * share + bottom.greenF() * (1 - share),
        top.blueF() * share + bottom.blueF() * (1 - share),
    )


def background(meaning: Meaning, palette: QPalette | None = None) -> QColor:
    """A tint for `meaning` under the palette's text: a share of the hue over the base,
    no more than keeps the text at 4.5:1 (the base itself with a high-contrast palette)."""
    palette = _palette(palette)
    base = palette.color(QPalette.ColorRole.Base)
    if is_high_contrast(palette):
        return base
    text = palette.color(QPalette.ColorRole.Text)
    hue = foreground(meaning, palette)
    share = 0.22 if is_dark(palette) else 0.16
    tint = _mix(hue, base, share)
    while share > 0 and contrast(text, tint) < MINIMUM_CONTRAST:
        share -= 0.02
        tint = _mix(hue, base, max(share, 0.0))
    return tint


def panel_background(palette: QPalette | None = None) -> QColor:
    """A quiet panel (guidance, the selected finding): the palette's alternate base."""
    return _palette(palette).color(QPalette.ColorRole.AlternateBase)


def border(palette: QPalette | None = None) -> QColor:
    """A panel's outline: the palette's mid tone (the window text in high contrast)."""
    palette = _palette(palette)
    if is_high_contrast(palette):
        return palette.color(QPalette.ColorRole.WindowText)
    return palette.color(QPalette.ColorRole.Mid)


def css(colour: QColor) -> str:
    """'#rrggbb' for a style sheet or an HTML fragment."""
    return colour.name()


def fg(meaning: Meaning, palette: QPalette | None = None) -> str:
    """`foreground` for a style sheet."""
    return css(foreground(meaning, palette))


def bg(meaning: Meaning, palette: QPalette | None = None) -> str:
    """`background` for a style sheet."""
    return css(background(meaning, palette))


def severity_colour(severity: Severity, palette: QPalette | None = None) -> QColor:
    return foreground(SEVERITY_MEANING[severity], palette)


def severity_background(severity: Severity, palette: QPalette | None = None) -> QColor:
    return background(SEVERITY_MEANING[severity], palette)


def total_background(palette: QPalette | None = None) -> QColor:
    """A table's computed "I alt" cells (bold as well)."""
    return panel_background(palette)


def paper() -> QColor:
    """A page of the document (the preview, Vis som sider): paper is white in every palette."""
    return QColor(Qt.GlobalColor.white)


def desk(palette: QPalette | None = None) -> QColor:
    """What the pages lie on: the palette's dark shade."""
    return _palette(palette).color(QPalette.ColorRole.Dark)


def highlight_background(palette: QPalette | None = None) -> QColor:
    """The preview's highlight: the preview is paper (black on white) in every palette."""
    return _mix(QColor(Meaning.HIGHLIGHT.value), QColor(Qt.GlobalColor.white), 0.35)


def mark_on(fill: QColor) -> QColor:
    """White or black, whichever reads on `fill` (a cross or tick drawn on a coloured disc)."""
    white, black = QColor(Qt.GlobalColor.white), QColor(Qt.GlobalColor.black)
    return white if contrast(white, fill) >= contrast(black, fill) else black


# -- icons ----------------------------------------------------------------------------------


def severity_icon(severity: Severity) -> QIcon:
    """A shape per severity (a cross, an exclamation mark, an i), in its colour on the
    current palette: the shape tells the severity without the colour."""
    return _severity_icon(severity, css(severity_colour(severity)))


@cache
def _severity_icon(severity: Severity, colour: str) -> QIcon:
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(colour)
    mark = mark_on(fill)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    if severity is Severity.WARNING:
        painter.drawPolygon([QPointF(16, 2), QPointF(30, 28), QPointF(2, 28)])
    elif severity is Severity.ERROR:
        painter.drawRect(QRectF(3, 3, 26, 26))
    else:
        painter.drawEllipse(QRectF(3, 3, 26, 26))
    pen = QPen(mark, 3.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    if severity is Severity.ERROR:
        painter.drawLine(QPointF(10, 10), QPointF(22, 22))
        painter.drawLine(QPointF(22, 10), QPointF(10, 22))
    elif severity is Severity.WARNING:
        painter.drawLine(QPointF(16, 11), QPointF(16, 19))
        painter.drawPoint(QPointF(16, 24))
    else:
        painter.drawLine(QPointF(16, 14), QPointF(16, 23))
        painter.drawPoint(QPointF(16, 9))
    painter.end()
    return QIcon(pixmap)


# -- the application ------------------------------------------------------------------------


def high_contrast_sheet(palette: QPalette | None = None) -> str:
    """Under a high-contrast palette every field and button gets an outline in the
    text colour and the focused one a thick one in the highlight colour: Fusion
    draws its frames a shade darker than the window, which on black is black."""
    palette = _palette(palette)
    line = css(palette.color(QPalette.ColorRole.WindowText))
    focus = css(palette.color(QPalette.ColorRole.Highlight))
    fields = "QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox, QAbstractItemView"
    focused = ", ".join(f"{name.strip()}:focus" for name in fields.split(","))
    return (
        f"{fields} {{ border: 1px solid {line}; }}"
        f"{focused} {{ border: 2px solid {focus}; }}"
        f"QPushButton {{ border: 1px solid {line}; padding: 3px 10px; }}"
        f"QPushButton:focus {{ border: 2px solid {focus}; }}"
        f"QPushButton:disabled {{ border-style: dashed; }}"
        f"QCheckBox::indicator {{ width: 0.9em; height: 0.9em; border: 1px solid {line}; }}"
        f"QCheckBox::indicator:checked {{ background: {line}; }}"
        f"QCheckBox::indicator:focus {{ border: 2px solid {focus}; }}"
    )


def install(app: QCoreApplication) -> None:
    """At start: the high-contrast outlines when the palette (or the system) asks for
    high contrast."""
    from PySide6.QtWidgets import QApplication

    if isinstance(app, QApplication) and is_high_contrast(app.palette()):
        app.setStyleSheet(high_contrast_sheet(app.palette()))
