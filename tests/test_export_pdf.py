"""PDF through LibreOffice: the real conversion (slow), and a misbehaving soffice (fast)."""

import shutil
import subprocess
from collections import Counter

import pytest

from exporters.errors import ExportError
from exporters.pdf import docx_to_pdf_bytes, export_pdf, soffice_available
from exporters.text import render_text
from exporters.word import read_docx_text, render_docx_bytes
from forms.embedded import load_docx_draft
from forms.textnorm import dehyphenate
from tests.helpers import SEED

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice og pdftotext er ikke installeret",
)


def _pages(pdf: bytes) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")
    return [page for page in text.split("\f") if page.strip()]


def _body(page: str) -> str:
    """A page without its header line (UDKAST) and footer line (the page number)."""
    lines = [line for line in page.splitlines() if line.strip()]
    if lines and lines[0].strip() == "UDKAST":
        lines = lines[1:]
    if lines and lines[-1].strip().isdigit():
        lines = lines[:-1]
    return "\n".join(lines)


def _flat(text: str) -> str:
    """Without whitespace and hyphens: pdftotext joins words at a line-end hyphen
    ('Capacity-' + 'programmet' becomes 'Capacityprogrammet')."""
    return "".join(text.split()).replace("-", "")


@pytest.mark.slow
@needs_libreoffice
def test_libreoffice_pdf_has_the_seed_text_and_udkast_on_every_page(example):
    pages = _pages(docx_to_pdf_bytes(render_docx_bytes(example), timeout=120))
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[0] == "UDKAST", f"side {number} mangler UDKAST"
        assert lines[-1] == str(number), f"side {number} mangler sidetal"
    body = "\n".join(_body(page) for page in pages)
    flat = _flat(body)
    # Every paragraph, in order of its own words (tables are read column-wise by pdftotext).
    for line in render_text(example, final=True).splitlines():
        if line and not line.startswith(("Projektsøjler", "IOM ", "ICMPD ", "I alt ")):
            assert _flat(line) in flat, line
    for expected in ("a.", "b.", "c.", "e.", "f.", "Ialt", "100,0", "LarsLøkkeRasmussen"):
        assert expected in flat
    # And nothing more or less than the seed: the same characters, whitespace aside.
    seed = _flat(dehyphenate(SEED.read_text("utf-8")))
    assert Counter(flat) == Counter(seed)


@pytest.mark.slow
@needs_libreoffice
def test_libreoffice_keeps_the_embedded_draft_when_it_saves_as_docx(example, tmp_path):
    source = tmp_path / "aktstykke.docx"
    source.write_bytes(render_docx_bytes(example))
    profile = (tmp_path / "profil").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path / "ud"),
            str(source),
        ],
        capture_output=True,
        check=True,
        timeout=120,
    )
    saved = tmp_path / "ud" / "aktstykke.docx"
    assert load_docx_draft(saved) == example
    assert read_docx_text(saved) == read_docx_text(source)


def _fake_soffice(tmp_path, monkeypatch, script: str) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    fake = folder / "soffice"
    fake.write_text("#!/bin/sh\n" + script + "\n", "utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))


def test_hanging_libreoffice_is_stopped_after_the_timeout(example, tmp_path, monkeypatch):
    _fake_soffice(tmp_path, monkeypatch, f"exec {shutil.which('sleep')} 30")
    target = tmp_path / "ud.pdf"
    with pytest.raises(ExportError) as caught:
        export_pdf(example, target, timeout=0.5)
    assert "inden for" in caught.value.message
    assert not target.exists()


def test_failing_libreoffice_is_reported(example, tmp_path, monkeypatch):
    _fake_soffice(
        tmp_path, monkeypatch, 'echo "Error: source file could not be loaded" >&2; exit 1'
    )
    target = tmp_path / "ud.pdf"
    target.write_bytes(b"gammel")
    with pytest.raises(ExportError) as caught:
        export_pdf(example, target)
    assert "afslutningskode 1" in caught.value.message
    assert "could not be loaded" in caught.value.message
    assert target.read_bytes() == b"gammel"


def test_libreoffice_without_output_is_reported(example, tmp_path, monkeypatch):
    _fake_soffice(tmp_path, monkeypatch, "exit 0")
    with pytest.raises(ExportError) as caught:
        export_pdf(example, tmp_path / "ud.pdf")
    assert "ingen PDF" in caught.value.message


def test_missing_libreoffice(example, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr("exporters.soffice.usual_locations", lambda platform, env: [])
    assert not soffice_available()
    with pytest.raises(ExportError) as caught:
        export_pdf(example, tmp_path / "ud.pdf")
    assert "LibreOffice" in caught.value.message
