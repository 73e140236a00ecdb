"""The three-way merge of a returned Word file into the current draft (issue 13):
hypothesis properties on generated drafts, conflicts, and several copies."""

from __future__ import annotations

import random
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from exporters.shown import shown_document
from exporters.word import render_docx_bytes
from forms.model import Aktstykke, BudgetTable, Paragraph, Section, SubHeading, TableRow
from forms.roundtrip.diff import diff_drafts
from forms.roundtrip.merge import merge
from forms.roundtrip.returned import read_returned
from forms.roundtrip.review import accept, accept_all, reject
from tests.roundtrip_helpers import returned_showing, shown
from tests.wordedit import WordDocument

SHARED = " ".join(f"ord{i}" for i in range(12))
"""A paragraph both sides edit, at words far apart."""


def content(draft: Aktstykke):
    return (
        draft.ministry,
        draft.minister,
        draft.date,
        [(s.letter, [b.model_dump() for b in s.blocks]) for s in draft.sections],
    )


def with_pending(draft: Aktstykke, changes) -> Aktstykke:
    copy = draft.model_copy(deep=True)
    copy.pending_changes = list(changes)
    return copy


@st.composite
def bases(draw) -> Aktstykke:
    counter = iter(range(10_000))
    sections = [Section(letter="a", blocks=[Paragraph(text=SHARED)])]
    for letter in draw(st.sampled_from(["bc", "bcd", "bcde", "b"])):
        blocks = []
        for _ in range(draw(st.integers(1, 6))):
            words = " ".join(f"w{next(counter)}" for _ in range(draw(st.integers(2, 6))))
            kind = draw(st.sampled_from([Paragraph, Paragraph, SubHeading]))
            blocks.append(kind(text=words))
        sections.append(Section(letter=letter, blocks=blocks))
    table = BudgetTable(
        caption="Tabel 1",
        columns=["2024", "2025"],
        rows=[
            TableRow(label="Søjle A", values=[Decimal("1.0"), Decimal("2.0")]),
            TableRow(label="Søjle B", values=[Decimal("3.0"), None]),
        ],
    )
    sections[1].blocks.append(table)
    return Aktstykke(ministry="Udenrigsministeriet", minister="Ministeren", sections=sections)


@st.composite
def sides(draw, base: Aktstykke, parity: int, tag: str) -> Aktstykke:
    """One side's edits: only blocks whose index has this parity (so the two
    sides never overlap), the shared paragraph at its own word, one table cell,
    one header field."""
    draft = base.model_copy(deep=True)
    words = SHARED.split()
    words[1 if parity == 0 else 7] = f"ny{tag}"
    draft.sections[0].blocks[0].text = " ".join(words)
    if parity == 0:
        draft.ministry = draw(st.sampled_from(["Skatteministeriet", "Udenrigsministeriet"]))
    else:
        draft.minister = draw(st.sampled_from(["Ny minister", "Ministeren"]))
    for section in draft.sections[1:]:
        original = list(section.blocks)
        out = []
        for index, block in enumerate(original):
            action = "keep"
            if index % 2 == parity and not isinstance(block, BudgetTable):
                action = draw(st.sampled_from(["keep", "word", "delete", "insert"]))
            if action == "delete":
                continue
            if action == "word":
                block = block.model_copy(update={"text": block.text.split()[0] + f" ret{tag}"})
            out.append(block)
            if action == "insert":
                out.append(Paragraph(text=f"indsat{tag}{index}{section.letter}"))
        section.blocks = out
    table = draft.sections[1].blocks[-1]
    assert isinstance(table, BudgetTable)
    if parity == 0:
        table.rows[0].values[1] = Decimal(draw(st.sampled_from(["2.0", "9.5"])))
    else:
        table.rows[1].label = draw(st.sampled_from(["Søjle B", "Søjle C"]))
    return draft


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_the_changes_between_two_drafts_give_the_second_when_accepted(data):
    base = data.draw(bases())
    other = data.draw(sides(base, data.draw(st.sampled_from([0, 1])), "x"))
    changes = diff_drafts(base, other)
    outcome = accept_all(with_pending(base, changes))
    assert outcome.refused == []
    assert content(outcome.draft) == content(other)


@settings(max_examples=40, deadline=None)
@given(bases())
def test_merging_with_no_change_on_either_side_is_the_identity(base):
    assert merge(base, base, []).changes == []
    assert diff_drafts(base, base) == []


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_merging_with_no_change_on_one_side_gives_the_other(data):
    base = data.draw(bases())
    theirs = data.draw(sides(base, 0, "t"))
    ours = data.draw(sides(base, 1, "o"))
    nothing_from_them = merge(base, ours, [])
    assert nothing_from_them.changes == []
    merged = merge(base, base, diff_drafts(base, theirs))
    assert merged.conflicts == []
    assert content(accept_all(with_pending(base, merged.changes)).draft) == content(theirs)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_non_overlapping_edits_commute(data):
    base = data.draw(bases())
    a = data.draw(sides(base, 0, "a"))
    b = data.draw(sides(base, 1, "b"))
    a_then_b = merge(base, a, diff_drafts(base, b))
    b_then_a = merge(base, b, diff_drafts(base, a))
    assert a_then_b.conflicts == [] and b_then_a.conflicts == []
    one = accept_all(with_pending(a, a_then_b.changes))
    two = accept_all(with_pending(b, b_then_a.changes))
    assert one.refused == [] and two.refused == []
    assert content(one.draft) == content(two.draft)


def _base() -> Aktstykke:
    return Aktstykke(
        ministry="Udenrigsministeriet",
        sections=[
            Section(letter="a", blocks=[Paragraph(text="Ministeriet søger om 100,0 mio. kr.")]),
            Section(
                letter="b", blocks=[Paragraph(text="Baggrunden er kendt."), Paragraph(text="Mere.")]
            ),
        ],
    )


def test_overlapping_edits_are_a_conflict_shown_side_by_side():
    base = _base()
    ours = base.model_copy(deep=True)
    ours.sections[0].blocks[0].text = "Ministeriet søger om 120,0 mio. kr."
    theirs = base.model_copy(deep=True)
    theirs.sections[0].blocks[0].text = "Ministeriet søger om 110,0 mio. kr."
    merged = merge(base, ours, diff_drafts(base, theirs))
    (conflict,) = merged.changes
    assert conflict.conflict and conflict.ours == "120" and conflict.new == "110"
    draft = with_pending(ours, merged.changes)
    assert accept(draft, conflict.id).sections[0].blocks[0].text.endswith("110,0 mio. kr.")
    assert reject(draft, conflict.id).sections[0].blocks[0].text.endswith("120,0 mio. kr.")


def test_an_edit_of_a_paragraph_the_draft_deleted_since_is_a_conflict_that_can_restore_it():
    base = _base()
    ours = base.model_copy(deep=True)
    del ours.sections[1].blocks[0]
    theirs = base.model_copy(deep=True)
    theirs.sections[1].blocks[0].text = "Baggrunden er velkendt."
    (conflict,) = merge(base, ours, diff_drafts(base, theirs)).changes
    assert conflict.conflict and conflict.kind == "insert_block"
    restored = accept(with_pending(ours, [conflict]), conflict.id)
    assert [b.text for b in restored.sections[1].blocks] == ["Baggrunden er velkendt.", "Mere."]


def test_the_same_change_on_both_sides_is_not_repeated():
    base = _base()
    ours = base.model_copy(deep=True)
    ours.sections[1].blocks[1].text = "Mere herom."
    merged = merge(base, ours, diff_drafts(base, ours))
    assert merged.changes == [] and merged.repeated == 1


def test_edits_since_the_export_shift_the_returned_changes():
    base = _base()
    ours = base.model_copy(deep=True)
    ours.sections[1].blocks.insert(0, Paragraph(text="Nyt første afsnit."))
    ours.sections[1].blocks[1].text = "Indledning. Baggrunden er kendt."
    theirs = base.model_copy(deep=True)
    theirs.sections[1].blocks[0].text = "Baggrunden er velkendt."
    (change,) = merge(base, ours, diff_drafts(base, theirs)).changes
    assert not change.conflict and change.block == 1
    result = accept(with_pending(ours, [change]), change.id)
    assert result.sections[1].blocks[1].text == "Indledning. Baggrunden er velkendt."


# -- several colleagues' copies of the same export -----------------------------------------


def test_two_colleagues_copies_one_after_the_other(example):
    data = render_docx_bytes(example)
    first = WordDocument(data)
    first.scatter(random.Random(4))
    first.replace("har der", "havde der", author="Hans")
    first.replace("Baggrund", "Baggrunden", author="Hans")
    second = WordDocument(data)
    second.scatter(random.Random(5))
    second.replace("Baggrund", "Baggrunden", author="Karen")  # the same fix
    second.replace("har der", "var der", author="Karen")  # a competing one
    second.replace("IOM er FN’s", "IOM er FN's", author="Karen")  # a change of her own
    one = read_returned(first.save(), "hans.docx", shown_document)
    draft = one.as_draft()
    two = read_returned(second.save(), "karen.docx", shown_document)
    merged_draft, merged = two.merge_into(draft)
    assert merged.repeated == 1
    by_source = {(c.source, c.new, c.conflict) for c in merged_draft.pending_changes}
    assert ("hans.docx", "havde", False) in by_source
    assert ("karen.docx", "var", True) in by_source
    assert ("karen.docx", "'", False) in by_source
    outcome = accept_all(merged_draft)
    text = outcome.draft.section("b").blocks[1].text
    assert text.startswith("Siden 2017 havde der")
    assert [c.source for c in outcome.draft.pending_changes] == ["karen.docx"]  # the conflict


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_whatever_was_typed_in_word_comes_back_when_accepted(data):
    base = data.draw(bases())
    typed = data.draw(sides(base, data.draw(st.sampled_from([0, 1])), "w"))
    result = read_returned(returned_showing(typed, base), "retur.docx", shown_document)
    assert all(c.kind != "unplaced" for c in result.changes), result.changes
    outcome = accept_all(result.as_draft())
    assert outcome.refused == []
    assert shown(outcome.draft) == shown(typed)  # the draft now shows what the file showed


def test_litra_d_first_paragraph_deleted_and_one_added_at_the_end_of_c_typed_in_word():
    """The property's first failing example: the label 'd.' now hangs on d's second
    paragraph, and the new paragraph stands just above it."""
    base = Aktstykke(
        ministry="Udenrigsministeriet",
        minister="Ministeren",
        sections=[
            Section(letter="a", blocks=[Paragraph(text=SHARED)]),
            Section(letter="b", blocks=[Paragraph(text="w0 w1"), Paragraph(text="w2 w3")]),
            Section(letter="c", blocks=[Paragraph(text=f"w{i} w{i + 1}") for i in (10, 12, 14)]),
            Section(letter="d", blocks=[Paragraph(text="w16 w17"), Paragraph(text="w18 w19")]),
            Section(letter="e", blocks=[Paragraph(text="w20 w21")]),
        ],
    )
    typed = base.model_copy(deep=True)
    typed.ministry = "Skatteministeriet"
    typed.section("c").blocks.append(Paragraph(text="indsatw2c"))
    del typed.section("d").blocks[0]
    result = read_returned(returned_showing(typed, base), "retur.docx", shown_document)
    assert sorted((c.kind, c.letter, c.block, c.new) for c in result.changes if c.letter) == [
        ("delete_block", "d", 0, ""),
        ("insert_block", "c", 3, "indsatw2c"),
    ]
    outcome = accept_all(result.as_draft())
    assert outcome.refused == [] and content(outcome.draft) == content(typed)
