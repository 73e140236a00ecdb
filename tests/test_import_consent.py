"""A consent an imported source states is kept as "oplyst i kildedokumentet":
shown to the author, never counted, never litra f's sentence."""

from __future__ import annotations

from cli.main import main
from exporters.text import render_text
from forms.checks import check_draft
from forms.draftfile import save_draft
from forms.importing import import_file
from forms.signoff import SignOffState, has_fm_consent, sign_off, signoff_checks
from tests.helpers import SEED, identity, sign

CONSENT = "f.\tFinansministeriets tilslutning foreligger."


def test_the_stated_consent_is_kept_shown_and_does_not_count():
    result = import_file(SEED)
    draft = result.draft
    [record] = draft.signoffs
    assert record.role == "Finansministeriet" and record.source == "seed.txt"
    assert record.signature is None
    assert [c.state for c in signoff_checks(draft)] == [SignOffState.SOURCE]
    assert SignOffState.SOURCE.value == "oplyst i kildedokumentet"
    assert not has_fm_consent(draft)
    assert any("oplyst i kildedokumentet" in line for line in result.report.guessed)
    [note] = [f for f in check_draft(draft) if f.rule == "L-02"]
    assert "seed.txt" in note.message
    assert CONSENT not in render_text(draft).splitlines()
    assert "f.\t[Afventer Finansministeriets tilslutning]" in render_text(draft).splitlines()


def test_one_person_signing_the_other_roles_cannot_export_the_imported_draft(tmp_path, capsys):
    draft = import_file(SEED).draft
    one = identity("En Person")
    for role in ("Kontorchef", "Afdelingschef", "Departementschef"):
        sign_off(draft, role, one)
    path = tmp_path / "importeret.aktstykke"
    save_draft(path, draft)
    assert main(["export", str(path), "-o", str(tmp_path / "ud.docx"), "--final"]) == 1
    err = capsys.readouterr().err
    assert "Finansministeriets godkendelse" in err and "oplyst i kildedokumentet" in err
    assert not (tmp_path / "ud.docx").exists()


def test_recording_the_consent_with_its_reference_produces_litra_f():
    draft = import_file(SEED).draft
    sign(draft, "Finansministeriet")
    assert has_fm_consent(draft)
    assert CONSENT in render_text(draft).splitlines()
    states = [c.state for c in signoff_checks(draft)]
    assert states == [SignOffState.SOURCE, SignOffState.CURRENT]


def test_a_typed_or_awaited_sentence_in_f_is_never_a_consent(example):
    from forms.importing import import_text

    example.signoffs, example.audit = [], []
    exported = render_text(example)  # UDKAST, f awaited
    draft = import_text(exported, "udkast.txt").draft
    assert draft.signoffs == []  # the awaited marker states nothing
    assert draft.letters() == example.letters()
