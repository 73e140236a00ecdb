"""The Word renderer: fidelity with the seed, page setup, marking, templates, atomic files."""

import errno
import io
import os
import zipfile

import pytest
from docx import Document
from docx.shared import Mm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import exporters.word as word
from exporters import styles as S
from exporters.errors import ExportError, TemplateError
from exporters.text import render_text
from exporters.word import export_docx, read_docx_text, render_docx, render_docx_bytes
from forms.draftfile import DraftFileError
from forms.model import Paragraph
from forms.textnorm import normalise_for_comparison
from tests.helpers import DATA, SEED

TEMPLATES = DATA / "templates"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _doc(data: bytes):
    return Document(io.BytesIO(data))


def _part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name).decode("utf-8")


def test_example_read_back_equals_the_seed_word_for_word(example):
    text = read_docx_text(render_docx_bytes(example))
    seed = SEED.read_text("utf-8")
    assert normalise_for_comparison(text) == normalise_for_comparison(seed)


def test_text_renderer_and_word_file_agree_exactly(example):
    data = render_docx_bytes(example)
    assert read_docx_text(data) == render_text(example, final=True)
    assert render_text(example).endswith(read_docx_text(data))


def test_a4_margins_and_litra_hanging_in_the_margin(example):
    doc = _doc(render_docx_bytes(example))
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1)
    assert abs(section.page_height - Mm(297)) < Mm(1)
    assert section.left_margin > Mm(20)
    litra = doc.styles[S.LITRA].paragraph_format
    assert litra.first_line_indent < 0  # the label hangs left of the text
    assert len(litra.tab_stops) == 1
    first = doc.paragraphs[1]
    assert first.style.name == S.LITRA and first.text.startswith("a.\t")
    second = next(p for p in doc.paragraphs if p.text.startswith("Siden 2017"))
    assert second.style.name == S.CONTINUATION


def test_danish_language_page_number_and_properties(example):
    data = render_docx_bytes(example)
    styles = _part(data, "word/styles.xml")
    assert 'w:lang w:val="da-DK"' in styles
    doc = _doc(data)
    footer = doc.sections[0].footer._element
    assert any("PAGE" in (t.text or "") for t in footer.iter(f"{W}instrText"))
    props = doc.core_properties
    assert props.title.startswith("Udenrigsministeriet anmoder hermed")
    assert props.author == "Udenrigsministeriet"
    assert "Finansudvalg" in props.subject
    assert props.created.year == 2024
    assert props.language == "da-DK"


def test_table_numbers_right_aligned_and_total_bold(example):
    doc = _doc(render_docx_bytes(example))
    table = doc.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows][-1] == ["I alt", "100,0"]
    amount = table.rows[1].cells[1].paragraphs[0]
    assert amount.style.name == S.TABLE_NUMBER
    assert doc.styles[S.TABLE_NUMBER].paragraph_format.alignment == 2  # right
    assert table.rows[-1].cells[0].paragraphs[0].runs[0].bold


def test_draft_marks_every_header_final_does_not(example):
    draft_doc = _doc(render_docx_bytes(example))
    for section in draft_doc.sections:
        header = section.header._element
        assert "UDKAST" in "".join(header.itertext())
        assert b"PowerPlusWaterMarkObject" in _xml(header)
    final = render_docx_bytes(example, final=True, footer_note="Fingeraftryk 1a2b3c4d")
    doc = _doc(final)
    parts = [_part(final, n) for n in zipfile.ZipFile(io.BytesIO(final)).namelist()]
    assert not any("UDKAST" in p for p in parts if "customXml" not in p)
    assert "Fingeraftryk 1a2b3c4d" in "".join(doc.sections[0].footer._element.itertext())
    assert read_docx_text(final) == read_docx_text(render_docx_bytes(example))


def _xml(element) -> bytes:
    from lxml import etree

    return etree.tostring(element)


def test_same_draft_gives_the_same_bytes(example):
    assert render_docx_bytes(example) == render_docx_bytes(example)


def test_text_with_special_and_illegal_characters_survives(example):
    example.sections[0].blocks.append(Paragraph(text="<tag> & \"citat\" 'x'\x01 slut\ttab"))
    data = render_docx_bytes(example)
    assert "<tag> & \"citat\" 'x' slut\ttab" in read_docx_text(data)


def test_ministry_template_used_and_missing_styles_fall_back(example):
    template = TEMPLATES / "ministerium.docx"
    data, report = render_docx(example, template=template)
    assert S.LITRA not in report.fallback_styles and S.HEADER not in report.fallback_styles
    assert S.CONTINUATION in report.fallback_styles and S.TABLE in report.fallback_styles
    message = report.fallback_message()
    assert "ministerium.docx" in message and "»Aktstykke Fortsat«" in message
    doc = _doc(data)
    # The ministry's own Litra style (its id, its colour) is the one used.
    first = doc.paragraphs[1]
    assert first.style.name == S.LITRA and first.style.style_id == "MinLitra"
    assert str(first.style.font.color.rgb) == "003366"
    # Our copied Fortsat did not take over the ministry's style with that id.
    assert doc.styles["Ministeriets brødtekst"].style_id == "AktstykkeFortsat"
    assert doc.styles[S.CONTINUATION].style_id != "AktstykkeFortsat"
    # The letterhead stays, the placeholder text goes, UDKAST on both first and other pages.
    section = doc.sections[0]
    assert "Eksempelministeriet" in "".join(section.header._element.itertext())
    for header in (section.header, section.first_page_header):
        assert "UDKAST" in "".join(header._element.itertext())
    assert "Skriv teksten her" not in read_docx_text(data)
    assert read_docx_text(data) == render_text(example, final=True)


def test_dotx_template_is_accepted_and_the_file_is_untouched(example):
    template = TEMPLATES / "ministerium.dotx"
    before = template.read_bytes()
    data, report = render_docx(example, template=template)
    assert template.read_bytes() == before
    assert report.fallback_styles
    assert "document.main+xml" in _part(data, "[Content_Types].xml")
    assert read_docx_text(data) == render_text(example, final=True)


def test_our_template_defines_every_style_so_nothing_falls_back(example):
    _, report = render_docx(example)
    assert report.fallback_styles == ()
    names = {s.name for s in _doc(S.reference_template_bytes()).styles}
    assert set(S.ALL_STYLES) <= names


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("mangler.dotx", None, "findes ikke"),
        ("brev.txt", b"hej", ".dotx"),
        ("tom.docx", b"", "ikke en Word-fil"),
        ("tekst.docx", b"ikke en zip", "ikke en Word-fil"),
    ],
)
def test_unusable_templates_get_a_danish_message(example, tmp_path, name, content, expected):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(TemplateError) as caught:
        render_docx(example, template=path)
    assert expected in caught.value.message


def test_export_replaces_an_existing_file(example, tmp_path):
    target = tmp_path / "aktstykke.docx"
    target.write_bytes(b"gammel")
    report = export_docx(example, target)
    assert report.path == target
    assert read_docx_text(target) == render_text(example, final=True)


def test_failing_renderer_leaves_old_file_and_no_temp_files(example, tmp_path, monkeypatch):
    target = tmp_path / "aktstykke.docx"
    target.write_bytes(b"gammel")

    def broken(*args, **kwargs):
        raise RuntimeError("midt i eksporten")

    monkeypatch.setattr(word, "reproducible_zip", broken)
    with pytest.raises(RuntimeError):
        export_docx(example, target)
    assert target.read_bytes() == b"gammel"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aktstykke.docx"]


def test_disk_full_while_writing_leaves_old_file(example, tmp_path, monkeypatch):
    target = tmp_path / "aktstykke.docx"
    target.write_bytes(b"gammel")

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportError) as caught:
        export_docx(example, target)
    assert "ikke mere plads" in caught.value.message
    assert "uændret" in caught.value.message
    assert target.read_bytes() == b"gammel"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aktstykke.docx"]


def test_read_docx_text_refuses_a_non_word_file(tmp_path):
    path = tmp_path / "brev.docx"
    path.write_text("ikke Word", "utf-8")
    with pytest.raises(DraftFileError) as caught:
        read_docx_text(path)
    assert "ikke en Word-fil" in caught.value.message


def test_template_without_section_properties_still_gets_udkast(example, tmp_path):
    source = TEMPLATES / "ministerium.docx"
    stripped = tmp_path / "uden-sektion.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(stripped, "w") as new:
        for info in old.infolist():
            payload = old.read(info)
            if info.filename == "word/document.xml":
                start = payload.index(b"<w:sectPr")
                end = payload.index(b"</w:sectPr>") + len(b"</w:sectPr>")
                payload = payload[:start] + payload[end:]
            new.writestr(info, payload)
    doc = _doc(render_docx_bytes(example, template=stripped))
    assert "UDKAST" in "".join(doc.sections[0].header._element.itertext())


def test_template_python_docx_cannot_read_gets_a_message(example, tmp_path):
    broken = tmp_path / "brudt.docx"
    with (
        zipfile.ZipFile(TEMPLATES / "ministerium.docx") as old,
        zipfile.ZipFile(broken, "w") as new,
    ):
        for info in old.infolist():
            payload = old.read(info)
            if info.filename == "word/document.xml":
                payload = b"<w:document><w:body><ikke lukket"
            new.writestr(info, payload)
    with pytest.raises(TemplateError) as caught:
        render_docx(example, template=broken)
    assert "brudt.docx" in caught.value.message and "kan ikke bruges" in caught.value.message


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(st.text(min_size=0, max_size=40), min_size=1, max_size=4))
def test_any_text_reads_back_exactly_as_the_text_renderer_draws_it(example, texts):
    example.sections[0].blocks = [Paragraph(text=text) for text in texts]
    example.minister = texts[0]
    data = render_docx_bytes(example, final=True)
    assert read_docx_text(data) == render_text(example, final=True)
