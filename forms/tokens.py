"""What the prose scanner (forms/scanner.py) finds: tokens with their span, value
and the issues of a token written wrongly (rule id, severity, Danish message)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from forms.amounts import Unit
from forms.findings import Severity

NBSP = "\u00a0"


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
        return self.value * (self.unit or Unit.KR).factor

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
