"""The budget table model: Qt's model contract, Danish amounts, live totals, undo."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from desktop import theme
from desktop.editors.tablemodel import (
    ACCOUNT_COLUMN,
    FIRST_AMOUNT_COLUMN,
    LABEL_COLUMN,
    BudgetTableModel,
)
from desktop.session.document import DraftDocument
from forms.amounts import Unit
from forms.findings import Severity
from forms.model import BudgetTable, TableRow

EDIT = Qt.ItemDataRole.EditRole
DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def document(qapp, example):
    return DraftDocument(example)


@pytest.fixture
def model(document):
    letter, block, _ = document.draft.tables()[0]
    return BudgetTableModel(document, letter, block)


def test_model_passes_qt_model_tester(qtmodeltester, model):
    qtmodeltester.check(model)


def test_multi_column_model_with_total_column_passes_tester(qtmodeltester, qapp, example):
    document = DraftDocument(example)
    section = document.section("b")
    section.blocks.append(
        BudgetTable(
            unit=Unit.MIO,
            columns=["2025", "2026", "2027"],
            rows=[
                TableRow(label="Drift", values=[Decimal("1.5"), None, Decimal(2)]),
                TableRow(label="Anlæg", account="06.32.10.13", values=[Decimal(3)]),
            ],
        )
    )
    model = BudgetTableModel(document, "b", len(section.blocks) - 1)
    qtmodeltester.check(model)
    assert model.columnCount() == FIRST_AMOUNT_COLUMN + 3 + 1
    assert model.headerData(model.columnCount() - 1, Qt.Orientation.Horizontal) == "I alt"
    assert model.data(model.index(0, model.columnCount() - 1)) == "3,5"
    assert model.data(model.index(1, ACCOUNT_COLUMN)) == "§ 06.32.10.13"
    # A short row counts as 'no amount' in its missing columns.
    assert model.data(model.index(1, FIRST_AMOUNT_COLUMN + 2)) == "-"
    assert model.data(model.index(2, model.columnCount() - 1)) == "6,5"


def test_seed_table_shows_danish_amounts_and_total(model):
    assert model.rowCount() == 3  # IOM, ICMPD, I alt
    assert model.columnCount() == FIRST_AMOUNT_COLUMN + 1  # one column: no 'I alt' column
    assert model.data(model.index(0, LABEL_COLUMN)) == "IOM"
    assert model.data(model.index(0, FIRST_AMOUNT_COLUMN)) == "50,0"
    assert model.data(model.index(2, LABEL_COLUMN)) == "I alt"
    assert model.data(model.index(2, FIRST_AMOUNT_COLUMN)) == "100,0"
    assert model.headerData(FIRST_AMOUNT_COLUMN, Qt.Orientation.Horizontal) == "Mio. kr."
    assert model.headerData(LABEL_COLUMN, Qt.Orientation.Horizontal) == "Projektsøjler"


def test_danish_amount_updates_total_live_and_undoes(model, document, qtbot):
    cell = model.index(0, FIRST_AMOUNT_COLUMN)
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(cell, "60,0", EDIT)
    assert document.table("b", model.block).rows[0].values[0] == Decimal("60.0")
    assert model.data(model.index(2, FIRST_AMOUNT_COLUMN)) == "110,0"
    assert document.undo_stack.undoText() == "ret beløb i tabel 1"
    document.undo_stack.undo()
    assert model.data(model.index(2, FIRST_AMOUNT_COLUMN)) == "100,0"
    assert document.modified is False


def test_unreadable_amount_stays_as_typed_marked_with_reason_and_suggestion(model, document, qtbot):
    cell = model.index(1, FIRST_AMOUNT_COLUMN)
    with qtbot.waitSignal(model.inputRejected) as rejected:
        assert model.setData(cell, "1,250.5", EDIT) is True
    message = rejected.args[1]
    assert "dansk beløb" in message and "Forslag: 1.250,5." in message
    assert "Mente du" not in message
    row = document.table("b", model.block).rows[1]
    assert row.values[0] is None and row.raw_values == {0: "1,250.5"}
    # Shown where it was typed, as typed, in the error colour, with the reason.
    assert model.data(cell, DISPLAY) == "1,250.5"
    assert model.data(cell, EDIT) == "1,250.5"
    assert model.data(cell, Qt.ItemDataRole.ToolTipRole) == message
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole).color() == theme.severity_background(
        Severity.ERROR
    )
    assert "fejl" in model.data(cell, Qt.ItemDataRole.AccessibleTextRole)
    # The neighbours are untouched; the total counts what can be read.
    assert model.data(model.index(0, FIRST_AMOUNT_COLUMN)) == "50,0"
    assert model.data(model.index(1, LABEL_COLUMN)) == "ICMPD"
    assert model.data(model.index(2, FIRST_AMOUNT_COLUMN)) == "50,0"
    assert document.undo_stack.undoText() == "ret beløb i tabel 1"


def test_a_valid_value_clears_the_raw_text_and_undo_redo_restore_it(model, document):
    cell = model.index(1, FIRST_AMOUNT_COLUMN)
    row = document.table("b", model.block).rows[1]
    model.setData(cell, "1,250.5", EDIT)
    assert model.setData(cell, "1.250,5", EDIT)
    assert row.values[0] == Decimal("1250.5") and row.raw_values == {}
    assert model.data(cell, DISPLAY) == "1.250,5"
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole) is None
    stack = document.undo_stack
    stack.undo()
    assert row.values[0] is None and row.raw_values == {0: "1,250.5"}
    assert model.data(cell, DISPLAY) == "1,250.5"
    stack.undo()
    assert row.values[0] == Decimal("50.0") and row.raw_values == {}
    stack.redo()
    assert row.raw_values == {0: "1,250.5"} and row.values[0] is None
    stack.redo()
    assert row.values[0] == Decimal("1250.5") and row.raw_values == {}
    # A dash is 'no amount', which also clears typed text.
    model.setData(cell, "12.5", EDIT)
    assert row.raw_values == {0: "12.5"}
    model.setData(cell, "-", EDIT)
    assert row.values[0] is None and row.raw_values == {}


def test_the_same_unreadable_text_again_is_no_new_undo_step(model, document):
    cell = model.index(1, FIRST_AMOUNT_COLUMN)
    model.setData(cell, "abc", EDIT)
    count = document.undo_stack.count()
    model.setData(cell, "abc", EDIT)
    assert document.undo_stack.count() == count
    model.setData(cell, "abd", EDIT)
    assert document.undo_stack.count() == count + 1


def test_model_with_unreadable_cells_passes_qt_model_tester(qtmodeltester, model):
    model.setData(model.index(0, FIRST_AMOUNT_COLUMN), "1,250.5", EDIT)
    model.setData(model.index(1, FIRST_AMOUNT_COLUMN), "tja", EDIT)
    qtmodeltester.check(model)


def test_totals_are_read_only(model):
    total = model.index(2, FIRST_AMOUNT_COLUMN)
    assert not model.flags(total) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(total, "1,0", EDIT) is False
    assert model.flags(model.index(0, FIRST_AMOUNT_COLUMN)) & Qt.ItemFlag.ItemIsEditable


def test_dash_is_no_amount_and_label_and_account_edits(model, document):
    assert model.setData(model.index(0, FIRST_AMOUNT_COLUMN), "-", EDIT)
    assert document.table("b", model.block).rows[0].values[0] is None
    assert model.data(model.index(0, FIRST_AMOUNT_COLUMN)) == "-"
    assert model.data(model.index(2, FIRST_AMOUNT_COLUMN)) == "50,0"
    assert model.setData(model.index(0, LABEL_COLUMN), "IOM (FN)", EDIT)
    assert model.setData(model.index(0, ACCOUNT_COLUMN), "§ 06.32.10.13", EDIT)
    row = document.table("b", model.block).rows[0]
    assert (row.label, row.account) == ("IOM (FN)", "06.32.10.13")
    assert document.undo_stack.undoText() == "ret konto i tabel 1"
    # Editing shows every typed decimal, display rounds to the unit's convention.
    assert model.setData(model.index(1, FIRST_AMOUNT_COLUMN), "12,345", EDIT)
    assert model.data(model.index(1, FIRST_AMOUNT_COLUMN), EDIT) == "12,345"
    assert model.data(model.index(1, FIRST_AMOUNT_COLUMN), DISPLAY) == "12,3"


def test_findings_colour_cells_and_give_tooltips(model):
    index = model.index(2, FIRST_AMOUNT_COLUMN)  # the total row: it has a background anyway
    plain = model.data(index, Qt.ItemDataRole.BackgroundRole).color()
    model.set_findings({(2, FIRST_AMOUNT_COLUMN): (Severity.ERROR, "Summen passer ikke.")})
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == "Summen passer ikke."
    marked = model.data(index, Qt.ItemDataRole.BackgroundRole).color()
    assert marked == theme.severity_background(Severity.ERROR) and marked != plain
    # Not by colour alone: an icon and the finding in words for a screen reader.
    assert not model.data(index, Qt.ItemDataRole.DecorationRole).isNull()
    assert model.data(index, Qt.ItemDataRole.AccessibleDescriptionRole) == (
        "Fejl: Summen passer ikke."
    )
    model.set_findings({})
    assert model.data(index, Qt.ItemDataRole.BackgroundRole).color() == plain
    assert model.data(index, Qt.ItemDataRole.DecorationRole) is None
    assert model.data(index, Qt.ItemDataRole.AccessibleDescriptionRole) == ""
