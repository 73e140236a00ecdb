"""The letter asking for urgent treatment (forms.urgency) as a Word file, in the
styles of our reference template, so it looks like the aktstykke it goes with."""

from __future__ import annotations

import io
from pathlib import Path

import docx

from exporters import styles as S
from exporters.output import write_atomically
from exporters.package import reproducible_zip
from exporters.typography import keep_together
from forms.model import Aktstykke
from forms.urgency import urgency_letter


def render_urgency_letter(draft: Aktstykke) -> bytes:
    letter = urgency_letter(draft)
    document = docx.Document(io.BytesIO(S.reference_template_bytes()))
    body = document.element.body
    for element in list(body):
        if not element.tag.endswith("}sectPr"):
            body.remove(element)
    document.add_paragraph(letter.sender, style=S.CONTINUATION)
    document.add_paragraph(letter.date_line, style=S.HEADER)
    document.add_paragraph(letter.addressee, style=S.CONTINUATION)
    document.add_paragraph(keep_together(letter.subject), style=S.SUBHEADING)
    for text in letter.paragraphs:
        document.add_paragraph(keep_together(text), style=S.CONTINUATION)
    document.add_paragraph(letter.closing, style=S.SIGNATURE)
    document.add_paragraph(letter.minister, style=S.SIGNATURE_NAME)
    core = document.core_properties
    core.title = letter.subject
    core.language = "da-DK"
    stream = io.BytesIO()
    document.save(stream)
    return reproducible_zip(stream.getvalue())


def export_urgency_letter(draft: Aktstykke, path: Path | str) -> Path:
    path = Path(path)
    write_atomically(path, render_urgency_letter(draft))
    return path
