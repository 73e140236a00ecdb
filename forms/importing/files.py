"""Reading a file to import: size and kind checks, then the right source reader.

The kind is told by the content, not the name: a PDF starts with '%PDF', a
.docx is a zip archive, the old .doc format and encrypted Word files are OLE
containers. Nothing here writes anything; every failure is a SourceError.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from forms.atomic import os_error_reason
from forms.importing.errors import SourceError
from forms.importing.pieces import SourcePieces
from forms.importing.report import ImportReport, ImportResult
from forms.importing.structure import understand
from forms.importing.text_source import read_text

if TYPE_CHECKING:
    from forms.importing.returned import Project

MAX_BYTES = 50 * 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def import_file(
    path: Path | str, *, use_embedded: bool = True, project: Project | None = None
) -> ImportResult:
    """Import a .docx, .pdf or text file as a draft.

    Our own exported Word files reopen from the draft embedded in them, unless
    `use_embedded` is False (then they are read like any other Word file).
    With `project` (how a draft is laid out: exporters.shown.shown_document)
    what the Word file shows is compared with the draft it carries, and every
    difference comes back as a change pending review; without it the report
    says that the text was not compared. Raises SourceError (Danish message)
    for anything that cannot be imported.
    """
    path = Path(path)
    data = _read(path)
    name = path.name
    kind = _kind(data, path.suffix.lower(), name)
    if kind == "pdf":
        from forms.importing.pdf_source import read_pdf

        text, recognised = read_pdf(data, name)
        pieces = read_text(text)
        pieces.recognised[:0] = recognised
        return _result(pieces, name, "PDF", letters_found=True)
    if kind == "docx":
        return _import_docx(data, name, use_embedded=use_embedded, project=project)
    text, guessed = decode_text(data, name)
    pieces = read_text(text)
    pieces.guessed[:0] = guessed
    return _result(pieces, name, "tekst", letters_found=True)


def _import_docx(
    data: bytes, name: str, *, use_embedded: bool, project: Project | None
) -> ImportResult:
    from forms.importing.docx_source import read_docx, read_embedded

    note = None
    if use_embedded:
        if project is not None:
            from forms.importing.returned import import_returned

            result = import_returned(data, name, project)
            if result is not None:
                return result
        else:
            embedded, note = read_embedded(data, name)
            if embedded is not None:
                report = ImportReport(
                    name,
                    "indlejret kladde",
                    recognised=[
                        "Word-filen er eksporteret fra Aktstykke; kladden i filen er genåbnet. "
                        "Den synlige tekst er ikke sammenlignet med kladden."
                    ],
                    notes=list(embedded.import_notes),
                )
                return ImportResult(embedded, report)
        if note is None:
            note = read_embedded(data, name)[1]
    pieces = read_docx(data, name)
    if note:
        pieces.guessed.insert(0, note)
    result = _result(pieces, name, "Word", letters_found=False)
    from forms.importing.returned import add_foreign_review

    add_foreign_review(result, data, name)
    return result


def import_text(text: str, source: str = "tekst") -> ImportResult:
    """Import text already in memory (pasted, or extracted elsewhere)."""
    if not text.strip():
        raise SourceError(source, f"»{source}« er tom – der er intet aktstykke at importere.")
    return _result(read_text(text), source, "tekst", letters_found=True)


def _result(pieces: SourcePieces, name: str, kind: str, *, letters_found: bool) -> ImportResult:
    understood = understand(pieces, name, letters_found=letters_found)
    report = ImportReport(
        name,
        kind,
        recognised=understood.recognised,
        guessed=understood.guessed,
        notes=list(understood.draft.import_notes),
    )
    return ImportResult(understood.draft, report)


def read_source(path: Path | str) -> bytes:
    """The bytes of a file to import, with the same checks and messages as import_file."""
    return _read(Path(path))


def _read(path: Path) -> bytes:
    name = path.name
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise SourceError(path, f"»{name}« er en mappe, ikke en fil.")
        if size > MAX_BYTES:
            raise SourceError(
                path,
                f"»{name}« er for stor til at være et aktstykke ({size / 1024 / 1024:.0f} MB; "
                f"højst {MAX_BYTES // (1024 * 1024)} MB). Filen er ikke læst.",
            )
        data = path.read_bytes()
    except SourceError:
        raise
    except OSError as exc:
        reason = os_error_reason(exc, reading=True, fallback="den kan ikke læses")
        raise SourceError(path, f"»{name}« kan ikke læses: {reason}.") from None
    if not data.strip():
        raise SourceError(path, f"»{name}« er tom – der er intet aktstykke at importere.")
    return data


def _kind(data: bytes, suffix: str, name: str) -> str:
    if suffix == ".aktstykke":
        raise SourceError(
            name, f"»{name}« er allerede en kladde; åbn den direkte i stedet for at importere den."
        )
    if data[:1024].lstrip().startswith(b"%PDF"):
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return "docx"
    if data[:8] == _OLE:
        raise SourceError(
            name,
            f"»{name}« er enten krypteret (beskyttet med adgangskode) eller gemt i Words "
            "gamle .doc-format. Fjern adgangskoden, eller gem filen som .docx, og prøv igen.",
        )
    if data[:5] == b"{\\rtf":
        raise SourceError(name, f"»{name}« er en RTF-fil. Gem den som .docx i Word, og prøv igen.")
    if suffix == ".docx":
        raise SourceError(
            name,
            f"»{name}« er ikke et gyldigt Word-dokument: filen er beskadiget eller "
            "ikke en .docx-fil (den er ikke et zip-arkiv).",
        )
    if suffix == ".pdf":
        raise SourceError(name, f"»{name}« er ikke en gyldig PDF-fil: den er beskadiget.")
    if suffix in (".doc", ".odt", ".rtf", ".pages", ".xlsx", ".pptx"):
        raise SourceError(
            name,
            f"»{name}«: filtypen {suffix} kan ikke importeres. Gem aktstykket som .docx, "
            ".pdf eller .txt.",
        )
    return "text"


def decode_text(data: bytes, name: str) -> tuple[str, list[str]]:
    """Text in UTF-8 (with or without BOM), UTF-16 with BOM, or else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            raise SourceError(name, f"»{name}« er ikke gyldig tekst (UTF-16).") from None
    if b"\x00" in data[:8192]:
        raise SourceError(
            name,
            f"»{name}« er ikke en tekstfil, et Word-dokument eller en PDF: den indeholder "
            "binære data.",
        )
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text, ["Filen var ikke i UTF-8; den er læst som Windows-tegnsæt (cp1252)."]
