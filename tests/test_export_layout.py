"""The layout step and the plain-text renderer: what the document says, block by block."""

import datetime as dt
from decimal import Decimal

from exporters.blocks import (
    Addressee,
    Align,
    HeaderLine,
    LitraParagraph,
    RowKind,
    Signature,
    SubHeading,
    Table,
    TableCaption,
    TableNote,
)
from exporters.layout import layout
from exporters.text import render_text
from forms.amounts import Unit
from forms.model import Aktstykke, BudgetTable, Paragraph, Section, TableRow
from forms.model import SubHeading as SubHeadingModel


def _draft(*sections: Section, **fields) -> Aktstykke:
    base = dict(
        ministry="Udenrigsministeriet",
        date=dt.date(2024, 11, 12),
        minister="Lars Løkke Rasmussen",
        sections=list(sections),
    )
    base.update(fields)
    return Aktstykke(**base)


def test_example_opens_with_the_header_line_and_closes_with_signature_and_addressee(example):
    blocks = layout(example).blocks
    assert blocks[0] == HeaderLine("Udenrigsministeriet. København, den 12. november 2024.")
    assert blocks[-2] == Signature("København, den 12. november 2024", "Lars Løkke Rasmussen")
    assert blocks[-1] == Addressee("Til Finansudvalget.")


def test_litra_label_on_first_block_only_and_b_on_its_subheading(example):
    blocks = layout(example).blocks
    labels = [getattr(b, "label", None) for b in blocks if getattr(b, "label", None)]
    assert labels == ["a.", "b.", "c.", "e.", "f."]  # d left out, no re-lettering
    b_first = next(b for b in blocks if getattr(b, "label", None) == "b.")
    assert isinstance(b_first, SubHeading) and b_first.text == "Baggrund"
    after = blocks[blocks.index(b_first) + 1]
    assert isinstance(after, LitraParagraph) and after.label is None
    assert "litra-b" in b_first.anchors


def test_seed_table_has_unit_header_and_total_row(example):
    table = next(b for b in layout(example).blocks if isinstance(b, Table))
    assert [line.cells for line in table.lines] == [
        ("Projektsøjler", "Mio. kr."),
        ("IOM", "50,0"),
        ("ICMPD", "50,0"),
        ("I alt", "100,0"),
    ]
    assert [line.kind for line in table.lines] == [
        RowKind.HEADER,
        RowKind.BODY,
        RowKind.BODY,
        RowKind.TOTAL,
    ]
    assert table.align == (Align.LEFT, Align.RIGHT)


def test_several_columns_get_a_total_column_and_the_unit_in_the_corner():
    table = BudgetTable(
        unit=Unit.MIO,
        label_heading="",
        columns=["2024", "2025"],
        rows=[
            TableRow(label="Drift", values=[Decimal("1.25"), Decimal("2")]),
            TableRow(label="Anlæg", values=[None, Decimal("1234.5")]),
        ],
        note="Anm.: Tallene summer ikke nødvendigvis pga. afrunding.",
    )
    blocks = layout(_draft(Section(letter="b", blocks=[Paragraph(text="Tekst."), table]))).blocks
    lines = [line.cells for line in next(b for b in blocks if isinstance(b, Table)).lines]
    assert lines == [
        ("Mio. kr.", "2024", "2025", "I alt"),
        ("Drift", "1,3", "2,0", "3,3"),  # half-up: 1,25 -> 1,3
        ("Anlæg", "-", "1.234,5", "1.234,5"),
        ("I alt", "1,3", "1.236,5", "1.237,8"),
    ]
    assert TableNote("Anm.: Tallene summer ikke nødvendigvis pga. afrunding.") in blocks


def test_account_column_and_a_table_opening_a_litra_gets_a_labelled_caption():
    table = BudgetTable(
        unit=Unit.TKR,
        caption="Tabel 1. Udgifter",
        label_heading="Konto",
        rows=[TableRow(label="Løn", account="06.32.10.13", values=[Decimal("1500")])],
    )
    blocks = layout(_draft(Section(letter="b", blocks=[table]))).blocks
    caption = blocks[1]
    assert caption == TableCaption("Tabel 1. Udgifter", label="b.", anchors=caption.anchors)
    lines = [line.cells for line in blocks[2].lines]
    assert lines[0] == ("§", "Konto", "1.000 kr.")
    assert lines[1] == ("06.32.10.13", "Løn", "1.500")
    assert lines[-1] == ("", "I alt", "1.500")
    assert blocks[2].label_columns == 2


def test_empty_litra_keeps_its_letter_and_missing_date_is_marked():
    draft = _draft(Section(letter="a", blocks=[]), date=None)
    blocks = layout(draft).blocks
    assert blocks[0].text == "Udenrigsministeriet. København, den …."
    assert blocks[1] == LitraParagraph("", label="a.", anchors=("litra-a",))


def test_signature_date_may_differ_and_has_no_final_period():
    draft = _draft(signature_date=dt.date(2024, 11, 13))
    signature = next(b for b in layout(draft).blocks if isinstance(b, Signature))
    assert signature.date_line == "København, den 13. november 2024"


def test_final_drops_the_marking_and_footer_note_is_carried(example):
    assert layout(example).marking == "UDKAST"
    final = layout(example, final=True, footer_note="Fingeraftryk 1a2b3c")
    assert final.marking is None
    assert final.footer_note == "Fingeraftryk 1a2b3c"


def test_document_info_from_content(example):
    info = layout(example).info
    assert info.title.startswith("Udenrigsministeriet anmoder hermed om Finansudvalgets")
    assert info.title.endswith("…")
    assert info.author == "Udenrigsministeriet"
    assert "Finansudvalg" in info.subject
    assert info.created == example.metadata.created


def test_control_characters_and_carriage_returns_are_cleaned():
    draft = _draft(Section(letter="a", blocks=[Paragraph(text="Før\x0befter\r\nny linje")]))
    paragraph = layout(draft).blocks[1]
    assert paragraph.text == "Førefter\nny linje"


def test_text_rendering_marks_drafts_and_draws_every_block(example):
    text = render_text(example)
    assert text.startswith("UDKAST\n\nUdenrigsministeriet. København")
    assert "a.\tUdenrigsministeriet anmoder" in text
    assert "\nb.\tBaggrund\nSiden 2017" in text
    assert "\nI alt 100,0\n" in text
    assert text.endswith("Lars Løkke Rasmussen\nTil Finansudvalget.\n")
    assert not render_text(example, final=True).startswith("UDKAST")


def test_subheading_without_label_inside_litra():
    draft = _draft(
        Section(letter="b", blocks=[Paragraph(text="Intro."), SubHeadingModel(text="Budget")])
    )
    assert layout(draft).blocks[2] == SubHeading("Budget", anchors=("litra-b-1",))
