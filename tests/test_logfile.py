"""A crash leaves a trace: the rotating log file in the user's log folder, from the
command line and the editor, also when there is no console (sys.stderr is None)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap

import pytest

import cli.commands.check as check_command
from cli.main import EXIT_INTERNAL, main
from forms import logfile
from tests.helpers import ROOT


@pytest.fixture(autouse=True)
def _own_handler():
    """Each test starts without the log handler and leaves none behind."""

    def drop():
        handler = logfile._our_handler()
        if handler is not None:
            logging.getLogger().removeHandler(handler)
            handler.close()

    drop()
    yield
    drop()


def _log_text() -> str:
    return logfile.log_path().read_text("utf-8")


def _run_python(code: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
    )


def test_the_log_is_in_the_users_log_folder(_isolated_home):
    path = logfile.setup_logging()
    assert path == logfile.log_path() == logfile.current_log_file()
    assert path.is_relative_to(_isolated_home)  # tests/conftest.py's temporary HOME
    assert path.name == "aktstykke.log" and "Aktstykke" in path.parts
    logging.getLogger("forms.checks.engine").error("en regel fejlede")
    assert "ERROR forms.checks.engine: en regel fejlede" in _log_text()


def test_setup_is_idempotent_and_follows_the_log_folder(tmp_path, monkeypatch):
    first = logfile.setup_logging()
    logfile.setup_logging()
    ours = [h for h in logging.getLogger().handlers if isinstance(h, type(logfile._our_handler()))]
    assert len(ours) == 1
    monkeypatch.setenv("HOME", str(tmp_path / "anden"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "anden" / "state"))
    second = logfile.setup_logging()
    assert second != first and logfile.current_log_file() == second


def test_the_log_rotates(monkeypatch):
    monkeypatch.setattr(logfile, "MAX_BYTES", 2000)
    path = logfile.setup_logging()
    for number in range(400):
        logfile.log.warning("linje %d med lidt tekst, så filen vokser", number)
    backups = sorted(p.name for p in path.parent.iterdir() if p.name.startswith("aktstykke.log."))
    assert backups == ["aktstykke.log.1", "aktstykke.log.2", "aktstykke.log.3"]
    assert path.stat().st_size <= 2000 + 200


def test_an_unwritable_log_folder_only_means_no_log(_isolated_home, monkeypatch, capsys):
    monkeypatch.setenv("XDG_STATE_HOME", str(_isolated_home / "state"))
    (_isolated_home / "state").write_text("en fil, ikke en mappe", "utf-8")
    assert logfile.setup_logging() is None
    logging.getLogger("forms").error("ingen steder at skrive")
    assert "Der kunne ikke skrives en logfil" in logfile.crash_sentence(RuntimeError("x"))
    assert capsys.readouterr().err == ""  # not logging's own traceback either


def test_a_lone_surrogate_in_a_message_is_logged_escaped():
    logfile.setup_logging()
    logfile.log.error("tekst med \ud800")
    assert "tekst med \\ud800" in _log_text()


def test_a_command_that_crashes_tells_where_the_log_is(monkeypatch, tmp_path, capsys):
    def boom(_args):
        raise RuntimeError("bom i kommandoen")

    monkeypatch.setattr(check_command, "run", boom)
    code = main(["check", str(tmp_path / "x.aktstykke")])
    assert code == EXIT_INTERNAL == 70
    err = capsys.readouterr().err
    assert err.startswith("aktstykke: fejl: Der opstod en uventet programfejl (RuntimeError: ")
    assert f"Detaljerne er skrevet i logfilen {logfile.log_path()}." in err
    assert "Traceback" not in err
    log = _log_text()
    assert "Traceback (most recent call last)" in log and "RuntimeError: bom i kommandoen" in log


def test_a_crash_with_no_console_still_reaches_the_log(_isolated_home, tmp_path):
    # A windowed build on Windows has sys.stderr (and sys.stdout) None.
    code_file = tmp_path / "exit-code.txt"
    result = _run_python(
        """
        import os, sys
        sys.stderr = None
        sys.stdout = None
        import cli.commands.check as check
        def boom(_args):
            raise RuntimeError("bom uden konsol")
        check.run = boom
        from cli.main import main
        code = main(["check", "x.aktstykke"])
        from forms import logfile
        logfile.install_excepthook()
        open(os.environ["EXIT_CODE_FILE"], "w").write(str(code))
        raise ValueError("ufanget uden konsol")
        """,
        EXIT_CODE_FILE=str(code_file),
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""  # nothing to show it on; nothing printed at all
    log = _log_text()
    assert "RuntimeError: bom uden konsol" in log
    assert "ValueError: ufanget uden konsol" in log and "uncaught exception" in log
    assert code_file.read_text() == "70"


def test_the_editor_logs_an_uncaught_exception_without_a_console(_isolated_home):
    result = _run_python(
        """
        import json, sys
        sys.stderr = None
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from desktop import app, errors
        qapp = QApplication(sys.argv[:1])  # the timer below needs the application
        shown = []
        def dialog(summary, details):
            shown.append([summary, details])
            QApplication.instance().quit()
        errors.show_error_dialog = dialog
        def boom():
            raise RuntimeError("bom i editoren")
        QTimer.singleShot(200, boom)
        app.run_editor(None)
        print(json.dumps(shown))
        """
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (summary, details) = json.loads(result.stdout.strip().splitlines()[-1])[0]
    log_file = logfile.log_path()
    assert "RuntimeError: bom i editoren" in summary and "logfilen" in summary
    assert f"Logfil: {log_file}" in details and "Traceback" in details
    log = log_file.read_text("utf-8")
    assert "editor started" in log
    assert "uncaught exception in the editor" in log and "RuntimeError: bom i editoren" in log


def test_a_fatal_error_is_moved_into_the_log_at_the_next_start(_isolated_home):
    crashed = _run_python(
        """
        import faulthandler
        from forms import logfile
        logfile.setup_logging(fatal_errors=True)
        faulthandler._sigabrt()
        """
    )
    assert crashed.returncode != 0
    fatal = logfile.log_folder() / logfile.FATAL_NAME
    assert "Fatal Python error" in fatal.read_text("utf-8")
    restarted = _run_python("from forms import logfile\nlogfile.setup_logging(fatal_errors=True)\n")
    assert restarted.returncode == 0, restarted.stderr
    log = _log_text()
    assert "the previous run ended in a fatal error" in log and "Fatal Python error" in log
    assert fatal.read_text("utf-8") == ""


def test_the_logging_module_and_the_command_line_never_import_qt():
    result = _run_python(
        """
        import sys
        from forms import logfile
        from cli.main import main
        logfile.setup_logging()
        print(sorted(m for m in sys.modules if m.startswith("PySide6")))
        """
    )
    assert result.stdout.strip() == "[]", result.stderr


def test_the_crash_dialog_names_the_log_file_and_copies_the_details(qtbot):
    from PySide6.QtWidgets import QApplication

    from desktop import errors

    path = logfile.setup_logging()
    try:
        raise ValueError("noget gik galt")
    except ValueError as exc:
        details = logfile.format_details(type(exc), exc, exc.__traceback__)
        summary = errors.summary_text(exc, saved=1)
    dialog = errors.ErrorDialog(summary, details)
    qtbot.addWidget(dialog)
    assert dialog.log_label.text() == f"Logfil: {path}"
    assert "send detaljerne eller logfilen med" in summary
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert copied.startswith("Aktstykke ") and f"Logfil: {path}" in copied
    assert "ValueError: noget gik galt" in copied


def test_a_thread_failing_as_the_editor_quits_is_logged_not_printed(_isolated_home):
    """The dictionary loads in a thread started when the loop is first idle; quitting
    while it runs once made the thread hook itself fail on the already deleted relay,
    and Python printed "Exception in threading.excepthook" instead of the traceback."""
    result = _run_python(
        """
        import threading, shiboken6
        from PySide6.QtWidgets import QApplication
        from desktop import errors
        from desktop.editors.spellhighlight import SpellService
        from forms import logfile
        logfile.setup_logging()
        qapp = QApplication([])
        errors.install()
        shiboken6.delete(errors._relay)  # what the end of the program does
        def fail():
            raise RuntimeError("tråd efter afslutning")
        thread = threading.Thread(target=fail)
        thread.start()
        thread.join()
        gone = SpellService()
        shiboken6.delete(gone)
        gone._load()  # the dictionary done after the program quit: nobody to tell
        print("ok")
        """
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "excepthook" not in result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "ok"
    log = logfile.log_path().read_text("utf-8")
    assert "uncaught exception in a thread" in log and "tråd efter afslutning" in log
