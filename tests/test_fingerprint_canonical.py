"""The fingerprint's canonical JSON is written block by block for speed; it must
stay byte for byte what one `json.dumps` of the whole payload gives, or every
earlier sign-off would turn stale (or, worse, two drafts could share one)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.largedraft import large_draft
from forms.draftfile import load_draft
from forms.model import Aktstykke, BudgetTable, Paragraph
from forms.signoff import FINGERPRINT_VERSION, _is_blank, canonical_content, is_consent_sentence
from tests.helpers import EXAMPLE

STAND_IN = "\x00sections\x00"  # the implementation's placeholder, typed by a cheat


def reference(draft: Aktstykke) -> str:
    """The canonical content as it was defined before the per-block writer."""
    sections = []
    for section in draft.sections:
        blocks: list[dict[str, object]] = []
        for block in section.blocks:
            if _is_blank(block):
                continue
            if section.letter == "f" and is_consent_sentence(block):
                continue
            if isinstance(block, BudgetTable):
                table: dict[str, object] = {
                    "type": "table",
                    "caption": block.caption,
                    "unit": block.unit.value,
                    "label_heading": block.label_heading,
                    "columns": [block.column_heading(i) for i in range(len(block.columns))],
                    "rows": [
                        {
                            "label": row.label,
                            "account": row.account or "",
                            "values": [
                                None if v is None else str(v)
                                for v in row.values[: len(block.columns)]
                            ],
                            **(
                                {"raw": {str(k): t for k, t in row.raw_values.items()}}
                                if row.raw_values
                                else {}
                            ),
                        }
                        for row in block.rows
                    ],
                    "note": block.note,
                    **({"unit_label": block.unit_label} if block.unit_label else {}),
                }
                blocks.append(table)
            else:
                blocks.append({"type": block.type, "text": block.text})
        if section.letter == "f" and not blocks:
            continue
        sections.append({"letter": section.letter, "blocks": blocks})
    payload = {
        "fingerprint_version": FINGERPRINT_VERSION,
        "ministry": draft.ministry,
        "place": draft.place,
        "date": draft.date.isoformat() if draft.date else None,
        "signature_date": (
            draft.effective_signature_date.isoformat() if draft.effective_signature_date else None
        ),
        "minister": draft.minister,
        "fm_consent_exempt": draft.flags.fm_consent_exempt,
        "sections": sections,
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def example() -> Aktstykke:
    return load_draft(EXAMPLE).draft


def test_example_and_large_draft_match_the_reference() -> None:
    for draft in (example(), large_draft()):
        assert canonical_content(draft) == reference(draft)


def test_the_stand_in_typed_into_the_header_is_kept_as_text() -> None:
    draft = example()
    cheat = draft.model_copy(update={"place": STAND_IN, "ministry": STAND_IN})
    assert canonical_content(cheat) == reference(cheat)
    assert canonical_content(cheat) != canonical_content(draft)


@settings(max_examples=60, deadline=None)
@given(
    header=st.text(alphabet=st.sampled_from('aæøå"\\\x00\n §{}[]:,' + STAND_IN), max_size=30),
    text=st.text(max_size=40),
)
def test_any_text_matches_the_reference(header: str, text: str) -> None:
    draft = example().model_copy(deep=True)
    draft.place = header
    draft.sections[0].blocks.append(Paragraph(text=text))
    assert canonical_content(draft) == reference(draft)
