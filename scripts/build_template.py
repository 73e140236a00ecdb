"""Build our Word reference template, resources/templates/aktstykke.docx.

    .venv/bin/python scripts/build_template.py [OUT.docx]

Starts from python-docx's default package, removes what we do not need
(US Letter page, theme fonts, sample parts), and defines A4 with margins,
Danish as the document language, Times New Roman 12 pt, a page number in the
footer, and one named style per kind of block (exporters/styles.py). The
output is reproducible: running the script twice gives the same bytes.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from exporters import styles as S
from exporters.package import reproducible_zip

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "templates" / S.TEMPLATE_NAME

FONT = "Times New Roman"
SIZE = Pt(12)
LITRA_HANG = Mm(10)
"""How far the litra label hangs into the left margin (BV 3.5: letters in the margin)."""
PARAGRAPH_GAP = Pt(12)
KEEP = ("Normal", "Default Paragraph Font", "Normal Table", "No List", "header", "footer")


def build() -> bytes:
    doc = Document()
    _drop_sample_parts(doc)
    _prune_styles(doc)
    _set_defaults(doc)
    _page_setup(doc)
    _define_styles(doc)
    _footer_page_number(doc)
    _settings(doc)
    _properties(doc)
    stream = io.BytesIO()
    doc.save(stream)
    return reproducible_zip(stream.getvalue())


def _drop_sample_parts(doc) -> None:
    part = doc.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, RT.NUMBERING) or rel.reltype.endswith(
            "stylesWithEffects"
        ):
            del part.rels[rid]
    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]
    for child in list(doc.element.body):
        if child.tag != qn("w:sectPr"):
            doc.element.body.remove(child)


def _prune_styles(doc) -> None:
    root = doc.styles.element
    for style in root.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in KEEP:
            root.remove(style)


def _set_defaults(doc) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    defaults.getparent().replace(
        defaults,
        parse_xml(
            f"<w:docDefaults {nsdecls('w')}>"
            "<w:rPrDefault><w:rPr>"
            f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
            '<w:sz w:val="24"/><w:szCs w:val="24"/>'
            '<w:lang w:val="da-DK" w:eastAsia="da-DK" w:bidi="ar-SA"/>'
            "</w:rPr></w:rPrDefault>"
            '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
            "</w:pPr></w:pPrDefault>"
            "</w:docDefaults>"
        ),
    )
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = SIZE
    normal.paragraph_format.widow_control = True


def _page_setup(doc) -> None:
    text_width = Mm(210 - 30 - 20)
    for name in ("header", "footer"):
        tabs = doc.styles[name].paragraph_format.tab_stops
        tabs.clear_all()
        tabs.add_tab_stop(text_width // 2, WD_TAB_ALIGNMENT.CENTER)
        tabs.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(25)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    section.header_distance, section.footer_distance = Mm(12), Mm(12)


def _paragraph_style(doc, name: str, base: str = "Normal"):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    style.next_paragraph_style = style
    # Explicit spacing, so a copy of the style in a ministry's document (whose
    # defaults may add space after every paragraph) looks as it does in ours.
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    return style


def _define_styles(doc) -> None:
    header = _paragraph_style(doc, S.HEADER)
    header.paragraph_format.space_after = Pt(24)
    header.paragraph_format.keep_with_next = True

    litra = _paragraph_style(doc, S.LITRA)
    _hanging(litra)
    litra.paragraph_format.space_after = PARAGRAPH_GAP

    continuation = _paragraph_style(doc, S.CONTINUATION)
    continuation.paragraph_format.space_after = PARAGRAPH_GAP
    litra.next_paragraph_style = continuation

    subheading = _paragraph_style(doc, S.SUBHEADING)
    subheading.font.bold = True
    subheading.paragraph_format.space_after = Pt(2)
    subheading.paragraph_format.keep_with_next = True
    subheading.next_paragraph_style = continuation

    litra_subheading = _paragraph_style(doc, S.LITRA_SUBHEADING, base=S.SUBHEADING)
    _hanging(litra_subheading)
    litra_subheading.next_paragraph_style = continuation

    caption = _paragraph_style(doc, S.TABLE_CAPTION)
    caption.font.italic = True
    caption.paragraph_format.space_after = Pt(4)
    caption.paragraph_format.keep_with_next = True

    table_text = _paragraph_style(doc, S.TABLE_TEXT)
    table_text.font.size = Pt(11)
    table_text.paragraph_format.keep_with_next = True

    table_number = _paragraph_style(doc, S.TABLE_NUMBER, base=S.TABLE_TEXT)
    table_number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    note = _paragraph_style(doc, S.TABLE_NOTE)
    note.font.size = Pt(10)
    note.font.italic = True
    note.paragraph_format.space_before = Pt(4)
    note.paragraph_format.space_after = PARAGRAPH_GAP

    signature = _paragraph_style(doc, S.SIGNATURE)
    signature.paragraph_format.space_before = PARAGRAPH_GAP
    signature.paragraph_format.keep_with_next = True

    name = _paragraph_style(doc, S.SIGNATURE_NAME)
    name.paragraph_format.space_before = Pt(48)  # room for the minister's signature
    name.paragraph_format.space_after = Pt(24)
    name.paragraph_format.keep_with_next = True
    signature.next_paragraph_style = name

    _paragraph_style(doc, S.ADDRESSEE)

    marking = _paragraph_style(doc, S.MARKING)
    marking.font.bold = True
    marking.font.size = Pt(14)
    marking.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    marking.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    # Letter-spaced; w:spacing belongs right after w:color in the schema's order.
    marking.element.rPr.find(qn("w:color")).addnext(
        parse_xml(f'<w:spacing {nsdecls("w")} w:val="40"/>')
    )

    page_number = _paragraph_style(doc, S.PAGE_NUMBER)
    page_number.font.size = Pt(10)
    page_number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    footer_note = _paragraph_style(doc, S.FOOTER_NOTE)
    footer_note.font.size = Pt(7)
    footer_note.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
    footer_note.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    table = doc.styles.add_style(S.TABLE, WD_STYLE_TYPE.TABLE)
    table.base_style = doc.styles["Normal Table"]
    table.element.append(
        parse_xml(
            f"<w:tblPr {nsdecls('w')}>"
            '<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
            "</w:tblPr>"
        )
    )


def _hanging(style) -> None:
    """Label in the margin: the first line starts LITRA_HANG left of the text block,
    and a tab stop at the text's edge lines the text up after the label."""
    fmt = style.paragraph_format
    fmt.left_indent = Mm(0)
    fmt.first_line_indent = -LITRA_HANG
    fmt.tab_stops.add_tab_stop(Mm(0), WD_TAB_ALIGNMENT.LEFT)


def _footer_page_number(doc) -> None:
    footer = doc.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = doc.styles[S.PAGE_NUMBER]
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
    for xml in (
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r><w:t>1</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml.replace("<w:r>", f"<w:r {nsdecls('w')}>", 1)))


def _settings(doc) -> None:
    settings = doc.settings.element
    for tag in ("w:rsids", "w:attachedTemplate", "w:savePreviewPicture"):
        for child in settings.findall(qn(tag)):
            settings.remove(child)
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        for attr in list(lang.attrib):
            del lang.attrib[attr]
        lang.set(qn("w:val"), "da-DK")
    for tag, value in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        element = settings.find(qn(tag))
        if element is not None:
            element.set(qn("w:val"), value)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")  # Word 2013 and later: no compatibility mode


def _properties(doc) -> None:
    props = doc.core_properties
    props.author = ""
    props.comments = ""
    props.title = ""
    props.subject = ""
    props.keywords = ""
    props.last_modified_by = ""
    props.revision = 1
    props.language = "da-DK"
    app = next(
        rel.target_part
        for rel in doc.part.package.rels.values()
        if rel.reltype == RT.EXTENDED_PROPERTIES
    )
    app._blob = (
        b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'extended-properties"><Application>Aktstykke</Application>'
        b"<DocSecurity>0</DocSecurity></Properties>"
    )


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    data = build()
    out.write_bytes(data)
    print(f"{out}: {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
