"""Litra e (Forslaget) and f (Finansministeriets tilslutning): E-01..E-03, E-05..E-07, F-01..F-03."""

from __future__ import annotations

from collections.abc import Iterator

from forms.checks import phrases
from forms.checks.facts import Context, DocumentFacts, SectionFacts, at_letter
from forms.checks.registry import finding, rule
from forms.checks.rules_intro import flag_amount_kr, show
from forms.findings import Finding, Severity
from forms.lazyre import lazy_compile
from forms.model import Kind
from forms.signoff import FM_CONSENT_TEXT, fingerprint, has_fm_consent, role_config

_FIRST_CLAUSE = lazy_compile(r"^[^,.]{0,80}")
_FINGERPRINTS: dict[tuple[object, ...], str] = {}
"""signed_key -> fingerprint, for the few contents seen lately."""
_VERIFIED: dict[str, tuple[object, ...]] = {}
"""FM sign-off fingerprint -> the signed_key whose content it was found to match."""


def _fm_consent(doc: DocumentFacts) -> bool:
    """Whether Finansministeriet's consent counts for the content (forms.signoff.has_fm_consent:
    recorded with its reference, signed under a trusted certificate, current).

    The fingerprint hashes the whole draft (milliseconds on a large one), so it is
    computed once per content. In the editor a sign-off already matched to one content
    is stale for any other content without hashing again (stated totals, which the
    fingerprint ignores, are the one case this can call stale wrongly); a final check
    always compares fingerprints.
    """
    fm_role = role_config().finansministeriet
    signed = {
        s.fingerprint
        for s in doc.draft.signoffs
        if s.role == fm_role and not s.revoked and not s.source and s.signature is not None
    }
    if not signed:
        return False
    key = doc.signed_key
    known = _FINGERPRINTS.get(key)
    if known is None and not doc.final and all(fp in _VERIFIED for fp in signed):
        matches = [fp for fp in signed if _VERIFIED[fp] == key]
        return bool(matches) and has_fm_consent(doc.draft, matches[0])
    if known is None:
        known = fingerprint(doc.draft)
        if len(_FINGERPRINTS) >= 16:
            _FINGERPRINTS.clear()
        _FINGERPRINTS[key] = known
    if known not in signed:
        return False
    if len(_VERIFIED) >= 64:
        _VERIFIED.clear()
    _VERIFIED[known] = key
    return has_fm_consent(doc.draft, known)


@rule("E-01", Severity.ERROR, "Litra e angiver den bevillingsmæssige håndtering", scope="document")
def appropriation_stated(doc: DocumentFacts) -> Iterator[Finding]:
    e = doc.section("e")
    if e is None or e.is_empty or doc.ctx.kind is not Kind.SOEGENDE:
        return
    a = doc.section("a")
    patterns = (phrases.E01_TB, phrases.E01_EXISTING, phrases.E01_LATER, phrases.E01_NO_MONEY)
    for facts in (e, a):
        if facts is not None and any(facts.search(p) for p in patterns):
            return
    account = next(iter(a.hovedkonti), None) if a is not None else None
    year = doc.ctx.finansaar or "(finansåret)"
    where = f"§ {account}. <betegnelse>" if account else "§ PP.HA.KK. <betegnelse>"
    yield finding(
        "E-01",
        at_letter("e"),
        "Litra e siger ikke, hvordan sagen håndteres bevillingsmæssigt. Angiv enten, hvad der "
        "optages på forslag til lov om tillægsbevilling (hovedkonto, betegnelse og beløb), at "
        "udgiften afholdes af en bevilling på finansloven, at den søges bevilget på en senere "
        "bevillingslov, eller at sagen ikke medfører udgifter (budgetvejledningens pkt. 3.5.5).",
        suggestion=f"Udgiften vil blive afholdt af den på finansloven for {year} opførte "
        f"bevilling under {where}.",
    )


@rule("E-02", Severity.ERROR, "En ny konto markeres »(ny konto)« i litra e", letters="e")
def new_account_marked(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    if not ctx.flags.new_account or facts.is_empty or facts.search(phrases.NEW_ACCOUNT):
        return
    yield finding(
        "E-02",
        at_letter("e"),
        "Forslaget opretter en ny konto; skriv »(ny konto)« efter kontohenvisningen i litra e "
        "(budgetvejledningens pkt. 3.5.5).",
        suggestion="(ny konto)",
    )


@rule("E-03", Severity.ERROR, "Ændring af lånerammen står i litra e", letters="e")
def laaneramme_in_e(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    amount = ctx.flags.new_laaneramme
    if not amount or facts.is_empty:
        return
    if facts.search(phrases.LAANERAMME_RAISE) and flag_amount_kr(amount) in facts.amounts_kr:
        return
    yield finding(
        "E-03",
        at_letter("e"),
        f"Forslaget ændrer lånerammen med {show(amount)}; litra e skal sige det med "
        "standardformuleringen (budgetvejledningens pkt. 3.5.5).",
        suggestion="Forslaget medfører behov for en forhøjelse af lånerammen med "
        f"{show(amount)} i perioden fra (årstal) til (årstal).",
    )


@rule(
    "E-05", Severity.WARNING, "Litra e indledes »Under henvisning til ovenstående …«", letters="e"
)
def opening_phrase(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    first = next((b for b in facts.paragraphs if b.text.strip()), None)
    if first is None or phrases.FORMAL_REQUEST.match(first.text):
        return
    stripped = first.text.lstrip()
    offset = len(first.text) - len(stripped)
    clause = _FIRST_CLAUSE.match(stripped)
    end = offset + (clause.end() if clause and clause.end() else min(len(stripped), 40))
    ministry = ctx.ministry or "…ministeriet"
    yield finding(
        "E-05",
        facts.at(first.index, offset, end),
        "Forslaget i litra e indledes normalt »Under henvisning til ovenstående …« og gentager "
        "anmodningen fra litra a.",
        suggestion=f"Under henvisning til ovenstående anmoder {ministry} om Finansudvalgets "
        "tilslutning til, at …",
    )


@rule("E-06", Severity.ERROR, "Litra a og e nævner samme beløb og hovedkonto", scope="document")
def a_and_e_agree(doc: DocumentFacts) -> Iterator[Finding]:
    """An amount or hovedkonto in e that a does not name is an error: the proposal
    the committee votes on would differ from the request. One of a's that e does
    not repeat is a warning (a may name parts that e sums up)."""
    a, e = doc.section("a"), doc.section("e")
    if a is None or e is None or a.is_empty or e.is_empty:
        return
    tb_list = bool(e.search(phrases.E01_TB))
    if not tb_list:  # e lists TB entries (also savings) that a need not repeat
        reported = set()
        for index, token in e.amounts:
            if e.is_quoted(index, token):
                continue  # a quoted tekstanmærkning's amounts are not the request's
            if token.value_kr not in a.amounts_kr and token.value_kr not in reported:
                reported.add(token.value_kr)
                yield finding(
                    "E-06",
                    e.at_token(index, token),
                    f"Beløbet {token.text} i litra e står ikke i litra a. Forslaget gentager "
                    "anmodningen fra litra a: samme beløb og samme hovedkonto.",
                )
    reported = set()
    for index, token in a.amounts:
        if token.value_kr not in e.amounts_kr and token.value_kr not in reported:
            reported.add(token.value_kr)
            yield finding(
                "E-06",
                a.at_token(index, token),
                f"Beløbet {token.text} i litra a gentages ikke i litra e. Forslaget skal nævne "
                "samme beløb som anmodningen i litra a.",
                severity=Severity.WARNING,
            )
    for account, (index, token) in e.hovedkonti.items():
        if account not in a.hovedkonti and not tb_list and not e.is_quoted(index, token):
            yield finding(
                "E-06",
                e.at_token(index, token),
                f"Hovedkontoen § {account}. i litra e står ikke i litra a. Brug samme hovedkonto "
                "i anmodningen og i forslaget.",
            )
    for account, (index, token) in a.hovedkonti.items():
        if account not in e.hovedkonti:
            yield finding(
                "E-06",
                a.at_token(index, token),
                f"Hovedkontoen § {account}. i litra a gentages ikke i litra e.",
                severity=Severity.WARNING,
            )


@rule("E-07", Severity.WARNING, "Bevillinger i litra e angives på hovedkonto", letters="e")
def hovedkonto_in_e(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    for index, token in facts.accounts:
        if token.levels == 4 and not token.issues and not facts.is_quoted(index, token):
            yield finding(
                "E-07",
                facts.at_token(index, token),
                "Folketinget bevilger på hovedkonto (seks cifre). Angiv hovedkontoen med "
                "betegnelse og beløb i litra e; underkontoen hører til i litra b.",
                suggestion=f"§ {token.hovedkonto}.",
                replacement=f"§ {token.hovedkonto}.",
            )


@rule("F-01", Severity.ERROR, "Litra f oplyser Finansministeriets tilslutning", scope="document")
def fm_consent_stated(doc: DocumentFacts) -> Iterator[Finding]:
    f = doc.section("f")
    exempt = doc.ctx.flags.fm_consent_exempt
    if f is None:
        if exempt:
            yield finding(
                "F-01",
                at_letter("f"),
                "Litra f er udeladt, fordi aktstykket er markeret som undtaget fra "
                "Finansministeriets tilslutning (fx fordeling af tips- og lottomidler). "
                "Kontrollér, at undtagelsen gælder.",
                severity=Severity.INFO,
            )
        return
    if exempt:
        # f's sentence is produced from Finansministeriet's sign-off; an exempt
        # aktstykke has none, so the litra is left out of the document.
        yield finding(
            "F-01",
            at_letter("f"),
            "Aktstykket er markeret som undtaget fra Finansministeriets tilslutning, så "
            "litra f udelades i dokumentet. Fjern punktet, eller fjern markeringen.",
            severity=Severity.WARNING,
        )


@rule("F-02", Severity.WARNING, "Litra f indeholder kun standardsætningen", letters="f")
def fm_sentence_only(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    if facts.is_empty or not facts.search(phrases.FM_CONSENT):
        return
    rest = phrases.FM_CONSENT.sub("", facts.folded)
    extra_blocks = len([b for b in facts.blocks if b.kind != "paragraph" or b.text.strip()]) > 1
    if any(ch.isalnum() for ch in rest) or extra_blocks:
        yield finding(
            "F-02",
            at_letter("f"),
            "Litra f indeholder kun sætningen »Finansministeriets tilslutning foreligger.« "
            "Flyt den øvrige tekst til det punkt, den hører til.",
            suggestion=FM_CONSENT_TEXT,
        )


@rule("F-03", Severity.INFO, "Tilslutningen er givet, før f siger det", scope="document")
def consent_given(doc: DocumentFacts) -> Iterator[Finding]:
    f = doc.section("f")
    if f is None or doc.ctx.flags.fm_consent_exempt:
        return
    if _fm_consent(doc):
        return
    yield finding(
        "F-03",
        at_letter("f"),
        "Finansministeriets tilslutning er ikke registreret: der er ingen gældende godkendelse "
        "fra Finansministeriet. Indtil da står litra f som »[Afventer Finansministeriets "
        "tilslutning]«, og aktstykket må ikke sendes til Finansudvalget (budgetvejledningens "
        "pkt. 3.4.1).",
        severity=Severity.WARNING if doc.final else Severity.INFO,
    )
