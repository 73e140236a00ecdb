"""Header, dates and signature: H-01..H-04, H-06..H-08.

The header line and the signature block are drawn by the exporter from the
draft's fields (ministry, place, date, minister), so most of these rules check
the fields; H-02 checks the dates written in the prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from forms import ministries
from forms.checks.facts import (
    Context,
    DocumentFacts,
    SectionFacts,
    at_header,
    at_signature,
    fold,
)
from forms.checks.registry import finding, rule
from forms.dates import format_long_date, session_year
from forms.findings import Finding, Severity
from forms.lazyre import lazy_compile

_SESSION = lazy_compile(r"^\s*(\d{4})\s*-\s*(\d{2})(?:\s*\(\s*([12])\.\s*samling\s*\))?\s*$")
_TITLE = lazy_compile(r"minister\b|\bminister", re.IGNORECASE)


@rule("H-01", Severity.WARNING, "Ministerium, sted og dato i hovedet", scope="document")
def place_date_line(doc: DocumentFacts) -> Iterator[Finding]:
    draft = doc.draft
    ministry = draft.ministry.strip()
    if not ministry:
        yield finding(
            "H-01",
            at_header("ministry"),
            "Ministeriets navn mangler. Aktstykket indledes »<Ministeriet>. København, den "
            "<dato>.«",
        )
    elif ministry.endswith("."):
        yield finding(
            "H-01",
            at_header("ministry"),
            "Skriv ministeriets navn uden punktum; punktummet efter navnet sættes i hovedet.",
            suggestion=ministry.rstrip(". "),
            replacement=ministry.rstrip(". "),
        )
    elif ministries.canonical(ministry) is None:
        guess = ministries.closest(ministry)
        if guess:
            yield finding(
                "H-01",
                at_header("ministry"),
                f"»{ministry}« er ikke et kendt ministerium. Mente du »{guess}«?",
                suggestion=guess,
                replacement=guess,
            )
        else:
            yield finding(
                "H-01",
                at_header("ministry"),
                f"»{ministry}« er ikke på listen over ministerier. Kontrollér navnet – eller "
                "tilføj det til listen, hvis ministeriet er nyt.",
                severity=Severity.INFO,
            )
    if not draft.place.strip():
        yield finding(
            "H-01",
            at_header("place"),
            "Stedet mangler i hovedet, normalt »København«.",
            suggestion="København",
            replacement="København",
        )
    if draft.date is None:
        yield finding(
            "H-01",
            at_header("date"),
            "Datoen mangler i hovedet. Aktstykket dateres den dag, ministeren underskriver.",
        )


@rule("H-02", Severity.ERROR, "Datoer skrives på dansk: »12. november 2024«")
def danish_dates(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    yield from facts.issue_findings("H-02")


@rule("H-03", Severity.ERROR, "Samme dato i hovedet og ved underskriften", scope="document")
def same_dates(doc: DocumentFacts) -> Iterator[Finding]:
    draft = doc.draft
    if draft.date is None or draft.signature_date is None:
        return
    if draft.signature_date != draft.date:
        yield finding(
            "H-03",
            at_signature("date"),
            f"Datoen ved underskriften ({format_long_date(draft.signature_date)}) er ikke den "
            f"samme som i hovedet ({format_long_date(draft.date)}). Brug samme dato begge steder.",
            suggestion=format_long_date(draft.date),
            replacement=format_long_date(draft.date),
        )


@rule("H-04", Severity.ERROR, "Underskrift med ministerens navn", scope="document")
def signature_block(doc: DocumentFacts) -> Iterator[Finding]:
    minister = doc.draft.minister
    if not minister.strip():
        yield finding(
            "H-04",
            at_signature("minister"),
            "Ministerens navn mangler i underskriften. Efter litra f følger »København, den "
            "<dato>«, ministerens navn og »Til Finansudvalget.«",
        )
        return
    if "\n" in minister.strip() or _TITLE.search(minister):
        name = " ".join(w for w in minister.split() if not _TITLE.search(w)).strip(" ,")
        yield finding(
            "H-04",
            at_signature("minister"),
            "Ministeren underskriver med sit navn alene, uden titel og på én linje.",
            suggestion=name or None,
            replacement=name or None,
            severity=Severity.WARNING,
        )


@rule("H-06", Severity.WARNING, "Samme ministerium i hovedet og i anmodningen", scope="document")
def same_ministry(doc: DocumentFacts) -> Iterator[Finding]:
    header = doc.ctx.ministry
    if not header:
        return
    single = ministries.name_pattern(header)
    names = single.pattern
    # "X og Y anmoder" (joint aktstykke) or "anmoder X om" (the order e uses).
    subject = rf"(?:{names})(?:\s*(?:,|og)\s*(?:{names}))*"
    requester = re.compile(
        rf"(?P<m1>{subject})\s+(?:hermed\s+)?anmoder|anmoder\s+(?:hermed\s+)?(?P<m2>{subject})",
        re.IGNORECASE,
    )
    for letter in ("a", "e"):
        facts = doc.section(letter)
        if facts is None or facts.is_empty:
            continue
        found = []
        for block in facts.paragraphs:
            for match in requester.finditer(block.text):
                group = "m1" if match["m1"] else "m2"
                found.append((block.index, match, group))
        named = {fold(n.group()) for _, m, g in found for n in single.finditer(m[g])}
        if not found or fold(header) in named:
            continue
        index, match, group = found[0]
        yield finding(
            "H-06",
            facts.at(index, match.start(group), match.end(group)),
            f"Litra {letter} siger, at »{' '.join(match[group].split())}« anmoder, men "
            f"aktstykket er fra {header}. Ret ministeriet i hovedet eller i teksten (ved et "
            "fælles aktstykke nævnes begge ministerier).",
            suggestion=header,
        )


@rule("H-07", Severity.INFO, "Nummer og afgørelse tilføjes af Finansudvalget", scope="document")
def published_fields(doc: DocumentFacts) -> Iterator[Finding]:
    published = doc.draft.published
    if published is None:
        return
    if published.number and published.number.strip():
        yield finding(
            "H-07",
            at_header("published"),
            f"Aktstykket har nummeret »{published.number.strip()}«. Nummeret tildeles af "
            "Finansudvalget; fjern det i ministeriets udkast.",
            severity=Severity.WARNING,
        )
    rest = [
        name
        for name, value in (
            ("folketingsår", published.session),
            ("afgørelsesdato", published.decided),
            ("påtegning", published.endorsement),
        )
        if value and value.strip()
    ]
    if rest:
        yield finding(
            "H-07",
            at_header("published"),
            f"Aktstykket har Finansudvalgets oplysninger ({', '.join(rest)}) fra en offentliggjort "
            "udgave. De tilføjes af udvalgets sekretariat og skal ikke stå i et nyt udkast.",
        )


@rule("H-08", Severity.WARNING, "Folketingsåret passer til datoen", scope="document")
def session_label(doc: DocumentFacts) -> Iterator[Finding]:
    session = doc.ctx.flags.session
    if not session or not session.strip():
        return
    match = _SESSION.match(session)
    if match is None:
        yield finding(
            "H-08",
            at_header("session"),
            f"»{session}« er ikke et folketingsår. Skriv det som »2024-25« (i et valgår fx "
            "»2022-23 (2. samling)«).",
        )
        return
    first, second = int(match[1]), int(match[2])
    if (first + 1) % 100 != second:
        yield finding(
            "H-08",
            at_header("session"),
            f"»{session}« er ikke et folketingsår: det andet årstal skal følge efter det første, "
            f"fx »{first}-{(first + 1) % 100:02d}«.",
            suggestion=f"{first}-{(first + 1) % 100:02d}",
            replacement=f"{first}-{(first + 1) % 100:02d}",
        )
        return
    if doc.draft.date is None:
        return
    expected = session_year(doc.draft.date)
    if f"{first}-{second:02d}" != expected:
        samling = f" ({match[3]}. samling)" if match[3] else ""
        yield finding(
            "H-08",
            at_header("session"),
            f"Den {format_long_date(doc.draft.date)} hører til folketingsåret {expected} (det "
            f"begynder første tirsdag i oktober), ikke {session.strip()}.",
            suggestion=expected + samling,
            replacement=expected + samling,
        )
