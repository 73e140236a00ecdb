"""The preview with changes marked: what a draft shows, and what changed since
another version, as the Word file with tracked changes shows it (inserted text
underlined in green, deleted text struck through in red, a paragraph that is
gone struck through where it stood).

The same comparison as "Eksportér med ændringer" (exporters.wordchanges),
drawn by the same HTML renderer as the live preview: the marks are laid into
the blocks' texts as private-use characters, which the renderer escapes like
any text, and turned into styled spans afterwards.
"""

from __future__ import annotations

from dataclasses import replace

from exporters.blocks import (
    Block,
    HeaderLine,
    LitraParagraph,
    Signature,
    SubHeading,
    Table,
    TableCaption,
    TableLine,
    TableNote,
)
from exporters.html import html_of_layout
from exporters.layout import layout
from exporters.shown import shown_document
from exporters.wordchanges import TableChanges, plan_changes
from forms.model import Aktstykke
from forms.roundtrip.shown import Piece, ShownDocument
from forms.roundtrip.textdiff import Opcode

INS_OPEN, INS_CLOSE, DEL_OPEN, DEL_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"
SPANS = {
    INS_OPEN: "<span style='background-color:#d6f0d6; text-decoration: underline;'>",
    DEL_OPEN: "<span style='color:#a32a00; text-decoration: line-through;'>",
    INS_CLOSE: "</span>",
    DEL_CLOSE: "</span>",
}


def compare_html(old: Aktstykke, new: Aktstykke) -> str:
    """The preview HTML of `new` with every change since `old` marked."""
    document = layout(new)
    pieces = shown_document(new)
    end = len(document.blocks)
    plan = plan_changes(shown_document(old), pieces, end)
    prefixes = {
        (p.layout_index, p.line): len(p.text)
        - len(_text_of(document.blocks[p.layout_index], p.line))
        for p in pieces.pieces
        if p.kind != "table"
    }
    blocks: list[Block] = []
    for index, block in enumerate(document.blocks):
        for gone in plan.deleted.get(index, []):
            blocks.append(LitraParagraph(_marked_all(_deleted_text(gone), DEL_OPEN, DEL_CLOSE)))
        lines = 2 if isinstance(block, Signature) else 1
        for line in range(lines):
            key = (index, line)
            if key in plan.paragraphs:
                old_text, opcodes = plan.paragraphs[key]
                new_text = pieces_text(pieces, key)
                marked = _marked(old_text, new_text, opcodes, prefixes.get(key, 0))
                block = _with_text(block, line, marked)
            elif key in plan.inserted:
                block = _with_text(
                    block, line, _marked_all(_text_of(block, line), INS_OPEN, INS_CLOSE)
                )
        if isinstance(block, Table) and index in plan.tables:
            block = _table(block, plan.tables[index])
        blocks.append(block)
    for gone in plan.deleted.get(end, []):
        blocks.append(LitraParagraph(_marked_all(_deleted_text(gone), DEL_OPEN, DEL_CLOSE)))
    html = html_of_layout(replace(document, blocks=tuple(blocks)))
    for mark, span in SPANS.items():
        html = html.replace(mark, span)
    return html


def pieces_text(pieces: ShownDocument, key: tuple[int, int]) -> str:
    return next(p.text for p in pieces.pieces if (p.layout_index, p.line) == key)


def _marked(old: str, new: str, opcodes: list[Opcode], skip: int) -> str:
    """`new` with the deleted text of `old` put back, both marked, from
    character `skip` on (the litra label before it is drawn by the renderer)."""
    out = []
    for tag, a0, a1, b0, b1 in opcodes:
        if tag == "equal":
            out.append(new[max(b0, skip) : b1])
            continue
        deleted, inserted = old[max(a0, skip) : a1], new[max(b0, skip) : b1]
        if deleted:
            out.append(DEL_OPEN + deleted + DEL_CLOSE)
        if inserted:
            out.append(INS_OPEN + inserted + INS_CLOSE)
    return "".join(out)


def _marked_all(text: str, opening: str, closing: str) -> str:
    return f"{opening}{text}{closing}" if text else text


def _deleted_text(piece: Piece) -> str:
    if piece.kind == "table" and piece.table is not None:
        return " / ".join(" | ".join(c.text for c in row.cells) for row in piece.table.rows)
    return piece.text.split("\t", 1)[-1] if piece.text[:3].endswith("\t") else piece.text


def _text_of(block: Block, line: int) -> str:
    if isinstance(block, Signature):
        return block.date_line if line == 0 else block.name
    text: str = getattr(block, "text", "")
    return text


def _with_text(block: Block, line: int, text: str) -> Block:
    if isinstance(block, Signature):
        return replace(block, date_line=text) if line == 0 else replace(block, name=text)
    if isinstance(block, HeaderLine | LitraParagraph | SubHeading | TableCaption | TableNote):
        return replace(block, text=text)
    return block


def _table(table: Table, changes: TableChanges) -> Table:
    lines = []
    for row_index, line in enumerate(table.lines):
        cells = list(line.cells)
        for column, text in enumerate(cells):
            change = changes.cells.get((row_index, column))
            if change is not None:
                old, new = change
                cells[column] = f"{DEL_OPEN}{old}{DEL_CLOSE}{INS_OPEN}{new}{INS_CLOSE}"
            elif row_index in changes.inserted_rows and text:
                cells[column] = _marked_all(text, INS_OPEN, INS_CLOSE)
        lines.append(TableLine(tuple(cells), line.kind))
    return replace(table, lines=tuple(lines))
