"""Bad input: each gets a clear Danish message, exit status 2, and no draft is written."""

from __future__ import annotations

import pytest

from cli.main import main
from forms.importing import MAX_BYTES, SourceError, import_file
from tests.helpers import DATA, SEED

CORPUS = DATA / "bad" / "import"  # made by tests/data/bad/make_fixtures.py

CASES = {
    "tom.txt": "er tom",
    "blank.txt": "er tom",
    "brev.txt": "ikke et aktstykke",
    "krypteret.pdf": "krypteret",
    "scannet.pdf": "kun billeder",
    "beskadiget.pdf": "beskadiget",
    "beskadiget.docx": "ikke en Word-fil",
    "ikke-zip.docx": "beskadiget",
    "bombe.docx": "zip-bombe",
    "entiteter.docx": "eksterne entiteter",
    "latter.docx": "sikkerhedshensyn",
    "gammel.doc": ".doc",
    "binær.txt": "binære data",
}


def _source(tmp_path, name):
    original = DATA / "import" / "letter.txt" if name == "brev.txt" else CORPUS / name
    source = tmp_path / name
    source.write_bytes(original.read_bytes())
    return source


def test_the_corpus_holds_every_case():
    assert {p.name for p in CORPUS.iterdir()} | {"brev.txt"} == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gets_a_danish_message(tmp_path, name):
    expected = CASES[name]
    source = _source(tmp_path, name)
    before = source.read_bytes()
    with pytest.raises(SourceError) as caught:
        import_file(source)
    assert expected in caught.value.message
    assert name in caught.value.message
    assert source.read_bytes() == before  # the input is never changed


@pytest.mark.parametrize("name", ["tom.txt", "brev.txt", "krypteret.pdf", "bombe.docx"])
def test_bad_input_on_the_command_line_exits_2_and_writes_nothing(tmp_path, capsys, name):
    expected = CASES[name]
    source = _source(tmp_path, name)
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
