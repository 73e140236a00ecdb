"""Reading a § account the scanner found, and what K-01 and K-02 say of one
written wrongly."""

from __future__ import annotations

import re

from forms.findings import Severity
from forms.tokens import Issue, Token, TokenKind

# --- accounts (K-01, K-02) ------------------------------------------------------------


def account_token(match: re.Match[str], text: str) -> Token:
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
