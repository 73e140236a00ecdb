"""The prose scanner: every amount, account, date, percentage and year with its span."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms.amounts import Unit, format_amount
from forms.findings import Severity
from forms.scanner import NBSP, TokenKind, scan
from tests.helpers import SEED


def only(text: str):
    tokens = scan(text)
    assert len(tokens) == 1, tokens
    return tokens[0]


# The malformed forms named in the issue, with the corrected form each must get.
MALFORMED = [
    ("100.0 mio. kr.", "N-01", Severity.ERROR, f"100,0{NBSP}mio. kr."),
    ("1,250.5 mio. kr.", "N-01", Severity.ERROR, f"1.250,5{NBSP}mio. kr."),
    ("100 mio kr", "N-02", Severity.WARNING, f"100,0{NBSP}mio. kr."),
    ("§ 6.321.10", "K-01", Severity.ERROR, "§ 06.32.10"),
    ("12/11/2024", "H-02", Severity.WARNING, "12. november 2024"),
    ("November 12, 2024", "H-02", Severity.ERROR, "12. november 2024"),
]


@pytest.mark.parametrize(("written", "rule", "severity", "corrected"), MALFORMED)
def test_malformed_forms_get_the_corrected_form(written, rule, severity, corrected):
    text = f"Beløbet er {written} ifølge aftalen."
    token = only(text)
    assert text[token.start : token.end] == written
    assert token.malformed
    assert token.corrected == corrected
    assert any(i.rule == rule and i.severity is severity for i in token.issues)
    assert token.problem


def test_100_mio_kr_also_lacks_the_decimal():
    token = only("100 mio kr")
    assert {(i.rule, i.severity) for i in token.issues} == {
        ("N-01", Severity.WARNING),
        ("N-02", Severity.WARNING),
    }
    assert token.value == Decimal(100)
    assert token.unit is Unit.MIO


def test_well_formed_amounts_are_clean_and_parsed():
    tokens = scan("på 100,0 mio. kr., 1.250,5 mio. kr., 2,5 mia. kr. og 1.234.567 kr.")
    assert [t.kind for t in tokens] == [TokenKind.AMOUNT] * 4
    assert not any(t.malformed for t in tokens)
    assert [t.value for t in tokens] == [
        Decimal("100.0"),
        Decimal("1250.5"),
        Decimal("2.5"),
        Decimal(1234567),
    ]
    assert tokens[0].value_kr == Decimal(100_000_000)
    assert tokens[2].value_kr == Decimal(2_500_000_000)


def test_babel_formatted_amounts_scan_back_clean():
    text = f"Tilskuddet er {format_amount(Decimal('4.8'), Unit.MIO)} i alt."
    token = only(text)
    assert not token.malformed
    assert token.value == Decimal("4.8")


def test_pdf_line_breaks_are_tolerated():
    text = (
        "afholdt af den opførte bevilling under § \n06.32.10. Nærområde og samlet 430,0 \nmio. kr."
    )
    account, amount = scan(text)
    assert account.kind is TokenKind.ACCOUNT and account.groups == ("06", "32", "10")
    assert amount.kind is TokenKind.AMOUNT and amount.value == Decimal("430.0")
    assert not account.malformed and not amount.malformed


def test_the_seed_as_documented_in_domain_section_7():
    tokens = scan(SEED.read_text("utf-8"))
    amounts = [t.value for t in tokens if t.kind is TokenKind.AMOUNT]
    accounts = sorted(".".join(t.groups) for t in tokens if t.kind is TokenKind.ACCOUNT)
    dates = [t.value for t in tokens if t.kind is TokenKind.DATE]
    assert sorted(amounts) == sorted([Decimal("100.0")] * 4 + [Decimal("430.0"), Decimal("43.0")])
    assert accounts == ["06.32.10", "06.32.10", "06.32.10.13", "6.3"]
    assert dates == [dt.date(2024, 11, 12)] * 2
    assert not [t for t in tokens if t.malformed]


def test_years_and_ranges():
    tokens = scan("i perioden 2024-2027 (2024-pl) og verdensmål 10")
    assert [(t.kind, t.value) for t in tokens] == [
        (TokenKind.YEAR, 2024),
        (TokenKind.YEAR, 2027),
        (TokenKind.YEAR, 2024),
    ]


def test_year_written_as_an_amount_only_in_a_years_context():
    token = only("Projektet afsluttes i 2.024 efter planen.")
    assert token.kind is TokenKind.YEAR and token.value == 2024
    assert token.issues[0].rule == "N-05" and token.corrected == "2024"
    assert scan("Der er 2.024 ansøgere.") == []


def test_a_range_is_not_a_negative_amount():
    token = only("mellem 50-60 mio. kr.")
    assert token.value == Decimal(60)
    assert "N-03" not in {i.rule for i in token.issues}


def test_negative_amount_in_prose():
    token = only("en ændring på -2,0 mio. kr.")
    assert token.value == Decimal("-2.0")
    assert [i.rule for i in token.issues] == ["N-03"]


def test_more_than_one_decimal_is_rounded_half_up():
    token = only("i alt 12,25 mio. kr.")
    assert token.corrected == f"12,3{NBSP}mio. kr."
    assert token.issues[0].severity is Severity.WARNING


def test_ambiguous_three_decimals_gets_no_guess():
    token = only("i alt 1,250 mio. kr.")
    assert token.corrected is None
    assert "1.250,0" in token.issues[0].message


def test_missing_thousands_separator():
    token = only("en bevilling på 1250000 kr.")
    assert token.corrected == f"1.250.000{NBSP}kr."


def test_number_that_is_no_number():
    token = only("ca. 1.25,0 mio. kr.")
    assert token.issues[0].rule == "N-01" and token.issues[0].severity is Severity.ERROR
    assert token.corrected is None and token.value is None


def test_percent():
    clean, sign = scan("10 pct. og 15 %")
    assert not clean.malformed and clean.value == Decimal(10)
    assert sign.issues[0].rule == "N-06" and sign.corrected == "15 pct."


@pytest.mark.parametrize(
    ("written", "severity", "corrected"),
    [
        ("05. november 2024", Severity.WARNING, "5. november 2024"),
        ("12 November 2024", Severity.WARNING, "12. november 2024"),
        ("12.11.2024", Severity.WARNING, "12. november 2024"),
        ("2024-11-12", Severity.WARNING, "12. november 2024"),
        ("11/25/2024", Severity.ERROR, "25. november 2024"),
        ("12 October 2024", Severity.ERROR, "12. oktober 2024"),
        ("Nov. 3rd 2024", Severity.ERROR, "3. november 2024"),
        ("31. februar 2024", Severity.ERROR, None),
    ],
)
def test_dates(written, severity, corrected):
    token = only(f"Aftalen af {written} gælder.")
    assert token.kind is TokenKind.DATE
    assert token.issues[0].rule == "H-02" and token.issues[0].severity is severity
    assert token.corrected == corrected


def test_a_correct_danish_date():
    token = only("den 12. november 2024")
    assert token.value == dt.date(2024, 11, 12) and not token.malformed


@pytest.mark.parametrize(
    ("written", "severity", "corrected"),
    [
        ("§ 6.32.10", Severity.WARNING, "§ 06.32.10"),
        ("§ 06.32.10.13.1", Severity.ERROR, None),
        ("§ 06.3.10", Severity.ERROR, None),
        ("§ 06.3210.", Severity.ERROR, "§ 06.32.10."),
    ],
)
def test_account_forms(written, severity, corrected):
    token = only(f"under {written} i øvrigt")
    assert token.issues[0].rule == "K-01" and token.issues[0].severity is severity
    assert token.corrected == corrected


@pytest.mark.parametrize("written", ["§ 6", "§ 6.3.", "§ 6.32", "§ 06.32.10.", "§ 06.32.10.13."])
def test_short_and_full_accounts_are_legal(written):
    token = only(f"under {written} Bistand")
    assert not token.malformed
    assert token.paragraf == 6


def test_hovedkonto_of_a_reference():
    token = only("§ 06.32.10.13.")
    assert token.hovedkonto == "06.32.10" and token.levels == 4


_PROSE = st.text(
    alphabet=st.sampled_from(list("0123456789 .,-–§%/\nabcdemiokr.JNovember pctå")), max_size=80
)


@settings(max_examples=300, deadline=None)
@given(_PROSE)
def test_scan_never_raises_and_spans_match(text):
    tokens = scan(text)
    previous_end = 0
    for token in tokens:
        assert text[token.start : token.end] == token.text
        assert token.start >= previous_end
        previous_end = token.end


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=0, max_value=10**9, places=1, allow_nan=False, allow_infinity=False),
    st.sampled_from([Unit.MIO, Unit.MIA]),
)
def test_babel_formatted_amounts_round_trip(value, unit):
    token = only(f"i alt {format_amount(value, unit)} til projektet")
    assert not token.malformed
    assert token.value == value and token.unit is unit
