"""Helpers for the editor's tests: reach a budget table and type in it as an author would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop.editors.tableeditor import TableEditor
from desktop.window.mainwindow import MainWindow


def table_editor(window: MainWindow) -> TableEditor:
    window.focus_part("b")
    form = window.forms["b"]
    _letter, block, _ = window.doc.draft.tables()[0]
    editor = form.frames[block].editor
    assert isinstance(editor, TableEditor)
    return editor


def type_in_cell(qtbot, editor: TableEditor, row: int, column: int, text: str) -> None:
    """Select a cell, start editing it with F2 and type as the author would."""
    view = editor.view
    view.setFocus()
    view.setCurrentIndex(editor.model.index(row, column))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    line = view.focusWidget()
    assert isinstance(line, QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    # The delegate commits a Return through a queued call.
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState, timeout=2000)
