"""Understanding the document: header, FiU's additions, litra, signature, addressee.

Works on the pieces every source is read into (pieces.py), so Word, PDF and
text imports recognise an aktstykke by the same rules (DOMAIN sections 3 and 7).
Nothing is dropped: text that fits nowhere goes into the nearest litra and is
recorded as an import note (rule I-01).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from forms.dates import format_long_date
from forms.importing import patterns as p
from forms.importing.errors import SourceError
from forms.importing.pieces import Grid, Para, SourcePieces
from forms.importing.tables import read_grid
from forms.lazyre import lazy_compile
from forms.model import (
    LETTERS,
    Aktstykke,
    Block,
    Category,
    ImportNote,
    Kind,
    Paragraph,
    Published,
    Section,
    SubHeading,
)
from forms.signoff import record_stated_consent, states_consent
from forms.textnorm import fold_whitespace

_MINISTRY = lazy_compile(r"ministeri|styrelse|departement", re.IGNORECASE)
_NAME = lazy_compile(r"^[A-ZÆØÅ][\w.'’-]*(?:\s+[\w.'’-]+){0,5}$")
MARKINGS = ("UDKAST",)
_CATEGORY_WORDS = (
    (Category.IT, lazy_compile(r"\bit-\w+|\bit-projekt|\bdigitaliser\w*", re.IGNORECASE)),
    (
        Category.BYGGE_ANLAEG,
        lazy_compile(r"\b(?:nybyggeri|ombygning|anlægsprojekt\w*|byggeri\w*)", re.IGNORECASE),
    ),
    (
        Category.EJENDOM,
        lazy_compile(r"\b(?:køb|salg|erhvervelse)\s+af\s+(?:ejendom|\w*ejendom)\w*", re.IGNORECASE),
    ),
    (Category.TILSKUD, lazy_compile(r"\btilskud\w*", re.IGNORECASE)),
)
_ORIENTING = lazy_compile(r"\borienterer\b", re.IGNORECASE)


@dataclass
class Understood:
    draft: Aktstykke
    recognised: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)


def understand(source: SourcePieces, name: str, *, letters_found: bool) -> Understood:
    """Build the draft from the pieces; SourceError when it is no aktstykke.

    `letters_found` says the source has already marked the litra (text
    sources do it line by line); otherwise they are looked for here.
    """
    pieces = [piece for piece in source.pieces if not _is_empty(piece)]
    if not letters_found:
        pieces = _detect_litra(pieces)
    reader = _Reader(pieces, name)
    understood = reader.read()
    understood.recognised[:0] = source.recognised
    understood.guessed[:0] = source.guessed
    return understood


def _is_empty(piece: Para | Grid) -> bool:
    if isinstance(piece, Grid):
        return not any(cell.strip() for row in piece.rows for cell in row)
    return not piece.text.strip() and piece.litra is None


def _detect_litra(pieces: list[Para | Grid]) -> list[Para | Grid]:
    """Typed letters ('a. Udenrigsministeriet …', or 'a.' alone before its text),
    accepted only in increasing order (DOMAIN section 7)."""
    result: list[Para | Grid] = []
    previous = ""
    waiting: str | None = None
    for piece in pieces:
        if isinstance(piece, Grid):
            if waiting is not None:
                # A table opens the litra: the label stood alone above it.
                result.append(Para("", litra=waiting))
                waiting = None
            result.append(piece)
            continue
        if piece.litra is not None:
            if piece.litra > previous:
                previous = piece.litra
                result.append(piece)
            else:
                result.append(Para(piece.text, heading=piece.heading))
            continue
        if waiting is not None:
            result.append(Para(piece.text, heading=piece.heading, litra=waiting))
            waiting = None
            continue
        match = p.LITRA_AT_START.match(piece.text)
        if match and match.group(1) > previous and not piece.list_item:
            previous = match.group(1)
            rest = piece.text[match.end() :].strip()
            if rest:
                result.append(Para(rest, heading=piece.heading, litra=previous))
            else:
                waiting = previous
            continue
        result.append(piece)
    if waiting is not None:
        result.append(Para("", litra=waiting))
    return result


def _litra_of(piece: Para | Grid) -> str:
    return (piece.litra or "") if isinstance(piece, Para) else ""


def _text(piece: Para | Grid) -> str:
    if isinstance(piece, Grid):
        return " – ".join(cell for row in piece.rows for cell in row if cell.strip())
    return piece.text.strip()


class _Reader:
    def __init__(self, pieces: list[Para | Grid], name: str):
        self.pieces = pieces
        self.name = name
        self.recognised: list[str] = []
        self.guessed: list[str] = []
        self.draft = Aktstykke(date=None)
        self.published = Published()
        self.endorsement: list[str] = []
        self.front_leftovers: list[tuple[str, str]] = []
        self.tail_leftovers: list[tuple[str, str]] = []
        self.header_day_month: tuple[int, int] | None = None

    def read(self) -> Understood:
        litra = [
            i for i, piece in enumerate(self.pieces) if isinstance(piece, Para) and piece.litra
        ]
        if not litra:
            raise SourceError(
                self.name,
                f"»{self.name}« ligner ikke et aktstykke: der er ingen punkter a–f "
                "(linjer, der begynder med »a.«, »b.« …). Kun aktstykker kan importeres.",
            )
        body_end = self._read_tail(litra[-1])
        self._read_front(litra[0])
        mentions_committee = any(
            "finansudvalg" in _text(piece).lower() for piece in self.pieces[: body_end + 1]
        )
        framed = bool(self.draft.date or self.draft.minister or self._addressed)
        if not (framed or mentions_committee) or (len(litra) < 2 and not framed):
            raise SourceError(
                self.name,
                f"»{self.name}« ligner ikke et aktstykke: der er hverken et hoved med dato, "
                "en underskrift, »Til Finansudvalget.« eller en anmodning til "
                "Finansudvalget – og punkterne a–f "
                f"({', '.join(_litra_of(self.pieces[i]) for i in litra)}) alene er ikke nok. "
                "Kun aktstykker kan importeres.",
            )
        self._read_body(litra[0], body_end)
        self._place_leftovers()
        self._finish()
        self.recognised.sort(key=_report_order)
        return Understood(self.draft, self.recognised, self.guessed)

    # Front: FiU's additions and the header ---------------------------------------

    def _read_front(self, first_litra: int) -> None:
        found_header = False
        unclassified: list[str] = []
        in_endorsement = False
        for piece in self.pieces[:first_litra]:
            text = _text(piece)
            if isinstance(piece, Para) and self._published_line(text):
                in_endorsement = False
                continue
            if text in MARKINGS:
                self.recognised.append(f"Markeringen »{text}« er sat til side (ikke brødtekst).")
                continue
            if text.rstrip(".").upper() == "FORTROLIGT":
                self.draft.flags.confidential = True
                self.recognised.append("Markeret »Fortroligt«: aktstykket er sat som fortroligt.")
                continue
            if p.ENDORSEMENT.match(text) or (in_endorsement and not self._header_like(text)):
                self.endorsement.append(text)
                in_endorsement = True
                continue
            in_endorsement = False
            if not found_header and len(text) <= 300 and (match := p.HEADER.match(text)):
                found_header = self._take_header(match["ministry"], match["place"], match["date"])
                if found_header:
                    continue
            if not found_header and len(text) <= 300 and (match := p.PLACE_DATE.match(text)):
                ministry = ""
                if unclassified and _MINISTRY.search(unclassified[-1]):
                    ministry = unclassified.pop()
                found_header = self._take_header(ministry, match["place"], match["date"])
                continue
            unclassified.append(text)
        if not self.draft.ministry and unclassified and _MINISTRY.search(unclassified[0]):
            self.draft.ministry = unclassified.pop(0).rstrip(".").strip()
            self.guessed.append(
                f"Ministeriet »{self.draft.ministry}« er taget fra en linje over punkterne "
                "uden sted og dato."
            )
        for text in unclassified:
            self.front_leftovers.append((text, "stod før punkt a og er ikke en del af hovedet"))
        if not found_header and not self.draft.ministry:
            self.guessed.append(
                "Hovedet (»<Ministerium>. København, den <dato>.«) blev ikke fundet; "
                "udfyld ministerium, sted og dato."
            )

    def _header_like(self, text: str) -> bool:
        return bool(
            len(text) <= 300 and (p.HEADER.match(text) or p.PLACE_DATE.match(text))
        ) or bool(_MINISTRY.search(text) and len(text.split()) <= 8)

    def _published_line(self, text: str) -> bool:
        if match := p.PUBLISHED_NUMBER.match(text):
            self.published.number = match["number"]
        elif match := p.PUBLISHED_SESSION.match(text):
            self.published.session = re.sub(r"\s*-\s*", "-", fold_whitespace(match["session"]))
        elif match := p.PUBLISHED_DECIDED.match(text):
            self.published.decided = fold_whitespace(match["decided"])
        elif p.PRINT_CODE.match(text):
            self.recognised.append(
                f"Folketingets trykkode »{text.strip()}« er sat til side (ikke brødtekst)."
            )
        else:
            return False
        return True

    def _take_header(self, ministry: str, place: str, date_text: str) -> bool:
        ministry = fold_whitespace(ministry).rstrip(".").strip()
        self.draft.ministry = ministry
        self.draft.place = fold_whitespace(place)
        self.draft.date = p.parse_date(date_text)
        shown = [part for part in (ministry, self.draft.place) if part]
        if self.draft.date:
            shown.append(format_long_date(self.draft.date))
        elif day_month := p.parse_day_month(date_text):
            self.header_day_month = day_month
            shown.append(fold_whitespace(date_text))
        else:
            self.guessed.append(
                f"Datoen i hovedet (»{fold_whitespace(date_text)}«) er ufuldstændig eller "
                "ugyldig; udfyld den."
            )
        self.recognised.append("Hoved: " + ", ".join(shown) + ".")
        if not ministry:
            self.guessed.append("Hovedet nævner intet ministerium; udfyld det.")
        return True

    # Tail: signature, addressee, additions after it -------------------------------

    def _read_tail(self, last_litra: int) -> int:
        """Reads the signature, addressee and what follows; returns where the body ends."""
        pieces = self.pieces
        addressee = None
        for index in range(len(pieces) - 1, last_litra, -1):
            piece = pieces[index]
            if isinstance(piece, Para) and p.ADDRESSEE.match(piece.text):
                addressee = index
                break
        self._addressed = addressee is not None
        end = addressee if addressee is not None else len(pieces)
        signature = None
        for index in range(end - 1, last_litra, -1):
            piece = pieces[index]
            if (
                isinstance(piece, Para)
                and len(piece.text) <= 120
                and p.PLACE_DATE.match(piece.text)
            ):
                signature = index
                break
        body_end = end
        if signature is not None:
            body_end = signature
            signed = pieces[signature]
            assert isinstance(signed, Para)  # found as a Para above
            match = p.PLACE_DATE.match(signed.text)
            assert match is not None
            self.draft.signature_date = p.parse_date(match["date"])
            between = [_text(piece) for piece in pieces[signature + 1 : end]]
            between = [text for text in between if text]
            if between and " / " in between[0]:
                # "Minister / Embedsmand": the countersignature has no field of its own.
                name, _, counter = between[0].partition(" / ")
                between[0:1] = [name.strip(), "/ " + counter.strip()]
            if between and _NAME.match(between[0]):
                self.draft.minister = between.pop(0)
            for text in between:
                self.tail_leftovers.append((text, "stod i underskriften efter ministerens navn"))
            shown = fold_whitespace(match["place"])
            if self.draft.signature_date:
                shown += ", " + format_long_date(self.draft.signature_date)
            self.recognised.append(
                f"Underskrift: {shown}"
                + (f", {self.draft.minister}." if self.draft.minister else ".")
            )
            if not self.draft.minister:
                self.guessed.append(
                    "Ministerens navn blev ikke fundet under datolinjen; udfyld det."
                )
        elif addressee is not None and addressee - 1 > last_litra:
            candidate = pieces[addressee - 1]
            if isinstance(candidate, Para) and not candidate.litra and _NAME.match(candidate.text):
                self.draft.minister = candidate.text.strip()
                body_end = addressee - 1
                self.guessed.append(
                    f"Ministerens navn »{self.draft.minister}« er taget fra linjen over "
                    "»Til Finansudvalget.«; der var ingen datolinje i underskriften."
                )
        else:
            self.guessed.append(
                "Underskriften (»København, den <dato>« og ministerens navn) blev ikke fundet."
            )
        if addressee is not None:
            self.recognised.append("Modtager: Til Finansudvalget.")
        else:
            self.guessed.append(
                "Sidste linje »Til Finansudvalget.« mangler; den tilføjes ved eksport."
            )
        if addressee is not None:
            in_endorsement = False
            for piece in pieces[addressee + 1 :]:
                text = _text(piece)
                if isinstance(piece, Para) and self._published_line(text):
                    continue
                if p.ENDORSEMENT.match(text) or in_endorsement:
                    self.endorsement.append(text)
                    in_endorsement = True
                    continue
                self.tail_leftovers.append((text, "stod efter »Til Finansudvalget.«"))
        return body_end

    # Body: the litra and their blocks ----------------------------------------------

    def _read_body(self, start: int, end: int) -> None:
        sections: list[Section] = []
        section: Section | None = None
        headings: list[str] = []
        for piece in self.pieces[start:end]:
            if isinstance(piece, Para) and piece.litra:
                section = Section(letter=piece.litra)
                sections.append(section)
                if piece.text:
                    section.blocks.append(self._block(piece, headings))
                continue
            assert section is not None  # the body starts at a litra
            if isinstance(piece, Grid):
                reading = read_grid(piece, f"litra {section.letter}")
                section.blocks.extend(reading.blocks)
                self.recognised += reading.recognised
                self.guessed += reading.guessed
            else:
                section.blocks.append(self._block(piece, headings))
        self.draft.sections = sections
        letters = [s.letter for s in sections]
        missing = [
            letter for letter in LETTERS[: LETTERS.index(letters[-1])] if letter not in letters
        ]
        text = "Punkter: " + ", ".join(letters)
        if missing:
            text += f" ({', '.join(missing)} er udeladt)"
        self.recognised.append(text + ".")
        if headings:
            self.recognised.append(f"Underoverskrifter: {len(headings)} ({', '.join(headings)}).")

    def _block(self, piece: Para, headings: list[str]) -> Block:
        text = fold_whitespace(piece.text)
        if piece.heading:
            headings.append(text)
            return SubHeading(text=text)
        return Paragraph(text=text)

    def _place_leftovers(self) -> None:
        sections = self.draft.sections
        first, last = sections[0], sections[-1]
        notes: list[ImportNote] = []
        at = 1 if first.blocks else 0
        for offset, (text, _) in enumerate(self.front_leftovers):
            first.blocks.insert(at + offset, Paragraph(text=text))
        for offset, (text, reason) in enumerate(self.front_leftovers):
            notes.append(
                ImportNote(letter=first.letter, block=at + offset, text=text, reason=reason)
            )
        for text, reason in self.tail_leftovers:
            last.blocks.append(Paragraph(text=text))
            notes.append(
                ImportNote(letter=last.letter, block=len(last.blocks) - 1, text=text, reason=reason)
            )
        self.draft.import_notes = notes
        for note in notes:
            self.guessed.append(
                f"Tekst uden fast plads (»{_short(note.text)}«, {note.reason}) er lagt i "
                f"litra {note.letter}; flyt eller slet den."
            )

    # Everything else: published additions, dates, kind, finansår -------------------

    def _complete_header_year(self, day_month: tuple[int, int]) -> None:
        """A header date without its year takes the year of the signature, of
        Finansudvalget's decision, or of the finansår named in litra a."""
        day, month = day_month
        candidates = []
        if self.draft.signature_date:
            candidates.append((self.draft.signature_date.year, "underskriftens dato"))
        decided = p.parse_date(self.published.decided or "")
        if decided:
            candidates.append((decided.year, "Finansudvalgets afgørelse"))
        a = self.draft.section("a")
        year = p.FINANSAAR.search(" ".join(getattr(b, "text", "") for b in a.blocks)) if a else None
        if year:
            candidates.append((int(year.group(1)), "finansåret i litra a"))
        for year_value, source in candidates:
            try:
                self.draft.date = dt.date(year_value, month, day)
            except ValueError:
                continue
            self.guessed.append(
                f"Hovedets dato stod uden årstal; {year_value} er taget fra {source}."
            )
            return

    def _finish(self) -> None:
        draft = self.draft
        self._record_stated_fm_consent()
        if self.endorsement:
            self.published.endorsement = "\n".join(self.endorsement)
        if any(self.published.model_dump().values()):
            draft.published = self.published
            parts = []
            if self.published.number:
                parts.append(f"Aktstykke nr. {self.published.number}")
            if self.published.session:
                parts.append(f"Folketinget {self.published.session}")
            if self.published.decided:
                parts.append(f"afgjort den {self.published.decided}")
            if self.published.endorsement:
                parts.append(f"påtegning »{_short(self.published.endorsement)}«")
            self.recognised.append(
                "Finansudvalgets tilføjelser (gemt som oplysninger, ikke brødtekst): "
                + ", ".join(parts)
                + "."
            )
        if draft.date is None and self.header_day_month is not None:
            self._complete_header_year(self.header_day_month)
        if draft.date is None and draft.signature_date is not None:
            draft.date, draft.signature_date = draft.signature_date, None
            self.guessed.append("Hovedets dato manglede; datoen fra underskriften er brugt.")
        elif draft.signature_date == draft.date:
            draft.signature_date = None
        elif draft.signature_date is not None:
            self.recognised.append("Underskriftens dato afviger fra hovedets og er gemt for sig.")
        a = draft.section("a")
        a_text = " ".join(b.text for b in a.blocks if hasattr(b, "text")) if a else ""
        if _ORIENTING.search(a_text) and draft.section("c") is None and draft.section("e") is None:
            draft.kind = Kind.ORIENTERENDE
            self.guessed.append(
                "Typen er sat til orienterende: litra a orienterer, og der er hverken c eller e."
            )
        for category, pattern in _CATEGORY_WORDS:
            if match := pattern.search(a_text):
                draft.category = category
                self.guessed.append(
                    f"Kategorien er sat til »{category.value}« ud fra ordet "
                    f"»{match.group(0)}« i litra a; ret den, hvis den er forkert."
                )
                break
        year = p.FINANSAAR.search(a_text)
        if year:
            draft.finansaar = int(year.group(1))
        elif draft.date:
            draft.finansaar = draft.date.year
            self.guessed.append(
                f"Finansåret er sat til {draft.finansaar} ud fra datoen; litra a nævner det ikke."
            )

    def _record_stated_fm_consent(self) -> None:
        """Litra f is produced from Finansministeriet's consent, never typed. A source
        whose f states the consent keeps that as "oplyst i kildedokumentet": shown to
        the author, never counted (the consent must be recorded, with Finansministeriet's
        reference, by the person who received it); the report says so."""
        section_f = self.draft.section("f")
        if section_f is None or not any(
            isinstance(block, Paragraph) and states_consent(block) for block in section_f.blocks
        ):
            return
        record_stated_consent(self.draft, self.name)
        self.guessed.append(
            "Litra f: kilden siger, at Finansministeriets tilslutning foreligger. Det er gemt "
            "som »oplyst i kildedokumentet« og tæller ikke: registrér tilslutningen under "
            "Godkendelser med Finansministeriets reference."
        )


_ORDER = (
    "Markeringen",
    "Finansudvalgets",
    "Folketingets",
    "Hoved",
    "Punkter",
    "Under",
    "Budgettabel",
    "Underskrift",
    "Modtager",
)


def _report_order(line: str) -> int:
    """Report lines in reading order: FiU's additions, header, litra, tables, signature."""
    if line.startswith("Underskrift"):
        return _ORDER.index("Underskrift")
    return next((i for i, word in enumerate(_ORDER) if line.startswith(word)), len(_ORDER))


def _short(text: str, limit: int = 60) -> str:
    text = fold_whitespace(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
