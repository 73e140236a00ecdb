"""Export from the editor: Word (our template or the author's), PDF through
LibreOffice when it is installed, and opening the exported file."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from desktop import dialogs, services
from desktop.dialogs.pagesdialog import PagesDialog
from desktop.session.document import DraftDocument
from desktop.session.settings import Settings
from forms.atomic import os_error_reason
from forms.draftfile import DraftFileError

T = TypeVar("T")


def cannot_write(path: Path, exc: OSError) -> str:
    """Why an exported file could not be written, in Danish."""
    return f"Word-filen »{path.name}« kan ikke skrives: {os_error_reason(exc)}."


def _report_lines(report) -> list[str]:
    """What the export wants the author to know: styles a template lacked."""
    message = report.fallback_message() if report is not None else None
    return [message] if message else []


class ExportController(QObject):
    finished = Signal(str)
    """A Danish line for the status bar."""
    pdfDone = Signal(object, object)
    """(path, error message or None) from the PDF worker thread."""
    lastExportChanged = Signal()
    """"Åbn den eksporterede fil" has another file to open."""

    def __init__(self, window: QWidget, doc: DraftDocument, settings: Settings):
        super().__init__(window)
        self.window = window
        """What the questions are asked over."""
        self.doc = doc
        self.settings = settings
        self.last_export: Path | None = None
        self._pdf_thread: threading.Thread | None = None
        self.pages_dialog: PagesDialog | None = None
        """Vis som sider, made on first use and kept (not modal)."""
        self.pdfDone.connect(self._pdf_finished)

    def _suggestion(self, suffix: str) -> str:
        doc = self.doc
        if doc.path is not None:
            return str(doc.path.with_suffix(suffix))
        stem = Path(doc.display_name()).stem or "aktstykke"
        return str(Path(self.settings.last_folder) / f"{stem}{suffix}")

    def export_word(self, *, choose_template: bool = False) -> Path | None:
        template = self.settings.word_template
        if choose_template:
            chosen = dialogs.choose_template(
                self.window, str(template.parent if template else self.settings.last_folder)
            )
            if chosen is None:
                return None
            template = chosen
            self.settings.word_template = chosen
        elif template is not None and not template.is_file():
            template = None
        path = dialogs.choose_export_path(
            self.window, "Eksportér til Word", self._suggestion(".docx"), dialogs.WORD_FILTER
        )
        if path is None:
            return None
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
        report = self._run_export(
            path, lambda: services.export_docx(self.doc.draft, path, template)
        )
        if report is None:
            return None
        self.set_last_export(path)
        lines = _report_lines(report)
        used = f" med skabelonen »{template.name}«" if template else ""
        if lines:
            dialogs.show_info(self.window, "Eksporteret med bemærkninger", "\n".join(lines))
        self.finished.emit(f"Eksporteret til {path.name}{used}.")
        return path

    def _run_export(self, path: Path, run: Callable[[], T]) -> T | None:
        """Run an export; what went wrong is said in a Danish dialog (None then)."""
        try:
            return run()
        except services.ServiceMissing as exc:
            dialogs.show_error(self.window, "Eksport ikke mulig", str(exc))
        except (services.ExportFailed, DraftFileError) as exc:
            dialogs.show_error(self.window, "Eksport mislykkedes", exc.message)
        except OSError as exc:
            dialogs.show_error(self.window, "Eksport mislykkedes", cannot_write(path, exc))
        return None

    def show_pages(self) -> PagesDialog:
        """Vis som sider: the Word file as it will print, made in the background."""
        if self.pages_dialog is None:
            self.pages_dialog = PagesDialog(self.window)
            self.pages_dialog.refresh_button.clicked.connect(self._render_pages)
        self.pages_dialog.setWindowTitle(f"Vis som sider – {self.doc.display_name()}")
        self.pages_dialog.show()
        self.pages_dialog.raise_()
        self._render_pages()
        return self.pages_dialog

    def _render_pages(self) -> None:
        if self.pages_dialog is None:
            return
        template = self.settings.word_template
        template = template if template is not None and template.is_file() else None
        self.pages_dialog.make_pages(self.doc.draft.model_copy(deep=True), template)

    def close_pages(self) -> None:
        if self.pages_dialog is not None:
            self.pages_dialog.close()

    def export_urgency_letter(self) -> Path | None:
        """The letter to Finansudvalget's chair asking for urgent treatment (B-03, P-03),
        a Word file beside the aktstykke; only for a draft marked as urgent."""
        if not self.doc.draft.flags.urgent:
            dialogs.show_error(
                self.window,
                "Brev om hastebehandling",
                "Aktstykket er ikke markeret som hastende. Markér »Sagen haster« i hovedet, "
                "og begrund hastværket i punkt b eller c.",
            )
            return None
        stem = Path(self._suggestion(".docx")).with_suffix("")
        suggestion = str(stem.with_name(f"{stem.name}-hastebrev.docx"))
        path = dialogs.choose_export_path(
            self.window, "Eksportér brev om hastebehandling", suggestion, dialogs.WORD_FILTER
        )
        if path is None:
            return None
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
        if (
            self._run_export(path, lambda: services.export_urgency_letter(self.doc.draft, path))
            is None
        ):
            return None
        self.set_last_export(path)
        self.finished.emit(f"Brevet om hastebehandling er eksporteret til {path.name}.")
        return path

    def export_pdf(self) -> bool:
        if not services.pdf_available():
            dialogs.show_error(
                self.window,
                "PDF ikke mulig",
                "PDF kræver LibreOffice, som ikke er installeret på denne computer. "
                "Eksportér til Word i stedet, og gem som PDF fra Word.",
            )
            return False
        if self._pdf_thread is not None and self._pdf_thread.is_alive():
            self.finished.emit("PDF-eksporten er allerede i gang …")
            return False
        try:
            services.load_pdf_exporter()  # here, not first in the worker thread
        except services.ServiceMissing as exc:
            dialogs.show_error(self.window, "PDF ikke mulig", str(exc))
            return False
        path = dialogs.choose_export_path(
            self.window, "Eksportér til PDF", self._suggestion(".pdf"), dialogs.PDF_FILTER
        )
        if path is None:
            return False
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        draft = self.doc.draft.model_copy(deep=True)
        template = self.settings.word_template
        template = template if template is not None and template.is_file() else None
        self.finished.emit(f"Laver PDF-filen {path.name} med LibreOffice …")

        def work() -> None:
            try:
                services.export_pdf(draft, path, template)
            except services.ExportFailed as exc:
                self.pdfDone.emit(path, exc.message)
            except DraftFileError as exc:
                self.pdfDone.emit(path, exc.message)
            except services.ServiceMissing as exc:
                self.pdfDone.emit(path, str(exc))
            except Exception as exc:
                message = getattr(exc, "message", None) or str(exc)
                self.pdfDone.emit(path, f"PDF-filen »{path.name}« kunne ikke laves: {message}")
            else:
                self.pdfDone.emit(path, None)

        self._pdf_thread = threading.Thread(target=work, name="pdf-export", daemon=True)
        self._pdf_thread.start()
        return True

    def wait_for_pdf(self, timeout: float = 120.0) -> None:
        if self._pdf_thread is not None:
            self._pdf_thread.join(timeout)

    def _pdf_finished(self, path: Path, error: str | None) -> None:
        if error:
            dialogs.show_error(self.window, "PDF-eksport mislykkedes", error)
            self.finished.emit("PDF-eksporten mislykkedes.")
            return
        self.set_last_export(path)
        self.finished.emit(f"Eksporteret til {path.name}.")

    def set_last_export(self, path: Path) -> None:
        """The file "Åbn den eksporterede fil" opens (also the final export's)."""
        self.last_export = path
        self.lastExportChanged.emit()

    def open_last(self) -> bool:
        if self.last_export is None or not self.last_export.exists():
            dialogs.show_error(self.window, "Ingen eksporteret fil", "Eksportér aktstykket først.")
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export)))
