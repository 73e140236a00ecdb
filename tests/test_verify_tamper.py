"""The tamper corpus against `aktstykke verify` (issue 12, point 4).

Every trick in tests/tamper/tricks.py is applied to a signed final export of
the example and must give "ændret", naming the part; applied and then saved
over by "another program" (every XML part rewritten), a trick that changes
what is shown must still give "ændret", and only a trick that changes nothing
shown may give the re-saved verdict. The untouched file and a merely re-zipped
copy stay the approved version.
"""

from __future__ import annotations

import zipfile

import pytest

from cli.main import main
from exporters.display import display_model
from exporters.opc import Package
from exporters.verify import Outcome, verify_docx
from exporters.word import render_docx_bytes
from forms.embedded import DuplicatePartError
from forms.finalgate import final_export_blockers, final_footer_note
from forms.templates import load_example
from tests.tamper.package import Docx
from tests.tamper.resave import resave, resaved_bytes
from tests.tamper.tricks import TRICKS

EXPORTER = "Eva Eksport"


@pytest.fixture(scope="module")
def signed_final(pki) -> bytes:
    """The example, signed off by every role, exported final and signed by its exporter."""
    draft = load_example()
    assert final_export_blockers(draft) == []
    return render_docx_bytes(
        draft, final=True, footer_note=final_footer_note(draft), signer=pki.identity(EXPORTER)
    )


def _verify(tmp_path, data: bytes, name: str = "til underskrift.docx"):
    path = tmp_path / name
    path.write_bytes(data)
    return verify_docx(path)


def _said(result) -> str:
    return "\n".join([result.message, *result.details, *result.diff]).lower()


def test_the_signed_final_export_is_the_approved_version(signed_final, tmp_path):
    result = _verify(tmp_path, signed_final)
    assert result.outcome is Outcome.MATCHES, _said(result)
    assert EXPORTER in result.message and "er den godkendte version" in result.message


def test_a_copy_packed_anew_is_still_the_approved_version(signed_final, tmp_path):
    doc = Docx(signed_final)
    doc.members = dict(reversed(list(doc.members.items())))
    result = _verify(tmp_path, doc.bytes(zipfile.ZIP_STORED))
    assert result.outcome is Outcome.MATCHES, _said(result)


@pytest.mark.parametrize("trick", TRICKS, ids=[t.name for t in TRICKS])
def test_every_trick_is_changed_and_names_the_part(signed_final, tmp_path, trick):
    doc = Docx(signed_final)
    trick.apply(doc)
    result = _verify(tmp_path, doc.bytes())
    assert result.outcome is Outcome.CHANGED, _said(result)
    assert trick.part.lower() in _said(result)
    assert "godkendte version" in result.message and "er den godkendte" not in result.message


@pytest.mark.parametrize("trick", TRICKS, ids=[t.name for t in TRICKS])
def test_every_trick_survives_a_resave(signed_final, tmp_path, trick):
    """A trick hidden under a re-save by another program: still "ændret" when it changes
    what is shown; the re-saved verdict at most when it changes nothing shown."""
    doc = Docx(signed_final)
    trick.apply(doc)
    result = _verify(tmp_path, resaved_bytes(doc))
    allowed = {Outcome.CHANGED, Outcome.RESAVED} if trick.may_look_resaved else {Outcome.CHANGED}
    assert result.outcome in allowed, _said(result)


@pytest.mark.parametrize("trick", TRICKS, ids=[t.name for t in TRICKS])
def test_the_display_model_sees_exactly_the_visible_tricks(signed_final, trick):
    """What verify's re-saved verdict rests on: the digest of what is shown changes with
    every trick that changes what is shown, and with no other."""
    original = display_model(Package.read(signed_final, "endelig.docx")).digest
    doc = Docx(signed_final)
    trick.apply(doc)
    try:
        tampered = display_model(Package.read(doc.bytes(), "ændret.docx")).digest
    except DuplicatePartError:
        assert trick.name == "duplicate_member"
        return
    assert (tampered != original) is trick.visible


def test_a_resave_alone_gets_its_own_verdict(signed_final, tmp_path):
    doc = Docx(signed_final)
    resave(doc)
    result = _verify(tmp_path, doc.bytes())
    assert result.outcome is Outcome.RESAVED, _said(result)
    assert "teksten ser ens ud, men filen er gemt igen af et andet program" in result.message
    assert "brug den godkendte fil" in result.message
    assert "Microsoft Office Word" in result.message


def test_the_word_diff_shows_the_amount_as_a_reader_sees_it(signed_final, tmp_path):
    """White 1 pt 50,0 with 60,0 drawn in Symbol: the diff reads what is seen."""
    trick = next(t for t in TRICKS if t.name == "white_amount_with_symbol_digits")
    doc = Docx(signed_final)
    trick.apply(doc)
    result = _verify(tmp_path, doc.bytes())
    assert any("[-50,0-] {+60,0+}" in line for line in result.diff), result.diff
    assert any("tekst i baggrundens farve" in line and "50,0" in line for line in result.details)


def test_hidden_text_is_named_with_its_words(signed_final, tmp_path):
    trick = next(t for t in TRICKS if t.name == "hidden_text")
    doc = Docx(signed_final)
    trick.apply(doc)
    result = _verify(tmp_path, doc.bytes())
    assert any(line.startswith("skjult tekst i word/document.xml: »e.") for line in result.details)
    assert any("[-e." in line for line in result.diff)


def test_shifted_cells_show_in_the_diff_as_moved_boundaries(signed_final, tmp_path):
    trick = next(t for t in TRICKS if t.name == "table_cells_shifted")
    doc = Docx(signed_final)
    trick.apply(doc)
    result = _verify(tmp_path, doc.bytes())
    assert any("│" in line for line in result.diff), result.diff


def test_the_command_line_names_the_parts_and_exits_1(signed_final, tmp_path, capsys):
    trick = next(t for t in TRICKS if t.name == "header_with_other_text")
    doc = Docx(signed_final)
    trick.apply(doc)
    path = tmp_path / "ændret.docx"
    path.write_bytes(doc.bytes())
    assert main(["verify", str(path)]) == 1
    err = capsys.readouterr().err
    assert "word/header1.xml (et sidehoved) er tilføjet" in err
    assert "word/document.xml (dokumentets tekst) er ændret" in err


def test_an_added_relationship_is_named_with_its_target(signed_final, tmp_path):
    trick = next(t for t in TRICKS if t.name == "second_relationship_id")
    doc = Docx(signed_final)
    trick.apply(doc)
    said = _said(_verify(tmp_path, doc.bytes()))
    assert (
        "relationen »ridt8« fra word/document.xml (footer → word/footer1.xml) er tilføjet" in said
    )
    assert "https://example.invalid/belob.png (ekstern)" in said


def test_every_trick_of_issue_12_is_in_the_corpus():
    names = {t.name for t in TRICKS}
    issue = {
        "hidden_text",
        "white_amount_with_symbol_digits",
        "header_with_other_text",
        "text_box",
        "footnote",
        "comment",
        "numbering_before_litra_a",
        "style_made_hidden",
        "symbol_font",
        "content_control_bound_to_custom_xml",
        "alternate_content",
        "second_main_document",
        "table_cells_shifted",
        "tracked_changes",
    }
    assert issue <= names
    assert len(names) == len(TRICKS) >= 35
