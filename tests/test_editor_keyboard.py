"""The editor from the keyboard alone, and accessible names and buddy labels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QTableView,
    QTextEdit,
    QWidget,
)

from desktop.editors.blockeditors import ParagraphEditor
from desktop.editors.tableeditor import TableEditor
from desktop.session.partstate import HEADER, PARTS

pytestmark = pytest.mark.usefixtures("app_names")

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def active(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def focus() -> QWidget | None:
    return QApplication.focusWidget()


def inside(widget: QWidget, container: QWidget) -> bool:
    return widget is container or container.isAncestorOf(widget)


def test_ctrl_number_walks_header_and_a_to_f(qtbot, active):
    window = active
    for number, part in enumerate(PARTS, start=1):
        qtbot.keyClick(focus() or window, getattr(Qt.Key, f"Key_{number}"), CTRL)
        assert window.current_part() == part
        assert window.navigator.current_part() == part
        widget = focus()
        assert widget is not None and inside(widget, window.forms[part]), (part, widget)
        if part in ("a", "c", "e"):
            assert isinstance(widget, ParagraphEditor)
        if part == "f":  # f holds only the consent sentence, which is not typed
            assert widget is window.forms["f"].include
    # d is left out in the example: the focus lands on its "Medtag punkt d".
    qtbot.keyClick(focus(), Qt.Key.Key_5, CTRL)
    assert focus() is window.forms["d"].include


def test_navigator_arrows_enter_and_ctrl_page_keys(qtbot, active):
    window = active
    window.navigator.setFocus()
    window.navigator.setCurrentRow(0)
    for expected in ("a", "b", "c"):
        qtbot.keyClick(window.navigator, Qt.Key.Key_Down)
        assert window.current_part() == expected
        assert focus() is window.navigator  # browsing does not steal the focus
    qtbot.keyClick(window.navigator, Qt.Key.Key_Return)
    assert inside(focus(), window.forms["c"])
    qtbot.keyClick(focus(), Qt.Key.Key_PageDown, CTRL)
    assert window.current_part() == "d"
    qtbot.keyClick(focus(), Qt.Key.Key_PageDown, CTRL)
    assert window.current_part() == "e" and isinstance(focus(), ParagraphEditor)
    qtbot.keyClick(focus(), Qt.Key.Key_PageUp, CTRL)
    assert window.current_part() == "d"


def test_f6_cycles_through_the_panes(qtbot, active):
    window = active
    window.navigator.setFocus()
    seen = []
    for _ in range(4):
        qtbot.keyClick(focus(), Qt.Key.Key_F6)
        seen.append(focus())
    assert inside(seen[0], window.stack)
    assert seen[1] is window.preview.browser
    assert seen[2] is window.findings_view.tree
    assert seen[3] is window.navigator


def test_arrow_keys_move_between_blocks_and_into_the_table(qtbot, active):
    window = active
    qtbot.keyClick(focus() or window, Qt.Key.Key_3, CTRL)  # litra b
    form = window.forms["b"]
    first = focus()
    assert first is form.frames[0].editor  # the sub-heading "Baggrund"
    qtbot.keyClick(first, Qt.Key.Key_Down)
    assert focus() is form.frames[1].editor
    table_index = next(i for i, f in enumerate(form.frames) if isinstance(f.editor, TableEditor))
    form.focus_block(table_index - 1)
    editor = focus()
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    assert focus() is form.frames[table_index].editor.view


def test_standard_shortcuts(qtbot, active):
    window = active
    assert window.act_save.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert window.act_open.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert window.act_new.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.act_undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert QKeySequence("Ctrl+Y") in window.act_redo.shortcuts()
    assert QKeySequence("Ctrl+Shift+Z") in window.act_redo.shortcuts()
    # Ctrl+S from inside a paragraph saves the draft.
    qtbot.keyClick(focus() or window, Qt.Key.Key_2, CTRL)
    qtbot.keyClicks(focus(), "Tast ")
    assert window.isWindowModified()
    qtbot.keyClick(focus(), Qt.Key.Key_S, CTRL)
    assert not window.isWindowModified()
    # Ctrl+Y redoes what Ctrl+Z undid.
    qtbot.keyClicks(focus(), "mere ")
    qtbot.keyClick(focus(), Qt.Key.Key_Z, CTRL)
    assert not window.isWindowModified()
    qtbot.keyClick(focus(), Qt.Key.Key_Y, CTRL)
    assert window.isWindowModified()


INPUTS = (QLineEdit, QTextEdit, QComboBox, QAbstractSpinBox, QTableView)


def _labelled_by_buddy(widget: QWidget, labels: list[QLabel]) -> bool:
    return any(label.buddy() is widget for label in labels)


@pytest.mark.parametrize("part", PARTS)
def test_every_control_has_an_accessible_name_and_inputs_a_buddy(window, part):
    window.focus_part(part)
    form = window.forms[part]
    labels = form.findChildren(QLabel)
    missing_name, missing_buddy = [], []
    for widget in form.findChildren(QWidget):
        if not widget.isVisibleTo(form) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            continue  # the line edit inside a combo box or date edit belongs to it
        if isinstance(widget, INPUTS):
            if not widget.accessibleName():
                missing_name.append(widget)
            if not _labelled_by_buddy(widget, labels):
                missing_buddy.append(widget)
        elif (
            hasattr(widget, "text")
            and callable(widget.text)
            and not (widget.accessibleName() or widget.text().replace("&", "").strip())
        ):
            missing_name.append(widget)
    assert not missing_name, [type(w).__name__ for w in missing_name]
    assert not missing_buddy, [(type(w).__name__, w.accessibleName()) for w in missing_buddy]


def test_window_is_danish(window):
    titles = [action.text().replace("&", "") for action in window.menuBar().actions()]
    assert titles == ["Filer", "Rediger", "Gå til", "Vis", "Funktioner", "Hjælp"]
    assert window.forms[HEADER].finansaar.text() == "2024"  # no Danish thousands dot in a year
    assert window.findings_dock.windowTitle() == "Fund"
    assert window.preview_dock.windowTitle() == "Forhåndsvisning"


def test_unsaved_question_has_danish_buttons(qapp, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop import dialogs

    seen = []

    def answer(box):
        seen.extend(button.text() for button in box.buttons())
        next(b for b in box.buttons() if b.text() == "Kassér").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert dialogs.ask_unsaved(None, "kladde.aktstykke") == "discard"
    assert sorted(seen) == ["Annuller", "Gem", "Kassér"]


def test_qt_is_danish_after_configuration(qapp):
    from PySide6.QtCore import QCoreApplication, QLocale

    from desktop.i18n import install_danish, uninstall_danish

    previous = QLocale()
    translator = install_danish(qapp)
    try:
        assert QLocale().language() == QLocale.Language.Danish
        assert QLocale().toString(1234567.5, "f", 1) == "1.234.567,5"
        assert translator is not None  # qtbase_da ships with PySide6
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuller"
    finally:
        QLocale.setDefault(previous)
        uninstall_danish(qapp, translator)
