"""The draft that travels inside an exported Word file, read with the stdlib only.

`exporters.word` stores the draft JSON as a custom XML part
(customXml/itemN.xml): one element `draft` in our own namespace whose text is
the JSON (or its base64 when the JSON holds characters XML cannot). Word and
LibreOffice ignore that part when they show the document. Reading it needs
neither python-docx nor Qt, so import, verify and the editor's Open all use
this module.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from forms.atomic import os_error_reason
from forms.draftfile import DraftFileError, loads_draft
from forms.lazyre import lazy_compile
from forms.model import Aktstykke

NAMESPACE = "urn:aktstykke:draft"
ROOT_TAG = "draft"
ITEM_ID = "{6F1C2A4E-5B7D-4C8E-9A3F-2D1B0E4C7A95}"
"""The datastore item id of our custom XML part (fixed, so exports are reproducible)."""

MAX_MEMBER_BYTES = 50 * 1024 * 1024
"""A member of the Word file larger than this (uncompressed) is refused: a zip bomb."""
MAX_PACKAGE_BYTES = 100 * 1024 * 1024
"""All members together, uncompressed: a Word file beyond this is refused before
anything is unpacked (an aktstykke with its draft is well under 1 MB; a ministry's
template with logos a few MB)."""
MAX_PARTS = 1000
"""A Word file with more members than this is refused (ours have about 15)."""
MAX_FILE_BYTES = MAX_PACKAGE_BYTES
"""The file itself on disk: a zip is never larger than what it holds plus its directory."""

_ITEM = lazy_compile(r"^customXml/item\d+\.xml$", re.IGNORECASE)
_WORD_MAIN = (
    "wordprocessingml.document.main+xml",
    "wordprocessingml.template.main+xml",
    "ms-word.document.macroEnabled.main+xml",
    "ms-word.template.macroEnabledTemplate.main+xml",
)
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_embedded_draft(path: Path | str) -> str | None:
    """The draft JSON embedded in a Word file, or None when it holds none.

    Raises DraftFileError (Danish message) when the file cannot be read or is
    not a Word file, or when the embedded draft is damaged.
    """
    path = Path(path)
    return read_embedded_draft_bytes(read_word_file(path), path)


def read_word_file(path: Path | str) -> bytes:
    """A Word file's bytes, refusing a file larger than MAX_FILE_BYTES before reading it."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES and path.is_file():
            raise DraftFileError(
                path,
                f"Filen »{path.name}« kan ikke åbnes: den fylder {_megabytes(size)} MB; "
                f"en Word-fil må højst fylde {_megabytes(MAX_FILE_BYTES)} MB.",
            )
        return path.read_bytes()
    except OSError as exc:
        raise DraftFileError(path, _describe_os_error(path, exc)) from None


def read_embedded_draft_bytes(data: bytes, source: Path | str) -> str | None:
    """As read_embedded_draft, for a Word file already in memory."""
    with open_word_zip(data, source) as package:
        for info in package.infolist():
            if not _ITEM.match(info.filename):
                continue
            payload = read_member(package, info, source)
            text = _draft_text(payload, info.filename, source)
            if text is not None:
                return text
    return None


def load_docx_draft(path: Path | str) -> Aktstykke:
    """The draft embedded in an exported Word file, validated like a draft file."""
    path = Path(path)
    text = read_embedded_draft(path)
    if text is None:
        raise DraftFileError(
            path,
            f"Word-filen »{path.name}« indeholder ingen kladde fra Aktstykke: den er ikke "
            "eksporteret af programmet, eller kladden er fjernet. Brug import for at "
            "læse teksten ind som en ny kladde.",
        )
    draft, _ = loads_draft(text, path)
    return draft


class DuplicatePartError(DraftFileError):
    """A package with two members of one name: one program would show one, another the other."""


class WordZip(zipfile.ZipFile):
    """A Word file's zip that counts what is unpacked from it against MAX_PACKAGE_BYTES."""

    remaining = MAX_PACKAGE_BYTES


def open_word_zip(data: bytes, source: Path | str) -> zipfile.ZipFile:
    """The Word file as an open zip, after checking that it is one at all and that
    its members, one by one and together, stay within the bounds (nothing is
    unpacked to find out: the zip's directory declares every size)."""
    name = Path(source).name
    if data.startswith(_OLE_SIGNATURE):
        raise DraftFileError(
            source,
            f"Filen »{name}« er ikke en Word-fil i formatet .docx: den er krypteret "
            "(adgangskodebeskyttet) eller i det gamle Word-format (.doc).",
        )
    try:
        package = WordZip(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DraftFileError(
            source, f"Filen »{name}« er ikke en Word-fil (.docx): den er ikke en gyldig pakke."
        ) from None
    try:
        _check_bounds(package.infolist(), source)
    except DraftFileError:
        package.close()
        raise
    try:
        info = package.getinfo("[Content_Types].xml")
    except KeyError:
        package.close()
        raise DraftFileError(
            source, f"Filen »{name}« er ikke en Word-fil (.docx): den mangler sin indholdsliste."
        ) from None
    content_types = read_member(package, info, source)
    if not any(kind.encode("ascii") in content_types for kind in _WORD_MAIN):
        package.close()
        raise DraftFileError(
            source, f"Filen »{name}« er ikke en Word-fil (.docx): den har intet Word-dokument."
        )
    return package


def _check_bounds(infos: list[zipfile.ZipInfo], source: Path | str) -> None:
    name = Path(source).name
    if len(infos) > MAX_PARTS:
        raise DraftFileError(
            source,
            f"Filen »{name}« kan ikke åbnes: den består af {len(infos)} dele; en Word-fil "
            f"må højst have {MAX_PARTS} (den kan være en zip-bombe).",
        )
    total = 0
    seen: set[str] = set()
    for info in infos:
        if info.file_size > MAX_MEMBER_BYTES:
            raise _member_too_big(info, source)
        total += info.file_size
        # Part names are case-insensitive: two members of one name would let one
        # program show what another does not.
        key = info.filename.lstrip("/").lower()
        if key in seen:
            raise DuplicatePartError(
                source,
                f"Filen »{name}« er beskadiget: delen »{info.filename}« findes to gange.",
            )
        seen.add(key)
    if total > MAX_PACKAGE_BYTES:
        raise _package_too_big(source, total)


def _member_too_big(info: zipfile.ZipInfo, source: Path | str) -> DraftFileError:
    return DraftFileError(
        source,
        f"Filen »{Path(source).name}« kan ikke åbnes: delen »{info.filename}« fylder over "
        f"{_megabytes(MAX_MEMBER_BYTES)} MB udpakket (den kan være en zip-bombe).",
    )


def _package_too_big(source: Path | str, total: int | None = None) -> DraftFileError:
    size = f"{_megabytes(total)} MB" if total else f"over {_megabytes(MAX_PACKAGE_BYTES)} MB"
    return DraftFileError(
        source,
        f"Filen »{Path(source).name}« kan ikke åbnes: dens dele fylder tilsammen {size} "
        f"udpakket; en Word-fil må højst fylde {_megabytes(MAX_PACKAGE_BYTES)} MB udpakket "
        "(den kan være en zip-bombe).",
    )


def _megabytes(size: int) -> int:
    return -(-size // (1024 * 1024))


def read_member(package: zipfile.ZipFile, info: zipfile.ZipInfo, source: Path | str) -> bytes:
    """A member's bytes, refusing anything that unpacks to more than MAX_MEMBER_BYTES,
    or that would take a WordZip beyond MAX_PACKAGE_BYTES together with what was
    unpacked from it before."""
    name = Path(source).name
    if info.file_size > MAX_MEMBER_BYTES:
        raise _member_too_big(info, source)
    remaining = getattr(package, "remaining", MAX_PACKAGE_BYTES)
    limit = min(MAX_MEMBER_BYTES, remaining)
    try:
        with package.open(info) as member:
            # The declared size may lie: never read more than the limit.
            payload = member.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        raise DraftFileError(
            source, f"Filen »{name}« er beskadiget: delen »{info.filename}« kan ikke udpakkes."
        ) from None
    if len(payload) > limit:
        raise (
            _member_too_big(info, source) if limit == MAX_MEMBER_BYTES else _package_too_big(source)
        )
    if isinstance(package, WordZip):
        package.remaining = remaining - len(payload)
    return payload


def _draft_text(payload: bytes, member: str, source: Path | str) -> str | None:
    """The JSON text when the part is our draft, None for anyone else's part."""
    if f"<{ROOT_TAG}".encode() not in payload and NAMESPACE.encode() not in payload:
        return None  # cheap skip of bibliography and SharePoint parts
    damaged = DraftFileError(
        source,
        f"Den indlejrede kladde i »{Path(source).name}« ({member}) er beskadiget og kan "
        "ikke læses.",
    )
    if b"<!DOCTYPE" in payload or b"<!ENTITY" in payload:
        raise damaged  # we never write a DTD; entities could only be an attack
    try:
        root = ElementTree.fromstring(payload)
    except ElementTree.ParseError:
        if NAMESPACE.encode() in payload:
            raise damaged from None
        return None
    if root.tag != f"{{{NAMESPACE}}}{ROOT_TAG}":
        return None
    text = root.text or ""
    if root.get("encoding", "text") == "base64":
        try:
            text = base64.b64decode(text, validate=False).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            raise damaged from None
    return text


def _describe_os_error(path: Path, exc: OSError) -> str:
    return f"Filen »{path.name}« kan ikke læses: {os_error_reason(exc, reading=True)}."
