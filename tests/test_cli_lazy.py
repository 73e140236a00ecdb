"""The command line loads what its command needs (issue 16, point 4).

`aktstykke --help` imports no command module and none of the model, the
checks or the exporters; `aktstykke check` imports the check command and not
the others. Each run is a fresh interpreter, as the user's is. The static
table in cli.main is held to what each command module registers, so the help
line `aktstykke --help` shows is the one the command declares.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import COMMANDS, DanishArgumentParser, build_parser, command_module

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "capacity-2024.aktstykke"
HEAVY = ("forms.model", "forms.checks", "exporters.word", "docx", "pydantic", "cryptography")


def _modules_after(args: list[str]) -> tuple[int, set[str]]:
    """Exit status and the modules loaded by `aktstykke ARGS` in a fresh interpreter."""
    script = (
        "import json, sys\n"
        "from cli.main import main\n"
        "try:\n"
        f"    code = main({args!r})\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "sys.stdout.flush()\n"
        "print('\\nMODULES' + json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
        "sys.exit(code or 0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    line = done.stderr.rsplit("MODULES", 1)[1]
    return done.returncode, set(json.loads(line))


def _loaded(modules: set[str], prefix: str) -> list[str]:
    return sorted(m for m in modules if m == prefix or m.startswith(prefix + "."))


def test_help_imports_no_command_module_nor_the_model() -> None:
    code, modules = _modules_after(["--help"])
    assert code == 0
    assert [m for m in modules if m.startswith("cli.commands")] == []
    for heavy in HEAVY:
        assert _loaded(modules, heavy) == [], heavy


def test_version_imports_no_command_module() -> None:
    code, modules = _modules_after(["--version"])
    assert code == 0
    assert [m for m in modules if m.startswith("cli.commands")] == []


def test_a_command_imports_only_its_own_module() -> None:
    code, modules = _modules_after(["check", str(EXAMPLE)])
    assert code == 0
    commands = {m for m in modules if m.startswith("cli.commands.")}
    assert "cli.commands.check" in commands
    assert commands <= {"cli.commands.check", "cli.commands._identity"}
    assert _loaded(modules, "PySide6") == []


def test_a_command_s_own_help_is_its_full_parser() -> None:
    code, modules = _modules_after(["export", "--help"])
    assert code == 0
    assert "cli.commands.export" in modules
    assert "cli.commands.signoff" not in modules


@pytest.mark.parametrize("command", COMMANDS, ids=[c.name for c in COMMANDS])
def test_table_matches_what_the_module_registers(command) -> None:
    parser = DanishArgumentParser(prog="aktstykke")
    commands = parser.add_subparsers(dest="command", parser_class=DanishArgumentParser)
    command_module(command).register(commands)
    assert list(commands.choices) == [command.name]
    (action,) = commands._choices_actions
    assert action.help == command.help


def test_every_command_module_is_in_the_table() -> None:
    modules = {
        f"cli.commands.{p.stem}"
        for p in (ROOT / "cli" / "commands").glob("*.py")
        if not p.stem.startswith("_")
    }
    assert modules == {c.module for c in COMMANDS}


def test_help_lists_every_command_with_its_line(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["--help"])
    assert exit_.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    for command in COMMANDS:
        assert f"{command.name} {' '.join(command.help.split())}" in out


def test_the_chosen_command_parses_its_arguments() -> None:
    parsed = build_parser("check").parse_args(["check", "x.aktstykke", "--format", "json"])
    assert parsed.format == "json" and callable(parsed.run)
    assert isinstance(parsed, argparse.Namespace)
