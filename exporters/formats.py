"""One entry point for every export format, chosen by the file name's suffix."""

from __future__ import annotations

from pathlib import Path

from exporters.errors import ExportError
from exporters.html import render_html
from exporters.output import write_atomically
from exporters.pdf import export_pdf
from exporters.report import ExportReport
from exporters.text import render_text
from exporters.word import export_docx
from forms.model import Aktstykke
from forms.pki import Identity

FORMATS: dict[str, str] = {
    ".docx": "Word",
    ".pdf": "PDF",
    ".txt": "tekst",
    ".html": "HTML",
    ".htm": "HTML",
}
TEMPLATE_FORMATS = (".docx", ".pdf")
"""The formats a Word template applies to."""


def export_file(
    draft: Aktstykke,
    path: Path | str,
    *,
    template: Path | str | None = None,
    final: bool = False,
    footer_note: str | None = None,
    signer: Identity | None = None,
) -> ExportReport:
    """Export to .docx, .pdf, .txt or .html; the target is replaced atomically.
    A final .docx carries its manifest, signed by `signer`.

    Raises ExportError (Danish message) and leaves any existing file untouched.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return export_docx(
            draft, path, template=template, final=final, footer_note=footer_note, signer=signer
        )
    if suffix == ".pdf":
        return export_pdf(draft, path, template=template, final=final, footer_note=footer_note)
    if suffix == ".txt":
        write_atomically(path, render_text(draft, final=final).encode("utf-8"))
        return ExportReport(path=path)
    if suffix in (".html", ".htm"):
        write_atomically(path, render_html(draft, final=final).encode("utf-8"))
        return ExportReport(path=path)
    known = ", ".join(FORMATS)
    raise ExportError(f"»{path.name}« har en ukendt endelse; der kan eksporteres til {known}.")
