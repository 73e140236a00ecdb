"""Helpers for driving the editor from tests and scripts without a person.

`ScriptedDialogs` answers every question in desktop.dialogs from a script and
fails loudly on a question nobody expected, so no test can hang on a modal
dialog. `open_windows` lists visible top-level windows, for leak checks.
"""

from __future__ import annotations

from collections import defaultdict, deque
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from desktop import dialogs, errors

ASKING = (
    "ask_unsaved",
    "ask_changed_on_disk",
    "ask_moved",
    "ask_locked",
    "ask_recover",
    "ask_text",
    "choose_open_path",
    "choose_import_path",
    "choose_save_path",
    "choose_export_path",
    "choose_template",
    "ask_confirm",
    "ask_signoff",
    "ask_password",
    "ask_acknowledge_warnings",
    "choose_certificate",
    "choose_folder",
    "show_signature_settings",
    "ask_new",
    "ask_open_file",
)
TELLING = ("show_error", "show_info", "show_shortcuts")


class UnexpectedDialog(AssertionError):
    pass


class ScriptedDialogs:
    """Queue answers per dialog (`answer('ask_unsaved', 'save')`); every call,
    answered or told, is recorded in `calls` as (name, args)."""

    def __init__(self, monkeypatch):
        self.answers: dict[str, deque] = defaultdict(deque)
        self.calls: list[tuple[str, tuple]] = []
        for name in ASKING:
            monkeypatch.setattr(dialogs, name, self._asker(name))
        for name in TELLING:
            monkeypatch.setattr(dialogs, name, self._teller(name))
        monkeypatch.setattr(errors, "show_error_dialog", self._teller("error_dialog"))

    def answer(self, name: str, *values) -> None:
        self.answers[name].extend(values)

    def _asker(self, name: str):
        def ask(_parent, *args):
            self.calls.append((name, args))
            if not self.answers[name]:
                raise UnexpectedDialog(f"unexpected dialog {name}{args!r}")
            return self.answers[name].popleft()

        return ask

    def _teller(self, name: str):
        def tell(*args):
            self.calls.append(
                (name, args[1:] if args and isinstance(args[0], QWidget | None) else args)
            )

        return tell

    def told(self, name: str) -> list[tuple]:
        return [args for called, args in self.calls if called == name]

    def asked(self, name: str) -> list[tuple]:
        return self.told(name)


def settings_in(folder: Path) -> QSettings:
    """Settings in a file of their own: QSettings caches the user's config path
    per process, so each test passes its own file."""
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


def open_windows() -> set[QWidget]:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return set()
    return {w for w in app.topLevelWidgets() if w.isVisible() and w.isWindow()}
