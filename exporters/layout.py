"""The layout step: an Aktstykke becomes the neutral list of blocks, once.

Everything the reader sees is decided here (DOMAIN.md section 3): the
ministry and date line, the litra labels, the formatted table cells with
their 'I alt' row and column, the signature block and the addressee. The
renderers in this package only draw the blocks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from exporters.blocks import (
    Addressee,
    Align,
    Block,
    DocumentInfo,
    HeaderLine,
    Layout,
    LitraParagraph,
    RowKind,
    Signature,
    SubHeading,
    Table,
    TableCaption,
    TableLine,
    TableNote,
)
from exporters.typography import keep_together
from forms.amounts import format_in_unit
from forms.consent import fm_consent
from forms.dates import format_long_date
from forms.lazyre import lazy_compile
from forms.model import Aktstykke, BudgetTable, Paragraph, Section
from forms.model import Block as ModelBlock
from forms.model import SubHeading as SubHeadingModel
from forms.signoff import fingerprint, is_consent_sentence

DRAFT_MARKING = "UDKAST"
ADDRESSEE = "Til Finansudvalget."
TOTAL = "I alt"
NO_AMOUNT = "-"
MISSING_DATE = "…"
SUBJECT = "Aktstykke til Folketingets Finansudvalg"
TITLE_WORDS = 12

# Characters XML 1.0 cannot hold (control characters from pasted text); Word
# would refuse the file, so they never reach any renderer.
_XML_ILLEGAL = lazy_compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@lru_cache(maxsize=50_000)
def clean(text: str) -> str:
    """Text as every renderer may draw it: one kind of line break, no XML-illegal characters."""
    return _XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def layout(
    draft: Aktstykke,
    *,
    final: bool = False,
    footer_note: str | None = None,
    fp: str | None = None,
) -> Layout:
    """The draft as document blocks. `final` drops the UDKAST marking; `footer_note`
    is printed discreetly in the footer of the Word file; `fp` is the content's
    fingerprint when the caller has it cached (the editor's preview)."""
    blocks: list[Block] = [HeaderLine(header_line(draft))]
    for section in draft.sections:
        if section.letter == "f":
            blocks.extend(_consent_blocks(draft, section, fp))
        else:
            blocks.extend(_section_blocks(section))
    blocks.append(Signature(date_line=signature_date_line(draft), name=clean(draft.minister)))
    blocks.append(Addressee(ADDRESSEE))
    note = clean(footer_note).strip() if footer_note else None
    return Layout(
        blocks=tuple(blocks),
        info=document_info(draft, final=final),
        marking=None if final else DRAFT_MARKING,
        footer_note=note or None,
    )


def header_line(draft: Aktstykke) -> str:
    """'Udenrigsministeriet. København, den 12. november 2024.' (H-01)."""
    ministry = clean(draft.ministry).strip().rstrip(".")
    place_date = f"{_place(draft)}, den {_date(draft.date, draft.raw_fields.get('date'))}."
    return f"{ministry}. {place_date}" if ministry else place_date


def signature_date_line(draft: Aktstykke) -> str:
    """'København, den 12. november 2024': no final period (H-04)."""
    raw = draft.raw_fields.get("signature_date")
    if draft.signature_date is None and raw is None:
        raw = draft.raw_fields.get("date")
    return f"{_place(draft)}, den {_date(draft.effective_signature_date, raw)}"


def litra_label(letter: str) -> str:
    return f"{letter}."


def _place(draft: Aktstykke) -> str:
    return clean(draft.place).strip() or "København"


def _date(day: dt.date | None, raw: str | None = None) -> str:
    """The long date; a date typed that could not be read shows as typed (IN-01)."""
    if day is not None:
        return format_long_date(day)
    typed = clean(raw or "").strip()
    return typed or MISSING_DATE


def _section_blocks(section: Section) -> list[Block]:
    letter = section.letter
    label = litra_label(letter)
    # A blank paragraph or sub-heading never reaches a document: Word would show an
    # empty line (or an empty "b." line) that no check sees.
    visible = [(i, b) for i, b in enumerate(section.blocks) if not _blank(b)]
    if not visible:
        return [LitraParagraph("", label=label, anchors=(f"litra-{letter}",))]
    out: list[Block] = []
    for position, (index, block) in enumerate(visible):
        first = position == 0
        anchors = (
            (f"litra-{letter}", f"litra-{letter}-{index}")
            if first
            else (f"litra-{letter}-{index}",)
        )
        own_label = label if first else None
        if isinstance(block, Paragraph):
            text = keep_together(clean(block.text))
            out.append(LitraParagraph(text, label=own_label, anchors=anchors))
        elif isinstance(block, SubHeadingModel):
            text = keep_together(clean(block.text))
            out.append(SubHeading(text, label=own_label, anchors=anchors))
        elif isinstance(block, BudgetTable):
            out.extend(_table_blocks(block, own_label, anchors))
    return out


def _blank(block: ModelBlock) -> bool:
    return isinstance(block, Paragraph | SubHeadingModel) and not clean(block.text).strip()


def _consent_blocks(draft: Aktstykke, section: Section, fp: str | None = None) -> list[Block]:
    """Litra f is not typed: its sentence comes from Finansministeriet's consent,
    recorded with its reference and signed under a trusted certificate, for the
    current content (F-01, F-03); never from typed text or an imported source.
    Until then a draft shows that the consent is awaited; an aktstykke exempt
    from the consent has no f at all. Any other text the author put in f is kept
    (F-02 asks to move it)."""
    sentence = fm_consent(draft, fp).sentence
    if sentence is None:
        return []
    extra = [
        block
        for block in section.blocks
        if not isinstance(block, Paragraph | SubHeadingModel)
        or (block.text.strip() and not is_consent_sentence(block))
    ]
    first = LitraParagraph(sentence, label=litra_label("f"), anchors=("litra-f", "litra-f-0"))
    rest = _section_blocks(section.model_copy(update={"blocks": extra})) if extra else []
    return [first, *(_unlabelled(block) for block in rest)]


def _unlabelled(block: Block) -> Block:
    if isinstance(block, LitraParagraph | SubHeading | TableCaption) and block.label is not None:
        return replace(block, label=None)
    return block


def _table_blocks(table: BudgetTable, label: str | None, anchors: tuple[str, ...]) -> list[Block]:
    out: list[Block] = []
    caption = keep_together(clean(table.caption).strip())
    if caption or label:
        # A table cannot hold the litra label, so a line above it does.
        out.append(TableCaption(caption, label=label, anchors=anchors))
        anchors = ()
    out.append(budget_table(table, anchors))
    note = keep_together(clean(table.note).strip())
    if note:
        out.append(TableNote(note))
    return out


def budget_table(table: BudgetTable, anchors: tuple[str, ...] = ()) -> Table:
    """The table as it is drawn, kept per table content (see _budget_table)."""
    return _table_of(table.model_dump_json(), anchors)


@lru_cache(maxsize=2_000)
def _table_of(content: str, anchors: tuple[str, ...]) -> Table:
    # A copy from the content: the editor edits its table in place, a kept layout must not change.
    return _budget_table(BudgetTable.model_validate_json(content), anchors)


def _budget_table(table: BudgetTable, anchors: tuple[str, ...] = ()) -> Table:
    """Header (unit stated), one line per row, the 'I alt' row; an 'I alt' column
    when there are several amount columns (TAB-01..03)."""
    unit = table.unit
    with_account = any(row.account for row in table.rows)
    amount_columns = len(table.columns)
    headings = [clean(table.column_heading(i)) for i in range(amount_columns)]
    unit_shown = amount_columns == 1 and not table.columns[0].strip()
    label_heading = clean(table.label_heading).strip()
    if not unit_shown:
        # The unit must be in the header (TAB-01): the top-left cell states it,
        # as written when the author or the source wrote it ('Mio. kr. (2025-pl)').
        written = clean(table.unit_label).strip() if table.unit_label else ""
        stated = written or (unit.value if label_heading else unit.heading)
        label_heading = f"{label_heading}, {stated}" if label_heading else stated
    totals_column = [TOTAL] if table.has_total_column else []
    lead = ["§"] if with_account else []

    def amount(value: Decimal | None) -> str:
        return NO_AMOUNT if value is None else format_in_unit(value, unit)

    lines = [TableLine((*lead, label_heading, *headings, *totals_column), RowKind.HEADER)]
    for index, row in enumerate(table.rows):
        # A value that could not be read shows as typed (rule IN-01 keeps it from
        # a final export), never as "-", which would say there is no amount.
        values = [
            clean(row.raw_values[c]) if c in row.raw_values else amount(table.cell(index, c))
            for c in range(amount_columns)
        ]
        row_total = [amount(table.row_total(index))] if table.has_total_column else []
        account = [clean(row.account or "")] if with_account else []
        lines.append(TableLine((*account, clean(row.label), *values, *row_total)))
    column_totals = [amount(value) for value in table.column_totals()]
    grand = [amount(table.grand_total())] if table.has_total_column else []
    lines.append(
        TableLine((*([""] if with_account else []), TOTAL, *column_totals, *grand), RowKind.TOTAL)
    )
    label_columns = len(lead) + 1
    align = (Align.LEFT,) * label_columns + (Align.RIGHT,) * (len(lines[0].cells) - label_columns)
    return Table(lines=tuple(lines), align=align, label_columns=label_columns, anchors=anchors)


def document_info(draft: Aktstykke, *, final: bool) -> DocumentInfo:
    ministry = clean(draft.ministry).strip()
    date = f", {format_long_date(draft.date)}" if draft.date else ""
    return DocumentInfo(
        title=document_title(draft),
        author=ministry,
        subject=f"{SUBJECT}{date}",
        keywords="aktstykke" if final else f"aktstykke, {DRAFT_MARKING.lower()}",
        category="Aktstykke" if final else f"Aktstykke ({DRAFT_MARKING.lower()})",
        created=draft.metadata.created,
        modified=draft.metadata.modified,
        identifier=fingerprint(draft) if final else "",
    )


def document_title(draft: Aktstykke) -> str:
    """The first words of litra a, or a plain title when a has no text yet."""
    section = draft.section("a")
    text = ""
    if section is not None:
        text = next((b.text for b in section.blocks if isinstance(b, Paragraph) and b.text), "")
    words = clean(text).split()
    if not words:
        ministry = clean(draft.ministry).strip()
        return f"Aktstykke fra {ministry}" if ministry else "Aktstykke"
    title = " ".join(words[:TITLE_WORDS])
    return title + " …" if len(words) > TITLE_WORDS else title
