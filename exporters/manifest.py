"""The signed manifest of a final export: what the file held when it was approved.

A final export records, in its own custom XML part, every part of the package
by name, content type and SHA-256 of its bytes, the content fingerprint of the
embedded draft, which part is the main document, and the digest of the display
model (exporters.display) — and the person who made the export signs it with
their certificate (forms.pki). Every part counts, relationships and
[Content_Types].xml included, except the manifest part itself: no part of a
Word package is provably display-neutral (document properties reach the page
through fields, content controls can bind to any custom XML part), so none is
left out. The embedded draft is a part like any other.

The payload is canonical JSON (sorted keys, no spaces) stored as the text of an
element; the signature covers exactly those bytes, so a program that re-saves
the XML around it does not break it. `manifest_version` lets a later version
of the program read an older file: a version it does not know is refused with a
message, never misread.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree
from lxml.etree import _Element

from exporters.display import DISPLAY_VERSION, display_model
from exporters.opc import Package, rels_source
from exporters.package import FIXED_TIME
from forms.model import Signature
from forms.version import APP_VERSION

MANIFEST_VERSION = 1
KNOWN_VERSIONS = (1,)
NAMESPACE = "urn:aktstykke:manifest"
ROOT_TAG = f"{{{NAMESPACE}}}manifest"
ITEM_ID = "{3B8E5D21-9C4F-4A7B-8E16-5F2A9D0C7B43}"
"""The datastore item id of the manifest part (fixed: exports are reproducible up to the signature)."""
PLACEHOLDER = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<akm:manifest xmlns:akm=\"urn:aktstykke:manifest\"/>"


class ManifestError(ValueError):
    """A manifest that cannot be read; `message` is Danish."""

    def __init__(self, message: str, newer: bool = False):
        super().__init__(message)
        self.message = message
        self.newer = newer


@dataclass(frozen=True)
class PartDigest:
    name: str
    content_type: str
    sha256: str


@dataclass(frozen=True)
class RelationshipRecord:
    source: str
    rid: str
    type: str
    target: str
    external: bool

    @property
    def key(self) -> tuple[str, str]:
        return self.source.lower(), self.rid


@dataclass(frozen=True)
class Manifest:
    version: int
    fingerprint: str
    exported_by: str
    exported_at: dt.datetime
    main_document: str
    parts: tuple[PartDigest, ...]
    relationships: tuple[RelationshipRecord, ...]
    display_version: int
    display_sha256: str
    payload: bytes
    """The exact bytes the signature covers."""
    signature: Signature | None
    part: str
    """Where the manifest was found in the package."""


@dataclass(frozen=True)
class Difference:
    kind: str
    """'added', 'removed', 'changed', 'content_type', 'main_document', and for a single
    relationship 'relationship_added', 'relationship_removed', 'relationship_changed'."""
    part: str
    content_type: str = ""
    relationship: RelationshipRecord | None = None


# -- writing ------------------------------------------------------------------------


def part_digests(package: Package, manifest_part: str | None) -> list[PartDigest]:
    skip = manifest_part.lower() if manifest_part else None
    return sorted(
        (
            PartDigest(name, package.content_type(name), hashlib.sha256(blob).hexdigest())
            for name, blob in package.parts.items()
            if name.lower() != skip
        ),
        key=lambda d: d.name.lower(),
    )


def relationship_records(package: Package) -> list[RelationshipRecord]:
    """Every relationship of every part, as Word resolves it."""
    out: list[RelationshipRecord] = []
    for name in package.parts:
        source = rels_source(name)
        if source is None:
            continue
        out.extend(
            RelationshipRecord(source, r.rid, r.type, r.target, r.external)
            for r in package.relationships(source)
        )
    return sorted(out, key=lambda r: r.key)


def payload_bytes(
    package: Package, manifest_part: str, fingerprint: str, exported_by: str, at: dt.datetime
) -> bytes:
    """The canonical payload for a package whose manifest part is `manifest_part`."""
    data = {
        "manifest_version": MANIFEST_VERSION,
        "program": f"Aktstykke {APP_VERSION}",
        "fingerprint": fingerprint,
        "exported_by": exported_by,
        "exported_at": at.astimezone(dt.UTC).isoformat(),
        "main_document": package.main_document(),
        "parts": [
            {"name": d.name, "content_type": d.content_type, "sha256": d.sha256}
            for d in part_digests(package, manifest_part)
        ],
        "relationships": [
            {
                "source": r.source,
                "id": r.rid,
                "type": r.type,
                "target": r.target,
                "external": r.external,
            }
            for r in relationship_records(package)
        ],
        "display": {"version": DISPLAY_VERSION, "sha256": display_model(package).digest},
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def manifest_xml(payload: bytes, signature: Signature | None) -> bytes:
    root = etree.Element(ROOT_TAG, nsmap={"akm": NAMESPACE})
    root.set("version", str(MANIFEST_VERSION))
    etree.SubElement(root, f"{{{NAMESPACE}}}payload").text = payload.decode("utf-8")
    if signature is not None:
        etree.SubElement(root, f"{{{NAMESPACE}}}signature").text = signature.model_dump_json()
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def seal(
    data: bytes,
    *,
    fingerprint: str,
    exported_by: str,
    sign: Callable[[bytes], Signature] | None,
    at: dt.datetime | None = None,
) -> bytes:
    """Fill the manifest part of a rendered final export (added by
    wordparts.add_manifest_part) with the digests of every other part, signed."""
    package = Package.read(data, "eksport.docx")
    found = [name for name, root in _custom_roots(package) if root.tag == ROOT_TAG]
    if len(found) != 1:
        raise ValueError("a final export has exactly one manifest part")
    at = at or dt.datetime.now(dt.UTC).replace(microsecond=0)
    payload = payload_bytes(package, found[0], fingerprint, exported_by, at)
    signature = sign(payload) if sign is not None else None
    return _replace_member(data, found[0], manifest_xml(payload, signature))


def _replace_member(data: bytes, member: str, blob: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, blob if info.filename == member else source.read(info))
    return out.getvalue()


# -- reading ------------------------------------------------------------------------


def _custom_roots(package: Package) -> Iterator[tuple[str, _Element]]:
    for name in package.parts:
        lower = name.lower()
        if lower.startswith("customxml/") and lower.endswith(".xml") and "/_rels/" not in lower:
            root = package.xml(name)
            if root is not None:
                yield name, root


def find_manifests(package: Package) -> list[str]:
    """Every part that holds a manifest (a genuine final export has one)."""
    return [name for name, root in _custom_roots(package) if root.tag == ROOT_TAG]


def read_manifest(package: Package, part: str) -> Manifest:
    """Raises ManifestError (Danish) for a damaged manifest or one from a newer version."""
    root = package.xml(part)
    damaged = ManifestError(
        f"Fortegnelsen over filens dele ({part}) er beskadiget og kan ikke læses."
    )
    if root is None:
        raise damaged
    payload_element = root.find(f"{{{NAMESPACE}}}payload")
    if payload_element is None or not payload_element.text:
        raise damaged
    payload = payload_element.text.encode("utf-8")
    try:
        data = json.loads(payload)
        version = int(data["manifest_version"])
    except (ValueError, KeyError, TypeError):
        raise damaged from None
    if version not in KNOWN_VERSIONS:
        raise ManifestError(
            f"Filen er lavet af en nyere version af Aktstykke (fortegnelse version {version}); "
            "opdatér programmet for at kontrollere den.",
            newer=version > max(KNOWN_VERSIONS),
        )
    signature_element = root.find(f"{{{NAMESPACE}}}signature")
    try:
        signature = (
            Signature.model_validate_json(signature_element.text or "")
            if signature_element is not None
            else None
        )
        exported_at = dt.datetime.fromisoformat(data["exported_at"])
        return Manifest(
            version=version,
            fingerprint=str(data["fingerprint"]),
            exported_by=str(data["exported_by"]),
            exported_at=exported_at,
            main_document=str(data["main_document"]),
            parts=tuple(
                PartDigest(str(p["name"]), str(p["content_type"]), str(p["sha256"]))
                for p in data["parts"]
            ),
            relationships=tuple(
                RelationshipRecord(
                    str(r["source"]),
                    str(r["id"]),
                    str(r["type"]),
                    str(r["target"]),
                    r["external"] is True,
                )
                for r in data["relationships"]
            ),
            display_version=int(data["display"]["version"]),
            display_sha256=str(data["display"]["sha256"]),
            payload=payload,
            signature=signature,
            part=part,
        )
    except (ValueError, KeyError, TypeError):
        raise damaged from None


def compare(manifest: Manifest, package: Package) -> list[Difference]:
    """Every part added, removed or changed since the manifest was made."""
    recorded = {d.name.lower(): d for d in manifest.parts}
    actual = {d.name.lower(): d for d in part_digests(package, manifest.part)}
    out = []
    for key, digest in recorded.items():
        now = actual.get(key)
        if now is None:
            out.append(Difference("removed", digest.name, digest.content_type))
        else:
            if now.sha256 != digest.sha256:
                out.append(Difference("changed", now.name, now.content_type))
            if now.content_type != digest.content_type:
                out.append(Difference("content_type", now.name, now.content_type))
    for key, digest in actual.items():
        if key not in recorded:
            out.append(Difference("added", digest.name, digest.content_type))
    before = {r.key: r for r in manifest.relationships}
    current = {r.key: r for r in relationship_records(package)}
    for rel_key, record in before.items():
        if rel_key not in current:
            out.append(Difference("relationship_removed", record.source, relationship=record))
        elif current[rel_key] != record:
            out.append(
                Difference("relationship_changed", record.source, relationship=current[rel_key])
            )
    for rel_key, record in current.items():
        if rel_key not in before:
            out.append(Difference("relationship_added", record.source, relationship=record))
    mains = package.main_documents()
    if len(mains) != 1 or mains[0].lower() != manifest.main_document.lower():
        shown = ", ".join(mains) or "intet"
        out.append(Difference("main_document", shown))
    return sorted(out, key=lambda d: (d.part.lower(), d.kind))


PART_WORDS = {
    "main": "dokumentets tekst",
    "styles": "typografierne",
    "stylesWithEffects": "typografierne",
    "numbering": "nummereringen",
    "header": "et sidehoved",
    "footer": "en sidefod",
    "footnotes": "fodnoterne",
    "endnotes": "slutnoterne",
    "comments": "kommentarerne",
    "settings": "dokumentets indstillinger",
    "webSettings": "dokumentets indstillinger",
    "fontTable": "skrifttypetabellen",
    "obfuscatedFont": "en indlejret skrifttype",
    "theme": "temaet (skrifttyper og farver)",
    "vbaProject": "makroer",
    "vbaData": "makroer",
    "customXmlProperties": "egenskaber for brugerdefineret XML",
    "core-properties": "dokumentegenskaberne",
    "extended-properties": "dokumentegenskaberne",
    "custom-properties": "dokumentegenskaberne",
    "relationships": "relationerne mellem delene",
}


def part_words(name: str, content_type: str) -> str:
    """What a part is, in Danish, from its content type (and name)."""
    if name == "[Content_Types].xml":
        return "indholdslisten"
    if content_type.startswith("image/"):
        return "et billede"
    key = content_type.rsplit(".", 1)[-1].split("+", 1)[0]
    if key in PART_WORDS:
        return PART_WORDS[key]
    if name.lower().startswith("customxml/"):
        return "brugerdefineret XML"
    if "font" in content_type.lower():
        return "en indlejret skrifttype"
    return "en del"


def describe(difference: Difference) -> str:
    """One Danish line: what kind of part, which, and what happened to it."""
    if difference.kind == "main_document":
        return f"filen viser et andet hoveddokument end det godkendte ({difference.part})"
    if difference.relationship is not None:
        rel = difference.relationship
        kind = rel.type.rstrip("/").rsplit("/", 1)[-1]
        source = rel.source or "pakken"
        target = f"{rel.target} (ekstern)" if rel.external else rel.target
        verb = difference.kind.removeprefix("relationship_")
        verb = {"added": "er tilføjet", "removed": "er fjernet", "changed": "peger nu på"}[verb]
        if difference.kind == "relationship_changed":
            return f"relationen »{rel.rid}« fra {source} ({kind}) {verb} {target}"
        return f"relationen »{rel.rid}« fra {source} ({kind} → {target}) {verb}"
    what = part_words(difference.part, difference.content_type)
    verb = {
        "added": "er tilføjet",
        "removed": "er fjernet",
        "changed": "er ændret",
        "content_type": "har fået en anden indholdstype",
    }[difference.kind]
    return f"{difference.part} ({what}) {verb}"
