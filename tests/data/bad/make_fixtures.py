"""Make the broken import sources in this folder (run from the repository root).

    .venv/bin/python tests/data/bad/make_fixtures.py

The files are committed; this script documents how each was made.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from pypdf import PdfWriter

HERE = Path(__file__).resolve().parent
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def docx(document: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("word/document.xml", document)
    return buffer.getvalue()


def pdf(*, encrypt: bool) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if encrypt:
        writer.encrypt(user_password="hemmelig", owner_password="ejer", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def external_entities() -> bytes:
    return (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()


def billion_laughs() -> bytes:
    entities = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{i} "&a{i - 1};&a{i - 1};&a{i - 1};&a{i - 1};">' for i in range(1, 12)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&a11;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()


def zip_bomb() -> bytes:
    # 60 MB of spaces compress to about 60 KB: over the 50 MB limit unpacked.
    filler = b" " * (60 * 1024 * 1024)
    return docx(b"<w:document xmlns:w='" + W.encode() + b"'>" + filler + b"</w:document>")


def corrupt_docx() -> bytes:
    from exporters.word import render_docx_bytes
    from forms.templates import load_example

    return render_docx_bytes(load_example())[:3000]


SOURCES = {
    "tom.txt": lambda: b"",
    "blank.txt": lambda: b"  \n\n\t\n",
    "krypteret.pdf": lambda: pdf(encrypt=True),
    "scannet.pdf": lambda: pdf(encrypt=False),
    "beskadiget.pdf": lambda: b"%PDF-1.4\n1 0 obj garbage",
    "beskadiget.docx": corrupt_docx,
    "ikke-zip.docx": lambda: b"Dette er ikke et Word-dokument",
    "bombe.docx": zip_bomb,
    "entiteter.docx": lambda: docx(external_entities()),
    "latter.docx": lambda: docx(billion_laughs()),
    "gammel.doc": lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
    "binær.txt": lambda: b"abc\x00\x01\x02" * 100,
}


def main() -> None:
    folder = HERE / "import"
    folder.mkdir(exist_ok=True)
    for name, make in SOURCES.items():
        (folder / name).write_bytes(make())


if __name__ == "__main__":
    main()
