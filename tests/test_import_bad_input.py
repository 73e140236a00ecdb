"""Bad input: each gets a clear Danish message, exit status 2, and no draft is written."""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import DATA, SEED
from pypdf import PdfWriter

from desktop.cli import main
from exporters.word import render_docx_bytes
from forms.importing import MAX_BYTES, SourceError, import_file

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(document: bytes, *, compress=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compress) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("word/document.xml", document)
    return buffer.getvalue()


def _pdf(*, encrypt: bool) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if encrypt:
        writer.encrypt(user_password="hemmelig", owner_password="ejer", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _entities() -> bytes:
    return (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()


def _billion_laughs() -> bytes:
    entities = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{i} "&a{i - 1};&a{i - 1};&a{i - 1};&a{i - 1};">' for i in range(1, 12)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&a11;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()


def _zip_bomb() -> bytes:
    # 60 MB of spaces compress to about 60 KB: over the 50 MB limit unpacked.
    filler = b" " * (60 * 1024 * 1024)
    return _docx(b"<w:document xmlns:w='" + W.encode() + b"'>" + filler + b"</w:document>")


def _corrupt_docx(tmp_path) -> bytes:
    from forms.templates import load_example

    return render_docx_bytes(load_example())[:3000]


CASES = {
    "tom.txt": (lambda tmp: b"", "er tom"),
    "blank.txt": (lambda tmp: b"  \n\n\t\n", "er tom"),
    "brev.txt": (lambda tmp: (DATA / "import" / "letter.txt").read_bytes(), "ikke et aktstykke"),
    "krypteret.pdf": (lambda tmp: _pdf(encrypt=True), "krypteret"),
    "scannet.pdf": (lambda tmp: _pdf(encrypt=False), "kun billeder"),
    "beskadiget.pdf": (lambda tmp: b"%PDF-1.4\n1 0 obj garbage", "beskadiget"),
    "beskadiget.docx": (_corrupt_docx, "ikke en Word-fil"),
    "ikke-zip.docx": (lambda tmp: b"Dette er ikke et Word-dokument", "beskadiget"),
    "bombe.docx": (lambda tmp: _zip_bomb(), "zip-bombe"),
    "entiteter.docx": (lambda tmp: _docx(_entities()), "eksterne entiteter"),
    "latter.docx": (lambda tmp: _docx(_billion_laughs()), "sikkerhedshensyn"),
    "gammel.doc": (lambda tmp: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".doc"),
    "binær.txt": (lambda tmp: b"abc\x00\x01\x02" * 100, "binære data"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gets_a_danish_message(tmp_path, name):
    make, expected = CASES[name]
    source = tmp_path / name
    source.write_bytes(make(tmp_path))
    before = source.read_bytes()
    with pytest.raises(SourceError) as caught:
        import_file(source)
    assert expected in caught.value.message
    assert name in caught.value.message
    assert source.read_bytes() == before  # the input is never changed


@pytest.mark.parametrize("name", ["tom.txt", "brev.txt", "krypteret.pdf", "bombe.docx"])
def test_bad_input_on_the_command_line_exits_2_and_writes_nothing(tmp_path, capsys, name):
    make, expected = CASES[name]
    source = tmp_path / name
    source.write_bytes(make(tmp_path))
    output = tmp_path / "kladde.aktstykke"
    assert main(["import", str(source), "-o", str(output)]) == 2
    error = capsys.readouterr().err
    assert expected in error and "Der er ikke skrevet nogen kladde." in error
    assert "Traceback" not in error
    assert not output.exists()


def test_file_over_50_mb_is_refused_before_reading(tmp_path):
    source = tmp_path / "stor.txt"
    with source.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: no 50 MB actually written
    with pytest.raises(SourceError) as caught:
        import_file(source)
    assert "for stor" in caught.value.message and "50 MB" in caught.value.message


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(SourceError) as caught:
        import_file(tmp_path / "findes-ikke.txt")
    assert "findes ikke" in caught.value.message
    with pytest.raises(SourceError) as caught:
        import_file(tmp_path)
    assert "mappe" in caught.value.message


def test_existing_output_is_not_overwritten_without_force(tmp_path, capsys):
    output = tmp_path / "kladde.aktstykke"
    output.write_text("min kladde", "utf-8")
    assert main(["import", str(SEED), "-o", str(output)]) == 2
    assert "findes allerede" in capsys.readouterr().err
    assert output.read_text("utf-8") == "min kladde"
    assert main(["import", str(SEED), "-o", str(output), "--force"]) == 0
    assert output.read_text("utf-8").startswith("{")


def test_output_must_be_a_draft_file(tmp_path, capsys):
    assert main(["import", str(SEED), "-o", str(tmp_path / "kladde.docx")]) == 2
    assert "endelsen .aktstykke" in capsys.readouterr().err


def test_a_draft_file_is_not_imported(tmp_path, capsys):
    draft = tmp_path / "gammel.aktstykke"
    assert main(["import", str(SEED), "-o", str(draft)]) == 0
    assert main(["import", str(draft), "-o", str(tmp_path / "ny.aktstykke")]) == 2
    assert "allerede en kladde" in capsys.readouterr().err


def test_cp1252_text_is_read_and_reported(tmp_path):
    source = tmp_path / "windows.txt"
    source.write_bytes(SEED.read_text("utf-8").replace("”", '"').encode("cp1252"))
    result = import_file(source)
    assert result.draft.minister == "Lars Løkke Rasmussen"
    assert any("cp1252" in line for line in result.report.guessed)
