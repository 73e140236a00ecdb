"""The review layer of a Word export: the draft's comments, and optionally the
changes since a chosen version as tracked changes, laid over the paragraphs
the renderer drew (exporters.word calls `decorate` for every layout block)."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

from lxml import etree

from exporters import styles as S
from exporters.layout import clean
from exporters.shown import shown_document
from exporters.wordchanges import ChangePlan, TableChanges, plan_changes
from exporters.wordcomments import Anchor, anchor, comment_ids, write_comment_parts
from exporters.wordmarkup import (
    Revisions,
    deleted_paragraph,
    insert_whole,
    mark_comment,
    paragraphs_of,
    track_changes,
)
from exporters.wordxml import PPR, R, w
from forms.model import Aktstykke, ReviewComment
from forms.roundtrip import textdiff
from forms.roundtrip.shown import Piece

_STYLE_OF = {
    "header": S.HEADER,
    "paragraph": S.CONTINUATION,
    "subheading": S.SUBHEADING,
    "caption": S.TABLE_CAPTION,
    "note": S.TABLE_NOTE,
    "signature_date": S.SIGNATURE,
    "signature_name": S.SIGNATURE_NAME,
    "addressee": S.ADDRESSEE,
    "consent": S.LITRA,
    "empty_litra": S.LITRA,
}

Paragraph = Callable[[str, str], etree._Element]
"""make(style, text): an empty-run paragraph of the renderer in that style."""


class ReviewMarkup:
    def __init__(
        self,
        draft: Aktstykke,
        *,
        since: Aktstykke | None = None,
        author: str = "",
        moment: dt.datetime | None = None,
        comments: bool = True,
    ):
        shown = shown_document(draft)
        self.comments: list[ReviewComment] = list(draft.comments) if comments else []
        self.ids = comment_ids(self.comments)
        self.anchors: dict[int, list[tuple[Anchor, list[int]]]] = {}
        for comment, ids in zip(self.comments, self.ids, strict=True):
            place = anchor(draft, shown, comment)
            self.anchors.setdefault(place.layout_index, []).append((place, ids))
        self.plan = ChangePlan()
        if since is not None:
            end = max((p.layout_index for p in shown.pieces), default=0) + 1
            self.plan = plan_changes(shown_document(since), shown, end)
        self.revisions = Revisions(author, moment or dt.datetime.now(dt.UTC))
        self.end_index = max((p.layout_index for p in shown.pieces), default=0) + 1

    @property
    def active(self) -> bool:
        return bool(self.comments) or not self.plan.empty

    def decorate(
        self, index: int, elements: list[etree._Element], make: Paragraph
    ) -> list[etree._Element]:
        """The layout block's drawn elements with the review layer on them, and
        the deleted paragraphs that stood before it in front."""
        out = [self._deleted(piece, make) for piece in self.plan.deleted.get(index, [])]
        paragraphs = [e for e in elements if e.tag == w("p")]
        for line, p in enumerate(paragraphs):
            changed = self.plan.paragraphs.get((index, line))
            if changed is not None:
                old, opcodes = changed
                track_changes(p, opcodes, old, self.revisions)
            if (index, line) in self.plan.inserted:
                insert_whole(p, self.revisions)
        for element in elements:
            if element.tag == w("tbl") and index in self.plan.tables:
                self._table(element, self.plan.tables[index])
        for place, ids in self.anchors.get(index, []):
            self._comment(elements, paragraphs, place, ids)
        return [*out, *elements]

    def trailing(self, make: Paragraph) -> list[etree._Element]:
        return [self._deleted(piece, make) for piece in self.plan.deleted.get(self.end_index, [])]

    def write_parts(self, doc: Any) -> None:
        if self.comments:
            write_comment_parts(doc, [_clean(c) for c in self.comments])

    # -- pieces ------------------------------------------------------------------------

    def _deleted(self, piece: Piece, make: Paragraph) -> etree._Element:
        style = (
            S.LITRA
            if piece.kind == "paragraph" and "\t" in piece.text[:3]
            else _STYLE_OF.get(piece.kind, S.CONTINUATION)
        )
        if piece.kind == "table" and piece.table is not None:
            text = "\n".join(" | ".join(c.text for c in row.cells) for row in piece.table.rows)
        else:
            text = piece.text
        return deleted_paragraph(make(style, ""), text, self.revisions)

    def _table(self, table: etree._Element, changes: TableChanges) -> None:
        rows = [r for r in table if r.tag == w("tr")]
        for (row, column), (old, new) in changes.cells.items():
            cells = [c for c in rows[row] if c.tag == w("tc")]
            for p in paragraphs_of(cells[column]):
                track_changes(p, textdiff.opcodes(old, new), old, self.revisions)
        for row in changes.inserted_rows:
            if row < len(rows):
                _row_revision(rows[row], self.revisions.element(w("ins")))
                for p in rows[row].iter(w("p")):
                    insert_whole(p, self.revisions)
        for before, texts in sorted(changes.deleted_rows, key=lambda item: -item[0]):
            model = rows[min(before, len(rows) - 1)] if rows else None
            if model is None:
                continue
            gone = copy.deepcopy(model)
            for cell, text in zip([c for c in gone if c.tag == w("tc")], texts, strict=False):
                for p in paragraphs_of(cell):
                    for run in [c for c in p if c.tag == R]:
                        p.remove(run)
                    deleted_paragraph(p, text, self.revisions)
            _row_revision(gone, self.revisions.element(w("del")))
            if before < len(rows):
                rows[before].addprevious(gone)
            else:
                rows[-1].addnext(gone)

    def _comment(
        self,
        elements: list[etree._Element],
        paragraphs: list[etree._Element],
        place: Anchor,
        ids: list[int],
    ) -> None:
        if place.row is not None and place.column is not None:
            table = next((e for e in elements if e.tag == w("tbl")), None)
            if table is None:
                return
            rows = [r for r in table if r.tag == w("tr")]
            cells = [c for c in rows[place.row] if c.tag == w("tc")]
            p = next(iter(paragraphs_of(cells[place.column])), None)
            if p is not None:
                length = sum(len(t.text or "") for t in p.iter(w("t")))
                mark_comment(p, 0, length, ids)
            return
        if place.line < len(paragraphs):
            mark_comment(paragraphs[place.line], place.start, place.end, ids)


def _row_revision(row: etree._Element, revision: etree._Element) -> None:
    properties = row.find(w("trPr"))
    if properties is None:
        properties = etree.Element(w("trPr"))
        row.insert(0, properties)
    properties.append(revision)


def _clean(comment: ReviewComment) -> ReviewComment:
    """Comment texts as Word can hold them (no characters XML cannot store)."""
    return comment.model_copy(
        update={
            "author": clean(comment.author),
            "text": clean(comment.text),
            "replies": [
                r.model_copy(update={"author": clean(r.author), "text": clean(r.text)})
                for r in comment.replies
            ],
        }
    )


__all__ = ["PPR", "ReviewMarkup"]
