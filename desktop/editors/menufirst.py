"""Entries put first in a context menu that Qt or an editor already filled."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu


def put_first(menu: QMenu, actions: list[QAction]) -> None:
    """`actions` at the top of `menu`, a separator under them (spelling suggestions,
    »Brug forslaget«): what the author came for comes before Fortryd, Klip …"""
    existing = menu.actions()
    if not existing:  # an editor without a menu of its own: ours alone
        menu.addActions(actions)
        menu.addSeparator()
        return
    first = existing[0]
    for action in actions:
        menu.insertAction(first, action)
    menu.insertSeparator(first)
