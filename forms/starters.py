"""Starting points for the usual kinds of aktstykke (issue 15 point 8).

Each starting point is a draft in resources/starters/ with its litra, sub-headings,
the standard formulations (DOMAIN.md section 6) and a budget table where the kind
needs one, written with sample text in [brackets] for the author to overwrite.
A few markers are filled in when a draft is made from it, so it is dated today
and speaks for the chosen ministry:

    {ministeriet}  the ministry (or "[Ministeriet]")
    {minister}     the minister (or "[Fornavn Efternavn]")
    {pp}           the ministry's Finance Act paragraf, two digits (or "PP")
    {år}, {år+1}, {år-1} …   the finansår (this year) and the years around it

    draft = make_draft("it-projekt", ministry="Digitaliseringsministeriet")
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from importlib import resources

from forms import ministries
from forms.draftfile import DraftFileError, loads_draft
from forms.lazyre import lazy_compile
from forms.model import Aktstykke, Metadata
from forms.templates import new_draft

FOLDER = "starters"
EMPTY = "tom"
MINISTRY_PLACEHOLDER = "[Ministeriet]"
MINISTER_PLACEHOLDER = "[Fornavn Efternavn]"
PARAGRAF_PLACEHOLDER = "PP"

_YEAR = lazy_compile(r"\{år(?:([+-])(\d))?\}")


@dataclass(frozen=True)
class Starter:
    key: str
    """What `aktstykke new --kind` takes, e.g. 'it-projekt'."""
    title: str
    description: str
    file: str | None
    """The draft in resources/starters/; None for the empty draft."""


STARTERS: tuple[Starter, ...] = (
    Starter(
        EMPTY,
        "Tomt aktstykke",
        "Et søgende aktstykke med tomme punkter a, b, c og e, som du selv skriver.",
        None,
    ),
    Starter(
        "tilskud",
        "Søgende aktstykke om tilskud",
        "Tilsagn om tilskud, der afholdes af en bevilling på finansloven: punkt a–f med "
        "standardformuleringerne og en budgettabel over tilskuddets dele.",
        "tilskud.aktstykke",
    ),
    Starter(
        "bygge-anlaeg",
        "Bygge- og anlægsprojekt",
        "Igangsætning af et byggeri: totaludgift med prisniveau, en flerårig tabel over "
        "udgifterne, finansiering, tidsplan, drift og husleje (budgetvejledningens pkt. 2.8.3).",
        "bygge-anlaeg.aktstykke",
    ),
    Starter(
        "it-projekt",
        "It-projekt",
        "Igangsætning af et it-projekt: udgiftstabel med hidtidigt forbrug og forventede "
        "udgifter, risikoprofil og Statens It-råds vurdering (budgetvejledningens pkt. 2.2.18).",
        "it-projekt.aktstykke",
    ),
    Starter(
        "tillaegsbevilling",
        "Tillægsbevilling med tekstanmærkning",
        "En merudgift, der optages på forslag til lov om tillægsbevilling: kontolinjerne i "
        "punkt e med den kompenserende besparelse, og en ny tekstanmærkning "
        "(budgetvejledningens pkt. 3.5.1 og 3.5.5).",
        "tillaegsbevilling.aktstykke",
    ),
    Starter(
        "orienterende",
        "Orienterende aktstykke",
        "Orientering af Finansudvalget, fx om status for et projekt, som udvalget tidligere "
        "har tiltrådt. Uden punkt c og e (budgetvejledningens pkt. 3.4.8).",
        "orienterende.aktstykke",
    ),
)


class StarterError(ValueError):
    """An unknown starting point, or one whose data cannot be read; Danish message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def keys() -> tuple[str, ...]:
    return tuple(s.key for s in STARTERS)


def starter(key: str) -> Starter:
    found = next((s for s in STARTERS if s.key == key), None)
    if found is None:
        raise StarterError(
            f"»{key}« er ikke en kendt slags aktstykke. Vælg en af: {', '.join(keys())}."
        )
    return found


def make_draft(
    key: str, *, today: dt.date | None = None, ministry: str = "", minister: str = ""
) -> Aktstykke:
    """A new draft from a starting point, dated today, for the given ministry."""
    spec = starter(key)
    today = today or dt.date.today()
    ministry, minister = " ".join(ministry.split()), " ".join(minister.split())
    if spec.file is None:
        return new_draft(today).model_copy(update={"ministry": ministry, "minister": minister})
    text = _template(spec.file)
    filled = _fill(
        text,
        ministry=ministry or MINISTRY_PLACEHOLDER,
        minister=minister or MINISTER_PLACEHOLDER,
        paragraf=_paragraf(ministry, today.year),
        year=today.year,
    )
    try:
        draft, _ = loads_draft(filled, spec.file)
    except DraftFileError as exc:  # our own data: a broken file is a program error
        raise StarterError(f"Udgangspunktet »{spec.title}« kan ikke læses: {exc.message}") from exc
    draft.date = today
    draft.finansaar = today.year
    draft.metadata = Metadata()
    return draft


def _template(name: str) -> str:
    return resources.files("resources").joinpath(FOLDER, name).read_text("utf-8")


def _fill(text: str, *, ministry: str, minister: str, paragraf: str, year: int) -> str:
    """The markers replaced inside the JSON text (values JSON-escaped)."""

    def literal(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)[1:-1]

    def year_of(match: re.Match[str]) -> str:
        sign, step = match.groups()
        offset = 0 if sign is None else int(step) * (1 if sign == "+" else -1)
        return str(year + offset)

    text = text.replace("{ministeriet}", literal(ministry))
    text = text.replace("{minister}", literal(minister))
    text = text.replace("{pp}", literal(paragraf))
    return _YEAR.sub(year_of, text)


def _paragraf(ministry: str, finansaar: int) -> str:
    """The ministry's own paragraf on the Finance Act ('28'), for the sample accounts."""
    table = ministries.paragraf_table(finansaar)
    name = ministries.canonical(ministry) if ministry else None
    if table is None or name is None:
        return PARAGRAF_PLACEHOLDER
    number = next((p for p, names in table.ministries.items() if name in names), None)
    return f"{number:02d}" if number is not None else PARAGRAF_PLACEHOLDER
