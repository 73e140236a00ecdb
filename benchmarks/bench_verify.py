"""`aktstykke verify` and the signed final export: how long each takes, and how fast
and how lean the refusal of a zip bomb is (issue 12: a 2 MB .docx with 40 parts of
49 MB made verify use 2.1 GB for 12 s).

Targets on our 2-core machines: verify of the example's final export <= 200 ms, of
the large draft's <= 2 s; the final export of the large draft (rendered, then
sealed: every part digested, the display model made, the manifest signed) <= 2.5 s;
the bomb refused in <= 50 ms and in a process of at most 100 MB (the interpreter
with the program's modules loaded is about 50 MB of that).
Run: .venv/bin/python -m benchmarks.bench_verify
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.largedraft import large_draft
from benchmarks.timing import median_ms, print_figures
from exporters.verify import verify_docx
from exporters.word import render_docx_bytes
from forms.draftfile import DraftFileError
from forms.templates import load_example
from tests.tamper.bomb import zip_bomb

ROOT = Path(__file__).resolve().parent.parent
MEMORY_TARGET_MB = 100.0
MEMORY_CHILD = """
import resource, sys
from exporters.verify import verify_docx
from forms.draftfile import DraftFileError
try:
    verify_docx(sys.argv[1])
except DraftFileError:
    pass
try:  # this process's own peak: ru_maxrss would include the parent's at fork
    status = open("/proc/self/status").read()
    print(int(status.split("VmHWM:")[1].split()[0]) / 1024)
except (OSError, IndexError):
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def _refuse(path: Path) -> None:
    try:
        verify_docx(path)
    except DraftFileError:
        return
    raise AssertionError("the bomb was not refused")


def bomb_peak_memory_mb(path: Path) -> float:
    """Peak resident memory of a process that imports verify and refuses the bomb."""
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_CHILD, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.split()[-1])


def figures() -> list[tuple[str, float, float | None]]:
    rows: list[tuple[str, float, float | None]] = []
    with tempfile.TemporaryDirectory() as folder:
        for name, draft, runs, verify_target, export_target in (
            ("eksempel", load_example(), 15, 200.0, None),
            ("stor kladde", large_draft(), 5, 2000.0, 2500.0),
        ):
            rows.append(
                (
                    f"endelig .docx med fortegnelse ({name})",
                    median_ms(lambda d=draft: render_docx_bytes(d, final=True), runs),
                    export_target,
                )
            )
            path = Path(folder) / f"{name}.docx"
            path.write_bytes(render_docx_bytes(draft, final=True))
            rows.append(
                (f"verify ({name})", median_ms(lambda p=path: verify_docx(p), runs), verify_target)
            )
        bomb = Path(folder) / "bombe.docx"
        bomb.write_bytes(zip_bomb())
        rows.append(("afvis zip-bombe, 40 × 49 MB", median_ms(lambda: _refuse(bomb)), 50.0))
    return rows


def memory_rows() -> list[tuple[str, float, float]]:
    with tempfile.TemporaryDirectory() as folder:
        bomb = Path(folder) / "bombe.docx"
        bomb.write_bytes(zip_bomb())
        return [
            ("største hukommelse, verify af zip-bombe", bomb_peak_memory_mb(bomb), MEMORY_TARGET_MB)
        ]


def main() -> None:
    print_figures(figures())
    for label, mb, target in memory_rows():
        print(f"{label:<44} {mb:9.1f} MB  mål ≤ {target:g} MB ({mb / target:.2f})")


if __name__ == "__main__":
    main()
