"""The letter asking Finansudvalget's chair for urgent treatment (issue 15 point 9)."""

from __future__ import annotations

import datetime as dt
import io

import docx

from exporters.urgentletter import export_urgency_letter, render_urgency_letter
from forms.model import Paragraph
from forms.urgency import urgency_letter

REASON = (
    "Sagen kan ikke afvente den normale behandling, fordi tilsagnet skal gives inden "
    "udgangen af november 2024."
)


def _urgent(example):
    example.flags.urgent = True
    example.flags.target_meeting = dt.date(2024, 11, 14)
    example.section("c").blocks.append(Paragraph(text=f"Andet. {REASON} Mere."))
    return example


def test_the_letter_says_which_meeting_why_and_who(example):
    letter = urgency_letter(_urgent(example))
    assert letter.sender == "Udenrigsministeriet"
    assert letter.addressee == "Til Finansudvalgets formand"
    assert "§ 06.32.10. Nærområde- og migrationsfond" in letter.subject
    opening, because, _ = letter.paragraphs
    assert "mødet den 14. november 2024" in opening.replace("møde den", "mødet den")
    assert "onsdag den 6. november 2024 kl. 14.00" in opening
    assert because == f"Baggrunden for anmodningen er følgende: {REASON}"
    assert letter.minister == example.minister


def test_what_the_draft_does_not_say_is_left_for_the_author(example):
    example.flags.target_meeting = None
    letter = urgency_letter(example)
    assert "[hvorfor sagen ikke kan afvente den normale behandling]" in letter.paragraphs[1]
    assert "hurtigst muligt" in letter.paragraphs[0]


def test_the_word_file(example, tmp_path):
    path = export_urgency_letter(_urgent(example), tmp_path / "hastebrev.docx")
    text = [p.text for p in docx.Document(str(path)).paragraphs]
    assert text[0] == "Udenrigsministeriet"
    assert text[1] == "København, den 12. november 2024"
    assert text[-1] == example.minister
    assert any(REASON in t for t in text)
    # Reproducible: the same draft gives the same bytes.
    assert render_urgency_letter(example) == render_urgency_letter(example)
    assert (
        docx.Document(io.BytesIO(render_urgency_letter(example))).core_properties.language
        == "da-DK"
    )
