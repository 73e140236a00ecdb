"""The exported Word file as it will print: pages as PNG images ("Vis som sider").

The Word file is rendered exactly as "Eksportér til Word" would (exporters.word),
converted to PDF with LibreOffice (exporters.pdf, a profile and a timeout of its
own), and each page drawn as a PNG with poppler's `pdftoppm`, all in a temporary
folder that is removed afterwards. Slow (seconds): the editor runs it in a worker
thread. Raises ExportError with a Danish message when LibreOffice or pdftoppm is
missing or fails.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from exporters.errors import ExportError
from exporters.pdf import TIMEOUT_SECONDS, docx_to_pdf_bytes, run_tool, soffice_available
from exporters.word import render_docx
from forms.lazyre import lazy_compile
from forms.model import Aktstykke

RESOLUTION_DPI = 90
ENV_VARIABLE = "AKTSTYKKE_PDFTOPPM"
"""Full path of pdftoppm, where it is not on PATH."""

MISSING_SOFFICE = (
    "»Vis som sider« kræver LibreOffice, som ikke er installeret (programmet »soffice« blev "
    "ikke fundet). Installér LibreOffice, eller angiv programmets sti i miljøvariablen "
    "AKTSTYKKE_SOFFICE. Forhåndsvisningen og eksporten til Word virker uden."
)
MISSING_PDFTOPPM = (
    "»Vis som sider« kræver programmet »pdftoppm« (fra Poppler, på Debian og Ubuntu pakken "
    "poppler-utils), som ikke blev fundet. Installér det, eller angiv programmets sti i "
    "miljøvariablen AKTSTYKKE_PDFTOPPM. Eksportér til PDF, og åbn filen, for at se siderne "
    "i mellemtiden."
)
_PAGE = lazy_compile(r"-(\d+)\.png$")


@dataclass(frozen=True)
class Pages:
    """The pages of the Word file in print order, each a PNG image."""

    images: tuple[bytes, ...]
    pdf: bytes

    def __len__(self) -> int:
        return len(self.images)


def pdftoppm_path() -> str | None:
    configured = os.environ.get(ENV_VARIABLE, "").strip().strip('"')
    if configured and os.path.isfile(configured):
        return configured
    return shutil.which("pdftoppm")


def missing_tool() -> str | None:
    """Why pages cannot be shown on this computer (Danish), or None."""
    if not soffice_available():
        return MISSING_SOFFICE
    if pdftoppm_path() is None:
        return MISSING_PDFTOPPM
    return None


def render_pages(
    draft: Aktstykke,
    *,
    template: Path | str | None = None,
    dpi: int = RESOLUTION_DPI,
    timeout: float = TIMEOUT_SECONDS,
) -> Pages:
    """The pages of the draft's Word file (UDKAST marking, page numbers in the footer)."""
    problem = missing_tool()
    if problem is not None:
        raise ExportError(problem)
    docx, _report = render_docx(draft, template=template)
    pdf = docx_to_pdf_bytes(docx, timeout=timeout)
    return Pages(pdf_to_png_pages(pdf, dpi=dpi, timeout=timeout), pdf)


def pdf_to_png_pages(
    pdf: bytes, *, dpi: int = RESOLUTION_DPI, timeout: float = TIMEOUT_SECONDS
) -> tuple[bytes, ...]:
    """Each page of a PDF as PNG bytes, first page first."""
    program = pdftoppm_path()
    if program is None:
        raise ExportError(MISSING_PDFTOPPM)
    with tempfile.TemporaryDirectory(prefix="aktstykke-sider-") as folder:
        work = Path(folder)
        source = work / "aktstykke.pdf"
        source.write_bytes(pdf)
        command = [program, "-png", "-r", str(dpi), str(source), str(work / "side")]
        run_tool(
            command,
            timeout,
            timed_out=(
                f"pdftoppm blev ikke færdig med siderne inden for {timeout:.0f} sekunder og "
                "er stoppet. Prøv igen."
            ),
            failed="pdftoppm kunne ikke tegne siderne",
        )
        numbered = []
        for path in work.glob("side-*.png"):
            match = _PAGE.search(path.name)
            if match:
                numbered.append((int(match.group(1)), path))
        if not numbered:
            raise ExportError("pdftoppm lavede ingen sider af dokumentet.")
        return tuple(path.read_bytes() for _, path in sorted(numbered))
