"""The command line says what it does not know: a typo is not a file to open."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

import desktop.app
from cli.main import main
from tests.helpers import ROOT

EXAMPLE = ROOT / "resources" / "examples" / "capacity-2024.aktstykke"


@pytest.fixture
def editor_calls(monkeypatch):
    """run_editor replaced: records what the editor would open."""
    calls: list = []
    monkeypatch.setattr(desktop.app, "run_editor", lambda path: calls.append(path) or 0)
    return calls


@pytest.mark.parametrize(
    ("argv", "suggestion"),
    [
        (["chek", "x.aktstykke"], "check"),
        (["chek"], "check"),
        (["exprot", "x.aktstykke", "-o", "x.docx"], "export"),
        (["singoff", "x.aktstykke"], "signoff"),
        (["verfy", "x.docx"], "verify"),
        (["CHECK", "x.aktstykke"], "check"),
        (["imprt"], "import"),
    ],
)
def test_a_typo_gets_a_suggestion_and_exit_2(capsys, editor_calls, argv, suggestion):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err == f"aktstykke: fejl: ukendt kommando »{argv[0]}«. Mente du »{suggestion}«?\n"
    assert editor_calls == []


def test_without_a_close_match_the_commands_are_listed(capsys, editor_calls):
    assert main(["fnord", "x.aktstykke"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("aktstykke: fejl: ukendt kommando »fnord«. Kommandoerne er: check, ")
    for command in ("export", "import", "new", "signoff", "verify"):
        assert command in err
    assert editor_calls == []


@pytest.mark.parametrize(
    "name", ["kladde.aktstykke", "mappe/kladde.docx", "Kladde.AKTSTYKKE", "noter.txt"]
)
def test_a_missing_file_is_said_not_to_exist(tmp_path, capsys, editor_calls, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    assert main([name]) == 2
    assert capsys.readouterr().err == f"aktstykke: fejl: filen »{name}« findes ikke.\n"
    assert editor_calls == []


def test_a_folder_is_not_a_draft(tmp_path, capsys, editor_calls):
    assert main([str(tmp_path)]) == 2
    assert "er en mappe" in capsys.readouterr().err and editor_calls == []


def test_a_name_too_long_for_the_file_system_is_refused_plainly(capsys, editor_calls):
    assert main(["a" * 300 + ".aktstykke"]) == 2
    err = capsys.readouterr().err
    assert "findes ikke" in err and "…" in err and len(err) < 200
    assert editor_calls == []


def test_an_existing_file_still_opens_the_editor(tmp_path, editor_calls):
    path = tmp_path / "kladde.aktstykke"
    shutil.copy(EXAMPLE, path)
    assert main([str(path)]) == 0
    assert editor_calls == [str(path)]


def test_an_existing_file_named_like_a_typo_opens_the_editor(tmp_path, editor_calls, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLE, tmp_path / "chek")
    assert main(["chek"]) == 0
    assert editor_calls == ["chek"]


def test_no_arguments_open_the_editor(editor_calls):
    assert main([]) == 0
    assert editor_calls == [None]


def test_the_typo_is_refused_by_the_installed_command_without_qt(tmp_path):
    script = ROOT / ".venv" / "bin" / "aktstykke"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "cli.main"]
    env = {**os.environ}
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("DISPLAY", None)  # had it tried to open the editor, Qt would abort here
    result = subprocess.run(
        [*command, "chek", str(tmp_path / "x.aktstykke")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 2
    assert result.stderr == "aktstykke: fejl: ukendt kommando »chek«. Mente du »check«?\n"
