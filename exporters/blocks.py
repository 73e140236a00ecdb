"""The neutral document blocks the layout step produces and every renderer draws.

A block holds exactly the text that appears in the document, already
formatted (Danish dates and numbers, the litra label 'a.'), so the renderers
never decide wording: the Word file, the preview and the plain text cannot
disagree. Blocks are frozen: a layout is a value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class HeaderLine:
    """'Udenrigsministeriet. København, den 12. november 2024.'"""

    text: str
    anchors: tuple[str, ...] = ("header",)


@dataclass(frozen=True, slots=True)
class LitraParagraph:
    """Body text of a litra. The first block of a litra carries the label ('a.')
    that hangs in the left margin; continuation paragraphs have label None."""

    text: str
    label: str | None = None
    anchors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SubHeading:
    """A plain heading line inside a litra ('Baggrund'); labelled when it opens the litra."""

    text: str
    label: str | None = None
    anchors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TableCaption:
    """The line above a budget table: its caption, and the litra label when the
    table opens the litra."""

    text: str
    label: str | None = None
    anchors: tuple[str, ...] = ()


class Align(StrEnum):
    LEFT = "left"
    RIGHT = "right"


class RowKind(StrEnum):
    HEADER = "header"
    BODY = "body"
    TOTAL = "total"


@dataclass(frozen=True, slots=True)
class TableLine:
    cells: tuple[str, ...]
    kind: RowKind = RowKind.BODY


@dataclass(frozen=True, slots=True)
class Table:
    """A budget table, every cell already formatted; header first, 'I alt' last."""

    lines: tuple[TableLine, ...]
    align: tuple[Align, ...]
    """Per column: labels left, amounts right."""
    label_columns: int = 1
    """How many leading columns hold text (label, and the § account when shown)."""
    anchors: tuple[str, ...] = ()

    @property
    def column_count(self) -> int:
        return len(self.align)


@dataclass(frozen=True, slots=True)
class TableNote:
    """A note under a table, e.g. the rounding note (TAB-05)."""

    text: str
    anchors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Signature:
    """'København, den 12. november 2024', room for the signature, the minister's name."""

    date_line: str
    name: str
    anchors: tuple[str, ...] = ("signature",)


@dataclass(frozen=True, slots=True)
class Addressee:
    """'Til Finansudvalget.', the last line."""

    text: str
    anchors: tuple[str, ...] = ("addressee",)


Block = (
    HeaderLine
    | LitraParagraph
    | SubHeading
    | TableCaption
    | Table
    | TableNote
    | Signature
    | Addressee
)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """The document's properties (Word's core properties, the HTML title)."""

    title: str
    author: str
    subject: str
    keywords: str
    category: str
    created: dt.datetime | None
    modified: dt.datetime | None
    language: str = "da-DK"
    identifier: str = ""
    """The content fingerprint of a final export (Word's 'identifier' property)."""


@dataclass(frozen=True, slots=True)
class Layout:
    blocks: tuple[Block, ...]
    info: DocumentInfo
    marking: str | None
    """'UDKAST' on every page of a draft; None in the final document."""
    footer_note: str | None = None
    """A short discreet text in the footer (e.g. a fingerprint), or None."""
