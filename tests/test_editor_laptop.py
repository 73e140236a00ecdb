"""The editor on a laptop (issue 15 point 3): the window fits its screen, navigator
entries on two lines, findings wrap, a wide table keeps its label and "I alt" columns
in view while the years scroll, and a typed "I alt" is offered to be replaced."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLineEdit, QStyleOptionViewItem

from desktop.editors.tableeditor import TableEditor
from desktop.editors.tablemodel import FIRST_AMOUNT_COLUMN, LABEL_COLUMN
from desktop.window.mainwindow import MainWindow
from desktop.window.navigator import PADDING
from forms.model import BudgetTable, TableRow
from forms.tabletotals import REPLACE_ACTION
from tests.editor_helpers import type_in_cell

pytestmark = pytest.mark.usefixtures("app_names")

YEARS = ["2025", "2026", "2027", "2028", "2029"]


def _wide_table() -> BudgetTable:
    return BudgetTable(
        caption="Udgiftsprofil",
        columns=list(YEARS),
        rows=[
            TableRow(label="Projektledelse og styregruppe", values=[D("5.0")] * 5),
            TableRow(label="Udvikling af system", values=[D("10.0")] * 5),
        ],
    )


def _window_with_table(make_window, example, table: BudgetTable) -> tuple[MainWindow, TableEditor]:
    example.section("b").blocks.insert(1, table)
    window = make_window(draft=example)
    window.refresh_now()
    window.focus_part("b")
    editor = window.forms["b"].frames[1].editor
    assert isinstance(editor, TableEditor)
    return window, editor


def _settle(qtbot) -> None:
    qtbot.wait(50)


def test_the_window_fits_the_screen(make_window, monkeypatch):
    window = make_window()
    available = window.available_geometry()
    assert available.width() >= 1366  # the tests' screen is a 1366x768 laptop
    assert window.width() <= available.width() and window.height() <= available.height()
    for screen, expected in (
        (QRect(0, 0, 1024, 600), (1024, 600)),
        (QRect(0, 0, 1366, 728), (1366, 728)),  # a task bar takes 40 pixels
        (QRect(0, 0, 1920, 1040), (1728, 936)),  # nine tenths of a large screen
    ):
        monkeypatch.setattr(window, "available_geometry", lambda screen=screen: screen)
        window.fit_to_screen()
        frame = window.frameGeometry()
        extra = (frame.width() - window.width(), frame.height() - window.height())
        assert (window.width() + extra[0], window.height() + extra[1]) == (
            min(expected[0] + extra[0], screen.width()),
            min(expected[1] + extra[1], screen.height()),
        )
        assert screen.contains(frame)


def test_a_remembered_size_larger_than_the_screen_shrinks(make_window, monkeypatch):
    window = make_window()
    window.resize(1900, 1000)
    monkeypatch.setattr(window, "available_geometry", lambda: QRect(0, 0, 1366, 728))
    window.fit_to_screen(keep_size=True)
    assert QRect(0, 0, 1366, 728).contains(window.frameGeometry())
    assert window.width() >= 1366 - 20 and window.height() >= 728 - 40


def test_navigator_entries_fit_on_two_lines(window, qtbot):
    _settle(qtbot)
    navigator = window.navigator
    metrics = QFontMetrics(navigator.font())
    room = navigator.viewport().width() - navigator.iconSize().width() - 6 - 3 * PADDING
    for row in range(navigator.count()):
        item = navigator.item(row)
        lines = item.text().split("\n")
        assert len(lines) == 2, item.text()
        assert navigator.visualItemRect(item).height() <= 2 * metrics.height() + 2 * PADDING + 4
        for line in lines:
            assert metrics.horizontalAdvance(line) <= room, f"»{line}« is cut"
    assert not navigator.horizontalScrollBar().isVisible(), "no sideways scroll bar"


def test_findings_wrap_instead_of_being_cut(make_window, example, qtbot):
    window, _editor = _window_with_table(make_window, example, _wide_table())  # TAB-04
    window.findings_dock.show()
    _settle(qtbot)
    tree = window.findings_view.tree
    children = [
        tree.topLevelItem(g).child(c)
        for g in range(tree.topLevelItemCount())
        for c in range(tree.topLevelItem(g).childCount())
    ]
    assert children, "the table's total differs from litra a (TAB-04)"
    item = max(children, key=lambda i: len(i.text(0)))
    rect = tree.visualItemRect(item)
    one_line = QFontMetrics(tree.font()).height()
    assert rect.height() >= 2 * one_line, "a long finding takes several lines"
    assert rect.right() <= tree.viewport().width()
    assert tree.horizontalScrollBar().maximum() == 0
    option = QStyleOptionViewItem()
    option.initFrom(tree)
    hint = tree.itemDelegate().sizeHint(option, tree.indexFromItem(item))
    assert hint.width() <= tree.viewport().width()


def test_a_wide_table_keeps_label_and_total_in_view(make_window, example, qtbot):
    window, editor = _window_with_table(make_window, example, _wide_table())
    _settle(qtbot)
    view = editor.view
    assert view.scrolls(), "five years and a total do not fit beside the docks at 1366x768"
    left, right = view.frozen
    assert left.isVisible() and right.isVisible()
    assert left.columns() == [LABEL_COLUMN]
    total_column = FIRST_AMOUNT_COLUMN + len(YEARS)
    assert right.columns() == [total_column]
    assert right.geometry().right() == view.frame_left() + view.viewport().width() - 1
    bar = view.horizontalScrollBar()
    for value in (0, bar.maximum()):
        bar.setValue(value)
        _settle(qtbot)
        # The overlays stay at the edges and show the same cells as the table.
        assert left.geometry().left() == view.frame_left()
        assert left.model() is view.model() and right.model() is view.model()
        assert not left.isColumnHidden(LABEL_COLUMN) and left.isColumnHidden(FIRST_AMOUNT_COLUMN)
        assert not right.isColumnHidden(total_column)
    # Moving to a year brings it out from under the overlays.
    for column in range(FIRST_AMOUNT_COLUMN, total_column):
        index = view.model().index(0, column)
        view.setCurrentIndex(index)
        view.scrollTo(index)
        assert not view.under_overlay(index), f"column {column} is hidden"
    window.close()


def test_a_label_is_edited_where_it_is_seen(make_window, example, qtbot):
    window, editor = _window_with_table(make_window, example, _wide_table())
    _settle(qtbot)
    editor.view.horizontalScrollBar().setValue(editor.view.horizontalScrollBar().maximum())
    type_in_cell(qtbot, editor, 1, LABEL_COLUMN, "Drift af systemet")
    table = window.doc.table("b", 1)
    assert table.rows[1].label == "Drift af systemet"
    # Typing a year's figure still works in the scrolling part.
    type_in_cell(qtbot, editor, 0, FIRST_AMOUNT_COLUMN + 2, "7,5")
    assert window.doc.table("b", 1).rows[0].values[2] == D("7.5")


def test_the_computed_total_appears_with_the_second_column(make_window, example, script, qtbot):
    table = BudgetTable(columns=["2025"], rows=[TableRow(label="IOM", values=[D("1.0")])])
    _window, editor = _window_with_table(make_window, example, table)
    model = editor.model
    assert model.columnCount() == FIRST_AMOUNT_COLUMN + 1
    editor.view.setCurrentIndex(model.index(0, FIRST_AMOUNT_COLUMN))
    script.answer("ask_text", "2026")
    editor.add_column()
    assert model.columnCount() == FIRST_AMOUNT_COLUMN + 3
    last = model.columnCount() - 1
    assert model.headerData(last, Qt.Orientation.Horizontal) == "I alt"
    assert model.is_total_column(last)


def test_a_typed_total_column_is_offered_to_be_replaced(make_window, example, script, qtbot):
    table = BudgetTable(
        columns=["2025", "2026"],
        rows=[TableRow(label="IOM", values=[D("1.0"), D("2.0")])],
    )
    window, editor = _window_with_table(make_window, example, table)
    editor.view.setCurrentIndex(editor.model.index(0, FIRST_AMOUNT_COLUMN + 1))
    script.answer("ask_text", "I alt")
    editor.add_column()
    type_in_cell(qtbot, editor, 0, FIRST_AMOUNT_COLUMN + 2, "3,0")
    window.refresh_now()
    [typed] = [f for f in window.findings if f.rule == "TAB-03"]
    assert typed.severity.value == "warning"  # recognised: no error
    assert not [
        f for f in window.findings if f.severity.value == "error" and f.rule in ("TAB-02", "TAB-03")
    ]
    actions = window.findings_view.actions_for(typed)
    assert [label for label, _ in actions] == [REPLACE_ACTION]

    actions[0][1]()
    after = window.doc.table("b", 1)
    assert after.columns == ["2025", "2026"]
    assert after.rows[0].stated_total == D("3.0")
    assert not [f for f in window.findings if f.rule == "TAB-03"]
    assert "erstat »I alt«-kolonne" in window.doc.undo_stack.undoText()

    window.doc.undo_stack.undo()
    assert window.doc.table("b", 1).columns == ["2025", "2026", "I alt"]


def test_the_table_menu_replaces_a_typed_total_row(make_window, example, qtbot):
    table = BudgetTable(
        columns=[""],
        rows=[
            TableRow(label="IOM", values=[D("50.0")]),
            TableRow(label="ICMPD", values=[D("50.0")]),
            TableRow(label="I alt", values=[D("100.0")]),
        ],
    )
    window, editor = _window_with_table(make_window, example, table)
    replace = editor.actions_by_name["replace_total"]
    assert replace in editor.view.actions()  # the table's context menu
    editor.view.setCurrentIndex(editor.model.index(0, LABEL_COLUMN))
    replace.trigger()
    assert len(window.doc.table("b", 1).rows) == 3  # not a total: nothing happens
    assert "Vælg en celle" in editor.error.text()
    editor.view.setCurrentIndex(editor.model.index(2, FIRST_AMOUNT_COLUMN))
    replace.trigger()
    after = window.doc.table("b", 1)
    assert [r.label for r in after.rows] == ["IOM", "ICMPD"]
    assert after.stated_column_totals == [D("100.0")]
    window.refresh_now()
    assert not [f for f in window.findings if f.rule == "TAB-02"]


def test_a_label_being_edited_on_the_frozen_column_survives_a_row_action(
    make_window, example, qtbot
):
    window, editor = _window_with_table(make_window, example, _wide_table())
    _settle(qtbot)
    view = editor.view
    view.setFocus()
    view.setCurrentIndex(editor.model.index(0, LABEL_COLUMN))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    left = view.frozen[0]
    assert left.state() == left.State.EditingState  # edited where it is seen
    line = view.focusWidget()
    assert isinstance(line, QLineEdit) and left.isAncestorOf(line)
    line.selectAll()
    qtbot.keyClicks(line, "Styring")
    editor.actions_by_name["add_row"].trigger()
    rows = window.doc.table("b", 1).rows
    assert rows[0].label == "Styring" and len(rows) == 3
    assert view.state() != view.State.EditingState


@pytest.mark.parametrize("meeting", [False, True])
def test_the_header_form_fits_the_width_of_a_laptop_window(make_window, example, qtbot, meeting):
    """At 1366×768 every line of the header form wraps to the form's width: no
    sideways scrolling (the meeting's explanation once widened the whole form)."""
    import datetime as dt

    if meeting:
        example.flags.target_meeting = dt.date(2024, 11, 14)
    window = make_window(draft=example)
    window.resize(1366, 768)
    window.focus_part("header")
    _settle(qtbot)
    form = window.header_form
    assert form.widget().minimumSizeHint().width() <= form.viewport().width()
    assert form.horizontalScrollBar().maximum() == 0
