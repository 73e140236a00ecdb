"""The state the navigator shows for each part: derived from the catalog and the findings.

No rules live here: whether a litra is allowed comes from forms.catalog, what is
wrong comes from the checker's findings. Qt-free, so it is tested directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from forms.catalog import Need, spec, title
from forms.consent import fm_consent
from forms.findings import Finding, Severity
from forms.model import Aktstykke, BudgetTable

HEADER = "header"
PARTS: tuple[str, ...] = (HEADER, "a", "b", "c", "d", "e", "f")


class State(StrEnum):
    EMPTY = "tom"
    OK = "i orden"
    WARNINGS = "advarsler"
    ERRORS = "fejl"
    OMITTED = "udeladt"
    NOT_ALLOWED = "ikke tilladt for denne type"


@dataclass(frozen=True)
class PartSummary:
    state: State
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    present: bool = True
    note: str = ""
    """Said after the state, e.g. litra f's 'afventer Finansministeriet'."""

    @property
    def worst(self) -> Severity | None:
        if self.errors or (self.state is State.NOT_ALLOWED and self.present):
            return Severity.ERROR
        if self.warnings:
            return Severity.WARNING
        if self.infos:
            return Severity.INFO
        return None

    def text(self) -> str:
        """'2 fejl, 1 advarsel', 'tom – 1 fejl', 'i orden', 'ikke tilladt for denne type'."""
        counts = count_text(self.errors, self.warnings)
        if self.state in (State.ERRORS, State.WARNINGS):
            text = counts
        elif counts:
            text = f"{self.state.value} – {counts}"
        else:
            text = self.state.value
        return f"{text} · {self.note}" if self.note else text


def part_title(part: str) -> str:
    """'Hoved', 'b. Sagsfremstilling': a part as the navigator and the findings name it."""
    return "Hoved" if part == HEADER else f"{part}. {title(part)}"


def count_text(errors: int, warnings: int) -> str:
    """'2 fejl, 1 advarsel'; empty when there are neither."""
    parts = []
    if errors:
        parts.append(f"{errors} fejl")
    if warnings:
        parts.append(f"{warnings} {'advarsel' if warnings == 1 else 'advarsler'}")
    return ", ".join(parts)


def part_of(finding: Finding) -> str:
    """The navigator part a finding belongs to; document-wide ones go with the header."""
    location = finding.location
    if location.letter and location.area == "section":
        return location.letter
    if location.letter and location.area == "document":
        return location.letter
    return HEADER


def by_part(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {part: [] for part in PARTS}
    for finding in findings:
        grouped.setdefault(part_of(finding), []).append(finding)
    return grouped


def _is_empty(draft: Aktstykke, letter: str) -> bool:
    section = draft.section(letter)
    if section is None:
        return False
    for block in section.blocks:
        if isinstance(block, BudgetTable):
            if block.rows:
                return False
        elif block.text.strip():
            return False
    return True


def summarise(
    draft: Aktstykke, part: str, findings: Iterable[Finding], fp: str | None = None
) -> PartSummary:
    """The state of one part given the findings that belong to it (`fp`: the
    content's fingerprint when the caller has it cached)."""
    counts = {Severity.ERROR: 0, Severity.WARNING: 0, Severity.INFO: 0}
    for finding in findings:
        counts[finding.severity] += 1
    errors, warnings, infos = (
        counts[Severity.ERROR],
        counts[Severity.WARNING],
        counts[Severity.INFO],
    )
    if part == HEADER:
        empty = not (draft.ministry.strip() or draft.minister.strip())
        state = State.EMPTY if empty else _by_findings(errors, warnings)
        return PartSummary(state, errors, warnings, infos)
    present = draft.section(part) is not None
    if spec(part).need_for(draft.kind) is Need.NOT_ALLOWED:
        state = State.NOT_ALLOWED
    elif not present:
        state = State.OMITTED
    elif _is_empty(draft, part):
        state = State.EMPTY
    else:
        state = _by_findings(errors, warnings)
    return PartSummary(state, errors, warnings, infos, present, _note(draft, part, present, fp))


def _by_findings(errors: int, warnings: int) -> State:
    if errors:
        return State.ERRORS
    return State.WARNINGS if warnings else State.OK


def _note(draft: Aktstykke, part: str, present: bool, fp: str | None = None) -> str:
    """Litra f is not typed: say whether Finansministeriet's sign-off produces it."""
    if part != "f" or not present:
        return ""
    return fm_consent(draft, fp).navigator_note
