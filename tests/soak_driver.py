"""Drives the real editor window offscreen for a long time, in a process of its own.

tests/test_soak.py runs this module as `python -m tests.soak_driver MODE FOLDER`.
A Qt binding that mishandles reference counts (PySide6-Essentials 6.12.0 on
Python 3.11 drops a reference to None on every QAction setter) aborts the whole
process with "Fatal Python error: none_dealloc"; in a subprocess of its own
that abort is a failing test instead of a dead test run.

Modes (each writes FOLDER/MODE.json with what it saw; exit 0 when all is well):
- refcount: 10,000 edits as an author makes them (keys typed into a paragraph,
  a header field and budget-table cells) while sys.getrefcount(None) is sampled.
- soak: 5,000 key presses across header fields, paragraphs, table cells and a
  new sub-heading with paragraphs after it; a save half-way (Ctrl+S), then a
  pause short of the 30-second autosave, then the process kills itself with
  SIGKILL as a crash would, leaving the recovery file behind.
- recover: starts the editor as after that crash, recovers the recovery file
  and saves it (Ctrl+S).

Keys go to whatever widget has the keyboard focus, and fields are entered with
a mouse click, as a person does; the expected text is built from what was
typed, never read back from the editor.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton

EDITS = 10_000
KEY_PRESSES = 5_000
SAMPLE_EVERY = 250
LEAK_LIMIT = 1_000
"""References to None that may go missing before the run stops early: the leak
measured in 6.12.0 loses about 60 per keystroke, honest code none."""

WORDS = (
    "bevilling",
    "tilsagn",
    "Udenrigsministeriet",
    "økonomi",
    "år",
    "fælles",
    "mio. kr.",
    "§ 06.32",
    "(2024-pl)",
    "ændring;",
    "Ø-støtte",
    "100,0",
)
"""What the author types: Danish letters, digits, signs and spaces."""

CELL_VALUES = ("12,5", "1.250,5", "-", "0,1", "50,0", "7", "-2.093,8", "1,250.5")
"""Amounts typed into cells; the last is English and does not parse: it must
stay in the cell as typed."""


def words(seed: int, count: int) -> str:
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(count))


class Author:
    """Sends key presses and mouse clicks to the window as a person would."""

    def __init__(self, window):
        self.window = window
        self.presses = 0
        self.edits = 0

    def focus(self) -> QWidget:
        return QApplication.focusWidget() or self.window

    def key(self, key: Qt.Key, modifiers=NONE) -> None:
        QTest.keyClick(self.focus(), key, modifiers)
        self.presses += 1
        QApplication.processEvents()  # a person's keys arrive one event loop pass apart

    def type(self, text: str) -> None:
        for char in text:
            QTest.keyClicks(self.focus(), char)
            self.presses += 1
            self.edits += 1
            if char == " " or self.presses % 8 == 0:
                QApplication.processEvents()

    def erase(self, count: int) -> None:
        """Backspace `count` times: each one an edit of the text."""
        for _ in range(count):
            QTest.keyClick(self.focus(), Qt.Key.Key_Backspace)
            self.presses += 1
            self.edits += 1
            if self.presses % 8 == 0:
                QApplication.processEvents()

    def click(self, widget: QWidget, point: QPoint | None = None) -> None:
        QTest.mouseClick(widget, LEFT, NONE, point if point is not None else widget.rect().center())
        QApplication.processEvents()

    def part(self, number: int) -> None:
        """Ctrl+1 … Ctrl+7: the header, then litra a-f."""
        self.key(getattr(Qt.Key, f"Key_{number}"), CTRL)

    # -- targets ---------------------------------------------------------------------

    def line_edit(self, edit: QLineEdit, text: str) -> None:
        """Click into a header line edit, go to its end and type."""
        self.part(1)
        self.window.header_form.ensureWidgetVisible(edit)
        self.click(edit)
        assert self.focus() is edit, f"focus is on {self.focus()!r}, not on {edit.accessibleName()}"
        self.key(Qt.Key.Key_End)
        self.type(text)

    def paragraph(self, letter: str, index: int, text: str) -> None:
        """Click into a paragraph, Ctrl+End and type at its end."""
        form = self.window.forms[letter]
        self.part("abcdef".index(letter) + 2)
        editor = form.frame_at(index).editor
        form.scroll_area.ensureWidgetVisible(editor)
        self.click(editor.viewport())
        assert self.focus() is editor, f"focus is on {self.focus()!r}, not on paragraph {index}"
        self.key(Qt.Key.Key_End, CTRL)
        self.type(text)

    def cell(self, letter: str, block: int, row: int, column: int, text: str) -> None:
        """Click a table cell, type over it and press Enter."""
        form = self.window.forms[letter]
        self.part("abcdef".index(letter) + 2)
        table = form.frame_at(block).editor
        form.scroll_area.ensureWidgetVisible(table.view)
        index = table.model.index(row, column)
        table.view.scrollTo(index)  # a wide table scrolls its years sideways
        QApplication.processEvents()
        self.click(table.view.viewport(), table.view.visualRect(index).center())
        assert table.view.currentIndex() == index, "the click did not select the cell"
        focus = self.focus()
        assert focus is table.view or table.isAncestorOf(focus), (
            f"the click left focus on {focus!r}"
        )
        # Typing starts the cell editor with the first key, as in a spreadsheet.
        for char in text:
            QTest.keyClicks(self.focus(), char)
            self.presses += 1
            QApplication.processEvents()
        self.key(Qt.Key.Key_Return)
        self.edits += 1


# -- set-up ------------------------------------------------------------------------------


def start(folder: Path, *, open_draft: bool = True):
    from desktop.app import configure_application
    from desktop.session.recovery import RecoveryStore
    from desktop.session.settings import Settings
    from desktop.testing import settings_in
    from desktop.window.mainwindow import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    QCoreApplication.setOrganizationName("AktstykkeSoak")
    QCoreApplication.setApplicationName("AktstykkeSoak")
    window = MainWindow(
        settings=Settings(settings_in(folder)),
        recovery=RecoveryStore(folder / "recovery"),
        check_delay_ms=50,
    )
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    if open_draft:
        assert window.open_path(folder / "draft.aktstykke", ask_save=False)
    window.refresh_now()
    return app, window


def finish(app, window, folder: Path, mode: str, result: dict) -> int:
    (folder / f"{mode}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    window._closing = True
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    return 0 if result.get("ok") else 1


def none_references() -> int:
    gc.collect()
    return sys.getrefcount(None)


def settled_none_references(window) -> int:
    """References to None once the undo history and the checker's caches, which
    grow with the edits by design, are dropped: what is left would be a leak."""
    from desktop import services

    window.doc.undo_stack.clear()
    window._checker = services.make_checker()
    window.refresh_now()
    QTest.qWait(20)
    return none_references()


# -- modes -------------------------------------------------------------------------------


def run_refcount(folder: Path) -> int:
    """10,000 edits; sys.getrefcount(None) sampled as they go."""
    app, window = start(folder)
    author = Author(window)
    header = window.header_form
    measure = sys.version_info < (3, 12)  # from 3.12 on None is immortal
    # One round of each path first, so caches, fonts and lazily built forms exist.
    author.paragraph("a", 0, " start")
    author.line_edit(header.minister, " A")
    author.cell("b", 10, 0, 2, "50,0")
    QTest.qWait(80)
    baseline = settled_none_references(window) if measure else 0
    running = none_references()
    author.edits = 0
    samples: list[tuple[int, int]] = [(0, 0)]
    started = time.monotonic()
    round_number = 0
    stopped = None
    # Every round leaves the draft as it found it (typed text is erased again,
    # amounts are typed back), so the count must come back to where it started.
    while author.edits < EDITS:
        round_number += 1
        text = " " + words(round_number, 5)
        author.paragraph("a", 0, text)
        author.erase(len(text))
        field = header.place if round_number % 2 else header.minister
        author.line_edit(field, "x" * 20)
        author.erase(20)
        for row in range(2):
            author.cell("b", 10, row, 2, ("12,5", "7,0", "0,1")[(round_number + row) % 3])
            author.cell("b", 10, row, 2, "50,0")
        QTest.qWait(60)  # a pause: the checks, findings and preview follow
        if author.edits >= samples[-1][0] + SAMPLE_EVERY:
            delta = none_references() - running if measure else 0
            samples.append((author.edits, delta))
            if delta < -LEAK_LIMIT:
                stopped = f"None lost {-delta} references after {author.edits} edits"
                break
    after = none_references() - running if measure else 0
    settled = settled_none_references(window) - baseline if measure else 0
    result = {
        "ok": stopped is None,
        "stopped": stopped,
        "measured": measure,
        "python": sys.version.split()[0],
        "pyside": _pyside_version(),
        "edits": author.edits,
        "key_presses": author.presses,
        "seconds": round(time.monotonic() - started, 1),
        "none_after": after,
        "none_settled": settled,
        "samples": samples,
    }
    return finish(app, window, folder, "refcount", result)


def run_soak(folder: Path) -> int:
    """5,000 key presses, a save half-way, autosave, then a crash (SIGKILL)."""
    from forms.draftfile import load_draft

    _app, window = start(folder)
    author = Author(window)
    header = window.header_form
    draft = load_draft(folder / "draft.aktstykke").draft
    expected = {
        "minister": draft.minister,
        "place": draft.place,
        "a0": draft.section("a").blocks[0].text,
        "b1": draft.section("b").blocks[1].text,
        "cells": {},
        "labels": {},
    }
    started = time.monotonic()
    round_number = 0
    saved_at: dict | None = None
    cells = [(0, 2), (1, 2)]
    while author.presses < KEY_PRESSES - 150:
        round_number += 1
        text = " " + words(round_number, 4)
        author.paragraph("a", 0, text)
        expected["a0"] += text
        text = " " + words(round_number + 1, 3)
        author.paragraph("b", 1, text)
        expected["b1"] += text
        if round_number % 2:
            author.line_edit(header.minister, "æ")
            expected["minister"] += "æ"
        else:
            author.line_edit(header.place, "ø")
            expected["place"] += "ø"
        row, column = cells[round_number % len(cells)]
        value = CELL_VALUES[round_number % (len(CELL_VALUES) - 1)]
        author.cell("b", 10, row, column, value)
        expected["cells"][f"{row},{column - 2}"] = value
        if round_number % 5 == 0:
            label = f"Post {round_number}"
            author.cell("b", 10, row, 0, label)
            expected["labels"][str(row)] = label
        QTest.qWait(60)
        if saved_at is None and author.presses >= KEY_PRESSES // 2:
            author.key(Qt.Key.Key_S, CTRL)
            QApplication.processEvents()
            saved_at = json.loads(json.dumps(expected))
            saved_at["presses"] = author.presses
    # The end: a new sub-heading after the last paragraph of b, and paragraphs after it.
    form = window.forms["b"]
    last = len(window.doc.draft.section("b").blocks) - 1
    author.paragraph("b", last, "")
    author.key(Qt.Key.Key_U, CTRL_SHIFT)
    heading = "Tidsplan og økonomi"
    author.type(heading)
    author.key(Qt.Key.Key_P, CTRL_SHIFT)
    first = "Projektet løber fra 2024 til 2026 (2024-pl)."
    author.type(first)
    author.key(Qt.Key.Key_Return)
    second = "Ændringer forelægges Finansudvalget."
    author.type(second)
    # An English amount in the last cell: kept as typed, not thrown away.
    author.cell("b", 10, 1, 2, "1,250.5")
    expected["cells"]["1,0"] = "1,250.5"
    # The last presses go on the paragraph after the sub-heading.
    tail = "!" * max(0, KEY_PRESSES - author.presses - 2)
    author.paragraph("b", last + 3, tail)
    second += tail
    expected["tail"] = [["subheading", heading], ["paragraph", first], ["paragraph", second]]
    expected["presses"] = author.presses
    expected["saved_at"] = saved_at
    expected["pyside"] = _pyside_version()
    expected["python"] = sys.version.split()[0]
    expected["seconds"] = round(time.monotonic() - started, 1)
    assert form.current >= 0
    # Well short of the 30-second autosave: the pause after typing must suffice.
    recovery = folder / "recovery"
    last_edit = time.time_ns()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        QTest.qWait(100)
        if any(p.stat().st_mtime_ns > last_edit for p in recovery.glob("*.aktstykke")):
            break
    expected["autosaved_after_last_edit"] = any(
        p.stat().st_mtime_ns > last_edit for p in recovery.glob("*.aktstykke")
    )
    expected["recovery_files"] = sorted(p.name for p in recovery.glob("*.aktstykke"))
    expected["ok"] = True
    (folder / "soak.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1), "utf-8")
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)  # a crash: no clean-up, no last save
    return 1  # not reached


def run_recover(folder: Path) -> int:
    """After the crash: offer the recovery file, recover it and save with Ctrl+S."""
    import pytest

    from desktop.app import offer_recovery
    from desktop.testing import ScriptedDialogs

    patch = pytest.MonkeyPatch()
    script = ScriptedDialogs(patch)
    script.answer("ask_recover", "recover")
    app, window = start(folder, open_draft=False)
    offer_recovery(window, [window])
    recovered = window.doc.path
    author = Author(window)
    author.part(1)
    author.key(Qt.Key.Key_S, CTRL)
    QApplication.processEvents()
    result = {
        "ok": recovered is not None and not window.doc.modified,
        "recovered_path": str(recovered) if recovered else None,
        "dialogs": [name for name, _args in script.calls],
        "modified_after_save": window.doc.modified,
    }
    patch.undo()
    return finish(app, window, folder, "recover", result)


def _pyside_version() -> str:
    import PySide6

    return PySide6.__version__


MODES = {"refcount": run_refcount, "soak": run_soak, "recover": run_recover}


def main(argv: list[str]) -> int:
    mode, folder = argv[1], Path(argv[2])
    return MODES[mode](folder)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
