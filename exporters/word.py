"""Word renderer: draws the layout's blocks on our reference template (or a ministry's).

Paragraphs and tables are written as WordprocessingML directly (python-docx
has no API for hanging labels, cell borders or fields, and building the XML
is an order of magnitude faster than its cell API); python-docx handles the
package, the styles, headers, footers and properties. The draft itself is
embedded as a custom XML part so the file reopens without loss.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import html
import io
from pathlib import Path

from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

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
from exporters.output import write_atomically
from exporters.package import read_template, reproducible_zip
from exporters.report import ExportReport
from forms.draftfile import DraftFileError, dumps_draft
from forms.embedded import ITEM_ID, NAMESPACE, ROOT_TAG, open_word_zip, read_member
from forms.model import Aktstykke

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TWIPS_PER_MM = 1440 / 25.4
EMU_PER_TWIP = 635
TABLE_GAP = 240
"""Twips between a table and the paragraph after it (one blank line of 12 pt)."""


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, PPR, PSTYLE, R, RPR, T, TAB, BR, B = map(
    _w, ("p", "pPr", "pStyle", "r", "rPr", "t", "tab", "br", "b")
)
VAL = _w("val")


def render_docx(
    draft: Aktstykke,
    *,
    template: Path | str | None = None,
    final: bool = False,
    footer_note: str | None = None,
) -> tuple[bytes, ExportReport]:
    """The Word file in memory and the report. Raises TemplateError for an unusable template."""
    template_path = Path(template) if template is not None else None
    package = read_template(template_path) if template_path else S.reference_template_bytes()
    writer = _WordWriter(package, own_template=template_path is None)
    data = writer.render(layout(draft, final=final, footer_note=footer_note), dumps_draft(draft))
    report = ExportReport(template=template_path, fallback_styles=writer.fallback_styles)
    return data, report


def render_docx_bytes(
    draft: Aktstykke,
    *,
    template: Path | str | None = None,
    final: bool = False,
    footer_note: str | None = None,
) -> bytes:
    return render_docx(draft, template=template, final=final, footer_note=footer_note)[0]


def export_docx(
    draft: Aktstykke,
    path: Path | str,
    *,
    template: Path | str | None = None,
    final: bool = False,
    footer_note: str | None = None,
) -> ExportReport:
    """Write the Word file; an existing file is replaced atomically, a failure leaves it as it was."""
    path = Path(path)
    data, report = render_docx(draft, template=template, final=final, footer_note=footer_note)
    write_atomically(path, data)
    return ExportReport(path=path, template=report.template, fallback_styles=report.fallback_styles)


class _WordWriter:
    def __init__(self, package: bytes, *, own_template: bool):
        try:
            self.doc = Document(io.BytesIO(package))
        except Exception:
            # python-docx raises assorted errors (KeyError, lxml, ValueError) for a
            # package it cannot make sense of: one Danish message for all.
            raise TemplateError(
                "Skabelonen kan ikke bruges: Word-filen er beskadiget eller ikke et "
                "almindeligt Word-dokument."
            ) from None
        self.fallback_styles: tuple[str, ...] = ()
        if not own_template:
            self.fallback_styles = _ensure_styles(self.doc)
        self.ids = _style_ids(self.doc)
        self.text_width = _text_width_twips(self.doc)

    def render(self, document: Layout, draft_json: str) -> bytes:
        body = self.doc.element.body
        _clear_body(body)
        sect_pr = body.find(qn("w:sectPr"))
        after_table = False
        for block in document.blocks:
            elements = self._draw(block)
            if after_table and elements[0].tag == P:
                _space_before(elements[0], TABLE_GAP)
            after_table = isinstance(block, Table)
            for element in elements:
                if sect_pr is not None:
                    sect_pr.addprevious(element)
                else:
                    body.append(element)
        _set_language(self.doc)
        self._headers_and_footers(document)
        _set_properties(self.doc, document)
        _embed_draft(self.doc, draft_json)
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
            tr = etree.SubElement(tbl, _w("tr"))
            trpr = etree.SubElement(tr, _w("trPr"))
            etree.SubElement(trpr, _w("cantSplit"))
            if line.kind is RowKind.HEADER:
                etree.SubElement(trpr, _w("tblHeader"))  # repeated on every page
            border = {RowKind.HEADER: ("top", "bottom"), RowKind.TOTAL: ("top", "bottom")}.get(
                line.kind, ()
            )
            emphasis = line.kind is not RowKind.BODY
            for index, text in enumerate(line.cells):
                tc = etree.SubElement(tr, _w("tc"))
                tcpr = etree.SubElement(tc, _w("tcPr"))
                width = etree.SubElement(tcpr, _w("tcW"))
                width.set(_w("w"), str(widths[index]))
                width.set(_w("type"), "dxa")
                if border:
                    borders = etree.SubElement(tcpr, _w("tcBorders"))
                    for side in border:
                        edge = etree.SubElement(borders, _w(side))
                        edge.set(VAL, "single")
                        edge.set(_w("sz"), "4")
                        edge.set(_w("space"), "0")
                        edge.set(_w("color"), "auto")
                style = S.TABLE_NUMBER if table.align[index] is Align.RIGHT else S.TABLE_TEXT
                tc.append(self._paragraph(style, text, bold=emphasis))
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
                    shape_number = shape_number + 1 if shape_number else 2049
                    part = _own(header)
                    part.append(self._marking(document.marking, shape_number))
                if document.footer_note:
                    _own(footer).append(self._paragraph(S.FOOTER_NOTE, document.footer_note))
            if not _has_page_field(section.footer):
                _own(section.footer).append(self._page_number())

    def _marking(self, text: str, number: int) -> etree._Element:
        """'UDKAST' at the top of the page and, behind the text, diagonally across it."""
        p = self._paragraph(S.MARKING, text)
        shape = _WATERMARK.format(text=html.escape(text, quote=True), number=number, ns=_VML_NS)
        p.append(parse_xml(shape))
        return p

    def _page_number(self) -> etree._Element:
        p = self._paragraph(S.PAGE_NUMBER, "")
        for xml in (
            '<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
            '<w:r {ns}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
            '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
            "<w:r {ns}><w:t>1</w:t></w:r>",
            '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>',
        ):
            p.append(parse_xml(xml.format(ns=nsdecls("w"))))
        return p


def _space_before(p: etree._Element, twips: int) -> None:
    """A table has no spacing of its own: the paragraph after it keeps the distance."""
    spacing = etree.SubElement(p.find(PPR), _w("spacing"))
    spacing.set(_w("before"), str(twips))


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
    """Twips per column: amounts narrow and equal, labels take what is left (up to a limit)."""
    amounts = table.column_count - table.label_columns
    amount = int(min(25 * TWIPS_PER_MM, (text_width * 0.65) / max(amounts, 1)))
    extra = table.label_columns - 1  # the § account column
    account = int(25 * TWIPS_PER_MM)
    label = int(min(85 * TWIPS_PER_MM, text_width - amounts * amount - extra * account))
    label = max(label, int(30 * TWIPS_PER_MM))
    return [account] * extra + [label] + [amount] * amounts


def _text_width_twips(doc) -> int:
    section = doc.sections[-1]
    try:
        width = section.page_width - section.left_margin - section.right_margin
        return max(int(width / EMU_PER_TWIP), int(80 * TWIPS_PER_MM))
    except TypeError:  # a template without page size or margins
        return int(160 * TWIPS_PER_MM)


def _clear_body(body) -> None:
    """The template's own body text (placeholders, sample letters) never reaches the document."""
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _own(header_or_footer) -> etree._Element:
    """The header/footer's XML, created for this section when it was inherited or absent."""
    created = header_or_footer.is_linked_to_previous
    element = header_or_footer._element
    if created:
        # python-docx starts a new header with one empty paragraph: drop it.
        for p in element.findall(P):
            if not "".join(p.itertext()).strip():
                element.remove(p)
    return element


def _has_page_field(footer) -> bool:
    if footer.is_linked_to_previous:
        return False
    element = footer._element
    instructions = [t.text or "" for t in element.iter(_w("instrText"))]
    instructions += [f.get(_w("instr"), "") for f in element.iter(_w("fldSimple"))]
    return any("PAGE" in instr.split() for instr in instructions)


# -- styles -----------------------------------------------------------------


def _style_names(root) -> dict[str, etree._Element]:
    out = {}
    for style in root.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            out.setdefault(name.get(qn("w:val")), style)
    return out


def _style_ids(doc) -> dict[str, str]:
    names = _style_names(doc.styles.element)
    return {name: names[name].get(qn("w:styleId")) for name in S.ALL_STYLES}


_OUR_STYLES: etree._Element | None = None


def _our_styles() -> etree._Element:
    global _OUR_STYLES
    if _OUR_STYLES is None:
        _OUR_STYLES = Document(io.BytesIO(S.reference_template_bytes())).styles.element
    return _OUR_STYLES


def _ensure_styles(doc) -> tuple[str, ...]:
    """Copy our definition of every style the document lacks; return their names."""
    root = doc.styles.element
    theirs = _style_names(root)
    missing = [name for name in S.ALL_STYLES if name not in theirs]
    if not missing:
        return ()
    ours = _style_names(_our_styles())
    our_id_to_name = {style.get(qn("w:styleId")): name for name, style in ours.items()}
    taken = {style.get(qn("w:styleId")) for style in root.findall(qn("w:style"))}
    copies = []
    for name in missing:
        element = copy.deepcopy(ours[name])
        style_id = element.get(qn("w:styleId"))
        candidate, n = style_id, 1
        while candidate in taken:
            n += 1
            candidate = f"{style_id}{n}"
        element.set(qn("w:styleId"), candidate)
        taken.add(candidate)
        root.append(element)
        copies.append(element)
    target_ids = {name: style.get(qn("w:styleId")) for name, style in _style_names(root).items()}
    for element in copies:
        # basedOn/next/link name our ids: point them at the document's style of that name.
        for ref in ("w:basedOn", "w:next", "w:link"):
            child = element.find(qn(ref))
            if child is None:
                continue
            name = our_id_to_name.get(child.get(qn("w:val")))
            if name in target_ids:
                child.set(qn("w:val"), target_ids[name])
            else:
                element.remove(child)
    return tuple(missing)


def _set_language(doc) -> None:
    """Danish proofing for the whole document (w:lang in the default run properties)."""
    root = doc.styles.element
    defaults = root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = etree.Element(qn("w:docDefaults"))
        root.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.Element(qn("w:rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = etree.SubElement(rpr, qn("w:lang"))
    lang.set(qn("w:val"), "da-DK")


# -- properties and the embedded draft ---------------------------------------


def _set_properties(doc, document: Layout) -> None:
    info = document.info
    props = doc.core_properties
    props.title = info.title[:255]
    props.author = info.author[:255]
    props.last_modified_by = info.author[:255]
    props.subject = info.subject[:255]
    props.keywords = info.keywords
    props.category = info.category
    props.language = info.language
    props.revision = 1
    props.comments = ""
    if info.created:
        props.created = _utc(info.created)
    if info.modified:
        props.modified = _utc(info.modified)


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def _embed_draft(doc, draft_json: str) -> None:
    """The draft JSON as customXml/itemN.xml with its itemProps, related from the document."""
    part = doc.part
    package = part.package
    for rid, rel in list(part.rels.items()):
        # A template that is itself one of our exports carries an older draft: drop it.
        if rel.reltype == RT.CUSTOM_XML and NAMESPACE.encode() in rel.target_part.blob:
            del part.rels[rid]
    item_name = package.next_partname("/customXml/item%d.xml")
    number = item_name[len("/customXml/item") : -len(".xml")]
    item = Part(item_name, CT.XML, _draft_xml(draft_json), package)
    props_blob = (
        "<?xml version='1.0' encoding='UTF-8' standalone='no'?>\n"
        '<ds:datastoreItem xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'customXml" ds:itemID="{ITEM_ID}"><ds:schemaRefs>'
        f'<ds:schemaRef ds:uri="{NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>'
    ).encode()
    props = Part(
        PackURI(f"/customXml/itemProps{number}.xml"),
        CT.OFC_CUSTOM_XML_PROPERTIES,
        props_blob,
        package,
    )
    part.relate_to(item, RT.CUSTOM_XML)
    item.relate_to(props, RT.CUSTOM_XML_PROPS)


def _draft_xml(draft_json: str) -> bytes:
    root = etree.Element(f"{{{NAMESPACE}}}{ROOT_TAG}", nsmap={"akt": NAMESPACE})
    try:
        root.text = draft_json
        root.set("encoding", "text")
    except ValueError:
        # Characters XML 1.0 cannot hold (control characters inside the JSON
        # strings are escaped by JSON, but not, e.g., U+FFFE): store base64.
        root.text = base64.b64encode(draft_json.encode("utf-8")).decode("ascii")
        root.set("encoding", "base64")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- reading back -------------------------------------------------------------

_SKIP = {_w("pPr"), _w("rPr"), _w("txbxContent"), _w("del"), _w("moveFrom"), _w("instrText")}
_SKIP.add("{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback")


def read_docx_text(source: Path | str | bytes) -> str:
    """The visible body text in body order: one line per paragraph, a table row as
    its cells joined by spaces; headers, footers and the embedded draft excluded.

    For our own exports this equals `exporters.text.render_text(draft, final=True)`.
    Raises DraftFileError (Danish message) when the file is not a Word file.
    """
    if isinstance(source, bytes):
        data, name = source, "dokument.docx"
    else:
        path = Path(source)
        name = path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DraftFileError(path, f"Filen »{name}« kan ikke læses: {exc.strerror}.") from None
    with open_word_zip(data, name) as package:
        main = _main_document_name(package, name)
        xml = read_member(package, package.getinfo(main), name)
    try:
        root = etree.fromstring(xml, parser=_SAFE_PARSER)
    except etree.XMLSyntaxError:
        raise DraftFileError(
            name, f"Filen »{name}« er beskadiget: dokumentets tekst kan ikke læses."
        ) from None
    body = root.find(_w("body"))
    lines: list[str] = []
    if body is not None:
        _body_lines(body, lines)
    return "\n".join(lines) + "\n"


_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _main_document_name(package, name: str) -> str:
    for candidate in ("word/document.xml", "word/document2.xml"):
        if candidate in package.namelist():
            return candidate
    try:
        rels = etree.fromstring(
            read_member(package, package.getinfo("_rels/.rels"), name), parser=_SAFE_PARSER
        )
        for rel in rels:
            if rel.get("Type", "").endswith("/officeDocument"):
                return rel.get("Target", "").lstrip("/")
    except (KeyError, etree.XMLSyntaxError):
        pass
    raise DraftFileError(
        name, f"Filen »{name}« er ikke en Word-fil (.docx): den har intet dokument."
    )


def _body_lines(container, lines: list[str]) -> None:
    for child in container:
        if child.tag == P:
            lines.append(_paragraph_text(child))
        elif child.tag == _w("tbl"):
            for row in _rows(child):
                lines.append(" ".join(_cell_text(cell) for cell in _cells(row)))
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent"))
            _body_lines(content if content is not None else child, lines)


def _rows(tbl):
    for child in tbl:
        if child.tag == _w("tr"):
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent"))
            yield from _rows(content if content is not None else child)


def _cells(tr):
    for child in tr:
        if child.tag == _w("tc"):
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent"))
            yield from _cells(content if content is not None else child)


def _cell_text(tc) -> str:
    lines: list[str] = []
    _body_lines(tc, lines)
    return " ".join(lines)


def _paragraph_text(p) -> str:
    parts: list[str] = []
    _collect(p, parts)
    return "".join(parts)


def _collect(element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == T:
            parts.append(child.text or "")
        elif tag == TAB:
            parts.append("\t")
        elif tag in (BR, _w("cr")):
            parts.append("\n")
        elif tag == _w("noBreakHyphen"):
            parts.append("-")
        else:
            _collect(child, parts)


# A VML text watermark in the form Word writes it; LibreOffice recognises the
# "PowerPlusWaterMarkObject" name and shows it behind the text on every page.
_VML_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)
_WATERMARK = (
    "<w:r {ns}><w:rPr><w:noProof/></w:rPr><w:pict>"
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    '<v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>'
    '<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>'
    '<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>'
    '<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>'
    '<v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>'
    '<v:path textpathok="t" o:connecttype="custom" '
    'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
    '<v:textpath on="t" fitshape="t"/>'
    '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
    '<v:shape id="PowerPlusWaterMarkObject{number}" o:spid="_x0000_s{number}" '
    'type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;'
    "width:400pt;height:120pt;rotation:315;z-index:-251657216;"
    "mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
    'mso-position-vertical:center;mso-position-vertical-relative:margin" '
    'o:allowincell="f" fillcolor="#d8d8d8" stroked="f">'
    '<v:fill opacity=".5"/>'
    '<v:textpath style="font-family:&quot;Times New Roman&quot;;font-size:1pt" '
    'string="{text}"/>'
    '<w10:wrap anchorx="margin" anchory="margin"/>'
    "</v:shape></w:pict></w:r>"
)

__all__ = [
    "ExportReport",
    "export_docx",
    "read_docx_text",
    "render_docx",
    "render_docx_bytes",
]
