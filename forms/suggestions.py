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
from forms.typedinput import read_amount

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
class Refusal:
    reason: str


Change = TextChange | CellChange


def can_apply(finding: Finding) -> bool:
    """Whether the finding carries a correction the editor can put in (prose span
    or amount cell); says nothing of whether it is still current."""
    location = finding.location
    if finding.replacement is None or location.area != "section" or location.block is None:
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
    assert replacement is not None and location.letter is not None and location.block is not None
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
