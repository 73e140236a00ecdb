"""Editor speed: cold start with the example, and a keystroke in the large draft.

Run: .venv/bin/python -m benchmarks.bench_editor

1. Cold start (target <= 1.0 s, issue 16; offscreen): from starting a fresh
   Python process to the main window shown with the example loaded; and to its
   first check and preview. Measured in subprocesses with warm bytecode caches
   (benchmarks.timing.process_env), median of several runs.
2. Keystroke in the large generated draft (target <= 100 ms): the work after
   the debounce pause, i.e. the check, the HTML render and the update of the
   findings, navigator, editors and preview. Also shown: the keystroke itself
   (undo command and signals) and making litra b's 2,000 block frames once
   (editors are built only for the blocks near the view).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.timing import process_env

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
KEYSTROKES = 20

CHILD = """
import os, sys, time
start = float(sys.argv[1])
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.app import configure_application, recovery_store
from desktop.window.mainwindow import MainWindow
configure_application(app)
window = MainWindow(recovery=recovery_store())
window.open_path(sys.argv[2], ask_save=False)
window.show()
app.processEvents()
shown = time.time() - start
window.refresh_now()
app.processEvents()
checked = time.time() - start
print(f"{shown:.4f} {checked:.4f}")
window._closing = True
window.close()
"""


def cold_start() -> tuple[list[float], list[float]]:
    example = ROOT / "resources" / "examples" / "capacity-2024.aktstykke"
    shown, checked = [], []
    with tempfile.TemporaryDirectory() as home:
        env = process_env(HOME=home, XDG_CONFIG_HOME=home, XDG_DATA_HOME=home)
        for _ in range(RUNS + 1):  # the first run fills the bytecode caches
            start = time.time()
            result = subprocess.run(
                [sys.executable, "-c", CHILD, str(start), str(example)],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            first, second = result.stdout.split()[-2:]
            shown.append(float(first))
            checked.append(float(second))
    return shown[1:], checked[1:]


def keystroke() -> dict[str, list[float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from benchmarks.largedraft import large_draft
    from desktop.editors.blockeditors import ParagraphEditor
    from desktop.editors.spellhighlight import service
    from desktop.session.settings import Settings
    from desktop.testing import settings_in
    from desktop.window.mainwindow import MainWindow
    from forms.model import Paragraph

    app = QApplication.instance() or QApplication([])
    service().wait()  # the keystrokes include the spell-check of the edited paragraph
    figures: dict[str, list[float]] = {
        "first_view": [],
        "build": [],
        "keystroke": [],
        "after_pause": [],
    }
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(settings=Settings(settings_in(Path(folder))), check_delay_ms=10_000)
        window.resize(1366, 768)
        window.show()
        window.doc.load(large_draft())
        window.refresh_now()
        start = time.perf_counter()
        window.focus_part("b")
        app.processEvents()
        figures["first_view"].append(time.perf_counter() - start)
        form = window.forms["b"]
        while form.pending():
            app.processEvents()
        figures["build"].append(time.perf_counter() - start)
        # A paragraph half-way down litra b; its editor is built when it is focused
        # (editors exist only near the view), so it is taken after the focus.
        blocks = window.doc.draft.section("b").blocks
        prose = [i for i, block in enumerate(blocks) if isinstance(block, Paragraph)]
        form.focus_block(prose[len(prose) // 2])
        app.processEvents()
        target = form.frames[prose[len(prose) // 2]].editor
        assert isinstance(target, ParagraphEditor)
        window.refresh_now()
        for round_ in range(KEYSTROKES):
            start = time.perf_counter()
            target.insertPlainText("x" if round_ % 2 == 0 else "y")
            figures["keystroke"].append(time.perf_counter() - start)
            start = time.perf_counter()
            window.refresh_now()
            app.processEvents()
            figures["after_pause"].append(time.perf_counter() - start)
        assert window.doc.undo_stack.count() >= 1
        window._closing = True
        window.close()
    return figures


def main() -> None:
    shown, checked = cold_start()
    print("Editor speed (offscreen)")
    print(
        f"  cold start to the window shown with the example: median {statistics.median(shown):.2f} s"
        f"  (min {min(shown):.2f}, max {max(shown):.2f}; target <= 1.0 s)"
    )
    print(
        "    (opening the draft already runs its first check and renders the preview: "
        f"{statistics.median(checked):.2f} s with an extra refresh)"
    )
    figures = keystroke()
    after = figures["after_pause"]
    print(
        f"  large draft, keystroke -> findings + preview: median {statistics.median(after) * 1000:.0f} ms"
        f"  (max {max(after) * 1000:.0f} ms over {len(after)} keystrokes; target <= 100 ms)"
    )
    keys = figures["keystroke"]
    print(
        f"  large draft, the keystroke itself:            median {statistics.median(keys) * 1000:.1f} ms"
    )
    print(
        f"  large draft, opening litra b: first blocks shown {figures['first_view'][0]:.2f} s, "
        f"all {figures['build'][0]:.2f} s (the rest built in the pauses)"
    )


if __name__ == "__main__":
    main()


MEMORY_TARGET_MB = 250.0
"""A workstation runs Word and mail beside the editor (issue 16)."""
COLD_START_TARGET_MS = 1000.0
KEYSTROKE_TARGET_MS = 100.0

MEMORY_CHILD = """
import os, resource, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from benchmarks.largedraft import large_draft
from desktop.window.mainwindow import MainWindow
from desktop.session.settings import Settings
from desktop.testing import settings_in
from pathlib import Path
window = MainWindow(settings=Settings(settings_in(Path(sys.argv[1]))))
window.resize(1366, 768)
window.show()
window.doc.load(large_draft())
window.refresh_now()
window.focus_part("b")
form = window.forms["b"]
while form.pending():
    app.processEvents()
# The author scrolls through all of litra b (editors are built near the view and
# released far from it), then the preview finishes laying out in the pauses.
bar = form.scroll_area.verticalScrollBar()
from PySide6.QtCore import QCoreApplication, QEvent
for value in range(0, bar.maximum() + 1, form.scroll_area.viewport().height()):
    bar.setValue(value)
    app.processEvents()
    # What the running event loop does with released editors (deleteLater);
    # processEvents() outside exec() leaves them for later.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
window.refresh_now()
import time
settle = time.monotonic() + 3
while time.monotonic() < settle:
    app.processEvents()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
window._closing = True
window.close()
"""


def peak_memory_mb() -> float:
    """Peak resident memory of an editor process with the large draft open and all
    of litra b scrolled through, in MB (Linux reports ru_maxrss in KiB)."""
    with tempfile.TemporaryDirectory() as home:
        env = process_env(HOME=home, XDG_CONFIG_HOME=home, XDG_DATA_HOME=home)
        result = subprocess.run(
            [sys.executable, "-c", MEMORY_CHILD, home],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    return float(result.stdout.split()[-1])


def figures() -> list[tuple[str, float, float | None]]:
    """Milliseconds, as the other benchmark modules report them."""
    shown, checked = cold_start()
    keys = keystroke()
    return [
        (
            "koldstart til vindue med eksempel",
            statistics.median(shown) * 1000,
            COLD_START_TARGET_MS,
        ),
        ("koldstart til første kontrol og visning", statistics.median(checked) * 1000, None),
        (
            "tastetryk → fund + visning (stor kladde)",
            statistics.median(keys["after_pause"]) * 1000,
            KEYSTROKE_TARGET_MS,
        ),
        ("selve tastetrykket (stor kladde)", statistics.median(keys["keystroke"]) * 1000, None),
    ]
