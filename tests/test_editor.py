"""The editor, driven as an author would: the full walk, undo, findings, forms."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLineEdit

from desktop.editors.blockeditors import ParagraphEditor
from desktop.editors.tableeditor import TableEditor
from desktop.editors.tablemodel import FIRST_AMOUNT_COLUMN
from desktop.session.document import DraftDocument
from desktop.session.partstate import HEADER, State, summarise
from desktop.session.recovery import RecoveryStore
from desktop.window.mainwindow import MainWindow
from forms.draftfile import load_draft
from forms.draftlock import lock_path
from forms.model import Kind, Paragraph
from tests.editor_helpers import table_editor, type_in_cell

pytestmark = pytest.mark.usefixtures("app_names")


def rules(window: MainWindow) -> set[str]:
    return {f.rule for f in window.findings}


def test_full_walk_amount_total_finding_preview_undo_save_reopen(
    qtbot, window, make_window, draft_file, script
):
    assert window.windowTitle().startswith("capacity.aktstykke")
    assert not window.isWindowModified()
    assert "TAB-04" not in rules(window)
    editor = table_editor(window)
    model = editor.model

    type_in_cell(qtbot, editor, 0, FIRST_AMOUNT_COLUMN, "60,0")

    assert model.data(model.index(0, FIRST_AMOUNT_COLUMN)) == "60,0"
    assert model.data(model.index(2, FIRST_AMOUNT_COLUMN)) == "110,0"
    assert window.isWindowModified()
    assert window.act_undo.text() == "Fortryd: ret beløb i tabel 1"
    # After the pause the checker reports a's 100,0 against the table's 110,0.
    qtbot.waitUntil(lambda: "TAB-04" in rules(window), timeout=3000)
    tab04 = next(f for f in window.findings if f.rule == "TAB-04")
    assert "110,0" in tab04.message and "100,0" in tab04.message
    assert "110,0" in window.preview.html()
    assert window.navigator.state_of("b") == State.ERRORS.value  # TAB-04 is an error
    # The total cell carries the finding.
    assert (
        model.data(model.index(2, FIRST_AMOUNT_COLUMN), Qt.ItemDataRole.ToolTipRole)
        == tab04.message
    )
    findings_texts = [
        window.findings_view.tree.topLevelItem(i).text(0)
        for i in range(window.findings_view.tree.topLevelItemCount())
    ]
    assert any(text.startswith("b. Sagsfremstilling") for text in findings_texts)

    window.act_undo.trigger()
    assert model.data(model.index(2, FIRST_AMOUNT_COLUMN)) == "100,0"
    assert not window.isWindowModified()
    assert window.act_redo.text() == "Annuller fortryd: ret beløb i tabel 1"
    window.refresh_now()
    assert "TAB-04" not in rules(window)
    assert "110,0" not in window.preview.html()

    window.act_redo.trigger()
    assert model.data(model.index(2, FIRST_AMOUNT_COLUMN)) == "110,0"
    window.act_save.trigger()
    assert not window.isWindowModified()
    saved = load_draft(draft_file).draft
    assert saved.tables()[0][2].rows[0].values[0] == Decimal("60.0")

    window._closing = True
    window.close()
    assert not lock_path(draft_file).exists()
    again = make_window()
    assert again.open_path(draft_file)
    reopened = again.doc.draft.model_dump(exclude={"metadata"})
    assert reopened == window.doc.draft.model_dump(exclude={"metadata"})
    assert (
        table_editor(again).model.data(table_editor(again).model.index(2, FIRST_AMOUNT_COLUMN))
        == "110,0"
    )


def test_bad_amount_stays_in_the_cell_as_typed_and_is_explained(qtbot, window):
    editor = table_editor(window)
    type_in_cell(qtbot, editor, 1, FIRST_AMOUNT_COLUMN, "1,250.5")
    window.refresh_now()  # the findings redraw the cells: the explanation stays
    assert editor.error.isVisible()
    assert "Forslag: 1.250,5." in editor.error.text() and "Række 2" in editor.error.text()
    row = window.doc.draft.tables()[0][2].rows[1]
    assert row.values[0] is None and row.raw_values == {0: "1,250.5"}
    assert editor.model.data(editor.model.index(1, FIRST_AMOUNT_COLUMN)) == "1,250.5"
    assert window.isWindowModified()
    type_in_cell(qtbot, editor, 1, FIRST_AMOUNT_COLUMN, "1.250,5")
    assert not editor.error.isVisible()
    assert row.values[0] == Decimal("1250.5") and row.raw_values == {}


def test_modified_star_and_close_prompt_gem_kasser_annuller(qtbot, window, script, draft_file):
    paragraph = window.forms["a"]
    window.focus_part("a")
    editor = paragraph.frames[0].editor
    assert isinstance(editor, ParagraphEditor)
    qtbot.keyClicks(editor, "Ny tekst ")
    assert window.isWindowModified()
    assert "[*]" in window.windowTitle()

    script.answer("ask_unsaved", "cancel")
    assert not window.close()
    assert window.isVisible()
    assert script.asked("ask_unsaved") == [("capacity.aktstykke",)]

    script.answer("ask_unsaved", "save")
    assert window.close()
    assert load_draft(draft_file).draft.section("a").blocks[0].text.startswith("Ny tekst ")


def test_close_discard_keeps_file_unchanged(qtbot, window, script, draft_file):
    before = draft_file.read_bytes()
    window.focus_part("a")
    qtbot.keyClicks(window.forms["a"].frames[0].editor, "xyz")
    script.answer("ask_unsaved", "discard")
    assert window.close()
    assert draft_file.read_bytes() == before


def test_typing_is_one_undo_step_per_burst(qtbot, window):
    window.focus_part("c")
    editor = window.forms["c"].frames[0].editor
    stack = window.doc.undo_stack
    qtbot.keyClicks(editor, "Hurtig tekst")
    assert stack.count() == 1
    assert window.act_undo.text() == "Fortryd: skriv i litra c"
    original = load_draft(window.doc.path).draft.section("c").blocks[0].text
    assert window.doc.draft.section("c").blocks[0].text == "Hurtig tekst" + original
    window.act_undo.trigger()
    assert window.doc.draft.section("c").blocks[0].text == original
    assert editor.toPlainText() == original


def test_ctrl_z_in_a_paragraph_uses_the_drafts_undo(qtbot, window):
    window.focus_part("c")
    editor = window.forms["c"].frames[0].editor
    editor.setFocus()
    qtbot.keyClicks(editor, "abc")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.undo_stack.count() == 1 and window.doc.undo_stack.index() == 0
    assert not editor.toPlainText().startswith("abc")


def test_enter_splits_and_backspace_joins_paragraphs(qtbot, window):
    window.focus_part("c")
    form = window.forms["c"]
    editor = form.frames[0].editor
    text = editor.toPlainText()
    cursor = editor.textCursor()
    cursor.setPosition(10)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    blocks = window.doc.draft.section("c").blocks
    assert [b.text for b in blocks] == [text[:10], text[10:]]
    assert window.act_undo.text() == "Fortryd: del afsnit i litra c"
    second = form.frames[1].editor
    assert second.hasFocus() and second.textCursor().position() == 0
    qtbot.keyClick(second, Qt.Key.Key_Backspace)
    assert [b.text for b in window.doc.draft.section("c").blocks] == [text]
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert [b.text for b in window.doc.draft.section("c").blocks] == [text]
    assert len(form.frames) == 1


def test_blocks_add_move_remove_with_undo(qtbot, window):
    window.focus_part("e")
    form = window.forms["e"]
    original = [b.model_dump() for b in window.doc.draft.section("e").blocks]
    window.act_add_subheading.trigger()
    window.act_add_paragraph.trigger()
    assert [type(b).__name__ for b in window.doc.draft.section("e").blocks] == [
        "Paragraph",
        "SubHeading",
        "Paragraph",
    ]
    window.act_move_up.trigger()
    assert [type(b).__name__ for b in window.doc.draft.section("e").blocks] == [
        "Paragraph",
        "Paragraph",
        "SubHeading",
    ]
    assert window.act_undo.text() == "Fortryd: flyt blok op i litra e"
    assert form.frames[1].caption.text() == "Blok 2 · afsnit"
    window.act_remove_block.trigger()
    assert len(window.doc.draft.section("e").blocks) == 2
    window.act_add_table.trigger()
    assert isinstance(form.frames[form.current].editor, TableEditor)
    for _ in range(5):
        window.act_undo.trigger()
    assert [b.model_dump() for b in window.doc.draft.section("e").blocks] == original
    assert len(form.frames) == len(original)


def test_leaving_out_a_litra_is_undoable_and_restores_its_text(qtbot, window):
    window.focus_part("c")
    form = window.forms["c"]
    text = window.doc.draft.section("c").blocks[0].text
    form.include.click()
    assert window.doc.draft.section("c") is None
    assert window.navigator.state_of("c") == State.OMITTED.value
    assert window.act_undo.text() == "Fortryd: udelad punkt c"
    form.include.click()
    assert window.doc.draft.letters() == ["a", "b", "c", "e", "f"]
    assert window.doc.draft.section("c").blocks[0].text == text
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert window.doc.draft.section("c").blocks[0].text == text
    assert not window.isWindowModified()


def test_orienterende_marks_c_and_e_not_allowed_at_once(qtbot, window):
    window.focus_part(HEADER)
    combo = window.header_form.kind
    combo.setCurrentIndex(combo.findData(Kind.ORIENTERENDE))
    combo.activated.emit(combo.currentIndex())
    # Before the debounced check has run, straight from the catalog.
    assert window.navigator.state_of("c") == State.NOT_ALLOWED.value
    assert window.navigator.state_of("e") == State.NOT_ALLOWED.value
    assert window.navigator.state_of("a") != State.NOT_ALLOWED.value
    assert window.forms["c"].banner.isVisibleTo(window.forms["c"])
    assert "orienterende" in window.header_form.kind_note.text()
    assert window.act_undo.text() == "Fortryd: skift type til orienterende"


def test_part_states_from_catalog_and_findings(example):
    assert summarise(example, "d", []).state is State.OMITTED
    example.sections[2].blocks = [Paragraph(text="")]
    assert summarise(example, "c", []).state is State.EMPTY
    example.kind = Kind.ORIENTERENDE
    summary = summarise(example, "c", [])
    assert summary.state is State.NOT_ALLOWED and summary.worst == "error"
    assert summarise(example, "d", []).state is State.OMITTED


def test_clicking_a_finding_selects_the_span_in_the_paragraph(qtbot, window):
    window.focus_part("a")
    editor = window.forms["a"].frames[0].editor
    text = editor.toPlainText()
    start = text.index("100,0 mio. kr.")
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("100,0"), cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "100.0")  # English decimal point: a finding with a span
    window.refresh_now()
    spanned = [
        f
        for f in window.findings
        if f.location.letter == "a" and f.location.start is not None and f.severity != "info"
    ]
    assert spanned, window.findings
    finding = spanned[0]
    window.focus_part("f")
    tree = window.findings_view.tree
    item = next(
        tree.topLevelItem(g).child(c)
        for g in range(tree.topLevelItemCount())
        for c in range(tree.topLevelItem(g).childCount())
        if tree.topLevelItem(g).child(c).data(0, Qt.ItemDataRole.UserRole + 1) == finding
    )
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_part() == "a"
    detail = window.findings_view.detail
    assert detail.isVisible() and finding.rule in detail.text()
    selected = editor.textCursor().selectedText()
    assert selected == editor.toPlainText()[finding.location.start : finding.location.end]
    assert editor.hasFocus()
    # The span is underlined in the editor.
    assert any(
        s.format.underlineStyle() == s.format.UnderlineStyle.WaveUnderline
        for s in editor.extraSelections()
    )


def test_clicking_a_table_finding_selects_the_cell(qtbot, window):
    editor = table_editor(window)
    editor.model.setData(editor.model.index(0, FIRST_AMOUNT_COLUMN), "60,0")
    window.refresh_now()
    finding = next(f for f in window.findings if f.rule == "TAB-04")
    window.focus_part(HEADER)
    window.reveal_finding(finding)
    assert window.current_part() == "b"
    index = editor.view.currentIndex()
    assert (index.row(), index.column()) == (2, FIRST_AMOUNT_COLUMN)


def test_formulation_inserts_with_placeholder_selected(qtbot, window):
    window.focus_part("e")
    form = window.forms["e"]
    item = next(
        f for f in __import__("forms.formulations").formulations.for_letter("e") if f.id == "T-E1"
    )
    form.insert_formulation(item)
    editor = form.current_editor()
    assert editor.textCursor().selectedText() == "[dispositionen]"
    assert "tillægsbevilling for 2024 opføres" in editor.toPlainText()  # finansår filled in
    assert window.act_undo.text() == "Fortryd: indsæt standardformulering i litra e"
    qtbot.keyClicks(editor, "give tilsagn")
    assert "til at give tilsagn, således" in window.doc.draft.section("e").blocks[form.current].text
    window.act_next_placeholder.trigger()
    assert editor.textCursor().selectedText().startswith("[hovedkonto")


def test_header_date_shows_danish_long_form_and_edits_with_undo(qtbot, window):
    window.focus_part(HEADER)
    date = window.header_form.date
    assert date.text() == "12. november 2024"
    assert "København, den 12. november 2024." in window.header_form.date_line.text()
    date.setDate(QDate(2024, 12, 3))
    assert window.doc.draft.date.isoformat() == "2024-12-03"
    assert date.text() == "3. december 2024"
    assert window.act_undo.text() == "Fortryd: ret dato"
    window.act_undo.trigger()
    assert window.doc.draft.date.isoformat() == "2024-11-12"
    assert date.text() == "12. november 2024"


def test_preview_follows_the_part_being_edited(qtbot, window):
    window.focus_part("c")
    assert window.current_anchor() == "litra-c-0"
    bar = window.preview.browser.verticalScrollBar()
    window.focus_part(HEADER)
    top = bar.value()
    window.focus_part("f")
    assert bar.maximum() > 0 and bar.value() > top
    assert "Til Finansudvalget." in window.preview.browser.toPlainText()


def test_document_signals_keep_views_in_step(qapp, example):
    document = DraftDocument(example)
    seen = []
    document.blockInserted.connect(lambda letter, index: seen.append(("ins", letter, index)))
    document.apply_insert_block("a", 1, Paragraph(text="x"))
    assert seen == [("ins", "a", 1)]
    assert document.block("a", 1).text == "x"


@pytest.mark.parametrize(("letter", "block", "position"), [("b", 1, 5), ("b", 2, 0), ("a", 0, 12)])
def test_preview_patches_typed_text_in_place_and_matches_a_fresh_render(
    qtbot, window, letter, block, position
):
    window.focus_part(letter)
    editor = window.forms[letter].frames[block].editor
    cursor = editor.textCursor()
    cursor.setPosition(position)
    editor.setTextCursor(cursor)
    before = window.preview.patched
    qtbot.keyClicks(editor, "XYZ")
    window.refresh_now()
    assert window.preview.patched == before + 1  # no full redraw
    shown = window.preview.browser.toPlainText()
    fresh = QTextDocument()
    fresh.setHtml(window.preview.html())
    assert shown == fresh.toPlainText()
    assert "XYZ" in shown
    # Scrolling to the edited block still works after patching.
    window.preview.scroll_to(f"litra-{letter}-{block}")


def test_later_features_can_add_a_part_a_dock_and_a_menu(qtbot, window):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLabel, QWidget

    panel = QWidget()
    field = QLineEdit(panel)
    field.setAccessibleName("Navn")
    window.add_part("signoff", "Godkendelser", panel)
    window.focus_part("signoff")
    assert window.navigator.current_part() == "signoff"
    assert window.stack.currentWidget() is panel
    dock = window.add_dock(
        "signoffDock", "Godkendelser", QLabel("x"), Qt.DockWidgetArea.RightDockWidgetArea
    )
    assert dock.toggleViewAction() in window.menu("view").actions()
    action = QAction("Importér fra Word …", window)
    window.add_action("import", action)
    menu = window.menu("import", "&Importér")
    assert action in menu.actions()
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles.index("Importér") == titles.index("Hjælp") - 1


def test_run_editor_opens_a_file_and_returns_when_closed(qapp, monkeypatch, draft_file, tmp_path):
    import sys
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop import app as editor_app
    from desktop.window.mainwindow import MainWindow

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(editor_app, "recovery_store", lambda: RecoveryStore(tmp_path / "gendan"))
    seen = []

    def close_all():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                seen.append(widget.windowTitle())
                widget.close()

    QTimer.singleShot(200, close_all)
    assert editor_app.run_editor(str(draft_file)) == 0
    assert seen and seen[0].startswith("capacity.aktstykke")
    assert not lock_path(draft_file).exists()


def test_a_long_litra_shows_its_first_blocks_and_builds_the_rest_later(qtbot, window):
    from desktop.editors.sectionform import FIRST_BLOCKS

    document = window.doc
    draft = document.draft.model_copy(deep=True)
    draft.section("b").blocks = [Paragraph(text=f"Afsnit nummer {i + 1}.") for i in range(200)]
    document.load(draft, path=document.path, content_hash=document.content_hash)
    window.focus_part("b")
    form = window.forms["b"]
    assert len(form.frames) == FIRST_BLOCKS and form.pending() == 200 - FIRST_BLOCKS
    # An edit beyond the built blocks, and one inside them, while the rest is pending.
    form.reveal(150, start=0, end=6)
    assert len(form.frames) == 200 and form.pending() == 0
    assert form.frames[150].editor.textCursor().selectedText() == "Afsnit"
    assert form.frames[199].caption.text() == "Blok 200 · afsnit"
    window.act_add_paragraph.trigger()
    assert form.frames[151].editor.toPlainText() == ""
    assert len(form.frames) == 201 == len(document.draft.section("b").blocks)


def test_pending_blocks_are_built_in_the_pauses(qtbot, window):
    document = window.doc
    draft = document.draft.model_copy(deep=True)
    draft.section("b").blocks = [Paragraph(text=f"{i}") for i in range(300)]
    document.load(draft)
    window.focus_part("b")
    form = window.forms["b"]
    assert form.pending() > 0
    qtbot.waitUntil(lambda: form.pending() == 0, timeout=10_000)
    assert [f.editor.toPlainText() for f in form.frames] == [str(i) for i in range(300)]


def test_docks_can_be_hidden_and_the_layout_is_remembered_and_reset(qtbot, make_window, tmp_path):
    first = make_window()
    first.findings_dock.toggleViewAction().trigger()
    assert not first.findings_dock.isVisible()
    first.close()
    second = make_window()  # same settings file: the hidden dock stays hidden
    assert not second.findings_dock.isVisible()
    second.act_reset_layout.trigger()
    assert second.findings_dock.isVisible() and second.preview_dock.isVisible()
