"""Accepting and rejecting pending changes, one at a time or all at once.

Pending changes are a set, each relative to the draft as it is: accepting one
changes the draft and moves the others' positions past it (`rebase`); one that
overlapped it becomes a conflict with the new text beside it. A change whose
text the author has since edited is found again by the text around it; one
that cannot be found is refused with a Danish message, never applied blindly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from forms.model import (
    LETTERS,
    Aktstykke,
    Block,
    BudgetTable,
    ImportNote,
    Paragraph,
    PendingChange,
    Section,
    TableRow,
)
from forms.roundtrip.changes import where

RULE_REASON = "fra Word-filen {source}: {reason}"
CONTEXT_FULL = 1000


class ChangeError(ValueError):
    """A change that cannot be applied to the draft as it is; `message` is Danish."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# -- finding a change's place ---------------------------------------------------------


def block_string(draft: Aktstykke, change: PendingChange) -> str | None:
    """The text a change edits (a paragraph's text, a table's caption or note)."""
    block = _block(draft, change.letter, change.block)
    if block is None:
        return None
    return _string_of(block, change.part)


def locate(draft: Aktstykke, change: PendingChange) -> PendingChange | None:
    """The change at its place in `draft` (found again by its context when the
    text moved), or None when its place is gone."""
    if change.kind == "edit":
        return _locate_edit(draft, change)
    if change.kind == "delete_block":
        return _locate_block(draft, change)
    if change.kind == "insert_block":
        return _locate_insert(draft, change)
    if change.kind in ("set", "insert_row", "delete_row"):
        if change.target and change.target.startswith("field:"):
            return change
        table = _block(draft, change.letter, change.block)
        if not isinstance(table, BudgetTable):
            return None
        if change.kind == "delete_row":
            if change.row is None or change.row >= len(table.rows):
                return None
            if table.rows[change.row].label and table.rows[change.row].label not in change.old:
                return None
        if change.kind == "set" and change.row is not None and change.row >= len(table.rows):
            return None
        return change
    if change.kind == "unplaced":
        return change
    return change


def _locate_edit(draft: Aktstykke, change: PendingChange) -> PendingChange | None:
    """At its recorded place when the text around it is still there; else where
    its text with the text around it is found once (nearest block first, with
    less and less context); else at its place if a long enough text still stands
    there. None: the place is gone."""
    text = block_string(draft, change)
    start, end = change.start or 0, change.end or 0
    here = text is not None and text[start:end] == change.old
    if text is not None and here and _context_fits(text, start, end, change):
        return change
    section = draft.section(change.letter) if change.letter else None
    if section is None:
        return None
    order = sorted(range(len(section.blocks)), key=lambda i: abs(i - (change.block or 0)))
    for near in (CONTEXT_FULL, 8):
        before, after = change.before[-near:], change.after[:near]
        wanted = before + change.old + after
        if not wanted or (not before and not after):
            continue
        for index in order:
            candidate = _string_of(section.blocks[index], change.part)
            if candidate is None:
                continue
            found = candidate.find(wanted)
            if found >= 0 and candidate.find(wanted, found + 1) < 0:
                at = found + len(before)
                return change.model_copy(
                    update={"block": index, "start": at, "end": at + len(change.old)}
                )
    if here and len(change.old) >= 4:
        return change
    return None


def _context_fits(text: str, start: int, end: int, change: PendingChange) -> bool:
    near = 8
    return text[:start].endswith(change.before[-near:]) and text[end:].startswith(
        change.after[:near]
    )


def _locate_block(draft: Aktstykke, change: PendingChange) -> PendingChange | None:
    section = draft.section(change.letter) if change.letter else None
    if section is None:
        return None
    index = change.block
    if (
        index is not None
        and index < len(section.blocks)
        and _block_text(section.blocks[index]) == change.old
    ):
        return change
    for index, block in enumerate(section.blocks):
        if _block_text(block) == change.old:
            return change.model_copy(update={"block": index})
    return None


def _locate_insert(draft: Aktstykke, change: PendingChange) -> PendingChange | None:
    section = draft.section(change.letter) if change.letter else None
    if section is None:
        return None
    position = min(change.block or 0, len(section.blocks))
    blocks = section.blocks
    fits = (position > 0 and _block_text(blocks[position - 1]).startswith(change.before)) or (
        position < len(blocks)
        and change.after
        and _block_text(blocks[position]).startswith(change.after)
    )
    if change.before and not fits:
        for index, block in enumerate(section.blocks):
            if _block_text(block).startswith(change.before):
                position = index + 1
                break
    return change.model_copy(update={"block": position})


# -- applying -------------------------------------------------------------------------


def apply_change(draft: Aktstykke, change: PendingChange) -> PendingChange:
    """Apply `change` to `draft` in place; returns the change as applied (its
    place found again). ChangeError when it cannot be applied."""
    placed = locate(draft, change)
    if placed is None:
        raise ChangeError(
            f"Ændringen i {where(change)} kan ikke placeres længere: teksten er ændret eller "
            "slettet, siden ændringen kom fra Word. Afvis den, eller ret teksten selv."
        )
    _APPLY[placed.kind](draft, placed)
    return placed


def _apply_edit(draft: Aktstykke, change: PendingChange) -> None:
    block = _block(draft, change.letter, change.block)
    text = block_string(draft, change) or ""
    new = text[: change.start] + change.new + text[change.end :]
    setattr(block, "text" if change.part == "text" else change.part, new)


def _apply_set(draft: Aktstykke, change: PendingChange) -> None:
    target = change.target or ""
    value = change.value if change.value is not None else change.new
    if target.startswith("field:"):
        name = target.removeprefix("field:")
        if name in ("date", "signature_date"):
            setattr(draft, name, dt.date.fromisoformat(value) if value else None)
        else:
            setattr(draft, name, value)
        return
    table = _block(draft, change.letter, change.block)
    assert isinstance(table, BudgetTable)
    kind = target.removeprefix("cell:")
    if kind == "label_heading":
        table.label_heading = value
    elif kind.startswith("column:"):
        table.columns[int(kind.split(":")[1])] = value
    else:
        row = table.rows[change.row or 0]
        if kind == "label":
            row.label = value
        elif kind == "account":
            row.account = value or None
        elif kind.startswith("value:"):
            column = int(kind.split(":")[1])
            row.values.extend([None] * (column + 1 - len(row.values)))
            row.values[column] = _decimal(value)


def _apply_insert_block(draft: Aktstykke, change: PendingChange) -> None:
    section = draft.section(change.letter) if change.letter else None
    assert section is not None  # locate() found it
    position = change.block or 0
    section.blocks[position:position] = [b.model_copy(deep=True) for b in change.blocks]


def _apply_delete_block(draft: Aktstykke, change: PendingChange) -> None:
    section = draft.section(change.letter) if change.letter else None
    assert section is not None and change.block is not None  # locate() found them
    del section.blocks[change.block]


def _apply_insert_row(draft: Aktstykke, change: PendingChange) -> None:
    table = _block(draft, change.letter, change.block)
    assert isinstance(table, BudgetTable)
    label, account, *values = [*change.cells, "", ""][: max(2, len(change.cells))]
    row = TableRow(label=label, account=account or None, values=[_decimal(v) for v in values])
    table.rows.insert(min(change.row or 0, len(table.rows)), row)


def _apply_delete_row(draft: Aktstykke, change: PendingChange) -> None:
    table = _block(draft, change.letter, change.block)
    assert isinstance(table, BudgetTable) and change.row is not None  # locate() checked
    del table.rows[change.row]


def _apply_unplaced(draft: Aktstykke, change: PendingChange) -> None:
    """The text goes into the nearest litra with an import note (I-01)."""
    text = change.new.strip()
    if not text:
        return
    letter = change.letter or (draft.sections[0].letter if draft.sections else "a")
    section = draft.section(letter)
    if section is None:
        section = Section(letter=letter)
        _insert_section(draft, section)
    position = (
        len(section.blocks) if change.block is None else min(change.block, len(section.blocks))
    )
    section.blocks.insert(position, Paragraph(text=text))
    reason = RULE_REASON.format(source=change.source or "Word", reason=change.reason)
    draft.import_notes.append(ImportNote(letter=letter, block=position, text=text, reason=reason))


def _apply_section(draft: Aktstykke, change: PendingChange) -> None:
    letter = change.letter
    if letter is None:
        raise ChangeError(f"Ændringen i {where(change)} nævner ikke, hvilken litra den gælder.")
    if change.kind == "delete_section":
        draft.sections = [s for s in draft.sections if s.letter != letter]
    elif draft.section(letter) is None:
        _insert_section(draft, Section(letter=letter, blocks=list(change.blocks)))


_APPLY: dict[str, Callable[[Aktstykke, PendingChange], None]] = {
    "edit": _apply_edit,
    "set": _apply_set,
    "insert_block": _apply_insert_block,
    "delete_block": _apply_delete_block,
    "insert_row": _apply_insert_row,
    "delete_row": _apply_delete_row,
    "unplaced": _apply_unplaced,
    "insert_section": _apply_section,
    "delete_section": _apply_section,
}


def _insert_section(draft: Aktstykke, section: Section) -> None:
    order = LETTERS.index(section.letter)
    position = next(
        (i for i, s in enumerate(draft.sections) if LETTERS.index(s.letter) > order),
        len(draft.sections),
    )
    draft.sections.insert(position, section)


def _decimal(text: str | None) -> Decimal | None:
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ChangeError(f"»{text}« er ikke et beløb.") from None


# -- helpers --------------------------------------------------------------------------


def _block(draft: Aktstykke, letter: str | None, index: int | None) -> Block | None:
    section = draft.section(letter) if letter else None
    if section is None or index is None or not 0 <= index < len(section.blocks):
        return None
    return section.blocks[index]


def _string_of(block: Block, part: str) -> str | None:
    if isinstance(block, BudgetTable):
        return _table_string(block, part)
    return block.text if part == "text" else None


def _table_string(table: BudgetTable, part: str) -> str | None:
    if part == "caption":
        return table.caption
    return table.note if part == "note" else None


def _block_text(block: Block) -> str:
    if isinstance(block, BudgetTable):
        return block.caption or "tabel"
    return block.text
