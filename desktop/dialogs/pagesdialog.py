"""Vis → Vis som sider: the exported Word file as it will print, page by page.

The pages come from exporters.pages (Word → PDF with LibreOffice → PNG with
pdftoppm), made in a worker thread of QThreadPool so the editor never waits;
the dialog says what it is doing, shows each page with "Side N af M" under it,
and says in Danish what is missing when LibreOffice or pdftoppm is not installed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from forms.model import Aktstykke

PAGE_MARGIN = 24


class _Job(QObject):
    """Carries one rendering's result from the worker thread to the dialog."""

    done = Signal(int, object, object)
    """(generation, list of PNG bytes or None, Danish error message or None)."""


def _render(draft: Aktstykke, template: Path | None) -> list[bytes]:
    from exporters.pages import render_pages

    return list(render_pages(draft, template=template).images)


def _missing_tool() -> str | None:
    from exporters.pages import missing_tool

    return missing_tool()


class PagesDialog(QDialog):
    """A window of its own (not modal): the editor stays usable while it works."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Vis som sider")
        self.setAccessibleName("Aktstykket som sider")
        self.setModal(False)
        self._generation = 0
        self._busy = False
        self._images: list[QImage] = []
        self.page_labels: list[QLabel] = []
        self.captions: list[QLabel] = []
        self.renderer: Callable[[Aktstykke, Path | None], list[bytes]] = _render
        """What makes the pages (tests may give their own)."""
        self.missing: Callable[[], str | None] = _missing_tool
        """Why pages cannot be made on this computer, asked before any work starts."""

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Status for siderne")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.status, 1)
        self.refresh_button = QPushButton("&Opdater")
        self.refresh_button.setToolTip("Lav siderne igen ud fra kladden, som den er nu")
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        self.close_button = QPushButton("&Luk")
        self.close_button.setToolTip("Luk visningen af siderne")
        self.close_button.clicked.connect(self.close)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)

        self.page_area = QScrollArea()
        self.page_area.setWidgetResizable(True)
        self.page_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.page_area.setAccessibleName("Siderne")
        self.page_area.setStyleSheet("QScrollArea { background: #8a9099; }")
        self.body = QWidget()
        self.body.setStyleSheet("background: #8a9099;")
        self.pages_layout = QVBoxLayout(self.body)
        self.pages_layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
        self.pages_layout.setSpacing(6)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.page_area.setWidget(self.body)
        layout.addWidget(self.page_area, 1)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """Room for a page's width, never more than the screen has."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        width, height = 860, 1000
        if available is not None:
            width = min(width, int(available.width() * 0.9))
            height = min(height, int(available.height() * 0.9))
        self.resize(width, height)

    # -- rendering ------------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._busy

    def make_pages(self, draft: Aktstykke, template: Path | None = None) -> None:
        """Make the pages of `draft` (a copy, not edited meanwhile) in the background."""
        self._generation += 1
        generation = self._generation
        problem = self.missing()
        if problem is not None:
            self._busy = False
            self._images = []
            self._clear()
            self.status.setText(problem)
            self.status.setStyleSheet("color: #a4000f;")
            return
        self._busy = True
        self.refresh_button.setEnabled(False)
        self.status.setText(
            "Laver siderne med LibreOffice … (det tager nogle sekunder; du kan skrive videre imens)"
        )
        job = _Job(self)
        job.done.connect(self._on_done)
        renderer = self.renderer

        def work() -> None:
            try:
                images, error = renderer(draft, template), None
            except Exception as exc:  # every failure becomes a message in the dialog
                images, error = None, getattr(exc, "message", None) or str(exc)
            with contextlib.suppress(RuntimeError):  # the dialog (and the job with it) is gone
                job.done.emit(generation, images, error)

        QThreadPool.globalInstance().start(work)

    def _on_done(self, generation: int, images: list[bytes] | None, error: str | None) -> None:
        job = self.sender()
        if job is not None:
            job.deleteLater()
        if generation != self._generation:
            return  # a newer rendering is under way
        self._busy = False
        self.refresh_button.setEnabled(True)
        if error is not None or not images:
            self._clear()
            self.status.setText(error or "Der kom ingen sider ud af dokumentet.")
            self.status.setStyleSheet("color: #a4000f;")
            return
        self.status.setStyleSheet("")
        self._images = [QImage.fromData(data) for data in images]
        self._show_pages()
        count = len(self._images)
        self.status.setText(
            f"Aktstykket fylder {count} {'side' if count == 1 else 'sider'}, som Word-filen "
            "udskrives (med UDKAST og sidetal i sidefoden)."
        )

    def _clear(self) -> None:
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.page_labels = []
        self.captions = []

    def _page_width(self) -> int:
        # The viewport less the margins, the page's border and room for the scroll bar.
        bar = self.page_area.verticalScrollBar().sizeHint().width()
        return max(200, self.page_area.viewport().width() - 2 * PAGE_MARGIN - bar - 4)

    def _show_pages(self) -> None:
        self._clear()
        count = len(self._images)
        for number in range(1, len(self._images) + 1):
            page = QLabel()
            page.setFrameShape(QFrame.Shape.Box)
            page.setStyleSheet("background: white; border: 1px solid #50565e;")
            page.setAlignment(Qt.AlignmentFlag.AlignCenter)
            page.setAccessibleName(f"Side {number} af {count}")
            caption = QLabel(f"Side {number} af {count}")
            caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            caption.setStyleSheet("color: white; font-weight: bold; margin-bottom: 14px;")
            self.pages_layout.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
            self.pages_layout.addWidget(caption, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(page)
            self.captions.append(caption)
        self._scale_pages()

    def _scale_pages(self) -> None:
        width = self._page_width()
        for label, image in zip(self.page_labels, self._images, strict=True):
            shown = (
                image
                if image.width() <= width
                else image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            )
            label.setPixmap(QPixmap.fromImage(shown))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._images:
            self._scale_pages()
