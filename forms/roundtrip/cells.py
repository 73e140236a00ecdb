"""A budget table as it came back, cell by cell, against the exported one.

Rows are paired by their text (a row added or deleted in Word shifts the
others); a changed cell becomes a new value of the label, the account, an
amount or a heading. Totals are computed by the program: one typed over in
Word is accepted silently only when it is what the new amounts add up to.
"""

from __future__ import annotations

from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any

from forms.amounts import AmountError, format_in_unit, parse_amount
from forms.model import BudgetTable, PendingChange, TableRow
from forms.roundtrip.locate import Locator
from forms.roundtrip.pieces import Who, merged_who, table_text
from forms.roundtrip.shown import Piece, ShownCell, ShownRow, ShownTable
from forms.roundtrip.stream import PARA, build_stream
from forms.roundtrip.wordread import RCell, ReturnedBody, RRow, RTable, Segment

CellView = tuple[str, str, Who | None]
"""A returned cell's text with tracked changes rejected, accepted, and who changed it."""

_ADDED = ("ins", "moveTo")
_REMOVED = ("del", "moveFrom")


def cell_view(cell: RCell) -> CellView:
    """The cell's text with tracked changes rejected and accepted, and who
    changed it (None: nobody with tracking)."""
    if all(
        isinstance(item, Segment) and item.revision is None and para.mark is None
        for para in cell.paras
        for item in para.items
    ) and all(para.mark is None for para in cell.paras):
        text = _fold(
            PARA.join(
                "".join(i.text for i in p.items if isinstance(i, Segment)) for p in cell.paras
            )
        )
        return text, text, None  # no tracked change in the cell: the common case
    stream = build_stream(ReturnedBody(list(cell.paras)))
    rejected = stream.text
    parts: list[str] = []
    position = 0
    for edit in stream.edits:
        parts.append(rejected[position : edit.start])
        parts.append(edit.text)
        position = edit.end
    parts.append(rejected[position:])
    whos = [Who(e.author or "", e.date) for e in stream.edits]
    return _fold(rejected), _fold("".join(parts)), merged_who(whos) if whos else None


def accepted_text(cell: RCell) -> str:
    return cell_view(cell)[1]


def _fold(text: str) -> str:
    return " ".join(part for part in text.split(PARA) if part).strip()


class TableComparison:
    def __init__(self, locator: Locator, piece: Piece, table: RTable, model: BudgetTable):
        self.locator = locator
        assert piece.table is not None  # only a table's piece is compared (compare.py)
        self.piece = piece
        self.shown: ShownTable = piece.table
        self.returned = table
        self.model = model
        self.values: dict[tuple[int, int], Decimal | None] = {}
        self.inserted: list[tuple[int, list[Decimal | None]]] = []
        self.deleted: set[int] = set()
        self.totals: list[tuple[ShownRow, int, str, Who]] = []
        self.changes: list[PendingChange] = []
        self.failed = False

    def compare(self) -> list[PendingChange]:
        expected = list(self.shown.rows)
        rows = [(row, [cell_view(c) for c in row.cells]) for row in self.returned.rows]
        kept = [(r, views) for r, views in rows if not _is(r, _ADDED)]
        e_keys = ["\t".join(c.text for c in row.cells) for row in expected]
        o_keys = ["\t".join(v[0] for v in views) for _, views in kept]
        pairs: dict[int, int] = {}
        matcher = SequenceMatcher(None, o_keys, e_keys, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag in ("equal", "replace"):
                for offset in range(min(i2 - i1, j2 - j1)):
                    pairs[i1 + offset] = j1 + offset
        paired_expected = set(pairs.values())
        last: int | None = None
        kept_index = 0
        for row, views in rows:
            if _is(row, _ADDED):
                self._insert_row(last, row, views)
                continue
            position = kept_index
            kept_index += 1
            if position not in pairs:
                self._insert_row(last, row, views)
                continue
            last = pairs[position]
            if _is(row, _REMOVED):
                self._delete_row(expected[last], _row_who(row))
            else:
                self._cells(expected[last], views)
        for index, shown_row in enumerate(expected):
            if index not in paired_expected:
                self._delete_row(shown_row, Who())
        if self.failed:
            return [c for c in self.changes if c.kind == "unplaced"][:1]
        self._check_totals()
        return self.changes

    # -- rows ----------------------------------------------------------------------

    def _insert_row(self, last: int | None, row: RRow, views: list[CellView]) -> None:
        who = _row_who(row) if _is(row, _ADDED) else Who()
        texts = [v[1] for v in views]
        if not any(text.strip() for text in texts):
            return
        expected = self.shown.rows
        anchor = expected[last] if last is not None else None
        if anchor is None or anchor.kind == "total" or len(texts) != len(expected[0].cells):
            self._unplaced(
                " | ".join(texts),
                "en række er tilføjet et sted i tabellen, hvor den ikke kan stå",
                who,
            )
            return
        position = 0 if anchor.kind == "header" else (anchor.row or 0) + 1
        lead = 1 if self.shown.with_account else 0
        account = texts[0] if lead else ""
        label = texts[lead]
        values: list[str] = []
        parsed: list[Decimal | None] = []
        for text in texts[lead + 1 : lead + 1 + self.shown.columns]:
            try:
                value = parse_amount(text)
            except AmountError as exc:
                self._unplaced(" | ".join(texts), exc.message, who)
                return
            parsed.append(value)
            values.append("" if value is None else str(value))
        self.inserted.append((position, parsed))
        self._add(
            kind="insert_row",
            row=position,
            cells=[label, account, *values],
            new=" | ".join(texts),
            who=who,
        )

    def _delete_row(self, row: ShownRow, who: Who) -> None:
        text = " | ".join(c.text for c in row.cells)
        if row.kind != "body" or row.row is None:
            self._unplaced(
                "", f"rækken »{text}« er slettet i Word, men den skrives af programmet", who
            )
            return
        self.deleted.add(row.row)
        self._add(kind="delete_row", row=row.row, old=text, who=who)

    # -- cells ---------------------------------------------------------------------

    def _cells(self, row: ShownRow, views: list[CellView]) -> None:
        if len(views) != len(row.cells):
            texts = table_text(self.returned)
            self._unplaced(texts, "tabellens kolonner er ændret i Word", Who())
            self.failed = True
            return
        for column, (cell, (rejected, accepted, who)) in enumerate(
            zip(row.cells, views, strict=True)
        ):
            if accepted == cell.text:
                continue
            author = who if who is not None and rejected == cell.text else Who()
            if cell.computed:
                self.totals.append((row, column, accepted, author))
            elif cell.span is None:
                self._unplaced(
                    accepted,
                    f"»{cell.text}« i tabellens {_row_name(row)} skrives af programmet",
                    author,
                )
            else:
                self._cell(row, cell, accepted, author)

    def _cell(self, row: ShownRow, cell: ShownCell, new: str, who: Who) -> None:
        span = cell.span
        assert span is not None  # _cells sends only the cells that show a draft value
        prefix, suffix = cell.text[: span.start], cell.text[span.end :]
        if not (new.startswith(prefix) and new.endswith(suffix)):
            self._unplaced(new, f"»{cell.text}« i tabellen er ændret uden for feltet", who)
            return
        inner = new[len(prefix) : len(new) - len(suffix) if suffix else None].strip()
        value: str | None = inner
        if span.target.startswith("cell:value:"):
            try:
                amount = parse_amount(inner)
            except AmountError as exc:
                self._unplaced(new, exc.message, who)
                return
            value = "" if amount is None else str(amount)
            if row.row is not None:
                self.values[(row.row, int(span.target.rsplit(":", 1)[1]))] = amount
        self._add(
            kind="set",
            target=span.target,
            row=row.row,
            old=cell.text,
            new=new,
            value=value,
            who=who,
        )

    def _check_totals(self) -> None:
        """A total typed over in Word is fine when it is what the new amounts give."""
        if not self.totals:
            return
        table = self._new_table()
        lead = 1 if self.shown.with_account else 0
        for row, column, typed, who in self.totals:
            amount_column = column - lead - 1
            if row.kind == "total":
                totals = table.column_totals()
                value = (
                    totals[amount_column] if amount_column < len(totals) else table.grand_total()
                )
            elif row.row is not None and row.row < len(table.rows):
                value = table.row_total(row.row)
            else:
                value = None
            computed = format_in_unit(value, table.unit) if value is not None else ""
            if typed.strip() != computed:
                reason = (
                    f"summen »{typed.strip()}« er skrevet i Word, men programmet regner "
                    f"summerne selv ({computed or 'ingen'})"
                )
                self._unplaced(typed, reason, who)

    def _new_table(self) -> BudgetTable:
        table = self.model.model_copy(deep=True)
        for (row, column), value in self.values.items():
            values = table.rows[row].values
            values.extend([None] * (column + 1 - len(values)))
            values[column] = value
        for row in sorted(self.deleted, reverse=True):
            del table.rows[row]
        for position, values in sorted(self.inserted, reverse=True):
            shift = sum(1 for d in self.deleted if d < position)
            table.rows.insert(position - shift, TableRow(values=values))
        return table

    # -- changes -------------------------------------------------------------------

    def _add(self, *, who: Who, **fields: Any) -> None:
        self.changes.append(
            PendingChange(
                id="",
                letter=self.piece.letter,
                block=self.piece.block,
                source=self.locator.source,
                **fields,
                **who.fields(),
            )
        )

    def _unplaced(self, text: str, reason: str, who: Who) -> None:
        self._add(kind="unplaced", new=text, reason=reason, who=who)


def _is(row: RRow, kinds: tuple[str, ...]) -> bool:
    return row.revision is not None and row.revision.kind in kinds


def _row_who(row: RRow) -> Who:
    revision = row.revision
    if revision is None:
        return Who()
    return Who(revision.author or "", revision.date)


def _row_name(row: ShownRow) -> str:
    return {"header": "overskriftsrække", "total": "»I alt«-række"}.get(row.kind, "række")
