"""Vis som sider: the Word file as pages, made in the background (issue 15 point 7)."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time

import pytest
from PySide6.QtWidgets import QApplication

from exporters import pages as pages_module
from exporters.errors import ExportError
from exporters.pages import MISSING_PDFTOPPM, MISSING_SOFFICE, missing_tool, render_pages

pytestmark = pytest.mark.usefixtures("app_names")

needs_tools = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice (soffice) and poppler's pdftoppm are needed to draw pages "
    "(scripts/setup installs libreoffice-writer-nogui and poppler-utils)",
)


def _no_soffice(monkeypatch, tmp_path):
    """A computer without LibreOffice: nothing on PATH, configured or in the usual places."""
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("AKTSTYKKE_SOFFICE", raising=False)
    monkeypatch.setattr("exporters.soffice.usual_locations", lambda *_: [])


def test_missing_libreoffice_is_said_in_danish(monkeypatch, tmp_path, example):
    _no_soffice(monkeypatch, tmp_path)
    assert missing_tool() == MISSING_SOFFICE
    with pytest.raises(ExportError) as raised:
        render_pages(example)
    assert "kræver LibreOffice" in raised.value.message


def test_missing_pdftoppm_is_said_in_danish(monkeypatch, tmp_path):
    soffice = tmp_path / "soffice"
    soffice.write_text("#!/bin/sh\nexit 0\n")
    soffice.chmod(0o755)
    monkeypatch.setenv("AKTSTYKKE_SOFFICE", str(soffice))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("AKTSTYKKE_PDFTOPPM", raising=False)
    assert missing_tool() == MISSING_PDFTOPPM
    assert "poppler-utils" in MISSING_PDFTOPPM


def test_the_dialog_says_what_is_missing(window, monkeypatch, tmp_path):
    _no_soffice(monkeypatch, tmp_path)
    dialog = window.exports.show_pages()
    try:
        assert dialog.isVisible() and not dialog.is_busy()
        assert dialog.status.text() == MISSING_SOFFICE
        assert dialog.page_labels == []
    finally:
        dialog.close()


def test_pages_are_made_without_blocking_the_editor(window, qtbot, monkeypatch):
    """A slow renderer: the dialog shows its progress and the GUI thread is free."""
    release = threading.Event()
    seen_thread: list[threading.Thread] = []

    def slow(draft, template):
        seen_thread.append(threading.current_thread())
        release.wait(5)
        return [_png(10, 14), _png(10, 14)]

    monkeypatch.setattr("desktop.dialogs.pagesdialog._render", slow)
    monkeypatch.setattr("desktop.dialogs.pagesdialog._missing_tool", lambda: None)
    started = time.monotonic()
    dialog = window.exports.show_pages()
    try:
        assert time.monotonic() - started < 1.0
        assert dialog.is_busy() and "Laver siderne" in dialog.status.text()
        QApplication.processEvents()  # the GUI keeps running meanwhile
        assert dialog.is_busy()
        release.set()
        qtbot.waitUntil(lambda: not dialog.is_busy() and len(dialog.captions) == 2, timeout=10000)
        assert seen_thread and seen_thread[0] is not threading.main_thread()
        assert [c.text() for c in dialog.captions] == ["Side 1 af 2", "Side 2 af 2"]
    finally:
        release.set()
        dialog.close()


def _png(width: int, height: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


@needs_tools
def test_render_pages_gives_a4_pages_with_page_numbers(example):
    made = render_pages(example, dpi=40)
    assert len(made) >= 2
    assert all(image.startswith(b"\x89PNG") for image in made.images)
    if shutil.which("pdftotext") is not None:
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=made.pdf, capture_output=True, check=True
        ).stdout.decode("utf-8")
        pages = text.split("\f")
        # The footer's page field: each page ends with its own number.
        for number, page in enumerate(p for p in pages if p.strip()):
            assert page.strip().splitlines()[-1].strip() == str(number + 1)


@needs_tools
def test_vis_som_sider_shows_the_word_file_as_pages(window, qtbot):
    action = window.act_show_pages
    assert action in window.menu("view").actions()
    started = time.monotonic()
    action.trigger()
    assert time.monotonic() - started < 2.0  # LibreOffice runs in the background
    dialog = window.exports.pages_dialog
    assert dialog is not None and dialog.isVisible()
    try:
        qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=120000)
        count = len(dialog.page_labels)
        assert count >= 2, dialog.status.text()
        assert dialog.captions[0].text() == f"Side 1 af {count}"
        assert dialog.captions[-1].text() == f"Side {count} af {count}"
        pixmap = dialog.page_labels[0].pixmap()
        assert not pixmap.isNull()
        assert 1.35 < pixmap.height() / pixmap.width() < 1.48  # A4 upright
        assert f"{count} sider" in dialog.status.text()
    finally:
        dialog.close()


def test_pdftoppm_failure_is_reported(monkeypatch, tmp_path):
    fake = tmp_path / "pdftoppm"
    fake.write_text("#!/bin/sh\necho 'Syntax Error: broken' >&2\nexit 99\n")
    fake.chmod(0o755)
    monkeypatch.setenv("AKTSTYKKE_PDFTOPPM", str(fake))
    with pytest.raises(ExportError) as raised:
        pages_module.pdf_to_png_pages(b"%PDF-1.4 not really")
    assert "afslutningskode 99" in raised.value.message
