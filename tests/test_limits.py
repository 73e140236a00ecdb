"""Values no aktstykke can hold are refused where they enter the model, with the
field named; duplicate keys are refused at load (forms.limits, forms.draftfile)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from pydantic import ValidationError

from forms.draftfile import DraftFileError, dumps_draft, loads_draft
from forms.model import Aktstykke, Flags, Paragraph, SignOff, TableRow


def _refusal(text: str) -> str:
    with pytest.raises(DraftFileError) as info:
        loads_draft(text, "kladde.aktstykke")
    message = info.value.message
    assert "»kladde.aktstykke«" in message
    message.encode("utf-8")  # printable: a surrogate in the message would crash the print
    return message


def _draft_json(example, change) -> str:
    raw = json.loads(dumps_draft(example))
    change(raw)
    return json.dumps(raw)  # ensure_ascii: a lone surrogate travels as its escape


@pytest.mark.parametrize(
    ("field", "value", "path"),
    [
        ("minister", "Lars \ud800", "minister"),
        ("ministry", "\udfff", "ministry"),
        ("place", "K\ud83dbenhavn", "place"),  # a high surrogate without its low half
    ],
)
def test_lone_surrogates_in_header_fields_are_refused(example, field, value, path):
    message = _refusal(_draft_json(example, lambda raw: raw.__setitem__(field, value)))
    assert f"feltet {path} (værdi »" in message
    assert "ikke er gyldig Unicode" in message


def test_a_surrogate_pair_is_one_character_and_accepted(example):
    text = _draft_json(example, lambda raw: raw.__setitem__("minister", "Lars \U0001f600"))
    draft, _ = loads_draft(text, "kladde.aktstykke")
    assert draft.minister == "Lars \U0001f600"


def test_surrogate_in_an_unknown_key_gives_a_printable_message(example):
    message = _refusal(_draft_json(example, lambda raw: raw.__setitem__("x\ud800", 1)))
    assert "(værdi »x\\ud800«) indeholder et tegn, der ikke er gyldig Unicode" in message


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("1E+999999", "for stort"),
        ("1000000000000000", "for stort"),
        ("-1E+15", "for stort"),
        ("1E-11", "for mange decimaler"),
        ("NaN", "endeligt"),
        ("Infinity", "endeligt"),
    ],
)
@pytest.mark.parametrize("field", ["tb_amount", "new_laaneramme"])
def test_absurd_flag_amounts_are_refused(example, field, value, reason):
    message = _refusal(_draft_json(example, lambda raw: raw["flags"].__setitem__(field, value)))
    assert f"feltet flags.{field} (værdi »{value}«)" in message
    assert reason in message


def test_stated_column_totals_name_the_column(example):
    def change(raw):
        raw["sections"][1]["blocks"][10]["stated_column_totals"] = ["1", "1E+20"]

    message = _refusal(_draft_json(example, change))
    assert "feltet sections[1].blocks[10].stated_column_totals[1] (værdi »1E+20«)" in message


def test_the_largest_sane_amount_loads():
    row = TableRow.model_validate({"values": ["999999999999999.9", "0.0000000001", None]})
    assert row.values[0] == Decimal("999999999999999.9")


def test_minus_zero_is_zero():
    row = TableRow.model_validate({"values": ["-0", "-0.0"], "stated_total": "-0"})
    assert [str(v) for v in row.values] == ["0", "0.0"]
    assert not row.stated_total.is_signed()


@pytest.mark.parametrize(
    "moment",
    [
        "0001-01-01T00:00:00+05:00",  # UTC would be year 0: astimezone overflows
        "0001-01-01T12:00:00",  # naive: local time could be year 0
        "9999-12-31T23:00:00-05:00",
        "9999-12-31T12:00:00+00:00",
    ],
)
def test_times_that_overflow_in_utc_or_local_time_are_refused(moment):
    with pytest.raises(ValidationError) as info:
        SignOff.model_validate(
            {"role": "Kontorchef", "name": "A", "time": moment, "fingerprint": ""}
        )
    assert "år 1 eller år 9999" in str(info.value)


@pytest.mark.parametrize("moment", ["0001-01-03T00:00:00+05:00", "9999-12-30T00:00:00-12:00"])
def test_extreme_times_that_convert_safely_are_kept(moment):
    record = SignOff.model_validate(
        {"role": "Kontorchef", "name": "A", "time": moment, "fingerprint": ""}
    )
    assert record.time.astimezone().year in (1, 9999)


def test_assignment_is_checked_too():
    flags = Flags()
    with pytest.raises(ValidationError):
        flags.tb_amount = Decimal("1E+999999")
    paragraph = Paragraph(text="ok")
    with pytest.raises(ValidationError):
        paragraph.text = "\ud800"
    assert flags.tb_amount is None and paragraph.text == "ok"


def test_a_refused_value_is_never_in_a_saved_draft(example):
    example.signoffs = [
        SignOff(
            role="Kontorchef", name="A", time=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), fingerprint=""
        )
    ]
    text = dumps_draft(example)
    assert loads_draft(text, "kladde.aktstykke")[0] == example


@pytest.mark.parametrize(
    ("text", "key", "where"),
    [
        (
            '{"metadata": {"schema_version": 2}, "minister": "A", "minister": "B"}',
            "minister",
            "(roden)",
        ),
        ('{"metadata": {"schema_version": 2, "schema_version": 1}}', "schema_version", "metadata"),
        (
            '{"metadata": {"schema_version": 2}, "sections": [{"letter": "a", "blocks": ['
            '{"type": "paragraph", "text": "x"}, {"type": "paragraph", "text": "x", "text": "y"}'
            "]}]}",
            "text",
            "sections[0].blocks[1]",
        ),
    ],
)
def test_duplicate_keys_are_refused_naming_key_and_place(text, key, where):
    message = _refusal(text)
    assert f"feltet »{key}« står to gange i {where}" in message


def test_duplicate_key_is_reported_before_type_errors():
    # The last value ("B") would validate, the first would not: either way it is refused.
    message = _refusal('{"metadata": {"schema_version": 2}, "finansaar": "x", "finansaar": 2024}')
    assert "»finansaar« står to gange" in message


def test_block_type_is_not_part_of_the_path(example):
    def change(raw):
        raw["sections"][1]["blocks"][10]["rows"][0]["values"][0] = "tres"

    message = _refusal(_draft_json(example, change))
    assert "feltet sections[1].blocks[10].rows[0].values[0] (værdi »tres«)" in message
    assert ".table." not in message


def test_a_long_value_is_shortened_in_the_message(example):
    def change(raw):
        raw["flags"]["tb_amount"] = "9" * 500

    message = _refusal(_draft_json(example, change))
    assert "…" in message and len(message) < 400


def test_empty_document_model_still_builds():
    assert Aktstykke().metadata.created.tzinfo is dt.UTC


def test_a_pdf_whose_text_holds_lone_surrogates_imports_with_replacement_characters(
    example, tmp_path, monkeypatch
):
    import pypdf

    from exporters.text import render_text
    from forms.importing import import_file

    text = (
        render_text(example)
        .replace("Capacity", "Capa\ud800city", 1)
        .replace("migrationsprogrammet", "migrations\ud83d\ude00programmet", 1)
    )

    class Page:
        def extract_text(self, **_):
            return text

    class Reader:
        is_encrypted = False

        def __init__(self, *_args, **_kwargs):
            self.pages = [Page()]

    monkeypatch.setattr(pypdf, "PdfReader", Reader)
    source = tmp_path / "ødelagt-tegnkort.pdf"
    source.write_bytes(b"%PDF-1.4\n%%EOF\n")
    draft = import_file(source).draft
    written = dumps_draft(draft)  # would raise UnicodeEncodeError with a lone surrogate
    assert "\ufffd" in written and "\U0001f600" in written
