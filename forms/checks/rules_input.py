"""IN-01: typed input that could not be read, kept as typed until it is corrected.

The editor never throws away what the author typed: an amount cell holding
"1,250.5" or a date field holding "31. februar 2025" keeps the text beside the
value (TableRow.raw_values, Aktstykke.raw_fields) and the value stays empty.
Until the text is corrected the draft has an error, so the final export is
refused (forms.finalgate): a figure nobody can read must never reach the
minister's signature unnoticed.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from forms.checks.facts import DocumentFacts, at_header
from forms.checks.registry import finding, rule
from forms.findings import Finding, Location, Severity
from forms.model import BudgetTable
from forms.typedinput import FIELDS, amount_text, read_amount, read_field

RULE = "IN-01"
TAIL = " Værdien står, som den blev skrevet, til den er rettet."


@rule(RULE, Severity.ERROR, "Værdi kan ikke læses", scope="document")
def unreadable_input(doc: DocumentFacts) -> Iterator[Finding]:
    draft = doc.draft
    for path, text in draft.raw_fields.items():
        yield _field_finding(path, text)
    # The tables as the checker read them (a copy per table content, Aktstykke.tables's
    # order): their cells are looked through once per table, not on every check.
    number = 0
    for facts in doc.sections:
        for block in facts.blocks:
            if block.table is None:
                continue
            number += 1
            for row_index, column, text in block.derived(_raw_cells):
                yield _cell_finding(
                    block.table, number, facts.letter, block.index, row_index, column, text
                )


def _raw_cells(table: BudgetTable) -> list[tuple[int, int, str]]:
    """(row, column, text) of every cell kept as typed because it could not be read."""
    return [
        (row_index, column, text)
        for row_index, row in enumerate(table.rows)
        for column, text in sorted(row.raw_values.items())
        if 0 <= column < len(table.columns)
    ]


def _field_finding(path: str, text: str) -> Finding:
    field = FIELDS.get(path)
    name = field.name if field else f"Feltet »{path}«"
    location = at_header(field.location if field else path)
    reading = read_field(path, text)
    if reading.ok:
        message = f"{name}: »{text}« er ikke gemt som værdi. Skriv den igen i feltet."
        return finding(RULE, location, message + TAIL)
    message = f"{name} kan ikke læses: {reading.message}"
    return finding(
        RULE,
        location,
        _with_suggestion(message, reading.suggestion),
        reading.suggestion,
        replacement=reading.suggestion,
    )


def _cell_finding(
    table: BudgetTable, number: int, letter: str, index: int, row: int, column: int, text: str
) -> Finding:
    label = table.rows[row].label.strip()
    heading = table.column_heading(column).strip()
    where = (
        f"Tabel {number}, række {row + 1}"
        + (f" »{label}«" if label else "")
        + (f", kolonne »{heading}«" if heading else f", kolonne {column + 1}")
    )
    location = Location(letter=letter, block=index, row=row, column=column)
    reading = read_amount(text)
    if reading.ok:
        # Readable after all (typed by hand into the file): say what it would be.
        suggestion = (
            amount_text(reading.value, table.unit.decimals)
            if isinstance(reading.value, Decimal)
            else "-"
        )
        message = f"{where}: »{text}« er ikke gemt som beløb. Skriv beløbet igen i cellen."
        return finding(
            RULE,
            location,
            _with_suggestion(message, suggestion),
            suggestion,
            replacement=suggestion if suggestion != "-" else "",
        )
    message = f"{where} kan ikke læses: {reading.message}"
    return finding(
        RULE,
        location,
        _with_suggestion(message, reading.suggestion),
        reading.suggestion,
        replacement=reading.suggestion,
    )


def _with_suggestion(message: str, suggestion: str | None) -> str:
    return message + (f" Forslag: {suggestion}." if suggestion else "") + TAIL
