"""No lost update: two `aktstykke signoff` processes on one draft at the same moment.

Two real processes run the command line's `main` (what the console script
calls) side by side. Each round both are released at once, so both read,
change and write the same draft within a millisecond of each other; the
draft's guard must make them take turns, and every sign-off must end up in
the file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from forms.draftfile import load_draft
from tests.helpers import ROOT, shared_pki

EXAMPLE = ROOT / "resources" / "examples" / "capacity-2024.aktstykke"
ROUNDS = 100

SIGNOFF_WORKER = textwrap.dedent(
    """
    import sys
    from cli.main import main
    path, role, cert = sys.argv[1:4]
    for _line in sys.stdin:
        code = main(["signoff", path, "--role", role, "--cert", cert])
        print(f"rc={code}", flush=True)
    """
)


def _worker(path, role: str, name: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", SIGNOFF_WORKER, str(path), role, str(shared_pki().p12(name))],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def _result(worker: subprocess.Popen) -> tuple[int, str]:
    lines = []
    while True:
        line = worker.stdout.readline()
        if not line:
            raise AssertionError("worker ended early:\n" + "".join(lines))
        if line.startswith("rc="):
            return int(line[3:]), "".join(lines)
        lines.append(line)


@pytest.fixture
def shared_draft(tmp_path):
    path = tmp_path / "fælles.aktstykke"
    shutil.copyfile(EXAMPLE, path)
    return path


def test_two_concurrent_signoff_processes_lose_nothing_over_100_rounds(shared_draft):
    before = len(load_draft(shared_draft).draft.signoffs)
    workers = [
        _worker(shared_draft, "Kontorchef", "Anna Jensen"),
        _worker(shared_draft, "Afdelingschef", "Bo Hansen"),
    ]
    try:
        for round_number in range(1, ROUNDS + 1):
            for worker in workers:  # release both at once
                worker.stdin.write("go\n")
                worker.stdin.flush()
            results = [_result(worker) for worker in workers]
            for code, output in results:
                assert code == 0, f"round {round_number}: {output}"
                assert "godkendt af" in output
    finally:
        for worker in workers:
            worker.stdin.close()
            worker.wait(timeout=30)
    signoffs = load_draft(shared_draft).draft.signoffs
    assert len(signoffs) == before + 2 * ROUNDS  # every one of them recorded
    names = [s.name for s in signoffs[before:]]
    assert names.count("Anna Jensen") == ROUNDS and names.count("Bo Hansen") == ROUNDS
    assert sorted(p.name for p in shared_draft.parent.iterdir()) == [shared_draft.name]


@pytest.mark.slow
def test_two_console_script_signoffs_started_together_are_both_recorded(shared_draft):
    """The same through the installed `aktstykke` command, a process per sign-off."""
    script = shutil.which("aktstykke", path=os.path.dirname(sys.executable))
    command = [script] if script else [sys.executable, "-m", "cli.main"]
    before = len(load_draft(shared_draft).draft.signoffs)
    rounds = 3
    for _ in range(rounds):
        runs = [
            subprocess.Popen(
                [
                    *command,
                    "signoff",
                    str(shared_draft),
                    "--role",
                    role,
                    "--cert",
                    str(shared_pki().p12(name)),
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for role, name in (("Kontorchef", "Anna Jensen"), ("Afdelingschef", "Bo Hansen"))
        ]
        for run in runs:
            out, err = run.communicate(timeout=60)
            assert run.returncode == 0, err
            assert "godkendt af" in out
    assert len(load_draft(shared_draft).draft.signoffs) == before + 2 * rounds
