"""An "I alt" the author typed into a budget table as an ordinary column or row.

The program computes a table's totals (BudgetTable.row_total, column_totals): an
"I alt" column appears by itself as soon as there are two amount columns, and
the "I alt" row is always there. An author who adds a column or row and heads it
"I alt" (or "Total", "Samlet", "Sum") means that total; as an ordinary column it
would be counted in the sums. `typed_totals` recognises such columns and rows
(rules TAB-02 and TAB-03 report them as warnings, with the offer to replace them),
and `replace_typed_total` turns one into the computed total: the column or row is
removed and its figures are kept as the stated totals (TableRow.stated_total,
BudgetTable.stated_column_totals), which the checks compare with the computed
ones, exactly as for a table imported with its totals. Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from forms.model import BudgetTable

TOTAL_WORDS = ("i alt", "total", "samlet", "sum")
REPLACE_ACTION = "Erstat med den beregnede I alt"
"""The action offered on the finding (the findings panel, the table's menu)."""


def is_total_heading(text: str) -> bool:
    """'I alt', 'i alt.', ' Total ', 'Samlet', 'Sum': a heading that names a total."""
    words = " ".join(text.replace(".", " ").split()).casefold()
    return words in TOTAL_WORDS


@dataclass(frozen=True)
class TypedTotal:
    """A column (amount column index) or row (row index) typed as a total."""

    kind: Literal["column", "row"]
    index: int
    heading: str

    def describe(self) -> str:
        what = "Kolonnen" if self.kind == "column" else "Rækken"
        return f"{what} »{self.heading.strip()}«"


def typed_totals(table: BudgetTable) -> list[TypedTotal]:
    """Every column and row of `table` headed as a total, columns first."""
    found = [
        TypedTotal("column", index, heading)
        for index, heading in enumerate(table.columns)
        if is_total_heading(heading)
    ]
    found += [
        TypedTotal("row", index, row.label)
        for index, row in enumerate(table.rows)
        if is_total_heading(row.label)
    ]
    return found


def typed_total_at(table: BudgetTable, row: int | None, column: int | None) -> TypedTotal | None:
    """The typed total a finding's cell points at (row, amount column), if any."""
    for typed in typed_totals(table):
        if typed.kind == "column" and row is None and column == typed.index:
            return typed
        if typed.kind == "row" and row == typed.index:
            return typed
    return None


def replace_typed_total(table: BudgetTable, typed: TypedTotal) -> BudgetTable:
    """A copy of `table` without the typed total, its figures kept as stated totals.

    A column: each row's figure becomes the row's stated total (the computed "I alt"
    column shows the sum; TAB-03 compares). A row: its figures become the stated
    column totals and its own total the stated grand total (TAB-02 compares)."""
    after = table.model_copy(deep=True)
    if typed.kind == "column":
        if len(after.columns) <= 1:
            raise ValueError("a table keeps at least one amount column")
        for row in after.rows:
            value = row.values[typed.index] if typed.index < len(row.values) else None
            if value is not None and row.stated_total is None:
                row.stated_total = value
        stated = list(after.stated_column_totals or [])
        grand = stated[typed.index] if typed.index < len(stated) else None
        after.remove_column(typed.index)
        if grand is not None and after.stated_grand_total is None:
            after.stated_grand_total = grand
        return after
    row = after.rows.pop(typed.index)
    values: list[Decimal | None] = list(row.values[: len(after.columns)])
    values += [None] * (len(after.columns) - len(values))
    if any(v is not None for v in values):
        after.stated_column_totals = values
    if row.stated_total is not None:
        after.stated_grand_total = row.stated_total
    return after


def replace_message(typed: TypedTotal) -> str:
    """The finding's text for a typed total (Danish)."""
    counted = "tælles med i rækkernes sum" if typed.kind == "column" else "tælles med i summen"
    computed = "»I alt«-kolonnen" if typed.kind == "column" else "»I alt«-rækken"
    return (
        f"{typed.describe()} er skrevet ind som en almindelig "
        f"{'kolonne' if typed.kind == 'column' else 'række'} og {counted}. Programmet "
        f"beregner selv {computed}: vælg »{REPLACE_ACTION}«, så fjernes "
        f"{'kolonnen' if typed.kind == 'column' else 'rækken'}, og dens tal gemmes og "
        "sammenlignes med den beregnede sum."
    )
