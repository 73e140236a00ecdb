"""The section catalog: which litra exist, in which order, and what each is for.

The one place that knows the lettered points a-f (BV 3.5; DOMAIN S-01..S-05).
Guidance is our own short wording for the author, in Danish.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from forms.model import LETTERS, Kind


class Need(StrEnum):
    REQUIRED = "påkrævet"
    EXPECTED = "forventet"
    OPTIONAL = "valgfri"
    NOT_ALLOWED = "ikke tilladt"


@dataclass(frozen=True)
class SectionSpec:
    letter: str
    title: str
    guidance: str
    need: dict[Kind, Need]

    def need_for(self, kind: Kind) -> Need:
        return self.need[kind]


CATALOG: tuple[SectionSpec, ...] = (
    SectionSpec(
        "a",
        "Indledning",
        "Sig kort, hvilket ministerium der anmoder, hvad Finansudvalget skal "
        "tage stilling til, og hvor mange penge det drejer sig om i finansåret. "
        "Henvis højst til hovedkonto (§ PP.HA.KK.), og fordel ikke beløbet på "
        "senere år her.",
        {Kind.SOEGENDE: Need.REQUIRED, Kind.ORIENTERENDE: Need.REQUIRED},
    ),
    SectionSpec(
        "b",
        "Sagsfremstilling",
        "Forklar baggrund, indhold, økonomi og risici, så udvalget kan træffe "
        "beslutning. Brug gerne underoverskrifter (fx Baggrund, Budget, "
        "Væsentlige risikoelementer) og en budgettabel med en »I alt«-række, "
        "når beløbet består af flere dele eller år.",
        {Kind.SOEGENDE: Need.EXPECTED, Kind.ORIENTERENDE: Need.EXPECTED},
    ),
    SectionSpec(
        "c",
        "Motivering for forelæggelsen",
        "Forklar, hvorfor sagen forelægges Finansudvalget nu, og henvis til "
        "grundlaget, fx budgetvejledningens punkt, en tekstanmærkning eller en "
        "lov (»jf. …«). Udelades i et orienterende aktstykke.",
        {Kind.SOEGENDE: Need.REQUIRED, Kind.ORIENTERENDE: Need.NOT_ALLOWED},
    ),
    SectionSpec(
        "d",
        "Tilslutning fra andre myndigheder",
        "Kun når sagen afhænger af andre myndigheders tilslutning, fx et andet "
        "ministerium eller en kommune. Ellers udelades punktet helt; de "
        "følgende punkter beholder deres bogstaver.",
        {Kind.SOEGENDE: Need.OPTIONAL, Kind.ORIENTERENDE: Need.OPTIONAL},
    ),
    SectionSpec(
        "e",
        "Forslaget",
        "Den formelle anmodning, normalt indledt med »Under henvisning til "
        "ovenstående …«. Gentag beløb og hovedkonto fra a, og angiv hvordan "
        "sagen håndteres bevillingsmæssigt (tillægsbevilling, eksisterende "
        "bevilling eller senere bevillingslov). Udelades i et orienterende "
        "aktstykke.",
        {Kind.SOEGENDE: Need.REQUIRED, Kind.ORIENTERENDE: Need.NOT_ALLOWED},
    ),
    SectionSpec(
        "f",
        "Finansministeriets tilslutning",
        "Indeholder alene sætningen »Finansministeriets tilslutning "
        "foreligger.« – og kun når Finansministeriet faktisk har givet sin "
        "tilslutning.",
        {Kind.SOEGENDE: Need.REQUIRED, Kind.ORIENTERENDE: Need.REQUIRED},
    ),
)

assert tuple(s.letter for s in CATALOG) == LETTERS

_BY_LETTER = {spec.letter: spec for spec in CATALOG}


def spec(letter: str) -> SectionSpec:
    """The catalog entry of a litra; KeyError for a letter outside a-f."""
    return _BY_LETTER[letter]


def title(letter: str) -> str:
    return _BY_LETTER[letter].title


def letters(kind: Kind, *needs: Need) -> list[str]:
    """The litra whose need for this type of aktstykke is one of `needs`, in order."""
    return [s.letter for s in CATALOG if s.need_for(kind) in needs]


def danish_list(items: list[str]) -> str:
    """'a', 'c og e', 'a, b, c, e og f'."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} og {items[-1]}"


def points_of(kind: Kind) -> str:
    """'a, b, c, e og f (d efter behov)': the points an aktstykke of this type has."""
    has = danish_list(letters(kind, Need.REQUIRED, Need.EXPECTED))
    optional = letters(kind, Need.OPTIONAL)
    return f"{has} ({danish_list(optional)} efter behov)" if optional else has
