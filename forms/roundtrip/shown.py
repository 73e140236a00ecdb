"""What an exported draft shows, piece by piece, and which part of the draft each piece shows.

The layout of the document belongs to exporters/ (forms/ never imports it):
`exporters.shown.shown_document(draft)` builds a ShownDocument from the very
blocks the Word renderer draws. Reading a returned Word file compares what it
shows with this, and a difference inside a Span is a change of the draft
field or block text the span names; a difference outside every span (a litra
label, 'Til Finansudvalget.', a computed total) cannot be placed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PieceKind = Literal[
    "header",
    "paragraph",
    "subheading",
    "caption",
    "note",
    "signature_date",
    "signature_name",
    "addressee",
    "consent",
    "empty_litra",
    "table",
]
"""'consent' is litra f's sentence (from Finansministeriet's sign-off, never typed);
'empty_litra' the label of a litra without text."""


@dataclass(frozen=True, slots=True)
class Span:
    """The characters start:end of a piece's text show `target` of the draft.

    target: 'text' / 'caption' / 'note' (the block's text), 'field:ministry',
    'field:place', 'field:date', 'field:signature_date', 'field:minister', or for
    a table cell 'cell:label', 'cell:account', 'cell:value:N', 'cell:column:N',
    'cell:label_heading'. `model_start` is where the shown text starts in the
    draft's own string; `exact` says the draft's string holds exactly the shown
    characters there (the layout may have stripped spaces or illegal characters:
    then a change replaces the whole value).
    """

    target: str
    start: int
    end: int
    model_start: int = 0
    exact: bool = True


@dataclass(frozen=True, slots=True)
class ShownCell:
    text: str
    span: Span | None = None
    """None: a fixed or computed cell ('§', 'I alt', a total)."""
    computed: bool = False


@dataclass(frozen=True, slots=True)
class ShownRow:
    cells: tuple[ShownCell, ...]
    kind: Literal["header", "body", "total"] = "body"
    row: int | None = None
    """The draft's row index for a body row."""


@dataclass(frozen=True, slots=True)
class ShownTable:
    rows: tuple[ShownRow, ...]
    label_columns: int = 1
    with_account: bool = False
    columns: int = 1
    """The number of amount columns in the draft (without the 'I alt' column)."""


@dataclass(frozen=True, slots=True)
class Piece:
    """One paragraph (or table) of the document, in body order."""

    kind: PieceKind
    text: str
    letter: str | None = None
    block: int | None = None
    spans: tuple[Span, ...] = ()
    table: ShownTable | None = None
    layout_index: int = 0
    """Index of the layout block this piece is drawn from (exporters use it)."""
    line: int = 0
    """Which paragraph of its layout block (the signature block has two)."""

    @property
    def editable(self) -> bool:
        return bool(self.spans)


@dataclass(frozen=True)
class ShownDocument:
    pieces: tuple[Piece, ...]
    letters: tuple[str, ...] = field(default_factory=tuple)
    """The litra the draft holds, in order."""

    def texts(self) -> list[str]:
        return [piece.text for piece in self.pieces]
