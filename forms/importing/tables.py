"""A grid of cells (a Word table, or table lines rebuilt from text) as a budget table.

Typed totals ("I alt" row and column) are kept as stated totals for the checks
to compare with the computed ones; they are never taken as data rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from forms.amounts import AmountError, Unit, format_amount, parse_amount
from forms.importing import patterns as p
from forms.importing.pieces import Grid
from forms.model import BudgetTable, Paragraph, TableRow

MIN_NUMERIC_SHARE = 0.6


@dataclass
class TableReading:
    blocks: list[Paragraph | BudgetTable]
    recognised: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)


def unit_of(text: str) -> Unit | None:
    match = p.UNIT_PHRASE.search(text)
    if match is None:
        return None
    phrase = match.group(0).lower().lstrip("(")
    if "mio" in phrase:
        return Unit.MIO
    if "mia" in phrase:
        return Unit.MIA
    if phrase.startswith(("1.000", "t")):  # '1.000 kr.', 't. kr.', 'tkr.'
        return Unit.TKR
    return Unit.KR


def _is_unit_only(text: str) -> bool:
    """'Mio. kr.', also with its price level: 'Mio. kr. (2025-pl)'."""
    if not text or p.UNIT_PHRASE.search(text) is None:
        return False
    rest = p.UNIT_PHRASE.sub("", text, count=1)
    return not rest.strip(" ()") or bool(p.PRICE_LEVEL.match(rest))


def _written_unit(written: str, default: str) -> str | None:
    """The unit heading as the source wrote it, or None when the layout's own
    heading reads the same (the model then keeps no label of its own)."""
    written = " ".join(written.split())
    return None if written == default else written


def _split_label_heading(text: str, unit: Unit) -> tuple[str, str | None]:
    """The top-left cell of a table with headed columns: the label column's
    heading and the unit as written. 'Projekter, mio. kr. (2025-pl)' gives
    ('Projekter', 'mio. kr. (2025-pl)'), as the layout writes it back; a cell
    not in that form is kept whole as the unit heading, so it reads the same."""
    phrase = p.UNIT_PHRASE.search(text) if text else None
    if phrase is None:
        return text, None
    if _is_unit_only(text) or p.PRICE_LEVEL.match(text[: phrase.start()]):
        return "", _written_unit(text, unit.heading)
    label, comma, written = text.rpartition(", ")
    if comma and label.strip() and _is_unit_only(written):
        return label.strip(), _written_unit(written, unit.value)
    return "", _written_unit(text, unit.heading)


def _value(text: str) -> tuple[Decimal | None, bool]:
    """The amount in a cell and whether the cell could be read."""
    try:
        return parse_amount(text), True
    except AmountError:
        return None, False


def read_grid(grid: Grid, where: str) -> TableReading:
    """The grid as one budget table, or as paragraphs when it holds no amounts."""
    rows = [[cell.strip() for cell in row] for row in grid.rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        return TableReading([])
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    header: list[str] | None = None
    if _looks_like_header(rows[0]) or len(rows) == 1:
        header, data = rows[0], rows[1:]
    else:
        data = rows
    account_at = _account_column(header, data, width)
    label_at = 1 if account_at == 0 else 0
    first_value = 2 if account_at is not None else 1
    value_cells = [cell for row in data for cell in row[first_value:] if cell]
    readable = sum(1 for cell in value_cells if _value(cell)[1])
    if (
        width <= first_value
        or not data
        or not value_cells
        or readable / len(value_cells) < MIN_NUMERIC_SHARE
    ):
        return _as_paragraphs(rows, grid, where)

    heads = header[first_value:] if header else [""] * (width - first_value)
    has_total_column = len(heads) >= 3 and bool(p.TOTAL_LABEL.match(heads[-1]))
    if has_total_column:
        heads = heads[:-1]
    guessed: list[str] = []
    unit = None
    for text in [*(header or []), grid.caption]:
        unit = unit or unit_of(text)
    if unit is None:
        unit = Unit.MIO
        guessed.append(f"Tabellen i {where} angiver ingen enhed; den er sat til mio. kr.")
    columns = heads
    label_heading = header[label_at] if header else ""
    unit_label = None
    if len(heads) == 1 and (not heads[0] or _is_unit_only(heads[0])):
        columns = [""]
        unit_label = _written_unit(heads[0], unit.heading) if heads[0] else None
    else:
        # With headed columns the unit stands in the top-left cell, alone
        # ('Mio. kr.') or after the label heading ('Projekter, mio. kr.').
        if label_heading in (unit.heading, unit.value):
            label_heading = ""
        label_heading, unit_label = _split_label_heading(label_heading, unit)

    total_row = None
    if len(data) >= 2 and p.TOTAL_LABEL.match(data[-1][label_at]):
        total_row, data = data[-1], data[:-1]
    unreadable: list[str] = []
    table_rows: list[TableRow] = []
    for row_index, row in enumerate(data):
        values, stated = _values(row[first_value:], len(columns), has_total_column)
        for column, (cell, value) in enumerate(zip(row[first_value:], values, strict=False)):
            if cell and value is None and not _value(cell)[1]:
                unreadable.append(f"række {row_index + 1}, kolonne {column + 1}: »{cell}«")
        table_rows.append(
            TableRow(
                label=row[label_at],
                account=_account(row[account_at]) if account_at is not None else None,
                values=values,
                stated_total=stated,
            )
        )
    table = BudgetTable(
        caption=grid.caption,
        unit=unit,
        unit_label=unit_label,
        label_heading=label_heading,
        columns=columns,
        rows=table_rows,
        note=grid.note,
    )
    recognised = [
        f"Budgettabel i {where}: {len(table_rows)} rækker, {len(columns)} "
        f"{'kolonne' if len(columns) == 1 else 'kolonner'} i {unit.value}"
    ]
    if total_row is not None:
        totals, grand = _values(total_row[first_value:], len(columns), has_total_column)
        table.stated_column_totals = totals
        if has_total_column:
            table.stated_grand_total = grand
        elif len(columns) == 1:
            table.stated_grand_total = totals[0] if totals else None
        shown = table.stated_grand_total if table.stated_grand_total is not None else None
        if shown is not None:
            recognised[-1] += f"; »I alt« {format_amount(shown, unit)} bevaret som angivet total"
        else:
            recognised[-1] += "; »I alt«-rækken bevaret som angivne totaler"
    recognised[-1] += "."
    if unreadable:
        listing = "; ".join(unreadable)
        table.note = (table.note + " " if table.note else "") + f"Ulæseligt ved import: {listing}."
        guessed.append(
            f"Tabellen i {where} har celler, der ikke er beløb ({listing}); de står i "
            "tabellens note, så intet går tabt."
        )
    return TableReading([table], recognised, guessed)


def _values(
    cells: list[str], count: int, has_total_column: bool
) -> tuple[list[Decimal | None], Decimal | None]:
    values = [_value(cell)[0] for cell in cells[:count]]
    values += [None] * (count - len(values))
    stated = _value(cells[count])[0] if has_total_column and len(cells) > count else None
    return values, stated


def _looks_like_header(row: list[str]) -> bool:
    rest = [cell for cell in row[1:] if cell]
    if any(unit_of(cell) for cell in row):
        return True
    return (
        not rest
        or not all(_value(cell)[1] for cell in rest)
        or all(re.fullmatch(r"(?:19|20)\d{2}", cell) for cell in rest)
    )


def _account_column(header: list[str] | None, data: list[list[str]], width: int) -> int | None:
    """Which column holds § accounts: the first ('§' heading, as we export), the
    second (after the label), or none."""
    if width < 3 or not data:
        return None
    for column in (0, 1):
        heading = (header[column] if header else "").strip().lower()
        cells = [row[column] for row in data if row[column]]
        if (
            cells
            and all(p.ACCOUNT.match(cell) for cell in cells)
            and heading in ("", "§", "konto", "§ konto", "hovedkonto", "underkonto")
        ):
            return column
    return None


def _account(text: str) -> str | None:
    match = p.ACCOUNT.match(text.strip())
    return match.group(1) if match else None


def _as_paragraphs(rows: list[list[str]], grid: Grid, where: str) -> TableReading:
    blocks: list[Paragraph | BudgetTable] = [Paragraph(text=grid.caption)] if grid.caption else []
    blocks += [Paragraph(text=" – ".join(cell for cell in row if cell)) for row in rows]
    if grid.note:
        blocks.append(Paragraph(text=grid.note))
    return TableReading(
        blocks,
        guessed=[
            f"En tabel i {where} indeholder ikke beløb og er læst som {len(blocks)} afsnit "
            "(én række pr. afsnit, cellerne adskilt af »–«)."
        ],
    )
