"""A Word file as its package: parts, content types, relationships, the main document.

Read the way Word reads it: the main document is the target of the package's
officeDocument relationship in _rels/.rels (not whatever is called
word/document.xml), a part's content type comes from [Content_Types].xml
(Override by name, else Default by extension), and part names compare
case-insensitively. Every part is unpacked through forms.embedded, so the whole
package is bounded (MAX_PACKAGE_BYTES, MAX_PARTS) before anything is parsed.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lxml import etree

from forms.draftfile import DraftFileError
from forms.embedded import open_word_zip, read_member

CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
WORD_MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
SAFE_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
)


@dataclass(frozen=True)
class Relationship:
    source: str
    """The part the relationship belongs to ('' for the package itself)."""
    rid: str
    type: str
    target: str
    """A part name (no leading slash), or the URL of an external target."""
    external: bool = False

    @property
    def kind(self) -> str:
        """The type's last segment ('officeDocument', 'header', 'image' …): the same
        in transitional and strict OOXML."""
        return self.type.rstrip("/").rsplit("/", 1)[-1]


class Package:
    """The parts of one Word file, unpacked within the bounds."""

    def __init__(self, parts: dict[str, bytes], name: str):
        self.parts = parts
        self.name = name
        self._by_key = {part.lower(): part for part in parts}
        self._xml: dict[str, etree._Element | None] = {}

    @classmethod
    def read(cls, data: bytes, source: Path | str) -> Package:
        """Raises DraftFileError (Danish) for a file that is not a bounded Word package."""
        with open_word_zip(data, source) as package:
            parts = {
                info.filename.lstrip("/"): read_member(package, info, source)
                for info in package.infolist()
                if not info.is_dir()
            }
        return cls(parts, Path(source).name)

    # -- names and content types ------------------------------------------

    def find(self, name: str) -> str | None:
        """The part's name as stored, matched case-insensitively; None when absent."""
        return self._by_key.get(name.lstrip("/").lower())

    def blob(self, name: str) -> bytes | None:
        stored = self.find(name)
        return None if stored is None else self.parts[stored]

    @cached_property
    def _content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        root = self.xml(CONTENT_TYPES)
        defaults: dict[str, str] = {}
        overrides: dict[str, str] = {}
        if root is not None:
            for element in root:
                if element.tag == f"{CT_NS}Default":
                    defaults[(element.get("Extension") or "").lower()] = (
                        element.get("ContentType") or ""
                    )
                elif element.tag == f"{CT_NS}Override":
                    name = (element.get("PartName") or "").lstrip("/").lower()
                    overrides[name] = element.get("ContentType") or ""
        return defaults, overrides

    def content_type(self, name: str) -> str:
        defaults, overrides = self._content_types
        key = name.lstrip("/").lower()
        if key in overrides:
            return overrides[key]
        extension = key.rsplit(".", 1)[-1] if "." in posixpath.basename(key) else ""
        return defaults.get(extension, "")

    # -- XML and relationships --------------------------------------------

    def xml(self, name: str) -> etree._Element | None:
        """The part parsed (entities never resolved), or None when absent or not XML."""
        stored = self.find(name)
        if stored is None:
            return None
        if stored not in self._xml:
            try:
                self._xml[stored] = etree.fromstring(self.parts[stored], parser=SAFE_PARSER)
            except etree.XMLSyntaxError:
                self._xml[stored] = None
        return self._xml[stored]

    def relationships(self, source: str) -> list[Relationship]:
        """The relationships of a part ('' for the package), in document order."""
        folder, base = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", f"{base}.rels") if source else PACKAGE_RELS
        root = self.xml(rels_name)
        if root is None:
            return []
        out = []
        for element in root.iter(f"{RELS_NS}Relationship"):
            target = element.get("Target") or ""
            external = (element.get("TargetMode") or "").lower() == "external"
            if not external:
                target = resolve_target(folder, target)
            out.append(
                Relationship(
                    source, element.get("Id") or "", element.get("Type") or "", target, external
                )
            )
        return out

    def related(self, source: str, kind: str) -> list[Relationship]:
        return [rel for rel in self.relationships(source) if rel.kind == kind and not rel.external]

    def relationship(self, source: str, rid: str) -> Relationship | None:
        for rel in self.relationships(source):
            if rel.rid == rid:
                return rel
        return None

    def main_documents(self) -> list[str]:
        """Every Word main document the package names, in the order Word meets them."""
        return [
            rel.target
            for rel in self.related("", "officeDocument")
            if self.content_type(rel.target) in WORD_MAIN_TYPES and self.find(rel.target)
        ]

    def main_document(self) -> str:
        """The part Word shows: the first officeDocument target that is a Word document."""
        names = self.main_documents()
        if not names:
            raise DraftFileError(
                self.name,
                f"Filen »{self.name}« er ikke en Word-fil (.docx): den har intet dokument.",
            )
        return self.find(names[0]) or names[0]


def rels_source(name: str) -> str | None:
    """The part a relationships part belongs to ('' for _rels/.rels), or None when `name`
    is not a relationships part."""
    folder, base = posixpath.split(name)
    if posixpath.basename(folder).lower() != "_rels" or not base.lower().endswith(".rels"):
        return None
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")])


def resolve_target(folder: str, target: str) -> str:
    """A relationship's target as a part name: relative to the source's folder, or absolute."""
    path = target if target.startswith("/") else posixpath.join("/", folder, target)
    return posixpath.normpath(path).lstrip("/")
