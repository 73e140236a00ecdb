"""A returned Word file read as it reads: every typed edit, tracked change and
comment found, placed in the draft, and nothing dropped (issue 13)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from exporters.shown import shown_document
from exporters.word import render_docx_bytes
from forms.checks import check_draft
from forms.model import BudgetTable
from forms.roundtrip.changes import UNKNOWN_AUTHOR, describe
from forms.roundtrip.returned import read_returned
from forms.roundtrip.review import accept, accept_all, reject
from tests.wordedit import WordDocument, w
from tests.wordedit import _copy as copy_element

HANS = "Hans Hansen"
CHEF = "Kontorchef Karen"


def returned(data: bytes, name: str = "retur.docx"):
    return read_returned(data, name, shown_document)


@pytest.fixture
def exported(example):
    return render_docx_bytes(example)


def edited(data: bytes, seed: int = 1) -> WordDocument:
    doc = WordDocument(data)
    doc.scatter(random.Random(seed))  # every test reads Word's split runs, never ours
    return doc


def only(changes, **fields):
    found = [c for c in changes if all(getattr(c, k) == v for k, v in fields.items())]
    assert len(found) == 1, [describe(c) for c in changes]
    return found[0]


def test_an_unchanged_export_reads_as_its_draft(exported):
    result = returned(exported)
    assert result.base is not None
    assert not result.differs and result.changes == [] and result.comments == []


@pytest.mark.parametrize("seed", range(6))
def test_word_run_splitting_rsids_proof_errors_and_bookmarks_are_no_change(exported, seed):
    doc = edited(exported, seed)
    assert returned(doc.save()).changes == []


def test_a_typed_edit_is_a_change_of_unknown_author_at_its_litra_block_and_range(exported, example):
    doc = edited(exported)
    doc.replace("har der", "havde der")
    change = only(returned(doc.save()).changes)
    text = example.section("b").blocks[1].text
    assert (change.kind, change.letter, change.block, change.part) == ("edit", "b", 1, "text")
    assert text[change.start : change.end] == change.old == "har"
    assert change.new == "havde"
    assert change.author is None and UNKNOWN_AUTHOR in describe(change)
    assert change.source == "retur.docx"


def test_a_tracked_replacement_carries_its_author_and_date(exported):
    doc = edited(exported)
    doc.replace("har der", "havde der", author=HANS)
    change = only(returned(doc.save()).changes)
    assert change.author == HANS
    assert change.date == dt.datetime(2025, 3, 4, 9, 30, tzinfo=dt.UTC)
    assert (change.old, change.new) == ("har", "havde")
    assert "Hans Hansen, 4. marts 2025" in describe(change)


def test_tracked_insertion_and_deletion_inside_a_paragraph(exported, example):
    doc = edited(exported)
    doc.replace("dedikeret pulje", "dedikeret, fleksibel pulje", author=HANS)
    doc.replace("(de såkaldte fleksible udsendelsesmidler) ", "", author=CHEF)
    changes = returned(doc.save()).changes
    assert {c.author for c in changes} == {HANS, CHEF}
    draft = accept_all(returned(doc.save()).as_draft()).draft
    text = draft.section("b").blocks[1].text
    assert "dedikeret, fleksibel pulje" in text and "såkaldte" not in text
    assert draft.section("b").blocks[1].text != example.section("b").blocks[1].text


def test_the_header_date_and_the_minister_become_field_values(exported):
    doc = edited(exported)
    doc.replace("12. november 2024.", "13. november 2024.", author=HANS)
    doc.replace("Lars Løkke Rasmussen", "Lars Løkke")
    changes = returned(doc.save()).changes
    date = only(changes, target="field:date")
    assert date.value == "2024-11-13" and date.author == HANS
    minister = only(changes, target="field:minister")
    assert minister.value == "Lars Løkke" and minister.author is None
    draft = accept_all(returned(doc.save()).as_draft()).draft
    assert draft.date == dt.date(2024, 11, 13) and draft.minister == "Lars Løkke"


def test_a_date_that_is_no_date_cannot_be_placed_and_is_kept(exported):
    doc = edited(exported)
    doc.replace("12. november 2024.", "en gang i november.", author=HANS)
    change = only(returned(doc.save()).changes)
    assert change.kind == "unplaced" and "ikke en dato" in change.reason


def test_a_paragraph_added_and_one_deleted_with_tracking(exported, example):
    doc = edited(exported)
    doc.insert_paragraph_after("Programmet består af to", "Et nyt afsnit om IOM.", author=CHEF)
    doc.delete_paragraph("Ændringer i de politiske", author=HANS)
    changes = returned(doc.save()).changes
    added = only(changes, kind="insert_block")
    assert (added.letter, added.block, added.author) == ("b", 6, CHEF)
    assert [b.text for b in added.blocks] == ["Et nyt afsnit om IOM."]
    removed = only(changes, kind="delete_block")
    assert (removed.letter, removed.block, removed.author) == ("b", 13, HANS)
    assert removed.old.startswith("Ændringer i de politiske")
    draft = accept_all(returned(doc.save()).as_draft()).draft
    texts = [getattr(b, "text", "") for b in draft.section("b").blocks]
    assert texts[6] == "Et nyt afsnit om IOM."
    assert not any(t.startswith("Ændringer i de politiske") for t in texts)
    assert len(texts) == len(example.section("b").blocks)


def test_a_paragraph_typed_and_one_removed_without_tracking(exported):
    doc = edited(exported)
    doc.insert_paragraph_after("Væsentlige risikoelementer", "Risikoen er lav.")
    doc.delete_paragraph("ICMPD er en international")
    changes = returned(doc.save()).changes
    assert {c.kind for c in changes} == {"insert_block", "delete_block"}
    assert all(c.author is None for c in changes)


def test_a_moved_paragraph_is_one_change_in_two_halves(exported):
    doc = edited(exported)
    doc.move_paragraph_after("ICMPD er en international", "Programmet består af to", author=HANS)
    result = returned(doc.save())
    halves = result.changes
    assert {c.kind for c in halves} == {"insert_block", "delete_block"}
    assert len({c.group for c in halves}) == 1 and all(c.move for c in halves)
    draft = result.as_draft()
    moved = accept(draft, halves[0].id)  # accepting one half accepts the move
    assert moved.pending_changes == []
    texts = [getattr(b, "text", "") for b in moved.section("b").blocks]
    assert texts[6].startswith("ICMPD") and texts[7].startswith("IOM")
    assert sum(t.startswith("ICMPD") for t in texts) == 1


def test_a_changed_table_cell_becomes_the_amount(exported):
    doc = edited(exported)
    old = doc.set_cell(0, 1, 1, "60,0", author=HANS)
    change = only(returned(doc.save()).changes)
    assert (change.kind, change.target, change.row) == ("set", "cell:value:0", 0)
    assert (change.old, change.new, change.value) == (old, "60,0", "60.0")
    draft = accept_all(returned(doc.save()).as_draft()).draft
    table = draft.section("b").blocks[10]
    assert isinstance(table, BudgetTable) and table.rows[0].values[0] == Decimal("60.0")


def test_a_total_typed_over_to_match_the_new_amounts_is_no_extra_change(exported):
    doc = edited(exported)
    doc.set_cell(0, 1, 1, "60,0")
    doc.set_cell(0, 3, 1, "110,0")  # 'I alt' updated by hand, and right
    assert [c.kind for c in returned(doc.save()).changes] == ["set"]


def test_a_wrong_total_typed_in_word_is_kept_as_an_unplaced_change(exported):
    doc = edited(exported)
    doc.set_cell(0, 3, 1, "120,0", author=HANS)
    change = only(returned(doc.save()).changes)
    assert change.kind == "unplaced" and "120,0" in change.reason and "100,0" in change.reason


def test_a_table_row_added_in_word(exported):
    doc = edited(exported)
    doc.insert_row(0, 2, ["Reserve", "5,0"], author=CHEF)
    change = only(returned(doc.save()).changes)
    assert (change.kind, change.row, change.cells) == ("insert_row", 2, ["Reserve", "", "5.0"])
    draft = accept_all(returned(doc.save()).as_draft()).draft
    rows = draft.section("b").blocks[10].rows
    assert rows[2].label == "Reserve" and rows[2].values == [Decimal("5.0")]


def test_formatting_only_revisions_are_listed_and_ignored(exported):
    doc = edited(exported)
    doc.format_run("Budget", author=HANS)
    result = returned(doc.save())
    assert result.changes == []
    assert result.formatting and {f.author for f in result.formatting} == {HANS}


def test_comments_with_a_range_a_reply_and_resolved_state(exported, example):
    doc = edited(exported)
    doc.comment(
        "dedikeret pulje",
        "Hvor stor er puljen?",
        author=CHEF,
        replies=[(HANS, "Se tabellen i afsnit 11.")],
        resolved=True,
    )
    doc.comment("Projektbeskrivelse", "Overskrift ok?", author=HANS)
    result = returned(doc.save())
    assert result.changes == []
    first, second = result.comments
    text = example.section("b").blocks[1].text
    assert (first.letter, first.block, first.part) == ("b", 1, "text")
    assert text[first.start : first.end] == first.quote == "dedikeret pulje"
    assert first.author == CHEF and first.resolved
    assert [(r.author, r.text) for r in first.replies] == [(HANS, "Se tabellen i afsnit 11.")]
    assert (second.block, second.quote, second.resolved) == (3, "Projektbeskrivelse", False)


def test_text_outside_every_litra_becomes_an_import_note_once_accepted(exported):
    doc = edited(exported)
    doc.insert_paragraph_after("København, den 12. november 2024.", "Fortroligt.", author=CHEF)
    change = only(returned(doc.save()).changes)
    assert change.kind == "unplaced" and change.letter == "a" and "uden for litra" in change.reason
    draft = accept_all(returned(doc.save()).as_draft()).draft
    assert [n.text for n in draft.import_notes] == ["Fortroligt."]
    assert any(f.rule == "I-01" and "Fortroligt" in f.message for f in check_draft(draft))


def test_litra_f_consent_sentence_edited_in_word_cannot_be_placed(example):
    data = render_docx_bytes(example)
    doc = edited(data)
    doc.replace("tilslutning foreligger", "tilslutning foreligger måske", author=HANS)
    change = only(returned(doc.save()).changes)
    assert change.kind == "unplaced" and "Finansministeriets" in change.reason


def test_a_table_added_in_word_is_kept_as_an_unplaced_change(exported):
    doc = WordDocument(exported)
    table = doc.body.findall(w("tbl"))[0]
    p, _ = doc.find("Tilsagnet på 100,0")
    p.addprevious(copy_element(table))
    change = only(returned(doc.save()).changes)
    assert change.kind == "unplaced" and "tabel" in change.reason
    assert "IOM" in change.new and "ICMPD" in change.new


def test_reject_drops_a_change_and_leaves_the_draft(exported, example):
    doc = edited(exported)
    doc.replace("har der", "havde der", author=HANS)
    draft = returned(doc.save()).as_draft()
    rejected = reject(draft, draft.pending_changes[0].id)
    assert rejected.pending_changes == []
    assert rejected.section("b").blocks[1].text == example.section("b").blocks[1].text


def test_accepting_one_change_moves_the_others_past_it(exported):
    doc = edited(exported)
    doc.replace("Siden 2017", "Fra og med 2017", author=HANS)
    doc.replace("dedikeret pulje", "særlig pulje", author=CHEF)
    draft = returned(doc.save()).as_draft()
    first = next(c for c in draft.pending_changes if c.author == HANS)
    after = accept(draft, first.id)
    second = after.pending_changes[0]
    text = after.section("b").blocks[1].text
    assert text[second.start : second.end] == second.old == "dedikeret"
    done = accept(after, second.id).section("b").blocks[1].text
    assert done.startswith("Fra og med 2017") and "særlig pulje" in done


def test_a_change_whose_text_the_author_edited_since_is_found_again_or_refused(exported):
    from forms.roundtrip.apply import ChangeError

    doc = edited(exported)
    doc.replace("dedikeret pulje", "særlig pulje", author=CHEF)
    draft = returned(doc.save()).as_draft()
    change = draft.pending_changes[0]
    block = draft.section("b").blocks[1]
    block.text = "Indledning. " + block.text  # the author typed before it
    moved = accept(draft, change.id).section("b").blocks[1].text
    assert "særlig pulje" in moved and moved.startswith("Indledning.")
    block.text = block.text.replace("dedikeret pulje", "anden pulje")
    with pytest.raises(ChangeError, match="kan ikke placeres"):
        accept(draft, change.id)


def test_accepting_changes_makes_sign_offs_stale(exported, example):
    from forms.signoff import fingerprint

    doc = edited(exported)
    doc.replace("har der", "havde der", author=HANS)
    draft = returned(doc.save()).as_draft()
    assert fingerprint(draft) == fingerprint(example)  # pending changes are not content
    assert fingerprint(accept_all(draft).draft) != fingerprint(example)
