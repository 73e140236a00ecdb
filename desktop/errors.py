"""Never a silent crash: an unexpected exception writes every open draft to its
recovery file first, goes to the log file with its traceback (forms.logfile,
also when there is no console), then shows the error naming the log file, with
a "Kopiér detaljer" button."""

from __future__ import annotations

import contextlib
import sys
import threading
import weakref
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forms import logfile

_savers: list[weakref.WeakMethod] = []
_handling = False


def register_emergency_saver(method: Callable[[], object]) -> None:
    """A bound method that writes a window's recovery file; called before the dialog."""
    _savers.append(weakref.WeakMethod(method))


def unregister_emergency_saver(method: Callable[[], object]) -> None:
    _savers[:] = [ref for ref in _savers if ref() is not None and ref() != method]


def save_everything() -> int:
    """Write every open draft's recovery file; returns how many were written."""
    written = 0
    for ref in list(_savers):
        saver = ref()
        if saver is None:
            continue
        with contextlib.suppress(Exception):
            saver()
            written += 1
    return written


class ErrorDialog(QDialog):
    def __init__(
        self,
        summary: str,
        details: str,
        parent: QWidget | None = None,
        log_file: Path | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Uventet fejl")
        self.details = details
        layout = QVBoxLayout(self)
        message = QLabel(summary)
        message.setWordWrap(True)
        layout.addWidget(message)
        log_file = log_file if log_file is not None else logfile.current_log_file()
        self.log_label = QLabel(
            f"Logfil: {log_file}" if log_file is not None else "Der kunne ikke skrives en logfil."
        )
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.log_label.setAccessibleName("Logfilens placering")
        layout.addWidget(self.log_label)
        label = QLabel("&Detaljer (send dem til den, der hjælper med programmet):")
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Detaljer om fejlen")
        label.setBuddy(self.text)
        layout.addWidget(label)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("&Kopiér detaljer")
        self.copy_button.setAccessibleName("Kopiér detaljer")
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton("&Luk", QDialogButtonBox.ButtonRole.AcceptRole)
        close.clicked.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)
        self.copy_button.setText("Kopieret")


def show_error_dialog(summary: str, details: str) -> None:
    """The seam tests replace; shows the modal error dialog."""
    parent = QApplication.activeWindow()
    ErrorDialog(summary, details, parent).exec()


def summary_text(exc: BaseException, saved: int) -> str:
    kept = (
        "Dit arbejde er gemt i en gendannelsesfil og tilbydes igen, hvis programmet lukkes. "
        if saved
        else ""
    )
    return (
        f"Der opstod en uventet fejl i Aktstykke: {type(exc).__name__}: {exc}\n\n"
        f"{kept}Du kan arbejde videre, men gem gerne dit arbejde nu. Meld gerne fejlen, "
        "og send detaljerne eller logfilen med."
    )


def handle_exception(exc_type, exc, tb) -> None:
    global _handling
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    logfile.log_exception("uncaught exception in the editor", exc_type, exc, tb)
    details = logfile.format_details(exc_type, exc, tb)
    if sys.stderr is not None:  # None in a windowed build: the log file is the trace
        with contextlib.suppress(Exception):
            sys.stderr.write(details)
    if _handling:
        return  # an error while showing an error: the traceback above must do
    _handling = True
    try:
        saved = save_everything()
        if QApplication.instance() is not None:
            show_error_dialog(summary_text(exc, saved), details)
    finally:
        _handling = False


class _Relay(QObject):
    """Carries an exception from a worker thread to the GUI thread."""

    raised = Signal(object, object, object)


_relay: _Relay | None = None


def install() -> None:
    global _relay
    sys.excepthook = handle_exception
    _relay = _Relay()
    _relay.raised.connect(handle_exception)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        # At exit the relay may already be deleted: the log keeps the trace then.
        if _relay is not None and shiboken6.isValid(_relay):
            with contextlib.suppress(RuntimeError):
                _relay.raised.emit(args.exc_type, args.exc_value, args.exc_traceback)
                return
        if args.exc_value is not None:
            logfile.log_exception(
                "uncaught exception in a thread", args.exc_type, args.exc_value, args.exc_traceback
            )

    threading.excepthook = thread_hook
