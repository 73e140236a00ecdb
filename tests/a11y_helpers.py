"""Palettes for the accessibility tests and screenshots: a dark one and a
high-contrast one (as Windows' "High Contrast Black" and GNOME's HighContrast
give them), built from the roles the editor reads."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

ROLE = QPalette.ColorRole


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (ROLE.Window, "#2b2d30"),
        (ROLE.WindowText, "#dfe1e5"),
        (ROLE.Base, "#1e1f22"),
        (ROLE.AlternateBase, "#313338"),
        (ROLE.Text, "#dfe1e5"),
        (ROLE.Button, "#393b40"),
        (ROLE.ButtonText, "#dfe1e5"),
        (ROLE.Mid, "#55585e"),
        (ROLE.Highlight, "#2f65ca"),
        (ROLE.HighlightedText, "#ffffff"),
        (ROLE.PlaceholderText, "#9a9da3"),
        (ROLE.ToolTipBase, "#393b40"),
        (ROLE.ToolTipText, "#dfe1e5"),
        (ROLE.Light, "#4a4d52"),
        (ROLE.Dark, "#151618"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def high_contrast_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (ROLE.Window, "#000000"),
        (ROLE.WindowText, "#ffffff"),
        (ROLE.Base, "#000000"),
        (ROLE.AlternateBase, "#000000"),
        (ROLE.Text, "#ffffff"),
        (ROLE.Button, "#000000"),
        (ROLE.ButtonText, "#ffffff"),
        (ROLE.Mid, "#ffffff"),
        (ROLE.Highlight, "#1aebff"),
        (ROLE.HighlightedText, "#000000"),
        (ROLE.PlaceholderText, "#ffffff"),
        (ROLE.ToolTipBase, "#000000"),
        (ROLE.ToolTipText, "#ffffff"),
        (ROLE.Light, "#ffffff"),
        (ROLE.Dark, "#ffffff"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


PALETTES = {"default": QPalette, "dark": dark_palette, "high-contrast": high_contrast_palette}
