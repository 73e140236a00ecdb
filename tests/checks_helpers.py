"""Helpers for the check tests: the clean example, changed in one place at a time.

Each rule test starts from the bundled example (which passes every check) and
changes exactly what the rule is about, so the finding it expects is the
rule's own and not a side effect.
"""

from __future__ import annotations

from decimal import Decimal

from forms.amounts import Unit
from forms.checks import check_draft
from forms.findings import Finding, Location
from forms.model import Aktstykke, BudgetTable, Paragraph, Section, SubHeading, TableRow
from forms.templates import load_example


def example() -> Aktstykke:
    return load_example()


def section(draft: Aktstykke, letter: str) -> Section:
    found = draft.section(letter)
    assert found is not None, f"the example has no litra {letter}"
    return found


def set_text(draft: Aktstykke, letter: str, *paragraphs: str) -> Aktstykke:
    """Replace a litra's blocks with the given paragraphs."""
    section(draft, letter).blocks = [Paragraph(text=t) for t in paragraphs]
    return draft


def add_paragraph(draft: Aktstykke, letter: str, text: str) -> int:
    """Append a paragraph to a litra; returns its block index."""
    blocks = section(draft, letter).blocks
    blocks.append(Paragraph(text=text))
    return len(blocks) - 1


def add_section(draft: Aktstykke, letter: str, *paragraphs: str) -> Aktstykke:
    """Insert a litra in alphabetical position."""
    new = Section(letter=letter, blocks=[Paragraph(text=t) for t in paragraphs])
    position = sum(1 for s in draft.sections if s.letter < letter)
    draft.sections.insert(position, new)
    return draft


def remove_section(draft: Aktstykke, letter: str) -> Aktstykke:
    draft.sections = [s for s in draft.sections if s.letter != letter]
    return draft


def main_table(draft: Aktstykke) -> tuple[int, BudgetTable]:
    blocks = section(draft, "b").blocks
    index = next(i for i, b in enumerate(blocks) if isinstance(b, BudgetTable))
    return index, blocks[index]


def table(
    rows: list[list[str | None]],
    columns: list[str] | None = None,
    unit: Unit = Unit.MIO,
    labels: list[str] | None = None,
    **extra,
) -> BudgetTable:
    columns = columns if columns is not None else [""]
    labels = labels or [f"Post {i + 1}" for i in range(len(rows))]
    return BudgetTable(
        unit=unit,
        columns=columns,
        rows=[
            TableRow(label=label, values=[None if v is None else Decimal(v) for v in values])
            for label, values in zip(labels, rows, strict=True)
        ],
        **extra,
    )


def put_table(draft: Aktstykke, new: BudgetTable) -> int:
    """Replace the example's budget table; returns its block index."""
    index, _ = main_table(draft)
    section(draft, "b").blocks[index] = new
    return index


def heading(text: str) -> SubHeading:
    return SubHeading(text=text)


def of(findings: list[Finding], rule_id: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule_id]


def one(draft: Aktstykke, rule_id: str, **kwargs) -> Finding:
    """The single finding of a rule (fails with the list when there are more or none)."""
    found = of(check_draft(draft, **kwargs), rule_id)
    assert len(found) == 1, f"expected one {rule_id}, got {found}"
    return found[0]


def none_of(draft: Aktstykke, rule_id: str) -> None:
    found = of(check_draft(draft), rule_id)
    assert found == [], f"expected no {rule_id}, got {found}"


def span_of(draft: Aktstykke, letter: str, block: int, text: str) -> Location:
    """The location of `text` inside a paragraph, as the checks report it."""
    paragraph = section(draft, letter).blocks[block]
    start = paragraph.text.index(text)
    return Location(area="section", letter=letter, block=block, start=start, end=start + len(text))


def at_letter(letter: str) -> Location:
    return Location(area="section", letter=letter)
