"""What changed between two versions of a draft, as pending changes.

`diff_drafts(old, new)` lists the changes that turn `old` into `new` (each
relative to `old`; accepting them all in order gives `new`'s content): field
values, litra taken in or left out, paragraphs inserted, deleted and edited
word by word, table cells, rows and headings. The three-way merge uses it for
what the current draft changed since the export, the exporter for a Word file
with tracked changes since a chosen version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any

from forms.model import Aktstykke, Block, BudgetTable, PendingChange, Section, TableRow
from forms.roundtrip import textdiff
from forms.roundtrip.changes import CONTEXT, with_ids

FIELDS = ("ministry", "place", "date", "signature_date", "minister")


def diff_drafts(old: Aktstykke, new: Aktstykke, *, source: str = "kladden") -> list[PendingChange]:
    changes: list[PendingChange] = []
    for name in FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes.append(_set(f"field:{name}", _shown(before), _shown(after), source))
    old_letters = {s.letter for s in old.sections}
    new_letters = {s.letter for s in new.sections}
    for section in old.sections:
        if section.letter not in new_letters:
            changes.append(_change("delete_section", source, letter=section.letter))
    for section in new.sections:
        if section.letter not in old_letters:
            blocks = [b.model_copy(deep=True) for b in section.blocks]
            changes.append(_change("insert_section", source, letter=section.letter, blocks=blocks))
    for section in old.sections:
        other = new.section(section.letter)
        if other is not None:
            changes += _section_changes(section, other, source)
    return with_ids(changes, source)


def _shown(value: object) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _change(kind: str, source: str, **fields: Any) -> PendingChange:
    return PendingChange(id="", kind=kind, source=source, author=None, **fields)


def _set(target: str, old: str, new: str, source: str, **fields: Any) -> PendingChange:
    return _change("set", source, target=target, old=old, new=new, value=new, **fields)


def _key(block: Block) -> str:
    if isinstance(block, BudgetTable):
        return f"t:{block.caption}|{len(block.columns)}|{block.unit.value}"
    return f"{block.type[0]}:{block.text}"


def _section_changes(old: Section, new: Section, source: str) -> list[PendingChange]:
    letter = old.letter
    out: list[PendingChange] = []
    a, b = old.blocks, new.blocks
    matcher = SequenceMatcher(None, [_key(x) for x in a], [_key(x) for x in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                same_old, same_new = a[i1 + offset], b[j1 + offset]
                if isinstance(same_old, BudgetTable) and isinstance(same_new, BudgetTable):
                    out += _table_changes(letter, i1 + offset, same_old, same_new, source)
            continue
        pairs = _pairs(a, b, i1, i2, j1, j2)
        position = i1
        waiting: list[Block] = []
        for j in range(j1, j2):
            if j not in pairs:
                waiting.append(b[j])
                continue
            index = pairs[j]
            if waiting:
                out.append(_insert(letter, position, waiting, source))
                waiting = []
            for gone in range(position, index):
                out.append(_delete(letter, gone, a[gone], source))
            before, after = a[index], b[j]
            if isinstance(before, BudgetTable):
                assert isinstance(after, BudgetTable)  # _pairs pairs blocks of one type
                out += _table_changes(letter, index, before, after, source)
            else:
                assert not isinstance(after, BudgetTable)
                out += _text_changes(letter, index, "text", before.text, after.text, source)
            position = index + 1
        if waiting:
            out.append(_insert(letter, i2, waiting, source))
        for gone in range(position, i2):
            out.append(_delete(letter, gone, a[gone], source))
    out.sort(key=_order)
    return out


def _order(change: PendingChange) -> tuple[float, int]:
    """Changes in document order; an insertion before the block at its position."""
    block = change.block or 0
    return (block - 0.5 if change.kind == "insert_block" else block, change.start or 0)


def _pairs(
    a: Sequence[Block], b: Sequence[Block], i1: int, i2: int, j1: int, j2: int
) -> dict[int, int]:
    """new index → old index for blocks that are the same block edited: same
    kind, similar text (tables: the same shape), in order."""
    pairs: dict[int, int] = {}
    next_new = j1
    for i in range(i1, i2):
        best, best_ratio = None, 0.0
        for j in range(next_new, j2):
            if type(a[i]) is not type(b[j]):
                continue
            old, new = a[i], b[j]
            if isinstance(old, BudgetTable) or isinstance(new, BudgetTable):
                ratio = 1.0 if _key(old).split("|")[1:] == _key(new).split("|")[1:] else 0.0
            else:
                ratio = SequenceMatcher(None, old.text, new.text, autojunk=False).ratio()
            if ratio > best_ratio:
                best, best_ratio = j, ratio
        if best is not None and best_ratio >= 0.5:
            pairs[best] = i
            next_new = best + 1
    return pairs


def _delete(letter: str, index: int, block: Block, source: str) -> PendingChange:
    text = (block.caption or "tabel") if isinstance(block, BudgetTable) else block.text
    return _change("delete_block", source, letter=letter, block=index, old=text)


def _insert(letter: str, index: int, blocks: Sequence[Block], source: str) -> PendingChange:
    texts = [(b.caption if isinstance(b, BudgetTable) else b.text) for b in blocks]
    return _change(
        "insert_block",
        source,
        letter=letter,
        block=index,
        blocks=[b.model_copy(deep=True) for b in blocks],
        new="\n".join(texts),
    )


def _text_changes(
    letter: str, index: int, part: str, old: str, new: str, source: str
) -> list[PendingChange]:
    out = []
    for a0, a1, b0, b1 in textdiff.changes(old, new):
        out.append(
            _change(
                "edit",
                source,
                letter=letter,
                block=index,
                part=part,
                start=a0,
                end=a1,
                old=old[a0:a1],
                new=new[b0:b1],
                before=old[max(0, a0 - CONTEXT) : a0],
                after=old[a1 : a1 + CONTEXT],
            )
        )
    return out


def _table_changes(
    letter: str, index: int, old: BudgetTable, new: BudgetTable, source: str
) -> list[PendingChange]:
    if (
        old.unit != new.unit
        or len(old.columns) != len(new.columns)
        or old.stated_column_totals != new.stated_column_totals
        or old.stated_grand_total != new.stated_grand_total
        or _stated(old) != _stated(new)
    ):
        return [_delete(letter, index, old, source), _insert(letter, index, [new], source)]
    out = _text_changes(letter, index, "caption", old.caption, new.caption, source)
    out += _text_changes(letter, index, "note", old.note, new.note, source)
    where: dict[str, Any] = {"letter": letter, "block": index}
    if old.label_heading != new.label_heading:
        out.append(
            _set("cell:label_heading", old.label_heading, new.label_heading, source, **where)
        )
    for column, (before, after) in enumerate(zip(old.columns, new.columns, strict=True)):
        if before != after:
            out.append(_set(f"cell:column:{column}", before, after, source, **where))
    out += _row_changes(old, new, source, where)
    return out


def _stated(table: BudgetTable) -> list[Decimal | None]:
    return [row.stated_total for row in table.rows]


def _row_changes(
    old: BudgetTable, new: BudgetTable, source: str, where: dict[str, Any]
) -> list[PendingChange]:
    out: list[PendingChange] = []
    columns = len(old.columns)

    def values(row: TableRow) -> list[str]:
        return [_shown(row.values[c] if c < len(row.values) else None) for c in range(columns)]

    def key(row: TableRow) -> str:
        return f"{row.label}|{row.account or ''}|{'|'.join(values(row))}"

    matcher = SequenceMatcher(
        None, [key(r) for r in old.rows], [key(r) for r in new.rows], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for offset in range(paired):
            row, before, after = i1 + offset, old.rows[i1 + offset], new.rows[j1 + offset]
            if before.label != after.label:
                out.append(_set("cell:label", before.label, after.label, source, row=row, **where))
            if (before.account or "") != (after.account or ""):
                out.append(
                    _set(
                        "cell:account",
                        before.account or "",
                        after.account or "",
                        source,
                        row=row,
                        **where,
                    )
                )
            for column, (x, y) in enumerate(zip(values(before), values(after), strict=True)):
                if x != y:
                    out.append(_set(f"cell:value:{column}", x, y, source, row=row, **where))
        for row in range(i1 + paired, i2):
            out.append(_change("delete_row", source, row=row, old=old.rows[row].label, **where))
        for added in new.rows[j1 + paired : j2]:
            out.append(
                _change(
                    "insert_row",
                    source,
                    row=i2,
                    cells=[added.label, added.account or "", *values(added)],
                    new=added.label,
                    **where,
                )
            )
    return out


def application_order(changes: list[PendingChange]) -> list[PendingChange]:
    """The changes of one diff in an order in which each can be applied at its
    position in the old draft: from the end backwards, so an applied change
    never moves the place of one still to come. Two insertions at one place
    go in reverse, so they end up in their order."""
    letters = "abcdef"

    def key(item: tuple[int, PendingChange]) -> tuple[float, float, float, int, int]:
        index, change = item
        if change.kind in ("insert_section", "delete_section"):
            return (-1, 0, 0, 0, -index)
        if change.letter is None:
            return (7, 0, 0, 0, -index)
        block = change.block or 0
        block_key = block - 0.5 if change.kind == "insert_block" else block
        row = -1 if change.row is None else change.row
        row_key = row - 0.5 if change.kind == "insert_row" else row
        return (letters.index(change.letter), block_key, row_key, change.start or 0, -index)

    return [change for _, change in sorted(enumerate(changes), key=key, reverse=True)]
