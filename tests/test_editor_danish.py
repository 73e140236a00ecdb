"""Danish everywhere, one vocabulary (issue 15, point 4): Qt's own dialogs and menus in
Danish, "Fortryd"/"Annuller fortryd" throughout, messages closed with OK, the shortcut
list aligned, Enter in a sub-heading, the preview keeping its place, and a tooltip on
every field."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
)

from desktop import dialogs
from desktop.editors.blockeditors import ParagraphEditor, SubHeadingEditor
from desktop.i18n import REDO, install_danish, translations_folder, uninstall_danish
from desktop.session.partstate import PARTS
from forms.model import Paragraph, SubHeading

pytestmark = pytest.mark.usefixtures("app_names")

DESKTOP = Path(__file__).resolve().parents[1] / "desktop"


@pytest.fixture
def danish(qapp):
    previous = QLocale()
    translator = install_danish(qapp)
    assert translator is not None, "qtbase_da.qm ships in the PySide6 wheel"
    yield translator
    QLocale.setDefault(previous)
    uninstall_danish(qapp, translator)


def test_qt_translations_ship_with_pyside6():
    assert (Path(translations_folder()) / "qtbase_da.qm").is_file()


def test_qt_file_dialog_speaks_danish(qtbot, danish):
    dialog = QFileDialog(None, "Åbn aktstykke", "", dialogs.OPEN_FILTER)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = {
        label.objectName(): label.text().replace("&", "") for label in dialog.findChildren(QLabel)
    }
    assert labels["lookInLabel"] == "Kig i:"
    assert labels["fileTypeLabel"] == "Filer af type:"
    assert labels["fileNameLabel"] == "Filnavn:"
    buttons = {b.objectName(): b.toolTip() for b in dialog.findChildren(QToolButton)}
    assert buttons["backButton"] == "Tilbage"
    assert buttons["newFolderButton"] == "Opret ny mappe"
    box = dialog.findChild(QDialogButtonBox)
    texts = {button.text().replace("&", "") for button in box.buttons()}
    assert "Annuller" in texts and "Cancel" not in texts


def test_text_fields_context_menus_use_our_word_for_redo(qtbot, danish):
    for widget in (QTextEdit(), QLineEdit(), QPlainTextEdit()):
        qtbot.addWidget(widget)
        texts = [a.text().split("\t")[0].replace("&", "") for a in widget.actions()] or [
            a.text().split("\t")[0].replace("&", "")
            for a in widget.createStandardContextMenu().actions()
        ]
        assert "Fortryd" in texts
        assert REDO in texts
        assert not any("Omgør" in text for text in texts)


def test_one_vocabulary_in_the_source_of_the_editor():
    offenders = []
    for path in DESKTOP.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in ("Omgør", "Annullér fortryd", "Gentag"):
            # i18n.py names the words it replaces; they appear only as such there.
            if word in text and not (path.name == "i18n.py" and f'"{word}"' in text):
                offenders.append(f"{path.relative_to(DESKTOP)}: {word}")
    assert offenders == []


def test_toolbar_and_menu_say_annuller_fortryd(qtbot, window):
    assert window.act_redo.iconText() == "Annuller fortryd"
    assert window.act_redo.text() == "Annuller fortryd"
    assert window.act_redo in window.toolbar.actions()
    assert window.act_redo in window.menu("edit").actions()


def _buttons_of(monkeypatch, show) -> list[str]:
    seen: list[str] = []

    def exec_(box):
        seen.extend(button.text() for button in box.buttons())
        box.buttons()[0].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    show()
    return seen


def test_information_dialogs_close_with_ok_only(qapp, monkeypatch):
    assert _buttons_of(monkeypatch, lambda: dialogs.show_info(None, "Om", "Tekst")) == ["OK"]
    assert _buttons_of(monkeypatch, lambda: dialogs.show_error(None, "Fejl", "Tekst")) == ["OK"]
    opened = _buttons_of(
        monkeypatch, lambda: dialogs.ask_open_file(None, "Eksporteret", "Gemt som x.docx")
    )
    assert sorted(opened) == ["OK", "Åbn filen"]
    assert "Annuller" not in opened


def test_final_export_message_offers_ok_not_annuller():
    source = (DESKTOP / "controllers" / "finalexport.py").read_text(encoding="utf-8")
    assert "ask_open_file" in source and '"Åbn filen"' not in source


def test_shortcut_list_is_a_two_column_table(qtbot, window, script):
    window.act_shortcuts.trigger()
    ((rows,),) = script.told("show_shortcuts")
    assert all(len(row) == 2 for row in rows)
    assert ("F1", "Tastaturgenveje") in rows
    assert any(name == "Annuller fortryd" for _keys, name in rows)
    from desktop.dialogs.shortcuts import ShortcutsDialog

    dialog = ShortcutsDialog(rows)
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.columnCount() == 2 and table.rowCount() == len(rows)
    assert [table.horizontalHeaderItem(i).text() for i in (0, 1)] == ["Genvej", "Handling"]
    assert table.item(0, 0).text() == rows[0][0] and table.item(0, 1).text() == rows[0][1]
    assert dialog.ok.text() == "OK"


def _first_subheading(window, letter: str = "b") -> int:
    blocks = window.doc.section(letter).blocks
    return next(i for i, block in enumerate(blocks) if isinstance(block, SubHeading))


def test_enter_in_a_subheading_starts_a_paragraph_below_it(qtbot, window):
    window.focus_part("b")
    form = window.forms["b"]
    index = _first_subheading(window)
    following = window.doc.block("b", index + 1)
    assert isinstance(following, Paragraph) and following.text.strip()
    count = len(window.doc.section("b").blocks)
    heading = form.frames[index].editor
    assert isinstance(heading, SubHeadingEditor)
    heading.setFocus()
    qtbot.keyClick(heading, Qt.Key.Key_Return)
    blocks = window.doc.section("b").blocks
    assert len(blocks) == count + 1
    assert isinstance(blocks[index + 1], Paragraph) and blocks[index + 1].text == ""
    assert blocks[index + 2].text == following.text
    editor = form.frames[index + 1].editor
    assert isinstance(editor, ParagraphEditor)
    assert editor.hasFocus()
    qtbot.keyClicks(editor, "Ny tekst")
    assert window.doc.block("b", index + 1).text == "Ny tekst"
    # Enter again on the heading whose paragraph below is empty uses that paragraph.
    window.doc.undo_stack.undo()
    assert window.doc.block("b", index + 1).text == ""
    heading.setFocus()
    qtbot.keyClick(heading, Qt.Key.Key_Return)
    assert len(window.doc.section("b").blocks) == count + 1
    assert form.frames[index + 1].editor.hasFocus()


def test_preview_keeps_its_place_when_a_block_is_added(qtbot, window):
    window.focus_part("e")
    window.refresh_now()
    bar = window.preview.browser.verticalScrollBar()
    before = bar.value()
    assert before > 0, "litra e is far down the preview"
    window.forms["e"].add_paragraph()  # an empty paragraph: not in the preview yet
    assert bar.value() == before
    window.refresh_now()
    assert bar.value() == before


def test_preview_keeps_its_place_when_a_formulation_is_inserted(qtbot, window):
    from forms import formulations

    window.focus_part("c")
    window.refresh_now()
    bar = window.preview.browser.verticalScrollBar()
    before = bar.value()
    assert before > 0
    window.forms["c"].insert_formulation(formulations.for_letter("c")[0])
    window.refresh_now()
    assert abs(bar.value() - before) < window.preview.browser.viewport().height() / 2


def test_preview_keeps_its_place_while_typing(qtbot, window):
    window.focus_part("b")
    window.refresh_now()
    bar = window.preview.browser.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    place = bar.value()
    editor = window.forms["b"].frames[window.forms["b"].current].editor
    qtbot.keyClicks(editor, "abc")
    window.refresh_now()
    assert bar.value() == place


INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QCheckBox, QTextEdit, QAbstractItemView)


def _inputs(form):
    found = {id(w): w for kind in INPUTS for w in form.findChildren(kind)}
    for widget in found.values():
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parent(), QComboBox | QAbstractSpinBox
        ):
            continue  # the line edit inside a combo box or spin box
        if isinstance(widget, QHeaderView | QListView) or widget.objectName().startswith("qt_"):
            continue  # Qt's own parts: headers, popups, the calendar's insides
        yield widget


def test_every_field_says_what_it_is_for(qtbot, window):
    missing = []
    for part in PARTS:
        window.focus_part(part)
        form = window.forms[part]
        for widget in _inputs(form):
            if not widget.toolTip().strip():
                missing.append(f"{part}: {widget.accessibleName() or type(widget).__name__}")
    assert missing == []


def test_kategori_is_explained(qtbot, window):
    tip = window.header_form.category.toolTip()
    assert "it-projekt" in tip and "bygge og anlæg" in tip and "kontrollen" in tip
