"""Build the small ministry templates the export tests use.

    .venv/bin/python tests/data/templates/make_templates.py

ministerium.docx imitates a ministry's letterhead template: Arial, its own
margins, a letterhead in the header (a different one on the first page), a
footer with an address and no page number, placeholder body text, and only
two of our styles ("Aktstykke Hoved", "Aktstykke Litra", under style ids of
its own); its style id "AktstykkeFortsat" belongs to a style with another
name, so a copied style must get a fresh id. ministerium.dotx is the same
package labelled as a Word template.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from exporters.package import DOCUMENT_MAIN, TEMPLATE_MAIN, reproducible_zip

HERE = Path(__file__).resolve().parent
KEEP = ("Normal", "Default Paragraph Font", "Normal Table", "No List", "header", "footer")


def ministry_template() -> bytes:
    doc = Document()
    part = doc.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, RT.NUMBERING) or rel.reltype.endswith(
            "stylesWithEffects"
        ):
            del part.rels[rid]
    for rid, rel in list(part.package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del part.package.rels[rid]
    root = doc.styles.element
    for style in root.findall(qn("w:style")):
        if style.find(qn("w:name")).get(qn("w:val")) not in KEEP:
            root.remove(style)

    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(25), Mm(25)
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "EKSEMPELMINISTERIET – brevpapir, første side"
    section.header.paragraphs[0].text = "Eksempelministeriet"
    section.footer.paragraphs[0].text = "Eksempelministeriet · Slotsholmsgade 1 · 1216 København K"

    hoved = doc.styles.add_style("Aktstykke Hoved", WD_STYLE_TYPE.PARAGRAPH)
    hoved.element.set(qn("w:styleId"), "MinHoved")
    hoved.base_style = normal
    hoved.font.bold = True
    hoved.paragraph_format.space_after = Pt(18)

    litra = doc.styles.add_style("Aktstykke Litra", WD_STYLE_TYPE.PARAGRAPH)
    litra.element.set(qn("w:styleId"), "MinLitra")
    litra.base_style = normal
    litra.font.color.rgb = RGBColor(0x00, 0x33, 0x66)
    litra.paragraph_format.left_indent = Mm(12)
    litra.paragraph_format.first_line_indent = Mm(-12)
    litra.paragraph_format.space_after = Pt(10)

    other = doc.styles.add_style("Ministeriets brødtekst", WD_STYLE_TYPE.PARAGRAPH)
    other.element.set(qn("w:styleId"), "AktstykkeFortsat")
    other.base_style = normal

    doc.add_paragraph("Skriv teksten her.", style=other)
    doc.core_properties.author = "Eksempelministeriet"
    stream = io.BytesIO()
    doc.save(stream)
    return reproducible_zip(stream.getvalue())


def as_dotx(data: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            payload = source.read(info)
            if info.filename == "[Content_Types].xml":
                payload = payload.replace(DOCUMENT_MAIN, TEMPLATE_MAIN)
            target.writestr(info, payload)
    return out.getvalue()


def main() -> None:
    docx = ministry_template()
    (HERE / "ministerium.docx").write_bytes(docx)
    (HERE / "ministerium.dotx").write_bytes(as_dotx(docx))
    print("ministerium.docx, ministerium.dotx:", len(docx), "bytes")


if __name__ == "__main__":
    main()
