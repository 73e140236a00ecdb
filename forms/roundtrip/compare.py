"""The whole comparison of a returned Word file with the draft it was exported from.

    comparison = compare_returned(base, shown, body, word_comments, "retur.docx")

`base` is the draft embedded in the file, `shown` what it exported to
(exporters.shown.shown_document(base)), `body` and `word_comments` what the
file holds now (forms.roundtrip.wordread, forms.roundtrip.comments). The
result lists every change relative to `base`, and the comments as review
notes anchored in the draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from forms.model import Aktstykke, BudgetTable, PendingChange, ReviewComment
from forms.roundtrip.align import Alignment, expected_edits
from forms.roundtrip.cells import TableComparison
from forms.roundtrip.changes import with_ids
from forms.roundtrip.comments import WordComment, as_review, threads
from forms.roundtrip.locate import TEXT_KINDS, Locator
from forms.roundtrip.shown import ShownDocument
from forms.roundtrip.stream import Stream, build_stream
from forms.roundtrip.wordread import CommentMark, FormattingChange, ReturnedBody, RTable


@dataclass
class Comparison:
    changes: list[PendingChange]
    comments: list[ReviewComment] = field(default_factory=list)
    formatting: list[FormattingChange] = field(default_factory=list)
    tracked: int = 0
    """How many tracked revisions the file holds (insertions, deletions, moves)."""

    @property
    def differs(self) -> bool:
        return bool(self.changes)


def compare_returned(
    base: Aktstykke,
    shown: ShownDocument,
    body: ReturnedBody,
    word_comments: list[WordComment],
    source: str,
) -> Comparison:
    stream = build_stream(body)
    locator = Locator(base, shown, source)
    edits, alignment = expected_edits(locator.text, stream)
    changes = locator.locate(edits)
    changes += _table_changes(locator, alignment, stream)
    comments = _comments(locator, alignment, stream, word_comments, source)
    changes = with_ids(_unique(changes), source)
    return Comparison(changes, comments, body.formatting, len(stream.edits))


def _expected_to_returned(alignment: Alignment, position: int) -> int | None:
    for region in alignment.regions:
        if region[0] == "equal" and region[1] <= position < region[2]:
            return region[3] + position - region[1]
    return None


def _table_changes(locator: Locator, alignment: Alignment, stream: Stream) -> list[PendingChange]:
    changes: list[PendingChange] = []
    for index, piece in enumerate(locator.pieces):
        if piece.kind != "table" or piece.table is None or piece.block is None:
            continue
        returned = _expected_to_returned(alignment, locator.starts[index])
        table = stream.tables.get(returned) if returned is not None else None
        if returned is None or table is None:
            continue
        if any(e.start <= returned < e.end for e in stream.edits):
            continue  # deleted: a change of its own already
        section = locator.base.section(piece.letter) if piece.letter else None
        model = section.blocks[piece.block] if section else None
        if isinstance(model, BudgetTable):
            changes += TableComparison(locator, piece, table, model).compare()
    return changes


def _unique(changes: list[PendingChange]) -> list[PendingChange]:
    """The place typed anew in both the header and the signature is one change."""
    seen: set[tuple[str, str | None]] = set()
    out = []
    for change in changes:
        key = None
        if change.kind == "set" and change.target and change.target.startswith("field:"):
            key = (change.target, change.value)
        if key is not None and key in seen:
            continue
        if key is not None:
            seen.add(key)
        out.append(change)
    return out


# -- comments ------------------------------------------------------------------------


def _comments(
    locator: Locator,
    alignment: Alignment,
    stream: Stream,
    word_comments: list[WordComment],
    source: str,
) -> list[ReviewComment]:
    if not word_comments:
        return []
    marks: dict[str, dict[str, int]] = {}
    for position, mark in stream.marks:
        marks.setdefault(mark.comment, {}).setdefault(mark.edge, position)
    cells = _cell_marks(locator, alignment, stream)
    out = []
    for thread in threads(word_comments):
        anchor: dict[str, Any] = {}
        if thread.id in cells:
            anchor = cells[thread.id]
        elif thread.id in marks:
            found = marks[thread.id]
            start = found.get("start", found.get("ref", found.get("end", 0)))
            end = found.get("end", found.get("ref", start))
            anchor = _anchor(locator, alignment, start, max(start, end))
        out.append(as_review(thread, source, **anchor))
    return out


def _anchor(locator: Locator, alignment: Alignment, start: int, end: int) -> dict[str, Any]:
    e_start = alignment.to_expected(start)
    e_end = max(e_start, alignment.to_expected(end))
    index = locator._piece_at(e_start)
    piece = locator.pieces[index]
    base = locator.starts[index]
    s = e_start - base
    e = min(e_end - base, len(piece.text))
    quote = piece.text[s:e]
    if piece.kind == "header":
        return {"area": "header", "quote": quote}
    if piece.kind in ("signature_date", "signature_name"):
        return {"area": "signature", "quote": quote}
    if piece.kind in TEXT_KINDS and piece.spans:
        span = piece.spans[0]
        model = locator._model_text(piece, span.target)
        if model is not None:
            if not span.exact:
                first, last = 0, len(model)
            else:
                first = min(max(0, span.model_start + s - span.start), len(model))
                last = min(max(first, span.model_start + e - span.start), len(model))
            return {
                "letter": piece.letter,
                "block": piece.block,
                "part": span.target,
                "start": first,
                "end": last,
                "quote": model[first:last],
            }
    letter = piece.letter or locator._nearest_letter(index)
    return {"letter": letter, "block": piece.block, "quote": quote}


def _cell_marks(
    locator: Locator, alignment: Alignment, stream: Stream
) -> dict[str, dict[str, Any]]:
    """Comments anchored in a table cell: the table's block, with row and column."""
    found: dict[str, dict[str, Any]] = {}
    for index, piece in enumerate(locator.pieces):
        if piece.kind != "table" or piece.table is None:
            continue
        returned = _expected_to_returned(alignment, locator.starts[index])
        table: RTable | None = stream.tables.get(returned) if returned is not None else None
        if table is None:
            continue
        for row_index, row in enumerate(table.rows):
            shown_row = piece.table.rows[row_index] if row_index < len(piece.table.rows) else None
            for column, cell in enumerate(row.cells):
                for para in cell.paras:
                    for item in para.items:
                        if isinstance(item, CommentMark) and item.comment not in found:
                            model_row = shown_row.row if shown_row is not None else None
                            if shown_row is not None and shown_row.kind == "header":
                                model_row = -1
                            text = (
                                shown_row.cells[column].text
                                if shown_row and column < len(shown_row.cells)
                                else ""
                            )
                            found[item.comment] = {
                                "letter": piece.letter,
                                "block": piece.block,
                                "row": model_row,
                                "column": column,
                                "quote": text,
                            }
    return found


__all__ = ["Comparison", "ReturnedBody", "compare_returned"]
