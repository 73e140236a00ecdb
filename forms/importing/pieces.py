"""What every source is read into before the document is understood.

A source (plain text, Word, PDF) becomes a flat list of pieces: paragraphs
and grids. The structure step (structure.py) then finds the header, the litra,
the signature and Finansudvalget's additions in that list, whatever the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Para:
    text: str
    heading: bool = False
    """A sub-heading: bold or heading-styled in Word, a short title line in text."""
    litra: str | None = None
    """The letter when the source itself marks this paragraph as a litra
    (Word's automatic numbering, or a litra found while reading the lines)."""
    list_item: bool = False
    """A bullet or numbered item below the litra level."""
    role: str = ""
    """'caption' or 'note' when the source styles it as a table's caption or note."""


@dataclass
class Grid:
    rows: list[list[str]]
    caption: str = ""
    note: str = ""
    from_text: bool = False
    """Rows rebuilt from text lines (the label and values were split by us)."""


@dataclass
class SourcePieces:
    pieces: list[Para | Grid]
    recognised: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)
