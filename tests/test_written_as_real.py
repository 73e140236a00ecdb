"""Aktstykker as they are written (issue 15 point 10): amounts in t. kr., the
account lines of a tillægsbevilling in litra e."""

from __future__ import annotations

from decimal import Decimal

from forms.amounts import Unit, format_amount
from forms.checks import check_draft
from forms.scanner import TokenKind, scan
from tests.checks_helpers import example, none_of, set_text

A_REQUEST = "Udenrigsministeriet anmoder hermed om Finansudvalgets tilslutning til"
A_ACCOUNT = "§ 06.32.10. Nærområde- og migrationsfond."


def _amounts(text):
    return [t for t in scan(text) if t.kind is TokenKind.AMOUNT]


def test_thousands_of_kroner_in_prose():
    [token] = _amounts("et tilskud på 86.400 t. kr. i 2025")
    assert token.value == Decimal(86400)
    assert token.unit is Unit.TKR
    assert token.value_kr == Decimal(86_400_000)
    assert not token.malformed


def test_thousands_written_otherwise_are_corrected_to_t_kr():
    for written in ("86.400 tkr", "86.400 t.kr.", "86.400 tusind kroner"):
        [token] = _amounts(f"et tilskud på {written} i 2025")
        assert token.value_kr == Decimal(86_400_000), written
        assert token.corrected == "86.400\u00a0t. kr.", written


def test_kroner_with_thousands_separators():
    [token] = _amounts("udgiften er 86.400.000 kr. i alt")
    assert token.value_kr == Decimal(86_400_000)
    assert not token.malformed


def test_prose_form_of_thousands():
    assert format_amount(Decimal(86400), Unit.TKR) == "86.400\u00a0t. kr."


def test_litra_a_in_t_kr_names_its_amount():
    draft = set_text(
        example(), "a", f"{A_REQUEST} at give et tilskud på 86.400 t. kr. under {A_ACCOUNT}"
    )
    none_of(draft, "A-03")
    none_of(draft, "N-01")
    none_of(draft, "N-02")


def test_litra_a_in_kroner_names_its_amount():
    draft = set_text(
        example(), "a", f"{A_REQUEST} at give et tilskud på 86.400.000 kr. under {A_ACCOUNT}"
    )
    none_of(draft, "A-03")


def test_tillaegsbevilling_account_lines_are_not_running_text():
    lines = [
        "§ 12.11.01. Departementet: -212,5 mio. kr.",
        "§ 12.21.01. Styrelsen: 212,5 mio. kr.",
    ]
    for line in lines:
        assert all(not t.malformed for t in _amounts(line)), line
    draft = example()
    from forms.model import Paragraph

    section = draft.section("e")
    section.blocks = [*section.blocks, *(Paragraph(text=line) for line in lines)]
    assert not [f for f in check_draft(draft) if f.rule == "N-03"]


def test_negative_amount_in_a_sentence_is_still_n03():
    draft = set_text(
        example(), "b", "Der er en merudgift: -5,0 mio. kr. på kontoen, som dækkes andetsteds."
    )
    assert [f for f in check_draft(draft) if f.rule == "N-03"]
