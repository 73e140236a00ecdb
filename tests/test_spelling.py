"""The Danish spell-check without Qt (issue 15 point 6): the domain's words are
never flagged, a misspelling is, with suggestions; the personal word list
persists; the word counts."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from forms import spelling
from forms.model import BudgetTable, Paragraph, Section, SubHeading, TableRow
from forms.spelling import PersonalWords, SpellChecker, SpellingUnavailable
from forms.starters import STARTERS, make_draft
from forms.templates import load_example
from forms.wordcount import count_words, draft_words, format_count, section_words


@pytest.fixture
def checker(tmp_path):
    return SpellChecker(PersonalWords(tmp_path / "ordbog.txt")).load()


def flagged(checker, text):
    return [m.word for m in checker.misspelled(text)]


def test_the_danish_dictionary_ships_with_the_program_and_loads(checker):
    folder = spelling.dictionary_folder()
    assert (folder / "hunspell" / "da_DK.dic").stat().st_size > 1_000_000
    assert (folder / "hunspell" / "da_DK.aff").is_file()
    assert (folder / "MPL-1.1.txt").is_file() and (folder / "README.md").is_file()
    assert checker.ready and checker.unavailable is None


def test_enchant_reads_a_copy_and_never_writes_into_the_program_folder(tmp_path, monkeypatch):
    """enchant writes word lists of its own beside the dictionaries it reads."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = spelling.dictionary_folder()
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    target = spelling._enchant_folder(folder)
    assert target == tmp_path / "cache" / "Aktstykke" / "enchant"
    for name in ("da_DK.aff", "da_DK.dic"):
        assert (target / "hunspell" / name).read_bytes() == (
            folder / "hunspell" / name
        ).read_bytes()
    copied = (target / "hunspell" / "da_DK.dic").stat().st_mtime_ns
    assert spelling._enchant_folder(folder) == target  # kept, not copied again
    assert (target / "hunspell" / "da_DK.dic").stat().st_mtime_ns == copied
    SpellChecker(PersonalWords(tmp_path / "ordbog.txt")).load()
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before


def test_ordinary_danish_passes(checker):
    text = (
        "Sagen forelægges Finansudvalget, idet totaludgiften overstiger grænsen, og "
        "udgiften vil blive afholdt af den på finansloven opførte bevilling."
    )
    assert flagged(checker, text) == []


def test_a_misspelling_is_flagged_with_its_span_and_suggestions(checker):
    text = "Ministeriet anmoder om tilslutnig til projektet."
    [found] = checker.misspelled(text)
    assert (found.word, text[found.start : found.end]) == ("tilslutnig", "tilslutnig")
    assert checker.suggestions("tilslutnig")[0] == "tilslutning"
    assert len(checker.suggestions("tilslutnig")) <= spelling.SUGGESTIONS


DOMAIN_TEXT = [
    # ministry names, also with suspended compounds
    "Udlændinge- og Integrationsministeriet, Børne- og Undervisningsministeriet samt "
    "Social-, Bolig- og Ældreministeriet og Ministeriet for Grøn Trepart",
    "Digitaliserings- og Ligestillingsministeriet og Klima-, Energi- og Forsyningsministeriet",
    # the domain's own words
    "Finansudvalget, Finansministeriets tilslutning, aktstykket, litra e, en tekstanmærkning, "
    "tillægsbevillingsloven, hovedkontoen, underkontoen, lånerammen, It-rådets vurdering",
    # § accounts, amounts, dates, years and percentages
    "§ 06.32.10.13. under § 6.3, 100,0 mio. kr., 86.400 t. kr., 1.000 kr., -25,0 mio. kr., "
    "den 12. november 2024, 2024-27, (2025-pl), 10 pct.",
    # abbreviations with their period
    "jf. pkt. 2.2.7, bl.a. og m.fl., fx, mv., evt., ca., nr. 3, stk. 2, inkl., vedr., Aktstk. 122",
    # capitals and words with digits
    "IOM og ICMPD, ICMPDs og FN’s organisationer, EU-landene, COVID19, 3F",
    # addresses
    "se https://www.ft.dk/samling/aktstk og skriv til fm@fm.dk",
]


@pytest.mark.parametrize("text", DOMAIN_TEXT)
def test_the_domains_own_words_are_never_flagged(checker, text):
    assert flagged(checker, text) == []


def test_every_listed_ministry_name_passes(checker):
    data = json.loads(resources.files("resources").joinpath("ministries.json").read_text("utf-8"))
    for name in data["names"]:
        assert flagged(checker, f"{name} anmoder hermed om tilslutning.") == [], name


def test_an_abbreviation_passes_only_with_its_period(checker):
    assert flagged(checker, "jf. pkt. 3") == []
    assert flagged(checker, "jf pkt 3") == ["jf", "pkt"]


def test_a_compound_passes_when_its_parts_do(checker):
    assert flagged(checker, "it-projektet og EU-midlerne") == []
    assert flagged(checker, "it-projektet og EU-midlrne") == ["EU-midlrne"]


def test_the_example_and_the_starting_points_have_only_true_finds(checker):
    for draft in [load_example(), *(make_draft(s.key) for s in STARTERS)]:
        found = {
            word
            for section in draft.sections
            for block in section.blocks
            if not isinstance(block, BudgetTable)
            for word in flagged(checker, block.text)
        }
        # the seed's English names, a word the dictionary lacks, and a real typo
        assert found <= {
            "Capacity",
            "Capacity-programmet",
            "Capacity-programmets",
            "Policy",
            "tilbagetagelse",
            "udviklingbistanden",
        }, found


def test_the_word_being_typed_is_left_alone(checker):
    text = "Vi anmoder om tilslut"
    assert flagged(checker, text) == []  # 'tilslut' is a word
    text = "Vi anmoder om tilsl og andet"
    assert flagged(checker, text) == ["tilsl"]
    assert [m.word for m in checker.misspelled(text, skip=(14, 19))] == []


def test_the_personal_word_list_persists(tmp_path):
    path = tmp_path / "data" / "ordbog.txt"
    checker = SpellChecker(PersonalWords(path)).load()
    assert flagged(checker, "Capacity-programmet") == ["Capacity-programmet"]
    checker.add_word("Capacity")
    assert flagged(checker, "Capacity og Capacity-programmet") == []
    assert "Capacity" in path.read_text("utf-8").splitlines()
    again = SpellChecker(PersonalWords(path)).load()  # a later session
    assert flagged(again, "Capacity-programmet") == []
    lower = SpellChecker(PersonalWords(path))
    lower.personal.add("tilbagetagelse")
    lower.load()
    assert flagged(lower, "Tilbagetagelse og tilbagetagelse") == []  # capital at a sentence start


def test_the_personal_list_is_in_the_users_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert spelling.personal_path() == tmp_path / "data" / "Aktstykke" / "ordbog.txt"


def test_an_unreadable_personal_list_is_never_written_over(tmp_path):
    path = tmp_path / "ordbog.txt"
    path.write_bytes(b"\xff\xfe gammel \x00 liste")
    words = PersonalWords(path)
    assert words.error and str(path) in words.error
    with pytest.raises(SpellingUnavailable) as caught:
        words.add("Capacity")
    assert "»Capacity« er ikke tilføjet" in caught.value.message
    assert path.read_bytes() == b"\xff\xfe gammel \x00 liste"


def test_a_personal_list_that_cannot_be_saved_says_why(tmp_path, monkeypatch):
    import errno

    def full(_path, _data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(spelling, "atomic_write_bytes", full)
    words = PersonalWords(tmp_path / "ordbog.txt")
    with pytest.raises(SpellingUnavailable) as caught:
        words.add("Capacity")
    assert "kunne ikke gemmes" in caught.value.message
    assert "der er ikke mere plads på drevet" in caught.value.message
    assert "Capacity" not in words.words()


def test_a_personal_list_in_a_path_that_is_no_folder_is_reported(tmp_path):
    folder = tmp_path / "fil"
    folder.write_text("ikke en mappe")
    words = PersonalWords(folder / "ordbog.txt")
    assert "en del af stien er en fil, ikke en mappe" in words.error


def test_without_enchant_nothing_is_flagged_and_the_reason_is_danish(tmp_path, monkeypatch):
    def missing():
        raise spelling.SpellingUnavailable("Stavekontrollen er slået fra: enchant mangler.")

    monkeypatch.setattr(spelling, "_open_dictionary", missing)
    checker = SpellChecker(PersonalWords(tmp_path / "ordbog.txt")).load()
    assert not checker.ready
    assert checker.unavailable.startswith("Stavekontrollen er slået fra")
    assert checker.misspelled("tilslutnig") == [] and checker.suggestions("tilslutnig") == []


def test_verdicts_are_cached_per_word(tmp_path):
    class Counting:
        def __init__(self):
            self.calls = 0

        def check(self, word):
            self.calls += 1
            return word != "tilslutnig"

        def suggest(self, word):
            return ["tilslutning"]

    backend = Counting()
    checker = SpellChecker(PersonalWords(tmp_path / "ordbog.txt"), backend=backend)
    text = "om tilslutning og tilslutnig til " * 200
    assert len(checker.misspelled(text)) == 200
    assert backend.calls == 4  # om/og/til are words: tilslutning, tilslutnig … once each


# -- word counts ------------------------------------------------------------------------


def test_words_are_counted_as_a_word_processor_counts():
    assert count_words("Udgiften på 100,0 mio. kr. under § 06.32.10. – i alt.") == 9
    assert count_words("") == 0 and count_words("  – § ") == 0


def test_draft_and_litra_counts():
    section = Section(
        letter="b",
        blocks=[
            SubHeading(text="Baggrund"),
            Paragraph(text="Tre små ord."),
            BudgetTable(
                caption="Budget",
                label_heading="Projektsøjler",
                columns=["2025"],
                rows=[TableRow(label="Første søjle", values=[]), TableRow(label="Anden")],
            ),
        ],
    )
    assert section_words(section) == 1 + 3 + 1 + 1 + 1 + 2 + 1
    draft = make_draft("tom")
    draft.sections[1] = section
    assert draft_words(draft) == section_words(section) + 3  # f: three words
    assert format_count(1234) == "1.234 ord"
