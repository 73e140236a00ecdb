"""Word packages as bytes: reproducible zips, templates (.dotx, .dotm) opened as documents."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from exporters.errors import TemplateError
from exporters.templateparts import clean_template
from forms.draftfile import DraftFileError
from forms.embedded import MAX_FILE_BYTES

TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEMPLATE_SUFFIXES = (".docx", ".dotx", ".docm", ".dotm")
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


def read_template(path: Path | str) -> tuple[bytes, list[str]]:
    """A ministry's template (.docx, .dotx, or macro-enabled .docm/.dotm) as bytes
    python-docx will open, with only its letterhead parts (exporters.templateparts:
    no macros, no foreign parts), and Danish notes on what was left out.

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
        if path.stat().st_size > MAX_FILE_BYTES and path.is_file():
            raise TemplateError(
                f"Skabelonen »{path.name}« fylder over {MAX_FILE_BYTES // (1024 * 1024)} MB; "
                "det er ikke en brevskabelon."
            )
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


def as_document_package(data: bytes, source: Path | str) -> tuple[bytes, list[str]]:
    """Check that `data` is a bounded Word package; keep its letterhead as a document."""
    name = Path(source).name
    try:
        return clean_template(data, source)
    except DraftFileError as exc:
        raise TemplateError(f"Skabelonen kan ikke bruges. {exc.message}") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise TemplateError(f"Skabelonen »{name}« er beskadiget og kan ikke åbnes.") from None
