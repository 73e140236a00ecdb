"""Every export is a valid Word file: each example and generated draft is
exported (draft and final, our template and a ministry's), python-docx rereads
it, and LibreOffice converts every one to a PDF that holds the document."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import docx
import pytest

from benchmarks.largedraft import large_draft
from exporters.word import export_docx, read_docx_text
from forms.amounts import Unit
from forms.finalgate import final_footer_note
from forms.model import BudgetTable, Kind, Paragraph, SubHeading, TableRow
from forms.templates import load_example, new_draft
from tests.helpers import DATA, sign_all

pytestmark = pytest.mark.slow


def _orienterende():
    draft = load_example()
    draft.kind = Kind.ORIENTERENDE
    draft.sections = [s for s in draft.sections if s.letter not in "ce"]
    draft.section("a").blocks = [
        Paragraph(text="Udenrigsministeriet orienterer hermed Finansudvalget om, at …")
    ]
    return draft


def _awkward():
    """Characters and shapes that have broken Word files elsewhere."""
    draft = load_example()
    draft.minister = "Æble Øster-Åby <&> \"citat\" 'enkelt'"
    draft.section("b").blocks = [
        SubHeading(text="Tegn: <w:t> & ]]> \u00a0NBSP\u202fsmal — tankestreg"),
        Paragraph(text="Kontroltegn\x01\x02 fjernes; emoji 📄 og tab\tbliver.\nNy linje."),
        BudgetTable(
            caption="Flerårig tabel (2025-pl)",
            unit=Unit.TKR,
            label_heading="Aktivitet",
            columns=["2025", "2026", "2027", "2028"],
            rows=[
                TableRow(
                    label="Drift",
                    account="06.32.10.13",
                    values=[Decimal("1250"), None, Decimal("-3"), Decimal("0")],
                ),
                TableRow(label="Anlæg", values=[Decimal("999999999"), Decimal("1"), None, None]),
            ],
            note="Anm.: Tallene summer ikke nødvendigvis pga. afrunding.",
        ),
        Paragraph(),
    ]
    return draft


def _signed(draft):
    draft.signoffs, draft.audit = [], []
    sign_all(draft, dt.datetime(2024, 11, 11, tzinfo=dt.UTC))
    return draft


DRAFTS = {
    "eksempel": load_example,
    "ny": lambda: new_draft(dt.date(2026, 11, 26)),
    "stor": large_draft,
    "orienterende": _orienterende,
    "besværlig": _awkward,
}


def test_every_export_rereads_and_converts(tmp_path):
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice eller pdftotext mangler")
    files = {}
    for name, make in DRAFTS.items():
        files[f"{name}-udkast.docx"] = (make(), {})
        files[f"{name}-ministerium.docx"] = (
            make(),
            {"template": DATA / "templates" / "ministerium.dotx"},
        )
        signed = _signed(make())
        files[f"{name}-endelig.docx"] = (
            signed,
            {"final": True, "footer_note": final_footer_note(signed)},
        )
    for file_name, (draft, options) in files.items():
        path = tmp_path / file_name
        export_docx(draft, path, **options)
        reread = docx.Document(str(path))  # python-docx must reread every file
        assert reread.paragraphs, file_name
        assert draft.ministry in read_docx_text(path), file_name
    profile = (tmp_path / "lo-profil").as_uri()
    result = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *(str(tmp_path / n) for n in files),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    for file_name in files:
        pdf = tmp_path / "pdf" / file_name.replace(".docx", ".pdf")
        assert pdf.exists() and pdf.stat().st_size > 1000, file_name
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Til Finansudvalget." in text, file_name
        assert ("UDKAST" in text) is not file_name.endswith("-endelig.docx"), file_name
