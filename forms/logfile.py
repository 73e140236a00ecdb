"""The program's log: a rotating file in the user's log folder, without Qt.

The editor and the command line both call `setup_logging()` first thing, so an
uncaught exception, a rule that crashed (forms.checks) and a fatal error
(faulthandler: Python's own aborts such as `none_dealloc`, a segfault in Qt)
leave a trace even when there is no console at all, as in a windowed build on
Windows where `sys.stderr` is None. Logging itself never raises or prints: a
log folder that cannot be written only means there is no log.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import logging.handlers
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TextIO

import platformdirs

from forms.version import APP_VERSION

APP_NAME = "Aktstykke"
LOG_NAME = "aktstykke.log"
FATAL_NAME = "aktstykke-fatal.log"
"""Where faulthandler writes a fatal error; moved into the log at the next start."""
MAX_BYTES = 1024 * 1024
BACKUPS = 3
EXIT_INTERNAL = 70
"""Exit status of a command that stopped on a program error (sysexits' EX_SOFTWARE)."""

_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
log = logging.getLogger("aktstykke")
_fatal_stream: TextIO | None = None


class _QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file handler that never prints "--- Logging error ---" to the user:
    on a full disk or a log locked by another process the record is dropped."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass


def log_folder() -> Path:
    """~/.local/state/Aktstykke/log, %LOCALAPPDATA%\\Aktstykke\\Logs, ~/Library/Logs/Aktstykke."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    return log_folder() / LOG_NAME


def current_log_file() -> Path | None:
    """The file the log is written to, or None when it could not be set up."""
    handler = _our_handler()
    return Path(handler.baseFilename) if handler is not None else None


def setup_logging(level: int = logging.INFO, *, fatal_errors: bool = False) -> Path | None:
    """Send every log record of `level` and above to the rotating log file.

    With `fatal_errors` (the editor, a long-running process), Python's fatal
    errors are written beside it too. Idempotent; when the user's log folder
    changed (tests), the file follows. Returns the log file, or None when the
    folder cannot be written.
    """
    path = log_path()
    root = logging.getLogger()
    handler = _our_handler()
    if handler is not None and Path(handler.baseFilename) == path:
        if fatal_errors:
            _enable_faulthandler(path.parent)
        return path
    if handler is not None:
        root.removeHandler(handler)
        handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _QuietRotatingFileHandler(
            path,
            maxBytes=MAX_BYTES,
            backupCount=BACKUPS,
            encoding="utf-8",
            errors="backslashreplace",  # a lone surrogate in a message is logged, escaped
            delay=True,  # the file is made on the first record, not on every command
        )
    except OSError:
        if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
            root.addHandler(logging.NullHandler())  # never logging's traceback on stderr
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.setLevel(level)
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    if fatal_errors:
        _enable_faulthandler(path.parent)
    return path


def log_exception(
    message: str,
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
) -> None:
    """An exception with its traceback into the log (never raises)."""
    with contextlib.suppress(Exception):
        log.error("%s (Aktstykke %s)", message, APP_VERSION, exc_info=(exc_type, exc, tb))


def report_crash(prog: str, exc: BaseException) -> int:
    """For the command line: log the traceback, tell the user in Danish where it is,
    and return EXIT_INTERNAL. The user never sees a traceback."""
    log_exception(f"{prog} stopped on an uncaught exception", type(exc), exc, exc.__traceback__)
    _write_stderr(f"{prog}: fejl: {crash_sentence(exc)}\n")
    return EXIT_INTERNAL


def crash_sentence(exc: BaseException) -> str:
    """'Der opstod en uventet programfejl (…). Detaljerne er skrevet i logfilen …'"""
    text = str(exc)
    if len(text) > 200:
        text = text[:199] + "…"
    what = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return f"Der opstod en uventet programfejl ({what}). {where_the_details_are()}"


def where_the_details_are() -> str:
    path = current_log_file()
    if path is None:
        return "Der kunne ikke skrives en logfil. Meld gerne fejlen."
    return f"Detaljerne er skrevet i logfilen {path}. Meld gerne fejlen, og send logfilen med."


def install_excepthook() -> None:
    """For the command line: an exception that escapes everything (a worker thread,
    interpreter shutdown) is logged and told in Danish, never shown as a traceback."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log_exception("uncaught exception", exc_type, exc, tb)
        _write_stderr(f"aktstykke: fejl: {crash_sentence(exc)}\n")

    sys.excepthook = hook


def format_details(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    """The text the crash dialog shows and copies: version, log file, traceback."""
    path = current_log_file()
    where = f"Logfil: {path}\n" if path is not None else ""
    return f"Aktstykke {APP_VERSION}\n{where}" + "".join(
        traceback.format_exception(exc_type, exc, tb)
    )


def _write_stderr(text: str) -> None:
    stream = sys.stderr
    if stream is None:  # a windowed build: the log is the only trace
        return
    with contextlib.suppress(Exception):
        stream.write(text)
        stream.flush()


def _our_handler() -> _QuietRotatingFileHandler | None:
    return next(
        (h for h in logging.getLogger().handlers if isinstance(h, _QuietRotatingFileHandler)),
        None,
    )


def _enable_faulthandler(folder: Path) -> None:
    """Python's fatal errors bypass every hook: faulthandler writes their stack to a
    file of its own, which the next start moves into the log."""
    global _fatal_stream
    fatal = folder / FATAL_NAME
    with contextlib.suppress(OSError, ValueError):
        if fatal.exists() and fatal.stat().st_size:
            text = fatal.read_text("utf-8", errors="replace")
            log.error("the previous run ended in a fatal error:\n%s", text.strip())
            fatal.write_bytes(b"")
        stream = fatal.open("a", encoding="utf-8")
        faulthandler.enable(stream)
        if _fatal_stream is not None:
            _fatal_stream.close()
        _fatal_stream = stream
