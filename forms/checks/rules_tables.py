"""Budget tables: TAB-01..TAB-07.

Totals are computed by the model, Decimal-exact, so a table typed in the
editor always adds up. What can be wrong: a total stated in an imported
document (TableRow.stated_total, BudgetTable.stated_column_totals,
stated_grand_total), a total typed as an ordinary row or column, and figures
that no longer add up once rounded for display (TAB-05). Sums are checked in
tables only, never in prose (DOMAIN TAB-03).

Tolerance (TAB-02): each displayed figure carries at most half a unit of its
last decimal of rounding error, so a total of n figures may be off by
half × (n + 1): 0,05 × (n + 1) for mio. kr. with one decimal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import TypeVar

from forms.amounts import Unit, format_in_unit, quantize
from forms.checks import phrases
from forms.checks.facts import Context, DocumentFacts, SectionFacts, at_letter
from forms.checks.registry import finding, rule
from forms.findings import Finding, Location, Severity
from forms.model import BudgetTable, Category
from forms.tabletotals import replace_message, typed_totals

_T = TypeVar("_T")


def _half(table: BudgetTable) -> Decimal:
    return Decimal(5).scaleb(-(table.unit.decimals + 1))


def _show(value: Decimal, table: BudgetTable) -> str:
    return format_in_unit(value, table.unit)


def _column_name(table: BudgetTable, column: int) -> str:
    heading = table.column_heading(column).strip()
    return f"»{heading}«" if heading else f"kolonne {column + 1}"


@dataclass(frozen=True)
class StatedTotal:
    """A total typed in an imported document, next to the one computed."""

    what: str
    row: int
    column: int
    stated: Decimal
    computed: Decimal
    terms: int

    def difference(self) -> Decimal:
        return abs(self.computed - self.stated)


def _stated_totals(table: BudgetTable) -> Iterator[tuple[str, StatedTotal]]:
    """('column' | 'row' | 'grand', StatedTotal) for every stated total of a table."""
    rows, columns = len(table.rows), len(table.columns)
    totals = table.column_totals()
    stated_columns = table.stated_column_totals or []
    for column, stated in enumerate(stated_columns[:columns]):
        if stated is not None:
            yield (
                "column",
                StatedTotal(
                    f"»I alt« i {_column_name(table, column)}",
                    rows,
                    column,
                    stated,
                    totals[column],
                    rows,
                ),
            )
    for row, item in enumerate(table.rows):
        if item.stated_total is not None:
            label = item.label.strip() or f"række {row + 1}"
            yield (
                "row",
                StatedTotal(
                    f"»I alt« for »{label}«",
                    row,
                    columns,
                    item.stated_total,
                    table.row_total(row),
                    columns,
                ),
            )
    grand = table.stated_grand_total
    single_stated = columns == 1 and stated_columns[:1] and stated_columns[0] is not None
    if grand is not None and not single_stated:
        column = columns if table.has_total_column else 0
        yield (
            "grand",
            StatedTotal(
                "tabellens samlede »I alt«",
                rows,
                column,
                grand,
                table.grand_total(),
                rows * columns,
            ),
        )


def _stated_list(table: BudgetTable) -> list[tuple[str, StatedTotal]]:
    return list(_stated_totals(table))


def _derived(
    facts: SectionFacts, index: int, table: BudgetTable, compute: Callable[[BudgetTable], _T]
) -> _T:
    """`compute(table)` for the table at block `index`, once per table content: the
    table rules re-run whenever any paragraph of their litra changes, its tables
    mostly not (BlockFacts.derived)."""
    block = facts.blocks[index] if 0 <= index < len(facts.blocks) else None
    if block is None or block.table is not table:
        return compute(table)
    return block.derived(compute)


def _beyond(table: BudgetTable, stated: StatedTotal) -> bool:
    return stated.difference() > _half(table) * (stated.terms + 1)


def _has_rounding_note(table: BudgetTable) -> bool:
    return bool(phrases.ROUNDING_NOTE.search(table.note.casefold()))


@rule("TAB-01", Severity.WARNING, "Tabellens enhed står i hovedet og passer")
def unit_in_header(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    for index, table in facts.tables:
        for column, written in _derived(facts, index, table, _wrong_units):
            yield finding(
                "TAB-01",
                facts.at_cell(index, None, column) if column is not None else facts.at(index),
                f"Tabellens overskrift siger »{written}«, men tabellens "
                f"enhed er {table.unit.value} – tallene vises i {table.unit.value}. "
                "Ret enheden eller overskriften.",
                suggestion=table.unit.heading,
            )
        years = _derived(facts, index, table, _year_columns)
        investment = ctx.category in (Category.IT, Category.BYGGE_ANLAEG)
        if (
            investment
            and len(years) >= 2
            and not _derived(facts, index, table, _states_price_basis)
        ):
            yield finding(
                "TAB-01",
                facts.at(index),
                "En flerårig tabel i et investeringsaktstykke skal angive prisniveauet, fx "
                f"»{table.unit.heading} ({years[0][1]}-pl)« eller »løbende priser«.",
                suggestion=f"{table.unit.heading} ({years[0][1]}-pl)",
            )


def _wrong_units(table: BudgetTable) -> list[tuple[int | None, str]]:
    """(column or None for the caption and the headings above, the unit as written) of
    the first unit in each heading that is not the table's unit."""
    headings: list[tuple[int | None, str | None]] = [
        (None, table.caption),
        (None, table.label_heading),
        (None, table.unit_label),
    ]
    headings += [(i, heading) for i, heading in enumerate(table.columns)]
    wrong: list[tuple[int | None, str]] = []
    for column, text in headings:
        for match in phrases.UNIT_IN_HEADING.finditer(text or ""):
            if _heading_unit(match) is not table.unit:
                wrong.append((column, match.group().strip()))
                break
    return wrong


def _states_price_basis(table: BudgetTable) -> bool:
    return bool(phrases.PRICE_BASIS.search(" ".join([_headings(table), table.note])))


def _headings(table: BudgetTable) -> str:
    """Every heading of a table as one text (caption, unit as written, columns)."""
    return " ".join([table.caption, table.unit_label or "", table.label_heading, *table.columns])


def _heading_unit(match: re.Match[str]) -> Unit:
    if match["mia"]:
        return Unit.MIA
    if match["mio"]:
        return Unit.MIO
    if match["tkr"]:
        return Unit.TKR
    return Unit.KR


def _year_columns(table: BudgetTable) -> list[tuple[int, int]]:
    found = []
    for index, heading in enumerate(table.columns):
        match = phrases.YEAR_HEADING.match(heading)
        if match:
            found.append((index, int(match.group(1))))
    return found


@rule("TAB-02", Severity.ERROR, "»I alt« er summen af rækkerne")
def total_row(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    for index, table in facts.tables:
        for typed in _derived(facts, index, table, typed_totals):
            if typed.kind == "row":
                # Recognised, and offered to be replaced by the computed row (forms.tabletotals).
                yield finding(
                    "TAB-02",
                    facts.at_cell(index, typed.index, None),
                    replace_message(typed),
                    severity=Severity.WARNING,
                )
        for kind, stated in _derived(facts, index, table, _stated_list):
            if kind == "row" or not _beyond(table, stated):
                continue
            yield finding(
                "TAB-02",
                facts.at_cell(index, stated.row, stated.column),
                f"{stated.what[0].upper()}{stated.what[1:]} er angivet til "
                f"{_show(stated.stated, table)}, men rækkerne summer til "
                f"{_show(stated.computed, table)} ({table.unit.value}). Forskellen er større "
                "end afrunding kan forklare; ret tallene.",
                suggestion=_show(stated.computed, table),
            )


@rule("TAB-03", Severity.ERROR, "Flerårige tabeller: fortløbende år og rigtige rækkesummer")
def multi_year(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    for index, table in facts.tables:
        for typed in _derived(facts, index, table, typed_totals):
            if typed.kind != "column":
                continue
            # Recognised, and offered to be replaced by the computed column.
            only = len(table.columns) == 1
            yield finding(
                "TAB-03",
                facts.at_cell(index, None, typed.index),
                f"{typed.describe()} er tabellens eneste beløbskolonne; giv den en overskrift "
                "efter indholdet (fx et år eller enheden). »I alt« beregnes automatisk."
                if only
                else replace_message(typed),
                severity=Severity.WARNING,
            )
        years = _derived(facts, index, table, _year_columns)
        for (_, before), (column, year) in pairwise(years):
            if year != before + 1:
                yield finding(
                    "TAB-03",
                    facts.at_cell(index, None, column),
                    f"Årskolonnerne skal være fortløbende: efter {before} kommer {before + 1}, "
                    f"ikke {year}.",
                    suggestion=str(before + 1),
                    severity=Severity.WARNING,
                )
                break
        for kind, stated in _derived(facts, index, table, _stated_list):
            if kind != "row" or not _beyond(table, stated):
                continue
            yield finding(
                "TAB-03",
                facts.at_cell(index, stated.row, stated.column),
                f"{stated.what[0].upper()}{stated.what[1:]} er angivet til "
                f"{_show(stated.stated, table)}, men årene summer til "
                f"{_show(stated.computed, table)} ({table.unit.value}). Ret tallene.",
                suggestion=_show(stated.computed, table),
            )


@rule("TAB-05", Severity.WARNING, "Note om afrunding, når tallene ikke summer præcist")
def rounding_note(facts: SectionFacts, ctx: Context) -> Iterator[Finding]:
    for index, table in facts.tables:
        if _derived(facts, index, table, _has_rounding_note):
            continue
        found = _derived(facts, index, table, _rounding_difference)
        if found is None:
            continue
        location, detail = found
        yield finding(
            "TAB-05",
            facts.at_cell(index, *location),
            f"{detail} Forskellen skyldes afrunding; tilføj en note under tabellen.",
            suggestion=phrases.ROUNDING_NOTE_TEXT,
        )


def _rounding_difference(table: BudgetTable) -> tuple[tuple[int, int], str] | None:
    """The first total that differs from its figures within rounding, as (cell, message)."""
    for _kind, stated in _stated_totals(table):
        if stated.difference() and not _beyond(table, stated):
            return (stated.row, stated.column), (
                f"{stated.what[0].upper()}{stated.what[1:]} er angivet til "
                f"{_show(stated.stated, table)}, mens tallene summer til "
                f"{_show(stated.computed, table)}."
            )
    decimals = table.unit.decimals
    rows, columns = len(table.rows), len(table.columns)

    def shown(value: Decimal | None) -> Decimal:
        return quantize(value, decimals) if value is not None else Decimal(0)

    grid = [[shown(table.cell(r, c)) for c in range(columns)] for r in range(rows)]
    column_totals = table.column_totals()
    for column in range(columns):
        cells = [grid[r][column] for r in range(rows)]
        total = shown(column_totals[column])
        if sum(cells, Decimal(0)) != total:
            return (rows, column), _display_message(table, cells, total)
    if table.has_total_column:
        for row in range(rows):
            total = shown(table.row_total(row))
            if sum(grid[row], Decimal(0)) != total:
                return (row, columns), _display_message(table, grid[row], total)
        totals = [shown(t) for t in column_totals]
        grand = shown(sum(column_totals, Decimal(0)))
        if sum(totals, Decimal(0)) != grand:
            return (rows, columns), _display_message(table, totals, grand)
    return None


def _display_message(table: BudgetTable, cells: list[Decimal], total: Decimal) -> str:
    shown = " + ".join(_show(c, table) for c in cells[:6]) + (" + …" if len(cells) > 6 else "")
    return (
        f"De viste tal summer ikke til den viste »I alt«: {shown} giver "
        f"{_show(sum(cells, Decimal(0)), table)}, men »I alt« er {_show(total, table)}."
    )


@rule("TAB-04", Severity.ERROR, "Tabellens total svarer til beløbet i a", scope="document")
def table_matches_a(doc: DocumentFacts) -> Iterator[Finding]:
    a, b = doc.section("a"), doc.section("b")
    if a is None or b is None or not a.amounts_kr or not b.tables:
        return
    index, table = b.tables[0]
    if not table.rows:
        return
    factor = table.unit.factor
    decimals = table.unit.decimals
    totals = [table.grand_total(), *table.column_totals()]
    shown = {quantize(t, decimals) * factor for t in totals}
    if shown & a.amounts_kr:
        return
    grand = quantize(table.grand_total(), decimals)
    asked = ", ".join(sorted({t.text for _, t in a.amounts}))
    yield finding(
        "TAB-04",
        Location(area="section", letter="b", block=index, row=len(table.rows), column=None),
        f"Hovedtabellen i litra b summer til {format_in_unit(grand, table.unit)} "
        f"{table.unit.value}, men litra a nævner {asked}".removesuffix(".")
        + ". Beløbet i a og tabellens »I alt« skal stemme overens.",
    )


@rule("TAB-06", Severity.ERROR, "It-aktstykker: udgiftstabel og risikoprofil", scope="document")
def it_project(doc: DocumentFacts) -> Iterator[Finding]:
    if doc.ctx.category is not Category.IT or doc.ctx.kind.value != "søgende":
        return
    b = doc.section("b")
    where = at_letter("b")
    if b is None or not b.tables:
        yield finding(
            "TAB-06",
            where,
            "Et it-aktstykke skal vise projektets samlede udgifter i en tabel, fordelt på "
            "hidtidigt forbrug og forventede udgifter (budgetvejledningens pkt. 2.2.18.3 og "
            "retningslinjerne for it-aktstykker). Indsæt tabellen i litra b.",
        )
    else:
        described = " ".join(
            " ".join([_headings(t), t.note, *(r.label for r in t.rows)]) for _, t in b.tables
        ).casefold()
        finansaar = doc.ctx.finansaar
        future_years = finansaar is not None and any(
            year >= finansaar for _, t in b.tables for _, year in _year_columns(t)
        )
        if not phrases.IT_SPENT.search(described):
            yield finding(
                "TAB-06",
                Location(area="section", letter="b", block=b.tables[0][0]),
                "It-projektets udgiftstabel skal vise det hidtidige forbrug (fx en række eller "
                "kolonne »Hidtidigt forbrug«).",
            )
        if not (future_years or phrases.IT_FUTURE.search(described)):
            yield finding(
                "TAB-06",
                Location(area="section", letter="b", block=b.tables[0][0]),
                "It-projektets udgiftstabel skal vise de forventede udgifter fremover (årene fra "
                "finansåret eller en kolonne »Forventet«).",
            )
    if b is None or not b.search(phrases.RISK):
        yield finding(
            "TAB-06",
            where,
            "Et it-aktstykke skal beskrive projektets risikoprofil; litra b nævner ikke risici.",
        )
    council = doc.ctx.thresholds.get("TH-04") if doc.ctx.thresholds else None
    a = doc.section("a")
    asked = max(a.amounts_kr) if a is not None and a.amounts_kr else None
    mentioned = any(s.search(phrases.IT_COUNCIL) for s in (b, doc.section("c")) if s is not None)
    if council and asked is not None and council.reached_by(asked) and not mentioned:
        yield finding(
            "TAB-06",
            where,
            f"It-projekter på {council.describe()} risikovurderes af Statens It-råd. Gengiv "
            "rådets vurdering af projektets risikoprofil i litra b.",
        )


_TAB07_ELEMENTS = (
    (phrases.TOTAL_COST, "den samlede udgift (totaludgiften)"),
    (phrases.PRICE_BASIS, "prisniveauet (fx »2024-pl« eller byggeomkostningsindeks)"),
    (phrases.FINANCING, "finansieringen"),
    (phrases.SCHEDULE, "tidsplanen"),
    (phrases.OPERATIONS, "driftskonsekvenserne eller huslejen"),
)


@rule(
    "TAB-07", Severity.WARNING, "Bygge- og anlægsaktstykker: den økonomiske ramme", scope="document"
)
def building_project(doc: DocumentFacts) -> Iterator[Finding]:
    if doc.ctx.category is not Category.BYGGE_ANLAEG or doc.ctx.kind.value != "søgende":
        return
    b = doc.section("b")
    described = ""
    if b is not None:
        described = (
            b.folded
            + " "
            + " ".join(" ".join([_headings(t), t.note]) for _, t in b.tables).casefold()
        )
    for pattern, what in _TAB07_ELEMENTS:
        if not pattern.search(described):
            yield finding(
                "TAB-07",
                at_letter("b"),
                f"Et bygge- eller anlægsaktstykke skal oplyse {what} (budgetvejledningens "
                "pkt. 2.8.3). Litra b nævner det ikke.",
            )
    if b is None or not any(len(_year_columns(t)) >= 2 for _, t in b.tables):
        yield finding(
            "TAB-07",
            at_letter("b"),
            "Et bygge- eller anlægsaktstykke skal vise udgiftens fordeling på finansår i en "
            "tabel med en kolonne pr. år (budgetvejledningens pkt. 2.8.3).",
        )
