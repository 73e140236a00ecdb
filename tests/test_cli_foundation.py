"""The command-line skeleton: version, new, argument errors, no Qt when headless."""

import json
import subprocess
import sys

import pytest

from cli.main import main
from forms.draftfile import load_draft
from forms.model import Kind
from forms.version import APP_VERSION


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert APP_VERSION in capsys.readouterr().out


def test_new_creates_an_empty_soegende_draft_dated_today(tmp_path, capsys):
    import datetime as dt

    path = tmp_path / "ny.aktstykke"
    assert main(["new", "-o", str(path)]) == 0
    draft = load_draft(path).draft
    assert draft.kind is Kind.SOEGENDE
    assert draft.date == dt.date.today()
    assert draft.letters() == ["a", "b", "c", "e", "f"]
    assert "Ny kladde oprettet" in capsys.readouterr().out


def test_new_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "ny.aktstykke"
    path.write_text("mit arbejde", "utf-8")
    assert main(["new", "-o", str(path)]) == 2
    assert path.read_text("utf-8") == "mit arbejde"
    assert "findes allerede" in capsys.readouterr().err


def test_new_refuses_wrong_suffix_and_missing_folder(tmp_path, capsys):
    assert main(["new", "-o", str(tmp_path / "ny.docx")]) == 2
    assert main(["new", "-o", str(tmp_path / "mangler" / "ny.aktstykke")]) == 2
    err = capsys.readouterr().err
    assert "endelsen .aktstykke" in err
    assert "findes ikke" in err


def test_missing_argument_exits_2_in_danish(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["new"])
    assert exit_.value.code == 2
    assert "følgende argumenter mangler" in capsys.readouterr().err


def test_headless_commands_never_import_qt(tmp_path):
    path = tmp_path / "ny.aktstykke"
    code = (
        "import sys, json\n"
        "from cli.main import main\n"
        f"rc = main(['new', '-o', {str(path)!r}])\n"
        "print(json.dumps([rc, sorted(m for m in sys.modules if m.startswith('PySide6'))]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    rc, qt_modules = json.loads(out.stdout.strip().splitlines()[-1])
    assert rc == 0
    assert qt_modules == []


def test_help_is_danish(capsys):
    for argv in (["--help"], ["check", "--help"]):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 0
        out = capsys.readouterr().out
        assert out.startswith("brug: aktstykke")
        assert "vis denne hjælp" in out
        assert "usage" not in out and "show this help" not in out
