"""The draft inside the Word file: round trip, and the stdlib reader's refusals."""

import io
import zipfile

import pytest

from exporters.text import render_text
from exporters.word import export_docx, read_docx_text, render_docx_bytes
from forms.draftfile import DraftFileError, dumps_draft, loads_draft
from forms.embedded import MAX_MEMBER_BYTES, load_docx_draft, read_embedded_draft
from forms.model import Paragraph


def test_export_then_read_back_gives_the_same_draft_and_document(example, tmp_path):
    first = tmp_path / "første.docx"
    export_docx(example, first)
    text = read_embedded_draft(first)
    assert text == dumps_draft(example)
    reopened, _ = loads_draft(text, first)
    assert reopened == example
    second = tmp_path / "anden.docx"
    export_docx(load_docx_draft(first), second)
    assert read_docx_text(second) == read_docx_text(first)
    assert second.read_bytes() == first.read_bytes()


def test_part_is_custom_xml_related_from_the_document(example):
    data = render_docx_bytes(example)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        rels = package.read("word/_rels/document.xml.rels").decode()
        types = package.read("[Content_Types].xml").decode()
        item = package.read("customXml/item1.xml").decode()
    assert "customXml/itemProps1.xml" in names and "customXml/_rels/item1.xml.rels" in names
    assert "relationships/customXml" in rels and "../customXml/item1.xml" in rels
    assert "customXmlProperties+xml" in types
    assert 'xmlns:akt="urn:aktstykke:draft"' in item and 'encoding="text"' in item


def test_xml_special_characters_survive(example, tmp_path):
    example.sections[0].blocks.append(Paragraph(text="<![CDATA[ & ]]> </akt:draft> \"'"))
    path = tmp_path / "x.docx"
    export_docx(example, path)
    assert load_docx_draft(path) == example


def test_characters_xml_cannot_hold_are_stored_as_base64(example, tmp_path):
    example.sections[0].blocks.append(Paragraph(text="ikke-tegn \ufffe her"))
    path = tmp_path / "x.docx"
    export_docx(example, path)
    with zipfile.ZipFile(path) as package:
        assert 'encoding="base64"' in package.read("customXml/item1.xml").decode()
    assert load_docx_draft(path) == example


def test_exporting_onto_our_own_export_as_template_keeps_one_draft(example, tmp_path):
    first = tmp_path / "første.docx"
    export_docx(example, first)
    example.minister = "En anden minister"
    second = tmp_path / "anden.docx"
    export_docx(example, second, template=first)
    with zipfile.ZipFile(second) as package:
        items = [n for n in package.namelist() if n.startswith("customXml/item")]
    assert len([n for n in items if "Props" not in n]) == 1
    assert load_docx_draft(second).minister == "En anden minister"


def _word_zip(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            b'<Types><Override PartName="/word/document.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        for name, payload in members.items():
            package.writestr(name, payload)


def test_plain_word_file_has_no_draft(tmp_path):
    path = tmp_path / "brev.docx"
    _word_zip(path, {"word/document.xml": b"<w:document/>", "customXml/item1.xml": b"<b:Sources/>"})
    assert read_embedded_draft(path) is None
    with pytest.raises(DraftFileError) as caught:
        load_docx_draft(path)
    assert "indeholder ingen kladde" in caught.value.message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"Dette er tekst.", "ikke en Word-fil"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "krypteret"),
    ],
)
def test_not_a_word_file(tmp_path, content, expected):
    path = tmp_path / "brev.docx"
    path.write_bytes(content)
    with pytest.raises(DraftFileError) as caught:
        read_embedded_draft(path)
    assert expected in caught.value.message and "brev.docx" in caught.value.message


def test_zip_without_word_document(tmp_path):
    path = tmp_path / "arkiv.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", b"<Types/>")
    with pytest.raises(DraftFileError) as caught:
        read_embedded_draft(path)
    assert "intet Word-dokument" in caught.value.message


def test_missing_file(tmp_path):
    with pytest.raises(DraftFileError) as caught:
        read_embedded_draft(tmp_path / "væk.docx")
    assert "findes ikke" in caught.value.message


def test_huge_member_is_refused(tmp_path):
    path = tmp_path / "bombe.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            b"wordprocessingml.document.main+xml",
        )
        with package.open("customXml/item1.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(MAX_MEMBER_BYTES // len(chunk) + 1):
                member.write(chunk)
    with pytest.raises(DraftFileError) as caught:
        read_embedded_draft(path)
    assert "zip-bombe" in caught.value.message


def test_entities_and_damaged_draft_are_refused(tmp_path):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]>'
        b'<akt:draft xmlns:akt="urn:aktstykke:draft">&a;</akt:draft>'
    )
    path = tmp_path / "entitet.docx"
    _word_zip(path, {"customXml/item1.xml": bomb})
    with pytest.raises(DraftFileError) as caught:
        read_embedded_draft(path)
    assert "beskadiget" in caught.value.message
    broken = tmp_path / "brudt.docx"
    _word_zip(broken, {"customXml/item1.xml": b'<akt:draft xmlns:akt="urn:aktstykke:draft">{'})
    with pytest.raises(DraftFileError):
        read_embedded_draft(broken)


def test_embedded_draft_that_is_not_a_draft_gets_the_draft_file_message(tmp_path):
    path = tmp_path / "forkert.docx"
    _word_zip(
        path,
        {"customXml/item1.xml": b'<akt:draft xmlns:akt="urn:aktstykke:draft">[1, 2]</akt:draft>'},
    )
    with pytest.raises(DraftFileError) as caught:
        load_docx_draft(path)
    assert "forkert.docx" in caught.value.message


def test_text_of_reopened_draft_is_unchanged(example, tmp_path):
    path = tmp_path / "x.docx"
    export_docx(example, path)
    assert render_text(load_docx_draft(path)) == render_text(example)
