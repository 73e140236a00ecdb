"""Reading the amounts, percentages and years the scanner found, and what N-01,
N-02, N-03, N-05 and N-06 say of one written wrongly."""

from __future__ import annotations

import re
from decimal import Decimal

from forms.amounts import AmountError, Unit, format_number, parse_amount, quantize
from forms.findings import Severity
from forms.lazyre import lazy_compile
from forms.tokens import NBSP, Issue, Token, TokenKind

_YEAR_CONTEXT = lazy_compile(
    r"(?:\b(?:i|år|året|finansår|finansåret|finansloven\s+for|for|perioden|siden|fra|til|"
    r"primo|medio|ultimo|inden|efter|før|indtil)|[-–])\s*$",
    re.IGNORECASE,
)
_YEAR_AFTER = lazy_compile(r"^\s*[-–]\s*(?:\d{4}|[12]\.\d{3})(?!\d)")

# --- amounts (N-01, N-02, N-03) -------------------------------------------------------

_CANONICAL_UNITS = {"kr.": Unit.KR, "t. kr.": Unit.TKR, "mio. kr.": Unit.MIO, "mia. kr.": Unit.MIA}
_ENGLISH_THOUSANDS = lazy_compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_ENGLISH_DECIMAL = lazy_compile(r"\d+\.(?:\d{1,2}|\d{4,})")
_UNGROUPED = lazy_compile(r"\d{4,}(?:,\d+)?")


def _unit_of(written: str) -> Unit:
    letters = written.lower()
    if letters.startswith(("mia", "milliard")):
        return Unit.MIA
    if letters.startswith(("mio", "mill")):
        return Unit.MIO
    if letters.startswith("t"):
        return Unit.TKR
    return Unit.KR


def _english_reading(number: str) -> Decimal | None:
    """The value of an English-formatted number when it can only be English."""
    if _ENGLISH_THOUSANDS.fullmatch(number) and ("." in number or number.count(",") > 1):
        return Decimal(number.replace(",", ""))
    if _ENGLISH_DECIMAL.fullmatch(number):
        return Decimal(number)
    return None


def _decimals_of(number: str) -> int:
    return len(number.partition(",")[2])


def _amount_text(value: Decimal, unit: Unit, decimals: int, nbsp: bool = False) -> str:
    # The corrected form uses NBSP, so a line never breaks between amount and unit.
    space = NBSP if nbsp else " "
    return f"{format_number(value, decimals)}{space}{unit.prose}"


def _ends(text: str) -> str:
    """A sentence ending in `text`, without doubling the unit's final period."""
    return text if text.endswith(".") else text + "."


_ACCOUNT_LINE = lazy_compile(r"\s*§\s*\d[^\n:]*:\s*$")


def account_line_amount(text: str, start: int) -> bool:
    """An amount that ends an account line ('§ 12.11.01. Departementet: -212,5 mio. kr.'),
    as a tillægsbevilling lists them in litra e: a line of a list, not running text (N-03)."""
    line_start = text.rfind("\n", 0, start) + 1
    return _ACCOUNT_LINE.match(text, line_start, start) is not None


def amount_token(match: re.Match[str], text: str) -> Token:
    written = match.group()
    if match["neg"] is not None:
        number, unit_written, sign = match["neg"], match["neg_unit"], -1
    else:
        number, unit_written, sign = written[0] + match["num"], match["unit"], 1
    unit = _unit_of(unit_written)
    issues: list[Issue] = []
    try:
        parsed = parse_amount(number)
    except AmountError:
        parsed = None
    decimals = unit.decimals
    ambiguous = False
    if parsed is None:
        english = _english_reading(number)
        if english is None:
            issues.append(
                Issue(
                    "N-01",
                    Severity.ERROR,
                    f"»{number}« er ikke et gyldigt dansk tal. Brug komma som decimaltegn og "
                    "punktum mellem tusinder, fx 1.250,5 mio. kr.",
                )
            )
            return Token(
                TokenKind.AMOUNT,
                match.start(),
                match.end(),
                written,
                unit=unit,
                issues=tuple(issues),
            )
        value = english
        if unit.decimals == 0:
            decimals = len(number.partition(".")[2])
        issues.append(
            Issue(
                "N-01",
                Severity.ERROR,
                f"»{number}« er skrevet med engelske tegn. Skriv komma som decimaltegn og "
                f"punktum mellem tusinder: {_ends(_amount_text(value, unit, decimals))}",
            )
        )
    else:
        value = parsed
        written_decimals = _decimals_of(number)
        if unit.decimals == 0:
            decimals = written_decimals
        elif written_decimals == 0:
            issues.append(
                Issue(
                    "N-01",
                    Severity.WARNING,
                    f"Beløb i {unit.value} skrives med én decimal: "
                    f"{_ends(_amount_text(value, unit, decimals))}",
                )
            )
        elif written_decimals > 1:
            rounded = _amount_text(quantize(value, decimals), unit, decimals)
            if written_decimals == 3 and len(number.partition(",")[0]) <= 3:
                # "1,250 mio. kr." is 1,25 in Danish but 1.250 in English: no guess.
                thousands = format_number(Decimal(number.replace(",", "")), decimals)
                message = (
                    f"»{number} {unit.value}« er tvetydigt. Beløb i {unit.value} skrives med "
                    f"én decimal: {rounded} (afrundet), eller {thousands} {unit.value}, "
                    "hvis du mente over tusind."
                )
                ambiguous = True
            else:
                note = "" if quantize(value, decimals) == value else " (afrundet)"
                message = f"Beløb i {unit.value} skrives med én decimal: {_ends(rounded + note)}"
            issues.append(Issue("N-01", Severity.WARNING, message))
        if _UNGROUPED.fullmatch(number):
            issues.append(
                Issue(
                    "N-01",
                    Severity.WARNING,
                    f"Skriv punktum mellem tusinder: {_ends(_amount_text(value, unit, decimals))}",
                )
            )
    unit_clean = " ".join(unit_written.split())
    if unit_clean not in _CANONICAL_UNITS:
        issues.append(
            Issue(
                "N-02",
                Severity.WARNING,
                f"Skriv enheden »{unit.prose}« med små bogstaver og punktummer, "
                f"ikke »{unit_clean}«.",
            )
        )
    signed = value * sign
    if sign < 0 and not account_line_amount(text, match.start()):
        issues.append(
            Issue(
                "N-03",
                Severity.WARNING,
                "Skriv ikke negative beløb i løbende tekst; brug ord som mindreudgift, "
                f"besparelse eller nedsættelse, fx »en mindreudgift på "
                f"{_amount_text(value, unit, decimals)}«.",
            )
        )
    corrected = None
    if issues and not ambiguous:
        corrected = _amount_text(value, unit, decimals, nbsp=True)
    return Token(
        TokenKind.AMOUNT,
        match.start(),
        match.end(),
        written,
        value=signed,
        unit=unit,
        issues=tuple(issues),
        corrected=corrected,
    )


# --- percentages (N-06) ---------------------------------------------------------------


def percent_token(match: re.Match[str], text: str) -> Token:
    written = match.group()
    number = written[0] + match["pnum"]
    unit = match["punit"]
    issues: list[Issue] = []
    try:
        value = parse_amount(number)
        decimals = _decimals_of(number)
    except AmountError:
        value = _english_reading(number)
        decimals = len(number.partition(".")[2])
        if value is not None:
            issues.append(
                Issue(
                    "N-01",
                    Severity.ERROR,
                    f"»{number}« er skrevet med engelske tegn; brug komma som decimaltegn.",
                )
            )
    corrected = None
    if value is not None and (issues or unit in ("%", "pct")):
        corrected = f"{format_number(value, decimals)} pct."
        if unit in ("%", "pct"):
            issues.append(Issue("N-06", Severity.INFO, f"Skriv procent som »pct.«: {corrected}"))
    return Token(
        TokenKind.PERCENT,
        match.start(),
        match.end(),
        written,
        value=value,
        issues=tuple(issues),
        corrected=corrected,
    )


# --- years (N-05) ---------------------------------------------------------------------


def year_token(match: re.Match[str], text: str) -> Token:
    written = match.group()
    return Token(TokenKind.YEAR, match.start(), match.end(), written, value=int(written))


def bad_year_token(match: re.Match[str], text: str) -> Token | None:
    """'i 2.024': a year written as an amount. Elsewhere '2.024' is a number."""
    start, end = match.start(), match.end()
    before = text[max(0, start - 24) : start]
    if not (_YEAR_CONTEXT.search(before) or _YEAR_AFTER.match(text, end)):
        return None
    written = match.group()
    year = written.replace(".", "")
    return Token(
        TokenKind.YEAR,
        start,
        end,
        written,
        value=int(year),
        issues=(
            Issue(
                "N-05",
                Severity.ERROR,
                f"Årstal skrives uden punktum: {year}, ikke {written}.",
            ),
        ),
        corrected=year,
    )
