"""The draft's review comments as Word comments: where each is anchored in the
document, and the parts that hold them (word/comments.xml, and
word/commentsExtended.xml for replies and the resolved state).

A thread is one comment followed by its replies, each a w:comment of its own
over the same range; commentsExtended ties a reply to its first comment by
the w14:paraId of their paragraphs and marks a resolved thread done. So the
discussion reads in Word as it was, and comes back the next round.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from exporters.wordxml import W
from forms.model import Aktstykke, ReviewComment
from forms.roundtrip.shown import Piece, ShownDocument

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
CT_EXTENDED = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
RT_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
TEXT_KINDS = {"text": ("paragraph", "subheading"), "caption": ("caption",), "note": ("note",)}


@dataclass(frozen=True)
class Anchor:
    """Where a thread goes: a layout block, the paragraph within it (`line`), and
    characters start:end of its text; or a table cell (row and column of the grid)."""

    layout_index: int
    line: int = 0
    start: int = 0
    end: int = 0
    row: int | None = None
    column: int | None = None


def anchor(draft: Aktstykke, shown: ShownDocument, comment: ReviewComment) -> Anchor:
    """The comment's place in the document as it is now; a comment whose text is
    gone is put at the start of its litra (or the header), never dropped."""
    pieces = shown.pieces
    if comment.area in ("header", "signature"):
        kinds = ("header",) if comment.area == "header" else ("signature_name", "signature_date")
        for piece in pieces:
            if piece.kind in kinds and comment.quote and comment.quote in piece.text:
                at = piece.text.index(comment.quote)
                return Anchor(piece.layout_index, piece.line, at, at + len(comment.quote))
        first = next((p for p in pieces if p.kind in kinds), pieces[0])
        return Anchor(first.layout_index, first.line, 0, len(first.text))
    if comment.row is not None and comment.column is not None:
        table = next(
            (
                p
                for p in pieces
                if p.kind == "table" and (p.letter, p.block) == (comment.letter, comment.block)
            ),
            None,
        )
        if table is not None and table.table is not None:
            row = 0 if comment.row < 0 else comment.row + 1
            if row < len(table.table.rows) and comment.column < len(table.table.rows[row].cells):
                return Anchor(table.layout_index, row=row, column=comment.column)
    text_piece = _piece(pieces, comment)
    if text_piece is not None and text_piece.spans:
        found = _range(draft, text_piece, comment)
        if found is not None:
            return Anchor(text_piece.layout_index, text_piece.line, *found)
    fallback = next(
        (p for p in pieces if p.letter == comment.letter and p.kind != "table"), pieces[0]
    )
    return Anchor(fallback.layout_index, fallback.line, 0, 0)


def _piece(pieces: Sequence[Piece], comment: ReviewComment) -> Piece | None:
    kinds = TEXT_KINDS.get(comment.part, ())
    return next(
        (
            p
            for p in pieces
            if p.kind in kinds and p.letter == comment.letter and p.block == comment.block
        ),
        None,
    )


def _range(draft: Aktstykke, piece: Piece, comment: ReviewComment) -> tuple[int, int] | None:
    span = piece.spans[0]
    section = draft.section(piece.letter) if piece.letter else None
    if section is None or piece.block is None or not 0 <= piece.block < len(section.blocks):
        return None  # the caller anchors the comment at the start of its litra
    block = section.blocks[piece.block]
    model = getattr(block, "text", None) if comment.part == "text" else getattr(block, comment.part)
    if model is None:
        return None
    start, end = comment.start or 0, comment.end or 0
    if model[start:end] != comment.quote:
        at = model.find(comment.quote) if comment.quote else -1
        if at < 0:
            return (span.start, span.end)
        start, end = at, at + len(comment.quote)
    if not span.exact:
        return (span.start, span.end)
    first = min(max(span.start, span.start + start - span.model_start), span.end)
    last = min(max(first, span.start + end - span.model_start), span.end)
    return (first, last)


# -- the parts ------------------------------------------------------------------------------


def comment_ids(comments: list[ReviewComment]) -> list[list[int]]:
    """The w:id of each thread's comments: the first, then its replies."""
    ids: list[list[int]] = []
    number = 0
    for comment in comments:
        thread = list(range(number, number + 1 + len(comment.replies)))
        ids.append(thread)
        number += len(thread)
    return ids


def write_comment_parts(doc: Any, comments: list[ReviewComment]) -> None:
    """word/comments.xml and word/commentsExtended.xml, related from the document
    (replacing any the template brought along)."""
    part = doc.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype in (RT.COMMENTS, RT_EXTENDED):
            del part.rels[rid]
    root = etree.Element(f"{{{W}}}comments", nsmap={"w": W, "w14": W14})
    extended = etree.Element(f"{{{W15}}}commentsEx", nsmap={"w15": W15})
    for thread, ids in zip(comments, comment_ids(comments), strict=True):
        notes = [(thread.author, thread.initials, thread.date, thread.text)]
        notes += [(r.author, r.initials, r.date, r.text) for r in thread.replies]
        first_para = None
        for identifier, (author, initials, date, text) in zip(ids, notes, strict=True):
            para_id = f"{0x10000000 + identifier:08X}"
            _comment(root, identifier, author, initials, date, text, para_id)
            entry = etree.SubElement(extended, f"{{{W15}}}commentEx")
            entry.set(f"{{{W15}}}paraId", para_id)
            if first_para is not None:
                entry.set(f"{{{W15}}}paraIdParent", first_para)
            entry.set(f"{{{W15}}}done", "1" if thread.resolved else "0")
            first_para = first_para or para_id
    package = part.package
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    comments_part = Part(PackURI("/word/comments.xml"), CT.WML_COMMENTS, blob, package)
    part.relate_to(comments_part, RT.COMMENTS)
    blob = etree.tostring(extended, xml_declaration=True, encoding="UTF-8", standalone=True)
    extended_part = Part(PackURI("/word/commentsExtended.xml"), CT_EXTENDED, blob, package)
    part.relate_to(extended_part, RT_EXTENDED)


def _comment(
    root: etree._Element,
    identifier: int,
    author: str,
    initials: str,
    date: dt.datetime | None,
    text: str,
    para_id: str,
) -> None:
    comment = etree.SubElement(root, f"{{{W}}}comment")
    comment.set(f"{{{W}}}id", str(identifier))
    comment.set(f"{{{W}}}author", author or "Ukendt")
    comment.set(f"{{{W}}}initials", initials or "".join(x[0] for x in (author or "U").split())[:4])
    if isinstance(date, dt.datetime):
        comment.set(f"{{{W}}}date", date.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    lines = text.split("\n") or [""]
    for number, line in enumerate(lines):
        p = etree.SubElement(comment, f"{{{W}}}p")
        if number == len(lines) - 1:
            p.set(f"{{{W14}}}paraId", para_id)
        if number == 0:
            marker = etree.SubElement(p, f"{{{W}}}r")
            etree.SubElement(marker, f"{{{W}}}annotationRef")
        run = etree.SubElement(p, f"{{{W}}}r")
        t = etree.SubElement(run, f"{{{W}}}t")
        t.text = line
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
