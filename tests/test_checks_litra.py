"""Rules on what each litra says: A-*, B-04, C-*, E-*, F-*."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from forms.checks import check_draft
from forms.findings import Location, Severity
from forms.model import BudgetTable, Category, Paragraph
from tests.checks_helpers import (
    at_letter,
    example,
    none_of,
    of,
    one,
    remove_section,
    section,
    set_text,
    span_of,
)
from tests.helpers import sign

A_REQUEST = "Udenrigsministeriet anmoder hermed om Finansudvalgets tilslutning til"
A_ACCOUNT = "§ 06.32.10. Nærområde- og migrationsfond."


# --- litra a ------------------------------------------------------------------------


def test_a01_no_ministry_in_a():
    draft = set_text(
        example(),
        "a",
        f"Der anmodes hermed om tilslutning til et tilskud på 100,0 mio. kr. under {A_ACCOUNT}",
    )
    found = one(draft, "A-01")
    assert found.severity is Severity.ERROR and found.location == at_letter("a")
    assert found.suggestion.startswith("Udenrigsministeriet anmoder hermed")


def test_a02_no_request_phrase():
    draft = set_text(
        example(), "a", f"Udenrigsministeriet giver tilskud på 100,0 mio. kr. under {A_ACCOUNT}"
    )
    found = one(draft, "A-02")
    assert found.severity is Severity.ERROR and found.location == at_letter("a")
    assert "anmoder hermed om Finansudvalgets tilslutning" in found.suggestion
    none_of(draft, "O-01")


def test_a03_no_amount():
    draft = set_text(example(), "a", f"{A_REQUEST} at give et tilskud under {A_ACCOUNT}")
    found = one(draft, "A-03")
    assert found.severity is Severity.ERROR and found.location == at_letter("a")


def test_a03_no_expenditure_must_be_said():
    draft = set_text(example(), "a", f"{A_REQUEST} at indgå aftalen under {A_ACCOUNT}")
    draft.flags.no_expenditure = True
    found = one(draft, "A-03")
    assert found.severity is Severity.WARNING
    draft = set_text(draft, "a", f"{A_REQUEST} aftalen, der ikke medfører udgifter for staten.")
    none_of(draft, "A-03")


def test_a03_recurring_amount_says_annual():
    draft = example()
    draft.flags.recurring = True
    found = one(draft, "A-03")
    assert found.severity is Severity.WARNING
    assert found.location == span_of(draft, "a", 0, "100,0 mio. kr.")


def test_a05_tb_amount_must_be_in_a():
    draft = example()
    draft.flags.tb_amount = Decimal("12.5")
    found = one(draft, "A-05")
    assert found.severity is Severity.ERROR and found.location == at_letter("a")
    assert "12,5 mio. kr." in found.message and "tillægsbevilling" in found.message
    set_text(
        draft,
        "a",
        f"{A_REQUEST} at der gives tilskud på 12,5 mio. kr., som optages på "
        "forslag til lov om tillægsbevilling for 2024. Udgiften i 2024 finansieres af de på "
        "Udenrigsministeriet opførte reserver.",
    )
    none_of(draft, "A-05")


def test_a05_new_laaneramme_in_a():
    draft = example()
    draft.flags.new_laaneramme = Decimal("250")
    found = one(draft, "A-05")
    assert "250,0 mio. kr." in found.message


def test_a06_financing_sentence_for_tb():
    draft = set_text(
        example(),
        "a",
        f"{A_REQUEST} at der gives tilskud på 12,5 mio. kr., som optages på forslag til lov om "
        f"tillægsbevilling for 2024 under {A_ACCOUNT}",
    )
    draft.flags.tb_amount = Decimal("12.5")
    found = one(draft, "A-06")
    assert found.severity is Severity.ERROR and found.location == at_letter("a")
    assert found.suggestion.startswith("Udgiften i 2024 finansieres af de på Udenrigsministeriet")


def test_a07_underkonto_in_a():
    draft = example()
    paragraph = section(draft, "a").blocks[0]
    paragraph.text = paragraph.text.replace("§ 06.32.10.", "§ 06.32.10.13.")
    found = one(draft, "A-07")
    assert found.severity is Severity.ERROR
    assert found.location == span_of(draft, "a", 0, "§ 06.32.10.13.")
    assert found.suggestion == "§ 06.32.10."


def test_a07_years_after_the_finansaar_in_a():
    draft = set_text(
        example(),
        "a",
        f"{A_REQUEST} at der afsættes 100,0 mio. kr. i 2024 og 2025 under {A_ACCOUNT}",
    )
    found = one(draft, "A-07")
    assert found.severity is Severity.WARNING
    assert found.location == span_of(draft, "a", 0, "2025")


def test_a07_table_in_a():
    draft = example()
    section(draft, "a").blocks.append(BudgetTable())
    found = [f for f in of(check_draft(draft), "A-07") if f.location.block == 1]
    assert len(found) == 1 and found[0].severity is Severity.WARNING


def test_a08_long_intro():
    draft = example()
    section(draft, "a").blocks.append(Paragraph(text="Dette er fyldtekst. " * 40))
    found = one(draft, "A-08")
    assert found.severity is Severity.WARNING and found.location == at_letter("a")


# --- litra b ------------------------------------------------------------------------


def test_b04_amounts_without_table():
    draft = example()
    blocks = section(draft, "b").blocks
    section(draft, "b").blocks = [b for b in blocks if not isinstance(b, BudgetTable)]
    blocks = section(draft, "b").blocks
    blocks.append(Paragraph(text="Heraf går 60,0 mio. kr. til IOM og 40,0 mio. kr. til ICMPD."))
    found = one(draft, "B-04")
    assert found.severity is Severity.INFO and found.location == at_letter("b")


def test_b03_urgent_without_reason():
    draft = example()
    draft.flags.urgent = True
    found = one(draft, "B-03")
    assert found.severity is Severity.WARNING and found.location == at_letter("c")
    section(draft, "c").blocks.append(
        Paragraph(text="Sagen haster, da kontrakten skal underskrives inden årsskiftet.")
    )
    none_of(draft, "B-03")


# --- litra c ------------------------------------------------------------------------


def test_c01_no_motivation():
    draft = set_text(
        example(),
        "c",
        "Tilskuddet gives til to organisationer, jf. budgetvejledningens pkt. 2.2.7.",
    )
    found = one(draft, "C-01")
    assert found.severity is Severity.WARNING and found.location == at_letter("c")
    none_of(draft, "C-03")


def test_c03_no_basis_cited():
    draft = set_text(example(), "c", "Sagen forelægges Finansudvalget, idet beløbet er stort.")
    found = one(draft, "C-03")
    assert found.severity is Severity.WARNING and found.location == at_letter("c")
    none_of(draft, "C-01")


def test_c04_amount_in_a_not_above_cited_threshold():
    draft = example()
    paragraph = section(draft, "c").blocks[0]
    paragraph.text = paragraph.text.replace("§ 6.3. Bistand", "§ 7.1. Bistand").replace(
        "43,0 mio. kr.", "150,0 mio. kr."
    )
    found = one(draft, "C-04")
    assert found.severity is Severity.WARNING
    assert found.location == span_of(draft, "c", 0, "150,0 mio. kr.")


def test_c04_cited_threshold_differs_from_the_finance_act():
    draft = example()
    paragraph = section(draft, "c").blocks[0]
    paragraph.text = paragraph.text.replace("43,0 mio. kr.", "45,0 mio. kr.")
    found = one(draft, "C-04")
    assert found.location == span_of(draft, "c", 0, "45,0 mio. kr.")
    assert "over 43,0 mio. kr. (FL 2024" in found.message
    assert found.suggestion == "43,0 mio. kr."


def test_c04_amount_below_the_category_threshold_quotes_the_version():
    draft = example()
    draft.category = Category.BYGGE_ANLAEG
    for letter in ("a", "e"):
        paragraph = section(draft, letter).blocks[0]
        paragraph.text = paragraph.text.replace("100,0 mio. kr.", "50,0 mio. kr.")
    found = one(draft, "C-04")
    assert found.severity is Severity.INFO and found.location == at_letter("a")
    assert "mindst 70,0 mio. kr. (BV 2021, pkt. 2.6.11 og 2.8.5)" in found.message


def test_c04_older_budgetvejledning_by_date():
    draft = example()
    draft.category = Category.IT
    draft.date = dt.date(2019, 6, 1)
    draft.finansaar = 2019
    for letter in ("a", "e"):
        paragraph = section(draft, letter).blocks[0]
        paragraph.text = paragraph.text.replace("100,0 mio. kr.", "50,0 mio. kr.")
    found = one(draft, "C-04")
    assert "mindst 60,0 mio. kr. (BV 2016" in found.message


def test_c04_unknown_budgetvejledning_version():
    draft = example()
    draft.flags.bv_version = "BV 2030"
    found = one(draft, "C-04")
    assert found.location == Location(area="document", field="bv_version")
    assert "BV 2016, BV 2021" in found.message


# --- litra e ------------------------------------------------------------------------


def test_e01_no_appropriation_handling():
    draft = example()
    for letter in ("a", "e"):
        paragraph = section(draft, letter).blocks[0]
        paragraph.text = (
            paragraph.text.split(" Udgiften vil blive afholdt")[0]
            + f" Tilskuddet gives under {A_ACCOUNT}"
        )
    found = one(draft, "E-01")
    assert found.severity is Severity.ERROR and found.location == at_letter("e")
    assert "§ 06.32.10." in found.suggestion and "finansloven for 2024" in found.suggestion


def test_e01_tb_wording_is_enough():
    draft = example()
    paragraph = section(draft, "e").blocks[0]
    paragraph.text = paragraph.text.split(" Udgiften vil blive afholdt")[0] + (
        " Beløbet optages på forslag til lov om tillægsbevilling for 2024."
    )
    section(draft, "a").blocks[0].text = paragraph.text.replace(
        "Under henvisning til ovenstående anmoder Udenrigsministeriet",
        "Udenrigsministeriet anmoder",
    )
    none_of(draft, "E-01")


def test_e02_new_account_marker():
    draft = example()
    draft.flags.new_account = True
    found = one(draft, "E-02")
    assert found.severity is Severity.ERROR and found.location == at_letter("e")
    assert found.suggestion == "(ny konto)"
    paragraph = section(draft, "e").blocks[0]
    paragraph.text = paragraph.text.replace("§ 06.32.10.", "§ 06.32.10. (ny konto)")
    none_of(draft, "E-02")


def test_e03_laaneramme_wording():
    draft = example()
    draft.flags.new_laaneramme = Decimal("250")
    found = one(draft, "E-03")
    assert found.severity is Severity.ERROR and found.location == at_letter("e")
    assert "forhøjelse af lånerammen med 250,0 mio. kr." in found.suggestion
    section(draft, "e").blocks.append(
        Paragraph(
            text="Forslaget medfører behov for en forhøjelse af lånerammen med 250,0 mio. kr. "
            "i perioden fra 2024 til 2026."
        )
    )
    none_of(draft, "E-03")


def test_e05_opening_phrase():
    draft = example()
    paragraph = section(draft, "e").blocks[0]
    paragraph.text = paragraph.text.replace(
        "Under henvisning til ovenstående anmoder", "Derfor anmoder"
    )
    found = one(draft, "E-05")
    assert found.severity is Severity.WARNING
    assert found.location.letter == "e" and found.location.block == 0
    assert found.location.start == 0
    assert found.suggestion.startswith(
        "Under henvisning til ovenstående anmoder Udenrigsministeriet"
    )


def test_e06_amount_differs_between_a_and_e():
    draft = example()
    paragraph = section(draft, "e").blocks[0]
    paragraph.text = paragraph.text.replace("100,0 mio. kr.", "90,0 mio. kr.")
    found = of(check_draft(draft), "E-06")
    assert [f.location for f in found] == [
        span_of(draft, "a", 0, "100,0 mio. kr."),
        span_of(draft, "e", 0, "90,0 mio. kr."),
    ]
    # e's amount differs from a's: an error (the committee votes on e); a's amount not
    # repeated in e stays a warning.
    assert [f.severity for f in found] == [Severity.WARNING, Severity.ERROR]


def test_e06_hovedkonto_differs():
    draft = example()
    paragraph = section(draft, "e").blocks[0]
    paragraph.text = paragraph.text.replace("§ 06.32.10.", "§ 06.32.11.")
    found = of(check_draft(draft), "E-06")
    assert {f.location.letter for f in found} == {"a", "e"}
    assert {f.location.letter: f.severity for f in found} == {
        "a": Severity.WARNING,
        "e": Severity.ERROR,
    }


def test_e07_underkonto_in_e():
    draft = example()
    paragraph = section(draft, "e").blocks[0]
    paragraph.text = paragraph.text.replace("§ 06.32.10.", "§ 06.32.10.13.")
    found = one(draft, "E-07")
    assert found.severity is Severity.WARNING
    assert found.location == span_of(draft, "e", 0, "§ 06.32.10.13.")
    assert found.suggestion == "§ 06.32.10."


# --- litra f ------------------------------------------------------------------------


def test_f01_f_kept_although_exempt_is_a_warning():
    # f's sentence comes from Finansministeriet's sign-off; exempt means no f.
    draft = example()
    draft.flags.fm_consent_exempt = True
    found = one(draft, "F-01")
    assert found.severity is Severity.WARNING and found.location == at_letter("f")
    assert "udelades i dokumentet" in found.message


def test_f01_f_left_out_when_exempt_is_info():
    draft = remove_section(example(), "f")
    draft.flags.fm_consent_exempt = True
    found = one(draft, "F-01")
    assert found.severity is Severity.INFO and found.location == at_letter("f")


def test_f02_only_the_sentence():
    draft = set_text(
        example(), "f", "Finansministeriets tilslutning foreligger. Sagen haster i øvrigt."
    )
    found = one(draft, "F-02")
    assert found.severity is Severity.WARNING and found.location == at_letter("f")


def test_f03_consent_without_fm_signoff():
    draft = example()
    draft.signoffs = []
    assert one(draft, "F-03").severity is Severity.INFO
    assert one(draft, "F-03", final=True).severity is Severity.WARNING
    sign(draft, "Finansministeriet")
    none_of(draft, "F-03")
    section(draft, "b").blocks.append(Paragraph(text="Ny tekst efter godkendelsen."))
    assert one(draft, "F-03").severity is Severity.INFO  # the sign-off is stale now
    assert one(draft, "F-03", final=True).severity is Severity.WARNING
    section(draft, "b").blocks.pop()  # undo: the signed content again
    none_of(draft, "F-03")


def test_f03_text_added_to_f_after_signoff_makes_it_stale():
    draft = example()
    draft.signoffs = []
    sign(draft, "Finansministeriet")
    none_of(draft, "F-03")
    section(draft, "f").blocks.append(Paragraph(text="Dog med forbehold for finansieringen."))
    assert [f.severity for f in check_draft(draft) if f.rule == "F-03"] == [Severity.INFO]
    assert [f.severity for f in check_draft(draft, final=True) if f.rule == "F-03"] == [
        Severity.WARNING
    ]


def test_f03_final_check_compares_fingerprints_exactly():
    draft = example()
    draft.signoffs = []
    sign(draft, "Finansministeriet")
    none_of(draft, "F-03")
    # A stated total is not part of the signed content (forms/signoff.py): a final
    # check, which always hashes, knows the sign-off still holds.
    table = next(b for b in section(draft, "b").blocks if isinstance(b, BudgetTable))
    table.stated_grand_total = Decimal("100.0")
    assert [f for f in check_draft(draft, final=True) if f.rule == "F-03"] == []
