"""Danish everywhere: the default locale and Qt's own translations (qtbase_da)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

DANISH = QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)


def install_danish(app: QCoreApplication) -> QTranslator | None:
    """Danish number/date formats for every widget, and Danish texts in Qt's
    own dialogs and context menus when qtbase_da is installed."""
    QLocale.setDefault(DANISH)
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(DANISH, "qtbase", "_", folder):
        app.installTranslator(translator)
        return translator
    return None
