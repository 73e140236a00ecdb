"""Import of text aktstykker: the seed, run-together transcripts, published copies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from exporters.text import render_text
from forms.importing import SourceError, import_file, import_text
from forms.model import BudgetTable, Kind, SubHeading
from forms.signoff import has_fm_consent
from forms.textnorm import normalise_for_comparison
from tests.helpers import DATA, SEED, sign

IMPORT = DATA / "import"


def _structure(draft):
    """Everything the document shows, without stated totals and file metadata.

    Sign-offs are compared by what they say of litra f: whether Finansministeriet's
    consent is stated, counted (recorded and signed) or only stated by the imported
    source (which never counts; tests/test_import_consent.py)."""
    data = draft.model_dump(
        exclude={"metadata", "import_notes", "review", "category", "signoffs", "audit"},
    )
    data["fm_consent"] = has_fm_consent(draft) or any(s.source for s in draft.signoffs)
    for section in data["sections"]:
        for block in section["blocks"]:
            if block["type"] == "table":
                block["stated_column_totals"] = None
                block["stated_grand_total"] = None
                for row in block["rows"]:
                    row["stated_total"] = None
    return data


def test_seed_imports_as_the_example_draft(example):
    result = import_file(SEED)
    assert _structure(result.draft) == _structure(example)
    assert result.draft.letters() == ["a", "b", "c", "e", "f"]
    assert result.draft.import_notes == []


def test_seed_round_trip_is_word_for_word():
    draft = import_file(SEED).draft
    # The source's "f. Finansministeriets tilslutning foreligger." does not count: once
    # the consent is recorded with its reference, the seed is reproduced word for word.
    sign(draft, "Finansministeriet")
    exported = render_text(draft, final=True)
    assert normalise_for_comparison(exported) == normalise_for_comparison(SEED.read_text("utf-8"))


def test_seed_header_signature_and_table_are_understood():
    draft = import_file(SEED).draft
    assert draft.ministry == "Udenrigsministeriet"
    assert draft.place == "København"
    assert draft.date == dt.date(2024, 11, 12)
    assert draft.signature_date is None  # same as the header
    assert draft.minister == "Lars Løkke Rasmussen"
    assert draft.finansaar == 2024
    assert draft.kind is Kind.SOEGENDE
    assert draft.published is None
    [(letter, _, table)] = draft.tables()
    assert letter == "b"
    assert table.label_heading == "Projektsøjler"
    assert table.columns == [""]
    assert [row.label for row in table.rows] == ["IOM", "ICMPD"]
    assert [row.values for row in table.rows] == [[Decimal("50.0")], [Decimal("50.0")]]
    assert table.stated_column_totals == [Decimal("100.0")]
    headings = [b.text for b in draft.section("b").blocks if isinstance(b, SubHeading)]
    assert headings == ["Baggrund", "Projektbeskrivelse", "Budget", "Væsentlige risikoelementer"]


def test_seed_hyphenation_joined_only_at_breaks():
    text = " ".join(
        b.text for s in import_file(SEED).draft.sections for b in s.blocks if hasattr(b, "text")
    )
    assert "Development (ICMPD)" in text
    assert "kapacitetsudvikling" in text
    assert "Nærområde- og migrationsfond" in text
    assert "Udlændinge- og Integrationsministeriet" in text
    assert "Develop-" not in text and "kapaci-" not in text


def test_report_lists_what_was_recognised():
    report = import_file(SEED).report
    text = report.text()
    assert "Hoved: Udenrigsministeriet, København, 12. november 2024." in text
    assert "Punkter: a, b, c, e, f (d er udeladt)." in text
    assert "Budgettabel i litra b: 2 rækker, 1 kolonne i mio. kr." in text
    assert "»I alt« 100,0\u00a0mio. kr. bevaret som angivet total" in text
    assert "Underskrift: København, 12. november 2024, Lars Løkke Rasmussen." in text
    assert report.source_kind == "tekst"


def test_our_text_export_reimports_to_the_same_draft(example):
    exported = render_text(example)  # with the UDKAST marking
    result = import_text(exported, "eksport.txt")
    assert _structure(result.draft) == _structure(example)
    assert "Markeringen »UDKAST« er sat til side (ikke brødtekst)." in result.report.recognised


def test_run_together_transcript_is_cut_at_the_litra():
    result = import_file(IMPORT / "run-together.txt")
    draft = result.draft
    assert draft.letters() == ["a", "b", "c", "e", "f"]
    assert draft.ministry == "Klima-, Energi- og Bygningsministeriet"
    # The transcript dropped the header's year: it is taken from the signature.
    assert draft.date == dt.date(2014, 6, 10)
    assert draft.minister == "Rasmus Helveg Petersen"
    # "jf. pkt. a. Ovenfor" inside b is not a litra: a comes before b.
    assert draft.section("b").blocks[0].text.startswith("SDU og Energistyrelsen")
    assert "jf. pkt. a. Ovenfor." in draft.section("b").blocks[0].text
    assert draft.section("f").blocks[0].text == "Finansministeriets tilslutning foreligger."
    assert draft.published.number == "122"
    assert any("ét stykke" in line for line in result.report.guessed)


def test_inline_transcript_from_the_domain_notes():
    text = (
        "Klimaministeriet. København, den 10. juni a. Klima-, Energi- og Forsyningsministeriet "
        "anmoder om Finansudvalgets tilslutning til at afholde 5,0 mio. kr. b. Sagen er enkel. "
        "c. Sagen forelægges Finansudvalget. e. Under henvisning til ovenstående anmodes om "
        "tilslutning. f. Finansministeriets tilslutning foreligger. København, den 10. juni 2021 "
        "Dan Jørgensen Til Finansudvalget."
    )
    draft = import_text(text).draft
    assert draft.letters() == ["a", "b", "c", "e", "f"]
    assert draft.section("a").blocks[0].text.startswith("Klima-, Energi- og Forsyningsministeriet")
    assert draft.date == dt.date(2021, 6, 10)
    assert draft.minister == "Dan Jørgensen"


def test_published_copy_keeps_fiu_additions_as_metadata():
    result = import_file(IMPORT / "published-122.txt")
    draft = result.draft
    published = draft.published
    assert published is not None
    assert published.number == "122"
    assert published.session == "2013-14"
    assert published.decided == "19. juni 2014"
    assert published.endorsement == (
        "Tiltrådt af et flertal i Finansudvalget den 19. juni 2014 (udvalget med "
        "undtagelse af EL, der stemte imod aktstykket)."
    )
    body = " ".join(b.text for s in draft.sections for b in s.blocks if hasattr(b, "text"))
    for addition in ("Aktstykke nr.", "Folketinget 2013-14", "Afgjort den", "Tiltrådt", "BE004575"):
        assert addition not in body
    assert draft.date == dt.date(2014, 6, 10)
    assert draft.signature_date == dt.date(2014, 6, 11)  # differs from the header
    assert "Landsbyggefonden" in body and "budgetvejledningens" in body
    assert any(line.startswith("Finansudvalgets tilføjelser") for line in result.report.recognised)


def test_published_table_with_year_columns_and_total_column():
    draft = import_file(IMPORT / "published-122.txt").draft
    [(_, _, table)] = draft.tables()
    assert table.columns == ["2014", "2015"]
    assert table.label_heading == "Tilsagn"
    assert [row.stated_total for row in table.rows] == [Decimal("20.0"), Decimal("5.0")]
    assert table.stated_column_totals == [Decimal("18.0"), Decimal("7.0")]
    assert table.stated_grand_total == Decimal("25.0")
    assert table.grand_total() == Decimal("25.0")


def test_endorsement_after_the_addressee_is_metadata_too():
    text = SEED.read_text("utf-8") + "\nTiltrådt af Finansudvalget den 21. november 2024.\n"
    draft = import_text(text).draft
    assert draft.published.endorsement == "Tiltrådt af Finansudvalget den 21. november 2024."
    assert draft.import_notes == []


def test_text_that_fits_nowhere_goes_to_the_nearest_litra_with_a_finding():
    text = SEED.read_text("utf-8").replace(
        " Udenrigsministeriet. København, den 12. november 2024.",
        " Udenrigsministeriet. København, den 12. november 2024.\n\nJ.nr. 2024-12345",
    )
    text += "\nBilag: Projektdokument for Capacity-programmet.\n"
    result = import_text(text, "med-ekstra.txt")
    a = result.draft.section("a")
    f = result.draft.section("f")
    assert a.blocks[1].text == "J.nr. 2024-12345"
    assert f.blocks[-1].text == "Bilag: Projektdokument for Capacity-programmet."
    findings = result.findings
    assert [(x.rule, x.severity.value) for x in findings] == [("I-01", "info"), ("I-01", "info")]
    assert findings[0].location.letter == "a" and findings[0].location.block == 1
    assert "J.nr. 2024-12345" in findings[0].message
    assert any("J.nr. 2024-12345" in line for line in result.report.guessed)


def test_i01_follows_moved_text_and_disappears_when_edited():
    from forms.importing import dismiss_import_note, import_findings

    text = SEED.read_text("utf-8") + "\nBilag: Projektdokument.\n"
    draft = import_text(text).draft
    f = draft.section("f")
    moved = f.blocks.pop()
    draft.section("b").blocks.insert(0, moved)
    [finding] = import_findings(draft)
    assert (finding.location.letter, finding.location.block) == ("b", 0)
    draft.section("b").blocks[0].text = "Bilag: Projektdokument (rettet)."
    assert import_findings(draft) == []
    draft.section("b").blocks[0].text = "Bilag: Projektdokument."
    dismiss_import_note(draft, draft.import_notes[0])
    assert import_findings(draft) == []


def test_orienting_aktstykke_is_recognised():
    text = (
        "Skatteministeriet. København, den 3. maj 2023.\n\n"
        "a. Skatteministeriet orienterer hermed Finansudvalget om status for it-projektet.\n\n"
        "b. Projektet er forsinket med tre måneder.\n\n"
        "f. Finansministeriets tilslutning foreligger.\n\n"
        "København, den 3. maj 2023\n\nJeppe Bruus\n\nTil Finansudvalget.\n"
    )
    draft = import_text(text).draft
    assert draft.kind is Kind.ORIENTERENDE
    assert draft.letters() == ["a", "b", "f"]


def test_header_split_over_two_lines_and_ministry_guess():
    text = (
        "Finansministeriet\n\nKøbenhavn, den 1. februar 2025.\n\n"
        "a. Finansministeriet anmoder om Finansudvalgets tilslutning til noget.\n\n"
        "e. Under henvisning til ovenstående anmodes om tilslutning.\n\n"
        "Til Finansudvalget.\n"
    )
    draft = import_text(text).draft
    assert draft.ministry == "Finansministeriet"
    assert draft.date == dt.date(2025, 2, 1)


def test_empty_text_is_refused():
    with pytest.raises(SourceError) as caught:
        import_text("  \n\n ", "tom.txt")
    assert "tom" in caught.value.message


def test_table_lines_with_accounts_round_trip():
    from benchmarks.largedraft import _table
    from forms.templates import load_example

    draft = load_example()
    draft.section("b").blocks.append(_table(3))
    result = import_text(render_text(draft))
    [_, (_, _, table)] = result.draft.tables()
    original = draft.tables()[1][2]
    assert table.columns == original.columns
    assert [(r.account, r.label, r.values) for r in table.rows] == [
        (r.account, r.label, r.values) for r in original.rows
    ]
    assert table.caption == "Tabel 4"
    assert table.label_heading == "Mio. kr."
    assert isinstance(result.draft.section("b").blocks[-1], BudgetTable)
