"""One tokenizer for prose: amounts, § accounts, dates, percentages and years.

`scan(text)` finds each of them with its character span, so the editor can
underline them and the checks can reason about them without their own regular
expressions. A token that is written wrongly carries its issues (rule id,
severity, Danish message) and the corrected form, which is always formatted
through forms/amounts.py and forms/dates.py (babel), never by hand.

PDF extractions break lines between "§" and its number and between an amount
and its unit ("430,0 ⏎mio. kr."), so whitespace there is `\\s*`, not one space.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from forms.amounts import AmountError, Unit, format_number, parse_amount, quantize
from forms.dates import format_long_date, month_names
from forms.findings import Severity


class TokenKind(StrEnum):
    AMOUNT = "amount"
    ACCOUNT = "account"
    DATE = "date"
    PERCENT = "percent"
    YEAR = "year"


class Issue(NamedTuple):
    """What is wrong with a token, as the rule that reports it will say it."""

    rule: str
    severity: Severity
    message: str


class Token(NamedTuple):
    """An amount, account, date, percentage or year found in a text.

    `value` is a Decimal in the token's own unit (amounts, percentages), a
    date (dates; None when the date does not exist) or an int (years).
    Accounts keep their digit groups as written in `groups`.
    """

    kind: TokenKind
    start: int
    end: int
    text: str
    value: Decimal | dt.date | int | None = None
    unit: Unit | None = None
    groups: tuple[str, ...] = ()
    issues: tuple[Issue, ...] = ()
    corrected: str | None = None
    """The whole token written correctly, when there is one unambiguous form."""
    kr: Decimal | None = None
    """An amount's value in kroner (set by scan; see value_kr)."""

    @property
    def malformed(self) -> bool:
        return bool(self.issues)

    @property
    def problem(self) -> str | None:
        """Why the token is malformed, in Danish; None when it is not."""
        return " ".join(issue.message for issue in self.issues) or None

    @property
    def value_kr(self) -> Decimal | None:
        """An amount in kroner, so amounts in different units compare."""
        if self.kr is not None or self.kind is not TokenKind.AMOUNT:
            return self.kr
        if not isinstance(self.value, Decimal):
            return None
        return self.value * UNIT_FACTOR[self.unit or Unit.KR]

    @property
    def levels(self) -> int:
        """Account levels: 1 paragraf, 2 område, 3 hovedkonto, 4 underkonto."""
        return len(self.groups)

    @property
    def paragraf(self) -> int | None:
        return int(self.groups[0]) if self.kind is TokenKind.ACCOUNT and self.groups else None

    @property
    def hovedkonto(self) -> str | None:
        """'06.32.10' for any reference at hovedkonto level or below."""
        if self.kind is not TokenKind.ACCOUNT or len(self.groups) < 3:
            return None
        return f"{int(self.groups[0]):02d}.{self.groups[1]}.{self.groups[2]}"


UNIT_FACTOR: dict[Unit, Decimal] = {
    Unit.KR: Decimal(1),
    Unit.TKR: Decimal(1000),
    Unit.MIO: Decimal(1_000_000),
    Unit.MIA: Decimal(1_000_000_000),
}

_DANISH_MONTHS = {name: number for number, name in month_names().items()}
_ENGLISH_MONTHS = {
    name: number
    for number, name in enumerate(
        (
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
        ),
        start=1,
    )
}
_ENGLISH_ABBREVIATIONS = {
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
_ALL_MONTHS = "|".join(sorted({*_DANISH_MONTHS, *_ENGLISH_MONTHS}, key=len, reverse=True))
_ENGLISH_FULL = "|".join(name.capitalize() for name in _ENGLISH_MONTHS)
_ENGLISH_SHORT = "|".join(name.capitalize() for name in _ENGLISH_ABBREVIATIONS)

# A number as a reader may have typed it, Danish or not; classified afterwards.
_NUMBER = r"\d(?:[\d.,]*\d)?"
# Units of an amount, canonical and not; "kroner" before "kr" so it wins.
_UNITS = (
    r"milliarder\s+kr(?:oner(?!\w)|\.|(?!\w))"
    r"|millioner\s+kr(?:oner(?!\w)|\.|(?!\w))"
    r"|mia\.?\s*kr(?:\.|(?!\w))"
    r"|mio\.?\s*kr(?:\.|(?!\w))"
    r"|mill?\.?\s*kr(?:\.|(?!\w))"
    r"|tusind\s+kr(?:oner(?!\w)|\.|(?!\w))"
    r"|t\.\s*kr(?:\.|(?!\w))"
    r"|tkr(?:\.|(?!\w))"
    r"|kroner(?!\w)"
    r"|kr(?:\.|(?!\w))"
    r"|dkk(?!\w)"
)
_MINUS = "\\-\u2212\u2013"  # for use inside a character class
NBSP = "\u00a0"

# Every token but an English date starts with "§", a digit or a minus sign. The
# pattern therefore opens with that one character class, which lets the regex
# engine skip all other characters at C speed; each alternative then looks back
# at the character it consumed (the 1 MB benchmark draft scans ~3x faster).
_LEAD_DIGIT = r"(?<=\d)(?<![\w.,]\d)"
_PATTERN = re.compile(
    rf"[§\d{_MINUS}](?:"
    # § 06.32.10.13. — any digit groups; validated afterwards (K-01).
    r"(?<=§)§*\s*(?P<acc_groups>\d+(?:\.\d+)*)\.?(?P<T_account>)"
    # 12/11/2024, 12.11.2024, 12-11-2024, 2024-11-12
    rf"|{_LEAD_DIGIT}(?<![/-]\d)(?:(?P<n1>\d?)(?P<sep>[./-])(?P<n2>\d{{1,2}})(?P=sep)"
    r"(?P<n3>\d{4})|(?P<iso_y>\d{3})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2}))"
    r"(?!\w|[.,/-]\d)(?P<T_date_num>)"
    # 12. november 2024 (and its near misses: 05. november, 12 November 2024)
    rf"|{_LEAD_DIGIT}(?P<da_day>\d?)(?:(?P<da_dot>\.)\s*|\s+)"
    rf"(?P<da_month>(?i:{_ALL_MONTHS}))(?!\w)\s+(?P<da_year>\d{{4}})(?!\d)(?P<T_date_da>)"
    # 100,0 mio. kr.
    rf"|{_LEAD_DIGIT}(?P<num>(?:[\d.,]*\d)?)\s*(?P<unit>(?i:{_UNITS}))(?P<T_amount>)"
    # -2,0 mio. kr. — a minus only when it does not join two numbers (50-60).
    rf"|(?<=[{_MINUS}])(?<![\w.,{_MINUS}][{_MINUS}])(?P<neg>{_NUMBER})\s*"
    rf"(?P<neg_unit>(?i:{_UNITS}))(?P<T_negative>)"
    # 10 pct., 10 %
    rf"|{_LEAD_DIGIT}(?P<pnum>(?:[\d.,]*\d)?)\s*"
    r"(?P<punit>%|pct(?:\.|(?!\w))|procentpoint(?!\w)|procent(?!\w))(?P<T_percent>)"
    # 2.024 written as an amount; a year only in a year's context (N-05).
    r"|(?<=[12])(?<![\w.,][12])\.\d{3}(?![\w,]|\.\d)(?P<T_year_bad>)"
    # 2024
    r"|(?<=[12])(?<![\w.,][12])(?:(?<=1)[89]|(?<=2)[01])\d\d(?![\w,]|\.\d)(?P<T_year>)"
    r")"
)
# English dates are rare; a separate pass keeps them out of the hot pattern.
_ENGLISH_DATE = re.compile(
    rf"(?:{_ENGLISH_FULL}|(?:{_ENGLISH_SHORT})\.?)"
    r"\s+(?P<en_day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<en_year>\d{4})(?!\d)"
)

_YEAR_CONTEXT = re.compile(
    r"(?:\b(?:i|år|året|finansår|finansåret|finansloven\s+for|for|perioden|siden|fra|til|"
    r"primo|medio|ultimo|inden|efter|før|indtil)|[-–])\s*$",
    re.IGNORECASE,
)
_YEAR_AFTER = re.compile(r"^\s*[-–]\s*(?:\d{4}|[12]\.\d{3})(?!\d)")


def scan(text: str) -> list[Token]:
    """Every amount, account, date, percentage and year in `text`, in order."""
    tokens: list[Token] = []
    append = tokens.append
    memo = _MEMO
    for match in _PATTERN.finditer(text):
        kind = match.lastgroup
        written = match.group()
        start = match.start()
        template = memo.get((kind, written)) if kind != "T_year_bad" else None
        if template is None:
            token = _BUILDERS[kind](match, text)
            if token is None:
                continue
            if token.kind is TokenKind.AMOUNT and isinstance(token.value, Decimal):
                token = token._replace(kr=token.value * UNIT_FACTOR[token.unit or Unit.KR])
            if kind != "T_year_bad":
                if len(memo) >= _MEMO_SIZE:
                    memo.clear()
                memo[kind, written] = token
            append(token)
            continue
        # What a token says depends only on its text, so equal texts share the
        # analysis (babel parsing is the costly part) and only the span differs.
        append(
            Token(
                template.kind,
                start,
                start + len(written),
                written,
                template.value,
                template.unit,
                template.groups,
                template.issues,
                template.corrected,
                template.kr,
            )
        )
    if _ENGLISH_HINT.search(text):
        tokens = _with_english_dates(text, tokens)
    return tokens


_MEMO: dict[tuple[str | None, str], Token] = {}
_MEMO_SIZE = 20_000


_ENGLISH_HINT = re.compile(rf"(?:{_ENGLISH_FULL}|{_ENGLISH_SHORT})")


def _with_english_dates(text: str, tokens: list[Token]) -> list[Token]:
    dates = []
    for match in _ENGLISH_DATE.finditer(text):
        if match.start() and (text[match.start() - 1].isalnum()):
            continue  # inside a word
        dates.append(_date_english(match, text))
    if not dates:
        return tokens
    kept = [t for t in tokens if not any(d.start < t.end and t.start < d.end for d in dates)]
    return sorted([*kept, *dates], key=lambda t: t.start)


# --- accounts (K-01, K-02) ------------------------------------------------------------


def _account(match: re.Match, text: str) -> Token:
    groups = tuple(match["acc_groups"].split("."))
    written = match.group()
    issue, corrected = _account_problem(groups, written)
    return Token(
        TokenKind.ACCOUNT,
        match.start(),
        match.end(),
        written,
        groups=groups,
        issues=(issue,) if issue else (),
        corrected=corrected,
    )


def _account_problem(groups: tuple[str, ...], written: str) -> tuple[Issue | None, str | None]:
    """K-01: § PP.HA.KK.UU, two digits after the paragraf; '§ 6', '§ 6.3' are fine (K-02)."""
    if len(groups) < 2:
        return None, None  # "§ 6" is a paragraf, or a law's paragraph: nothing to check
    trailing = "." if written.endswith(".") else ""
    shown = written.rstrip(".")
    if len(groups) > 4:
        return Issue(
            "K-01",
            Severity.ERROR,
            f"»{shown}« har {len(groups)} niveauer; en kontohenvisning har højst fire "
            "(§ PP.HA.KK.UU: paragraf, hoved- og aktivitetsområde, hovedkonto, underkonto).",
        ), None
    bad = _bad_group(groups)
    if bad is not None:
        guess = _regrouped(groups)
        corrected = f"§ {guess}{trailing}" if guess else None
        hint = f" Mente du § {guess}?" if guess else ""
        return Issue(
            "K-01",
            Severity.ERROR,
            f"»{shown}« er ikke et gyldigt kontonummer: {bad}. En konto skrives "
            f"§ PP.HA.KK.UU med to cifre i hver gruppe efter paragraffen, fx § 06.32.10.{hint}",
        ), corrected
    if len(groups) >= 3 and len(groups[0]) == 1:
        fixed = ".".join((f"{int(groups[0]):02d}", *groups[1:]))
        return Issue(
            "K-01",
            Severity.WARNING,
            f"Paragraffen skrives med to cifre i en kontohenvisning: § {fixed}.",
        ), f"§ {fixed}{trailing}"
    return None, None


def _bad_group(groups: tuple[str, ...]) -> str | None:
    """Why the digit groups are not an account, or None when they are."""
    if len(groups[0]) > 2:
        return f"paragraffen »{groups[0]}« har mere end to cifre"
    if len(groups) == 2:
        if len(groups[1]) > 2:
            return f"gruppen »{groups[1]}« har {len(groups[1])} cifre"
        return None
    for group in groups[1:]:
        if len(group) != 2:
            count = "ét ciffer" if len(group) == 1 else f"{len(group)} cifre"
            return f"gruppen »{group}« har {count}"
    return None


def _regrouped(groups: tuple[str, ...]) -> str | None:
    """A likely intended account, when one reading is clear.

    '6.321.10': the 1 typed on both sides of the period -> 06.32.10.
    '06.3210' : the digits after the paragraf regrouped in pairs -> 06.32.10.
    """
    paragraf = f"{int(groups[0]):02d}" if len(groups[0]) <= 2 else None
    if paragraf is None:
        return None
    rest = list(groups[1:])
    for index in range(len(rest) - 1):
        if len(rest[index]) == 3 and rest[index][-1] == rest[index + 1][0]:
            candidate = [*rest[:index], rest[index][:2], *rest[index + 1 :]]
            if all(len(g) == 2 for g in candidate) and len(candidate) <= 3:
                return ".".join((paragraf, *candidate))
    digits = "".join(rest)
    if len(digits) % 2 == 0 and 2 <= len(digits) <= 6:
        pairs = [digits[i : i + 2] for i in range(0, len(digits), 2)]
        return ".".join((paragraf, *pairs))
    return None


# --- dates (H-02) ---------------------------------------------------------------------


def _date_token(match: re.Match, value: dt.date | None, issues, corrected):
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


def _date_english(match: re.Match, text: str) -> Token:
    month_text = match.group().split()[0].rstrip(".").lower()
    month = _ENGLISH_MONTHS.get(month_text) or _ENGLISH_ABBREVIATIONS[month_text]
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


def _date_numeric(match: re.Match, text: str) -> Token:
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


def _date_danish(match: re.Match, text: str) -> Token:
    written = match.group()
    day = written[0] + match["da_day"]
    month_text = match["da_month"]
    lower = month_text.lower()
    english_only = lower not in _DANISH_MONTHS
    month = _ENGLISH_MONTHS[lower] if english_only else _DANISH_MONTHS[lower]
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


# --- amounts (N-01, N-02, N-03) -------------------------------------------------------

_CANONICAL_UNITS = {"kr.": Unit.KR, "t. kr.": Unit.TKR, "mio. kr.": Unit.MIO, "mia. kr.": Unit.MIA}
_ENGLISH_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_ENGLISH_DECIMAL = re.compile(r"\d+\.(?:\d{1,2}|\d{4,})")
_UNGROUPED = re.compile(r"\d{4,}(?:,\d+)?")


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


_ACCOUNT_LINE = re.compile(r"\s*§\s*\d[^\n:]*:\s*$")


def _account_line_amount(text: str, start: int) -> bool:
    """An amount that ends an account line ('§ 12.11.01. Departementet: -212,5 mio. kr.'),
    as a tillægsbevilling lists them in litra e: a line of a list, not running text (N-03)."""
    line_start = text.rfind("\n", 0, start) + 1
    return _ACCOUNT_LINE.match(text, line_start, start) is not None


def _amount(match: re.Match, text: str) -> Token:
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
                message = f"Beløb i {unit.value} skrives med én decimal: {rounded}{note}."
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
    if sign < 0 and not _account_line_amount(text, match.start()):
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


def _percent(match: re.Match, text: str) -> Token:
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


def _year(match: re.Match, text: str) -> Token:
    written = match.group()
    return Token(TokenKind.YEAR, match.start(), match.end(), written, value=int(written))


def _year_bad(match: re.Match, text: str) -> Token | None:
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


_BUILDERS = {
    "T_account": _account,
    "T_date_num": _date_numeric,
    "T_date_da": _date_danish,
    "T_amount": _amount,
    "T_negative": _amount,
    "T_percent": _percent,
    "T_year_bad": _year_bad,
    "T_year": _year,
}
