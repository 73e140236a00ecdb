"""»Brug forslaget«: what applying a finding's exact correction (Finding.replacement)
changes in a draft, worked out without Qt so the editor only has to push the edit.

A finding is applied only while it is current: the caller checks the draft afresh
and passes the findings it got; a finding no longer among them (the text was edited
since) is refused with a reason, as is one whose span or cell is gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from forms.findings import Finding
from forms.model import Aktstykke, BudgetTable, Paragraph, SubHeading
from forms.typedinput import FIELDS, read_amount, read_field

STALE = (
    "Forslaget passer ikke længere til teksten, fordi den er ændret siden kontrollen. "
    "Se fundet igen."
)
NONE = "Fundet har intet forslag, der kan bruges direkte; ret teksten selv."


@dataclass(frozen=True)
class TextChange:
    """A prose block's text after the correction; the replacement at [start, end)."""

    letter: str
    block: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class CellChange:
    """An amount cell set to a value (the text kept as typed is dropped)."""

    letter: str
    block: int
    row: int
    column: int
    value: Decimal | None


@dataclass(frozen=True)
class FieldChange:
    """A header or signature field set to a value (a typed field's text kept as typed
    is dropped)."""

    path: str
    """The field's path in the draft ('ministry', 'flags.tb_amount')."""
    value: object


_TEXT_FIELDS = {
    ("header", "ministry"): "ministry",
    ("header", "place"): "place",
    ("header", "session"): "flags.session",
    ("signature", "minister"): "minister",
    ("signature", "date"): "signature_date",
}
"""The fields a finding names (area, field) that take a correction, by their path."""
_TYPED_FIELDS = {("header", field.location): field.path for field in FIELDS.values()}


@dataclass(frozen=True)
class Refusal:
    reason: str


Change = TextChange | CellChange | FieldChange


def can_apply(finding: Finding) -> bool:
    """Whether the finding carries a correction the editor can put in (a prose span,
    an amount cell, a header or signature field); says nothing of whether it is still
    current."""
    location = finding.location
    if finding.replacement is None:
        return False
    if location.area in ("header", "signature"):
        return _field_path(finding) is not None
    if location.area != "section" or location.block is None:
        return False
    if location.row is not None or location.column is not None:
        return location.row is not None and location.column is not None
    return location.start is not None and location.end is not None


def plan(draft: Aktstykke, finding: Finding, current: list[Finding]) -> Change | Refusal:
    """The change that applies `finding`'s replacement to `draft`, or why not.
    `current`: the findings of a check of `draft` as it is now."""
    if not can_apply(finding):
        return Refusal(NONE)
    if finding not in current:
        return Refusal(STALE)
    location = finding.location
    replacement = finding.replacement
    assert replacement is not None
    path = _field_path(finding)
    if path is not None:
        return _field(path, replacement)
    assert location.letter is not None and location.block is not None
    section = draft.section(location.letter)
    if section is None or not 0 <= location.block < len(section.blocks):
        return Refusal(STALE)
    block = section.blocks[location.block]
    if location.row is not None and location.column is not None:
        return _cell(
            block, location.letter, location.block, location.row, location.column, replacement
        )
    start, end = location.start, location.end
    assert start is not None and end is not None
    if not isinstance(block, Paragraph | SubHeading) or not 0 <= start <= end <= len(block.text):
        return Refusal(STALE)
    text = block.text
    if text[start:end] == replacement:
        return Refusal(STALE)
    return TextChange(
        location.letter,
        location.block,
        text[:start] + replacement + text[end:],
        start,
        start + len(replacement),
    )


def _cell(
    block: object, letter: str, index: int, row: int, column: int, replacement: str
) -> Change | Refusal:
    if not isinstance(block, BudgetTable):
        return Refusal(STALE)
    if not (0 <= row < len(block.rows) and 0 <= column < len(block.columns)):
        return Refusal(STALE)
    reading = read_amount(replacement)
    if not reading.ok:
        return Refusal(NONE)
    value = reading.value if isinstance(reading.value, Decimal) else None
    return CellChange(letter, index, row, column, value)


def _field_path(finding: Finding) -> str | None:
    key = (finding.location.area, finding.location.field or "")
    return _TYPED_FIELDS.get(key) or _TEXT_FIELDS.get(key)


def _field(path: str, replacement: str) -> Change | Refusal:
    if path not in FIELDS:
        return FieldChange(path, replacement)
    reading = read_field(path, replacement)
    if not reading.ok:
        return Refusal(NONE)
    return FieldChange(path, reading.value)
