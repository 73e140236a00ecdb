"""The findings' messages read as Danish sentences: an amount that ends in "kr." is
never followed by a second period ("45,0 mio. kr.." was seen in TAB-04 and N-01)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from forms.checks import check_draft
from tests.checks_helpers import add_paragraph, example, main_table, set_text

DOUBLED = re.compile(r"(?<!\.)\.\.(?!\.)")


def _a_with_other_amount(draft):
    set_text(
        draft,
        "a",
        "Udenrigsministeriet anmoder om tilslutning til at afgive tilsagn om 45,00 mio. kr. "
        "under § 6.32.10 i 2024",
    )


def _table_off_by_one(draft):
    _index, table = main_table(draft)
    table.rows[0].values[0] = Decimal("61.0")


def _b_with_written_amounts(draft):
    add_paragraph(
        draft,
        "b",
        "Der er afsat 45,00 mio. kr. og 1.000 kr. og -5,0 mio. kr. til § 6.32.10.13 "
        "den 3/4 2024, 2.024.",
    )


def _e_with_other_amount(draft):
    set_text(
        draft, "e", "Der søges om tilslutning til tilsagn om 99,0 mio. kr. under § 06.32.10.13."
    )


@pytest.mark.parametrize(
    "change",
    [_a_with_other_amount, _table_off_by_one, _b_with_written_amounts, _e_with_other_amount],
)
def test_no_message_ends_an_amount_with_a_doubled_period(change):
    draft = example()
    change(draft)
    findings = check_draft(draft)
    assert findings, "the change gives findings to read"
    for finding in findings:
        for text in (finding.message, finding.suggestion or ""):
            assert not DOUBLED.search(text), (finding.rule, text)


def test_tab04_names_the_amount_of_a_once():
    draft = example()
    _a_with_other_amount(draft)
    [finding] = [f for f in check_draft(draft) if f.rule == "TAB-04"]
    assert "litra a nævner 45,00 mio. kr. Beløbet i a" in finding.message
