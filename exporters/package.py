"""Word packages as bytes: reproducible zips, templates (.dotx) opened as documents."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from exporters.errors import TemplateError
from forms.draftfile import DraftFileError
from forms.embedded import MAX_MEMBER_BYTES, open_word_zip, read_member

CONTENT_TYPES = "[Content_Types].xml"
TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEMPLATE_SUFFIXES = (".docx", ".dotx")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
"""Every member gets this time stamp, so the same draft gives the same bytes."""


def reproducible_zip(data: bytes) -> bytes:
    """The same package with fixed time stamps and attributes, members in the same order."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info))
    return out.getvalue()


def read_template(path: Path | str) -> bytes:
    """A ministry's template (.docx or .dotx) as bytes python-docx will open.

    python-docx refuses the template content type of a .dotx, so the copy in
    memory is relabelled as a document; the file itself is never touched.
    Raises TemplateError with a Danish message for anything unusable.
    """
    path = Path(path)
    if path.suffix.lower() not in TEMPLATE_SUFFIXES:
        raise TemplateError(
            f"Skabelonen »{path.name}« skal være en Word-fil (.docx) eller en "
            "Word-skabelon (.dotx)."
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TemplateError(f"Skabelonen »{path}« findes ikke.") from None
    except IsADirectoryError:
        raise TemplateError(f"Skabelonen »{path}« er en mappe, ikke en fil.") from None
    except OSError as exc:
        raise TemplateError(
            f"Skabelonen »{path.name}« kan ikke læses: {exc.strerror or exc}."
        ) from None
    return as_document_package(data, path)


def as_document_package(data: bytes, source: Path | str) -> bytes:
    """Check that `data` is a Word package and relabel a template as a document."""
    name = Path(source).name
    try:
        with open_word_zip(data, source) as package:
            content_types = read_member(package, package.getinfo(CONTENT_TYPES), source)
            for info in package.infolist():
                read_member_size_only(info, source)
            if TEMPLATE_MAIN not in content_types:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
                for info in package.infolist():
                    payload = read_member(package, info, source)
                    if info.filename == CONTENT_TYPES:
                        payload = payload.replace(TEMPLATE_MAIN, DOCUMENT_MAIN)
                    target.writestr(info, payload)
            return out.getvalue()
    except DraftFileError as exc:
        raise TemplateError(f"Skabelonen kan ikke bruges. {exc.message}") from None
    except (zipfile.BadZipFile, OSError, EOFError):
        raise TemplateError(f"Skabelonen »{name}« er beskadiget og kan ikke åbnes.") from None


def read_member_size_only(info: zipfile.ZipInfo, source: Path | str) -> None:
    """Refuse a member whose declared size is beyond the limit without unpacking it."""
    if info.file_size > MAX_MEMBER_BYTES:
        raise DraftFileError(
            source,
            f"Filen »{Path(source).name}« kan ikke åbnes: delen »{info.filename}« fylder over "
            f"{MAX_MEMBER_BYTES // (1024 * 1024)} MB udpakket (den kan være en zip-bombe).",
        )
