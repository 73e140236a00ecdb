"""What the author types into a field that must be read (an amount, a date).

Typed input is never thrown away: a text that cannot be read is kept beside
the value as typed (TableRow.raw_values, Aktstykke.raw_fields), the value is
None meanwhile, and rule IN-01 reports it with the reason and, when one reading
is safe, a suggestion. This module reads the texts and says why one cannot be
read; the editor and the rule use the same words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from forms.amounts import AmountError, format_number, parse_amount
from forms.dates import english_month_numbers, format_long_date, month_names
from forms.lazyre import lazy_compile

FIRST_YEAR, LAST_YEAR = 1900, 2100
"""Years a date field accepts, as the editor's date fields always did."""

DATE_EXAMPLE = "fx 12. november 2024 eller 12.11.2024"

_SPACES = lazy_compile(r"[\s\u00a0\u202f\u2009]+")
_MONTHS = {name: number for number, name in month_names().items()}
_ABBREVIATIONS = {name[:3]: number for name, number in _MONTHS.items()} | {"sept": 9}
_ENGLISH_MONTHS = english_month_numbers()
_DAY_MONTH_YEAR = lazy_compile(r"(\d{1,2})\.?\s*([^\W\d_]+)\.?\s*(\d{2,4})")
_MONTH_DAY_YEAR = lazy_compile(r"([^\W\d_]+)\.?\s*(\d{1,2}),?\s*(\d{4})")
# (matched against the text as typed; month names are looked up in lower case)
_NUMERIC = lazy_compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{2,4})")
_ISO = lazy_compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class DateInputError(ValueError):
    """A text that is not a date; the message is Danish and says why."""

    def __init__(self, text: str, message: str, suggestion: str | None = None):
        super().__init__(message)
        self.text = text
        self.message = message
        self.suggestion = suggestion


def parse_date(text: str) -> dt.date | None:
    """A Danish date: '12. november 2024', '12. nov. 2024', '12.11.2024',
    '12-11-2024' or '2024-11-12'. Empty text is no date (None).

    Anything else raises DateInputError with the reason, and a suggestion when
    one reading is safe ('November 12, 2024' -> '12. november 2024')."""
    clean = _SPACES.sub(" ", text).strip()
    if not clean:
        return None
    if match := _ISO.fullmatch(clean):
        iso_year, iso_month, iso_day = (int(part) for part in match.groups())
        return _date(clean, iso_year, iso_month, iso_day)
    if match := _NUMERIC.fullmatch(clean):
        day, _separator, month, year = match.groups()
        return _date(clean, _year(clean, year, int(month), int(day)), int(month), int(day))
    if match := _DAY_MONTH_YEAR.fullmatch(clean):
        day, name, year = match.groups()
        month = _month(clean, name, int(day), year)
        return _date(clean, _year(clean, year, month, int(day)), month, int(day))
    if match := _MONTH_DAY_YEAR.fullmatch(clean):
        name, day, year = match.groups()
        name = name.lower()
        known = _MONTHS.get(name) or _ABBREVIATIONS.get(name) or _ENGLISH_MONTHS.get(name)
        suggestion = _suggest(int(year), known, int(day)) if known else None
        raise DateInputError(
            clean,
            f"»{clean}« er ikke skrevet som en dansk dato: dagen står først, {DATE_EXAMPLE}.",
            suggestion,
        )
    raise DateInputError(
        clean, f"»{clean}« er ikke en dato. Skriv datoen på dansk, {DATE_EXAMPLE}."
    )


def _month(text: str, typed: str, day: int, year: str) -> int:
    name = typed.lower()
    number = _MONTHS.get(name) or _ABBREVIATIONS.get(name)
    if number is not None:
        return number
    english = _ENGLISH_MONTHS.get(name) or next(
        (n for full, n in _ENGLISH_MONTHS.items() if full.startswith(name) and len(name) >= 3),
        None,
    )
    suggestion = _suggest(int(year), english, day) if english and len(year) == 4 else None
    raise DateInputError(
        text,
        f"»{typed}« i »{text}« er ikke et dansk månedsnavn (januar … december).",
        suggestion,
    )


def _year(text: str, year: str, month: int, day: int) -> int:
    if len(year) == 4:
        return int(year)
    suggestion = _suggest(2000 + int(year), month, day) if len(year) == 2 else None
    raise DateInputError(text, f"Skriv året i »{text}« med fire cifre.", suggestion)


def _date(text: str, year: int, month: int, day: int) -> dt.date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateInputError(
            text, f"Året {year} i »{text}« ligger uden for {FIRST_YEAR}–{LAST_YEAR}."
        )
    if not 1 <= month <= 12:
        # 11/13/2024 is month first, as in English: the other reading is safe.
        swapped = _suggest(year, day, month) if 1 <= day <= 12 else None
        raise DateInputError(
            text, f"»{text}« har ingen måned {month}: dagen står først, {DATE_EXAMPLE}.", swapped
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        last = _last_day(year, month)
        name = month_names()[month]
        raise DateInputError(
            text, f"»{text}« findes ikke: {name} {year} har {last} dage."
        ) from None


def _last_day(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def _suggest(year: int, month: int | None, day: int) -> str | None:
    if month is None or not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    try:
        return format_long_date(dt.date(year, month, day))
    except ValueError:
        return None


# -- fields -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TypedField:
    """A header field the editor reads from typed text."""

    path: str
    """The field's path in the draft ('date', 'flags.tb_amount')."""
    location: str
    """The field as a finding's location names it ('date', 'tb_amount')."""
    name: str
    """Danish, as a sentence starts with it: 'Datoen'."""
    parse: Callable[[str], object]


FIELDS: dict[str, TypedField] = {
    field.path: field
    for field in (
        TypedField("date", "date", "Datoen", parse_date),
        TypedField("signature_date", "signature_date", "Datoen ved underskriften", parse_date),
        TypedField(
            "flags.tb_amount",
            "tb_amount",
            "Tillægsbevillingen (mio. kr.)",
            parse_amount,
        ),
        TypedField(
            "flags.new_laaneramme",
            "new_laaneramme",
            "Den nye låneramme (mio. kr.)",
            parse_amount,
        ),
    )
}


@dataclass(frozen=True)
class Reading:
    """A typed text read for a field: the value, or why it cannot be read."""

    value: object
    message: str | None = None
    """Danish: why the text cannot be read (None when it can)."""
    suggestion: str | None = None

    @property
    def ok(self) -> bool:
        return self.message is None


def read_amount(text: str) -> Reading:
    try:
        return Reading(parse_amount(text))
    except AmountError as error:
        return _unreadable(error)


def read_field(path: str, text: str) -> Reading:
    """Read a header field's typed text; an unknown field is read as text."""
    field = FIELDS.get(path)
    if field is None:
        return Reading(text)
    try:
        return Reading(field.parse(text))
    except (AmountError, DateInputError) as error:
        return _unreadable(error)


def _unreadable(error: AmountError | DateInputError) -> Reading:
    # The suggestion is given on its own ("Forslag: …"), not also as a question.
    message = error.message
    if error.suggestion:
        message = message.removesuffix(f" Mente du {error.suggestion}?")
    return Reading(None, message, error.suggestion)


def amount_text(value: Decimal, decimals: int = 1) -> str:
    """An amount as the editor shows it in a field: every decimal typed, at
    least `decimals` (mio. kr. writes one)."""
    exponent = value.as_tuple().exponent
    shown = max(decimals, -exponent if isinstance(exponent, int) else 0)
    return format_number(value, shown)
