"""Draft files: round trip, broken files, migration, changed-on-disk guard."""

import hashlib
import shutil
from pathlib import Path

import pytest

from benchmarks.largedraft import large_draft
from forms.draftfile import DraftChangedOnDisk, DraftFileError, load_draft, save_draft
from forms.model import SCHEMA_VERSION, Kind

BROKEN = Path(__file__).parent / "data" / "broken"
FORMATS = Path(__file__).parent / "data" / "formats"


def test_example_round_trips(example, tmp_path):
    path = tmp_path / "kladde.aktstykke"
    save_draft(path, example)
    assert load_draft(path).draft == example


def test_large_draft_round_trips(tmp_path):
    draft = large_draft()
    assert sum(len(s.blocks) for s in draft.sections) > 2000
    assert len(draft.tables()) == 30
    path = tmp_path / "stor.aktstykke"
    save_draft(path, draft)
    assert load_draft(path).draft == draft


def test_file_is_readable_json_with_amounts_as_strings(example, tmp_path):
    path = tmp_path / "kladde.aktstykke"
    save_draft(path, example)
    text = path.read_text("utf-8")
    assert '"50.0"' in text  # Decimal as a string, never a float
    assert "Nærområde- og migrationsfond" in text  # UTF-8, not \u escapes
    assert f'"schema_version": {SCHEMA_VERSION}' in text


EXPECTED = {
    "truncated.aktstykke": "beskadiget eller ufuldstændigt (linje",
    "binary.aktstykke": "ikke tekst i UTF-8",
    "latin1.aktstykke": "ikke tekst i UTF-8",
    "empty.aktstykke": "er tom",
    "wrong-types.aktstykke": "feltet finansaar (værdi »toogtyve«) er ikke et heltal",
    "unknown-field.aktstykke": "feltet budgetramme (værdi 12) er ikke et felt i et aktstykke",
    "unknown-block.aktstykke": "ikke en kendt bloktype",
    "newer-schema.aktstykke": "nyere version af Aktstykke (filformat 99",
    "not-an-aktstykke.aktstykke": "er ikke et aktstykke",
    "no-schema-version.aktstykke": "mangler et gyldigt filformatnummer",
    "deep-nesting.aktstykke": "for dybt indlejret",
    "lone-surrogate.aktstykke": "feltet sections[1].blocks[1].text (værdi »Siden 2017 \\ud800har "
    "der«) indeholder et tegn, der ikke er gyldig Unicode (\\ud800, tegn nr. 12)",
    "lone-surrogate-column.aktstykke": "feltet sections[1].blocks[10].columns[1] (værdi »2025 "
    "\\udfff«) indeholder et tegn, der ikke er gyldig Unicode",
    "amount-huge.aktstykke": "feltet sections[1].blocks[10].rows[0].values[0] (værdi "
    "»1E+999999«) er for stort til at være et beløb (højst 15 cifre før kommaet)",
    "amount-nan.aktstykke": "feltet sections[1].blocks[10].rows[1].values[0] (værdi »NaN«) "
    "skal være et endeligt tal",
    "amount-infinite-flag.aktstykke": "feltet flags.tb_amount (værdi »-Infinity«) skal være et "
    "endeligt tal",
    "amount-tiny-exponent.aktstykke": "feltet sections[1].blocks[10].stated_grand_total (værdi "
    "»1E-999999«) har for mange decimaler til at være et beløb (højst 10)",
    "amount-5000-digits.aktstykke": "et tal har alt for mange cifre",
    "signoff-time-year-1.aktstykke": "feltet signoffs[0].time (værdi »0001-01-01T00:00:00+05:00«) "
    "er et tidspunkt så nær år 1 eller år 9999, at det ikke kan regnes om til lokal tid",
    "revoked-time-year-9999.aktstykke": "feltet signoffs[0].revoked (værdi "
    "»9999-12-31T23:00:00-05:00«) er et tidspunkt så nær år 1",
    "integer-too-large.aktstykke": "feltet finansaar (værdi "
    "1000000000000000000000000000000) er et alt for stort tal til feltet",
    "duplicate-key.aktstykke": "feltet »text« står to gange i sections[1].blocks[1], så det er "
    "uklart, hvilken værdi der gælder",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_gives_clear_error_and_is_left_untouched(name):
    path = BROKEN / name
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(DraftFileError) as info:
        load_draft(path)
    assert name in info.value.message  # names the file
    assert EXPECTED[name] in info.value.message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_every_broken_fixture_is_covered():
    assert {p.name for p in BROKEN.iterdir()} == set(EXPECTED)


def test_wrong_value_in_table_cell_is_named_by_path():
    with pytest.raises(DraftFileError) as info:
        load_draft(BROKEN / "wrong-types.aktstykke")
    assert "rows[0].values[0] (værdi »halvtreds«) er ikke et tal" in info.value.message


def test_missing_file(tmp_path):
    with pytest.raises(DraftFileError) as info:
        load_draft(tmp_path / "findes-ikke.aktstykke")
    assert "findes ikke" in info.value.message


def test_older_schema_is_migrated_and_original_kept_as_bak(tmp_path):
    path = tmp_path / "gammel.aktstykke"
    shutil.copy(FORMATS / "schema-1.aktstykke", path)
    original = path.read_bytes()
    loaded = load_draft(path)
    assert loaded.migrated_from == 1
    assert loaded.draft.letters() == ["a", "b", "c", "e", "f"]
    assert loaded.draft.kind is Kind.SOEGENDE
    assert path.read_bytes() == original  # loading never writes
    save_draft(path, loaded.draft, expected_hash=loaded.content_hash, migrated_from=1)
    assert (tmp_path / "gammel.aktstykke.bak").read_bytes() == original
    assert load_draft(path).migrated_from is None
    # A second save does not replace the backup of the original.
    save_draft(path, loaded.draft, migrated_from=1)
    assert (tmp_path / "gammel.aktstykke.bak").read_bytes() == original


def test_refuses_to_overwrite_a_file_changed_on_disk(example, tmp_path):
    path = tmp_path / "kladde.aktstykke"
    save_draft(path, example)
    loaded = load_draft(path)
    path.write_text(path.read_text("utf-8").replace("Lars Løkke Rasmussen", "En Kollega"), "utf-8")
    colleague = path.read_bytes()
    with pytest.raises(DraftChangedOnDisk) as info:
        save_draft(path, loaded.draft, expected_hash=loaded.content_hash)
    assert "ændret" in info.value.message
    assert path.read_bytes() == colleague
    save_draft(path, loaded.draft, expected_hash=loaded.content_hash, force=True)
    assert load_draft(path).draft.minister == "Lars Løkke Rasmussen"


def test_save_into_missing_folder_gives_clear_error(example, tmp_path):
    with pytest.raises(DraftFileError) as info:
        save_draft(tmp_path / "nej" / "kladde.aktstykke", example)
    assert "kan ikke gemmes" in info.value.message
