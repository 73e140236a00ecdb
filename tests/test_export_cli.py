"""`aktstykke export`: formats, exit codes, Danish messages, the input never touched."""

import shutil

import pytest

from cli.main import main
from exporters.word import read_docx_text
from forms.draftfile import save_draft
from forms.embedded import load_docx_draft
from forms.textnorm import normalise_for_comparison
from tests.helpers import DATA

TEMPLATES = DATA / "templates"


@pytest.fixture
def draft_file(example, tmp_path):
    path = tmp_path / "kladde.aktstykke"
    save_draft(path, example)
    return path


def test_export_to_every_text_format(draft_file, tmp_path, capsys):
    before = draft_file.read_bytes()
    for name in ("ud.docx", "ud.txt", "ud.html"):
        assert main(["export", str(draft_file), "-o", str(tmp_path / name)]) == 0
    out = capsys.readouterr().out
    assert "Eksporteret til Word" in out and "Eksporteret til tekst" in out
    assert draft_file.read_bytes() == before
    text = (tmp_path / "ud.txt").read_text("utf-8")
    assert normalise_for_comparison(read_docx_text(tmp_path / "ud.docx")) in (
        normalise_for_comparison(text)
    )
    assert '<a name="litra-a">' in (tmp_path / "ud.html").read_text("utf-8")


def test_reexport_from_the_word_file_gives_the_same_document(draft_file, tmp_path):
    first, second = tmp_path / "første.docx", tmp_path / "anden.docx"
    assert main(["export", str(draft_file), "-o", str(first)]) == 0
    assert main(["export", str(first), "-o", str(second)]) == 0
    assert second.read_bytes() == first.read_bytes()
    assert load_docx_draft(second) == load_docx_draft(first)


def test_template_fallback_is_reported(draft_file, tmp_path, capsys):
    out = tmp_path / "ud.docx"
    template = TEMPLATES / "ministerium.dotx"
    assert main(["export", str(draft_file), "-o", str(out), "--template", str(template)]) == 0
    printed = capsys.readouterr().out
    assert "Bemærk:" in printed and "»Aktstykke Tabel«" in printed
    assert "»Aktstykke Litra«" not in printed


def test_template_is_ignored_for_text(draft_file, tmp_path, capsys):
    out = tmp_path / "ud.txt"
    template = TEMPLATES / "ministerium.docx"
    assert main(["export", str(draft_file), "-o", str(out), "--template", str(template)]) == 0
    assert "ignoreres" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["{draft}", "-o", "{tmp}/ud.odt"], "ukendt endelse"),
        (["{tmp}/mangler.aktstykke", "-o", "{tmp}/ud.docx"], "findes ikke"),
        (["{draft}", "-o", "{tmp}/mappe/ud.docx"], "findes ikke"),
        (["{draft}", "-o", "{tmp}/ud.docx", "--template", "{tmp}/ingen.dotx"], "findes ikke"),
        (["{tmp}/brev.txt", "-o", "{tmp}/ud.docx"], "kan ikke eksporteres"),
        (["{tmp}/ødelagt.aktstykke", "-o", "{tmp}/ud.docx"], "ikke et gyldigt aktstykke"),
        (["{tmp}/fremmed.docx", "-o", "{tmp}/ud.docx"], "ikke en Word-fil"),
        (["{draft}", "-o", "{draft}"], "ukendt endelse"),
        (["{tmp}/kopi.docx", "-o", "{tmp}/kopi.docx"], "overskrive inputfilen"),
    ],
)
def test_unusable_input_exits_2_with_a_danish_message(draft_file, tmp_path, capsys, args, expected):
    (tmp_path / "brev.txt").write_text("hej", "utf-8")
    (tmp_path / "ødelagt.aktstykke").write_text("{ikke json", "utf-8")
    (tmp_path / "fremmed.docx").write_text("ikke word", "utf-8")
    assert main(["export", str(draft_file), "-o", str(tmp_path / "kopi.docx")]) == 0
    capsys.readouterr()
    argv = [a.format(draft=draft_file, tmp=tmp_path) for a in args]
    assert main(["export", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("aktstykke export: fejl:") and expected in err
    assert "Traceback" not in err
    assert not (tmp_path / "ud.docx").exists()


def test_pdf_without_libreoffice_says_so(draft_file, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "tom"))
    out = tmp_path / "ud.pdf"
    assert main(["export", str(draft_file), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "LibreOffice" in err and "soffice" in err
    assert not out.exists()


def test_existing_output_is_replaced(draft_file, tmp_path):
    out = tmp_path / "ud.txt"
    out.write_text("gammel", "utf-8")
    assert main(["export", str(draft_file), "-o", str(out)]) == 0
    assert out.read_text("utf-8").startswith("UDKAST")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice er ikke installeret")
def test_pdf_through_libreoffice(draft_file, tmp_path, capsys):
    out = tmp_path / "ud.pdf"
    assert main(["export", str(draft_file), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == ["ud.pdf"]
