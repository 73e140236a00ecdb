"""Word renderer: draws the layout's blocks on our reference template (or a ministry's).

Paragraphs and tables are written as WordprocessingML directly (python-docx
has no API for hanging labels, cell borders or fields, and building the XML
is an order of magnitude faster than its cell API); python-docx handles the
package, the styles, headers, footers and properties. The draft itself is
embedded as a custom XML part so the file reopens without loss; a final export
also carries the manifest of its parts, signed by the person exporting
(exporters.manifest), which `aktstykke verify` holds the file against.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree
from lxml.etree import _Element

from exporters import styles as S
from exporters.blocks import (
    Addressee,
    Align,
    Block,
    HeaderLine,
    Layout,
    LitraParagraph,
    RowKind,
    Signature,
    SubHeading,
    Table,
    TableCaption,
    TableNote,
)
from exporters.errors import TemplateError
from exporters.layout import layout
from exporters.manifest import seal
from exporters.output import write_atomically
from exporters.package import read_template, reproducible_zip
from exporters.report import ExportReport
from exporters.wordparts import (
    add_manifest_part,
    embed_draft,
    has_page_field,
    own_part,
    page_field_runs,
    set_properties,
    watermark_run,
)
from exporters.wordreview import ReviewMarkup
from exporters.wordstyles import ensure_styles, set_language, style_ids
from exporters.wordtext import read_docx_text
from exporters.wordxml import BR, PPR, PSTYLE, RPR, TAB, VAL, XML_SPACE, B, P, R, T, w
from forms.draftfile import dumps_draft
from forms.model import Aktstykke
from forms.pki import Identity, sign_payload
from forms.signoff import fingerprint

TWIPS_PER_MM = 1440 / 25.4
EMU_PER_TWIP = 635
TABLE_GAP = 240
"""Twips between a table and the paragraph after it (one blank line of 12 pt)."""
CHAR_MM = 2.1
"""Estimated width of a character in a table cell (11 pt, bold in header and total)."""
CELL_PADDING_MM = 3.5
NARROW_MIN_MM, NARROW_MAX_MM = 14.0, 28.0
LABEL_MIN_MM, LABEL_MAX_MM = 30.0, 85.0
FIRST_SHAPE_ID = 2049
"""Word numbers header shapes from _x0000_s2049."""

__all__ = [
    "ExportReport",
    "export_docx",
    "read_docx_text",
    "render_docx",
    "render_docx_bytes",
]


def render_docx(
    draft: Aktstykke,
    *,
    template: Path | str | None = None,
    final: bool = False,
    footer_note: str | None = None,
    signer: Identity | None = None,
    changes_since: Aktstykke | None = None,
    change_author: str = "",
) -> tuple[bytes, ExportReport]:
    """The Word file in memory and the report. Raises TemplateError for an unusable template.

    A final export carries a manifest of its parts, signed by `signer` (unsigned
    without one: `verify` then does not call it approved). The draft's review
    comments become Word comments (not in a final export); with `changes_since`
    every change since that version shows as a tracked change by `change_author`
    ("Eksportér med ændringer")."""
    template_path = Path(template) if template is not None else None
    package, notes = (
        read_template(template_path) if template_path else (S.reference_template_bytes(), [])
    )
    document = layout(draft, final=final, footer_note=footer_note)
    review = ReviewMarkup(draft, since=changes_since, author=change_author, comments=not final)
    markup = review if review.active and not final else None
    if template_path is None:
        writer = _WordWriter(package, own_template=True)
        data = writer.render(document, dumps_draft(draft), sealed=final, markup=markup)
    else:
        try:
            writer = _WordWriter(package, own_template=False)
            data = writer.render(document, dumps_draft(draft), sealed=final, markup=markup)
        except TemplateError:
            raise
        except Exception:
            # A ministry's package can be odd in ways python-docx trips over
            # (missing parts, unexpected XML); say so instead of a traceback.
            raise TemplateError(
                f"Skabelonen »{template_path.name}« kan ikke bruges: dens opbygning er "
                "usædvanlig eller beskadiget. Prøv at gemme den igen i Word som .dotx."
            ) from None
    if final:
        data = seal(
            data,
            fingerprint=fingerprint(draft),
            exported_by=signer.name if signer is not None else "",
            sign=(lambda payload: sign_payload(signer, payload)) if signer is not None else None,
        )
    report = ExportReport(
        template=template_path,
        fallback_styles=writer.fallback_styles,
        template_notes=tuple(notes),
    )
    return data, report


def render_docx_bytes(
    draft: Aktstykke,
    *,
    template: Path | str | None = None,
    final: bool = False,
    footer_note: str | None = None,
    signer: Identity | None = None,
    changes_since: Aktstykke | None = None,
    change_author: str = "",
) -> bytes:
    return render_docx(
        draft,
        template=template,
        final=final,
        footer_note=footer_note,
        signer=signer,
        changes_since=changes_since,
        change_author=change_author,
    )[0]


def export_docx(
    draft: Aktstykke,
    path: Path | str,
    *,
    template: Path | str | None = None,
    final: bool = False,
    footer_note: str | None = None,
    signer: Identity | None = None,
    changes_since: Aktstykke | None = None,
    change_author: str = "",
) -> ExportReport:
    """Write the Word file; an existing file is replaced atomically, a failure leaves it as it was."""
    path = Path(path)
    data, report = render_docx(
        draft,
        template=template,
        final=final,
        footer_note=footer_note,
        signer=signer,
        changes_since=changes_since,
        change_author=change_author,
    )
    write_atomically(path, data)
    return ExportReport(
        path=path,
        template=report.template,
        fallback_styles=report.fallback_styles,
        template_notes=report.template_notes,
    )


class _WordWriter:
    def __init__(self, package: bytes, *, own_template: bool):
        self.doc = Document(io.BytesIO(package))
        self.fallback_styles: tuple[str, ...] = ()
        if not own_template:
            self.fallback_styles = ensure_styles(self.doc)
        self.ids = style_ids(self.doc)
        body = self.doc.element.body
        _clear_body(body)
        # A package without section properties would have no header for UDKAST.
        self.sect_pr = body.get_or_add_sectPr()
        self.text_width = _text_width_twips(self.doc)

    def render(
        self,
        document: Layout,
        draft_json: str,
        *,
        sealed: bool = False,
        markup: ReviewMarkup | None = None,
    ) -> bytes:
        sect_pr = self.sect_pr
        after_table = False
        for index, block in enumerate(document.blocks):
            elements = self._draw(block)
            if markup is not None:
                elements = markup.decorate(index, elements, self._paragraph)
            if after_table and elements[0].tag == P:
                _space_before(elements[0], TABLE_GAP)
            after_table = isinstance(block, Table)
            for element in elements:
                sect_pr.addprevious(element)
        if markup is not None:
            for element in markup.trailing(self._paragraph):
                sect_pr.addprevious(element)
            markup.write_parts(self.doc)
        set_language(self.doc)
        self._headers_and_footers(document)
        set_properties(self.doc, document)
        embed_draft(self.doc, draft_json)
        if sealed:
            add_manifest_part(self.doc)
        stream = io.BytesIO()
        self.doc.save(stream)
        return reproducible_zip(stream.getvalue())

    # -- blocks -------------------------------------------------------------

    def _draw(self, block: Block) -> list[etree._Element]:
        match block:
            case HeaderLine():
                return [self._paragraph(S.HEADER, block.text)]
            case LitraParagraph():
                style = S.LITRA if block.label else S.CONTINUATION
                return [self._paragraph(style, block.text, label=block.label)]
            case SubHeading():
                if not block.label:
                    return [self._paragraph(S.SUBHEADING, block.text)]
                # The letter looks like every other litra letter, not like the heading.
                p = self._paragraph(S.LITRA_SUBHEADING, "", label=block.label, plain_label=True)
                _add_text(etree.SubElement(p, R), block.text)
                return [p]
            case TableCaption():
                style = S.LITRA if block.label else S.TABLE_CAPTION
                return [self._paragraph(style, block.text, label=block.label)]
            case Table():
                return [self._table(block)]
            case TableNote():
                return [self._paragraph(S.TABLE_NOTE, block.text)]
            case Signature():
                return [
                    self._paragraph(S.SIGNATURE, block.date_line),
                    self._paragraph(S.SIGNATURE_NAME, block.name),
                ]
            case Addressee():
                return [self._paragraph(S.ADDRESSEE, block.text)]
        raise TypeError(f"unknown block {type(block).__name__}")

    def _paragraph(
        self,
        style: str,
        text: str,
        *,
        label: str | None = None,
        bold: bool = False,
        plain_label: bool = False,
    ) -> etree._Element:
        p = etree.Element(P)
        ppr = etree.SubElement(p, PPR)
        etree.SubElement(ppr, PSTYLE).set(VAL, self.ids[style])
        if label or text:
            run = etree.SubElement(p, R)
            if bold:
                etree.SubElement(etree.SubElement(run, RPR), B)
            elif plain_label:
                etree.SubElement(etree.SubElement(run, RPR), B).set(VAL, "0")
            if label:
                _add_text(run, label)
                etree.SubElement(run, TAB)
            _add_text(run, text)
        return p

    def _table(self, table: Table) -> etree._Element:
        widths = _column_widths(table, self.text_width)
        tbl = parse_xml(
            f"<w:tbl {nsdecls('w')}><w:tblPr>"
            f'<w:tblStyle w:val="{self.ids[S.TABLE]}"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
            "</w:tblPr><w:tblGrid>"
            + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
            + "</w:tblGrid></w:tbl>"
        )
        for line in table.lines:
            tr = etree.SubElement(tbl, w("tr"))
            trpr = etree.SubElement(tr, w("trPr"))
            etree.SubElement(trpr, w("cantSplit"))
            if line.kind is RowKind.HEADER:
                etree.SubElement(trpr, w("tblHeader"))  # repeated on every page
            border = {RowKind.HEADER: ("top", "bottom"), RowKind.TOTAL: ("top", "bottom")}.get(
                line.kind, ()
            )
            emphasis = line.kind is not RowKind.BODY
            for index, text in enumerate(line.cells):
                tc = etree.SubElement(tr, w("tc"))
                tcpr = etree.SubElement(tc, w("tcPr"))
                width = etree.SubElement(tcpr, w("tcW"))
                width.set(w("w"), str(widths[index]))
                width.set(w("type"), "dxa")
                if border:
                    borders = etree.SubElement(tcpr, w("tcBorders"))
                    for side in border:
                        edge = etree.SubElement(borders, w(side))
                        edge.set(VAL, "single")
                        edge.set(w("sz"), "4")
                        edge.set(w("space"), "0")
                        edge.set(w("color"), "auto")
                style = S.TABLE_NUMBER if table.align[index] is Align.RIGHT else S.TABLE_TEXT
                # python-docx types CT_Tc.append() for its own element classes only; lxml
                # takes any element, and a paragraph made by etree is one.
                tc.append(self._paragraph(style, text, bold=emphasis))  # type: ignore[arg-type]
        return tbl

    # -- headers and footers ------------------------------------------------

    def _headers_and_footers(self, document: Layout) -> None:
        doc = self.doc
        even = doc.settings.odd_and_even_pages_header_footer
        shape_number = 0
        for section in doc.sections:
            kinds = [(section.header, section.footer)]
            if section.different_first_page_header_footer:
                kinds.append((section.first_page_header, section.first_page_footer))
            if even:
                kinds.append((section.even_page_header, section.even_page_footer))
            for header, footer in kinds:
                if document.marking:
                    shape_number = shape_number + 1 if shape_number else FIRST_SHAPE_ID
                    part = own_part(header)
                    part.append(self._marking(document.marking, shape_number))
                if document.footer_note:
                    own_part(footer).append(self._paragraph(S.FOOTER_NOTE, document.footer_note))
            if not has_page_field(section.footer):
                own_part(section.footer).append(self._page_number())

    def _marking(self, text: str, number: int) -> etree._Element:
        """'UDKAST' at the top of the page and, behind the text, diagonally across it."""
        p = self._paragraph(S.MARKING, text)
        p.append(watermark_run(text, number))
        return p

    def _page_number(self) -> etree._Element:
        p = self._paragraph(S.PAGE_NUMBER, "")
        p.extend(page_field_runs())
        return p


def _space_before(p: etree._Element, twips: int) -> None:
    """A table has no spacing of its own: the paragraph after it keeps the distance."""
    ppr = p.find(PPR)
    assert ppr is not None  # _paragraph always writes a pPr
    spacing = etree.SubElement(ppr, w("spacing"))
    spacing.set(w("before"), str(twips))


def _add_text(run: etree._Element, text: str) -> None:
    """Text into a run: tabs as w:tab, line breaks as w:br, spaces preserved."""
    for line_number, line in enumerate(text.split("\n")):
        if line_number:
            etree.SubElement(run, BR)
        for part_number, part in enumerate(line.split("\t")):
            if part_number:
                etree.SubElement(run, TAB)
            if part:
                t = etree.SubElement(run, T)
                t.text = part
                if part[0] == " " or part[-1] == " " or "  " in part:
                    t.set(XML_SPACE, "preserve")


def _column_widths(table: Table, text_width: int) -> list[int]:
    """Twips per column. Amount and account columns as wide as their longest cell
    (estimated; Word's autofit does not survive LibreOffice), all amount columns
    alike; the label column takes what is left, up to LABEL_MAX_MM."""
    label_index = table.label_columns - 1

    def longest(index: int) -> int:
        return max((len(line.cells[index]) for line in table.lines), default=0)

    def fitted(index: int) -> float:
        return min(max(longest(index) * CHAR_MM + CELL_PADDING_MM, NARROW_MIN_MM), NARROW_MAX_MM)

    amount_indices = range(table.label_columns, table.column_count)
    amount = max((fitted(i) for i in amount_indices), default=NARROW_MIN_MM)
    accounts = [fitted(i) for i in range(label_index)]
    available = text_width / TWIPS_PER_MM - amount * len(amount_indices) - sum(accounts)
    label = max(min(available, LABEL_MAX_MM), LABEL_MIN_MM)
    millimetres = [*accounts, label] + [amount] * len(amount_indices)
    return [round(mm * TWIPS_PER_MM) for mm in millimetres]


def _text_width_twips(doc: Any) -> int:
    section = doc.sections[-1]
    try:
        width = section.page_width - section.left_margin - section.right_margin
        return max(int(width / EMU_PER_TWIP), int(80 * TWIPS_PER_MM))
    except TypeError:  # a template without page size or margins
        return int(160 * TWIPS_PER_MM)


def _clear_body(body: _Element) -> None:
    """The template's own body text (placeholders, sample letters) never reaches the document."""
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
