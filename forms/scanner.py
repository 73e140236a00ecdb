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

from decimal import Decimal

from forms.amounts import Unit
from forms.lazyre import lazy_compile
from forms.scanaccounts import account_token
from forms.scanamounts import (
    account_line_amount,
    amount_token,
    bad_year_token,
    percent_token,
    year_token,
)
from forms.scandates import (
    DANISH_MONTHS,
    ENGLISH_ABBREVIATIONS,
    ENGLISH_MONTHS,
    danish_date_token,
    english_date_token,
    numeric_date_token,
)
from forms.tokens import NBSP, Issue, Token, TokenKind

__all__ = ["NBSP", "Issue", "Token", "TokenKind", "scan"]

_ALL_MONTHS = "|".join(sorted({*DANISH_MONTHS, *ENGLISH_MONTHS}, key=len, reverse=True))
_ENGLISH_FULL = "|".join(name.capitalize() for name in ENGLISH_MONTHS)
_ENGLISH_SHORT = "|".join(name.capitalize() for name in ENGLISH_ABBREVIATIONS)

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

# Every token but an English date starts with "§", a digit or a minus sign. The
# pattern therefore opens with that one character class, which lets the regex
# engine skip all other characters at C speed; each alternative then looks back
# at the character it consumed (the 1 MB benchmark draft scans ~3x faster).
_LEAD_DIGIT = r"(?<=\d)(?<![\w.,]\d)"
_PATTERN = lazy_compile(
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
_ENGLISH_DATE = lazy_compile(
    rf"(?:{_ENGLISH_FULL}|(?:{_ENGLISH_SHORT})\.?)"
    r"\s+(?P<en_day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<en_year>\d{4})(?!\d)"
)


def scan(text: str) -> list[Token]:
    """Every amount, account, date, percentage and year in `text`, in order."""
    tokens: list[Token] = []
    append = tokens.append
    memo = _MEMO
    for match in _PATTERN.finditer(text):
        kind = match.lastgroup
        assert kind is not None  # every alternative of the pattern ends in a named group
        written = match.group()
        start = match.start()
        # N-03 of a negative amount depends on the line it stands in, not only its text.
        key: _MemoKey = (kind, written, kind == "T_negative" and account_line_amount(text, start))
        template = memo.get(key) if kind != "T_year_bad" else None
        if template is None:
            token = _BUILDERS[kind](match, text)
            if token is None:
                continue
            if token.kind is TokenKind.AMOUNT and isinstance(token.value, Decimal):
                token = token._replace(kr=token.value * (token.unit or Unit.KR).factor)
            if kind != "T_year_bad":
                if len(memo) >= _MEMO_SIZE:
                    memo.clear()
                memo[key] = token
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


_MemoKey = tuple[str, str, bool]
"""(kind, text, whether a negative amount ends a tillægsbevilling account line)."""
_MEMO: dict[_MemoKey, Token] = {}
_MEMO_SIZE = 20_000


_ENGLISH_HINT = lazy_compile(rf"(?:{_ENGLISH_FULL}|{_ENGLISH_SHORT})")


def _with_english_dates(text: str, tokens: list[Token]) -> list[Token]:
    dates = []
    for match in _ENGLISH_DATE.finditer(text):
        if match.start() and (text[match.start() - 1].isalnum()):
            continue  # inside a word
        dates.append(english_date_token(match, text))
    if not dates:
        return tokens
    kept = [t for t in tokens if not any(d.start < t.end and t.start < d.end for d in dates)]
    return sorted([*kept, *dates], key=lambda t: t.start)


_BUILDERS = {
    "T_account": account_token,
    "T_date_num": numeric_date_token,
    "T_date_da": danish_date_token,
    "T_amount": amount_token,
    "T_negative": amount_token,
    "T_percent": percent_token,
    "T_year_bad": bad_year_token,
    "T_year": year_token,
}
