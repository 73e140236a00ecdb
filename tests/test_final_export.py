"""The final export for signature, its gate, and `aktstykke verify`."""

import io
import random
import re
import zipfile
from decimal import Decimal

import docx
import pytest

from cli.main import main
from exporters.verify import Outcome, verify_docx
from exporters.word import export_docx, read_docx_text
from forms.draftfile import load_draft, save_draft
from forms.finalgate import final_export_blockers
from forms.model import Paragraph
from forms.signoff import fingerprint, revoke, short_fingerprint
from forms.templates import load_example
from tests.helpers import identity, sign_all


@pytest.fixture
def example(example):
    """The example without its sign-offs: these tests record their own."""
    example.signoffs, example.audit = [], []
    return example


def _signed(draft):
    return sign_all(draft)


@pytest.fixture
def signed_file(example, tmp_path):
    path = tmp_path / "kladde.aktstykke"
    save_draft(path, _signed(example))
    return path


def test_gate_is_open_for_the_signed_example(example):
    assert final_export_blockers(_signed(example)) == []


def test_gate_lists_missing_signoffs(example):
    reasons = final_export_blockers(example)
    assert "Kontorchef har ikke godkendt aktstykket." in reasons
    assert "Finansministeriet har ikke godkendt aktstykket." in reasons


def test_gate_refuses_a_stale_signoff(example):
    _signed(example)
    example.tables()[0][2].rows[0].values[0] = Decimal("50.1")
    assert any("forældet" in r for r in final_export_blockers(example))


def test_gate_refuses_a_revoked_signoff(example):
    _signed(example)
    revoke(example, 3, identity("Frida Fuldmægtig"))
    assert "Finansministeriets godkendelse er tilbagekaldt." in final_export_blockers(example)


def test_gate_refuses_check_errors(example):
    example.section("a").blocks = [Paragraph(text="")]
    _signed(example)
    reasons = final_export_blockers(example)
    assert any(r.startswith("S-") and "litra a" in r for r in reasons), reasons


def test_cli_final_export_refuses_with_every_reason(example, tmp_path, capsys):
    path = tmp_path / "kladde.aktstykke"
    save_draft(path, example)
    out = tmp_path / "ud.docx"
    assert main(["export", str(path), "-o", str(out), "--final"]) == 1
    err = capsys.readouterr().err
    assert err.count("har ikke godkendt") == 4
    assert not out.exists()


def test_final_document_has_no_marking_and_the_fingerprint(signed_file, tmp_path):
    out = tmp_path / "endelig.docx"
    assert main(["export", str(signed_file), "-o", str(out), "--final"]) == 0
    draft = load_draft(signed_file).draft
    fp = fingerprint(draft)
    document = docx.Document(str(out))
    headers = " ".join(
        p.text
        for s in document.sections
        for h in (s.header, s.first_page_header)
        for p in h.paragraphs
    )
    footers = " ".join(p.text for s in document.sections for p in s.footer.paragraphs)
    package = zipfile.ZipFile(out)
    header_xml = b"".join(package.read(n) for n in package.namelist() if "header" in n)
    assert b"UDKAST" not in header_xml and "UDKAST" not in headers
    assert short_fingerprint(fp) in footers
    assert document.core_properties.identifier == fp
    # The audit trail records the final export, in the draft file and in the Word file.
    assert [e.action for e in draft.audit][-1] == "final_export"
    assert draft.audit[-1].fingerprint == fp
    assert "Lars Løkke Rasmussen" in read_docx_text(out)


def test_verify_outcomes(signed_file, tmp_path, capsys):
    final = tmp_path / "endelig.docx"
    main(["export", str(signed_file), "-o", str(final), "--final"])
    assert main(["verify", str(final)]) == Outcome.MATCHES

    unsigned = tmp_path / "usigneret.docx"
    bare = load_example()
    bare.signoffs = []
    export_docx(bare, unsigned)
    assert main(["verify", str(unsigned)]) == Outcome.NO_SIGNOFF

    plain = tmp_path / "almindelig.docx"
    document = docx.Document()
    document.add_paragraph("Et almindeligt brev.")
    document.save(str(plain))
    assert main(["verify", str(plain)]) == Outcome.NO_DRAFT

    assert main(["verify", str(tmp_path / "mangler.docx")]) == 2
    out = capsys.readouterr()
    assert "er den godkendte version" in out.out
    assert "ingen kladde fra Aktstykke" in out.err


def _rewrite(path, member, change):
    data = path.read_bytes()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            target.writestr(info, change(blob) if info.filename == member else blob)
    path.write_bytes(out.getvalue())


def test_verify_shows_a_word_diff_of_an_edited_amount(signed_file, tmp_path):
    final = tmp_path / "endelig.docx"
    main(["export", str(signed_file), "-o", str(final), "--final"])
    _rewrite(final, "word/document.xml", lambda b: b.replace(b">50,0<", b">60,0<", 1))
    result = verify_docx(final)
    assert result.outcome is Outcome.CHANGED
    assert any("[-50,0-] {+60,0+}" in line for line in result.diff)


def test_verify_catches_an_edited_embedded_draft(signed_file, tmp_path):
    final = tmp_path / "endelig.docx"
    main(["export", str(signed_file), "-o", str(final), "--final"])
    _rewrite(final, "customXml/item1.xml", lambda b: b.replace(b'"50.0"', b'"60.0"', 1))
    assert verify_docx(final).outcome is Outcome.CHANGED


TEXT_NODE = re.compile(rb"(<w:t(?: [^>]*)?>)([^<]+)(</w:t>)")


def test_verify_catches_100_random_single_character_edits(signed_file, tmp_path):
    final = tmp_path / "endelig.docx"
    main(["export", str(signed_file), "-o", str(final), "--final"])
    original = final.read_bytes()
    document_xml = zipfile.ZipFile(io.BytesIO(original)).read("word/document.xml")
    spans = [m.span(2) for m in TEXT_NODE.finditer(document_xml)]
    rng = random.Random(12112024)
    alphabet = "abcdefghijklmnopqrstuvwxyzæøå0123456789"
    caught = 0
    for _ in range(100):
        start, end = rng.choice(spans)
        text = document_xml[start:end].decode("utf-8")
        index = rng.randrange(len(text))
        replacement = rng.choice([c for c in alphabet if c != text[index]])
        edited_text = text[:index] + replacement + text[index + 1 :]
        edited = document_xml[:start] + edited_text.encode("utf-8") + document_xml[end:]
        final.write_bytes(original)
        _rewrite(final, "word/document.xml", lambda _blob, e=edited: e)
        caught += verify_docx(final).outcome is Outcome.CHANGED
    assert caught == 100
