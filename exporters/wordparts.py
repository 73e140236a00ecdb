"""The parts of a Word file around the body: headers and footers (UDKAST marking,
watermark, page number), core properties, the embedded draft, and the place for
a final export's signed manifest (exporters.manifest fills it)."""

from __future__ import annotations

import base64
import datetime as dt
import html
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.section import _Footer, _Header
from lxml import etree

from exporters import manifest
from exporters.blocks import Layout
from exporters.wordxml import P, w
from forms.embedded import ITEM_ID, NAMESPACE, ROOT_TAG


def own_part(header_or_footer: _Header | _Footer) -> etree._Element:
    """The header/footer's XML, created for this section when it was inherited or absent."""
    created = header_or_footer.is_linked_to_previous
    element: etree._Element = header_or_footer._element
    if created:
        # python-docx starts a new header with one empty paragraph: drop it.
        for p in element.findall(P):
            if not "".join(p.itertext()).strip():
                element.remove(p)
    return element


def has_page_field(footer: _Footer) -> bool:
    if footer.is_linked_to_previous:
        return False
    element = footer._element
    instructions = [t.text or "" for t in element.iter(w("instrText"))]
    instructions += [f.get(w("instr"), "") for f in element.iter(w("fldSimple"))]
    return any("PAGE" in instr.split() for instr in instructions)


def watermark_run(text: str, number: int) -> etree._Element:
    """A run holding the diagonal watermark shape; `number` keeps shape ids unique."""
    return parse_xml(
        _WATERMARK.format(text=html.escape(text, quote=True), number=number, ns=_VML_NS)
    )


def page_field_runs() -> list[etree._Element]:
    """The runs of a PAGE field (Word updates it on every page; '1' until then)."""
    return [
        parse_xml(xml.format(ns=nsdecls("w")))
        for xml in (
            '<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
            '<w:r {ns}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
            '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
            "<w:r {ns}><w:t>1</w:t></w:r>",
            '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>',
        )
    ]


def set_properties(doc: Any, document: Layout) -> None:
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
    props.identifier = info.identifier
    if info.created:
        props.created = _utc(info.created)
    if info.modified:
        props.modified = _utc(info.modified)


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def embed_draft(doc: Any, draft_json: str) -> None:
    """The draft JSON as customXml/itemN.xml with its itemProps, related from the document."""
    part = doc.part
    for rid, rel in list(part.rels.items()):
        # A template that is itself one of our exports carries an older draft or
        # manifest: drop them.
        if rel.reltype == RT.CUSTOM_XML and (
            NAMESPACE.encode() in rel.target_part.blob
            or manifest.NAMESPACE.encode() in rel.target_part.blob
        ):
            del part.rels[rid]
    _custom_xml_part(doc, _draft_xml(draft_json), ITEM_ID, NAMESPACE)


def add_manifest_part(doc: Any) -> None:
    """The (still empty) manifest of a final export, related from the document like the
    draft, so its relationship and content type are in place before the digests."""
    _custom_xml_part(doc, manifest.PLACEHOLDER, manifest.ITEM_ID, manifest.NAMESPACE)


def _custom_xml_part(doc: Any, blob: bytes, item_id: str, schema: str) -> None:
    part = doc.part
    package = part.package
    item_name = package.next_partname("/customXml/item%d.xml")
    number = item_name[len("/customXml/item") : -len(".xml")]
    item = Part(item_name, CT.XML, blob, package)
    props_blob = (
        "<?xml version='1.0' encoding='UTF-8' standalone='no'?>\n"
        '<ds:datastoreItem xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'customXml" ds:itemID="{item_id}"><ds:schemaRefs>'
        f'<ds:schemaRef ds:uri="{schema}"/></ds:schemaRefs></ds:datastoreItem>'
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
