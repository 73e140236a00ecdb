"""Danish amounts: parsing and formatting through babel (da_DK), Decimal only.

Rounding for display is half-up (ROUND_HALF_UP), not babel's default half-even:
Finance Act tables and aktstykker are checked by hand by readers who round
commercially, so 0,05 must show as 0,1, never as 0,0.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from functools import cache

from babel import Locale
from babel.numbers import NumberFormatError, NumberPattern, parse_decimal, parse_pattern

from forms.lazyre import lazy_compile

LOCALE = "da_DK"

# Every minus sign a PDF or Word may hand us: hyphen-minus, U+2212, en dash.
MINUS_SIGNS = "-\u2212\u2013"
# Spaces that may stand as thousands separators in pasted text.
SPACES = " \u00a0\u202f\u2009"

# The largest amount an aktstykke can hold (in any unit) and the most decimals: beyond
# them a value is a typing or file error, and Decimal arithmetic at the default
# precision (28 digits) would fail when the checks and the layout round it.
MAX_INTEGER_DIGITS = 15
MAX_DECIMALS = 10
TOO_LARGE = f"er for stort til at være et beløb (højst {MAX_INTEGER_DIGITS} cifre før kommaet)"
TOO_PRECISE = f"har for mange decimaler til at være et beløb (højst {MAX_DECIMALS})"

# Only ASCII digits with Danish separators get as far as babel: babel itself
# would accept "1e5", "NaN" and Arabic-Indic digits.
_SHAPE = lazy_compile(r"^-?\d[\d.,]*$", re.ASCII)
_SPACE_GROUPS = lazy_compile(r"^-?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:,\d+)?$")


class Unit(StrEnum):
    KR = "kr."
    TKR = "1.000 kr."
    MIO = "mio. kr."
    MIA = "mia. kr."

    @property
    def factor(self) -> Decimal:
        """Kroner per unit: 1, 1.000, 1.000.000 or 1.000.000.000."""
        return _FACTORS[self]

    @property
    def decimals(self) -> int:
        """How many decimals the unit's convention writes (N-01: mio. with one)."""
        return 1 if self in (Unit.MIO, Unit.MIA) else 0

    @property
    def prose(self) -> str:
        """The unit after an amount in running text: 't. kr.' for thousands,
        as aktstykker write it ('86.400 t. kr.'); tables head it '1.000 kr.'."""
        return "t. kr." if self is Unit.TKR else self.value

    @property
    def heading(self) -> str:
        """The unit as written at the head of a table column: 'Mio. kr.'."""
        return self.value[0].upper() + self.value[1:]


_FACTORS = {
    Unit.KR: Decimal(1),
    Unit.TKR: Decimal(1000),
    Unit.MIO: Decimal(1_000_000),
    Unit.MIA: Decimal(1_000_000_000),
}


class AmountError(ValueError):
    """A text that is not a Danish amount; the message is Danish and says why."""

    def __init__(self, text: str, message: str, suggestion: str | None = None):
        super().__init__(message)
        self.text = text
        self.message = message
        self.suggestion = suggestion


def amount_problem(value: Decimal) -> str | None:
    """Why a Decimal can never be an amount in an aktstykke (a Danish phrase), or None.

    Checked without arithmetic, so it is safe on any value a file may hold
    (1E+999999, NaN, a million decimals).
    """
    if not value.is_finite():
        return "skal være et endeligt tal"
    if value.is_zero():
        return None
    if value.adjusted() >= MAX_INTEGER_DIGITS:
        return TOO_LARGE
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # a finite value (checked above)
    if exponent >= -MAX_DECIMALS:  # the usual case: no need to look at the digits
        return None
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    if -(exponent + trailing) > MAX_DECIMALS:
        return TOO_PRECISE
    return None


def normalise_minus(text: str) -> str:
    """Map a leading minus variant (U+2212, en dash) to the ASCII hyphen-minus."""
    stripped = text.strip()
    if stripped and stripped[0] in MINUS_SIGNS:
        return "-" + stripped[1:].lstrip()
    return stripped


def is_no_amount(text: str) -> bool:
    """A lone dash (any minus variant) or an empty cell means 'no amount' (N-03)."""
    stripped = text.strip()
    return stripped == "" or (len(stripped) == 1 and stripped in MINUS_SIGNS)


def parse_amount(text: str) -> Decimal | None:
    """Parse a Danish-formatted number: '1.250,5' -> Decimal('1250.5').

    A lone '-' (or empty text) is 'no amount' and gives None. Anything that is
    not unambiguously Danish ('1,250.5', '100.0', '1.25,0') raises AmountError.
    """
    if is_no_amount(text):
        return None
    candidate = normalise_minus(text)
    if _SPACE_GROUPS.match(candidate):
        # "1 250,5" with (non-breaking) spaces as group separators: rewrite the
        # groups with the locale's own separator before babel sees them.
        head, _, tail = candidate.partition(",")
        groups = re.split(f"[{SPACES}]", head)
        candidate = ".".join(groups) + ("," + tail if tail else "")
    if not _SHAPE.match(candidate):
        raise AmountError(
            text,
            f"»{text.strip()}« er ikke et beløb. Skriv tal på dansk, fx 100,0 eller 1.250,5.",
        )
    whole, _, decimals = candidate.lstrip("-").partition(",")
    if "," not in decimals:  # one decimal comma at most; other shapes are babel's to refuse
        # Checked before babel: its strict check re-formats the number at 28 digits and fails.
        if len(whole.replace(".", "").lstrip("0")) > MAX_INTEGER_DIGITS:
            raise AmountError(text, f"»{_shown(text)}« {TOO_LARGE}.")
        if len(decimals.rstrip("0")) > MAX_DECIMALS:
            raise AmountError(text, f"»{_shown(text)}« {TOO_PRECISE}.")
    try:
        value = parse_decimal(candidate, locale=LOCALE, strict=True)
    except NumberFormatError as exc:
        suggestion = _danish_reading(candidate)
        hint = f" Mente du {suggestion}?" if suggestion else ""
        raise AmountError(
            text,
            f"»{text.strip()}« er ikke skrevet som et dansk beløb: brug komma "
            f"som decimaltegn og punktum mellem tusinder, fx 1.250,5.{hint}",
            suggestion,
        ) from exc
    return value


def _shown(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 40 else f"{text[:20]}…{text[-10:]}"


def _danish_reading(text: str) -> str | None:
    """The Danish form of an English-formatted number, when it is unambiguous.

    '1,250.5' -> '1.250,5'; '100.0' -> '100,0'. None when no reading is safe.
    """
    english = re.fullmatch(r"(-?\d{1,3}(?:,\d{3})*|-?\d+)(?:\.(\d+))?", text)
    if not english or ("," not in text and "." not in text):
        return None
    whole, frac = english.group(1), english.group(2)
    if frac is None and "," in whole:
        return None  # "1,250" could be either; do not guess
    if frac is not None and len(frac) == 3 and "," not in whole:
        return None  # "1.250" is valid Danish already; never reached
    try:
        value = Decimal(whole.replace(",", "") + ("." + frac if frac else ""))
    except InvalidOperation:
        return None
    return format_number(value, decimals=len(frac) if frac else 0)


def quantize(value: Decimal, decimals: int) -> Decimal:
    """Round half-up to the given number of decimals (see the module note)."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(value: Decimal, decimals: int) -> str:
    """'1.250,5' for Decimal('1250.5') with one decimal; half-up rounding."""
    rounded = quantize(value, decimals)
    if rounded == 0:
        rounded = abs(rounded)  # never print "-0,0"
    # babel's own formatting with the pattern and locale parsed once: what
    # format_decimal does, four times faster (a budget table has hundreds of cells).
    text: str = _pattern(decimals).apply(rounded, _locale())
    return text


@cache
def _pattern(decimals: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))


@cache
def _locale() -> Locale:
    return Locale.parse(LOCALE)


def format_in_unit(value: Decimal, unit: Unit) -> str:
    """The number alone in the unit's convention: '100,0' for mio. kr."""
    return format_number(value, unit.decimals)


def format_amount(value: Decimal, unit: Unit) -> str:
    """Number and unit as prose writes them: '100,0 mio. kr.'.

    The space before the unit is non-breaking, so a line never breaks between
    an amount and its unit.
    """
    return f"{format_in_unit(value, unit)}\u00a0{unit.prose}"
