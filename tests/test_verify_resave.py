"""A real re-save by another program: LibreOffice opens the signed final export and
saves it as .docx again (every part rewritten). `verify` must say so — the text
looks the same, but this is not the approved file — and must still say
"ændret" when the re-saved file also hides a trick."""

from __future__ import annotations

import subprocess

import pytest

from exporters.pdf import soffice_path
from exporters.verify import Outcome, verify_docx
from exporters.word import render_docx_bytes
from forms.finalgate import final_footer_note
from forms.templates import load_example
from tests.tamper.package import Docx
from tests.tamper.tricks import TRICKS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(soffice_path() is None, reason="LibreOffice er ikke installeret"),
]


def _libreoffice_resave(source, folder):
    out = folder / "gemt igen"
    subprocess.run(
        [
            str(soffice_path()),
            f"-env:UserInstallation={(folder / 'profil').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out / source.name


@pytest.fixture
def signed_final(pki, tmp_path):
    draft = load_example()
    path = tmp_path / "endelig.docx"
    path.write_bytes(
        render_docx_bytes(
            draft,
            final=True,
            footer_note=final_footer_note(draft),
            signer=pki.identity("Eva Eksport"),
        )
    )
    assert verify_docx(path).outcome is Outcome.MATCHES
    return path


def test_a_libreoffice_resave_gets_its_own_verdict(signed_final, tmp_path):
    resaved = _libreoffice_resave(signed_final, tmp_path)
    assert resaved.read_bytes() != signed_final.read_bytes()
    result = verify_docx(resaved)
    assert result.outcome is Outcome.RESAVED == 5, (result.message, result.details)
    assert "teksten ser ens ud, men filen er gemt igen af et andet program" in result.message
    assert "LibreOffice" in result.message and "brug den godkendte fil" in result.message


@pytest.mark.parametrize("name", ["hidden_text", "white_amount_with_symbol_digits", "footnote"])
def test_a_trick_that_libreoffice_saved_again_is_still_changed(signed_final, tmp_path, name):
    doc = Docx(signed_final.read_bytes())
    next(t for t in TRICKS if t.name == name).apply(doc)
    tampered = tmp_path / "ændret.docx"
    tampered.write_bytes(doc.bytes())
    result = verify_docx(_libreoffice_resave(tampered, tmp_path))
    assert result.outcome is Outcome.CHANGED, (result.message, result.details)
