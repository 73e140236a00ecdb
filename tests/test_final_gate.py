"""The final gate asks: no errors, every open warning acknowledged by name (and
recorded), E-06 and a table total that differs from a are errors."""

from __future__ import annotations

from cli.main import main
from exporters.text import render_text
from forms.audit import check_audit
from forms.draftfile import load_draft, save_draft
from forms.finalgate import final_gate
from forms.model import Paragraph
from tests.helpers import TEST_USER, sign_all


def _prepared(example, tmp_path, change=None):
    example.signoffs, example.audit = [], []
    if change:
        change(example)
    sign_all(example)
    path = tmp_path / "kladde.aktstykke"
    save_draft(path, example)
    return path


def _opening_warning(draft):
    first = draft.section("e").blocks[0]
    first.text = first.text.replace("Under henvisning til", "Med henvisning til")


def test_open_warnings_are_listed_and_refused_until_acknowledged_by_name(example, tmp_path, capsys):
    path = _prepared(example, tmp_path, _opening_warning)
    out = tmp_path / "ud.docx"
    assert main(["export", str(path), "-o", str(out), "--final"]) == 1
    err = capsys.readouterr().err
    assert "1 åbne advarsler skal kvitteres ved navn" in err
    assert "E-05 (litra e" in err and "--acknowledge E-05" in err
    assert not out.exists()
    assert main(["export", str(path), "-o", str(out), "--final", "--acknowledge", "N-02"]) == 1
    assert not out.exists()

    assert main(["export", str(path), "-o", str(out), "--final", "--acknowledge", "e-05"]) == 0
    printed = capsys.readouterr().out
    assert f"Kvitteret af {TEST_USER}: E-05" in printed
    draft = load_draft(path).draft
    acknowledgement, export = draft.audit[-2:]
    assert acknowledgement.action == "acknowledgement"
    assert acknowledgement.name == TEST_USER
    assert acknowledgement.findings[0].startswith("E-05 (litra e")
    assert export.action == "final_export" and export.name == TEST_USER
    assert check_audit(draft).intact  # both signed and chained


def test_acknowledge_all_warnings(example, tmp_path):
    path = _prepared(example, tmp_path, _opening_warning)
    out = tmp_path / "ud.docx"
    assert main(["export", str(path), "-o", str(out), "--final", "--acknowledge-all-warnings"]) == 0
    assert load_draft(path).draft.audit[-2].findings


def test_an_amount_in_e_that_differs_from_a_blocks(example, tmp_path, capsys):
    def change(draft):
        first = draft.section("e").blocks[0]
        first.text = first.text.replace("100,0 mio. kr.", "90,0 mio. kr.")

    path = _prepared(example, tmp_path, change)
    assert main(["export", str(path), "-o", str(tmp_path / "ud.docx"), "--final"]) == 1
    assert "E-06 (litra e" in capsys.readouterr().err


def test_a_table_total_that_differs_from_a_blocks(example):
    example.tables()[0][2].rows[0].values[0] += 10
    sign_all(example)
    assert any(r.startswith("TAB-04") for r in final_gate(example).blockers)


def test_final_export_needs_a_certificate(example, tmp_path, capsys, monkeypatch):
    path = _prepared(example, tmp_path)
    monkeypatch.delenv("AKTSTYKKE_CERT")
    assert main(["export", str(path), "-o", str(tmp_path / "ud.docx"), "--final"]) == 2
    assert "der er ikke valgt et certifikat" in capsys.readouterr().err
    assert not (tmp_path / "ud.docx").exists()


def test_a_blank_paragraph_never_reaches_the_document(example):
    from exporters.layout import layout

    before = render_text(example)
    section_b = example.section("b")
    section_b.blocks.insert(0, Paragraph(text="   "))  # before b's first paragraph
    section_b.blocks.insert(3, Paragraph(text=""))
    example.section("c").blocks.append(Paragraph(text="\n\t"))
    assert render_text(example) == before
    texts = [getattr(block, "text", "x") for block in layout(example).blocks]
    assert all(text.strip() for text in texts)


def test_the_bundled_example_exports_final_with_its_own_four_signoffs(tmp_path):
    from exporters.verify import Outcome, verify_docx
    from forms.signoff import SignOffState, signoff_checks
    from forms.templates import EXAMPLE, example_text

    path = tmp_path / EXAMPLE
    path.write_text(example_text(), "utf-8")
    draft = load_draft(path).draft
    checks = signoff_checks(draft)
    assert [c.state for c in checks] == [SignOffState.CURRENT] * 4
    assert [c.signer for c in checks] == [
        "Mette Holm",
        "Jens Krogh",
        "Hanne Vestergaard",
        "Søren Lund",
    ]
    assert draft.signoffs[3].reference.journal == "2024-18820"
    out = tmp_path / "endelig.docx"
    assert main(["export", str(path), "-o", str(out), "--final"]) == 0
    assert verify_docx(out).outcome is Outcome.MATCHES
