"""Property tests: the checker never raises (and no rule crashes) on any draft, the
incremental checker agrees with a fresh one, and model-computed totals never trigger
TAB-02/TAB-03."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.amounts import Unit
from forms.checks import INTERNAL, Checker, check_draft
from forms.checks.phrases import TOTAL_LABEL
from forms.findings import Finding
from forms.model import (
    Aktstykke,
    BudgetTable,
    Category,
    Flags,
    Kind,
    Paragraph,
    Published,
    Section,
    SubHeading,
    TableRow,
)
from tests.checks_helpers import example, put_table

# Pieces that exercise the rules: good and bad amounts, accounts, dates, phrases.
PIECES = [
    "100,0 mio. kr.",
    "100.0 mio. kr.",
    "100 mio kr",
    "-2,0 mio. kr.",
    "1,250.5 mio. kr.",
    "43,0 mio. kr.",
    "1.234.567 kr.",
    "§ 06.32.10.",
    "§ 06.32.10.13.",
    "§ 6.3.",
    "§ 6.321.10",
    "§ 28.11.01",
    "§",
    "2024",
    "2.024",
    "i 2025-2027",
    "12. november 2024",
    "12/11/2024",
    "November 12, 2024",
    "31. februar 2024",
    "15 %",
    "10 pct.",
    "Under henvisning til ovenstående",
    "Finansministeriets tilslutning foreligger.",
    "Udenrigsministeriet",
    "anmoder hermed om Finansudvalgets tilslutning til",
    "orienterer",
    "jf. budgetvejledningens pkt. 2.2.7",
    "overstiger",
    "tillægsbevilling",
    "afholdt af den på finansloven for 2024 opførte bevilling",
    "Ikke relevant.",
    "–",
    "\n",
    "I alt",
    "risiko",
    "Statens It-råd",
]

text = st.one_of(
    st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=20).map(" ".join),
    st.text(max_size=60),
)
amount = st.decimals(
    min_value=-(10**7), max_value=10**7, places=2, allow_nan=False, allow_infinity=False
)
maybe_amount = st.none() | amount

tables = st.builds(
    BudgetTable,
    caption=text,
    unit=st.sampled_from(list(Unit)),
    label_heading=st.sampled_from(["", "Mio. kr.", "1.000 kr.", "Projektsøjler"]) | text,
    columns=st.lists(st.sampled_from(["", "2024", "2025", "2027", "I alt"]) | text, max_size=4),
    rows=st.lists(
        st.builds(
            TableRow,
            label=text,
            account=st.none() | text,
            values=st.lists(maybe_amount, max_size=5),
            stated_total=maybe_amount,
        ),
        max_size=5,
    ),
    stated_column_totals=st.none() | st.lists(maybe_amount, max_size=5),
    stated_grand_total=maybe_amount,
    note=text,
)
blocks = st.one_of(st.builds(Paragraph, text=text), st.builds(SubHeading, text=text), tables)
sections = st.builds(
    Section, letter=st.sampled_from(list("abcdef")), blocks=st.lists(blocks, max_size=4)
)
dates = st.none() | st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))
drafts = st.builds(
    Aktstykke,
    ministry=st.sampled_from(["Udenrigsministeriet", "Finansministeriet", ""]) | text,
    place=st.sampled_from(["København", ""]),
    date=dates,
    signature_date=dates,
    minister=text,
    finansaar=st.none() | st.integers(min_value=1990, max_value=2100),
    kind=st.sampled_from(list(Kind)),
    category=st.sampled_from(list(Category)),
    sections=st.lists(sections, max_size=7),
    flags=st.builds(
        Flags,
        c_not_needed=st.booleans(),
        fm_consent_exempt=st.booleans(),
        no_expenditure=st.booleans(),
        recurring=st.booleans(),
        tb_amount=maybe_amount,
        new_laaneramme=maybe_amount,
        session=st.none() | st.sampled_from(["2024-25", "2023-24", "2024-26"]) | text,
        bv_version=st.none() | st.sampled_from(["BV 2016", "2021", "BV 2030"]) | text,
    ),
    published=st.none() | st.builds(Published, number=st.none() | text, decided=st.none() | text),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts)
def test_the_checker_never_raises_and_no_rule_crashes(draft):
    findings = check_draft(draft)
    assert all(isinstance(f, Finding) for f in findings)
    crashed = [f for f in findings if f.rule == INTERNAL]
    assert crashed == [], crashed[0].message if crashed else ""


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts, drafts)
def test_the_incremental_checker_agrees_with_a_fresh_one(first, second):
    checker = Checker()
    checker.check(first)
    assert checker.check(second) == check_draft(second)


labels = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå ", max_size=12).filter(
    lambda s: not TOTAL_LABEL.match(s)
)


@st.composite
def computed_tables(draw) -> BudgetTable:
    """Tables as the editor makes them: totals computed by the model, never typed."""
    width = draw(st.integers(min_value=1, max_value=6))
    if width == 1:
        columns = [draw(st.sampled_from(["", "2024"]))]
    else:
        first = draw(st.integers(min_value=2000, max_value=2090))
        columns = [str(first + i) for i in range(width)]
    rows = draw(
        st.lists(
            st.builds(
                TableRow,
                label=labels,
                values=st.lists(maybe_amount, min_size=width, max_size=width),
            ),
            max_size=8,
        )
    )
    return BudgetTable(
        unit=draw(st.sampled_from(list(Unit))),
        label_heading=draw(labels),
        columns=columns,
        rows=rows,
    )


@settings(max_examples=200, deadline=None)
@given(computed_tables())
def test_model_computed_totals_never_trigger_tab02_or_tab03(new_table):
    draft = example()
    put_table(draft, new_table)
    found = [f for f in check_draft(draft) if f.rule in ("TAB-02", "TAB-03")]
    assert found == []
