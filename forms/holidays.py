"""Days a Danish ministry is closed: the public holidays and the state's own days off.

Deadlines that fall on one of these move to the working day before, since
nobody is there to receive the aktstykke (DOMAIN section 8; convention).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

STORE_BEDEDAG_LAST_YEAR = 2023
"""Store bededag was abolished as a public holiday from 2024 (lov nr. 147 af 28/02/2023)."""


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return dt.date(year, month, day + 1)


@cache
def days_off(year: int) -> dict[dt.date, str]:
    """Every day off in a year that is not a Saturday or Sunday by itself, with its name."""
    easter = easter_sunday(year)

    def after(days: int) -> dt.date:
        return easter + dt.timedelta(days=days)

    days = {
        dt.date(year, 1, 1): "nytårsdag",
        after(-3): "skærtorsdag",
        after(-2): "langfredag",
        easter: "påskedag",
        after(1): "2. påskedag",
        after(39): "Kristi himmelfartsdag",
        after(49): "pinsedag",
        after(50): "2. pinsedag",
        # Not public holidays by law, but days off in the state (convention).
        dt.date(year, 6, 5): "grundlovsdag",
        dt.date(year, 12, 24): "juleaftensdag",
        dt.date(year, 12, 25): "juledag",
        dt.date(year, 12, 26): "2. juledag",
        dt.date(year, 12, 31): "nytårsaftensdag",
    }
    if year <= STORE_BEDEDAG_LAST_YEAR:
        days[after(26)] = "store bededag"
    return days


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in days_off(day.year)


def day_off_name(day: dt.date) -> str | None:
    """'juledag', 'lørdag' …, or None on a working day."""
    if day in days_off(day.year):
        return days_off(day.year)[day]
    if day.weekday() == 5:
        return "lørdag"
    if day.weekday() == 6:
        return "søndag"
    return None


def working_day_on_or_before(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day
