"""The ministries and the paragraf -> ministry table, read from resources/ministries.json.

Ressortomlægninger change both often, so they are data the office can edit,
not constants (DOMAIN.md A-01, H-06, K-04).
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

FILE = "ministries.json"


@dataclass(frozen=True)
class ParagrafTable:
    finansaar_from: int
    finansaar_to: int | None
    ministries: dict[int, tuple[str, ...]]
    general: frozenset[int]
    """Paragrafs every ministry may finance from (reserves, interest …)."""

    def covers(self, finansaar: int) -> bool:
        return self.finansaar_from <= finansaar and (
            self.finansaar_to is None or finansaar <= self.finansaar_to
        )


@cache
def _data() -> dict[str, Any]:
    text = resources.files("resources").joinpath(FILE).read_text("utf-8")
    data = json.loads(text)
    return data if isinstance(data, dict) else {}


@cache
def names() -> tuple[str, ...]:
    """Known ministry names, current and recent."""
    return tuple(str(name) for name in _data().get("names", ()))


@cache
def _tables() -> tuple[ParagrafTable, ...]:
    tables = []
    for raw in _data().get("paragraphs", ()):
        tables.append(
            ParagrafTable(
                int(raw["finansaar_from"]),
                int(raw["finansaar_to"]) if raw.get("finansaar_to") is not None else None,
                {int(k): tuple(v) for k, v in raw.get("ministries", {}).items()},
                frozenset(int(p) for p in raw.get("general", ())),
            )
        )
    return tuple(tables)


def paragraf_table(finansaar: int | None) -> ParagrafTable | None:
    """The paragraf table for a finansår, or None when the data has none for it."""
    if finansaar is None:
        return None
    return next((t for t in _tables() if t.covers(finansaar)), None)


def fold(text: str) -> str:
    """Case- and whitespace-insensitive form for comparing names in text."""
    return " ".join(text.split()).casefold()


@lru_cache(maxsize=32)  # bounded: the header's ministry changes with every keystroke
def name_pattern(extra: str = "") -> re.Pattern[str]:
    """Any known ministry name (and `extra`), longest first, case-insensitive."""
    candidates = {*names(), *([extra] if extra.strip() else [])}
    alternatives = sorted((re.escape(" ".join(n.split())) for n in candidates), key=len)
    body = "|".join(reversed(alternatives)).replace(r"\ ", r"\s+")
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def canonical(name: str) -> str | None:
    """The listed spelling of a ministry name, or None when it is not listed."""
    folded = fold(name)
    return next((n for n in names() if fold(n) == folded), None)


def closest(name: str) -> str | None:
    """The listed ministry a misspelt name most likely means."""
    found = difflib.get_close_matches(name.strip(), names(), n=1, cutoff=0.85)
    return found[0] if found else None
