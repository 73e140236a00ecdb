"""The rule registry: every check under its DOMAIN.md id, with a severity and a title.

A rule is a small function registered with the `rule` decorator:

    @rule("R-01", Severity.WARNING, "Beløb, der skal gennemgås", scope="document")
    def amounts_to_review(doc: DocumentFacts) -> Iterable[Finding]:
        ...

- scope "section": called once per litra (optionally only for `letters`) as
  `func(section: SectionFacts, ctx: Context)`; its findings are cached with
  the section and recomputed only when that section (or the context) changes.
- scope "document": called on every check as `func(doc: DocumentFacts)`; for
  rules that compare litra (TAB-04, E-06, N-07 …). They work from the cached
  per-section facts, so they stay cheap.

The severity given is the rule's usual one; a rule may report a finding with
another (S-04 reports a missing c as info when it is marked as not needed).
Rules report findings, they never raise: the checker catches a rule that
does and reports it as an INTERN error, which blocks the final export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from forms.findings import Finding, Location, Severity

Scope = Literal["section", "document"]
INTERNAL = "INTERN"
"""Rule id of the error that reports a check which could not run (a rule that
crashed, a rule module or threshold data that could not be loaded)."""


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    """One line in Danish, for lists of rules in the editor."""
    scope: Scope
    func: Callable[..., Iterable[Finding]]
    letters: frozenset[str] | None = None
    """For section rules: the litra the rule applies to (None: every litra)."""

    def applies_to(self, letter: str) -> bool:
        return self.letters is None or letter in self.letters


RULES: dict[str, Rule] = {}
"""Every registered rule by id, in registration order."""

LOAD_ERRORS: dict[str, str] = {}
"""Rule modules that could not be imported, with the error (an INTERN error)."""

_generation = 0


def generation() -> int:
    """Changes whenever a rule is registered, so cached results are recomputed."""
    return _generation


def rule(
    rule_id: str,
    severity: Severity,
    title: str,
    *,
    scope: Scope = "section",
    letters: Iterable[str] | None = None,
) -> Callable[[Callable[..., Iterable[Finding]]], Callable[..., Iterable[Finding]]]:
    """Register the decorated function as the check for `rule_id`."""

    def register(func: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        global _generation
        existing = RULES.get(rule_id)
        if existing is not None and _origin(existing.func) != _origin(func):
            raise ValueError(
                f"rule {rule_id} is already registered by {_origin(existing.func)}; "
                "choose another id"
            )
        RULES[rule_id] = Rule(
            rule_id,
            severity,
            title,
            scope,
            func,
            frozenset(letters) if letters is not None else None,
        )
        _generation += 1
        return func

    return register


def _origin(func: Callable[..., object]) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def finding(
    rule_id: str,
    location: Location,
    message: str,
    suggestion: str | None = None,
    severity: Severity | None = None,
    *,
    replacement: str | None = None,
) -> Finding:
    """A finding of a registered rule, with the rule's severity unless another is given;
    `replacement`: the exact text that corrects the finding's span or cell (Finding)."""
    return Finding(
        rule=rule_id,
        severity=severity or RULES[rule_id].severity,
        location=location,
        message=message,
        suggestion=suggestion,
        replacement=replacement,
    )
