"""What of a ministry's template may reach an export: its letterhead, nothing else.

A template contributes styles, numbering, settings, fonts, the theme, headers
and footers with their pictures and links. Everything else in its package is
foreign to an aktstykke and is left out: macros (vbaProject.bin, vbaData.xml,
key bindings, a macro-enabled content type, an attached .dotm), ActiveX
controls, embedded objects, comments, custom XML, glossary building blocks,
thumbnails, signatures. Parts are kept only when reached from the main document
through an allowed relationship; a reference to a removed part is taken out of
the XML that held it, so the exported file never points at what is gone.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from exporters.opc import CONTENT_TYPES, CT_NS, PACKAGE_RELS, RELS_NS, SAFE_PARSER, Package
from exporters.wordxml import W, w

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
ALLOWED = {
    "": {"officeDocument", "core-properties", "extended-properties", "custom-properties"},
    "main": {
        "styles",
        "stylesWithEffects",
        "numbering",
        "settings",
        "webSettings",
        "fontTable",
        "theme",
        "header",
        "footer",
        "footnotes",
        "endnotes",
        "image",
        "hyperlink",
    },
    "story": {"image", "hyperlink"},
    "fontTable": {"font"},
    "theme": {"image"},
    "numbering": {"image"},
}
"""Per kind of source part, the relationships a template may keep."""
STORY_KINDS = ("header", "footer", "footnotes", "endnotes")
MACRO_MARKERS = ("vbaproject", "vbadata", "macroenabled", "keymapcustomizations", "wordvbadata")
SETTINGS_DROPPED = ("attachedTemplate", "mailMerge", "docVars")
"""Settings that name another file (an attached .dotm with macros, a mail-merge source)."""


def clean_template(data: bytes, source: Path | str) -> tuple[bytes, list[str]]:
    """The template's package with only its letterhead parts, and Danish notes on what
    was left out. `data` must already be a bounded Word package (exporters.package)."""
    package = Package.read(data, source)
    main = package.main_document()
    keep: dict[str, str] = {}  # part name -> its kind, for the parts reached
    dropped_rels: dict[str, set[str]] = {}
    macro = any(marker in package.content_type(main).lower() for marker in MACRO_MARKERS)
    queue = [("", "")]
    while queue:
        source_part, kind = queue.pop()
        allowed = ALLOWED.get(kind, set())
        for rel in package.relationships(source_part):
            if rel.kind not in allowed or (rel.external and rel.kind != "hyperlink"):
                dropped_rels.setdefault(source_part, set()).add(rel.rid)
                macro = macro or any(m in rel.type.lower() for m in MACRO_MARKERS)
                continue
            stored = None if rel.external else package.find(rel.target)
            if stored is None or rel.target in keep:
                continue
            child_kind = _kind(rel.kind, rel.target == main)
            keep[stored] = child_kind
            queue.append((stored, child_kind))
    removed = sorted(
        name
        for name in package.parts
        if name not in keep and name != CONTENT_TYPES and not _is_rels(name)
    )
    macro = macro or any(
        marker in f"{name} {package.content_type(name)}".lower()
        for name in removed
        for marker in MACRO_MARKERS
    )
    out: dict[str, bytes] = {}
    for name, blob in package.parts.items():
        if name in keep:
            out[name] = _without_references(blob, dropped_rels.get(name, set()), keep[name])
        elif (_is_rels(name) and _rels_source(name) in keep) or name == PACKAGE_RELS:
            out[name] = _rels_without(blob, dropped_rels.get(_rels_source(name), set()))
    out = {CONTENT_TYPES: _content_types(package, set(out), main), **out}
    foreign = [
        n
        for n in removed
        if not _is_macro(package, n) and b"urn:aktstykke:" not in package.parts[n]
    ]  # our own draft and manifest in a template that is one of our exports: replaced anyway
    notes = _notes(Path(source).name, macro, foreign)
    return _zip(out), notes


def _kind(relationship: str, is_main: bool) -> str:
    if is_main:
        return "main"
    if relationship in STORY_KINDS:
        return "story"
    return relationship


def _is_rels(name: str) -> bool:
    return name.lower().endswith(".rels")


def _rels_source(name: str) -> str:
    folder, base = posixpath.split(name)
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")])


def _is_macro(package: Package, name: str) -> bool:
    probe = f"{name} {package.content_type(name)}".lower()
    return any(marker in probe for marker in MACRO_MARKERS)


def _rels_without(blob: bytes, dropped: set[str]) -> bytes:
    root = etree.fromstring(blob, parser=SAFE_PARSER)
    for rel in list(root.iter(f"{RELS_NS}Relationship")):
        if rel.get("Id") in dropped:
            root.remove(rel)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _without_references(blob: bytes, dropped: set[str], kind: str) -> bytes:
    """The part without what points at a removed relationship (a run with an embedded
    object, an attached template), and without settings that name other files."""
    if not dropped and kind != "settings":
        return blob
    try:
        root = etree.fromstring(blob, parser=SAFE_PARSER)
    except etree.XMLSyntaxError:
        return blob
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if any(k.startswith(f"{{{R_NS}}}") and v in dropped for k, v in element.attrib.items()):
            target = element
            parent = target.getparent()
            while parent is not None and target.tag != w("r"):
                if parent is root:
                    break
                target, parent = parent, parent.getparent()
            if parent is not None:
                parent.remove(target)
    if kind == "settings":
        for name in SETTINGS_DROPPED:
            for element in root.findall(f"{{{W}}}{name}"):
                root.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _content_types(package: Package, kept: set[str], main: str) -> bytes:
    root = etree.fromstring(package.parts[CONTENT_TYPES], parser=SAFE_PARSER)
    lower = {name.lower() for name in kept}
    for element in list(root):
        if element.tag == f"{CT_NS}Override":
            name = (element.get("PartName") or "").lstrip("/").lower()
            if name not in lower:
                root.remove(element)
            elif name == main.lower():
                element.set("ContentType", DOCUMENT_MAIN)  # a template, macro-enabled or not
        elif element.tag == f"{CT_NS}Default" and any(
            m in (element.get("ContentType") or "").lower() for m in MACRO_MARKERS
        ):
            root.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name, blob in parts.items():
            target.writestr(name, blob)
    return out.getvalue()


def _notes(name: str, macro: bool, removed: list[str]) -> list[str]:
    notes = []
    if macro:
        notes.append(
            f"Skabelonen »{name}« indeholder makroer; de er fjernet, og eksporten indeholder "
            "ingen makroer."
        )
    if removed:
        shown = ", ".join(removed[:6]) + (" …" if len(removed) > 6 else "")
        notes.append(
            f"Dele af skabelonen »{name}«, som ikke hører til brevhovedet, er ikke taget med "
            f"({shown})."
        )
    return notes
