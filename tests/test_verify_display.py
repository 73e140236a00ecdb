"""The display model verify's re-saved verdict rests on: the same for the same display,
different for a different one."""

from __future__ import annotations

import pytest
from lxml import etree

from exporters.display import display_model
from exporters.displaytext import shown_lines
from exporters.displayxml import evaluate_binding, normalise_instruction
from exporters.opc import Package
from exporters.word import render_docx_bytes
from exporters.wordnumbering import format_number
from forms.templates import load_example
from tests.tamper.package import Docx, element, paragraph_with, run_with, w

LITRA_A = "Udenrigsministeriet anmoder hermed"


@pytest.fixture(scope="module")
def final() -> bytes:
    return render_docx_bytes(load_example(), final=True)


def _model(data: bytes):
    return display_model(Package.read(data, "x.docx"))


def _edited(data: bytes, change) -> bytes:
    doc = Docx(data)
    doc.document(change)
    return doc.bytes()


def test_a_run_split_in_three_is_the_same_display(final):
    def split(root):
        run = run_with(root, "50,0")
        run.find(w("t")).text = "5"
        run.addnext(element("<w:r><w:t>,0</w:t></w:r>"))
        run.addnext(element("<w:r><w:rPr/><w:t>0</w:t></w:r>"))

    assert _model(_edited(final, split)).digest == _model(final).digest


def test_direct_formatting_equal_to_the_style_is_the_same_display(final):
    def spelled_out(root):
        run = run_with(root, "50,0")
        run.insert(
            0, element('<w:rPr><w:rFonts w:ascii="Times New Roman"/><w:sz w:val="22"/></w:rPr>')
        )

    assert _model(_edited(final, spelled_out)).digest == _model(final).digest


def test_a_page_number_result_is_no_evidence_but_another_field_result_is(final):
    footer_model = _model(final)
    doc = Docx(final)
    doc.members["word/footer1.xml"] = doc.members["word/footer1.xml"].replace(
        b"<w:t>1</w:t>", b"<w:t>7</w:t>", 1
    )
    assert _model(doc.bytes()).digest == footer_model.digest
    doc.members["word/footer1.xml"] = doc.members["word/footer1.xml"].replace(
        b" PAGE ", b" NUMWORDS ", 1
    )
    assert _model(doc.bytes()).digest != footer_model.digest
    assert normalise_instruction(" page  \\* MERGEFORMAT ") == "PAGE"


def test_numbering_labels_are_counted_and_formatted():
    assert [format_number(n, "lowerLetter") for n in (1, 2, 26, 27)] == ["a", "b", "z", "aa"]
    assert format_number(4, "upperRoman") == "IV" and format_number(9, "lowerRoman") == "ix"
    assert format_number(3, "decimalZero") == "03" and format_number(5, "none") == ""


def test_a_content_control_shows_its_bound_value():
    store = etree.fromstring('<belob xmlns="urn:x"><del>12,5</del></belob>')
    assert evaluate_binding(store, "/ns0:belob[1]/ns0:del[1]", "xmlns:ns0='urn:x'") == "12,5"
    assert evaluate_binding(store, "//ns0:del", "xmlns:ns0='urn:x'") == "?"  # no XPath engine
    assert evaluate_binding(None, "/a", "") == "?"


def test_shown_text_leaves_out_what_is_not_seen(final):
    def hide(root):
        paragraph_with(root, LITRA_A).append(
            element("<w:r><w:rPr><w:vanish/></w:rPr><w:t>SKJULT</w:t></w:r>")
        )
        paragraph_with(root, LITRA_A).append(
            element('<w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>HVID</w:t></w:r>')
        )
        paragraph_with(root, LITRA_A).append(
            element('<w:r><w:sym w:font="Symbol" w:char="F037"/></w:r>')
        )

    model = _model(_edited(final, hide))
    text = "\n".join(shown_lines(model.body))
    assert "SKJULT" not in text and "HVID" not in text and "migrationsfond.7" in text
    assert {note.kind for note in model.notes} == {"skjult tekst", "tekst i baggrundens farve"}
