"""The editor starts with what the window with a draft needs (issue 16: cold start).

In a fresh interpreter, as the user's is: making the main window, opening the
example and showing it imports none of the Word renderer, the PDF exporter,
the Word comparison, the reader of returned Word files or the starting points,
and the spell-check dictionary is not opened until the event loop is first
idle, so it does not compete with the window's start. Once it is open, text
that was on screen before it was gets its red underlines. The first PDF export
imports the exporter on the GUI thread before its worker thread starts (the
worker would otherwise be the first to import the Word renderer).
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "capacity-2024.aktstykke"

NOT_AT_START = (
    "docx",
    "lxml",
    "exporters.word",
    "exporters.pdf",
    "exporters.htmlchanges",
    "exporters.wordchanges",
    "forms.roundtrip.returned",
    "forms.roundtrip.compare",
    "forms.embedded",
    "forms.starters",
    "enchant",
)
"""Made lazy for the cold start: loaded when the action that needs them is used."""

CHILD = r"""
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.app import configure_application, recovery_store
from desktop.editors.blockeditors import ParagraphEditor
from desktop.editors.spellhighlight import service
from desktop.window.mainwindow import MainWindow
configure_application(app)
window = MainWindow(recovery=recovery_store())
window.open_path(sys.argv[1], ask_save=False)
window.show()
result = {"modules": sorted(sys.modules)}
spell = service()
result["opening_before_loop"] = spell._loading is not None or spell.is_ready
window.focus_part("b")
form = window.forms["b"]
editor = next(f.editor for f in form.frames if isinstance(f.editor, ParagraphEditor))
cursor = editor.textCursor()
cursor.movePosition(cursor.MoveOperation.Start)
cursor.insertText("Xqzvwøk ")
def underlined():
    block = editor.document().firstBlock()
    text = block.text()
    wave = QTextCharFormat.UnderlineStyle.WaveUnderline
    return [text[r.start : r.start + r.length] for r in block.layout().formats()
            if r.format.underlineStyle() == wave]
result["underlined_before"] = underlined()
app.processEvents()  # the first idle: the dictionary starts opening
result["opening_after_loop"] = spell._loading is not None or spell.is_ready
result["ready"] = spell.wait()
result["unavailable"] = spell.checker.unavailable
for _ in range(5):
    app.processEvents()
result["underlined_after"] = underlined()
result["pdf_enabled"] = window.act_export_pdf.isEnabled()
from exporters.soffice import find_soffice
result["soffice"] = find_soffice() is not None
# The first PDF export imports the exporter on this (the GUI) thread, not in its worker.
import tempfile, threading
from pathlib import Path
from desktop import dialogs, services
worker = {}
def export_pdf(draft, path, template=None):
    worker["thread"] = threading.current_thread().name
    worker["exporter_loaded"] = "exporters.pdf" in sys.modules
services.export_pdf = export_pdf
dialogs.choose_export_path = lambda *args: Path(tempfile.mkdtemp()) / "aktstykke.pdf"
result["pdf_started"] = window.exports.export_pdf()
window.exports.wait_for_pdf()
result["pdf_worker"] = worker
window._closing = True
window.close()
print("RESULT" + json.dumps(result))
"""


@functools.cache
def _start() -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(EXAMPLE)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.rsplit("RESULT", 1)[1])


def _loaded(modules: list[str], prefix: str) -> list[str]:
    return [m for m in modules if m == prefix or m.startswith(prefix + ".")]


def test_the_window_with_the_example_loads_only_what_it_shows() -> None:
    result = _start()
    modules = result["modules"]
    for lazy in NOT_AT_START:
        assert _loaded(modules, lazy) == [], lazy
    # What the window does show is there: the checks ran and the preview rendered.
    assert "forms.checks" in modules and "exporters.html" in modules
    # The PDF action still knows whether LibreOffice is there.
    assert result["pdf_enabled"] == result["soffice"]


def test_the_first_pdf_export_imports_the_exporter_before_its_worker_thread() -> None:
    result = _start()
    if not result["soffice"]:
        assert result["pdf_started"] is False  # said so in a dialog; nothing started
        return
    assert result["pdf_started"] is True
    assert result["pdf_worker"] == {"thread": "pdf-export", "exporter_loaded": True}


def test_the_dictionary_opens_after_the_start_and_underlines_what_is_shown() -> None:
    result = _start()
    assert result["opening_before_loop"] is False
    assert result["opening_after_loop"] is True
    assert result["underlined_before"] == []
    if not result["ready"]:
        assert result["unavailable"]  # no dictionary here: said why, nothing underlined
        assert result["underlined_after"] == []
        return
    assert "Xqzvwøk" in result["underlined_after"]
