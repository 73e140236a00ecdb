"""`aktstykke check FILE [--format text|json]`: output, exit codes, no Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cli.main import main
from forms.draftfile import save_draft
from tests.checks_helpers import add_paragraph, example, remove_section
from tests.helpers import ROOT

EXAMPLE = ROOT / "resources" / "examples" / "capacity-2024.aktstykke"
LOCATION_KEYS = {"area", "letter", "block", "start", "end", "row", "column", "field"}


def broken_draft(tmp_path: Path) -> Path:
    """A draft with an error (c missing) and a warning (no decimal) in b."""
    draft = remove_section(example(), "c")
    draft.signoffs, draft.audit = [], []  # so F-03 reminds that FM's consent is not recorded
    add_paragraph(draft, "b", "Heraf går 60 mio. kr. til IOM.")
    path = tmp_path / "fejl.aktstykke"
    save_draft(path, draft)
    return path


def test_example_passes_with_exit_0(capsys):
    assert main(["check", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Kontrol af capacity-2024.aktstykke")
    assert out.splitlines()[-1].startswith("0 fejl, 0 advarsler, ")
    assert "Fejl " not in out and "Advarsel " not in out


def test_remarks_are_grouped_under_their_litra(tmp_path, capsys):
    draft = example()
    draft.signoffs, draft.audit = [], []
    path = tmp_path / "uden-godkendelser.aktstykke"
    save_draft(path, draft)
    assert main(["check", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    f = lines.index("Litra f – Finansministeriets tilslutning")
    assert lines[f + 1].startswith(
        "  Bemærkning F-03 (litra f): Finansministeriets tilslutning er ikke registreret"
    )
    assert lines[-1] == "0 fejl, 0 advarsler, 1 bemærkning"


def test_errors_give_exit_1_grouped_by_litra(tmp_path, capsys):
    assert main(["check", str(broken_draft(tmp_path))]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    b = lines.index("Litra b – Sagsfremstilling")
    c = lines.index("Litra c – Motivering for forelæggelsen")
    assert b < c
    assert lines[b + 1].startswith("  Advarsel N-01 (litra b, blok 15, tegn 11–21):")
    assert "    Forslag: 60,0\u00a0mio. kr." in lines
    assert lines[c + 1].startswith("  Fejl S-04 (litra c): Litra c (Motivering for forelæggelsen)")
    assert "1 fejl, 1 advarsel, 1 bemærkning" in lines[-1]


def test_json_is_a_stable_list(tmp_path, capsys):
    assert main(["check", str(broken_draft(tmp_path)), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and len(data) == 3
    for item in data:
        assert list(item) == ["rule", "severity", "location", "message", "suggestion"]
        assert set(item["location"]) == LOCATION_KEYS
        assert item["severity"] in ("error", "warning", "info")
    n01 = next(i for i in data if i["rule"] == "N-01")
    assert n01["location"] == {
        "area": "section",
        "letter": "b",
        "block": 14,
        "start": 10,
        "end": 21,
        "row": None,
        "column": None,
        "field": None,
    }
    assert n01["suggestion"] == "60,0\u00a0mio. kr."


def test_missing_file_gives_exit_2_without_traceback(tmp_path, capsys):
    assert main(["check", str(tmp_path / "findes-ikke.aktstykke")]) == 2
    err = capsys.readouterr().err
    assert "aktstykke check: fejl:" in err and "findes-ikke.aktstykke" in err
    assert "Traceback" not in err


def test_not_a_draft_gives_exit_2(tmp_path, capsys):
    path = tmp_path / "noget.aktstykke"
    path.write_text("dette er ikke json", "utf-8")
    before = path.read_bytes()
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "noget.aktstykke" in err and "Traceback" not in err
    assert path.read_bytes() == before  # never changes the input


def test_a_broken_word_file_gives_exit_2(tmp_path, capsys):
    path = tmp_path / "ødelagt.docx"
    path.write_bytes(b"ikke en word-fil")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "ødelagt.docx" in err and "Traceback" not in err


def test_unknown_format_is_a_usage_error(capsys):
    try:
        code = main(["check", str(EXAMPLE), "--format", "xml"])
    except SystemExit as exc:
        code = exc.code
    assert code == 2
    assert "ugyldigt valg" in capsys.readouterr().err


def test_check_does_not_import_qt():
    script = (
        "import sys\n"
        "from cli.main import main\n"
        f"code = main(['check', {str(EXAMPLE)!r}, '--format', 'json'])\n"
        "assert code == 0, code\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6')\n"
        "print('QT:', loaded, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "QT: []" in result.stderr
