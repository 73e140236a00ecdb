"""Thresholds of Budgetvejledningen and the Finance Act, read as data.

The numbers live in resources/thresholds/ (DOMAIN.md section 5), keyed by
Budgetvejledning version and by finansår, because they change between
versions (60 vs 70 mio. kr.) and between Finance Acts (43,0 mio. kr. under
§ 6.3 in 2024). A message that quotes a threshold names where it comes from:
`Threshold.describe()` gives "over 70,0 mio. kr. (BV 2021, pkt. 2.2.18)".
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from forms.amounts import Unit, format_amount, format_number

FOLDER = "thresholds"
_COMPARISONS = {">=": "mindst", ">": "over"}


class ThresholdDataError(ValueError):
    """A threshold file that cannot be used; `message` is Danish and names the file."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Threshold:
    id: str
    title: str
    comparison: str
    source: str
    origin: str
    """Where the value comes from: a BV version ('BV 2021') or a Finance Act ('FL 2024')."""
    purpose: str = ""
    """What it decides: 'forelæggelse' (must go to Finansudvalget), 'risikovurdering' …"""
    amount: Decimal | None = None
    unit: Unit | None = None
    percent: Decimal | None = None
    categories: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()

    @property
    def amount_kr(self) -> Decimal | None:
        if self.amount is None or self.unit is None:
            return None
        return self.amount * self.unit.factor

    def reached_by(self, amount_kr: Decimal) -> bool:
        """Whether an amount (in kroner) falls under the threshold's rule."""
        limit = self.amount_kr
        if limit is None:
            return False
        return amount_kr >= limit if self.comparison == ">=" else amount_kr > limit

    @property
    def value_text(self) -> str:
        """'70,0 mio. kr.' or '10 pct.', formatted through babel."""
        if self.amount is not None and self.unit is not None:
            return format_amount(self.amount, self.unit).replace("\u00a0", " ")
        if self.percent is not None:
            return f"{format_number(self.percent, 0)} pct."
        return ""

    def describe(self) -> str:
        """'over 70,0 mio. kr. (BV 2021, pkt. 2.2.18)' for use in a message."""
        return f"{_COMPARISONS[self.comparison]} {self.value_text} ({self.origin}, {self.source})"


@dataclass(frozen=True)
class BvVersion:
    id: str
    name: str
    in_force_from: dt.date
    thresholds: Mapping[str, Threshold] = field(default_factory=dict)


@dataclass(frozen=True)
class ThresholdSet:
    """The thresholds that apply to one draft: its BV version plus its Finance Act's."""

    version: BvVersion
    finansaar: int | None
    thresholds: Mapping[str, Threshold]
    requested: str | None = None
    """The version the draft asked for (flags.bv_version), as written."""
    unknown_request: bool = False
    """True when the requested version is not in the data; `version` is then by date."""

    def get(self, threshold_id: str) -> Threshold | None:
        return self.thresholds.get(threshold_id)

    def for_category(self, category: str) -> list[Threshold]:
        return [t for t in self.thresholds.values() if category in t.categories]


def _read(name: str) -> dict[str, Any]:
    path = f"resources/{FOLDER}/{name}"
    try:
        text = resources.files("resources").joinpath(FOLDER, name).read_text("utf-8")
        data = json.loads(text)
    except FileNotFoundError:
        raise ThresholdDataError(f"Tærskelfilen »{path}« mangler.") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ThresholdDataError(f"Tærskelfilen »{path}« kan ikke læses: {exc}.") from None
    if not isinstance(data, dict):
        raise ThresholdDataError(f"Tærskelfilen »{path}« har ikke den forventede form.")
    return data


def _threshold(threshold_id: str, raw: dict[str, Any], origin: str, path: str) -> Threshold:
    try:
        comparison = raw["comparison"]
        if comparison not in _COMPARISONS:
            raise ValueError(f"ukendt sammenligning »{comparison}«")
        return Threshold(
            id=threshold_id,
            title=raw["title"],
            comparison=comparison,
            source=raw["source"],
            origin=origin,
            purpose=raw.get("purpose", ""),
            amount=Decimal(raw["amount"]) if "amount" in raw else None,
            unit=Unit(raw["unit"]) if "unit" in raw else None,
            percent=Decimal(raw["percent"]) if "percent" in raw else None,
            categories=tuple(raw.get("categories", ())),
            accounts=tuple(raw.get("accounts", ())),
        )
    except (KeyError, ValueError, ArithmeticError) as exc:
        raise ThresholdDataError(
            f"Tærsklen {threshold_id} i »{path}« er ufuldstændig eller forkert ({exc})."
        ) from None


@cache
def versions() -> tuple[BvVersion, ...]:
    """Every Budgetvejledning version in the data, oldest first."""
    path = f"resources/{FOLDER}/budgetvejledning.json"
    found = []
    for raw in _read("budgetvejledning.json").get("versions", []):
        try:
            version_id = raw["id"]
            start = dt.date.fromisoformat(raw["in_force_from"])
            name = raw.get("name", version_id)
        except (KeyError, ValueError, TypeError) as exc:
            raise ThresholdDataError(f"En version i »{path}« er ufuldstændig ({exc}).") from None
        thresholds = {
            key: _threshold(key, value, version_id, path)
            for key, value in raw.get("thresholds", {}).items()
        }
        found.append(BvVersion(version_id, name, start, thresholds))
    if not found:
        raise ThresholdDataError(f"»{path}« indeholder ingen versioner af budgetvejledningen.")
    return tuple(sorted(found, key=lambda v: v.in_force_from))


@cache
def finance_act_thresholds(finansaar: int) -> Mapping[str, Threshold]:
    """Thresholds a Finance Act sets for its own year (empty when not in the data)."""
    path = f"resources/{FOLDER}/finanslov.json"
    raw = _read("finanslov.json").get("finansaar", {}).get(str(finansaar), {})
    return {key: _threshold(key, value, f"FL {finansaar}", path) for key, value in raw.items()}


@cache
def parameters() -> Mapping[str, Any]:
    """Check parameters that are conventions, e.g. the word limit of litra a."""
    data = _read("parameters.json")
    data.pop("comment", None)
    return data


def version_for(day: dt.date | None) -> BvVersion:
    """The version in force on a day; the newest when the day is unknown."""
    known = versions()
    if day is None:
        return known[-1]
    current = known[0]
    for version in known:
        if version.in_force_from <= day:
            current = version
    return current


def find_version(requested: str) -> BvVersion | None:
    """A version by id or by its year: 'BV 2021', '2021', 'Budgetvejledning 2021'."""
    wanted = requested.strip().casefold()
    year = re.search(r"\d{4}", requested)
    for version in versions():
        if version.id.casefold() == wanted or version.name.casefold() == wanted:
            return version
    if year:
        for version in versions():
            if year.group() in version.id:
                return version
    return None


def thresholds_for(
    *, bv_version: str | None = None, finansaar: int | None = None, day: dt.date | None = None
) -> ThresholdSet:
    """The thresholds for a draft: the requested BV version (or the one in force
    on `day`) together with the Finance Act thresholds of `finansaar`."""
    version = find_version(bv_version) if bv_version else None
    unknown = bool(bv_version) and version is None
    if version is None:
        version = version_for(day)
    merged = dict(version.thresholds)
    if finansaar is not None:
        merged.update(finance_act_thresholds(finansaar))
    return ThresholdSet(version, finansaar, merged, bv_version, unknown)
