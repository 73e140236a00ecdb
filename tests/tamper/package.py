"""Editing a Word package the way an attacker with a zip tool and an XML editor would.

`Docx` holds the members of a .docx in their order; parts are changed as XML
(lxml) or as bytes, relationships and content types added, and the package
written back as a zip. Nothing here uses the program's own writer.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS = {"w": W, "r": R, "rel": RELS, "ct": CT, "mc": MC}
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class Docx:
    def __init__(self, data: bytes):
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            self.members = {info.filename: package.read(info) for info in package.infolist()}

    def bytes(self, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", compression) as package:
            for name, blob in self.members.items():
                package.writestr(name, blob)
        return out.getvalue()

    # -- parts --------------------------------------------------------------------

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.members[name])

    def set_xml(self, name: str, root: etree._Element) -> None:
        self.members[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    def edit(self, name: str, change: Callable[[etree._Element], None]) -> None:
        root = self.xml(name)
        change(root)
        self.set_xml(name, root)

    def add(self, name: str, blob: bytes, content_type: str | None = None) -> None:
        self.members[name] = blob
        if content_type:
            self.override(name, content_type)

    def override(self, name: str, content_type: str) -> None:
        def change(root):
            for element in root.findall(f"{{{CT}}}Override"):
                if element.get("PartName") == f"/{name}":
                    element.set("ContentType", content_type)
                    return
            etree.SubElement(
                root, f"{{{CT}}}Override", PartName=f"/{name}", ContentType=content_type
            )

        self.edit("[Content_Types].xml", change)

    def relate(
        self, source_rels: str, kind: str, target: str, *, rid: str, external: bool = False
    ) -> str:
        def change(root):
            attrs = {"Id": rid, "Type": RT + kind, "Target": target}
            if external:
                attrs["TargetMode"] = "External"
            etree.SubElement(root, f"{{{RELS}}}Relationship", **attrs)

        self.edit(source_rels, change)
        return rid

    # -- the document -------------------------------------------------------------

    def document(self, change: Callable[[etree._Element], None]) -> None:
        self.edit("word/document.xml", change)


def paragraph_with(root: etree._Element, text: str) -> etree._Element:
    """The first paragraph whose text contains `text`."""
    for p in root.iter(w("p")):
        if text in "".join(t.text or "" for t in p.iter(w("t"))):
            return p
    raise LookupError(text)


def run_with(root: etree._Element, text: str, nth: int = 0) -> etree._Element:
    """The `nth` run whose text is exactly `text` (or contains it, when none is exact)."""
    runs = [r for r in root.iter(w("r")) if "".join(t.text or "" for t in r.iter(w("t"))) == text]
    if not runs:
        runs = [
            r for r in root.iter(w("r")) if text in "".join(t.text or "" for t in r.iter(w("t")))
        ]
    return runs[nth]


def rpr(run: etree._Element) -> etree._Element:
    found = run.find(w("rPr"))
    if found is None:
        found = etree.Element(w("rPr"))
        run.insert(0, found)
    return found


def element(xml: str) -> etree._Element:
    """An element written with the w, r and mc prefixes bound."""
    return etree.fromstring(
        f'<root xmlns:w="{W}" xmlns:r="{R}" xmlns:mc="{MC}" '
        'xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">'
        f"{xml}</root>"
    )[0]


def text_run(text: str, props: str = "") -> etree._Element:
    return element(f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>')


def story_part(tag: str, body: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:{tag} xmlns:w="{W}" xmlns:r="{R}">{body}</w:{tag}>'
    ).encode()
