"""Helpers of the round-trip tests: a Word file that shows one draft and carries
another, and what a draft's export shows."""

from __future__ import annotations

import io
import zipfile

from exporters.shown import shown_document
from exporters.word import render_docx_bytes
from forms.model import Aktstykke


def returned_showing(shown: Aktstykke, embedded: Aktstykke) -> bytes:
    """A Word file that shows `shown` but carries `embedded`: as if a colleague
    had typed every difference into the export of `embedded`, untracked."""
    visible = zipfile.ZipFile(io.BytesIO(render_docx_bytes(shown)))
    carried = zipfile.ZipFile(io.BytesIO(render_docx_bytes(embedded)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in visible.infolist():
            source = carried if info.filename.startswith("customXml/item") else visible
            target.writestr(info.filename, source.read(info.filename))
    return out.getvalue()


def shown(draft: Aktstykke):
    """What the document shows: each paragraph's text, each table's cells."""
    return [
        (p.text, [[c.text for c in row.cells] for row in p.table.rows] if p.table else None)
        for p in shown_document(draft).pieces
    ]
