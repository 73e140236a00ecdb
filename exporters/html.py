"""HTML renderer: the editor's live preview, drawn from the same blocks as the Word file.

Only the HTML and CSS subset Qt's QTextDocument understands: tables for the
hanging litra labels (no tab stops or inline-block in Qt), margins, no
flexbox. Every part carries an anchor (`header`, `litra-a`, `litra-b-3`,
`signature`) that the preview scrolls to (desktop/panels/preview.py hands them
to Qt as block states). All text is escaped.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

from exporters.blocks import (
    Addressee,
    Align,
    Block,
    HeaderLine,
    Layout,
    LitraParagraph,
    RowKind,
    Signature,
    SubHeading,
    Table,
    TableCaption,
    TableNote,
)
from exporters.layout import layout
from forms.model import Aktstykke

LABEL_WIDTH = 38
"""Pixels of the litra label column; continuation text is indented as far."""

CSS = f"""
body {{ font-family: 'Times New Roman', 'Liberation Serif', serif; font-size: 12pt;
       color: #000000; background-color: #ffffff; }}
p {{ margin-top: 0px; margin-bottom: 12px; }}
p.udkast {{ color: #c00000; font-weight: bold; font-size: 14pt; text-align: center;
           margin-bottom: 18px; }}
p.hoved {{ margin-bottom: 24px; margin-left: {LABEL_WIDTH}px; }}
p.fortsat {{ margin-left: {LABEL_WIDTH}px; }}
p.underoverskrift {{ margin-left: {LABEL_WIDTH}px; margin-bottom: 2px; font-weight: bold; }}
p.tabeloverskrift {{ margin-left: {LABEL_WIDTH}px; margin-bottom: 4px; font-style: italic; }}
p.tabelnote {{ margin-left: {LABEL_WIDTH}px; font-size: 10pt; font-style: italic; }}
p.underskrift {{ margin-left: {LABEL_WIDTH}px; margin-top: 12px; margin-bottom: 48px; }}
p.navn {{ margin-left: {LABEL_WIDTH}px; margin-bottom: 24px; }}
p.modtager {{ margin-left: {LABEL_WIDTH}px; }}
table.litra {{ margin-bottom: 12px; }}
table.litraoverskrift {{ margin-bottom: 2px; }}
table.litraefterafsnit {{ margin-top: 12px; margin-bottom: 12px; }}
table.litraoverskriftefterafsnit {{ margin-top: 12px; margin-bottom: 2px; }}
td.bogstav {{ width: {LABEL_WIDTH}px; }}
td.underoverskrift {{ font-weight: bold; }}
table.budget {{ margin-left: {LABEL_WIDTH}px; margin-top: 6px; margin-bottom: 12px; border-collapse: collapse; }}
table.budget td {{ font-size: 11pt; padding: 2px 6px 2px 6px; }}
td.tal {{ text-align: right; }}
tr.hoved td {{ font-weight: bold; border-top: 1px solid #000000;
              border-bottom: 1px solid #000000; }}
tr.total td {{ font-weight: bold; border-top: 1px solid #000000;
              border-bottom: 1px solid #000000; }}
"""


def render_html(draft: Aktstykke, *, final: bool = False, fp: str | None = None) -> str:
    """A complete HTML document of the draft; a draft shows UDKAST at the top
    (`fp`: the content's fingerprint when the caller has it cached)."""
    return html_of_layout(layout(draft, final=final, fp=fp))


def html_of_layout(document: Layout) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="da">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_text(document.info.title)}</title>",
        f'<style type="text/css">{CSS}</style>',
        "</head>",
        "<body>",
    ]
    if document.marking:
        parts.append(f'<p class="udkast"><a name="marking"></a>{_text(document.marking)}</p>')
    previous: Block | None = None
    for block in document.blocks:
        after_paragraph = previous is not None and not _is_table(previous)
        parts.append(_block_html(block, after_paragraph))
        previous = block
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _text(text: str) -> str:
    return escape(text, quote=True).replace("\n", "<br>")


def _anchors(block: Block) -> str:
    return "".join(f'<a name="{escape(name, quote=True)}"></a>' for name in block.anchors)


def _paragraph(css_class: str, block: Block, text: str) -> str:
    return f'<p class="{css_class}">{_anchors(block)}{_text(text)}</p>'


def _labelled(
    block: Block, label: str, text: str, text_class: str = "", *, after_paragraph: bool = False
) -> str:
    """A label hanging left of its text: a two-cell table, since Qt has no tab stops.
    Qt drops a paragraph's bottom margin before a table, so the table brings its own."""
    cls = f' class="{text_class}"' if text_class else ""
    table_class = ("litraoverskrift" if text_class else "litra") + (
        "efterafsnit" if after_paragraph else ""
    )
    return (
        f'<table class="{table_class}" cellspacing="0" cellpadding="0" width="100%"><tr>'
        f'<td class="bogstav" width="{LABEL_WIDTH}" valign="top">{_anchors(block)}'
        f"{_text(label)}</td>"
        f'<td{cls} valign="top">{_text(text)}</td></tr></table>'
    )


def _is_table(block: Block) -> bool:
    """Blocks this renderer draws as a table (budget tables and labelled lines)."""
    return isinstance(block, Table) or bool(getattr(block, "label", None))


@lru_cache(maxsize=20_000)
def _block_html(block: Block, after_paragraph: bool) -> str:
    """A block's HTML, kept per block value: the preview redraws after every pause in
    typing, and only the edited block has changed (blocks are frozen values)."""
    return _block(block, after_paragraph=after_paragraph)


def _block(block: Block, *, after_paragraph: bool = False) -> str:
    match block:
        case HeaderLine():
            return _paragraph("hoved", block, block.text)
        case LitraParagraph():
            if block.label:
                return _labelled(block, block.label, block.text, after_paragraph=after_paragraph)
            return _paragraph("fortsat", block, block.text)
        case SubHeading():
            if block.label:
                return _labelled(
                    block,
                    block.label,
                    block.text,
                    "underoverskrift",
                    after_paragraph=after_paragraph,
                )
            return _paragraph("underoverskrift", block, block.text)
        case TableCaption():
            if block.label:
                return _labelled(block, block.label, block.text, after_paragraph=after_paragraph)
            return _paragraph("tabeloverskrift", block, block.text)
        case Table():
            return _table(block)
        case TableNote():
            return _paragraph("tabelnote", block, block.text)
        case Signature():
            return (
                f'<p class="underskrift">{_anchors(block)}{_text(block.date_line)}</p>\n'
                f'<p class="navn">{_text(block.name)}</p>'
            )
        case Addressee():
            return _paragraph("modtager", block, block.text)
    raise TypeError(f"unknown block {type(block).__name__}")


def _table(table: Table) -> str:
    rows = []
    anchors = _anchors(table)  # in the first cell: an empty paragraph would add space
    for line in table.lines:
        cells = []
        for index, text in enumerate(line.cells):
            right = table.align[index] is Align.RIGHT
            attrs = ' class="tal" align="right"' if right else ""
            cells.append(f"<td{attrs}>{anchors}{_text(text)}</td>")
            anchors = ""
        kind = {RowKind.HEADER: ' class="hoved"', RowKind.TOTAL: ' class="total"'}.get(
            line.kind, ""
        )
        rows.append(f"<tr{kind}>{''.join(cells)}</tr>")
    return '<table class="budget" cellspacing="0" cellpadding="2">' + "".join(rows) + "</table>"
