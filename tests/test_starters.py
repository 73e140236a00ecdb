"""Starting points for the usual kinds of aktstykke (issue 15 point 8), headless:
each passes its own checks, is dated today, and `aktstykke new --kind` makes it."""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources

import pytest

from cli.main import main
from exporters.text import render_text
from forms.checks import check_draft
from forms.draftfile import load_draft, loads_draft
from forms.findings import Severity
from forms.model import SCHEMA_VERSION, BudgetTable, Category, Kind, SubHeading
from forms.signoff import has_fm_consent
from forms.starters import (
    EMPTY,
    MINISTER_PLACEHOLDER,
    MINISTRY_PLACEHOLDER,
    STARTERS,
    StarterError,
    keys,
    make_draft,
    starter,
)

KINDS = [s.key for s in STARTERS if s.key != EMPTY]
TODAY = dt.date(2027, 3, 4)
MINISTRIES = ["", "Transportministeriet", "Udenrigsministeriet", "Digitaliseringsministeriet"]


def _errors(draft) -> list[str]:
    return [f"{f.rule}: {f.message}" for f in check_draft(draft) if f.severity is Severity.ERROR]


def _texts(draft) -> list[str]:
    out = [draft.ministry, draft.minister]
    for section in draft.sections:
        for block in section.blocks:
            if isinstance(block, BudgetTable):
                out += [block.caption, block.unit_label or "", block.label_heading, block.note]
                out += [*block.columns, *(row.label for row in block.rows)]
            else:
                out.append(block.text)
    return out


def test_every_usual_kind_is_offered_with_a_danish_title_and_description():
    assert set(KINDS) == {
        "tilskud",
        "bygge-anlaeg",
        "it-projekt",
        "tillaegsbevilling",
        "orienterende",
    }
    for item in STARTERS:
        assert item.title and item.description.endswith(".")
        if item.file:
            assert resources.files("resources").joinpath("starters", item.file).is_file()


@pytest.mark.parametrize("ministry", MINISTRIES)
@pytest.mark.parametrize("kind", KINDS)
def test_each_starting_point_passes_its_own_checks_without_errors(kind, ministry):
    draft = make_draft(kind, today=TODAY, ministry=ministry, minister="Jens Hansen")
    assert _errors(draft) == []
    if ministry and "§ PP." not in " ".join(_texts(draft)):
        # with the ministry and its paragraf known, nothing to warn of either (without a
        # paragraf the tillægsbevilling's reserve line is no account line: N-03)
        left = {(f.rule, f.severity) for f in check_draft(draft)}
        assert left == {("F-03", Severity.INFO)}, kind


@pytest.mark.parametrize("kind", KINDS)
def test_without_a_ministry_the_placeholders_still_pass_without_errors(kind):
    draft = make_draft(kind, today=TODAY)
    assert draft.ministry == MINISTRY_PLACEHOLDER
    assert draft.minister == MINISTER_PLACEHOLDER
    assert _errors(draft) == []


@pytest.mark.parametrize("kind", KINDS)
def test_dated_today_with_the_years_around_it(kind):
    draft = make_draft(kind, today=TODAY, ministry="Transportministeriet")
    assert draft.date == TODAY and draft.finansaar == 2027
    assert draft.signature_date is None
    assert draft.signoffs == [] and draft.audit == [] and draft.review == []
    assert draft.metadata.created.date() >= dt.date.today() - dt.timedelta(days=1)
    texts = " ".join(_texts(draft))
    assert "{" not in texts and "}" not in texts  # every marker filled in
    assert "2000" not in texts  # the data's own reference year never shows
    years = {int(y) for y in re.findall(r"\b20\d\d\b", texts)}
    assert years and years <= {2026, 2027, 2028, 2029}
    assert "[" in texts  # sample text for the author to overwrite


def test_the_ministry_is_named_and_its_paragraf_used_in_the_sample_accounts():
    draft = make_draft("tilskud", today=TODAY, ministry="Transportministeriet")
    a = draft.section("a").blocks[0].text
    assert a.startswith("Transportministeriet anmoder hermed om Finansudvalgets tilslutning")
    assert "§ 28.11.01." in a
    unknown = make_draft("tilskud", today=TODAY, ministry="Ministeriet for Nyt")
    assert "Ministeriet for Nyt anmoder" in unknown.section("a").blocks[0].text
    assert "§ PP.11.01." in unknown.section("a").blocks[0].text


def test_a_name_with_quotes_is_filled_in_safely():
    draft = make_draft("tilskud", today=TODAY, ministry='Det "nye" ministerium\\')
    assert draft.ministry == 'Det "nye" ministerium\\'
    assert draft.section("a").blocks[0].text.startswith('Det "nye" ministerium\\ anmoder')


def test_each_kind_has_its_sections_and_its_table():
    tilskud = make_draft("tilskud", today=TODAY)
    assert tilskud.category is Category.TILSKUD and tilskud.letters() == list("abcef")
    assert len(tilskud.tables()) == 1

    building = make_draft("bygge-anlaeg", today=TODAY)
    assert building.category is Category.BYGGE_ANLAEG
    [(_, _, table)] = building.tables()
    assert table.columns == ["2027", "2028", "2029"]
    assert table.unit_label == "Mio. kr. (2027-pl)"  # the price level (N-04, TAB-01)
    assert table.has_total_column

    it = make_draft("it-projekt", today=TODAY)
    assert it.category is Category.IT
    [(_, _, table)] = it.tables()
    assert table.columns[0] == "Hidtidigt forbrug" and table.columns[1:] == ["2027", "2028", "2029"]
    b = " ".join(_texts(it)).casefold()
    assert "risikoprofil" in b and "statens it-råd" in b and "orienterende aktstykke" in b

    tb = make_draft("tillaegsbevilling", today=TODAY, ministry="Transportministeriet")
    assert tb.flags.tb_amount is not None
    e = [block.text for block in tb.section("e").blocks]
    assert any(line.startswith("§ 28.11.79.") and line.endswith("-25,0 mio. kr.") for line in e)
    assert any(line.startswith("»Nr. ") for line in e) and e[-1].endswith("«")
    assert "materielle bestemmelser" in " ".join(e)

    orienting = make_draft("orienterende", today=TODAY)
    assert orienting.kind is Kind.ORIENTERENDE
    assert orienting.letters() == ["a", "b", "f"]


@pytest.mark.parametrize("kind", KINDS)
def test_sub_headings_structure_the_sagsfremstilling(kind):
    b = make_draft(kind, today=TODAY).section("b")
    assert sum(isinstance(block, SubHeading) for block in b.blocks) >= 3


def test_f_is_produced_from_the_sign_off_not_typed():
    for kind in KINDS:
        draft = make_draft(kind, today=TODAY)
        assert not has_fm_consent(draft)
        assert "[Afventer Finansministeriets tilslutning]" in render_text(draft)


def test_the_attack_a_starting_point_that_breaks_a_rule_is_caught(monkeypatch):
    """The check above would see a starter that drops its amount from litra a."""
    from forms import starters

    original = starters._template

    def without_amount(name):
        return original(name).replace("[45,0 mio. kr.] til [modtageren]", "til [modtageren]")

    monkeypatch.setattr(starters, "_template", without_amount)
    assert any(error.startswith("A-03") for error in _errors(make_draft("tilskud")))


def test_the_data_files_are_drafts_of_the_current_schema():
    for item in STARTERS:
        if item.file is None:
            continue
        text = resources.files("resources").joinpath("starters", item.file).read_text("utf-8")
        assert json.loads(text)["metadata"]["schema_version"] == SCHEMA_VERSION
        loads_draft(text, item.file)  # loads as it is, markers and all


def test_an_unknown_kind_is_refused_in_danish():
    with pytest.raises(StarterError) as caught:
        starter("budget")
    assert "»budget« er ikke en kendt slags aktstykke" in caught.value.message
    assert "it-projekt" in caught.value.message


def test_the_empty_draft_is_still_there():
    draft = make_draft(EMPTY, today=TODAY, ministry="Transportministeriet", minister="Jens Hansen")
    assert draft.ministry == "Transportministeriet" and draft.date == TODAY
    assert draft.letters() == list("abcef")
    assert all(not block.text for s in draft.sections if s.letter != "f" for block in s.blocks)


# -- the command line ------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_new_with_a_kind_writes_the_starting_point(tmp_path, capsys, kind):
    path = tmp_path / "ny.aktstykke"
    assert main(["new", "-o", str(path), "--kind", kind, "--ministerium", "Skatteministeriet"]) == 0
    assert str(path) in capsys.readouterr().out
    draft = load_draft(path).draft
    assert draft.date == dt.date.today()
    assert draft.ministry == "Skatteministeriet"
    assert _errors(draft) == []
    assert main(["check", str(path)]) == 0


def test_new_without_a_kind_is_the_empty_draft(tmp_path):
    path = tmp_path / "ny.aktstykke"
    assert main(["new", "-o", str(path)]) == 0
    assert [b.text for b in load_draft(path).draft.section("a").blocks] == [""]


def test_new_refuses_an_unknown_kind_in_danish(tmp_path, capsys):
    path = tmp_path / "ny.aktstykke"
    with pytest.raises(SystemExit) as stopped:
        main(["new", "-o", str(path), "--kind", "budget"])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "ugyldigt valg: 'budget'" in error and "vælg mellem" in error and "it-projekt" in error
    assert not path.exists()


def test_new_help_lists_the_kinds(capsys):
    with pytest.raises(SystemExit):
        main(["new", "--help"])
    shown = capsys.readouterr().out
    assert all(key in shown for key in keys())
    assert "bygge- og anlægsprojekt" in shown
