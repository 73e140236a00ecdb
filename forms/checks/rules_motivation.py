"""Litra c (Motivering for forelæggelsen): C-01, C-03, and C-04 with the thresholds.

A missing c is reported by S-04; C-01 looks at what c says.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from forms.checks import phrases
from forms.checks.facts import Context, DocumentFacts, SectionFacts, at_document, at_letter
from forms.checks.registry import finding, rule
from forms.findings import Finding, Severity
from forms.model import Kind
from forms.scanner import Token
from forms.thresholds import ThresholdSet, versions

_CUE_WINDOW = 80


@rule("C-01", Severity.WARNING, "Litra c forklarer, hvorfor sagen forelægges nu", letters="c")
def why_now(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    if ctx.kind is not Kind.SOEGENDE or facts.is_empty:
        return
    if facts.search(phrases.MOTIVATION):
        return
    yield finding(
        "C-01",
        at_letter("c"),
        "Litra c forklarer ikke, hvorfor sagen forelægges Finansudvalget, og hvorfor den ikke "
        "kan vente til en senere finanslov (budgetvejledningens pkt. 3.5.3).",
        suggestion="Sagen forelægges Finansudvalget, idet …, jf. …",
    )


@rule("C-03", Severity.WARNING, "Litra c henviser til grundlaget (»jf. …«)", letters="c")
def cites_basis(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    if ctx.kind is not Kind.SOEGENDE or facts.is_empty:
        return
    if phrases.hits_after(phrases.BASIS, phrases.JF, facts.folded, 250):
        return
    yield finding(
        "C-03",
        at_letter("c"),
        "Litra c henviser ikke til grundlaget for forelæggelsen. Skriv »jf.« efterfulgt af "
        "budgetvejledningens punkt, tekstanmærkningen, loven eller den særlige "
        "bevillingsbestemmelse, som sagen forelægges efter.",
    )


@rule("C-04", Severity.WARNING, "Beløbet i a er over den tærskel, c henviser til", scope="document")
def threshold_consistency(doc: DocumentFacts) -> Iterator[Finding]:
    ctx = doc.ctx
    thresholds = ctx.thresholds
    if thresholds is not None and thresholds.unknown_request:
        known = ", ".join(v.id for v in versions())
        yield finding(
            "C-04",
            at_document("bv_version"),
            f"Budgetvejledningen »{thresholds.requested}« kendes ikke; tærsklerne fra "
            f"{thresholds.version.name} (gældende på aktstykkets dato) er brugt. Kendte "
            f"versioner: {known}.",
        )
    a, c = doc.section("a"), doc.section("c")
    asked = _asked(a)
    cited = _cited(c) if c is not None else []
    if asked is not None and c is not None:
        for index, token in cited:
            if token.value_kr is not None and asked <= token.value_kr:
                yield finding(
                    "C-04",
                    c.at_token(index, token),
                    f"Litra c nævner grænsen {token.text}, men beløbet i litra a er ikke over "
                    "den. Måske kræver sagen ikke et aktstykke – eller grænsen er citeret "
                    "forkert.",
                )
    if thresholds is None:
        return
    yield from _against_data(doc, thresholds, asked, cited)


def _asked(a: SectionFacts | None) -> Decimal | None:
    """The amount a asks for: the largest amount it names."""
    if a is None or not a.amounts_kr:
        return None
    return max(a.amounts_kr)


def _cited(c: SectionFacts) -> list[tuple[int, Token]]:
    """Amounts in c that stand next to a threshold word ('overstiger 43,0 mio. kr.')."""
    found = []
    texts = {b.index: b.text for b in c.texts}
    for index, token in c.amounts:
        before = texts[index][max(0, token.start - _CUE_WINDOW) : token.start].casefold()
        if phrases.THRESHOLD_CUE.search(before):
            found.append((index, token))
    return found


def _against_data(
    doc: DocumentFacts,
    thresholds: ThresholdSet,
    asked: Decimal | None,
    cited: list[tuple[int, Token]],
) -> Iterator[Finding]:
    ctx = doc.ctx
    c = doc.section("c")
    referenced = _areas(c) if c is not None else set()
    for threshold in thresholds.thresholds.values():
        if threshold.purpose != "forelæggelse" or threshold.amount_kr is None:
            continue
        by_account = bool(referenced & set(threshold.accounts))
        by_category = ctx.category.value in threshold.categories
        if not (by_account or by_category):
            continue
        for index, token in cited if by_account else []:
            # A token cited is one of c's: c is there.
            if (
                c is not None
                and token.value_kr is not None
                and token.value_kr != threshold.amount_kr
            ):
                yield finding(
                    "C-04",
                    c.at_token(index, token),
                    f"Litra c nævner {token.text}, men grænsen er {threshold.describe()}. "
                    "Kontrollér beløbet i den særlige bevillingsbestemmelse.",
                    suggestion=threshold.value_text,
                )
        if asked is not None and not threshold.reached_by(asked):
            yield finding(
                "C-04",
                at_letter("a"),
                f"{threshold.title} ved {threshold.describe()}. Beløbet i litra a er under "
                "grænsen; forklar i litra c, hvorfor sagen alligevel forelægges Finansudvalget.",
                severity=Severity.INFO,
            )


def _areas(c: SectionFacts) -> set[str]:
    """'6.3'-style area references (paragraf.hovedområde) that c makes."""
    areas = set()
    for _, token in c.accounts:
        if token.levels >= 2 and not token.issues:
            areas.add(f"{int(token.groups[0])}.{token.groups[1][0]}")
    return areas
