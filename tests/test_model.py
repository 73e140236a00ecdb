"""The model: derived totals, the block union, the catalog."""

from decimal import Decimal

import pytest
from pydantic import ValidationError

from forms.catalog import CATALOG, Need, spec
from forms.model import Aktstykke, BudgetTable, Kind, Paragraph, Section, TableRow


def test_example_has_the_seeds_letters_with_d_left_out(example):
    assert example.letters() == ["a", "b", "c", "e", "f"]
    assert example.section("d") is None


def test_table_totals_are_derived_exactly(example):
    [(letter, index, table)] = example.tables()
    assert (letter, index) == ("b", 10)
    assert table.grand_total() == Decimal("100.0")
    assert table.column_heading(0) == "Mio. kr."
    table.rows[0].values[0] = Decimal("60.0")
    assert table.column_totals() == [Decimal("110.0")]


def test_multi_column_table_has_row_and_column_totals():
    table = BudgetTable(
        columns=["2025", "2026", "2027"],
        rows=[
            TableRow(label="Drift", values=[Decimal("0.1"), Decimal("0.2"), None]),
            TableRow(label="Anlæg", values=[Decimal("1.1"), None, Decimal("2.2")]),
        ],
    )
    assert table.has_total_column
    assert table.row_total(0) == Decimal("0.3")  # exact, unlike 0.1 + 0.2 in float
    assert table.column_totals() == [Decimal("1.2"), Decimal("0.2"), Decimal("2.2")]
    assert table.grand_total() == Decimal("3.6")


def test_blocks_are_a_discriminated_union():
    section = Section.model_validate(
        {"letter": "b", "blocks": [{"type": "subheading", "text": "Budget"}, {"type": "table"}]}
    )
    assert [type(b).__name__ for b in section.blocks] == ["SubHeading", "BudgetTable"]
    with pytest.raises(ValidationError):
        Section.model_validate({"letter": "b", "blocks": [{"type": "billede"}]})


def test_unknown_fields_and_letters_are_refused():
    with pytest.raises(ValidationError):
        Aktstykke.model_validate({"budgetramme": 1})
    with pytest.raises(ValidationError):
        Section(letter="g")
    with pytest.raises(ValidationError):
        Paragraph(text="x", farve="rød")


def test_a_wrong_draft_is_still_a_valid_model():
    # Rules report findings; the model accepts a draft without a and with d twice.
    draft = Aktstykke(sections=[Section(letter="d"), Section(letter="d")])
    assert draft.letters() == ["d", "d"]


def test_catalog_has_fixed_letters_and_orienterende_excludes_c_and_e():
    assert [s.letter for s in CATALOG] == list("abcdef")
    assert spec("c").need_for(Kind.ORIENTERENDE) is Need.NOT_ALLOWED
    assert spec("e").need_for(Kind.ORIENTERENDE) is Need.NOT_ALLOWED
    assert spec("a").need_for(Kind.SOEGENDE) is Need.REQUIRED
    assert spec("d").need_for(Kind.SOEGENDE) is Need.OPTIONAL
    assert all(s.title and s.guidance for s in CATALOG)
