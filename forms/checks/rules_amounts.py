"""Amounts and number format in the prose: N-01..N-03, N-05..N-07.

The scanner (forms/scanner.py) finds and judges each amount, year and
percentage; these rules turn its issues into findings, and N-07 compares
the spelling of equal amounts across the litra.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from forms.checks.facts import Context, DocumentFacts, SectionFacts
from forms.checks.registry import finding, rule
from forms.findings import Finding, Severity


@rule("N-01", Severity.ERROR, "Beløb med dansk komma og punktum; mio. kr. med én decimal")
def danish_number_format(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    yield from facts.issue_findings("N-01")


@rule("N-02", Severity.WARNING, "Enheden skrives »mio. kr.« / »mia. kr.«")
def unit_spelling(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    yield from facts.issue_findings("N-02")


@rule("N-03", Severity.WARNING, "Ingen negative beløb i løbende tekst")
def no_negative_prose(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    yield from facts.issue_findings("N-03")


@rule("N-05", Severity.ERROR, "Årstal skrives uden tusindtalspunktum")
def years_plain(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    yield from facts.issue_findings("N-05")


@rule("N-06", Severity.INFO, "Procent skrives »pct.«")
def percent_word(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    yield from facts.issue_findings("N-06")


@rule("N-07", Severity.WARNING, "Samme beløb skrives ens overalt", scope="document")
def same_spelling(doc: DocumentFacts) -> Iterator[Finding]:
    first: dict[Decimal, tuple[str, str]] = {}
    for facts in doc.sections:
        for value, spellings in facts.amount_forms.items():
            for written, spans in spellings.items():
                if value not in first:
                    first[value] = (written, facts.letter)
                canonical, where = first[value]
                if written == canonical:
                    continue
                for block, start, end in spans:
                    yield finding(
                        "N-07",
                        facts.at(block, start, end),
                        f"Samme beløb skrives »{canonical}« i litra {where} og »{written}« her. "
                        "Skriv det ens overalt.",
                        suggestion=canonical,
                        replacement=canonical,
                    )
