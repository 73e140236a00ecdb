"""Import of Word aktstykker: a Word-like file built here, and our own export."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from benchmarks.largedraft import large_draft
from exporters.text import render_text
from exporters.word import export_docx
from forms.importing import import_file
from forms.model import BudgetTable, Paragraph, SubHeading, Unit
from tests.helpers import sign


def _numbering(doc) -> None:
    """Lettered litra ('a.', 'b.' …) and a bullet list, as Word defines them."""
    numbering = doc.part.numbering_part.element
    for abstract_id, fmt, text in (("90", "lowerLetter", "%1."), ("91", "bullet", "•")):
        numbering.insert(
            0,
            parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
            ),
        )
    # a, b, c from list 90; after the omitted d, list 91 restarts at 5 = "e.".
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
        )
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="92"><w:abstractNumId w:val="91"/></w:num>')
    )


def _numbered(doc, text: str, num_id: str):
    paragraph = doc.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )
    return paragraph


def _bold(doc, text: str) -> None:
    doc.add_paragraph().add_run(text).bold = True


def word_like_docx(path) -> None:
    doc = Document()
    _numbering(doc)
    doc.add_paragraph("Transportministeriet. København, den 3. marts 2025.")
    _numbered(
        doc,
        "Transportministeriet anmoder hermed om Finansudvalgets tilslutning til, at der i "
        "finansåret 2025 afholdes udgifter på 20,0 mio. kr. til forundersøgelser under "
        "§ 28.21.01. Vejdirektoratet.",
        "90",
    )
    paragraph = _numbered(doc, "", "90")
    paragraph.add_run("Baggrund").bold = True
    doc.add_paragraph(
        "Vejdirektoratet har i 2024 gennemført en screening af strækningen. Screeningen viste "
        "behov for en egentlig forundersøgelse."
    )
    doc.add_paragraph("Forundersøgelsen omfatter:")
    _numbered(doc, "trafikale analyser", "92")
    _numbered(doc, "miljøvurdering", "92")
    doc.add_heading("Økonomi", level=2)
    doc.add_paragraph("Udgifterne fordeler sig således:")
    table = doc.add_table(rows=4, cols=4)
    cells = [
        ["Mio. kr.", "2025", "2026", "I alt"],
        ["Analyser", "10,0", "5,0", "15,0"],
        ["Miljø", "2,5", "2,5", "5,0"],
        ["I alt", "12,5", "7,5", "20,0"],
    ]
    for row, values in zip(table.rows, cells, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    _bold(doc, "Væsentlige risici")
    doc.add_paragraph("Der er usikkerhed om tidsplanen.")
    _numbered(doc, "Sagen forelægges Finansudvalget, jf. budgetvejledningens pkt. 2.2.7.", "90")
    _numbered(
        doc,
        "Under henvisning til ovenstående anmoder Transportministeriet om Finansudvalgets "
        "tilslutning til, at der i finansåret 2025 afholdes udgifter på 20,0 mio. kr.",
        "91",
    )
    _numbered(doc, "Finansministeriets tilslutning foreligger.", "91")
    doc.add_paragraph("København, den 3. marts 2025")
    doc.add_paragraph("Thomas Danielsen")
    doc.add_paragraph("Til Finansudvalget.")
    doc.save(path)


def test_word_like_document_with_numbered_litra(tmp_path):
    path = tmp_path / "vej.docx"
    word_like_docx(path)
    result = import_file(path)
    draft = result.draft
    assert result.report.source_kind == "Word"
    assert draft.letters() == ["a", "b", "c", "e", "f"]
    assert draft.ministry == "Transportministeriet"
    assert draft.date == dt.date(2025, 3, 3)
    assert draft.minister == "Thomas Danielsen"
    assert draft.section("a").blocks[0].text.startswith("Transportministeriet anmoder hermed")
    blocks = draft.section("b").blocks
    assert [type(b).__name__ for b in blocks] == [
        "SubHeading",
        "Paragraph",
        "Paragraph",
        "Paragraph",
        "Paragraph",
        "SubHeading",
        "Paragraph",
        "BudgetTable",
        "SubHeading",
        "Paragraph",
    ]
    assert [b.text for b in blocks if isinstance(b, SubHeading)] == [
        "Baggrund",
        "Økonomi",
        "Væsentlige risici",
    ]
    assert blocks[3].text == "– trafikale analyser"  # bullets as Danish dashes
    assert draft.section("e").blocks[0].text.startswith("Under henvisning til ovenstående")
    assert any(
        "Words automatiske nummerering: a, b, c, e, f" in x for x in result.report.recognised
    )


def test_word_table_with_total_row_keeps_stated_totals(tmp_path):
    path = tmp_path / "vej.docx"
    word_like_docx(path)
    [(letter, _, table)] = import_file(path).draft.tables()
    assert letter == "b"
    assert table.unit is Unit.MIO
    assert table.label_heading == ""
    assert table.columns == ["2025", "2026"]
    assert [(r.label, r.values, r.stated_total) for r in table.rows] == [
        ("Analyser", [Decimal("10.0"), Decimal("5.0")], Decimal("15.0")),
        ("Miljø", [Decimal("2.5"), Decimal("2.5")], Decimal("5.0")),
    ]
    assert table.stated_column_totals == [Decimal("12.5"), Decimal("7.5")]
    assert table.stated_grand_total == Decimal("20.0")


def test_typed_litra_letters_are_found_in_word_text(tmp_path):
    doc = Document()
    doc.add_paragraph("Udenrigsministeriet.")
    doc.add_paragraph("København, den 12. november 2024.")
    doc.add_paragraph("a.\tUdenrigsministeriet anmoder om Finansudvalgets tilslutning.")
    doc.add_paragraph("b.\tSagen er kort.")
    doc.add_paragraph("f.\tFinansministeriets tilslutning foreligger.")
    doc.add_paragraph("København, den 12. november 2024\nLars Løkke Rasmussen")
    doc.add_paragraph("Til Finansudvalget.")
    path = tmp_path / "skrevet.docx"
    doc.save(path)
    draft = import_file(path).draft
    assert draft.letters() == ["a", "b", "f"]
    assert draft.ministry == "Udenrigsministeriet"
    assert draft.date == dt.date(2024, 11, 12)
    # A line break inside a paragraph still separates the signature's lines.
    assert draft.minister == "Lars Løkke Rasmussen"


def test_own_export_reopens_from_the_embedded_draft(tmp_path, example):
    path = tmp_path / "eksport.docx"
    export_docx(example, path)
    result = import_file(path)
    assert result.report.source_kind == "indlejret kladde"
    assert result.draft == example


def _with_consent(draft) -> str:
    """The imported draft as text once Finansministeriet's consent is recorded: the
    consent the Word file states is "oplyst i kildedokumentet" and does not count."""
    assert any(s.source for s in draft.signoffs)
    sign(draft, "Finansministeriet")
    return render_text(draft)


def test_own_export_read_as_a_foreign_word_file_exports_the_same(tmp_path, example):
    path = tmp_path / "eksport.docx"
    export_docx(example, path)
    result = import_file(path, use_embedded=False)
    assert result.report.source_kind == "Word"
    assert _with_consent(result.draft) == render_text(example)
    assert result.draft.import_notes == []


def test_large_export_read_as_foreign_word_file_exports_the_same(tmp_path):
    draft = large_draft()
    path = tmp_path / "stor.docx"
    export_docx(draft, path)
    result = import_file(path, use_embedded=False)

    def lines(d):
        return [line.rstrip() for line in render_text(d).splitlines()]

    assert lines(result.draft) == lines(draft)
    tables = result.draft.tables()
    assert len(tables) == 30
    assert all(t.rows[0].account == "06.32.10.10" for _, _, t in tables)
    assert all(isinstance(b, Paragraph | SubHeading | BudgetTable) for _, _, b in tables)


def test_damaged_embedded_draft_falls_back_to_the_visible_text(tmp_path, example):
    import io
    import zipfile

    path = tmp_path / "eksport.docx"
    export_docx(example, path)
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("customXml/item") and b"urn:aktstykke:draft" in data:
                data = data.replace(b'"ministry"', b'"ministeriet"')  # unknown field
            target.writestr(info, data)
    path.write_bytes(damaged.getvalue())
    result = import_file(path)
    assert result.report.source_kind == "Word"
    assert "ikke kan bruges" in result.report.guessed[0]
    assert _with_consent(result.draft) == render_text(example)
