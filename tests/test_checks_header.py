"""Header, date and signature rules: H-01..H-04, H-06..H-08."""

from __future__ import annotations

import datetime as dt

from forms.checks import check_draft
from forms.findings import Location, Severity
from forms.model import Published
from tests.checks_helpers import add_paragraph, example, none_of, one, span_of


def header(field: str) -> Location:
    return Location(area="header", field=field)


def signature(field: str) -> Location:
    return Location(area="signature", field=field)


def test_h01_missing_ministry_place_and_date():
    draft = example()
    draft.ministry = ""
    draft.place = ""
    draft.date = None
    found = [f for f in check_draft(draft) if f.rule == "H-01"]
    assert [f.location for f in found] == [header("ministry"), header("place"), header("date")]
    assert all(f.severity is Severity.WARNING for f in found)


def test_h01_misspelt_ministry():
    draft = example()
    draft.ministry = "Udenrigsministeret"
    found = one(draft, "H-01")
    assert found.severity is Severity.WARNING and found.location == header("ministry")
    assert found.suggestion == "Udenrigsministeriet"


def test_h01_ministry_with_period():
    draft = example()
    draft.ministry = "Udenrigsministeriet."
    assert one(draft, "H-01").suggestion == "Udenrigsministeriet"


def test_h01_unknown_ministry_is_only_a_remark():
    draft = example()
    draft.ministry = "Ministeriet for Rumfart"
    assert one(draft, "H-01").severity is Severity.INFO


def test_h02_numeric_date_in_prose():
    draft = example()
    block = add_paragraph(draft, "b", "Aftalen blev indgået den 12/11/2024 i Genève.")
    found = one(draft, "H-02")
    assert found.severity is Severity.WARNING
    assert found.location == span_of(draft, "b", block, "12/11/2024")
    assert found.suggestion == "12. november 2024"


def test_h02_english_date_in_prose_is_an_error():
    draft = example()
    block = add_paragraph(draft, "b", "Aftalen blev indgået November 12, 2024.")
    found = one(draft, "H-02")
    assert found.severity is Severity.ERROR
    assert found.location == span_of(draft, "b", block, "November 12, 2024")


def test_h03_different_signature_date():
    draft = example()
    draft.signature_date = dt.date(2024, 11, 13)
    found = one(draft, "H-03")
    assert found.severity is Severity.ERROR and found.location == signature("date")
    assert found.suggestion == "12. november 2024"


def test_h04_minister_missing():
    draft = example()
    draft.minister = " "
    found = one(draft, "H-04")
    assert found.severity is Severity.ERROR and found.location == signature("minister")


def test_h04_minister_with_title():
    draft = example()
    draft.minister = "Udenrigsminister Lars Løkke Rasmussen"
    found = one(draft, "H-04")
    assert found.severity is Severity.WARNING
    assert found.suggestion == "Lars Løkke Rasmussen"


def test_h06_another_ministry_asks():
    draft = example()
    draft.ministry = "Finansministeriet"
    found = [f for f in check_draft(draft) if f.rule == "H-06"]
    assert [f.location for f in found] == [
        span_of(draft, "a", 0, "Udenrigsministeriet"),
        span_of(draft, "e", 0, "Udenrigsministeriet"),
    ]
    assert found[0].severity is Severity.WARNING and found[0].suggestion == "Finansministeriet"


def test_h06_joint_aktstykke_is_fine():
    draft = example()
    paragraph = draft.section("a").blocks[0]
    paragraph.text = paragraph.text.replace(
        "Udenrigsministeriet anmoder",
        "Udlændinge- og Integrationsministeriet og Udenrigsministeriet anmoder",
    )
    none_of(draft, "H-06")


def test_h07_number_typed_by_the_ministry():
    draft = example()
    draft.published = Published(number="122")
    found = one(draft, "H-07")
    assert found.severity is Severity.WARNING and found.location == header("published")


def test_h07_other_published_fields_are_a_remark():
    draft = example()
    draft.published = Published(decided="19. juni 2014")
    assert one(draft, "H-07").severity is Severity.INFO


def test_h08_session_not_matching_the_date():
    draft = example()
    draft.flags.session = "2023-24"
    found = one(draft, "H-08")
    assert found.severity is Severity.WARNING and found.location == header("session")
    assert found.suggestion == "2024-25"
    draft.flags.session = "2024-25"
    none_of(draft, "H-08")


def test_h08_malformed_session():
    draft = example()
    draft.flags.session = "2024-26"
    assert one(draft, "H-08").suggestion == "2024-25"
    draft.flags.session = "sidste år"
    assert "ikke et folketingsår" in one(draft, "H-08").message
