"""Danish amounts: parsing, rejection with a reason, formatting, rounding."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms.amounts import (
    AmountError,
    Unit,
    amount_problem,
    format_amount,
    format_in_unit,
    parse_amount,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("100,0", Decimal("100.0")),
        ("1.250,5", Decimal("1250.5")),
        ("-3,2", Decimal("-3.2")),
        ("\u22123,2", Decimal("-3.2")),  # U+2212 minus
        ("\u20133,2", Decimal("-3.2")),  # en dash
        ("1.000.000", Decimal("1000000")),
        ("0", Decimal("0")),
        (" 42,5 ", Decimal("42.5")),
        ("1\u00a0250,5", Decimal("1250.5")),  # NBSP as thousands separator (PDF paste)
    ],
)
def test_parses_danish_numbers(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["-", "\u2212", "\u2013", "", "   "])
def test_lone_dash_or_blank_is_no_amount(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [("1,250.5", "1.250,5"), ("100.0", "100,0"), ("1.25,0", None), ("12,3,4", None)],
)
def test_rejects_non_danish_numbers_with_a_reason(text, suggestion):
    with pytest.raises(AmountError) as info:
        parse_amount(text)
    assert f"»{text}«" in info.value.message
    assert "komma" in info.value.message  # says what was expected
    assert info.value.suggestion == suggestion


@pytest.mark.parametrize(
    "text", ["1e5", "NaN", "Infinity", "halvtreds", "12 mio", "\u0661\u0662", "--5"]
)
def test_rejects_what_is_not_a_number(text):
    with pytest.raises(AmountError):
        parse_amount(text)


def test_formats_in_the_units_convention():
    assert format_amount(Decimal("100"), Unit.MIO) == "100,0\u00a0mio. kr."
    assert format_in_unit(Decimal("1250.5"), Unit.MIO) == "1.250,5"
    assert format_in_unit(Decimal("1250000"), Unit.KR) == "1.250.000"
    assert format_in_unit(Decimal("-2093.8"), Unit.MIA) == "-2.093,8"


def test_rounds_half_up_not_half_even():
    # babel's default would give 0,0 and 0,2; documents round commercially.
    assert format_in_unit(Decimal("0.05"), Unit.MIO) == "0,1"
    assert format_in_unit(Decimal("0.25"), Unit.MIO) == "0,3"
    assert format_in_unit(Decimal("-0.04"), Unit.MIO) == "0,0"  # never "-0,0"


@st.composite
def amounts_in_unit(draw):
    unit = draw(st.sampled_from(list(Unit)))
    scaled = draw(
        st.integers(min_value=-(10**12) * 10**unit.decimals, max_value=10**12 * 10**unit.decimals)
    )
    return unit, Decimal(scaled).scaleb(-unit.decimals)


@settings(max_examples=500)
@given(amounts_in_unit())
def test_format_then_parse_is_identity(case):
    unit, value = case
    assert parse_amount(format_in_unit(value, unit)) == value


@settings(max_examples=300)
@given(
    st.integers(min_value=1, max_value=999),
    st.lists(st.integers(min_value=0, max_value=999), min_size=1, max_size=3),
    st.integers(min_value=0, max_value=99),
)
def test_english_formatted_numbers_are_rejected_never_misread(head, groups, decimals):
    english = f"{head}" + "".join(f",{g:03d}" for g in groups) + f".{decimals}"
    with pytest.raises(AmountError):
        parse_amount(english)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1.000.000.000.000.000", "for stort"),  # 16 digits
        ("1.000.000.000.000.000.000.000.000.000.000,5", "for stort"),  # babel itself failed
        ("1" * 40, "for stort"),
        ("0,00000000001", "for mange decimaler"),
        ("0," + "1" * 40, "for mange decimaler"),
    ],
)
def test_absurd_amounts_are_refused_with_a_reason(text, reason):
    with pytest.raises(AmountError) as info:
        parse_amount(text)
    assert reason in info.value.message
    assert info.value.message.startswith("»")


def test_the_largest_amounts_still_parse():
    assert parse_amount("999.999.999.999.999,9") == Decimal("999999999999999.9")
    assert parse_amount("0,0000000001") == Decimal("0.0000000001")
    assert parse_amount("1,50000000000000000000") == Decimal("1.5")  # trailing zeros count not


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("1E+999999", "for stort"),
        ("1E+15", "for stort"),
        ("-1000000000000000", "for stort"),
        ("1E-999999", "for mange decimaler"),
        ("0.00000000001", "for mange decimaler"),
        ("NaN", "endeligt"),
        ("-Infinity", "endeligt"),
        ("sNaN", "endeligt"),
    ],
)
def test_amount_problem_names_what_can_never_be_an_amount(value, reason):
    assert reason in amount_problem(Decimal(value))


@pytest.mark.parametrize(
    "value", ["999999999999999.9", "-0", "0E+999999", "0E-999999", "1.50000000000000000000"]
)
def test_amount_problem_accepts_what_arithmetic_survives(value):
    assert amount_problem(Decimal(value)) is None
    assert format_in_unit(Decimal(value), Unit.MIO)  # rounds without InvalidOperation


@settings(max_examples=300)
@given(st.text(alphabet="0123456789.,-", min_size=1, max_size=80))
def test_digit_strings_give_a_value_or_amount_error_never_another_exception(text):
    try:
        value = parse_amount(text)
    except AmountError:
        return
    assert value is None or amount_problem(value) is None
