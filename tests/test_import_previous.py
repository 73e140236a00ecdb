"""'Ny fra tidligere aktstykke': cleared date and additions, every amount under review."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from cli.main import main
from forms.draftfile import load_draft
from forms.importing import (
    confirm_review,
    import_file,
    locate_review,
    new_from_previous,
    review_findings,
)
from forms.model import Paragraph
from tests.helpers import DATA, SEED, sign


def _published():
    return import_file(DATA / "import" / "published-122.txt").draft


def test_date_signoffs_and_fiu_additions_are_cleared():
    previous = _published()
    sign(previous, "Kontorchef")
    fresh = new_from_previous(previous)
    assert fresh.date is None and fresh.signature_date is None
    assert fresh.signoffs == [] and fresh.audit == []
    assert fresh.published is None
    assert fresh.ministry == previous.ministry and fresh.minister == previous.minister
    assert [s.letter for s in fresh.sections] == previous.letters()
    # The source draft is left as it was.
    assert previous.published is not None and previous.signoffs
    [(_, _, table)] = fresh.tables()
    assert table.stated_column_totals is None and table.stated_grand_total is None
    assert all(row.stated_total is None for row in table.rows)


def test_every_amount_is_marked_with_its_span_or_cell(example):
    fresh = new_from_previous(example)
    prose = [m for m in fresh.review if m.start is not None]
    cells = [m for m in fresh.review if m.row is not None]
    assert sorted(m.original for m in prose) == sorted(
        ["100,0 mio. kr."] * 4 + ["430,0 mio. kr.", "43,0 mio. kr."]
    )
    for mark in prose:
        text = fresh.section(mark.letter).blocks[mark.block].text
        assert text[mark.start : mark.end] == mark.original
    assert [(m.letter, m.row, m.column, m.original) for m in cells] == [
        ("b", 0, 0, "50.0"),
        ("b", 1, 0, "50.0"),
    ]
    findings = review_findings(fresh)
    assert len(findings) == 8
    assert {f.rule for f in findings} == {"R-01"}
    assert {f.severity.value for f in findings} == {"warning"}
    assert "overtaget fra det tidligere aktstykke" in findings[0].message
    cell = next(f for f in findings if f.location.row is not None)
    assert (cell.location.letter, cell.location.row, cell.location.column) == ("b", 0, 0)
    assert "50,0" in cell.message and "IOM" in cell.message


def test_confirming_or_changing_an_amount_ends_its_review(example):
    fresh = new_from_previous(example)
    assert confirm_review(fresh, fresh.review[0]) is True
    assert len(review_findings(fresh)) == 7
    assert confirm_review(fresh, fresh.review[0].model_copy(update={"original": "x"})) is False
    # Changing a table value: last year's figure is gone, so is the finding.
    [(_, _, table)] = fresh.tables()
    table.rows[0].values = [Decimal("60.0")]
    assert len(review_findings(fresh)) == 6
    # Changing an amount in prose (a's mark was confirmed above; e's is changed).
    assert not [m for m in fresh.review if m.letter == "a"]
    e = fresh.section("e").blocks[0]
    e.text = e.text.replace("100,0 mio. kr.", "120,0 mio. kr.")
    remaining = review_findings(fresh)
    assert len(remaining) == 5
    assert all(f.location.letter not in ("a", "e") for f in remaining)


def test_marks_follow_text_moved_by_edits(example):
    fresh = new_from_previous(example)
    c_mark = next(m for m in fresh.review if m.letter == "c")
    c = fresh.section("c")
    c.blocks.insert(0, Paragraph(text="Ny indledning uden beløb."))
    located = dict((id(m), loc) for m, loc in locate_review(fresh))
    location = located[id(c_mark)]
    assert (location.letter, location.block) == ("c", 1)
    assert c.blocks[1].text[location.start : location.end] == "43,0 mio. kr."


def test_two_equal_amounts_are_never_reported_as_one(example):
    fresh = new_from_previous(example)
    b = fresh.section("b")
    budget = next(i for i, blk in enumerate(b.blocks) if "andrager" in getattr(blk, "text", ""))
    b.blocks[budget].text = b.blocks[budget].text.replace("100,0 mio. kr.", "110,0 mio. kr.")
    spans = [
        (loc.letter, loc.block, loc.start)
        for _, loc in locate_review(fresh)
        if loc.start is not None and loc.letter == "b"
    ]
    # The changed amount is not reported, and its mark does not fall back on the
    # other "100,0 mio. kr." in b, which carries a mark of its own.
    assert len(spans) == len(set(spans)) == 2
    assert budget not in {block for _, block, _ in spans}


def test_flag_amounts_are_reviewed_too(example):
    example.flags.tb_amount = Decimal("100.0")
    fresh = new_from_previous(example)
    [finding] = [f for f in review_findings(fresh) if f.location.field == "tb_amount"]
    assert "tillægsbevillingsbeløbet" in finding.message


def test_cli_new_from_previous(tmp_path, capsys):
    output = tmp_path / "ny.aktstykke"
    code = main(["import", str(SEED), "-o", str(output), "--new-from-previous"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "8 beløb er markeret til kontrol (R-01)" in printed
    assert "Hoved: Udenrigsministeriet" in printed
    draft = load_draft(output).draft
    assert draft.date is None
    assert len(draft.review) == 8
    raw = json.loads(output.read_text("utf-8"))
    assert raw["review"][0]["original"] == "100,0 mio. kr."


def test_cli_plain_import_prints_the_report(tmp_path, capsys):
    output = tmp_path / "kladde.aktstykke"
    assert main(["import", str(DATA / "import" / "published-122.txt"), "-o", str(output)]) == 0
    printed = capsys.readouterr().out
    assert "Finansudvalgets tilføjelser" in printed and "Aktstykke nr. 122" in printed
    assert "Kladden er gemt" in printed
    draft = load_draft(output).draft
    assert draft.published.number == "122"
    assert draft.date == dt.date(2014, 6, 10)
