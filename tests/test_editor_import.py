"""Import in the editor: File → Importér, Ny fra tidligere aktstykke, the import
report, and the finding actions for R-01 (confirm amounts) and I-01 (dismiss)."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QApplication, QTabBar

from desktop import dialogs
from desktop.editors.tablemodel import FIRST_AMOUNT_COLUMN
from tests.editor_helpers import table_editor
from tests.helpers import DATA, EXAMPLE, SEED

pytestmark = pytest.mark.usefixtures("app_names")

# The buttons' wording, written out: the tests fail if the labels drift.
CONFIRM = "Bekræft beløb"
CONFIRM_PART = "Bekræft alle i dette punkt"
DISMISS = "Placeret rigtigt – afvis bemærkning"


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def report_tab_shown(window) -> bool:
    """A visible tab bar naming the import report (none may linger over the form)."""
    QApplication.processEvents()  # the dock layout makes its tab bars lazily
    return any(
        bar.isVisible() and "Importrapport" in [bar.tabText(i) for i in range(bar.count())]
        for bar in window.findChildren(QTabBar)
    )


def menu_texts(window) -> list[str]:
    return [a.text() for a in window.menu("file").actions()]


def review(window) -> list:
    return [f for f in window.findings if f.rule == "R-01"]


def run_action(window, finding, label: str):
    """Press the finding's button as the dock offers it (by its label)."""
    actions = dict(window.findings_view.actions_for(finding))
    match = next(run for text, run in actions.items() if text.startswith(label))
    return match()


def test_import_seed_through_the_menu_opens_an_untitled_draft_with_a_report(
    make_window, script, tmp_path
):
    window = make_window()
    texts = menu_texts(window)
    assert texts.index("&Importér …") == texts.index("Å&bn …") + 2  # after recent files
    assert "Ny fra &tidligere aktstykke …" in texts
    assert not window.importing.dock.isVisible()
    assert not report_tab_shown(window)

    source = tmp_path / "seed.txt"
    source.write_bytes(SEED.read_bytes())
    before = digest(source)
    script.answer("choose_import_path", source)
    window.importing.act_import.trigger()

    (title, _folder, name_filter) = script.asked("choose_import_path")[0]
    assert title == "Importér aktstykke" and name_filter == dialogs.IMPORT_FILTER
    assert "*.docx" in name_filter and "*.pdf" in name_filter and "*.txt" in name_filter
    draft = window.doc.draft
    assert [s.letter for s in draft.sections] == ["a", "b", "c", "e", "f"]
    assert draft.ministry == "Udenrigsministeriet"
    assert window.doc.path is None and window.doc.modified
    assert "importeret" in window.windowTitle() and "seed.aktstykke" in window.windowTitle()
    assert digest(source) == before

    lines = window.importing.view.lines()
    assert lines[0] == "Importeret fra seed.txt (tekst)."
    assert any("Punkter: a, b, c, e, f" in line for line in lines)
    assert window.importing.dock.isVisible()
    assert "Punkter: a, b, c, e, f" in window.importing.view.browser.toPlainText()
    # Beside the preview, with the findings (not the sign-offs) in view below.
    assert window.importing.dock in window.tabifiedDockWidgets(window.preview_dock)
    assert report_tab_shown(window)
    assert not window.findings_dock.visibleRegion().isEmpty()

    window.refresh_now()
    assert [f for f in window.findings if f.severity == "error"] == []
    # Nothing was guessed about placement, so no I-01 notes.
    assert not [f for f in window.findings if f.rule == "I-01"]
    # The draft was never saved anywhere: Save asks for a name next to the source.
    script.answer("choose_save_path", None)
    assert not window.save()
    assert script.asked("choose_save_path")[0][0] == str(tmp_path / "seed.aktstykke")


def test_import_asks_to_save_the_current_draft_first(window, script, tmp_path):
    doc = window.doc
    from desktop.undo.edits import EditText

    doc.undo_stack.push(EditText(doc, "a", 0, "Ændret.", "skriv i litra a"))
    script.answer("ask_unsaved", "cancel")
    assert not window.importing.import_file()
    assert script.asked("choose_import_path") == []
    assert doc.draft.section("a").blocks[0].text == "Ændret."


def test_a_bad_file_gets_its_danish_message_and_the_draft_is_unchanged(window, script):
    bad = DATA / "bad" / "import" / "krypteret.pdf"
    before_bytes = digest(bad)
    draft_before = window.doc.draft.model_dump_json()
    path_before = window.doc.path
    script.answer("choose_import_path", bad)
    assert not window.importing.import_file()
    [(title, message)] = script.told("show_error")
    assert title == "Filen kan ikke importeres"
    assert "krypteret.pdf" in message and "Den åbne kladde er ikke ændret." in message
    assert window.doc.draft.model_dump_json() == draft_before
    assert window.doc.path == path_before and not window.doc.modified
    assert not window.importing.dock.isVisible()
    assert digest(bad) == before_bytes


def test_unplaced_text_shows_i01_and_placeret_rigtigt_is_undoable(make_window, script, tmp_path):
    window = make_window()
    source = tmp_path / "med-bilag.txt"
    source.write_text(SEED.read_text("utf-8") + "\nBilag: Projektdokument.\n", "utf-8")
    assert window.importing.import_path(source)
    window.refresh_now()
    [note] = [f for f in window.findings if f.rule == "I-01"]
    assert note.severity == "info" and note.location.letter == "f"
    assert any("I-01" in line for line in window.importing.view.lines())

    window.findings_view.set_findings(window.findings)
    assert [label for label, _ in window.findings_view.actions_for(note)] == [DISMISS]
    assert run_action(window, note, DISMISS)
    assert not [f for f in window.findings if f.rule == "I-01"]
    assert window.doc.draft.import_notes == []
    assert window.act_undo.text() == "Fortryd: afvis bemærkning om importeret tekst"
    # The text itself stays where the import put it.
    assert window.doc.draft.section("f").blocks[-1].text == "Bilag: Projektdokument."

    window.act_undo.trigger()
    window.refresh_now()
    assert [f.rule for f in window.findings if f.rule == "I-01"] == ["I-01"]
    window.act_redo.trigger()
    window.refresh_now()
    assert not [f for f in window.findings if f.rule == "I-01"]


def test_new_from_previous_clears_the_date_and_marks_every_amount(make_window, script):
    window = make_window()
    before = digest(EXAMPLE)
    script.answer("choose_import_path", EXAMPLE)
    assert window.importing.act_previous.isEnabled()
    window.importing.act_previous.trigger()
    assert script.asked("choose_import_path")[0][2] == dialogs.PREVIOUS_FILTER
    draft = window.doc.draft
    assert draft.date is None and draft.signoffs == [] and draft.published is None
    assert window.header_form.date.hasFocus() or window.current_part() == "header"
    assert window.doc.path is None and "ny fra tidligere" in window.windowTitle()
    assert digest(EXAMPLE) == before
    window.refresh_now()
    marks = review(window)
    assert len(marks) == len(draft.review) >= 5
    assert {f.location.letter for f in marks} >= {"a", "b"}
    lines = window.importing.view.lines()
    assert any(
        f"{len(draft.review)} beløb er markeret til kontrol (R-01)" in line for line in lines
    )

    # Confirm one amount: its finding goes, undo brings it back.
    finding = next(f for f in marks if f.location.letter == "a")
    labels = [label for label, _ in window.findings_view.actions_for(finding)]
    assert labels[0] == CONFIRM
    assert run_action(window, finding, CONFIRM)
    assert finding not in review(window)
    assert len(review(window)) == len(marks) - 1
    assert window.act_undo.text() == "Fortryd: bekræft beløb"
    window.act_undo.trigger()
    window.refresh_now()
    assert finding in review(window)
    window.act_redo.trigger()
    window.refresh_now()
    assert finding not in review(window)

    # Confirm all in litra b at once.
    in_b = [f for f in review(window) if f.location.letter == "b"]
    assert len(in_b) > 1
    labels = [label for label, _ in window.findings_view.actions_for(in_b[0])]
    assert labels == [CONFIRM, f"{CONFIRM_PART} ({len(in_b)})"]
    assert run_action(window, in_b[0], CONFIRM_PART) == len(in_b)
    assert not [f for f in review(window) if f.location.letter == "b"]
    assert window.act_undo.text() == f"Fortryd: bekræft {len(in_b)} beløb i punkt b"


def test_editing_an_amount_resolves_its_review_finding(qtbot, make_window, script):
    window = make_window()
    assert window.importing.new_from_previous_path(EXAMPLE)
    window.refresh_now()
    editor = table_editor(window)
    letter, block, table = window.doc.draft.tables()[0]
    cell = [
        f
        for f in review(window)
        if (f.location.letter, f.location.block, f.location.row, f.location.column)
        == (letter, block, 0, 0)
    ]
    assert len(cell) == 1
    editor.model.setData(editor.model.index(0, FIRST_AMOUNT_COLUMN), "51,5")
    assert table.cell(0, 0) == Decimal("51.5")
    window.refresh_now()
    assert cell[0] not in review(window)
    assert not any(
        (f.location.letter, f.location.block, f.location.row, f.location.column)
        == (letter, block, 0, 0)
        for f in review(window)
    )


def test_new_from_previous_of_a_text_import_and_a_bad_previous(make_window, script):
    window = make_window()
    assert window.importing.new_from_previous_path(SEED)
    assert window.doc.draft.date is None
    lines = window.importing.view.lines()
    assert lines[0] == "Importeret fra seed.txt (tekst)."
    assert any("Sæt den nye dato" in line for line in lines)

    before = window.doc.draft.model_dump_json()
    script.answer("ask_unsaved", "discard")  # the new draft is unsaved, as after Open
    assert not window.importing.new_from_previous_path(DATA / "bad" / "import" / "tom.txt")
    [(title, message)] = script.told("show_error")
    assert title == "Det tidligere aktstykke kan ikke læses" and "tom.txt" in message
    assert window.doc.draft.model_dump_json() == before and window.doc.modified


def test_report_goes_when_another_draft_is_opened(make_window, script, draft_file):
    window = make_window()
    assert window.importing.import_path(SEED)
    assert window.importing.dock.isVisible()
    script.answer("ask_unsaved", "discard")
    assert window.open_path(draft_file)
    assert not window.importing.dock.isVisible()
    assert window.importing.view.is_empty()
    assert not report_tab_shown(window)


def test_read_only_drafts_offer_no_finding_actions(make_window, script):
    window = make_window()
    assert window.importing.new_from_previous_path(EXAMPLE)
    window.refresh_now()
    finding = review(window)[0]
    assert window.findings_view.actions_for(finding)
    window.doc.read_only = True
    assert window.findings_view.actions_for(finding) == []


def test_our_own_word_export_imports_from_its_embedded_draft(make_window, script, tmp_path):
    from desktop import services
    from forms.templates import load_example

    example = load_example()
    exported = tmp_path / "capacity.docx"
    services.export_docx(example, exported, None)
    window = make_window()
    script.answer("choose_import_path", exported)
    assert window.importing.import_file()
    assert window.importing.view.lines()[0] == "Importeret fra capacity.docx (indlejret kladde)."
    assert window.doc.draft.sections == example.sections
    assert window.doc.path is None and window.doc.suggested_name == "capacity.aktstykke"


def test_the_buttons_and_the_context_menu_on_a_selected_r01_finding(qtbot, make_window, script):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from desktop.panels.findingsview import FINDING_ROLE

    window = make_window()
    assert window.importing.new_from_previous_path(EXAMPLE)
    window.refresh_now()
    view = window.findings_view
    tree = view.tree
    items = [
        tree.topLevelItem(g).child(c)
        for g in range(tree.topLevelItemCount())
        for c in range(tree.topLevelItem(g).childCount())
    ]
    first = next(i for i in items if i.data(0, FINDING_ROLE).rule == "R-01")
    finding = first.data(0, FINDING_ROLE)
    tree.setCurrentItem(first)
    assert view.buttons.isVisible()
    buttons = [b for b in view.buttons.findChildren(QPushButton) if b.isVisibleTo(view)]
    assert buttons[0].text() == CONFIRM
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert finding not in review(window)

    # The context menu offers the same actions; choosing one runs it.
    window.act_undo.trigger()
    window.refresh_now()
    item = next(
        tree.topLevelItem(g).child(c)
        for g in range(tree.topLevelItemCount())
        for c in range(tree.topLevelItem(g).childCount())
        if tree.topLevelItem(g).child(c).data(0, FINDING_ROLE) == finding
    )
    menu = view.context_menu(tree.visualItemRect(item).center())
    assert menu is not None and menu.actions()[0].text() == CONFIRM
    menu.actions()[0].trigger()
    menu.deleteLater()
    assert finding not in review(window)
