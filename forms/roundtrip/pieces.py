"""What the locating of changes shares: who made an edit, the exported text
as one string, and small helpers for paragraph texts and their litra labels."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from forms.lazyre import lazy_compile
from forms.model import Block, BudgetTable
from forms.roundtrip.changes import CONTEXT
from forms.roundtrip.shown import Piece, ShownDocument
from forms.roundtrip.stream import PARA, TABLE, Edit
from forms.roundtrip.wordread import RTable

TEXT_KINDS = ("paragraph", "subheading", "caption", "note")
FIELD_KINDS = ("header", "signature_date", "signature_name")
LABEL = lazy_compile(r"^[a-f]\.\t")
"""A litra label as the export writes it: the letter, a period and a tab."""


@dataclass
class Who:
    """Who made an edit: a tracked change's author, date and move; nobody known
    (author None) for typing without tracking."""

    author: str | None = None
    date: dt.datetime | None = None
    move: str | None = None

    def fields(self) -> dict[str, Any]:
        """The PendingChange fields of who made it (its keyword arguments)."""
        group = f"move:{self.move}" if self.move else None
        return {
            "author": self.author,
            "date": self.date,
            "group": group,
            "move": bool(self.move),
        }


PieceEdit = tuple[int, int, str, Who]
"""An edit of one piece's text: start, end, the new text, who made it."""


def expected_text(shown: ShownDocument) -> tuple[str, list[int]]:
    """The exported document as one text (PARA after each piece, TABLE for a
    table) and where each piece starts in it."""
    parts: list[str] = []
    starts: list[int] = []
    position = 0
    for piece in shown.pieces:
        starts.append(position)
        text = (TABLE if piece.kind == "table" else piece.text) + PARA
        parts.append(text)
        position += len(text)
    return "".join(parts), starts


def table_text(table: RTable) -> str:
    """An added table as text: one line per row, cells separated by tabs."""
    from forms.roundtrip.cells import accepted_text

    lines = []
    for row in table.rows:
        if row.revision is not None and row.revision.kind in ("del", "moveFrom"):
            continue
        lines.append("\t".join(accepted_text(cell) for cell in row.cells))
    return "\n".join(lines)


def who_of(edit: Edit) -> Who:
    if not edit.tracked:
        return Who()
    return Who(edit.author or "", edit.date, edit.move)


def merged_who(whos: list[Who]) -> Who:
    """One author for edits made together; unknown when they differ."""
    if not whos or any(w.author is None for w in whos):
        return Who()
    authors = {w.author for w in whos}
    moves = {w.move for w in whos}
    if len(authors) != 1:
        return Who()
    dates = [w.date for w in whos if w.date]
    return Who(
        whos[0].author, max(dates) if dates else None, moves.pop() if len(moves) == 1 else None
    )


def unlabelled(text: str) -> str:
    return LABEL.sub("", text, count=1)


def visible(text: str) -> str:
    return text.replace(PARA, "\n").replace(TABLE, "").strip("\n")


def block_key(block: Block | None) -> str:
    if block is None:
        return ""
    if isinstance(block, BudgetTable):
        return block.caption
    return block.text[:CONTEXT]


def piece_name(piece: Piece) -> str:
    return {
        "header": "hovedlinjen",
        "signature_date": "underskriftens dato",
        "signature_name": "ministerens navn",
        "addressee": "»Til Finansudvalget.«",
        "consent": "litra f's sætning",
        "empty_litra": f"litra {piece.letter}",
        "caption": "tabeloverskriften",
        "note": "tabelnoten",
    }.get(piece.kind, "teksten")
