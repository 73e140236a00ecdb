"""Reading a date the scanner found (Danish, numeric, English), and what H-02
says of one written wrongly. The month names are the lexer's too."""

from __future__ import annotations

import datetime as dt
import re

from forms.dates import english_month_numbers, format_long_date, month_names
from forms.findings import Severity
from forms.tokens import Issue, Token, TokenKind

DANISH_MONTHS = {name: number for number, name in month_names().items()}
ENGLISH_MONTHS = english_month_numbers()
ENGLISH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}


# --- dates (H-02) ---------------------------------------------------------------------


def _date_token(
    match: re.Match[str], value: dt.date | None, issues: list[Issue], corrected: str | None
) -> Token:
    return Token(
        TokenKind.DATE,
        match.start(),
        match.end(),
        match.group(),
        value=value,
        issues=tuple(issues),
        corrected=corrected,
    )


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def english_date_token(match: re.Match[str], text: str) -> Token:
    month_text = match.group().split()[0].rstrip(".").lower()
    month = ENGLISH_MONTHS.get(month_text) or ENGLISH_ABBREVIATIONS[month_text]
    value = _safe_date(int(match["en_year"]), month, int(match["en_day"]))
    written = match.group()
    if value is None:
        issue = Issue("H-02", Severity.ERROR, f"»{written}« er ikke en gyldig dato.")
        return _date_token(match, None, [issue], None)
    corrected = format_long_date(value)
    issue = Issue(
        "H-02",
        Severity.ERROR,
        f"»{written}« er en engelsk dato. Skriv datoen på dansk: {corrected}.",
    )
    return _date_token(match, value, [issue], corrected)


def numeric_date_token(match: re.Match[str], text: str) -> Token:
    written = match.group()
    lead = written[0]
    if match["iso_y"] is not None:
        year = int(lead + match["iso_y"])
        value = _safe_date(year, int(match["iso_m"]), int(match["iso_d"]))
        us_order = False
    else:
        first, second, year = int(lead + match["n1"]), int(match["n2"]), int(match["n3"])
        value = _safe_date(year, second, first)
        us_order = value is None and _safe_date(year, first, second) is not None
        if us_order:
            value = _safe_date(year, first, second)
    if value is None:
        issue = Issue("H-02", Severity.ERROR, f"»{written}« er ikke en gyldig dato.")
        return _date_token(match, None, [issue], None)
    corrected = format_long_date(value)
    if us_order:
        issue = Issue(
            "H-02",
            Severity.ERROR,
            f"»{written}« er skrevet i amerikansk rækkefølge (måned før dag). "
            f"Skriv datoen på dansk: {corrected}.",
        )
    else:
        issue = Issue(
            "H-02",
            Severity.WARNING,
            f"Datoer skrives med dansk månedsnavn, ikke med tal: {corrected}.",
        )
    return _date_token(match, value, [issue], corrected)


def danish_date_token(match: re.Match[str], text: str) -> Token:
    written = match.group()
    day = written[0] + match["da_day"]
    month_text = match["da_month"]
    lower = month_text.lower()
    english_only = lower not in DANISH_MONTHS
    month = ENGLISH_MONTHS[lower] if english_only else DANISH_MONTHS[lower]
    value = _safe_date(int(match["da_year"]), month, int(day))
    if value is None:
        issue = Issue("H-02", Severity.ERROR, f"»{written}« er ikke en gyldig dato.")
        return _date_token(match, None, [issue], None)
    corrected = format_long_date(value)
    if english_only:
        issue = Issue(
            "H-02",
            Severity.ERROR,
            f"»{month_text}« er et engelsk månedsnavn. Skriv datoen på dansk: {corrected}.",
        )
        return _date_token(match, value, [issue], corrected)
    if written == corrected:
        return _date_token(match, value, [], None)
    reasons = []
    if day.startswith("0"):
        reasons.append("dagen uden foranstillet nul")
    if not match["da_dot"]:
        reasons.append("punktum efter dagen")
    if month_text != lower:
        reasons.append("månedsnavnet med lille begyndelsesbogstav")
    if not reasons:
        reasons.append("ét mellemrum mellem dag, måned og år")
    issue = Issue(
        "H-02",
        Severity.WARNING,
        f"Skriv datoen som {corrected} ({' og '.join(reasons)}).",
    )
    return _date_token(match, value, [issue], corrected)
