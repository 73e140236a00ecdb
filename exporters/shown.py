"""What an exported draft shows, with the part of the draft behind each piece.

Built from the same layout blocks the Word renderer draws, so a returned Word
file is compared with exactly what was sent out. Each piece says which draft
field or block text each of its characters shows (forms.roundtrip.shown.Span);
the spans are checked against the draft here, so a layout that shows a text
differently from how the draft stores it only makes that change coarser
(whole value), never wrong.
"""

from __future__ import annotations

from exporters.blocks import (
    Addressee,
    Block,
    HeaderLine,
    LitraParagraph,
    RowKind,
    Signature,
    SubHeading,
    Table,
    TableCaption,
    TableNote,
)
from exporters.layout import clean, layout
from exporters.typography import same_text
from forms.dates import format_long_date
from forms.lazyre import lazy_compile
from forms.model import Aktstykke, BudgetTable, Paragraph
from forms.model import SubHeading as SubHeadingModel
from forms.roundtrip.shown import (
    Piece,
    PieceKind,
    ShownCell,
    ShownDocument,
    ShownRow,
    ShownTable,
    Span,
)
from forms.signoff import is_consent_sentence

_BLOCK_ANCHOR = lazy_compile(r"^litra-([a-f])-(\d+)$")


def shown_document(draft: Aktstykke, *, final: bool = False) -> ShownDocument:
    """The pieces of the document `draft` exports to, in body order."""
    document = layout(draft, final=final)
    pieces: list[Piece] = []
    letter: str | None = None
    block: int | None = None
    f_blocks = _f_extra_indices(draft)
    for index, item in enumerate(document.blocks):
        anchor = _block_anchor(item.anchors)
        if anchor is not None:
            letter, block = anchor
            if letter == "f":
                block = _f_block(item, block, f_blocks)
        elif any(a.startswith("litra-") for a in item.anchors):
            letter, block = item.anchors[0].removeprefix("litra-"), None
        match item:
            case HeaderLine():
                pieces.append(_header(draft, item.text, index))
                letter = block = None
            case LitraParagraph() | SubHeading():
                pieces.append(_text_piece(draft, item, letter, block, index))
            case TableCaption():
                pieces.append(_caption(draft, item, letter, block, index))
            case Table():
                pieces.append(_table(draft, item, letter, block, index))
            case TableNote():
                pieces.append(_note(draft, item, letter, block, index))
            case Signature():
                pieces.extend(_signature(draft, item, index))
                letter = block = None
            case Addressee():
                pieces.append(Piece("addressee", item.text, layout_index=index))
    return ShownDocument(tuple(pieces), tuple(draft.letters()))


def _block_anchor(anchors: tuple[str, ...]) -> tuple[str, int] | None:
    for anchor in anchors:
        match = _BLOCK_ANCHOR.match(anchor)
        if match:
            return match[1], int(match[2])
    return None


def _f_extra_indices(draft: Aktstykke) -> list[int]:
    """Litra f is laid out as the consent sentence, then the blocks the author
    typed besides it: their index in the draft, in the order the layout shows them."""
    section = draft.section("f")
    if section is None:
        return []
    return [
        i
        for i, block in enumerate(section.blocks)
        if not isinstance(block, Paragraph | SubHeadingModel)
        or (block.text.strip() and not is_consent_sentence(block))
    ]


def _f_block(item: Block, block: int, extras: list[int]) -> int | None:
    if "litra-f" in item.anchors and getattr(item, "label", None):
        # The consent sentence: not the author's block. It alone holds f's label;
        # the first block the author typed in f is anchored 'litra-f' too.
        return None
    return extras[block] if 0 <= block < len(extras) else None


def _model_block(
    draft: Aktstykke, letter: str | None, block: int | None
) -> Paragraph | SubHeadingModel | BudgetTable | None:
    section = draft.section(letter) if letter else None
    if section is None or block is None or not 0 <= block < len(section.blocks):
        return None
    return section.blocks[block]


def _text_span(target: str, shown: str, model: str, offset: int) -> Span:
    """The span of `shown` at `offset`, placed in the draft's own string `model`
    (which the layout may show stripped of surrounding spaces)."""
    # The layout's no-break spaces (exporters.typography) replace one character
    # for one: the positions are the draft's own.
    if same_text(shown, model):
        return Span(target, offset, offset + len(shown), 0, True)
    if same_text(shown, model.strip()):
        start = len(model) - len(model.lstrip())
        return Span(target, offset, offset + len(shown), start, True)
    return Span(target, offset, offset + len(shown), 0, False)


def _header(draft: Aktstykke, text: str, index: int) -> Piece:
    ministry = clean(draft.ministry).strip().rstrip(".")
    place = clean(draft.place).strip() or "København"
    date = format_long_date(draft.date) if draft.date else "…"
    lead = f"{ministry}. " if ministry else ""
    if text != f"{lead}{place}, den {date}.":
        return Piece("header", text, layout_index=index)
    spans = [_field_span("field:ministry", ministry, draft.ministry, 0)]
    place_at = len(lead)
    spans.append(_field_span("field:place", place, draft.place, place_at))
    date_at = place_at + len(place) + len(", den ")
    spans.append(Span("field:date", date_at, date_at + len(date), 0, False))
    return Piece("header", text, spans=tuple(spans), layout_index=index)


def _field_span(target: str, shown: str, model: str, offset: int) -> Span:
    return _text_span(target, shown, model, offset)


def _text_piece(
    draft: Aktstykke,
    item: LitraParagraph | SubHeading,
    letter: str | None,
    block: int | None,
    index: int,
) -> Piece:
    prefix = f"{item.label}\t" if item.label else ""
    text = prefix + item.text
    model = _model_block(draft, letter, block)
    if letter == "f" and block is None and item.label:
        return Piece("consent", text, letter="f", layout_index=index)
    if model is None or isinstance(model, BudgetTable):
        kind: PieceKind = "empty_litra" if letter and not item.text else "paragraph"
        return Piece(kind, text, letter=letter, layout_index=index)
    kind = "subheading" if isinstance(item, SubHeading) else "paragraph"
    span = _text_span("text", item.text, model.text, len(prefix))
    return Piece(kind, text, letter, block, (span,), layout_index=index)


def _caption(
    draft: Aktstykke, item: TableCaption, letter: str | None, block: int | None, index: int
) -> Piece:
    prefix = f"{item.label}\t" if item.label else ""
    model = _model_block(draft, letter, block)
    if not isinstance(model, BudgetTable):
        return Piece("caption", prefix + item.text, letter, layout_index=index)
    span = _text_span("caption", item.text, model.caption, len(prefix))
    return Piece("caption", prefix + item.text, letter, block, (span,), layout_index=index)


def _note(
    draft: Aktstykke, item: TableNote, letter: str | None, block: int | None, index: int
) -> Piece:
    model = _model_block(draft, letter, block)
    if not isinstance(model, BudgetTable):
        return Piece("note", item.text, letter, layout_index=index)
    span = _text_span("note", item.text, model.note, 0)
    return Piece("note", item.text, letter, block, (span,), layout_index=index)


def _signature(draft: Aktstykke, item: Signature, index: int) -> list[Piece]:
    place = clean(draft.place).strip() or "København"
    day = draft.effective_signature_date
    date = format_long_date(day) if day else "…"
    date_piece = Piece("signature_date", item.date_line, layout_index=index)
    if item.date_line == f"{place}, den {date}":
        date_at = len(place) + len(", den ")
        spans = (
            _field_span("field:place", place, draft.place, 0),
            Span("field:signature_date", date_at, date_at + len(date), 0, False),
        )
        date_piece = Piece("signature_date", item.date_line, spans=spans, layout_index=index)
    name_span = _field_span("field:minister", item.name, draft.minister, 0)
    name_piece = Piece("signature_name", item.name, spans=(name_span,), layout_index=index, line=1)
    return [date_piece, name_piece]


def _table(
    draft: Aktstykke, item: Table, letter: str | None, block: int | None, index: int
) -> Piece:
    model = _model_block(draft, letter, block)
    if not isinstance(model, BudgetTable):
        plain = tuple(
            ShownRow(tuple(ShownCell(text) for text in line.cells), line.kind.value)
            for line in item.lines
        )
        return Piece("table", "", letter, table=ShownTable(plain), layout_index=index)
    with_account = item.label_columns == 2
    lead = 1 if with_account else 0
    columns = len(model.columns)
    rows: list[ShownRow] = []
    body_row = 0
    for line in item.lines:
        cells = []
        for column, text in enumerate(line.cells):
            cells.append(_cell(model, line.kind, body_row, column - lead, text, with_account))
        row = body_row if line.kind is RowKind.BODY else None
        rows.append(ShownRow(tuple(cells), line.kind.value, row))
        if line.kind is RowKind.BODY:
            body_row += 1
    shown = ShownTable(tuple(rows), item.label_columns, with_account, columns)
    return Piece("table", "", letter, block, table=shown, layout_index=index)


def _cell(
    model: BudgetTable, kind: RowKind, row: int, column: int, text: str, account: bool
) -> ShownCell:
    """column: -1 the § account, 0 the label, 1.. the amount columns, then 'I alt'."""
    whole = len(text)
    if kind is RowKind.TOTAL:
        return ShownCell(text, computed=column >= 1)
    if kind is RowKind.HEADER:
        if column == -1:
            return ShownCell(text)
        if column == 0:
            return _label_heading_cell(model, text)
        if 1 <= column <= len(model.columns):
            heading = model.columns[column - 1]
            if not heading.strip() and len(model.columns) == 1:
                return ShownCell(text)  # the unit stands in for an empty heading
            span = _text_span(f"cell:column:{column - 1}", text, heading, 0)
            return ShownCell(text, span)
        return ShownCell(text)
    source = model.rows[row]
    if column == -1:
        return ShownCell(text, _text_span("cell:account", text, source.account or "", 0))
    if column == 0:
        return ShownCell(text, _text_span("cell:label", text, source.label, 0))
    if 1 <= column <= len(model.columns):
        return ShownCell(text, Span(f"cell:value:{column - 1}", 0, whole, 0, False))
    return ShownCell(text, computed=True)


def _label_heading_cell(model: BudgetTable, text: str) -> ShownCell:
    heading = clean(model.label_heading).strip()
    unit_shown = len(model.columns) == 1 and not model.columns[0].strip()
    if unit_shown:
        return ShownCell(text, _text_span("cell:label_heading", text, model.label_heading, 0))
    if heading and text == f"{heading}, {model.unit.value}":
        span = _text_span("cell:label_heading", heading, model.label_heading, 0)
        return ShownCell(text, span)
    return ShownCell(text)
