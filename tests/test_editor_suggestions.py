"""»Brug forslaget« in the editor (issue 15 point 2): from the findings panel, the
context menu of the marked text or cell, and Ctrl+. at the marked text, each one
undoable edit; refused cleanly when the finding has no replacement or is stale."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QPushButton

from desktop.controllers.suggestions import APPLY, NOTHING_HERE, SHORTCUT
from desktop.editors.blockeditors import ParagraphEditor, SubHeadingEditor, utf16_offset
from desktop.editors.tablemodel import FIRST_AMOUNT_COLUMN
from desktop.panels.findingsview import FINDING_ROLE
from desktop.undo.edits import EditText, InsertBlock, SetField
from forms.model import Paragraph, SubHeading
from forms.suggestions import STALE
from tests.editor_helpers import table_editor, type_in_cell

pytestmark = pytest.mark.usefixtures("app_names")

WRONG = "Der er afsat 45,00 mio. kr. til projektet."
RIGHT = "Der er afsat 45,0\u00a0mio. kr. til projektet."


def add_text(window, letter: str, text: str) -> int:
    """A paragraph at the end of a litra, checked; its block index."""
    doc = window.doc
    index = len(doc.draft.section(letter).blocks)
    doc.undo_stack.push(InsertBlock(doc, letter, index, Paragraph(text=text), "test"))
    window.refresh_now()
    return index


def text_of(window, letter: str, index: int) -> str:
    return window.doc.draft.section(letter).blocks[index].text


def finding(window, rule: str, letter: str, block: int):
    return next(
        f
        for f in window.findings
        if f.rule == rule and f.location.letter == letter and f.location.block == block
    )


def select_in_panel(window, wanted) -> None:
    tree = window.findings_view.tree
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        for c in range(group.childCount()):
            if group.child(c).data(0, FINDING_ROLE) == wanted:
                tree.setCurrentItem(group.child(c))
                return
    raise AssertionError(f"not in the panel: {wanted}")


def panel_buttons(window) -> dict[str, QPushButton]:
    row = window.findings_view.button_row
    buttons = [row.itemAt(i).widget() for i in range(row.count())]
    return {b.text(): b for b in buttons if isinstance(b, QPushButton) and not b.isHidden()}


def paragraph_editor(window, letter: str, index: int) -> ParagraphEditor:
    window.focus_part(letter)
    frame = window.forms[letter].frame_at(index)
    frame.focus_editor()
    editor = frame.editor
    assert isinstance(editor, ParagraphEditor)
    return editor


def test_panel_button_applies_the_suggestion_as_one_undoable_edit(qtbot, window):
    index = add_text(window, "b", WRONG)
    found = finding(window, "N-01", "b", index)
    assert found.replacement == "45,0\u00a0mio. kr."
    select_in_panel(window, found)
    buttons = panel_buttons(window)
    assert APPLY in buttons
    depth = window.doc.undo_stack.index()
    qtbot.mouseClick(buttons[APPLY], Qt.MouseButton.LeftButton)
    assert text_of(window, "b", index) == RIGHT
    assert not [f for f in window.findings if f.location.block == index and f.rule == "N-01"]
    assert window.doc.undo_stack.index() == depth + 1
    assert window.act_undo.text() == "Fortryd: brug forslaget i litra b"
    # The corrected text is selected in the editor.
    editor = window.forms["b"].frame_at(index).editor
    assert editor.textCursor().selectedText() == "45,0\u00a0mio. kr."
    window.act_undo.trigger()
    assert text_of(window, "b", index) == WRONG
    window.refresh_now()
    assert finding(window, "N-01", "b", index) == found


def test_panel_context_menu_offers_it(window):
    index = add_text(window, "b", WRONG)
    found = finding(window, "N-01", "b", index)
    select_in_panel(window, found)
    view = window.findings_view
    rect = view.tree.visualItemRect(view.tree.currentItem())
    menu = view.context_menu(rect.center())
    assert menu is not None
    assert [a.text() for a in menu.actions()] == [APPLY]
    menu.actions()[0].trigger()
    menu.deleteLater()
    assert text_of(window, "b", index) == RIGHT


def test_editor_context_menu_at_the_marked_text(window):
    index = add_text(window, "b", WRONG)
    editor = paragraph_editor(window, "b", index)
    at = WRONG.index("45,00") + 2
    menu = editor.menu_at(at)
    first = menu.actions()[0]
    assert first.text() == f"{APPLY}: »45,0 mio. kr.«"
    assert first.isEnabled() and first.shortcut() == QKeySequence(SHORTCUT)
    assert menu.actions()[1].isSeparator()
    # Away from the mark: no such entry.
    other = editor.menu_at(WRONG.index("projektet"))
    assert not [a for a in other.actions() if a.text().startswith(APPLY)]
    other.deleteLater()
    first.trigger()
    menu.deleteLater()
    assert text_of(window, "b", index) == RIGHT
    assert window.act_undo.text() == "Fortryd: brug forslaget i litra b"


def test_shortcut_at_the_marked_text(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    index = add_text(window, "b", WRONG)
    editor = paragraph_editor(window, "b", index)
    cursor = editor.textCursor()
    cursor.setPosition(utf16_offset(WRONG, WRONG.index("mio.")))
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert text_of(window, "b", index) == RIGHT
    window.act_undo.trigger()
    assert text_of(window, "b", index) == WRONG


def test_the_shortcut_is_listed_and_free(window, script):
    action = window.suggestions.act_apply
    assert action.shortcut() == QKeySequence(SHORTCUT)
    assert action in window.menu("edit").actions()
    taken = [
        a
        for a in window.findChildren(type(action))
        if a is not action and a.shortcut() == action.shortcut()
    ]
    assert [a.text() for a in taken if a.text() != action.text()] == []
    window.act_shortcuts.trigger()
    ((rows,),) = script.told("show_shortcuts")
    native = QKeySequence(SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
    assert (native, APPLY) in rows


def test_refused_table_value_from_the_cell_menu_and_undone(qtbot, window):
    editor = table_editor(window)
    type_in_cell(qtbot, editor, 0, FIRST_AMOUNT_COLUMN, "1,250.5")
    letter_block = editor.block
    row = window.doc.draft.section("b").blocks[letter_block].rows[0]
    assert row.raw_values == {0: "1,250.5"} and row.values[0] is None
    window.refresh_now()
    found = finding(window, "IN-01", "b", letter_block)
    assert found.replacement == "1.250,5"
    menu = editor.menu_at(0, FIRST_AMOUNT_COLUMN)
    first = menu.actions()[0]
    assert first.text() == f"{APPLY}: »1.250,5«" and first.isEnabled()
    assert "Tilføj række" in [a.text() for a in menu.actions()]  # the table's own actions stay
    first.trigger()
    menu.deleteLater()
    row = window.doc.draft.section("b").blocks[letter_block].rows[0]
    assert row.values[0] == Decimal("1250.5") and row.raw_values == {}
    assert "IN-01" not in {f.rule for f in window.findings}
    assert window.act_undo.text() == "Fortryd: brug forslaget i litra b"
    window.act_undo.trigger()
    row = window.doc.draft.section("b").blocks[letter_block].rows[0]
    assert row.raw_values == {0: "1,250.5"} and row.values[0] is None


def test_refused_table_value_with_the_shortcut_on_the_cell(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    editor = table_editor(window)
    type_in_cell(qtbot, editor, 1, FIRST_AMOUNT_COLUMN, "50.0")
    window.refresh_now()
    editor.view.setCurrentIndex(editor.model.index(1, FIRST_AMOUNT_COLUMN))
    editor.view.setFocus()
    qtbot.keyClick(editor.view, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    row = window.doc.draft.section("b").blocks[editor.block].rows[1]
    assert row.raw_values == {} and row.values[0] == Decimal("50.0")


def test_no_replacement_no_action(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    text = "Det giver -5,0 mio. kr. i 2025."
    index = add_text(window, "b", text)
    found = finding(window, "N-03", "b", index)
    assert found.replacement is None
    assert window.findings_view.actions_for(found) == []
    select_in_panel(window, found)
    assert APPLY not in panel_buttons(window)
    editor = paragraph_editor(window, "b", index)
    menu = editor.menu_at(text.index("5,0"))
    first = menu.actions()[0]
    assert first.text() == APPLY and not first.isEnabled()
    menu.deleteLater()
    cursor = editor.textCursor()
    cursor.setPosition(utf16_offset(text, text.index("5,0")))
    editor.setTextCursor(cursor)
    depth = window.doc.undo_stack.index()
    qtbot.keyClick(editor, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert text_of(window, "b", index) == text
    assert window.doc.undo_stack.index() == depth
    assert window.statusBar().currentMessage() == NOTHING_HERE


def test_stale_finding_is_refused_cleanly(window):
    index = add_text(window, "b", WRONG)
    found = finding(window, "N-01", "b", index)
    select_in_panel(window, found)
    # The author edits the paragraph before the check has run again.
    doc = window.doc
    edited = "Nu: " + WRONG
    doc.undo_stack.push(EditText(doc, "b", index, edited, "skriv", merge=False))
    depth = doc.undo_stack.index()
    panel_buttons(window)[APPLY].click()  # the panel still shows the old finding
    assert text_of(window, "b", index) == edited
    assert doc.undo_stack.index() == depth
    assert window.statusBar().currentMessage() == STALE
    # Checked again, the finding is offered at its new place and applies there.
    new = finding(window, "N-01", "b", index)
    assert new.location.start == found.location.start + 4
    assert window.suggestions.apply(new)
    assert text_of(window, "b", index) == "Nu: " + RIGHT


def test_header_field_from_the_panel(qtbot, window):
    doc = window.doc
    doc.undo_stack.push(SetField(doc, "ministry", "Udenrigsministeriet.", "ret ministerium"))
    window.refresh_now()
    found = next(f for f in window.findings if f.rule == "H-01")
    select_in_panel(window, found)
    qtbot.mouseClick(panel_buttons(window)[APPLY], Qt.MouseButton.LeftButton)
    assert doc.draft.ministry == "Udenrigsministeriet"
    assert window.header_form.ministry.currentText() == "Udenrigsministeriet"
    assert "H-01" not in {f.rule for f in window.findings}
    assert window.act_undo.text() == "Fortryd: brug forslaget"
    window.act_undo.trigger()
    assert doc.draft.ministry == "Udenrigsministeriet."


def test_sub_heading_menu_and_shortcut(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    doc = window.doc
    index = len(doc.draft.section("b").blocks)
    heading = "Budget på 45,00 mio. kr."
    doc.undo_stack.push(InsertBlock(doc, "b", index, SubHeading(text=heading), "test"))
    window.refresh_now()
    window.focus_part("b")
    frame = window.forms["b"].frame_at(index)
    editor = frame.editor
    assert isinstance(editor, SubHeadingEditor)
    menu = editor.menu_at(heading.index("45"))
    assert menu.actions()[0].text() == f"{APPLY}: »45,0 mio. kr.«"
    menu.deleteLater()
    frame.focus_editor()
    editor.setCursorPosition(heading.index("mio"))
    qtbot.keyClick(editor, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert text_of(window, "b", index) == "Budget på 45,0\u00a0mio. kr."


def test_table_context_menu_from_the_keyboard_is_the_current_cells(qtbot, window):
    editor = table_editor(window)
    view = editor.view
    asked = []
    view.menuRequested.connect(lambda index, _point: asked.append((index.row(), index.column())))
    current = editor.model.index(1, FIRST_AMOUNT_COLUMN)
    view.setCurrentIndex(current)
    keyboard = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, QPoint(1, 1), view.mapToGlobal(QPoint(1, 1))
    )
    QCoreApplication.sendEvent(view.viewport(), keyboard)
    clicked = view.visualRect(editor.model.index(0, FIRST_AMOUNT_COLUMN)).center()
    mouse = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, clicked, view.mapToGlobal(clicked))
    QCoreApplication.sendEvent(view.viewport(), mouse)
    for menu in QApplication.topLevelWidgets():
        if isinstance(menu, QMenu) and menu.isVisible():
            menu.close()
    assert asked == [(1, FIRST_AMOUNT_COLUMN), (0, FIRST_AMOUNT_COLUMN)]
