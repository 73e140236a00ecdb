"""Bounded reading (issue 12, point 7): every part of a Word file together is bounded
for verify, import and templates; a template's macros and foreign parts never
reach an export."""

from __future__ import annotations

import io
import zipfile

import pytest

from cli.main import main
from exporters.display import display_model
from exporters.errors import TemplateError
from exporters.opc import Package
from exporters.verify import verify_docx
from exporters.word import render_docx
from forms.draftfile import DraftFileError, save_draft
from forms.embedded import (
    MAX_PACKAGE_BYTES,
    MAX_PARTS,
    WordZip,
    open_word_zip,
    read_embedded_draft,
    read_member,
)
from forms.importing import SourceError, import_file
from tests.helpers import DATA
from tests.tamper.bomb import PART_BYTES, PARTS, zip_bomb
from tests.tamper.package import RELS, RT, Docx, element, w

MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
REFUSAL = "dens dele fylder tilsammen"


@pytest.fixture(scope="module")
def bomb(tmp_path_factory):
    path = tmp_path_factory.mktemp("bombe") / "bombe.docx"
    path.write_bytes(zip_bomb())
    return path


def test_the_bomb_is_what_issue_12_describes(bomb):
    with zipfile.ZipFile(bomb) as package:
        sizes = [i.file_size for i in package.infolist() if i.filename.startswith("word/")]
    assert bomb.stat().st_size < 2.2 * 1024 * 1024
    assert len(sizes) == PARTS and set(sizes) == {PART_BYTES} and PART_BYTES < 50 * 1024 * 1024


@pytest.fixture
def nothing_unpacked(monkeypatch):
    """Fail the test if any member of a zip is unpacked."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("a member was unpacked")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)


def test_verify_refuses_the_bomb_without_unpacking_it(bomb, capsys, nothing_unpacked):
    assert main(["verify", str(bomb)]) == 2
    err = capsys.readouterr().err
    assert REFUSAL in err and "bombe.docx" in err and "zip-bombe" in err


def test_import_refuses_the_bomb_without_unpacking_it(bomb, nothing_unpacked):
    with pytest.raises(SourceError) as caught:
        import_file(bomb)
    assert REFUSAL in caught.value.message


def test_opening_the_bomb_as_a_draft_is_refused(bomb, nothing_unpacked):
    with pytest.raises(DraftFileError) as caught:
        read_embedded_draft(bomb)
    assert REFUSAL in caught.value.message


def test_the_bomb_as_template_is_refused(bomb, example, tmp_path, capsys, nothing_unpacked):
    with pytest.raises(TemplateError) as caught:
        render_docx(example, template=bomb)
    assert REFUSAL in caught.value.message
    draft = tmp_path / "kladde.aktstykke"
    save_draft(draft, example)
    out = tmp_path / "ud.docx"
    assert main(["export", str(draft), "-o", str(out), "--template", str(bomb)]) == 2
    assert REFUSAL in capsys.readouterr().err and not out.exists()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, blob in members.items():
            package.writestr(name, blob)
    return out.getvalue()


def test_too_many_parts_are_refused():
    members = {"[Content_Types].xml": MAIN.encode()}
    members.update({f"word/x{i}.xml": b"" for i in range(MAX_PARTS)})
    with pytest.raises(DraftFileError) as caught:
        open_word_zip(_zip(members), "mange.docx")
    assert f"højst have {MAX_PARTS}" in caught.value.message


def test_what_is_unpacked_counts_against_the_bound_too():
    """Sizes in the zip's directory can lie; the bytes actually read are counted as well."""
    data = _zip({"[Content_Types].xml": MAIN.encode(), "word/document.xml": b"x" * 1000})
    with WordZip(io.BytesIO(data)) as package:
        package.remaining = 500
        with pytest.raises(DraftFileError) as caught:
            read_member(package, package.getinfo("word/document.xml"), "løgn.docx")
    assert REFUSAL in caught.value.message
    assert MAX_PACKAGE_BYTES == 100 * 1024 * 1024


def test_a_file_too_large_on_disk_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "stor.docx"
    with open(path, "wb") as handle:
        handle.truncate(MAX_PACKAGE_BYTES + 1)  # sparse: no disk used
    with pytest.raises(DraftFileError) as caught:
        verify_docx(path)
    assert "må højst fylde" in caught.value.message


# -- templates: macros and foreign parts ---------------------------------------------------------


def _macro_template(tmp_path, suffix: str = ".dotm"):
    """Our reference template made a macro-enabled template with every foreign part a
    ministry's file might carry."""
    from exporters.styles import reference_template_bytes

    doc = Docx(reference_template_bytes())
    doc.override(
        "word/document.xml", "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
    )
    doc.add("word/vbaProject.bin", b"\xd0\xcf\x11\xe0MAKRO", "application/vnd.ms-office.vbaProject")
    doc.add(
        "word/_rels/vbaProject.bin.rels",
        (
            f'<?xml version="1.0"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" '
            'Type="http://schemas.microsoft.com/office/2006/relationships/wordVbaData" '
            'Target="vbaData.xml"/></Relationships>'
        ).encode(),
    )
    doc.add(
        "word/vbaData.xml",
        b"<wne:vbaSuppData xmlns:wne='x'/>",
        "application/vnd.ms-word.vbaData+xml",
    )
    doc.relate("word/_rels/document.xml.rels", "vbaProject", "vbaProject.bin", rid="rIdM1")
    doc.add(
        "word/customizations.xml",
        b"<wne:tcg xmlns:wne='x'/>",
        "application/vnd.ms-word.keyMapCustomizations+xml",
    )
    doc.relate(
        "word/_rels/document.xml.rels", "keyMapCustomizations", "customizations.xml", rid="rIdM2"
    )
    doc.add(
        "word/comments.xml",
        b"<w:comments xmlns:w='x'/>",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
    )
    doc.relate("word/_rels/document.xml.rels", "comments", "comments.xml", rid="rIdM3")
    doc.add("customXml/item5.xml", b"<sharepoint/>")
    doc.relate("word/_rels/document.xml.rels", "customXml", "../customXml/item5.xml", rid="rIdM4")
    doc.add(
        "word/embeddings/oleObject1.bin",
        b"\xd0\xcf\x11\xe0OLE",
        "application/vnd.openxmlformats-officedocument.oleObject",
    )
    doc.add(
        "word/header9.xml",
        (
            f'<?xml version="1.0"?><w:hdr xmlns:w="{w("")[1:-1]}" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            'xmlns:o="urn:schemas-microsoft-com:office:office">'
            "<w:p><w:r><w:t>Ministeriets brevhoved</w:t></w:r></w:p>"
            '<w:p><w:r><w:object><o:OLEObject r:id="rIdH1"/></w:object></w:r></w:p></w:hdr>'
        ).encode(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    )
    doc.add(
        "word/_rels/header9.xml.rels",
        (
            f'<?xml version="1.0"?><Relationships xmlns="{RELS}"><Relationship Id="rIdH1" '
            f'Type="{RT}oleObject" Target="embeddings/oleObject1.bin"/></Relationships>'
        ).encode(),
    )
    doc.relate("word/_rels/document.xml.rels", "header", "header9.xml", rid="rIdM5")
    doc.document(
        lambda root: root.find(f"{w('body')}/{w('sectPr')}").insert(
            0, element('<w:headerReference w:type="default" r:id="rIdM5"/>')
        )
    )
    doc.add(
        "word/_rels/settings.xml.rels",
        (
            f'<?xml version="1.0"?><Relationships xmlns="{RELS}"><Relationship Id="rIdS1" '
            f'Type="{RT}attachedTemplate" Target="file:///S:/Skabeloner/Makroer.dotm" '
            'TargetMode="External"/></Relationships>'
        ).encode(),
    )
    doc.edit(
        "word/settings.xml", lambda root: root.append(element('<w:attachedTemplate r:id="rIdS1"/>'))
    )
    path = tmp_path / f"ministerium{suffix}"
    path.write_bytes(doc.bytes())
    return path


FOREIGN = (
    "vbaproject",
    "vbadata",
    "customizations",
    # The comments part and its relationship (the embedded draft has a "comments"
    # field of its own, the draft's review comments, empty in this example):
    "word/comments",
    "relationships/comments",
    "oleobject",
    "customxml/item5",
    "makroer.dotm",
    "macroenabled",
    "attachedtemplate",
)


@pytest.mark.parametrize("suffix", [".dotm", ".docm"])
def test_a_macro_enabled_template_is_stripped_with_a_message(example, tmp_path, suffix):
    template = _macro_template(tmp_path, suffix)
    data, report = render_docx(example, template=template, final=True)
    package = Package.read(data, "ud.docx")
    everything = b"\n".join(
        name.encode() + b" " + package.content_type(name).encode() + b" " + blob
        for name, blob in package.parts.items()
    ).lower()
    for marker in FOREIGN:
        assert marker.encode() not in everything, marker
    assert package.content_type(package.main_document()) == MAIN
    message = report.fallback_message()
    assert "indeholder makroer; de er fjernet" in message
    assert "ikke hører til brevhovedet" in message
    # The letterhead itself is kept, without the embedded object it held.
    model = display_model(package)
    headers = str(model.model["pages"])
    assert "Ministeriets brevhoved" in headers and "'obj'" not in headers


def test_the_command_line_tells_that_macros_were_removed(example, tmp_path, capsys):
    template = _macro_template(tmp_path)
    draft = tmp_path / "kladde.aktstykke"
    save_draft(draft, example)
    out = tmp_path / "ud.docx"
    assert main(["export", str(draft), "-o", str(out), "--template", str(template)]) == 0
    said = capsys.readouterr().out
    assert "Bemærk:" in said and "makroer; de er fjernet" in said
    with zipfile.ZipFile(out) as package:
        assert not [n for n in package.namelist() if "vba" in n.lower()]


def test_a_clean_template_gives_no_notes(example):
    _, report = render_docx(example, template=DATA / "templates" / "ministerium.dotx")
    assert report.template_notes == ()
