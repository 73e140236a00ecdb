"""PDF through LibreOffice: our Word file converted headless, in a folder of its own.

Each conversion gets its own temporary LibreOffice profile
(-env:UserInstallation), so it neither waits for nor disturbs a LibreOffice
the user has open, and a timeout so a hanging soffice cannot hang us.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from exporters.errors import ExportError
from exporters.output import write_atomically
from exporters.report import ExportReport
from exporters.soffice import find_soffice
from exporters.word import render_docx
from forms.model import Aktstykke
from forms.oscompat import kill_process_group, new_process_group

TIMEOUT_SECONDS = 120.0
MISSING = (
    "PDF kræver LibreOffice, som ikke er installeret (programmet »soffice« blev ikke "
    "fundet på PATH, i de sædvanlige installationsmapper eller i Windows' register). "
    "Eksportér til Word (.docx) og gem som PDF derfra, installér LibreOffice, eller angiv "
    "programmets sti i miljøvariablen AKTSTYKKE_SOFFICE."
)


def soffice_path() -> str | None:
    return find_soffice()


def soffice_available() -> bool:
    return soffice_path() is not None


def export_pdf(
    draft: Aktstykke,
    path: Path | str,
    *,
    template: Path | str | None = None,
    final: bool = False,
    footer_note: str | None = None,
    timeout: float = TIMEOUT_SECONDS,
) -> ExportReport:
    """Render the Word file, convert it, replace `path` atomically with the PDF."""
    path = Path(path)
    if not soffice_available():
        raise ExportError(MISSING)
    docx, report = render_docx(draft, template=template, final=final, footer_note=footer_note)
    write_atomically(path, docx_to_pdf_bytes(docx, timeout=timeout))
    return ExportReport(
        path=path,
        template=report.template,
        fallback_styles=report.fallback_styles,
        template_notes=report.template_notes,
    )


def docx_to_pdf_bytes(docx: bytes, *, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """Convert a Word file in memory to PDF bytes with LibreOffice."""
    soffice = soffice_path()
    if soffice is None:
        raise ExportError(MISSING)
    with tempfile.TemporaryDirectory(prefix="aktstykke-pdf-") as folder:
        work = Path(folder)
        source = work / "aktstykke.docx"
        source.write_bytes(docx)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profil').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "ud"),
            str(source),
        ]
        _run(command, timeout)
        result = work / "ud" / "aktstykke.pdf"
        if not result.is_file() or result.stat().st_size == 0:
            raise ExportError(
                "LibreOffice lavede ingen PDF af dokumentet. Prøv at eksportere til Word "
                "(.docx) og gemme som PDF derfra."
            )
        return result.read_bytes()


def _run(command: list[str], timeout: float) -> None:
    run_tool(
        command,
        timeout,
        timed_out=(
            f"LibreOffice blev ikke færdig med PDF'en inden for {timeout:.0f} sekunder og "
            "er stoppet. Prøv igen, eller eksportér til Word (.docx)."
        ),
        failed="LibreOffice kunne ikke lave PDF'en",
    )


def run_tool(command: list[str], timeout: float, *, timed_out: str, failed: str) -> None:
    """Run an outside program (LibreOffice, pdftoppm) to its end, or stop it at the
    timeout; an ExportError in Danish says which (`timed_out`) or how it failed
    (`failed`, then its exit code and the last line it wrote)."""
    # A session of its own, so on a timeout the whole process group (for
    # LibreOffice the soffice script and soffice.bin) can be stopped, and only that.
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        **new_process_group(),
    )
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_process_group(process)
        process.communicate()
        raise ExportError(timed_out) from None
    if process.returncode != 0:
        detail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise ExportError(f"{failed} (afslutningskode {process.returncode}). {detail[0]}".strip())
