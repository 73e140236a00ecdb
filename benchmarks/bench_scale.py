"""No step grows faster than the draft (issue 16, point 5).

The large draft (benchmarks/largedraft.py: 2,000 paragraphs, 30 tables) and a
draft five times its size (10,000 paragraphs, 200 tables; generated, never
committed) are loaded from their files, checked (cold: nothing remembered),
exported to Word and opened in the editor; each figure is printed at both
sizes with its growth factor. Target: the larger draft within 6 x the large
draft's figure (it has 5 x the blocks).

The editor figure is a fresh process (offscreen) timed from opening the draft
file to its window shown with the first check and preview; the blocks' editors
built after that, in the pauses, are not in it.
Run: .venv/bin/python -m benchmarks.bench_scale
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import forms.checks.facts as facts
import forms.scanner as scanner
from benchmarks.largedraft import huge_draft, large_draft
from benchmarks.timing import median_ms, process_env
from exporters.word import export_docx
from forms.checks import check_draft
from forms.draftfile import load_draft, save_draft
from forms.model import Aktstykke

ROOT = Path(__file__).resolve().parent.parent
GROWTH_TARGET = 6.0
"""The 10,000-paragraph draft's figure over the 2,000-paragraph draft's."""
SIZES = (("stor", large_draft), ("5 × stor", huge_draft))
EDITOR_RUNS = 3

EDITOR_CHILD = """
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.app import configure_application, recovery_store
from desktop.window.mainwindow import MainWindow
configure_application(app)
window = MainWindow(recovery=recovery_store())
window.resize(1366, 768)
app.processEvents()
start = time.perf_counter()
window.open_path(sys.argv[1], ask_save=False)
window.show()
app.processEvents()
window.refresh_now()
app.processEvents()
print(f"{(time.perf_counter() - start) * 1000:.1f}")
window._closing = True
window.close()
"""


def _cold(_run: int) -> None:
    scanner._MEMO.clear()
    for memo in facts.MEMOS:  # what the checks' facts remember per text and run of blocks
        memo.cache_clear()


def _editor_open_ms(path: Path) -> float:
    times = []
    with tempfile.TemporaryDirectory() as home:
        env = process_env(HOME=home, XDG_CONFIG_HOME=home, XDG_DATA_HOME=home)
        for _ in range(EDITOR_RUNS):
            done = subprocess.run(
                [sys.executable, "-c", EDITOR_CHILD, str(path)],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
                timeout=600,
            )
            times.append(float(done.stdout.split()[-1]))
    return statistics.median(times)


def measure(draft: Aktstykke, folder: Path, name: str, runs: int) -> dict[str, float]:
    """Milliseconds of each step for one draft."""
    path = folder / f"{name}.aktstykke"
    save_draft(path, draft)
    docx = folder / f"{name}.docx"
    return {
        "indlæs kladdefil": median_ms(lambda: load_draft(path), runs),
        "fuld kontrol, kold": median_ms(lambda: check_draft(draft), runs, before=_cold),
        "eksport til .docx": median_ms(lambda: export_docx(draft, docx), runs),
        "åbn i editoren (til første kontrol og visning)": _editor_open_ms(path),
    }


def table() -> list[tuple[str, float, float, float]]:
    """(step, large ms, 5x ms, growth) for each step."""
    with tempfile.TemporaryDirectory(prefix="aktstykke-scale-") as name:
        folder = Path(name)
        small = measure(large_draft(), folder, "stor", 5)
        big = measure(huge_draft(), folder, "fem-gange", 3)
    return [(step, small[step], big[step], big[step] / small[step]) for step in small]


def figures() -> list[tuple[str, float, float | None, str]]:
    rows: list[tuple[str, float, float | None, str]] = []
    for step, small, big, growth in table():
        rows.append((f"{step} (stor)", small, None, "ms"))
        rows.append((f"{step} (5 × stor)", big, None, "ms"))
        rows.append((f"  vækst, {step}", growth, GROWTH_TARGET, "×"))
    return rows


def main() -> None:
    print(f"{'trin':<48} {'stor':>9} {'5 × stor':>10} {'vækst':>7}  (mål ≤ {GROWTH_TARGET:g}×)")
    for step, small, big, growth in table():
        print(f"{step:<48} {small:6.0f} ms {big:7.0f} ms {growth:6.2f}×")


if __name__ == "__main__":
    main()
