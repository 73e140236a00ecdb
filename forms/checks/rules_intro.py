"""Litra a (Indledning) and b (Sagsfremstilling): A-01..A-03, A-05..A-08, B-03, B-04.

Amounts in the flags (tb_amount, new_laaneramme) are in mio. kr., the unit
aktstykker state them in (N-01).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from forms import ministries
from forms.amounts import Unit, format_amount
from forms.checks import phrases
from forms.checks.facts import Context, DocumentFacts, SectionFacts, at_letter, fold
from forms.checks.registry import finding, rule
from forms.findings import Finding, Severity
from forms.lazyre import lazy_compile
from forms.model import Kind
from forms.scanner import TokenKind
from forms.thresholds import parameters

_SENTENCE_END = lazy_compile(r"[.!?]\s+(?=[A-ZÆØÅ])")


def flag_amount_kr(value: Decimal) -> Decimal:
    """A flag amount (mio. kr.) in kroner."""
    return value * Unit.MIO.factor


def show(value: Decimal, unit: Unit = Unit.MIO) -> str:
    """An amount as a message shows it: '12,5 mio. kr.' (babel, ordinary space)."""
    return format_amount(value, unit).replace("\u00a0", " ")


@rule("A-01", Severity.ERROR, "Litra a nævner det ministerium, der anmoder", letters="a")
def names_ministry(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    if not ctx.ministry or facts.is_empty:
        return
    if fold(ctx.ministry) in facts.folded:
        return
    if ministries.name_pattern().search(facts.text):
        return  # another ministry is named: H-06 compares it with the header
    yield finding(
        "A-01",
        at_letter("a"),
        "Litra a siger ikke, hvilket ministerium der fremsætter forslaget. Begynd med "
        "ministeriets navn, fx »… anmoder hermed om Finansudvalgets tilslutning til, at …«.",
        suggestion=f"{ctx.ministry} anmoder hermed om Finansudvalgets tilslutning til, at …",
    )


@rule("A-02", Severity.ERROR, "Litra a siger, hvad der anmodes om", letters="a")
def states_request(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    if facts.is_empty or facts.search(phrases.REQUEST) or facts.search(phrases.ORIENTATION):
        return  # O-01 compares the wording with the type
    if ctx.kind is Kind.ORIENTERENDE:
        message = (
            "Litra a siger ikke, hvad Finansudvalget orienteres om. Skriv fx »… orienterer "
            "hermed Finansudvalget om, at …« (budgetvejledningens pkt. 3.5.1)."
        )
        suggestion = f"{ctx.ministry or '…ministeriet'} orienterer hermed Finansudvalget om, at …"
    else:
        message = (
            "Litra a siger ikke, hvad der anmodes om. Skriv fx »… anmoder hermed om "
            "Finansudvalgets tilslutning til, at …« og hvilken disposition det drejer sig om "
            "(budgetvejledningens pkt. 3.5.1)."
        )
        suggestion = (
            f"{ctx.ministry or '…ministeriet'} anmoder hermed om Finansudvalgets "
            "tilslutning til, at …"
        )
    yield finding("A-02", at_letter("a"), message, suggestion=suggestion)


@rule("A-03", Severity.ERROR, "Litra a oplyser beløbet", letters="a")
def states_money(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    if facts.is_empty:
        return
    if ctx.flags.no_expenditure:
        if not facts.search(phrases.NO_EXPENDITURE):
            yield finding(
                "A-03",
                at_letter("a"),
                "Aktstykket er markeret som uden udgifter, men litra a siger det ikke. Skriv "
                "fx, at dispositionen ikke medfører udgifter for staten.",
                severity=Severity.WARNING,
            )
        return
    if not facts.amounts:
        yield finding(
            "A-03",
            at_letter("a"),
            "Litra a nævner intet beløb. Oplys den samlede udgift for en tidsbegrænset "
            "disposition eller den årlige udgift for en varig (budgetvejledningens pkt. 3.5.1), "
            "fx »100,0 mio. kr.«. Har sagen ingen udgifter, så markér det under aktstykkets "
            "oplysninger.",
        )
        return
    if ctx.flags.recurring and not facts.search(phrases.RECURRING):
        index, token = facts.amounts[0]
        yield finding(
            "A-03",
            facts.at_token(index, token),
            "Dispositionen er varig, men litra a siger ikke, at beløbet er årligt. Skriv fx "
            f"»{token.text} årligt«.",
            severity=Severity.WARNING,
        )


@rule("A-05", Severity.ERROR, "Tillægsbevilling og låneramme står i litra a", letters="a")
def tb_and_laaneramme(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    flags = ctx.flags
    if flags.tb_amount is not None and flags.tb_amount != 0:
        missing = []
        if flag_amount_kr(flags.tb_amount) not in facts.amounts_kr:
            missing.append(f"beløbet {show(flags.tb_amount)}")
        if not facts.search(phrases.TB_WORD):
            missing.append("ordet »tillægsbevilling«")
        if missing:
            yield finding(
                "A-05",
                at_letter("a"),
                "Udgiften i finansåret skal optages på tillægsbevillingsloven, så litra a skal "
                f"nævne {' og '.join(missing)} (budgetvejledningens pkt. 3.5.1).",
                suggestion=show(flags.tb_amount),
            )
    laaneramme = flags.new_laaneramme
    if laaneramme and flag_amount_kr(laaneramme) not in facts.amounts_kr:
        yield finding(
            "A-05",
            at_letter("a"),
            f"Forslaget giver en ny låneramme på {show(laaneramme)}; beløbet skal også stå i "
            "litra a (budgetvejledningens pkt. 3.5.1).",
            suggestion=show(laaneramme),
        )


@rule("A-06", Severity.ERROR, "Finansieringen af tillægsbevillingen står i litra a", letters="a")
def tb_financing(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    if not ctx.flags.tb_amount or ctx.flags.tb_amount <= 0 or facts.is_empty:
        return
    if facts.search(phrases.A06_FINANCING):
        return
    year = ctx.finansaar or "(finansåret)"
    ministry = ctx.ministry or "…ministeriet"
    yield finding(
        "A-06",
        at_letter("a"),
        "Når udgiften i finansåret optages på tillægsbevillingsloven, skal litra a sige, om den "
        "finansieres af reserver eller af midler på andre bevillinger (budgetvejledningens "
        "pkt. 3.5.1).",
        suggestion=f"Udgiften i {year} finansieres af de på {ministry} opførte reserver.",
    )


@rule("A-07", Severity.ERROR, "Højst hovedkonto og ingen flerårig fordeling i litra a", letters="a")
def no_detail_in_a(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    for index, token in facts.accounts:
        if token.levels == 4 and not token.issues:
            short = f"§ {token.hovedkonto}."
            yield finding(
                "A-07",
                facts.at_token(index, token),
                f"Litra a må ikke henvise under hovedkonto (»{' '.join(token.text.split())}« er "
                "en underkonto). Nævn hovedkontoen her, og giv underkontoen i litra b.",
                suggestion=short,
                replacement=short,
            )
    for index, _table in facts.tables:
        yield finding(
            "A-07",
            facts.at(index),
            "Litra a indeholder en tabel. Fordelingen på år eller delelementer hører til i "
            "litra b; litra a giver kun det samlede (eller årlige) beløb.",
            severity=Severity.WARNING,
        )
    if ctx.finansaar is None:
        return
    for block in facts.texts:
        if not any(t.kind is TokenKind.AMOUNT for t in block.tokens):
            continue
        for start, end in _sentences(block.text):
            inside = [t for t in block.tokens if start <= t.start < end]
            if not any(t.kind is TokenKind.AMOUNT for t in inside):
                continue
            later = [
                t
                for t in inside
                if t.kind is TokenKind.YEAR
                and isinstance(t.value, int)
                and t.value > ctx.finansaar
                and not t.issues
            ]
            if later:
                yield finding(
                    "A-07",
                    facts.at_token(block.index, later[0]),
                    f"Litra a fordeler udgiften på år efter finansåret ({later[0].value} > "
                    f"{ctx.finansaar}). Den flerårige fordeling hører til i litra b.",
                    severity=Severity.WARNING,
                )


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield start, match.end()
        start = match.end()
    yield start, len(text)


@rule("A-08", Severity.WARNING, "Litra a er kortfattet", letters="a")
def brief_intro(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    limit = int(parameters().get("a_max_words", 150))
    if facts.word_count > limit:
        yield finding(
            "A-08",
            at_letter("a"),
            f"Litra a har {facts.word_count} ord. Indledningen skal være kortfattet (højst ca. "
            f"{limit} ord); flyt baggrund og detaljer til litra b.",
        )


@rule("B-03", Severity.WARNING, "Et hastende aktstykke begrunder hastværket", scope="document")
def urgency_explained(doc: DocumentFacts) -> Iterator[Finding]:
    if not doc.ctx.flags.urgent:
        return
    parts = [s for s in (doc.section("b"), doc.section("c")) if s is not None]
    if any(s.search(phrases.URGENCY) for s in parts):
        return
    letter = "c" if doc.section("c") is not None else "b"
    yield finding(
        "B-03",
        at_letter(letter),
        "Aktstykket er markeret som hastende, men hverken litra b eller c forklarer, hvorfor "
        "sagen ikke kan afvente den normale behandling. Uden for mødeperioderne sendes kun "
        "absolut hastende aktstykker (budgetvejledningens pkt. 3.4.3).",
    )


@rule("B-04", Severity.INFO, "Budgettabel, når beløbet består af flere dele", letters="b")
def table_for_split(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    if facts.tables:
        return
    minimum = int(parameters().get("b04_min_amounts", 3))
    if len(facts.amounts_kr) >= minimum:
        yield finding(
            "B-04",
            at_letter("b"),
            f"Litra b nævner {len(facts.amounts_kr)} forskellige beløb i teksten. Består beløbet "
            "af flere dele eller år, så vis fordelingen i en budgettabel med en »I alt«-række.",
        )
