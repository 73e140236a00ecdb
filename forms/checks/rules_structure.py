"""Structure: which litra exist, in which order, and what belongs in them (S-01..S-08, O-01)."""

from __future__ import annotations

from collections.abc import Iterator

from forms.catalog import Need, spec, title
from forms.checks import phrases
from forms.checks.facts import Context, DocumentFacts, SectionFacts, at_letter
from forms.checks.registry import finding, rule
from forms.findings import Finding, Severity
from forms.model import Kind
from forms.thresholds import parameters

_WHY_NEEDED = {
    "a": "Indledningen siger kort, hvem der anmoder om hvad, og hvor mange penge det drejer sig om.",
    "b": "Sagsfremstillingen giver udvalget grundlaget for at tage stilling.",
    "c": "Et søgende aktstykke skal forklare, hvorfor sagen forelægges Finansudvalget nu.",
    "e": "Forslaget er den formelle bevillingsmæssige anmodning.",
    "f": "Aktstykket skal oplyse, at Finansministeriets tilslutning foreligger.",
}


@rule("S-01", Severity.ERROR, "Faste bogstaver i fast rækkefølge", scope="document")
def letters_in_order(doc: DocumentFacts) -> Iterator[Finding]:
    highest = ""
    seen: set[str] = set()
    for facts in doc.sections:
        letter = facts.letter
        if letter in seen:
            continue  # a repeated litra is S-07
        if highest and letter < highest:
            yield finding(
                "S-01",
                at_letter(letter),
                f"Litra {letter} står efter litra {highest}. Punkterne skal stå i rækkefølgen "
                f"a, b, c, d, e, f; flyt litra {letter} op foran litra {highest}.",
            )
        seen.add(letter)
        highest = max(highest, letter)


@rule("S-02", Severity.ERROR, "Ubrugte punkter udelades helt")
def placeholder_litra(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    if facts.tables or not facts.texts:
        return
    body = " ".join(b.text for b in facts.texts).strip()
    if body and phrases.PLACEHOLDER.match(body):
        yield finding(
            "S-02",
            at_letter(facts.letter),
            f"Litra {facts.letter} indeholder kun »{body}«. Et punkt, der ikke bruges, udelades "
            f"helt – uden overskrift og uden »Ikke relevant«. Fjern litra {facts.letter}; de "
            "øvrige punkter beholder deres bogstaver.",
        )


@rule("S-03", Severity.ERROR, "Ingen omnummerering af punkterne")
def relettered(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    if facts.letter != "e":
        request = facts.locate_at_start(phrases.FORMAL_REQUEST)
        if request:
            yield finding(
                "S-03",
                facts.at(*request),
                f"Den formelle anmodning (»{phrases.FORMAL_REQUEST_TEXT} …«) hører til "
                f"litra e, ikke litra {facts.letter}. Bogstaverne angiver punktets art og "
                "rykkes ikke op, når et punkt (fx d) er udeladt.",
                suggestion="Flyt teksten til litra e.",
            )
    if facts.letter != "f":
        found = facts.locate(phrases.FM_CONSENT_RAW)
        if found:
            yield finding(
                "S-03",
                facts.at(*found),
                "Sætningen om Finansministeriets tilslutning hører til litra f, ikke "
                f"litra {facts.letter}. Bogstaverne rykkes ikke op, når et punkt er udeladt.",
                suggestion="Flyt sætningen til litra f.",
            )


@rule("S-04", Severity.ERROR, "Påkrævede punkter findes", scope="document")
def required_letters(doc: DocumentFacts) -> Iterator[Finding]:
    present = set(doc.letters())
    flags = doc.ctx.flags
    kind = doc.ctx.kind
    for letter in "abcdef":
        if letter in present:
            continue
        need = spec(letter).need_for(kind)
        name = f"Litra {letter} ({title(letter)})"
        if need is Need.REQUIRED:
            if letter == "f" and flags.fm_consent_exempt:
                continue  # F-01 notes that f is left out on purpose
            if letter == "c" and flags.c_not_needed:
                yield finding(
                    "S-04",
                    at_letter("c"),
                    f"{name} er udeladt, fordi aktstykket er markeret som ikke krævende en "
                    "motivering. Kontrollér, at sagen hverken er ny, ændret eller forelægges "
                    "efter en regel.",
                    severity=Severity.INFO,
                )
                continue
            yield finding(
                "S-04",
                at_letter(letter),
                f"{name} mangler. {_WHY_NEEDED[letter]} Tilføj litra {letter}.",
            )
        elif need is Need.EXPECTED:
            yield finding(
                "S-04",
                at_letter(letter),
                f"{name} mangler. {_WHY_NEEDED[letter]} Tilføj litra {letter}, medmindre "
                "sagen er helt enkel.",
                severity=Severity.WARNING,
            )


@rule("S-05", Severity.ERROR, "Orienterende aktstykke har hverken c eller e", scope="document")
def orienterende_without_c_e(doc: DocumentFacts) -> Iterator[Finding]:
    if doc.ctx.kind is not Kind.ORIENTERENDE:
        return
    for letter in ("c", "e"):
        if letter in doc.letters():
            yield finding(
                "S-05",
                at_letter(letter),
                f"Et orienterende aktstykke har ikke litra {letter} ({title(letter)}), jf. "
                f"budgetvejledningens pkt. 3.4.8. Fjern litra {letter}, eller vælg typen "
                "søgende, hvis Finansudvalget skal give sin tilslutning.",
            )


@rule("S-06", Severity.WARNING, "Én disposition pr. aktstykke", letters="a")
def one_disposition(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    limits = parameters()
    if _is_list(facts):
        return
    accounts = _disposition_accounts(facts)
    amounts = {t.value_kr for _, t in facts.amounts}
    too_many_accounts = len(accounts) > limits.get("s06_max_accounts_in_prose", 1)
    too_many_amounts = len(amounts) > limits.get("s06_max_amounts_in_prose", 2)
    if not (too_many_accounts or too_many_amounts):
        return
    what = (
        f"{len(accounts)} hovedkonti" if too_many_accounts else f"{len(amounts)} forskellige beløb"
    )
    yield finding(
        "S-06",
        at_letter("a"),
        f"Litra a nævner {what} i løbende tekst. Hører flere dispositioner sammen, så beskriv "
        "dem én for én i en punktopstilling; hører de ikke sammen, skal de forelægges i hvert "
        "sit aktstykke (budgetvejledningens pkt. 3.5.1).",
    )


def _disposition_accounts(facts: SectionFacts) -> set[str]:
    """Hovedkonti a names for the disposition; the account a financing sentence names
    ("finansieres af de på § … opførte midler", required by A-06) does not count."""
    financing = {
        b.index: [m.span() for m in phrases.FINANCING_SENTENCE.finditer(b.text)]
        for b in facts.texts
    }
    return {
        t.hovedkonto
        for i, t in facts.accounts
        if t.hovedkonto
        and not t.issues
        and not any(start <= t.start < end for start, end in financing[i])
    }


def _is_list(facts: SectionFacts) -> bool:
    bullets = ("-", "–", "•", "*", "·")
    items = [b for b in facts.paragraphs if b.text.lstrip().startswith(bullets)]
    lines = [
        line
        for b in facts.paragraphs
        for line in b.text.splitlines()[1:]
        if line.lstrip().startswith(bullets)
    ]
    return len(items) >= 2 or len(lines) >= 2


@rule("S-07", Severity.ERROR, "Hvert punkt har tekst og forekommer én gang", scope="document")
def filled_once(doc: DocumentFacts) -> Iterator[Finding]:
    seen: set[str] = set()
    for facts in doc.sections:
        letter = facts.letter
        if letter in seen:
            count = doc.letters().count(letter)
            yield finding(
                "S-07",
                at_letter(letter),
                f"Litra {letter} forekommer {count} gange. Hvert punkt må kun forekomme én "
                "gang; saml teksten under ét litra.",
            )
            continue
        seen.add(letter)
        if facts.is_empty:
            yield finding(
                "S-07",
                at_letter(letter),
                f"Litra {letter} ({title(letter)}) er tom. Skriv teksten, eller fjern punktet, "
                "hvis det ikke bruges.",
            )


@rule("S-08", Severity.WARNING, "Intet punkt begynder eller slutter med en tom blok")
def blank_edges(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    """A blank paragraph or sub-heading first or last in a litra that has text: the
    export leaves it out, but the author meant something else (a formulation typed
    below it, a paragraph begun and abandoned). A wholly empty litra is S-07's."""
    if facts.is_empty or not facts.blocks:
        return
    first, last = facts.blocks[0], facts.blocks[-1]
    for block, where in ((first, "begynder"), (last, "slutter")):
        if block.kind == "table" or block.text.strip():
            continue
        what = "et tomt afsnit" if block.kind == "paragraph" else "en tom underoverskrift"
        yield finding(
            "S-08",
            facts.at(block.index),
            f"Litra {facts.letter} {where} med {what} (blok {block.index + 1}). Det kommer "
            "ikke med i dokumentet; skriv teksten i blokken, eller slet den.",
        )


@rule("O-01", Severity.WARNING, "Ordlyden passer til aktstykkets type", scope="document")
def wording_fits_kind(doc: DocumentFacts) -> Iterator[Finding]:
    a = doc.section("a")
    if a is None or a.is_empty:
        return
    asks = a.search(phrases.REQUEST)
    informs = a.search(phrases.ORIENTATION)
    if doc.ctx.kind is Kind.ORIENTERENDE and asks:
        yield finding(
            "O-01",
            at_letter("a"),
            "Aktstykket er orienterende, men litra a anmoder om Finansudvalgets tilslutning. "
            "Skal udvalget tage stilling, så vælg typen søgende; ellers skriv, at ministeriet "
            "orienterer Finansudvalget.",
        )
    elif doc.ctx.kind is Kind.SOEGENDE and informs and not asks:
        yield finding(
            "O-01",
            at_letter("a"),
            "Litra a orienterer kun Finansudvalget, men aktstykket er søgende. Kræver "
            "dispositionen ikke udvalgets tilslutning, så vælg typen orienterende "
            "(budgetvejledningens pkt. 3.4.8); ellers skriv, hvad ministeriet anmoder om.",
        )
