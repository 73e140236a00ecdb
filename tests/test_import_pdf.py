"""PDF import: our own export converted by LibreOffice, read back with pypdf."""

from __future__ import annotations

import pytest

from exporters.pdf import export_pdf, soffice_available
from exporters.text import render_text
from forms.importing import import_file
from forms.importing.pdf_source import strip_page_furniture
from forms.textnorm import normalise_for_comparison
from tests.helpers import sign


@pytest.mark.slow
@pytest.mark.skipif(not soffice_available(), reason="LibreOffice (soffice) er ikke installeret")
def test_pdf_of_our_export_imports_to_the_same_draft(tmp_path, example):
    path = tmp_path / "aktstykke.pdf"
    export_pdf(example, path, final=True, timeout=90)
    result = import_file(path)
    assert result.report.source_kind == "PDF"
    draft = result.draft
    assert draft.letters() == ["a", "b", "c", "e", "f"]
    assert (draft.ministry, draft.date, draft.minister) == (
        example.ministry,
        example.date,
        example.minister,
    )
    # Paragraphs, sub-headings and the table come back block for block.
    for imported, original in zip(draft.sections, example.sections, strict=True):
        assert [b.type for b in imported.blocks] == [b.type for b in original.blocks]
    # The PDF's "Finansministeriets tilslutning foreligger." is only stated by the source:
    # once the consent is recorded with its reference, the text is the same.
    assert any(s.source for s in draft.signoffs)
    sign(draft, "Finansministeriet")
    assert normalise_for_comparison(render_text(draft, final=True)) == normalise_for_comparison(
        render_text(example, final=True)
    )


def test_page_numbers_and_running_heads_are_set_aside():
    pages = [
        "Aktstykke nr. 5\nUdenrigsministeriet. København, den 1. maj 2024.\na. Tekst.\n1",
        "Aktstykke nr. 5\nb. Mere tekst.\n2",
        "Aktstykke nr. 5\nc. Sidste tekst.\n- 3 -",
    ]
    cleaned, removed = strip_page_furniture(pages)
    assert removed == 5
    assert cleaned[0].startswith("Aktstykke nr. 5")  # the first page keeps FiU's addition
    assert cleaned[1] == "b. Mere tekst."
    assert cleaned[2] == "c. Sidste tekst."
