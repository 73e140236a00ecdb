"""The returned document as one text with its tracked revisions as edits of it.

The text is the document with every tracked change *rejected* (what it
showed before the colleague's tracked edits): deleted and moved-away text is
in it, inserted text is not. Paragraph ends and tables are characters of
their own (PARA, TABLE), so a deleted paragraph mark or an inserted paragraph
is an edit like any other. Applying every edit gives the document with every
change accepted, which is what it shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from forms.roundtrip.wordread import CommentMark, ReturnedBody, Revision, RPara, RTable, Segment

PARA = "\x00"
"""A paragraph end (XML cannot hold U+0000, so it never occurs in text)."""
TABLE = "\x01"
"""A table, as one character; its cells are compared separately."""

_REMOVING = ("del", "moveFrom")
_ADDING = ("ins", "moveTo")


@dataclass
class Edit:
    """Replace start:end with `text`; tracked when `author` or `tracked` is set."""

    start: int
    end: int
    text: str = ""
    author: str | None = None
    date: dt.datetime | None = None
    move: str | None = None
    tracked: bool = False
    tables: list[RTable] = field(default_factory=list)
    """The tables of `text`, one per TABLE character, in order."""

    @property
    def removes(self) -> bool:
        return self.end > self.start


@dataclass
class Stream:
    text: str
    edits: list[Edit]
    tables: dict[int, RTable]
    """Position of each TABLE character in `text` → the table."""
    marks: list[tuple[int, CommentMark]]
    """Comment anchors at positions of `text`."""


def build_stream(body: ReturnedBody) -> Stream:
    builder = _Builder()
    for item in body.items:
        if isinstance(item, RTable):
            builder.table(item)
        else:
            builder.paragraph(item)
    return Stream("".join(builder.parts), _merge(builder.edits), builder.tables, builder.marks)


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.position = 0
        self.edits: list[Edit] = []
        self.tables: dict[int, RTable] = {}
        self.marks: list[tuple[int, CommentMark]] = []

    def _keep(self, text: str) -> None:
        self.parts.append(text)
        self.position += len(text)

    def _tracked(self, revision: Revision, text: str, tables: list[RTable] | None = None) -> None:
        if revision.kind in _REMOVING:
            start = self.position
            self._keep(text)
            self.edits.append(_edit(revision, start, self.position, ""))
        else:
            self.edits.append(_edit(revision, self.position, self.position, text, tables))

    def paragraph(self, para: RPara) -> None:
        for item in para.items:
            if isinstance(item, CommentMark):
                self.marks.append((self.position, item))
            elif isinstance(item, Segment) and item.text:
                if item.revision is None:
                    self._keep(item.text)
                else:
                    self._tracked(item.revision, item.text)
        if para.mark is None:
            self._keep(PARA)
        else:
            self._tracked(para.mark, PARA)

    def table(self, table: RTable) -> None:
        kinds = {row.revision.kind if row.revision else None for row in table.rows}
        if kinds and kinds <= set(_ADDING):
            first = table.rows[0].revision
            assert first is not None
            self._tracked(first, TABLE + PARA, [table])
            return
        self.tables[self.position] = table
        if kinds and kinds <= set(_REMOVING):
            first = table.rows[0].revision
            assert first is not None
            self._tracked(first, TABLE + PARA)
            return
        self._keep(TABLE + PARA)


def _edit(
    revision: Revision, start: int, end: int, text: str, tables: list[RTable] | None = None
) -> Edit:
    return Edit(
        start,
        end,
        text,
        revision.author or "",
        revision.date,
        revision.move if revision.kind in ("moveFrom", "moveTo") else None,
        tracked=True,
        tables=list(tables or []),
    )


def _merge(edits: list[Edit]) -> list[Edit]:
    """One edit per stretch a colleague changed: neighbouring deletions and
    insertions of the same author (and the same move) become one replacement.
    In document order the accepted text is the insertions in turn, so merged
    texts simply follow each other."""
    out: list[Edit] = []
    for edit in edits:
        last = out[-1] if out else None
        if (
            last is not None
            and last.author == edit.author
            and last.move == edit.move
            and edit.start == last.end
        ):
            last.end = edit.end
            last.text += edit.text
            last.tables += edit.tables
            if edit.date and (last.date is None or edit.date > last.date):
                last.date = edit.date
            continue
        out.append(edit)
    return out
