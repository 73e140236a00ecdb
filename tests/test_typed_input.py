"""Typed input is never thrown away (domain, no Qt): reading dates and amounts,
the raw text kept in the model and its file, and rule IN-01 with the final gate."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from forms.checks import RULES, check_draft
from forms.draftfile import DraftFileError, dumps_draft, loads_draft
from forms.finalgate import final_export_blockers
from forms.findings import Severity
from forms.model import TableRow
from forms.signoff import fingerprint
from forms.typedinput import DateInputError, parse_date, read_amount, read_field
from tests.helpers import ROOT

EXAMPLE = ROOT / "resources" / "examples" / "capacity-2024.aktstykke"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12. november 2024", dt.date(2024, 11, 12)),
        ("12 nov. 2024", dt.date(2024, 11, 12)),
        ("12. NOVEMBER 2024", dt.date(2024, 11, 12)),
        ("1. sept. 2024", dt.date(2024, 9, 1)),
        ("12.11.2024", dt.date(2024, 11, 12)),
        ("12-11-2024", dt.date(2024, 11, 12)),
        ("12/11/2024", dt.date(2024, 11, 12)),
        ("2024-11-12", dt.date(2024, 11, 12)),
        ("\u00a029. februar 2024 ", dt.date(2024, 2, 29)),
        ("", None),
        ("   ", None),
    ],
)
def test_danish_dates_are_read(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "reason", "suggestion"),
    [
        ("31. februar 2025", "»31. februar 2025« findes ikke: februar 2025 har 28 dage.", None),
        ("31.02.2025", "februar 2025 har 28 dage", None),
        ("November 12, 2024", "dagen står først", "12. november 2024"),
        (
            "12. October 2024",
            "»October« i »12. October 2024« er ikke et dansk månedsnavn",
            "12. oktober 2024",
        ),
        ("12.11.24", "med fire cifre", "12. november 2024"),
        ("11/13/2024", "ingen måned 13", "13. november 2024"),
        ("3024-01-01", "uden for 1900–2100", None),
        ("i morgen", "»i morgen« er ikke en dato", None),
    ],
)
def test_a_date_that_cannot_be_read_says_why_and_suggests(text, reason, suggestion):
    with pytest.raises(DateInputError) as caught:
        parse_date(text)
    assert reason in caught.value.message
    assert caught.value.suggestion == suggestion


def test_readings_give_the_suggestion_once():
    reading = read_amount("1,250.5")
    assert not reading.ok and reading.value is None
    assert reading.suggestion == "1.250,5"
    assert "Mente du" not in reading.message and "»1,250.5«" in reading.message
    assert read_amount("1.250,5").value == Decimal("1250.5")
    assert read_amount("-").ok and read_amount("-").value is None
    assert read_field("flags.tb_amount", "12,5").value == Decimal("12.5")
    assert read_field("date", "12.11.2024").value == dt.date(2024, 11, 12)
    assert read_field("date", "31.02.2025").message.startswith("»31.02.2025« findes ikke")


# -- the model and its file ---------------------------------------------------------------


def test_a_draft_without_raw_text_is_written_exactly_as_before(example):
    assert dumps_draft(example) == EXAMPLE.read_text("utf-8")
    assert "raw_values" not in dumps_draft(example) and "raw_fields" not in dumps_draft(example)


def test_raw_text_is_saved_and_read_back(example):
    table = example.section("b").blocks[10]
    table.rows[1].values[0] = None
    table.rows[1].raw_values[0] = "1,250.5"
    example.date = None
    example.raw_fields["date"] = "31. februar 2025"
    text = dumps_draft(example)
    again, migrated = loads_draft(text, "kladde.aktstykke")
    assert migrated is None
    assert again.section("b").blocks[10].rows[1].raw_values == {0: "1,250.5"}
    assert again.section("b").blocks[10].rows[0].raw_values == {}
    assert again.raw_fields == {"date": "31. februar 2025"}
    assert json.loads(text)["raw_fields"] == {"date": "31. februar 2025"}


def test_a_raw_value_of_the_wrong_type_is_refused_with_a_danish_message(example):
    raw = json.loads(dumps_draft(example))
    raw["sections"][1]["blocks"][10]["rows"][0]["raw_values"] = {"første": "x"}
    with pytest.raises(DraftFileError) as caught:
        loads_draft(json.dumps(raw), "kladde.aktstykke")
    assert "kladde.aktstykke" in caught.value.message


def test_raw_text_does_not_change_the_fingerprint_of_a_draft_without_it(example):
    before = fingerprint(example)
    example.section("b").blocks[10].rows[0].raw_values = {}
    assert fingerprint(example) == before
    assert TableRow().model_dump() == {
        "label": "",
        "account": None,
        "values": [],
        "stated_total": None,
    }


# -- IN-01 and the final export ---------------------------------------------------------


def input_findings(draft):
    return [f for f in check_draft(draft) if f.rule == "IN-01"]


def test_in01_is_a_registered_error():
    assert RULES["IN-01"].severity is Severity.ERROR
    assert RULES["IN-01"].title == "Værdi kan ikke læses"


def test_in01_names_the_cell_and_the_suggestion(example):
    assert input_findings(example) == []
    table = example.section("b").blocks[10]
    table.rows[1].values[0] = None
    table.rows[1].raw_values[0] = "1,250.5"
    [found] = input_findings(example)
    assert found.severity is Severity.ERROR
    assert found.location.letter == "b" and found.location.block == 10
    assert (found.location.row, found.location.column) == (1, 0)
    assert found.message.startswith("Tabel 1, række 2 »ICMPD«, kolonne »Mio. kr.« kan ikke læses:")
    assert "»1,250.5«" in found.message and "Forslag: 1.250,5." in found.message
    assert found.suggestion == "1.250,5"
    # The neighbour keeps its amount and has no finding.
    assert table.rows[0].values[0] == Decimal("50.0")


def test_in01_for_header_dates_and_flag_amounts(example):
    example.date = None
    example.raw_fields["date"] = "31. februar 2025"
    example.raw_fields["flags.tb_amount"] = "12.5"
    example.raw_fields["signature_date"] = "November 13, 2024"
    found = {f.location.field: f for f in input_findings(example)}
    assert set(found) == {"date", "tb_amount", "signature_date"}
    assert found["date"].message.startswith("Datoen kan ikke læses: »31. februar 2025« findes ikke")
    assert found["date"].location.area == "header"
    assert "Tillægsbevillingen (mio. kr.) kan ikke læses" in found["tb_amount"].message
    assert "Forslag: 12,5." in found["tb_amount"].message
    assert "Forslag: 13. november 2024." in found["signature_date"].message
    assert found["tb_amount"].location.describe() == "hovedet, tillægsbevilling"


def test_raw_text_that_reads_after_all_is_still_reported_until_typed_again(example):
    table = example.section("b").blocks[10]
    table.rows[0].raw_values[0] = "12,5"  # e.g. edited by hand in the file
    [found] = input_findings(example)
    assert "ikke gemt som beløb" in found.message and found.suggestion == "12,5"


def test_raw_text_in_a_column_that_does_not_exist_is_not_reported(example):
    example.section("b").blocks[10].rows[0].raw_values[5] = "x"
    assert input_findings(example) == []


def test_final_export_is_refused_while_a_value_cannot_be_read(example):
    table = example.section("b").blocks[10]
    table.rows[1].values[0] = None
    table.rows[1].raw_values[0] = "1,250.5"
    blockers = final_export_blockers(example)
    assert any(b.startswith("IN-01 (litra b, blok 11, række 2, kolonne 1)") for b in blockers)
    table.rows[1].raw_values.clear()
    table.rows[1].values[0] = Decimal("50.0")
    assert not any(b.startswith("IN-01") for b in final_export_blockers(example))


def test_unreadable_cell_text_is_part_of_the_signed_content(example):
    """Changing '1,250.5' to '-' after a sign-off makes the sign-off stale."""
    from forms.signoff import fingerprint

    table = example.tables()[0][2]
    table.rows[1].raw_values = {0: "1,250.5"}
    typed = fingerprint(example)
    table.rows[1].raw_values = {0: "-"}
    assert fingerprint(example) != typed
    table.rows[1].raw_values = {}
    assert fingerprint(example) not in (typed,)
