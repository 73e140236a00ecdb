"""`aktstykke [FILE]`: start the editor (Danish, crash-safe), offer recovery."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QApplication

from desktop import dialogs, errors, theme
from desktop.i18n import install_danish
from desktop.session.recovery import RecoveryStore
from desktop.session.settings import Settings
from desktop.window.mainwindow import MainWindow
from forms import logfile

ORGANISATION = "Aktstykke"
APPLICATION = "Aktstykke"


def configure_application(app: QCoreApplication) -> None:
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(_version())
    install_danish(app)


def _version() -> str:
    from forms.version import APP_VERSION

    return APP_VERSION


def recovery_store() -> RecoveryStore:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return RecoveryStore(Path(folder) / "gendannelse")


def offer_recovery(window: MainWindow, windows: list[MainWindow]) -> None:
    """After a crash: offer each recovery file left behind; each opens in a window."""
    store = window.recovery
    if store is None:
        return
    for entry in store.orphans():
        choice = dialogs.ask_recover(window, entry.describe())
        if choice == "discard":
            store.remove(entry.slot)
        elif choice == "recover":
            target = window if window.is_pristine() else new_window(windows, store)
            target.recover(entry)


def new_window(windows: list[MainWindow], store: RecoveryStore) -> MainWindow:
    window = MainWindow(settings=Settings(), recovery=store)
    windows.append(window)
    window.show()
    return window


def run_editor(path: str | None) -> int:
    logfile.setup_logging(fatal_errors=True)
    logfile.log.info("editor started (Aktstykke %s)", _version())
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    theme.install(app)
    errors.install()
    store = recovery_store()
    windows: list[MainWindow] = []
    window = new_window(windows, store)
    if path is not None:
        window.open_path(Path(path), ask_save=False)
    offer_recovery(window, windows)
    return app.exec()
