"""Structure rules S-01..S-08 and O-01, each triggered by a minimal change to the example."""

from __future__ import annotations

from forms.checks import check_draft
from forms.findings import Location, Severity
from forms.model import Kind, Paragraph, Section, SubHeading
from tests.checks_helpers import (
    add_section,
    at_letter,
    example,
    none_of,
    of,
    one,
    remove_section,
    section,
    set_text,
)


def test_s01_letters_out_of_order():
    draft = example()
    c = section(draft, "c")
    draft.sections.remove(c)
    draft.sections.insert(3, c)  # a, b, e, c, f
    found = one(draft, "S-01")
    assert found.severity is Severity.ERROR
    assert found.location == at_letter("c")
    assert "efter litra e" in found.message


def test_s02_placeholder_litra():
    draft = add_section(example(), "d", "Ikke relevant.")
    found = one(draft, "S-02")
    assert found.severity is Severity.ERROR
    assert found.location == at_letter("d")
    assert "udelades" in found.message


def test_s02_a_real_litra_d_is_fine():
    none_of(add_section(example(), "d", "Udlændinge- og Integrationsministeriet er enigt."), "S-02")


def test_s03_formal_request_relettered_as_d():
    draft = example()
    request = section(draft, "e").blocks[0].text
    remove_section(draft, "e")
    add_section(draft, "d", request)
    found = one(draft, "S-03")
    assert found.severity is Severity.ERROR
    assert found.location == Location(
        area="section", letter="d", block=0, start=0, end=len("Under henvisning til ovenstående")
    )


def test_s03_fm_sentence_outside_f():
    draft = example()
    remove_section(draft, "f")
    section(draft, "e").blocks.append(Paragraph(text="Finansministeriets tilslutning foreligger."))
    found = one(draft, "S-03")
    assert found.location.letter == "e" and found.location.block == 1


def test_s04_missing_required_litra():
    found = one(remove_section(example(), "c"), "S-04")
    assert found.severity is Severity.ERROR
    assert found.location == at_letter("c")


def test_s04_c_marked_not_needed_is_info():
    draft = remove_section(example(), "c")
    draft.flags.c_not_needed = True
    found = one(draft, "S-04")
    assert found.severity is Severity.INFO and found.location == at_letter("c")


def test_s04_missing_b_is_a_warning():
    found = one(remove_section(example(), "b"), "S-04")
    assert found.severity is Severity.WARNING and found.location == at_letter("b")


def test_s04_f_left_out_when_exempt_is_not_an_error():
    draft = remove_section(example(), "f")
    draft.flags.fm_consent_exempt = True
    none_of(draft, "S-04")


def test_s05_orienterende_with_c_and_e():
    draft = example()
    draft.kind = Kind.ORIENTERENDE
    found = of(check_draft(draft), "S-05")
    assert [f.location for f in found] == [at_letter("c"), at_letter("e")]
    assert all(f.severity is Severity.ERROR for f in found)


def test_s06_two_hovedkonti_in_running_prose():
    draft = example()
    set_text(
        draft,
        "a",
        "Udenrigsministeriet anmoder hermed om Finansudvalgets tilslutning til at give tilskud "
        "på 100,0 mio. kr. under § 06.32.10. Nærområde- og migrationsfond og under § 06.34.01. "
        "Bilateral bistand.",
    )
    found = one(draft, "S-06")
    assert found.severity is Severity.WARNING and found.location == at_letter("a")
    assert "punktopstilling" in found.message


def test_s06_the_financing_account_does_not_count():
    draft = example()
    set_text(
        draft,
        "a",
        "Udenrigsministeriet anmoder hermed om Finansudvalgets tilslutning til at give tilskud "
        "på 100,0 mio. kr. under § 06.32.10. Nærområde- og migrationsfond. Udgiften i 2024 "
        "finansieres af de på § 06.11.79. Reserve og budgetregulering opførte midler.",
    )
    none_of(draft, "S-06")


def test_s06_a_bullet_list_is_fine():
    draft = example()
    set_text(
        draft,
        "a",
        "Udenrigsministeriet anmoder hermed om Finansudvalgets tilslutning til:",
        "– tilskud på 50,0 mio. kr. under § 06.32.10. Nærområde- og migrationsfond,",
        "– tilskud på 50,0 mio. kr. under § 06.34.01. Bilateral bistand.",
    )
    none_of(draft, "S-06")


def test_s07_litra_twice():
    draft = example()
    draft.sections.insert(2, Section(letter="b", blocks=[Paragraph(text="Mere baggrund.")]))
    found = one(draft, "S-07")
    assert found.severity is Severity.ERROR and found.location == at_letter("b")
    assert "2 gange" in found.message


def test_s07_empty_litra():
    found = one(set_text(example(), "c", "   "), "S-07")
    assert found.severity is Severity.ERROR and found.location == at_letter("c")


def test_s08_empty_paragraph_first_in_a_litra():
    draft = example()
    section(draft, "a").blocks.insert(0, Paragraph(text=""))
    found = one(draft, "S-08")
    assert found.severity is Severity.WARNING
    assert found.location == Location(letter="a", block=0)
    assert "Litra a begynder med et tomt afsnit (blok 1)" in found.message
    assert "kommer ikke med i dokumentet" in found.message


def test_s08_blank_block_last_and_first_each_reported():
    draft = example()
    blocks = section(draft, "e").blocks
    blocks.insert(0, SubHeading(text=" "))
    blocks.append(Paragraph(text="\n\t "))
    found = [f for f in check_draft(draft) if f.rule == "S-08"]
    assert [(f.location.letter, f.location.block) for f in found] == [
        ("e", 0),
        ("e", len(blocks) - 1),
    ]
    assert "begynder med en tom underoverskrift" in found[0].message
    assert "slutter med et tomt afsnit" in found[1].message


def test_s08_not_for_blank_blocks_inside_nor_an_empty_litra():
    draft = example()
    section(draft, "b").blocks.insert(1, Paragraph(text=""))  # between two paragraphs
    none_of(draft, "S-08")
    empty = set_text(example(), "c", "", "")  # wholly empty: S-07 says so, not S-08
    none_of(empty, "S-08")
    assert one(empty, "S-07").location == at_letter("c")


def test_s08_litra_with_empty_edge_is_not_i_orden():
    from desktop.session.partstate import State, by_part, summarise

    draft = example()
    assert summarise(draft, "a", by_part(check_draft(draft))["a"]).state is State.OK
    section(draft, "a").blocks.append(Paragraph())
    summary = summarise(draft, "a", by_part(check_draft(draft))["a"])
    assert summary.state is State.WARNINGS and summary.text() == "1 advarsel"


def test_o01_orienterende_that_asks_for_consent():
    draft = remove_section(remove_section(example(), "c"), "e")
    draft.kind = Kind.ORIENTERENDE
    found = one(draft, "O-01")
    assert found.severity is Severity.WARNING and found.location == at_letter("a")
    assert "søgende" in found.message


def test_o01_soegende_that_only_informs():
    draft = set_text(
        example(),
        "a",
        "Udenrigsministeriet orienterer hermed Finansudvalget om et tilskud på 100,0 mio. kr. "
        "under § 06.32.10. Nærområde- og migrationsfond.",
    )
    found = one(draft, "O-01")
    assert "orienterende" in found.message
