"""A litra's label in a returned Word file (issue 13).

The layout draws 'd.' on litra d's first paragraph (on the caption line when a
table comes first), so deleting that paragraph, or typing one in front of it,
moves the label. Whatever was typed or tracked there comes back in the litra it
is shown in, as deleted and inserted blocks, and nothing that has a place is
unplaced: every shape in every litra, with a paragraph or a table first.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from exporters.shown import shown_document
from exporters.word import render_docx_bytes
from forms.model import Aktstykke, BudgetTable, Paragraph, Section, SubHeading, TableRow
from forms.roundtrip.returned import read_returned
from forms.roundtrip.review import accept_all
from tests.test_roundtrip_merge import returned_showing, shown
from tests.wordedit import WordDocument, w

LETTERS = "abcdef"
AUTHOR = "Hans Hansen"


def draft(table_first: bool) -> Aktstykke:
    """Litra a–e with three paragraphs each, f (after its consent sentence) with
    two; with `table_first` every litra starts with a table."""
    sections = []
    for letter in LETTERS:
        count = 2 if letter == "f" else 3
        blocks: list = [Paragraph(text=f"{letter}tekst{i} om sagen") for i in range(count)]
        if table_first:
            blocks.insert(0, _table(letter))
        sections.append(Section(letter=letter, blocks=blocks))
    return Aktstykke(ministry="Udenrigsministeriet", minister="Ministeren", sections=sections)


def _table(letter: str) -> BudgetTable:
    return BudgetTable(
        caption=f"Tabel {letter}",
        columns=["2024", "2025"],
        rows=[TableRow(label=f"Post {letter}", values=[Decimal("1.0"), Decimal("2.5")])],
    )


def previous(letter: str) -> str:
    return LETTERS[LETTERS.index(letter) - 1]


def blocks(d: Aktstykke, letter: str) -> list:
    return d.section(letter).blocks


def new(text: str = "nyt afsnit fra Word") -> Paragraph:
    return Paragraph(text=text)


def last_before(base: Aktstykke, letter: str) -> tuple:
    """The deletion of the last block of the litra before."""
    return ("delete_block", previous(letter), len(blocks(base, previous(letter))) - 1)


def end_before(base: Aktstykke, letter: str) -> tuple:
    """An insertion at the end of the litra before."""
    return ("insert_block", previous(letter), len(blocks(base, previous(letter))))


def _first_text(d: Aktstykke, letter: str) -> int:
    """The index of the litra's first paragraph (after a table that comes first)."""
    return next(i for i, b in enumerate(blocks(d, letter)) if not isinstance(b, BudgetTable))


# name → (what the colleague did to the draft, in litra X; the changes that reads as:
# (kind, litra, block) sorted; or None where the litra has no previous one (a))
def _first_deleted_edit_next(d, x):
    del blocks(d, x)[0]
    at = _first_text(d, x)
    blocks(d, x)[at] = Paragraph(text=blocks(d, x)[at].text + " og mere")


def _added_at_start_first_edited(d, x):
    at = _first_text(d, x)
    blocks(d, x)[at] = Paragraph(text=blocks(d, x)[at].text + " og mere")
    blocks(d, x).insert(0, new())


SHAPES = {
    "first deleted": (
        lambda d, x: blocks(d, x).pop(0),
        lambda base, x: [("delete_block", x, 0)],
    ),
    "first two deleted": (
        lambda d, x: blocks(d, x).__delitem__(slice(0, 2)),
        lambda base, x: [("delete_block", x, 0), ("delete_block", x, 1)],
    ),
    "all deleted": (
        lambda d, x: blocks(d, x).clear(),
        lambda base, x: [("delete_block", x, i) for i in range(len(blocks(base, x)))],
    ),
    "first deleted, one added at the end of the litra before": (
        lambda d, x: (blocks(d, x).pop(0), blocks(d, previous(x)).append(new())),
        lambda base, x: sorted([("delete_block", x, 0), end_before(base, x)]),
    ),
    "one added at the start": (
        lambda d, x: blocks(d, x).insert(0, new()),
        lambda base, x: [("insert_block", x, 0)],
    ),
    "two added at the start": (
        lambda d, x: blocks(d, x).__setitem__(slice(0, 0), [new(), new("og et til")]),
        lambda base, x: [("insert_block", x, 0)],
    ),
    "a sub-heading added at the start": (
        lambda d, x: blocks(d, x).insert(0, SubHeading(text="Ny overskrift")),
        lambda base, x: [("insert_block", x, 0)],
    ),
    "one added at the start, the last of the litra before deleted": (
        lambda d, x: (blocks(d, x).insert(0, new()), blocks(d, previous(x)).pop()),
        lambda base, x: sorted([last_before(base, x), ("insert_block", x, 0)]),
    ),
    "one added at the end of the litra before": (
        lambda d, x: blocks(d, previous(x)).append(new()),
        lambda base, x: [end_before(base, x)],
    ),
    "one added after the first": (
        lambda d, x: blocks(d, x).insert(1, new()),
        lambda base, x: [("insert_block", x, 1)],
    ),
    "the last of the litra before and the first deleted": (
        lambda d, x: (blocks(d, x).pop(0), blocks(d, previous(x)).pop()),
        lambda base, x: sorted([last_before(base, x), ("delete_block", x, 0)]),
    ),
    "the last of the litra before moved to the start": (
        lambda d, x: blocks(d, x).insert(0, blocks(d, previous(x)).pop()),
        lambda base, x: sorted([last_before(base, x), ("insert_block", x, 0)]),
    ),
    "first deleted, the next edited": (
        _first_deleted_edit_next,
        lambda base, x: [("delete_block", x, 0), ("edit", x, 1)],
    ),
    "one added at the start, the first edited": (
        _added_at_start_first_edited,
        lambda base, x: [("edit", x, _first_text(base, x)), ("insert_block", x, 0)],
    ),
}
NEEDS_PREVIOUS = {name for name in SHAPES if "before" in name}
PARAGRAPH_FIRST_ONLY = {
    # a paragraph's label kept with new text is the paragraph edited in place;
    # a table first and moved away is test_a_table_first_moved_past_the_label...
    "first replaced": (
        lambda d, x: blocks(d, x).__setitem__(0, new("helt ny tekst i stedet")),
        lambda base, x: [("edit", x, 0)],
    ),
    "first moved to the end of the litra before": (
        lambda d, x: blocks(d, previous(x)).append(blocks(d, x).pop(0)),
        lambda base, x: sorted([("delete_block", x, 0), end_before(base, x)]),
    ),
}

CASES = [
    pytest.param(name, letter, table_first, id=f"{name}-{letter}{'-table' if table_first else ''}")
    for table_first in (False, True)
    for name in (
        [*SHAPES, *PARAGRAPH_FIRST_ONLY] if not table_first else [*SHAPES, "table replaced"]
    )
    for letter in LETTERS
    if not (letter == "a" and (name in NEEDS_PREVIOUS or "before" in name))
]


def _changes(result) -> list[tuple]:
    return sorted(
        (c.kind, c.letter, c.block) for c in result.changes if c.kind != "set" and c.letter
    )


def _assert_comes_back(result, typed: Aktstykke) -> None:
    unplaced = [(c.new, c.reason) for c in result.changes if c.kind == "unplaced"]
    assert unplaced == []
    outcome = accept_all(result.as_draft())
    assert outcome.refused == []
    assert shown(outcome.draft) == shown(typed)  # shows what the file showed


@pytest.mark.parametrize(("name", "letter", "table_first"), CASES)
def test_typed_in_word_at_a_litra_label_comes_back_in_its_litra(name, letter, table_first):
    base = draft(table_first)
    typed = base.model_copy(deep=True)
    if name == "table replaced":
        do, expected = (
            lambda d, x: blocks(d, x).__setitem__(0, new("tekst i stedet for tabellen")),
            lambda base, x: [("delete_block", x, 0), ("insert_block", x, 0)],
        )
    else:
        do, expected = {**SHAPES, **PARAGRAPH_FIRST_ONLY}[name]
    do(typed, letter)
    result = read_returned(returned_showing(typed, base), "retur.docx", shown_document)
    assert _changes(result) == sorted(expected(base, letter))
    _assert_comes_back(result, typed)


@pytest.mark.parametrize("author", [None, AUTHOR])
def test_a_paragraph_typed_above_litra_a_has_no_place(author):
    """Above 'a.' stands only the header line: outside every litra (I-01 on accepting)."""
    base = draft(False)
    doc = WordDocument(render_docx_bytes(base))
    doc.insert_paragraph_after(
        "Udenrigsministeriet. København", "Et afsnit uden litra", author=author
    )
    result = read_returned(doc.save(), "retur.docx", shown_document)
    (change,) = result.changes
    assert change.kind == "unplaced" and change.new == "Et afsnit uden litra"
    assert change.reason == "tekst uden for litra" and change.author == author


# -- tracked in Word ---------------------------------------------------------------------


def _delete_first(doc: WordDocument, base: Aktstykke, letter: str) -> None:
    first = blocks(base, letter)[0]
    if isinstance(first, BudgetTable):
        doc.delete_paragraph(first.caption, author=AUTHOR)
        table = sum(
            isinstance(b, BudgetTable)
            for s in base.sections[: LETTERS.index(letter)]
            for b in s.blocks
        )
        for row in doc.body.findall(w("tbl"))[table].findall(w("tr")):
            properties = row.find(w("trPr"))
            if properties is None:
                properties = row.makeelement(w("trPr"), {})
                row.insert(0, properties)
            properties.append(doc._revision("del", AUTHOR))
            for t in row.iter(w("t")):
                t.tag = w("delText")
    else:
        doc.delete_paragraph(first.text, author=AUTHOR)


def _tracked_first_deleted(doc, base, typed, x):
    _delete_first(doc, base, x)
    del blocks(typed, x)[0]


def _tracked_first_deleted_label_typed_on_next(doc, base, typed, x):
    """The label typed again in front of the paragraph that is now first."""
    _tracked_first_deleted(doc, base, typed, x)
    following = blocks(base, x)[1]
    doc.replace(following.text, f"{x}.\t{following.text}", author=AUTHOR)


def _tracked_added_at_start(doc, base, typed, x):
    """Enter pressed right after the label: the label stays on the new first line."""
    first = blocks(base, x)[_first_text(base, x)]
    doc.insert_paragraph_after(first.text, first.text, author=AUTHOR)
    doc.replace(first.text, "nyt første afsnit", author=AUTHOR)
    blocks(typed, x).insert(_first_text(base, x), new("nyt første afsnit"))


def _tracked_added_at_end_of_previous(doc, base, typed, x):
    last = blocks(base, previous(x))[-1]
    doc.insert_paragraph_after(last.text, "nyt sidste afsnit", author=AUTHOR)
    blocks(typed, previous(x)).append(new("nyt sidste afsnit"))


def _tracked_first_deleted_added_at_end_of_previous(doc, base, typed, x):
    _tracked_added_at_end_of_previous(doc, base, typed, x)
    _tracked_first_deleted(doc, base, typed, x)


TRACKED = {
    "first deleted": _tracked_first_deleted,
    "first deleted, label typed on the next": _tracked_first_deleted_label_typed_on_next,
    "one added at the start": _tracked_added_at_start,
    "one added at the end of the litra before": _tracked_added_at_end_of_previous,
    "first deleted, one added at the end of the litra before": (
        _tracked_first_deleted_added_at_end_of_previous
    ),
}
TRACKED_CASES = [
    pytest.param(name, letter, table_first, id=f"{name}-{letter}{'-table' if table_first else ''}")
    for table_first in (False, True)
    for name in TRACKED
    for letter in LETTERS
    if not (letter == "a" and "before" in name)
    and not (table_first and name == "first deleted, label typed on the next")
]


@pytest.mark.parametrize(("name", "letter", "table_first"), TRACKED_CASES)
def test_tracked_in_word_at_a_litra_label_comes_back_with_its_author(name, letter, table_first):
    base = draft(table_first)
    typed = base.model_copy(deep=True)
    doc = WordDocument(render_docx_bytes(base))
    TRACKED[name](doc, base, typed, letter)
    result = read_returned(doc.save(), "retur.docx", shown_document)
    assert {c.author for c in result.changes} == {AUTHOR}
    assert all(c.kind in ("insert_block", "delete_block") for c in result.changes)
    _assert_comes_back_as_draft(result, typed)


def _assert_comes_back_as_draft(result, typed: Aktstykke) -> None:
    """Tracked: the file may show a label Word left behind; the draft must be `typed`."""
    assert [c for c in result.changes if c.kind == "unplaced"] == []
    outcome = accept_all(result.as_draft())
    assert outcome.refused == []
    assert shown(outcome.draft) == shown(typed)


# -- what has no place stays said ----------------------------------------------------------


def test_a_label_typed_away_alone_cannot_be_placed():
    base = draft(False)
    doc = WordDocument(render_docx_bytes(base))
    p, _ = doc.find("dtekst0")
    for run in p.findall(w("r")):
        if run.find(w("tab")) is not None or run.findtext(w("t")) == "d.":
            p.remove(run)
    result = read_returned(doc.save(), "retur.docx", shown_document)
    (change,) = result.changes
    assert change.kind == "unplaced" and change.letter == "d"
    assert change.reason == "litrabogstavet i litra d sættes af programmet"


@pytest.mark.parametrize("letter", "bcde")
def test_a_table_first_moved_past_the_label_stays_and_says_so(letter):
    """The label taken off a table's caption line and put on the paragraph after
    the table (the table shown in the litra before): a table cannot move by a
    pending change, so it stays in its litra, and the label's move is reported."""
    base = draft(True)
    typed = base.model_copy(deep=True)
    blocks(typed, previous(letter)).append(blocks(typed, letter).pop(0))
    result = read_returned(returned_showing(typed, base), "retur.docx", shown_document)
    (change,) = result.changes
    assert change.kind == "unplaced" and change.letter == letter and change.block == 0
    assert change.reason.endswith(f"tabellen bliver i litra {letter}")
    outcome = accept_all(result.as_draft())
    assert isinstance(blocks(outcome.draft, letter)[0], BudgetTable)
    assert [b.model_dump() for b in blocks(outcome.draft, previous(letter))] == [
        b.model_dump() for b in blocks(base, previous(letter))
    ]


# -- litra f: the consent sentence holds the label ---------------------------------------


def test_the_first_paragraph_typed_in_litra_f_is_the_authors_block_not_the_consent():
    """f's own first block is laid out after the consent sentence, anchored 'litra-f'
    like it; only the consent holds the label, so only it is the program's."""
    base = draft(False)
    pieces = [p for p in shown_document(base).pieces if p.letter == "f"]
    assert [(p.kind, p.block) for p in pieces] == [
        ("consent", None),
        ("paragraph", 0),
        ("paragraph", 1),
    ]
    doc = WordDocument(render_docx_bytes(base))
    doc.replace("ftekst0 om sagen", "ftekst0 om hele sagen", author=AUTHOR)
    (change,) = read_returned(doc.save(), "retur.docx", shown_document).changes
    assert (change.kind, change.letter, change.block, change.new) == ("edit", "f", 0, "hele ")
