"""An "I alt" column or row the author typed: recognised, and replaced by the computed
one with its figures kept as stated totals (issue 15 point 3; Qt-free)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from forms.checks import check_draft
from forms.findings import Severity
from forms.model import BudgetTable, TableRow
from forms.tabletotals import (
    REPLACE_ACTION,
    TypedTotal,
    is_total_heading,
    replace_typed_total,
    typed_total_at,
    typed_totals,
)


def _table(columns, rows) -> BudgetTable:
    return BudgetTable(
        columns=list(columns),
        rows=[
            TableRow(label=label, values=[None if v is None else D(v) for v in values])
            for label, values in rows
        ],
    )


@pytest.mark.parametrize("text", ["I alt", "i alt", " I  alt. ", "Total", "SAMLET", "Sum"])
def test_total_headings(text):
    assert is_total_heading(text)


@pytest.mark.parametrize("text", ["", "2025", "I alt 2025", "Alt i alt", "Summen af tilskud"])
def test_other_headings(text):
    assert not is_total_heading(text)


def test_a_typed_column_is_recognised_and_replaced():
    table = _table(
        ["2025", "2026", "I alt"], [("IOM", ["1.0", "2.0", "3.0"]), ("ICMPD", ["4.0", None, "4.0"])]
    )
    [typed] = typed_totals(table)
    assert typed == TypedTotal("column", 2, "I alt")
    assert typed_total_at(table, None, 2) == typed and typed_total_at(table, 0, 2) is None
    after = replace_typed_total(table, typed)
    assert after.columns == ["2025", "2026"] and after.has_total_column
    assert [r.values for r in after.rows] == [[D("1.0"), D("2.0")], [D("4.0"), None]]
    assert [r.stated_total for r in after.rows] == [D("3.0"), D("4.0")]
    assert table.columns == ["2025", "2026", "I alt"]  # the original is untouched


def test_a_typed_row_is_recognised_and_replaced():
    table = _table([""], [("IOM", ["50.0"]), ("ICMPD", ["50.0"]), ("I alt", ["100.0"])])
    [typed] = typed_totals(table)
    assert typed == TypedTotal("row", 2, "I alt")
    after = replace_typed_total(table, typed)
    assert [r.label for r in after.rows] == ["IOM", "ICMPD"]
    assert after.stated_column_totals == [D("100.0")]


def _draft_with(example, table: BudgetTable):
    example.section("b").blocks.insert(1, table)
    return example


def test_checks_warn_with_the_offer_and_no_error(example):
    table = _table(["2024", "2025", "I alt"], [("IOM", ["50.0", "50.0", "100.0"])])
    findings = [f for f in check_draft(_draft_with(example, table)) if f.rule == "TAB-03"]
    assert [f.severity for f in findings] == [Severity.WARNING]
    assert REPLACE_ACTION in findings[0].message
    assert findings[0].location.column == 2 and findings[0].location.row is None


def test_after_replacing_a_wrong_typed_total_is_an_error(example):
    table = _table(["2024", "2025", "I alt"], [("IOM", ["50.0", "50.0", "90.0"])])
    after = replace_typed_total(table, typed_totals(table)[0])
    findings = [f for f in check_draft(_draft_with(example, after)) if f.rule == "TAB-03"]
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert "90,0" in findings[0].message and "100,0" in findings[0].message


def test_after_replacing_a_right_typed_total_nothing_is_found(example):
    table = _table(["2024", "2025", "I alt"], [("IOM", ["50.0", "50.0", "100.0"])])
    after = replace_typed_total(table, typed_totals(table)[0])
    assert not [
        f for f in check_draft(_draft_with(example, after)) if f.rule in ("TAB-02", "TAB-03")
    ]


def test_the_computed_column_appears_with_two_amount_columns():
    table = _table(["2025"], [("IOM", ["1.0"])])
    assert not table.has_total_column
    table.insert_column(1, "2026")
    assert table.has_total_column


def test_a_single_amount_column_is_not_replaced():
    table = _table(["I alt"], [("IOM", ["1.0"])])
    with pytest.raises(ValueError):
        replace_typed_total(table, typed_totals(table)[0])
