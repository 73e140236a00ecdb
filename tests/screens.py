"""Screenshots for issue 18 (zoom and palettes), to look at:

    QT_SCALE_FACTOR=2 .venv/bin/python -m tests.screens OUT --font 2 --size 960x540
    .venv/bin/python -m tests.screens OUT --palette dark

The window is sized in logical pixels (960×540 at scale 2 is a 1920×1080 screen);
each part of the form, the docks and the dialogs are saved as PNG files. Run with
QT_QPA_PLATFORM=offscreen (the default here). Also used by
tests/test_zoom.py to measure clipping without a screenshot.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def make_app(font_factor: float, palette: str):
    from PySide6.QtWidgets import QApplication

    from tests.a11y_helpers import PALETTES

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    if palette != "default":
        app.setPalette(PALETTES[palette]())
    from desktop import theme

    theme.install(app)  # as desktop/app.py does at start
    if font_factor != 1:
        font = app.font()
        font.setPointSizeF(font.pointSizeF() * font_factor)
        app.setFont(font)
    return app


def make_window(folder: Path, width: int, height: int):
    from PySide6.QtCore import QCoreApplication

    from desktop.session.recovery import RecoveryStore
    from desktop.session.settings import Settings
    from desktop.testing import settings_in
    from desktop.window.mainwindow import MainWindow
    from tests.helpers import EXAMPLE

    QCoreApplication.setOrganizationName("AktstykkeScreens")
    QCoreApplication.setApplicationName("AktstykkeScreens")
    draft = folder / "kladde.aktstykke"
    shutil.copyfile(EXAMPLE, draft)
    window = MainWindow(
        check_delay_ms=20,
        settings=Settings(settings_in(folder)),
        recovery=RecoveryStore(folder / "recovery"),
    )
    window.resize(width, height)
    window.show()
    assert window.open_path(draft)
    window.refresh_now()
    settle()
    return window


def settle(rounds: int = 8) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    for _ in range(rounds):
        loop = QEventLoop()
        QTimer.singleShot(30, loop.quit)
        loop.exec()
        QCoreApplication.processEvents()


def _add_findings(window) -> None:
    """An amount typed the English way in the first table and a sum in litra a that
    the table does not hold: an error and a warning to see in the screenshots."""
    from desktop.editors.tablemodel import FIRST_AMOUNT_COLUMN
    from tests.editor_helpers import table_editor

    editor = table_editor(window)
    editor.model.setData(editor.model.index(0, FIRST_AMOUNT_COLUMN), "1,250.5")
    window.refresh_now()
    settle(3)


def shoot(
    out: Path, font_factor: float, palette: str, size: tuple[int, int], findings: bool = False
) -> list[Path]:
    from desktop.dialogs.newdialog import NewDialog
    from desktop.dialogs.signoffdialog import SignOffDialog
    from desktop.dialogs.signoffsettings import SignatureSettingsDialog
    from forms.signoff import known_roles

    make_app(font_factor, palette)
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as temp:
        window = make_window(Path(temp), *size)
        if findings:
            _add_findings(window)
        for part in ("header", "a", "b", "f"):
            window.focus_part(part)
            settle(3)
            path = out / f"window-{part}.png"
            window.grab().save(str(path))
            saved.append(path)
        if findings:
            from tests.editor_helpers import table_editor

            editor = table_editor(window)
            editor.view.setFocus()
            window.forms["b"].scroll_area.ensureWidgetVisible(editor)
            settle(3)
            path = out / "window-b-table.png"
            window.grab().save(str(path))
            saved.append(path)
        window.signoff_dock.show()
        window.signoff_dock.raise_()
        settle(3)
        path = out / "window-signoff.png"
        window.grab().save(str(path))
        saved.append(path)
        roles = known_roles()
        for name, dialog in (
            ("new", NewDialog("Transportministeriet", "Thomas Danielsen", window)),
            (
                "signoff",
                SignOffDialog(
                    roles, roles[-1], "Mette Holm", "ABCDEF12", "Finansministeriet", window
                ),
            ),
            ("settings", SignatureSettingsDialog(window)),
        ):
            dialog.show()
            settle(3)
            path = out / f"dialog-{name}.png"
            dialog.grab().save(str(path))
            saved.append(path)
            dialog.close()
        window._closing = True
        window.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--font", type=float, default=1.0)
    parser.add_argument(
        "--palette", default="default", choices=["default", "dark", "high-contrast"]
    )
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--findings", action="store_true", help="with an error in table 1")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    for path in shoot(args.out, args.font, args.palette, (width, height), args.findings):
        print(path)


if __name__ == "__main__":
    main()
