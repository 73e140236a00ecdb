"""Danish everywhere: the default locale, Qt's own translations (qtbase_da) and
one vocabulary for the same actions.

The vocabulary is Danish Office's: "Fortryd" and "Annuller fortryd" (Ctrl+Y).
qtbase_da calls the latter "Omgør" in the context menus of every text field;
`VocabularyTranslator`, installed after qtbase_da and so asked first, says it
our way. The words the program itself uses are the constants below."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

DANISH = QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)

UNDO = "Fortryd"
REDO = "Annuller fortryd"
"""Danish Office's words for undo and redo, in the toolbar, the menus and the
text fields' context menus alike."""

REPLACED = {"Omgør": REDO, "omgør": REDO.lower(), "Annullér fortryd": REDO}
"""Words of qtbase_da (and older spellings) that name an action differently."""

FILLED_IN = {
    ("QFileDialog", "&Look in:"): "&Kig i:",
    ("QFileDialog", "Files of &type:"): "Filer af &type:",
    ("QFileDialog", "Computer"): "Computer",
}
"""Texts of Qt's file dialog that qtbase_da has not caught up with (it translates the
older "Look in:" and "Files of type:", not the labels Qt 6 shows)."""


def in_our_words(text: str) -> str:
    for theirs, ours in REPLACED.items():
        text = text.replace(theirs, ours)
    return text


class VocabularyTranslator(QTranslator):
    """qtbase_da's translation with our words for the same actions, and the texts it
    lacks (FILLED_IN); nothing (so Qt asks the next translator) where it agrees."""

    def __init__(self, base: QTranslator, parent=None):
        super().__init__(parent)
        self.base = base

    def translate(self, context, source_text, disambiguation=None, n=-1):
        translated = self.base.translate(context, source_text, disambiguation, n)
        if not translated:
            return FILLED_IN.get((context, source_text))
        ours = in_our_words(translated)
        return ours if ours != translated else None

    def isEmpty(self) -> bool:
        return False


def translations_folder() -> str:
    """Where Qt's .qm files are (in the PySide6 wheel: PySide6/Qt/translations)."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def install_danish(app: QCoreApplication) -> QTranslator | None:
    """Danish number/date formats for every widget, and Danish texts in Qt's
    own dialogs and context menus when qtbase_da is installed."""
    QLocale.setDefault(DANISH)
    translator = QTranslator(app)
    if translator.load(DANISH, "qtbase", "_", translations_folder()):
        app.installTranslator(translator)
        translator.vocabulary = VocabularyTranslator(translator, app)  # type: ignore[attr-defined]
        app.installTranslator(translator.vocabulary)  # type: ignore[attr-defined]
        return translator
    return None


def uninstall_danish(app: QCoreApplication, translator: QTranslator | None) -> None:
    """Take back what install_danish installed (tests)."""
    if translator is None:
        return
    vocabulary = getattr(translator, "vocabulary", None)
    if vocabulary is not None:
        app.removeTranslator(vocabulary)
    app.removeTranslator(translator)
