"""Amounts (N-*) and account references (K-*) in the prose."""

from __future__ import annotations

from forms.checks import check_draft
from forms.findings import Severity
from forms.scanner import NBSP
from tests.checks_helpers import add_paragraph, example, none_of, of, one, section, span_of


def with_b_paragraph(text: str):
    draft = example()
    return draft, add_paragraph(draft, "b", text)


def test_n01_english_separators():
    draft, block = with_b_paragraph("Heraf er 1,250.5 mio. kr. afsat til drift.")
    found = one(draft, "N-01")
    assert found.severity is Severity.ERROR
    assert found.location == span_of(draft, "b", block, "1,250.5 mio. kr.")
    assert found.suggestion == f"1.250,5{NBSP}mio. kr."


def test_n01_missing_decimal_is_a_warning():
    draft, block = with_b_paragraph("Heraf er 100 mio. kr. afsat til drift.")
    found = one(draft, "N-01")
    assert found.location == span_of(draft, "b", block, "100 mio. kr.")
    assert found.severity is Severity.WARNING
    assert found.suggestion == f"100,0{NBSP}mio. kr."


def test_n02_unit_spelling():
    draft, block = with_b_paragraph("Heraf er 20,0 mio kr afsat til drift.")
    found = one(draft, "N-02")
    assert found.severity is Severity.WARNING
    assert found.location == span_of(draft, "b", block, "20,0 mio kr")


def test_n03_negative_amount_in_prose():
    draft, block = with_b_paragraph("Rammen ændres med -2,0 mio. kr. i 2024.")
    found = one(draft, "N-03")
    assert found.severity is Severity.WARNING
    assert found.location == span_of(draft, "b", block, "-2,0 mio. kr.")


def test_n05_year_with_thousands_separator():
    draft, block = with_b_paragraph("Projektet afsluttes i 2.025 efter planen.")
    found = one(draft, "N-05")
    assert found.severity is Severity.ERROR
    assert found.location == span_of(draft, "b", block, "2.025")
    assert found.suggestion == "2025"


def test_n06_percent_sign():
    draft, block = with_b_paragraph("Udgiften stiger med 15 % om året.")
    found = one(draft, "N-06")
    assert found.severity is Severity.INFO
    assert found.location == span_of(draft, "b", block, "15 %")
    assert found.suggestion == "15 pct."


def test_n07_same_amount_written_differently():
    draft, block = with_b_paragraph("Tilsagnet på 100.000.000 kr. gives i 2024.")
    found = one(draft, "N-07")
    assert found.severity is Severity.WARNING
    assert found.location == span_of(draft, "b", block, "100.000.000 kr.")
    assert found.suggestion == "100,0 mio. kr."


def test_n07_line_breaks_do_not_count_as_another_spelling():
    draft, _ = with_b_paragraph("Tilsagnet på 100,0\nmio. kr. gives i 2024.")
    none_of(draft, "N-07")


def test_k01_malformed_account():
    draft, block = with_b_paragraph("Udgiften afholdes under § 6.321.10. Nærområde.")
    found = one(draft, "K-01")
    assert found.severity is Severity.ERROR
    assert found.location == span_of(draft, "b", block, "§ 6.321.10.")
    assert found.suggestion == "§ 06.32.10."


def test_k01_paragraf_without_leading_zero_is_a_warning():
    draft, _ = with_b_paragraph("Udgiften afholdes under § 6.32.10. Nærområde.")
    found = one(draft, "K-01")
    assert found.severity is Severity.WARNING and found.suggestion == "§ 06.32.10."


def test_k02_only_an_area_reference_in_a():
    draft = example()
    paragraph = section(draft, "a").blocks[0]
    paragraph.text = paragraph.text.replace(
        "§ 06.32.10. Nærområde- og migrationsfond.", "§ 6.3. Bistand til udviklingslandene."
    )
    found = one(draft, "K-02")
    assert found.severity is Severity.INFO
    assert found.location == span_of(draft, "a", 0, "§ 6.3.")


def test_k04_paragraf_of_another_ministry():
    draft = example()
    for letter in ("a", "e"):
        paragraph = section(draft, letter).blocks[0]
        paragraph.text = paragraph.text.replace("§ 06.32.10.", "§ 28.11.01.")
    found = of(check_draft(draft), "K-04")
    assert [f.location for f in found] == [
        span_of(draft, "a", 0, "§ 28.11.01."),
        span_of(draft, "e", 0, "§ 28.11.01."),
    ]
    assert found[0].severity is Severity.WARNING and "Transportministeriet" in found[0].message


def test_k04_general_reserves_are_fine():
    draft = example()
    paragraph = section(draft, "a").blocks[0]
    paragraph.text += " Heraf finansieres en del af § 35.11.01. Generelle reserver."
    none_of(draft, "K-04")


def test_k04_unknown_finansaar_is_not_judged():
    draft = example()
    draft.finansaar = 2012
    draft.date = None
    for letter in ("a", "e"):
        paragraph = section(draft, letter).blocks[0]
        paragraph.text = paragraph.text.replace("§ 06.32.10.", "§ 28.11.01.")
    none_of(draft, "K-04")


def test_k05_account_without_title():
    draft = example()
    paragraph = section(draft, "a").blocks[0]
    paragraph.text = paragraph.text.replace(
        "§ 06.32.10. Nærområde- og migrationsfond.", "§ 06.32.10 til formålet."
    )
    found = one(draft, "K-05")
    assert found.severity is Severity.WARNING
    assert found.location == span_of(draft, "a", 0, "§ 06.32.10")
