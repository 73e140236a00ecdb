"""Plain-text renderer: one line per paragraph, table rows as cells joined by spaces.

The body lines are exactly what `exporters.word.read_docx_text` reads back
from our Word file, so the two can be compared directly (tests, `verify`).
"""

from __future__ import annotations

from exporters.blocks import (
    Addressee,
    Block,
    HeaderLine,
    Layout,
    LitraParagraph,
    Signature,
    SubHeading,
    Table,
    TableCaption,
    TableNote,
)
from exporters.layout import layout
from exporters.typography import NBSP
from forms.model import Aktstykke


def render_text(draft: Aktstykke, *, final: bool = False) -> str:
    """The draft as plain text; a draft starts with the UDKAST marking."""
    return text_of_layout(layout(draft, final=final))


def text_of_layout(document: Layout) -> str:
    lines: list[str] = []
    if document.marking:
        lines += [document.marking, ""]
    lines += body_lines(document.blocks)
    return "\n".join(lines) + "\n"


def body_lines(blocks: tuple[Block, ...]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        lines.extend(block_lines(block))
    return lines


def labelled(label: str | None, text: str) -> str:
    """A litra label hangs before the text, separated by a tab as in the Word file."""
    return f"{label}\t{text}" if label else text


def plain(text: str) -> str:
    """Plain text breaks no lines: no-break spaces (the layout's, or typed by the
    author) are spaces here, as they read back from the Word file."""
    return text.replace(NBSP, " ")


def block_lines(block: Block) -> list[str]:
    match block:
        case HeaderLine() | TableNote() | Addressee():
            return [plain(block.text)]
        case LitraParagraph() | SubHeading() | TableCaption():
            return [labelled(block.label, plain(block.text))]
        case Table():
            return [plain(" ".join(line.cells)) for line in block.lines]
        case Signature():
            return [plain(block.date_line), plain(block.name)]
    raise TypeError(f"unknown block {type(block).__name__}")
