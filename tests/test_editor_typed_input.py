"""Typed input in the editor is never thrown away: dates and amounts in the header,
amounts in table cells, undo, the final export gate, the preview, autosave."""

from __future__ import annotations

import datetime as dt
import gc
from decimal import Decimal

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.editors.tablemodel import FIRST_AMOUNT_COLUMN
from desktop.session.partstate import HEADER
from desktop.session.recovery import RecoveryStore
from desktop.undo.edits import EditText
from forms.findings import Severity
from tests.editor_helpers import table_editor, type_in_cell

pytestmark = pytest.mark.usefixtures("app_names")


def type_into(qtbot, line: QLineEdit, text: str) -> None:
    """Replace a line edit's text from the keyboard, as the author would."""
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClicks(line, text)


def in01(window) -> list:
    window.refresh_now()
    return [f for f in window.findings if f.rule == "IN-01"]


# -- header -------------------------------------------------------------------------------


def test_a_date_that_cannot_be_read_stays_as_typed_and_is_explained(qtbot, window):
    window.focus_part(HEADER)
    form = window.header_form
    draft = window.doc.draft
    type_into(qtbot, form.date.edit, "31. februar 2025")
    assert draft.date is None and draft.raw_fields == {"date": "31. februar 2025"}
    assert form.date.text() == "31. februar 2025"
    assert form.date.error.isVisible()
    assert "februar 2025 har 28 dage" in form.date.error.text()
    assert form.date_line.text() == "Datoen kan ikke læses endnu."
    [found] = in01(window)
    assert found.location.field == "date" and found.message.startswith("Datoen kan ikke læses")
    stack = window.doc.undo_stack
    stack.command(stack.count() - 1)._stamp -= 10  # a pause: the next typing is a new step
    # Typing on: a date that reads clears the text kept; leaving the field shows it in full.
    type_into(qtbot, form.date.edit, "3.12.2024")
    assert draft.date == dt.date(2024, 12, 3) and draft.raw_fields == {}
    assert not form.date.error.isVisible()
    assert form.date.text() == "3.12.2024"  # not rewritten under the author's fingers
    form.date.edit.editingFinished.emit()
    assert form.date.text() == "3. december 2024"
    assert in01(window) == []
    # One undo step per burst of typing: back to the unreadable text, then the date before.
    window.act_undo.trigger()
    assert draft.date is None and draft.raw_fields == {"date": "31. februar 2025"}
    assert form.date.text() == "31. februar 2025"
    window.act_undo.trigger()
    assert draft.date == dt.date(2024, 11, 12) and draft.raw_fields == {}
    assert form.date.text() == "12. november 2024"
    window.act_redo.trigger()
    assert draft.raw_fields == {"date": "31. februar 2025"}


def test_the_calendar_chooses_a_date_and_clears_typed_text(qtbot, window):
    form = window.header_form
    type_into(qtbot, form.date.edit, "i morgen")
    assert window.doc.draft.raw_fields == {"date": "i morgen"}
    form.date.calendar.clicked.emit(QDate(2025, 1, 7))
    assert window.doc.draft.date == dt.date(2025, 1, 7)
    assert window.doc.draft.raw_fields == {}
    assert form.date.text() == "7. januar 2025"
    assert window.act_undo.text() == "Fortryd: ret dato"


def test_flag_amounts_are_typed_kept_when_unreadable_and_read_by_the_rules(qtbot, window):
    form = window.header_form
    flags = window.doc.draft.flags
    field = form.amounts["tb_amount"]
    type_into(qtbot, field.edit, "12.5")
    assert flags.tb_amount is None
    assert window.doc.draft.raw_fields == {"flags.tb_amount": "12.5"}
    assert "Forslag: 12,5." in field.error.text()
    [found] = in01(window)
    assert found.location.field == "tb_amount" and "Forslag: 12,5." in found.message
    # The finding leads back to the field.
    window.activateWindow()
    qtbot.waitActive(window)
    window.focus_part("a")
    window.reveal_finding(found)
    assert window.current_part() == HEADER
    assert QApplication.focusWidget() is field.edit
    type_into(qtbot, field.edit, "12,5")
    assert flags.tb_amount == Decimal("12.5") and window.doc.draft.raw_fields == {}
    window.refresh_now()
    assert any(f.rule == "A-05" for f in window.findings)  # 12,5 is not in litra a
    type_into(qtbot, field.edit, "")
    assert flags.tb_amount is None and window.doc.draft.raw_fields == {}
    laane = form.amounts["new_laaneramme"]
    type_into(qtbot, laane.edit, "250")
    assert flags.new_laaneramme == Decimal(250)
    laane.edit.editingFinished.emit()
    assert laane.text() == "250,0"


def test_an_unreadable_signature_date_keeps_its_field_shown(qtbot, window):
    form = window.header_form
    form.separate_signature.click()
    assert form.signature_date.isVisibleTo(form)
    type_into(qtbot, form.signature_date.edit, "November 13, 2024")
    draft = window.doc.draft
    assert draft.signature_date is None
    assert draft.raw_fields == {"signature_date": "November 13, 2024"}
    form.sync()
    assert form.separate_signature.isChecked() and form.signature_date.isVisibleTo(form)
    assert "Forslag: 13. november 2024." in form.signature_date.error.text()
    form.separate_signature.click()  # no separate date: the typed text goes too
    assert draft.raw_fields == {} and not form.signature_date.isVisibleTo(form)


# -- tables ---------------------------------------------------------------------------------


def test_columns_added_and_removed_keep_typed_text_with_its_cell(qtbot, window, script):
    editor = table_editor(window)
    type_in_cell(qtbot, editor, 1, FIRST_AMOUNT_COLUMN, "1,250.5")
    table = lambda: window.doc.draft.tables()[0][2]  # noqa: E731 - the table is replaced
    editor.show_cell(0, FIRST_AMOUNT_COLUMN)
    script.answer("ask_text", "2025")
    editor.add_column()
    assert table().columns == ["", "2025"]
    assert table().rows[1].raw_values == {0: "1,250.5"}
    editor.show_cell(0, FIRST_AMOUNT_COLUMN)
    script.answer("ask_text", "2024")
    editor.add_column()  # after the first column: the typed text stays in column 0
    editor.show_cell(0, FIRST_AMOUNT_COLUMN)
    script.answer("ask_text", "Før")
    before = len(table().columns)
    editor.show_cell(0, FIRST_AMOUNT_COLUMN + 1)
    editor.remove_column()
    assert len(table().columns) == before - 1
    assert table().rows[1].raw_values == {0: "1,250.5"}
    editor.show_cell(0, FIRST_AMOUNT_COLUMN)
    editor.remove_column()
    assert table().rows[1].raw_values == {}
    window.act_undo.trigger()
    assert table().rows[1].raw_values == {0: "1,250.5"}
    assert editor.model.data(editor.model.index(1, FIRST_AMOUNT_COLUMN)) == "1,250.5"


def test_final_export_is_refused_while_a_cell_cannot_be_read(qtbot, window, script):
    editor = table_editor(window)
    type_in_cell(qtbot, editor, 1, FIRST_AMOUNT_COLUMN, "1,250.5")
    assert window.signoff.final.export() is None
    [(title, reasons)] = script.told("show_error")
    assert title == "Den endelige udgave kan ikke laves endnu"
    assert "IN-01" in reasons and "Forslag: 1.250,5." in reasons
    assert "Tabel 1, række 2 »ICMPD«" in reasons


def test_the_preview_shows_the_typed_text_not_a_dash(qtbot, window):
    editor = table_editor(window)
    type_in_cell(qtbot, editor, 1, FIRST_AMOUNT_COLUMN, "1,250.5")
    window.refresh_now()
    assert "1,250.5" in window.preview.browser.toPlainText()


def test_the_recovery_file_keeps_typed_text_after_a_pause(qtbot, make_window, draft_file, tmp_path):
    store = RecoveryStore(tmp_path / "pause")
    window = make_window(recovery=store, autosave_ms=600_000, autosave_idle_ms=50)
    assert window.open_path(draft_file)
    editor = table_editor(window)
    type_in_cell(qtbot, editor, 1, FIRST_AMOUNT_COLUMN, "1,250.5")
    qtbot.waitUntil(lambda: bool(store.entries()), timeout=3000)
    [entry] = store.entries()
    recovered = store.load(entry)
    assert recovered.tables()[0][2].rows[1].raw_values == {0: "1,250.5"}


# -- nothing left behind per edit ---------------------------------------------------------------


def test_typing_keeps_one_command_per_burst_alive(qtbot, window):
    """A command merged into the one before drops what it holds (PySide6 never
    frees it), so typing does not keep a copy of the text per keystroke."""
    window.focus_part("a")
    editor = window.forms["a"].frames[0].editor
    editor.setFocus()
    qtbot.keyClicks(editor, "x" * 200)
    gc.collect()
    holding = [o for o in gc.get_objects() if isinstance(o, EditText) and getattr(o, "new", None)]
    assert window.doc.undo_stack.count() <= 2
    assert len(holding) <= window.doc.undo_stack.count()


def test_cell_editors_are_made_by_qt_and_only_configured(qtbot, window):
    """A QLineEdit made in Python and deleted by the view leaks references to
    None in PySide6 (tests/test_soak.py measures the count over 10,000 edits)."""
    editor = table_editor(window)
    view = editor.view
    view.setFocus()
    for column, name in ((FIRST_AMOUNT_COLUMN, "Beløb"), (0, "Tekst"), (1, "Konto")):
        view.setCurrentIndex(editor.model.index(0, column))
        qtbot.keyClick(view, Qt.Key.Key_F2)
        line = view.focusWidget()
        assert isinstance(line, QLineEdit) and not shiboken6.createdByPython(line)
        assert line.accessibleName() == name and not line.hasFrame()
        right = bool(line.alignment() & Qt.AlignmentFlag.AlignRight)
        assert right == (column == FIRST_AMOUNT_COLUMN)
        qtbot.keyClick(line, Qt.Key.Key_Escape)


@pytest.mark.parametrize("field", ["date", "tb_amount"])
def test_typed_fields_have_names_and_buddies(window, field):
    form = window.header_form
    widget = form.date if field == "date" else form.amounts[field]
    assert widget.edit.accessibleName()
    assert any(label.buddy() is widget.edit for label in form.findChildren(type(form.date_line)))


@pytest.mark.parametrize("column", [0, FIRST_AMOUNT_COLUMN])
def test_a_refresh_while_a_cell_is_edited_keeps_what_is_typed(qtbot, window, column):
    """The checks finish while the author types in a cell (the findings repaint the
    table): what was typed so far stays in the editor, nothing is reset or lost."""
    editor = table_editor(window)
    view, model = editor.view, editor.model
    view.setFocus()
    index = model.index(0, column)
    view.setCurrentIndex(index)
    typed = "Post 25" if column == 0 else "12,5"
    # Typing starts the editor with the first key and replaces the cell's text.
    qtbot.keyClicks(view, typed[0])
    line = view.focusWidget()
    assert isinstance(line, QLineEdit) and line.text() == typed[0]
    model.set_findings({(0, column): (Severity.WARNING, "en advarsel")})  # a refresh
    qtbot.keyClicks(line, typed[1:3])
    window.refresh_now()  # the checks, findings and preview run in between
    model.set_findings({})
    qtbot.keyClicks(line, typed[3:])
    assert line.text() == typed
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState, timeout=2000)
    assert model.index(0, column).data(Qt.ItemDataRole.EditRole) == typed


@pytest.mark.parametrize(
    ("action", "column", "typed"), [("add_row", 0, "Nyt navn"), ("add_column", 2, "12,5")]
)
def test_a_table_action_while_a_cell_is_edited_keeps_what_is_typed(
    qtbot, window, script, action, column, typed
):
    """Ctrl+Shift+R or Ctrl+Shift+K while a cell editor is open (the shortcuts work
    inside the table) changes the rows or columns; the text typed goes in first."""
    editor = table_editor(window)
    view, model = editor.view, editor.model
    view.setFocus()
    view.setCurrentIndex(model.index(0, column))
    qtbot.keyClicks(view, typed[0])  # the first key opens the editor
    qtbot.keyClicks(view.focusWidget(), typed[1:])
    assert view.state() == view.State.EditingState
    rows, columns = model.rowCount(), model.columnCount()
    script.answer("ask_text", "2025")
    editor.actions_by_name[action].trigger()
    assert view.state() != view.State.EditingState
    assert model.index(0, column).data(Qt.ItemDataRole.EditRole) == typed
    assert (model.rowCount(), model.columnCount()) != (rows, columns), "the action ran too"
    window.doc.undo_stack.undo()  # the action is undone on its own; the typed text stays
    assert (model.rowCount(), model.columnCount()) == (rows, columns)
    assert model.index(0, column).data(Qt.ItemDataRole.EditRole) == typed
