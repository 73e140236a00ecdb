"""What changed since a chosen version, paragraph by paragraph and cell by cell,
for a Word file that shows it as native tracked changes ("Eksportér med
ændringer").

Both versions are laid out (exporters.shown) and their pieces paired in order:
a paired paragraph gets its word-level differences, an unpaired new one is an
insertion, an unpaired old one a deleted paragraph put back where it stood;
tables are compared cell by cell, rows added and removed included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from forms.roundtrip import textdiff
from forms.roundtrip.shown import Piece, ShownDocument
from forms.roundtrip.textdiff import Opcode


@dataclass
class TableChanges:
    cells: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    """(row, column) of the new grid → (old text, new text)."""
    inserted_rows: set[int] = field(default_factory=set)
    deleted_rows: list[tuple[int, list[str]]] = field(default_factory=list)
    """Old rows gone: put back before new row index, with their cell texts."""


@dataclass
class ChangePlan:
    paragraphs: dict[tuple[int, int], tuple[str, list[Opcode]]] = field(default_factory=dict)
    """(layout index, line) → (old text, opcodes) of a changed paragraph."""
    inserted: set[tuple[int, int]] = field(default_factory=set)
    deleted: dict[int, list[Piece]] = field(default_factory=dict)
    """Layout index → old pieces deleted right before it (len(blocks): at the end)."""
    tables: dict[int, TableChanges] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.paragraphs or self.inserted or self.deleted or self.tables)


def plan_changes(old: ShownDocument, new: ShownDocument, end_index: int) -> ChangePlan:
    plan = ChangePlan()
    a, b = old.pieces, new.pieces
    matcher = SequenceMatcher(None, [_key(p) for p in a], [_key(p) for p in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                if a[i1 + offset].kind == "table":
                    _table(plan, a[i1 + offset], b[j1 + offset])
            continue
        pairs = _pairs(a, b, i1, i2, j1, j2)
        paired_old = set(pairs.values())
        for j in range(j1, j2):
            piece = b[j]
            if j in pairs:
                _paired(plan, a[pairs[j]], piece)
            elif piece.kind == "table":
                rows = piece.table.rows if piece.table else ()
                plan.tables[piece.layout_index] = TableChanges(inserted_rows=set(range(len(rows))))
            else:
                plan.inserted.add((piece.layout_index, piece.line))
        for i in range(i1, i2):
            if i in paired_old:
                continue
            following = next((pairs_j for pairs_j, pi in sorted(pairs.items()) if pi > i), None)
            where = (
                b[following].layout_index
                if following is not None
                else _next_index(b, j2, end_index)
            )
            plan.deleted.setdefault(where, []).append(a[i])
    return plan


def _next_index(pieces: Sequence[Piece], j: int, end_index: int) -> int:
    return pieces[j].layout_index if j < len(pieces) else end_index


def _key(piece: Piece) -> str:
    if piece.kind == "table" and piece.table is not None:
        first = [row.cells[0].text if row.cells else "" for row in piece.table.rows]
        return "\x01" + "|".join(first)
    return piece.text


def _pairs(
    a: Sequence[Piece], b: Sequence[Piece], i1: int, i2: int, j1: int, j2: int
) -> dict[int, int]:
    """new index → old index, in order, alike kinds and texts."""
    pairs: dict[int, int] = {}
    next_new = j1
    for i in range(i1, i2):
        best, best_ratio = None, 0.0
        for j in range(next_new, j2):
            if (a[i].kind == "table") != (b[j].kind == "table"):
                continue
            if a[i].kind == "table":
                ratio = 1.0
            else:
                ratio = SequenceMatcher(None, a[i].text, b[j].text, autojunk=False).ratio()
            if ratio > best_ratio:
                best, best_ratio = j, ratio
        if best is not None and (best_ratio >= 0.4 or (i2 - i1 == j2 - j1)):
            pairs[best] = i
            next_new = best + 1
    return pairs


def _paired(plan: ChangePlan, old: Piece, new: Piece) -> None:
    if new.kind == "table":
        _table(plan, old, new)
        return
    if old.text != new.text:
        plan.paragraphs[(new.layout_index, new.line)] = (
            old.text,
            textdiff.opcodes(old.text, new.text),
        )


def _table(plan: ChangePlan, old: Piece, new: Piece) -> None:
    if old.table is None or new.table is None:
        return
    old_rows = [[c.text for c in row.cells] for row in old.table.rows]
    new_rows = [[c.text for c in row.cells] for row in new.table.rows]
    if old_rows == new_rows:
        return
    changes = TableChanges()
    keys_old = ["\t".join(row) for row in old_rows]
    keys_new = ["\t".join(row) for row in new_rows]
    matcher = SequenceMatcher(None, keys_old, keys_new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for offset in range(paired):
            before, after = old_rows[i1 + offset], new_rows[j1 + offset]
            if len(before) != len(after):
                changes.inserted_rows.add(j1 + offset)
                changes.deleted_rows.append((j1 + offset, before))
                continue
            for column, (x, y) in enumerate(zip(before, after, strict=True)):
                if x != y:
                    changes.cells[(j1 + offset, column)] = (x, y)
        changes.inserted_rows.update(range(j1 + paired, j2))
        for i in range(i1 + paired, i2):
            changes.deleted_rows.append((j1 + paired, old_rows[i]))
    plan.tables[new.layout_index] = changes
