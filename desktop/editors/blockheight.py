"""The height a block's frame will have, before its editor is built.

A litra builds editors only for the blocks in view (desktop/editors/blocks.py);
the others are empty frames of about the right height, so the scroll bar
stays honest. The figure need not be exact: the form keeps the block at the
top of the view where it was when editors above it are built
(SectionForm._sync_built), and a frame whose editor was built once keeps the
height it really had.
"""

from __future__ import annotations

import math

from PySide6.QtGui import QFontMetrics

from desktop.editors.blocks import FRAME_MARGINS, FRAME_SPACING
from forms.model import Block, BudgetTable, SubHeading

TEXT_EDIT_FRAME = 2
"""QTextEdit's frame width in the styles we ship with (Fusion)."""
DOCUMENT_MARGIN = 4
"""QTextDocument's default margin around the text."""
LINE_EDIT_EXTRA = 10
"""A QLineEdit's height beyond one line of text (frame and padding)."""
WRAP_SLACK = 1.03
"""Lines lost to words that wrap early, as a share of the text's length."""
TABLE_CHROME = 150
"""A table editor's title row, button row, header and note row together."""


def stand_in_height(block: Block, width: int, metrics: QFontMetrics) -> int:
    """The frame's height for `block` at frame width `width`."""
    left, top, right, bottom = FRAME_MARGINS
    caption = metrics.height()
    outer = top + caption + FRAME_SPACING + bottom
    if isinstance(block, BudgetTable):
        rows = len(block.rows) + 1  # and the total row
        return outer + TABLE_CHROME + rows * (metrics.height() + 10)
    if isinstance(block, SubHeading):
        return outer + metrics.height() + LINE_EDIT_EXTRA
    text_width = max(40, width - left - right - 2 * TEXT_EDIT_FRAME - 2 * DOCUMENT_MARGIN)
    # The text's length at the font's average character width, over the width,
    # plus a little for words that wrap early: no layout of the text at all.
    advance = len(block.text) * metrics.averageCharWidth()
    lines = max(2, math.ceil(advance * WRAP_SLACK / text_width))
    editor = lines * metrics.lineSpacing() + 2 * DOCUMENT_MARGIN + 2 * TEXT_EDIT_FRAME + 4
    return outer + editor
