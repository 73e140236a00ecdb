"""§ account references: K-01, K-02, K-04, K-05 (A-07 and E-07 limit the levels per litra)."""

from __future__ import annotations

from collections.abc import Iterator

from forms import ministries
from forms.checks.facts import Context, SectionFacts
from forms.checks.registry import finding, rule
from forms.findings import Finding, Severity


@rule("K-01", Severity.ERROR, "Kontonumre skrives § PP.HA.KK.UU")
def account_format(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    yield from facts.issue_findings("K-01")


@rule(
    "K-02",
    Severity.INFO,
    "Kortere henvisninger er gyldige; bevillingen gives på hovedkonto",
    letters="ae",
)
def hovedkonto_named(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    # "§ 6" alone may be a paragraph of a law, so only dotted references count.
    short = [(i, t) for i, t in facts.accounts if t.levels == 2 and not t.issues]
    if not short or any(t.levels >= 3 for _, t in facts.accounts):
        return
    index, token = short[0]
    yield finding(
        "K-02",
        facts.at_token(index, token),
        f"Litra {facts.letter} henviser kun til »{' '.join(token.text.split())}«. En kortere "
        "henvisning er gyldig, men Folketinget bevilger på hovedkonto; angiv hovedkontoen "
        "med betegnelse, fx »§ 06.32.10. Nærområde- og migrationsfond.«",
    )


@rule("K-04", Severity.WARNING, "Paragraffen hører under ministeriet", letters="ae")
def paragraf_of_ministry(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    table = ministries.paragraf_table(ctx.finansaar)
    if table is None or not ctx.ministry:
        return
    known = {ministries.fold(m) for owners in table.ministries.values() for m in owners}
    ministry = ministries.fold(ctx.ministry)
    if ministry not in known:
        return  # a ministry the table does not know: nothing to compare
    reported = set()
    for index, token in facts.accounts:
        paragraf = token.paragraf
        if token.levels < 2 or token.issues or paragraf is None or paragraf in reported:
            continue
        owners = table.ministries.get(paragraf)
        if paragraf in table.general or not owners:
            continue
        if ministry not in {ministries.fold(o) for o in owners}:
            reported.add(paragraf)
            yield finding(
                "K-04",
                facts.at_token(index, token),
                f"§ {paragraf} hører under {' / '.join(owners)} på finansloven for "
                f"{ctx.finansaar}, ikke under {ctx.ministry}. Kontrollér kontonummeret – eller "
                "forklar, at udgiften finansieres af et andet ministeriums bevilling.",
            )


@rule("K-05", Severity.WARNING, "Hovedkontoen efterfølges af sin betegnelse", letters="ae")
def account_title(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    texts = {b.index: b.text for b in facts.texts}
    for index, token in facts.accounts:
        if token.levels != 3 or token.issues:
            continue
        after = texts[index][token.end :].lstrip()
        if after[:1].isupper() or after.startswith("("):
            continue
        yield finding(
            "K-05",
            facts.at_token(index, token),
            f"Hovedkontoen »{' '.join(token.text.split())}« skal efterfølges af sin betegnelse, "
            "fx »§ 06.32.10. Nærområde- og migrationsfond.«",
        )
