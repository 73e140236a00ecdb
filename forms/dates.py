"""Danish long dates ('12. november 2024', '… kl. 15.05') and the folketingsår, through babel."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, get_month_names

LOCALE = "da_DK"


def format_long_date(day: dt.date) -> str:
    """'12. november 2024': no leading zero, lowercase month (H-02)."""
    return format_date(day, "d. MMMM y", locale=LOCALE)


def format_long_datetime(moment: dt.datetime) -> str:
    """'4. november 2024 kl. 15.05' (the moment as given: convert to local time first)."""
    return f"{format_long_date(moment.date())} kl. {moment:%H.%M}"


def month_names() -> dict[int, str]:
    """1 -> 'januar' … 12 -> 'december', as babel's da_DK writes them."""
    return dict(get_month_names("wide", locale=LOCALE))


ENGLISH_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
"""English month names, as dates pasted from English documents write them."""


def english_month_numbers() -> dict[str, int]:
    """'january' -> 1 … 'december' -> 12."""
    return {name: number for number, name in enumerate(ENGLISH_MONTHS, start=1)}


def session_year(day: dt.date) -> str:
    """The folketingsår a date falls in: it starts on the first Tuesday of
    October (DOMAIN section 7): 30 September 2024 belongs to '2023-24'."""
    first_oct = dt.date(day.year, 10, 1)
    start = first_oct + dt.timedelta(days=(1 - first_oct.weekday()) % 7)
    first = day.year if day >= start else day.year - 1
    return f"{first}-{(first + 1) % 100:02d}"
