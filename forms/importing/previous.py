"""'Ny fra tidligere aktstykke': last year's aktstykke as the start of a new one.

The date, the sign-offs and Finansudvalget's additions belong to the old case
and are cleared. Every amount is marked for review (rule R-01) and reported
until the author confirms it or changes it, so last year's figures cannot
slip through unchanged.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from forms.amounts import format_amount, format_in_unit
from forms.findings import Finding, Location, Severity
from forms.lazyre import lazy_compile
from forms.model import Aktstykke, Block, BudgetTable, Metadata, ReviewMark

RULE_REVIEW = "R-01"
FLAG_AMOUNTS = {"tb_amount": "tillægsbevillingsbeløbet", "new_laaneramme": "den nye låneramme"}

# Any amount with a kroner unit in prose: "100,0 mio. kr.", "1.250 kr.", "12345 kr".
_AMOUNT = lazy_compile(r"(?<![\w.,])[-−–]?\d[\d.]*(?:,\d+)?\s*(?:mio\.|mia\.)?\s*kr\.?(?!\w)")


def new_from_previous(draft: Aktstykke) -> Aktstykke:
    """A new draft from a previous aktstykke; the given draft is not changed.

    The previous aktstykke counts as it reads: changes still pending from a
    returned Word file are applied first; its review comments belong to the old
    case and do not come along."""
    from forms.roundtrip.review import accept_all

    if draft.pending_changes:
        draft = accept_all(draft, conflicts=True).draft
    fresh = draft.model_copy(deep=True)
    fresh.pending_changes = []
    fresh.comments = []
    fresh.date = None
    fresh.signature_date = None
    fresh.signoffs = []
    fresh.audit = []
    fresh.published = None
    fresh.flags.session = None
    fresh.metadata = Metadata()
    for _, _, table in fresh.tables():
        # Totals typed in the old document say nothing about the new figures.
        table.stated_column_totals = None
        table.stated_grand_total = None
        for row in table.rows:
            row.stated_total = None
    fresh.review = review_marks(fresh)
    return fresh


def review_marks(draft: Aktstykke) -> list[ReviewMark]:
    """A mark for every amount: prose amounts with a unit, table cells, flag amounts."""
    marks: list[ReviewMark] = []
    for section in draft.sections:
        for index, block in enumerate(section.blocks):
            if isinstance(block, BudgetTable):
                for row_index, row in enumerate(block.rows):
                    for column, value in enumerate(row.values[: len(block.columns)]):
                        if value is not None:
                            marks.append(
                                ReviewMark(
                                    letter=section.letter,
                                    block=index,
                                    row=row_index,
                                    column=column,
                                    original=str(value),
                                )
                            )
                continue
            for match in _AMOUNT.finditer(block.text):
                marks.append(
                    ReviewMark(
                        letter=section.letter,
                        block=index,
                        start=match.start(),
                        end=match.end(),
                        original=match.group(0),
                    )
                )
    for name in FLAG_AMOUNTS:
        value = getattr(draft.flags, name)
        if value is not None:
            marks.append(ReviewMark(field=name, original=str(value)))
    return marks


def confirm_review(draft: Aktstykke, mark: ReviewMark) -> bool:
    """The author confirms the amount: its R-01 finding goes away. False when
    the mark was not (or no longer) on the draft."""
    if mark not in draft.review:
        return False
    remaining = list(draft.review)
    remaining.remove(mark)
    draft.review = remaining
    return True


def locate_review(draft: Aktstykke) -> list[tuple[ReviewMark, Location]]:
    """Every unconfirmed amount that still stands unchanged, with where it is now.

    A mark is first looked for where it was made; when the author has moved
    text (or inserted blocks) it is looked for elsewhere in the same litra,
    never on an amount another mark already stands on. An amount that was
    changed is no longer last year's figure and is not reported.
    """
    claimed: set[tuple[object, ...]] = set()
    found: dict[int, Location] = {}
    pending = list(enumerate(draft.review))
    for exact in (True, False):
        still = []
        for number, mark in pending:
            location = _locate(draft, mark, claimed, exact=exact)
            if location is None:
                still.append((number, mark))
                continue
            found[number] = location
            claimed.add(_key(location))
        pending = still
    return [(mark, found[number]) for number, mark in enumerate(draft.review) if number in found]


def review_findings(draft: Aktstykke) -> list[Finding]:
    findings = []
    for mark, location in locate_review(draft):
        findings.append(
            Finding(
                rule=RULE_REVIEW,
                severity=Severity.WARNING,
                location=location,
                message=(
                    f"{_describe(draft, mark, location)} er overtaget fra det tidligere "
                    "aktstykke og endnu ikke bekræftet. Kontrollér, at det gælder for den "
                    "nye sag."
                ),
                suggestion="Ret beløbet, eller bekræft det, hvis det stadig er rigtigt.",
            )
        )
    return findings


def _describe(draft: Aktstykke, mark: ReviewMark, location: Location) -> str:
    if mark.field is not None:
        value = getattr(draft.flags, mark.field)
        return f"Beløbet for {FLAG_AMOUNTS.get(mark.field, mark.field)} ({value})"
    if location.row is not None:
        section = draft.section(location.letter or "")
        table = section.blocks[location.block or 0] if section else None
        if isinstance(table, BudgetTable):
            value = table.cell(location.row, location.column or 0)
            if value is not None:
                label = table.rows[location.row].label
                return (
                    f"Beløbet {format_amount(value, table.unit)} i tabellens række »{label}«"
                    if label
                    else f"Beløbet {format_in_unit(value, table.unit)} i tabellen"
                )
    return f"Beløbet »{mark.original}«"


def _key(location: Location) -> tuple[object, ...]:
    return (
        location.field,
        location.letter,
        location.block,
        location.start,
        location.row,
        location.column,
    )


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _locate(
    draft: Aktstykke, mark: ReviewMark, claimed: set[tuple[object, ...]], *, exact: bool
) -> Location | None:
    if mark.field is not None:
        if not exact or mark.field not in FLAG_AMOUNTS:
            return None
        value = getattr(draft.flags, mark.field)
        if value is not None and value == _decimal(mark.original):
            return Location(area="document", field=mark.field)
        return None
    section = draft.section(mark.letter or "")
    if section is None or mark.block is None:
        return None
    order = [mark.block] if exact else _nearest_first(mark.block, len(section.blocks))
    for index in order:
        if not 0 <= index < len(section.blocks):
            continue
        block = section.blocks[index]
        if mark.row is not None:
            location = _locate_cell(section.letter, index, block, mark, claimed)
        else:
            location = _locate_span(section.letter, index, block, mark, claimed, exact=exact)
        if location is not None:
            return location
    return None


def _nearest_first(start: int, count: int) -> list[int]:
    return sorted(range(count), key=lambda index: (abs(index - start), index))


def _locate_cell(
    letter: str, index: int, block: Block, mark: ReviewMark, claimed: set[tuple[object, ...]]
) -> Location | None:
    row = mark.row
    if not isinstance(block, BudgetTable) or row is None or row >= len(block.rows):
        return None
    column = mark.column or 0
    if column >= len(block.columns):
        return None
    if block.cell(row, column) != _decimal(mark.original):
        return None
    location = Location(letter=letter, block=index, row=row, column=column)
    return None if _key(location) in claimed else location


def _locate_span(
    letter: str,
    index: int,
    block: Block,
    mark: ReviewMark,
    claimed: set[tuple[object, ...]],
    *,
    exact: bool,
) -> Location | None:
    if isinstance(block, BudgetTable):
        return None
    text = block.text
    spans = []
    if exact and mark.start is not None and text[mark.start : mark.end] == mark.original:
        spans = [mark.start]
    elif not exact:
        pattern = r"(?<![\d.,])" + re.escape(mark.original)
        spans = [m.start() for m in re.finditer(pattern, text)]
        spans.sort(key=lambda start: abs(start - (mark.start or 0)))
    for start in spans:
        location = Location(letter=letter, block=index, start=start, end=start + len(mark.original))
        if _key(location) not in claimed:
            return location
    return None
