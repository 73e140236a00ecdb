"""What no aktstykke can hold, refused where a value enters the model.

A draft may be wrong in a hundred ways the checks report; these values are
different: no writer, check or export could handle them (a lone surrogate
cannot be written as UTF-8, 1E+999999 cannot be rounded, a sign-off time a
few hours from year 1 cannot be shown in local time, a finansår of 10^30 does
not fit the editor's field). The model refuses them with a Danish reason, so a
file holding one is refused at load with the field named, and nothing
downstream ever meets one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pydantic_core import PydanticCustomError

from forms.amounts import amount_problem

ERROR_TYPE = "aktstykke_value"
"""The pydantic error type of these refusals; its context holds `reason`,
`value` (the offending value, printable) and `index` (within a list field)."""

# One day from either end of datetime's range: converting to UTC or to any
# local time (offsets are under 24 hours) stays inside it.
_EARLIEST = dt.datetime.min + dt.timedelta(days=1)
_LATEST = dt.datetime.max - dt.timedelta(days=1)


def possible_value(value: object) -> object:
    """`value` (with -0 made 0), or a PydanticCustomError naming what is wrong.

    Called for every field of every model, so it dispatches on the exact type:
    most values (models, None, enums, booleans) cost one dictionary lookup.
    """
    kind = type(value)
    if kind is list:
        assert isinstance(value, list)
        return _possible_items(value)
    check = _CHECKS.get(kind)
    if check is None:
        return value
    problem, value = check(value)
    if problem:
        raise PydanticCustomError(
            ERROR_TYPE, "{reason}", {"reason": problem, "value": shown(value)}
        )
    return value


def _possible_items(items: list[Any]) -> list[Any]:
    result = items
    for index, item in enumerate(items):
        check = _CHECKS.get(type(item))
        if check is None:
            continue
        problem, checked = check(item)
        if problem:
            raise PydanticCustomError(
                ERROR_TYPE,
                "{reason}",
                {"reason": problem, "value": shown(item), "index": index},
            )
        if checked is not item:
            if result is items:
                result = list(items)
            result[index] = checked
    return result


def _text(value: str) -> tuple[str | None, str]:
    return (None if value.isascii() else text_problem(value)), value


def _amount(value: Decimal) -> tuple[str | None, Decimal]:
    if value.is_zero() and value.is_signed():
        return None, value.copy_abs()  # -0 means 0; never shown as "-0"
    return amount_problem(value), value


def _time(value: dt.datetime) -> tuple[str | None, dt.datetime]:
    return time_problem(value), value


def _integer(value: int) -> tuple[str | None, int]:
    return integer_problem(value), value


_Check = Callable[[Any], tuple[str | None, Any]]
_CHECKS: dict[type, _Check] = {str: _text, Decimal: _amount, dt.datetime: _time, int: _integer}
"""By exact type: bool (an int) and str enums are not checked, pydantic has."""


def integer_problem(number: int) -> str | None:
    """A whole number (year, block or character index) beyond 32 bits: the editor's
    fields and Python's indexing cannot take it, and no aktstykke needs it."""
    if -(2**31) <= number < 2**31:
        return None
    return "er et alt for stort tal til feltet"


def text_problem(text: str) -> str | None:
    """A lone surrogate (a JSON escape such as "\\ud800" not part of a pair) cannot be
    written as UTF-8: the file could never be saved or exported again."""
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return (
            f"indeholder et tegn, der ikke er gyldig Unicode ({shown(text[exc.start])}, "
            f"tegn nr. {exc.start + 1})"
        )
    return None


def time_problem(moment: dt.datetime) -> str | None:
    """A time whose conversion to UTC or local time would fall outside year 1–9999."""
    try:
        utc = moment if moment.utcoffset() is None else moment.astimezone(dt.UTC)
    except OverflowError:
        utc = None
    if utc is None or not _EARLIEST <= utc.replace(tzinfo=None) <= _LATEST:
        return "er et tidspunkt så nær år 1 eller år 9999, at det ikke kan regnes om til lokal tid"
    return None


def shown(value: object, limit: int = 60) -> str:
    """A value as a message may print it: surrogates escaped, long text shortened."""
    if isinstance(value, dt.datetime):
        value = value.isoformat()
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        text = text[: limit - 11] + "…" + text[-10:]
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
