"""One entry point for every export format, chosen by the file name's suffix.

Each renderer is imported when its format is asked for: the command line
exporting to Word does not load the HTML renderer (issue 16).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from exporters.errors import ExportError
from exporters.output import write_atomically
from exporters.report import ExportReport

if TYPE_CHECKING:
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
        from exporters.word import export_docx

        return export_docx(
            draft, path, template=template, final=final, footer_note=footer_note, signer=signer
        )
    if suffix == ".pdf":
        from exporters.pdf import export_pdf

        return export_pdf(draft, path, template=template, final=final, footer_note=footer_note)
    if suffix == ".txt":
        from exporters.text import render_text

        write_atomically(path, render_text(draft, final=final).encode("utf-8"))
        return ExportReport(path=path)
    if suffix in (".html", ".htm"):
        from exporters.html import render_html

        write_atomically(path, render_html(draft, final=final).encode("utf-8"))
        return ExportReport(path=path)
    known = ", ".join(FORMATS)
    raise ExportError(f"»{path.name}« har en ukendt endelse; der kan eksporteres til {known}.")
