"""What another program does when it merely saves a Word file again: every XML part
rewritten (attributes in another order, indentation between elements, empty run
properties, revision ids), its own name in docProps/app.xml, the zip packed anew.
What the document shows stays the same."""

from __future__ import annotations

import zipfile

from lxml import etree

from tests.tamper.package import Docx, w


def resave(doc: Docx) -> None:
    for name, blob in list(doc.members.items()):
        if not (name.endswith(".xml") or name.endswith(".rels")):
            continue
        try:
            root = etree.fromstring(blob)
        except etree.XMLSyntaxError:
            continue
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            attributes = list(element.attrib.items())[::-1]
            element.attrib.clear()
            for key, value in attributes:
                element.set(key, value)
            if element.tag == w("r") and element.find(w("rPr")) is None:
                element.insert(0, etree.Element(w("rPr")))
            if element.tag == w("p"):
                element.set(w("rsidR"), "00A1B2C3")
        if name == "docProps/app.xml":
            for child in root:
                if child.tag.endswith("}Application"):
                    child.text = "Microsoft Office Word"
        if name.startswith("word/") and root.tag in (w("document"), w("styles"), w("settings")):
            etree.indent(root, space=" ")  # whitespace between elements only; w:t keeps its text
        doc.members[name] = etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
    doc.members = dict(
        sorted(doc.members.items(), key=lambda item: item[0] != "[Content_Types].xml")
    )


def resaved_bytes(doc: Docx) -> bytes:
    resave(doc)
    return doc.bytes(zipfile.ZIP_STORED)
