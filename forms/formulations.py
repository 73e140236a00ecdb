"""Standard formulations (resources/formulations.json) as snippets for a litra.

A placeholder is text in [brackets]. [ministeriet] and [finansåret] are filled
from the draft when it knows them; the first placeholder left is selected on
insertion, so the author types straight over it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from forms.lazyre import lazy_compile
from forms.model import Aktstykke

PLACEHOLDER = lazy_compile(r"\[([^\[\]]+)\]")


@dataclass(frozen=True)
class Formulation:
    id: str
    letters: tuple[str, ...]
    title: str
    source: str
    text: str


@cache
def all_formulations() -> tuple[Formulation, ...]:
    raw = resources.files("resources").joinpath("formulations.json").read_text("utf-8")
    return tuple(
        Formulation(
            id=item["id"],
            letters=tuple(item["letters"]),
            title=item["title"],
            source=item["source"],
            text=item["text"],
        )
        for item in json.loads(raw)["formulations"]
    )


def for_letter(letter: str) -> list[Formulation]:
    return [f for f in all_formulations() if letter in f.letters]


def _known_values(draft: Aktstykke) -> dict[str, str]:
    values = {}
    if draft.ministry.strip():
        values["ministeriet"] = draft.ministry.strip()
    if draft.finansaar is not None:
        values["finansåret"] = str(draft.finansaar)
    return values


def expand(formulation: Formulation, draft: Aktstykke) -> tuple[str, tuple[int, int] | None]:
    """The snippet's text with what the draft knows filled in, and the span of
    the first placeholder still to be written (or None)."""
    known = _known_values(draft)
    text = PLACEHOLDER.sub(lambda m: known.get(m.group(1), m.group(0)), formulation.text)
    first = PLACEHOLDER.search(text)
    return text, (first.start(), first.end()) if first else None


def next_placeholder(text: str, after: int) -> tuple[int, int] | None:
    """The span of the next [placeholder] at or after a position, wrapping round."""
    match = PLACEHOLDER.search(text, after) or PLACEHOLDER.search(text)
    return (match.start(), match.end()) if match else None
