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
import errno
import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from forms.draftfile import DraftFileError, loads_draft
from forms.model import Aktstykke

NAMESPACE = "urn:aktstykke:draft"
ROOT_TAG = "draft"
ITEM_ID = "{6F1C2A4E-5B7D-4C8E-9A3F-2D1B0E4C7A95}"
"""The datastore item id of our custom XML part (fixed, so exports are reproducible)."""

MAX_MEMBER_BYTES = 50 * 1024 * 1024
"""A member of the Word file larger than this (uncompressed) is refused: a zip bomb."""

_ITEM = re.compile(r"^customXml/item\d+\.xml$", re.IGNORECASE)
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
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DraftFileError(path, _describe_os_error(path, exc)) from None
    return read_embedded_draft_bytes(data, path)


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


def open_word_zip(data: bytes, source: Path | str) -> zipfile.ZipFile:
    """The Word file as an open zip, after checking that it is one at all."""
    name = Path(source).name
    if data.startswith(_OLE_SIGNATURE):
        raise DraftFileError(
            source,
            f"Filen »{name}« er ikke en Word-fil i formatet .docx: den er krypteret "
            "(adgangskodebeskyttet) eller i det gamle Word-format (.doc).",
        )
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DraftFileError(
            source, f"Filen »{name}« er ikke en Word-fil (.docx): den er ikke en gyldig pakke."
        ) from None
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


def read_member(package: zipfile.ZipFile, info: zipfile.ZipInfo, source: Path | str) -> bytes:
    """A member's bytes, refusing anything that unpacks to more than MAX_MEMBER_BYTES."""
    name = Path(source).name
    too_big = DraftFileError(
        source,
        f"Filen »{name}« kan ikke åbnes: delen »{info.filename}« fylder over "
        f"{MAX_MEMBER_BYTES // (1024 * 1024)} MB udpakket (den kan være en zip-bombe).",
    )
    if info.file_size > MAX_MEMBER_BYTES:
        raise too_big
    try:
        with package.open(info) as member:
            # The declared size may lie: never read more than the limit.
            payload = member.read(MAX_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        raise DraftFileError(
            source, f"Filen »{name}« er beskadiget: delen »{info.filename}« kan ikke udpakkes."
        ) from None
    if len(payload) > MAX_MEMBER_BYTES:
        raise too_big
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
    reasons = {
        errno.ENOENT: "filen findes ikke",
        errno.EACCES: "du har ikke adgang til den",
        errno.EPERM: "du har ikke adgang til den",
        errno.EISDIR: "det er en mappe, ikke en fil",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    return f"Filen »{path.name}« kan ikke læses: {reason}."
