"""The editor's access to the checks and the exporters, imported on first use.

Imported lazily so the main window appears before the checks and the renderers
are loaded, and so the editor still opens (saying what is missing) if one of
them cannot be imported.
"""

from __future__ import annotations

from pathlib import Path

from forms.findings import Finding
from forms.model import Aktstykke
from forms.roundtrip.shown import ShownDocument


class ServiceMissing(RuntimeError):
    """A part of the program is not installed; the message is Danish."""


class ExportFailed(RuntimeError):
    """The exporter refused or failed (template, LibreOffice, disk); Danish message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def make_checker():
    """An incremental checker: .check(draft) -> list[Finding]."""
    try:
        from forms.checks import Checker
    except ImportError as exc:
        raise ServiceMissing(f"Kontrollen kan ikke indlæses ({exc.name}).") from exc
    return Checker()


def check(checker, draft: Aktstykke) -> list[Finding]:
    return list(checker.check(draft))


def render_html(draft: Aktstykke, fp: str | None = None) -> str:
    try:
        from exporters.html import render_html as render
    except ImportError as exc:
        raise ServiceMissing(f"Forhåndsvisningen kan ikke indlæses ({exc.name}).") from exc
    return render(draft, fp=fp)


def export_docx(draft: Aktstykke, path: Path, template: Path | None):
    """Write the Word file; returns the exporter's ExportReport."""
    try:
        from exporters.errors import ExportError
        from exporters.word import export_docx as export
    except ImportError as exc:
        raise ServiceMissing(f"Word-eksporten kan ikke indlæses ({exc.name}).") from exc
    try:
        return export(draft, path, template=template)
    except ExportError as exc:
        raise ExportFailed(exc.message) from exc


def export_urgency_letter(draft: Aktstykke, path: Path) -> Path:
    """Write the letter asking for urgent treatment (exporters.urgentletter)."""
    try:
        from exporters.errors import ExportError
        from exporters.urgentletter import export_urgency_letter as export
    except ImportError as exc:
        raise ServiceMissing(f"Brevet om hastebehandling kan ikke indlæses ({exc.name}).") from exc
    try:
        return export(draft, path)
    except ExportError as exc:
        raise ExportFailed(exc.message) from exc


def pdf_available() -> bool:
    """Whether LibreOffice is there for the PDF export. Asked at every update of the
    actions, from the window's first: it finds soffice without importing the PDF
    exporter (which loads the Word renderer, issue 16); `export_pdf` still says so
    when the exporter itself cannot be loaded."""
    try:
        from exporters.soffice import find_soffice
    except ImportError:
        return False
    return find_soffice() is not None


def load_pdf_exporter() -> None:
    """Import the PDF exporter, and with it the Word renderer, on the calling (GUI)
    thread. The editor no longer has them from its start (`pdf_available`), and the
    PDF export runs in a worker thread, which otherwise would do the first import:
    that allocates enough to start the cyclic garbage collector there, and it is not
    safe for Qt objects the GUI left behind to be destroyed off the GUI thread."""
    try:
        import exporters.pdf  # noqa: F401
    except ImportError as exc:
        raise ServiceMissing(f"PDF-eksporten kan ikke indlæses ({exc.name}).") from exc


def export_pdf(draft: Aktstykke, path: Path, template: Path | None = None):
    try:
        from exporters.errors import ExportError
        from exporters.pdf import export_pdf as export
    except ImportError as exc:
        raise ServiceMissing(f"PDF-eksporten kan ikke indlæses ({exc.name}).") from exc
    try:
        return export(draft, path, template=template)
    except ExportError as exc:
        raise ExportFailed(exc.message) from exc


def load_docx_draft(path: Path) -> Aktstykke:
    """The draft carried inside an exported Word file (raises DraftFileError)."""
    try:
        from forms.embedded import load_docx_draft as load
    except ImportError as exc:
        raise ServiceMissing(f"Åbning af Word-filer kan ikke indlæses ({exc.name}).") from exc
    return load(path)


def shown_document(draft: Aktstykke) -> ShownDocument:
    """What the draft shows in its Word file (exporters.shown): what a returned
    file is compared with (forms.roundtrip)."""
    from exporters.shown import shown_document as shown

    return shown(draft)
