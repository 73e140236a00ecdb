"""Findings that carry their exact correction (Finding.replacement) and what applying
one changes (forms.suggestions), without Qt (issue 15 point 2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from forms.checks import check_draft
from forms.findings import Finding
from forms.model import Aktstykke, Paragraph
from forms.suggestions import (
    NONE,
    STALE,
    CellChange,
    FieldChange,
    Refusal,
    TextChange,
    can_apply,
    plan,
)
from tests.checks_helpers import add_paragraph, example, main_table, section


def at_block(draft: Aktstykke, letter: str, block: int) -> list[Finding]:
    return [
        f for f in check_draft(draft) if f.location.letter == letter and f.location.block == block
    ]


def apply_text(draft: Aktstykke, change: TextChange) -> None:
    block = section(draft, change.letter).blocks[change.block]
    assert isinstance(block, Paragraph)
    block.text = change.text


# (text written, rule, what the text becomes with the suggestion)
CORRECTIONS = [
    ("Der er afsat 45,00 mio. kr. til projektet.", "N-01", "45,0\u00a0mio. kr."),
    ("Beløbet er 1,250.5 mio. kr.", "N-01", "1.250,5\u00a0mio. kr."),
    ("Der er 12000 kr. til overs.", "N-01", "12.000\u00a0kr."),
    ("Der er afsat 45,0 mio.kr. i alt.", "N-02", "45,0\u00a0mio. kr."),
    ("I 2.024 var det anderledes.", "N-05", "I 2024 var"),
    ("Renten er 5 % om året.", "N-06", "5 pct."),
    ("Den 3. November 2024 skete det.", "H-02", "3. november 2024"),
    ("Kontoen § 6.32.10 bruges.", "K-01", "§ 06.32.10"),
]


@pytest.mark.parametrize(("written", "rule", "expected"), CORRECTIONS)
def test_a_scanner_finding_carries_its_correction_and_applying_it_removes_it(
    written, rule, expected
):
    draft = example()
    index = add_paragraph(draft, "b", written)
    findings = check_draft(draft)
    found = next(
        f
        for f in findings
        if f.rule == rule and f.location.letter == "b" and f.location.block == index
    )
    assert found.replacement is not None and found.replacement == found.suggestion
    change = plan(draft, found, findings)
    assert isinstance(change, TextChange)
    assert expected in change.text
    assert change.text[change.start : change.end] == found.replacement
    apply_text(draft, change)
    assert not [f for f in at_block(draft, "b", index) if f.rule == rule]


def test_n07_replacement_is_the_first_spelling():
    draft = example()
    # a writes "100,0 mio. kr."; here the same amount in kroner.
    index = add_paragraph(draft, "b", "Det samlede tilsagn er 100.000.000 kr. i alt.")
    findings = check_draft(draft)
    found = next(f for f in findings if f.rule == "N-07" and f.location.block == index)
    assert found.replacement == "100,0 mio. kr."
    change = plan(draft, found, findings)
    assert isinstance(change, TextChange)
    apply_text(draft, change)
    assert not [f for f in at_block(draft, "b", index) if f.rule == "N-07"]


def test_n03_negative_amount_has_no_replacement():
    draft = example()
    index = add_paragraph(draft, "b", "Det giver -5,0 mio. kr. i 2025.")
    findings = check_draft(draft)
    found = next(f for f in findings if f.rule == "N-03" and f.location.block == index)
    assert found.replacement is None and not can_apply(found)
    assert plan(draft, found, findings) == Refusal(NONE)


def test_a07_subaccount_in_a_is_replaced_by_its_hovedkonto():
    draft = example()
    index = add_paragraph(draft, "a", "Midlerne står på § 06.32.10.13.")
    findings = check_draft(draft)
    found = next(f for f in findings if f.rule == "A-07" and f.location.block == index)
    assert found.replacement == "§ 06.32.10."
    change = plan(draft, found, findings)
    assert isinstance(change, TextChange)
    assert change.text == "Midlerne står på § 06.32.10."


def test_in01_refused_cell_value_gets_a_cell_change():
    draft = example()
    letter_index, table = main_table(draft)
    table.rows[0].values[0] = None
    table.rows[0].raw_values[0] = "1,250.5"
    findings = check_draft(draft)
    found = next(f for f in findings if f.rule == "IN-01")
    assert found.location.row == 0 and found.location.column == 0
    assert found.replacement == "1.250,5"
    change = plan(draft, found, findings)
    assert change == CellChange("b", letter_index, 0, 0, Decimal("1250.5"))


def test_a_finding_no_longer_current_is_refused():
    draft = example()
    index = add_paragraph(draft, "b", "Der er afsat 45,00 mio. kr. til projektet.")
    findings = check_draft(draft)
    found = next(f for f in findings if f.rule == "N-01" and f.location.block == index)
    # The author edits before applying: the span now covers other characters.
    section(draft, "b").blocks[index] = Paragraph(text="Nu: der er afsat 45,00 mio. kr.")
    assert plan(draft, found, check_draft(draft)) == Refusal(STALE)
    # Against findings that still hold it but a block that is gone: refused too.
    del section(draft, "b").blocks[index]
    assert plan(draft, found, findings) == Refusal(STALE)


def test_a_finding_without_replacement_is_refused_and_not_offered():
    draft = example()
    section(draft, "a").blocks.insert(0, Paragraph(text=""))
    findings = check_draft(draft)
    found = next(f for f in findings if f.rule == "S-08")
    assert found.replacement is None and not can_apply(found)
    assert plan(draft, found, findings) == Refusal(NONE)


def test_header_fields_take_their_correction():
    draft = example()
    draft.ministry = "Udenrigsministeriet."
    findings = check_draft(draft)
    found = next(f for f in findings if f.rule == "H-01")
    assert found.replacement == "Udenrigsministeriet"
    assert plan(draft, found, findings) == FieldChange("ministry", "Udenrigsministeriet")


def test_in01_refused_date_in_the_header_gets_the_date():
    draft = example()
    draft.date = None
    draft.raw_fields["date"] = "11/13/2024"  # month first, as in English
    findings = check_draft(draft)
    found = next(f for f in findings if f.rule == "IN-01")
    assert found.replacement == "13. november 2024"
    assert plan(draft, found, findings) == FieldChange("date", dt.date(2024, 11, 13))


def test_the_suggestion_in_the_message_ends_in_one_period():
    draft = example()
    index = add_paragraph(draft, "b", "Der er afsat 45,00 mio. kr. til projektet.")
    found = next(f for f in at_block(draft, "b", index) if f.rule == "N-01")
    assert found.message.endswith("med én decimal: 45,0 mio. kr.")
