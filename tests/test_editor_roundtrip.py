"""The Word round trip in the editor (issue 13): a returned file opened or
imported, its changes stepped through, shown in form and preview, accepted and
rejected as undoable edits, a three-way fetch into the open draft, comments
answered and resolved."""

from __future__ import annotations

import random

import pytest
from PySide6.QtWidgets import QApplication

from desktop.services import export_docx
from forms.draftfile import load_draft, save_draft
from forms.templates import load_example
from tests.wordedit import WordDocument

pytestmark = pytest.mark.usefixtures("app_names")

HANS, KAREN = "Hans Hansen", "Karen Berg"


def returned_file(tmp_path, name="retur.docx", edit=None):
    example = load_example()
    exported = tmp_path / "udsendt.docx"
    export_docx(example, exported, None)
    doc = WordDocument(exported.read_bytes())
    doc.scatter(random.Random(11))
    if edit is None:
        doc.replace("har der", "havde der", author=HANS)
        doc.replace("Baggrund", "Baggrunden", author=KAREN)
        doc.insert_paragraph_after("Programmet består af to", "Et helt nyt afsnit.", author=HANS)
        doc.comment("dedikeret pulje", "Hvor stor er puljen?", author=KAREN)
    else:
        edit(doc)
    path = tmp_path / name
    path.write_bytes(doc.save())
    return path


def texts(window, letter="b"):
    return [getattr(b, "text", "") for b in window.doc.draft.section(letter).blocks]


def test_opening_a_returned_file_shows_its_changes_and_leaves_the_draft(make_window, tmp_path):
    window = make_window()
    source = returned_file(tmp_path)
    assert window.open_path(source)
    review = window.review
    assert window.doc.draft.sections == load_example().sections  # nothing applied yet
    assert review.changes_dock.isVisible()
    panel = review.changes
    assert panel.list.count() == 3
    assert "3 ændringer venter" in panel.summary.text() and "retur.docx" in panel.summary.text()
    assert review.comments.list.count() == 1
    assert window.doc.path is None and window.doc.suggested_name == "retur.aktstykke"


def test_stepping_shows_each_change_in_the_form_and_the_preview(make_window, tmp_path):
    window = make_window()
    assert window.open_path(returned_file(tmp_path))
    window.refresh_now()
    panel = window.review.changes
    panel.list.setCurrentRow(0)
    seen = []
    for _ in range(3):
        change = panel.current()
        seen.append(change.id)
        assert window.current_part() == change.letter
        assert window.preview.browser.extraSelections(), "the preview marks the paragraph"
        panel.next.click()
    assert len(set(seen)) == 3 and panel.current().id == seen[0]  # round again
    panel.previous.click()
    assert panel.current().id == seen[-1]
    word = next(c for c in window.doc.draft.pending_changes if c.old == "har")
    panel.select(word.id)
    form = window.forms["b"]
    editor = form.frames[1].editor
    assert editor.textCursor().selectedText() == "har"  # the changed text is selected


def test_accept_and_reject_are_each_one_undoable_edit(make_window, tmp_path):
    window = make_window()
    assert window.open_path(returned_file(tmp_path))
    panel, stack = window.review.changes, window.doc.undo_stack
    word = next(c for c in window.doc.draft.pending_changes if c.old == "har")
    panel.select(word.id)
    panel.accept.click()
    assert "havde der" in texts(window)[1] and len(window.doc.draft.pending_changes) == 2
    assert stack.undoText() == "godkend ændring fra Word"
    heading = next(c for c in window.doc.draft.pending_changes if c.author == KAREN)
    panel.select(heading.id)
    panel.reject.click()
    assert texts(window)[0] == "Baggrund" and len(window.doc.draft.pending_changes) == 1
    stack.undo()
    assert len(window.doc.draft.pending_changes) == 2
    stack.undo()
    assert "har der" in texts(window)[1] and len(window.doc.draft.pending_changes) == 3
    assert window.doc.draft.sections == load_example().sections
    stack.redo()
    assert "havde der" in texts(window)[1]
    assert window.forms["b"].frames[1].editor.toPlainText() == texts(window)[1]  # the form follows


def test_accept_all_and_all_from_one_author(make_window, tmp_path):
    window = make_window()
    assert window.open_path(returned_file(tmp_path))
    panel = window.review.changes
    panel.authors.setCurrentIndex(panel.authors.findData(HANS))
    panel.accept_author.click()
    assert [c.author for c in window.doc.draft.pending_changes] == [KAREN]
    assert "Et helt nyt afsnit." in texts(window) and "havde der" in texts(window)[1]
    assert window.doc.undo_stack.undoText() == f"godkend 2 ændringer fra {HANS}"
    panel.accept_all.click()
    assert window.doc.draft.pending_changes == [] and texts(window)[0] == "Baggrunden"
    window.doc.undo_stack.undo()
    window.doc.undo_stack.undo()
    assert window.doc.draft.sections == load_example().sections


def test_accepted_text_outside_every_litra_becomes_an_i01_note(make_window, tmp_path):
    def outside(doc):
        doc.insert_paragraph_after("København, den 12. november 2024.", "Fortroligt.", author=HANS)

    window = make_window()
    assert window.open_path(returned_file(tmp_path, edit=outside))
    window.review.changes.accept_all.click()
    window.refresh_now()
    assert any(f.rule == "I-01" and "Fortroligt" in f.message for f in window.findings)


def test_fetch_into_the_open_draft_is_three_way_with_conflicts_side_by_side(
    make_window, script, tmp_path
):
    draft_path = tmp_path / "kladde.aktstykke"
    mine = load_example()
    block = mine.section("b").blocks[1]
    block.text = block.text.replace("har der", "var der")
    save_draft(draft_path, mine)
    window = make_window()
    assert window.open_path(draft_path)
    before = draft_path.read_bytes()
    script.answer("choose_import_path", returned_file(tmp_path))
    window.review.act_fetch.trigger()
    pending = window.doc.draft.pending_changes
    assert len(pending) == 3 and [c.conflict for c in pending].count(True) == 1
    panel = window.review.changes
    conflict = next(c for c in pending if c.conflict)
    panel.select(conflict.id)
    assert panel.before_label.text() == "Kladden nu:" and panel.after_label.text() == "Word-filen:"
    assert "Siden 2017 var der" in panel.before.toPlainText()  # with the text around it
    assert "Siden 2017 havde der" in panel.after.toPlainText()
    panel.accept_all.click()  # conflicts wait for a choice of their own
    assert [c.conflict for c in window.doc.draft.pending_changes] == [True]
    assert "var der" in texts(window)[1]
    panel.select(conflict.id)
    panel.accept.click()  # the Word file's version chosen
    assert "havde der" in texts(window)[1]
    assert draft_path.read_bytes() == before  # saved only when the author saves
    for _ in range(3):
        window.doc.undo_stack.undo()
    assert window.doc.draft.pending_changes == [] and "var der" in texts(window)[1]


def test_comments_are_answered_and_resolved_undoably_and_go_out_again(make_window, tmp_path):
    window = make_window()
    assert window.open_path(returned_file(tmp_path))
    panel = window.review.comments
    panel.list.setCurrentRow(0)
    assert "Hvor stor er puljen?" in panel.discussion.toPlainText()
    panel.answer.setPlainText("100,0 mio. kr., se tabellen.")
    panel.send.click()
    (comment,) = window.doc.draft.comments
    assert [r.text for r in comment.replies] == ["100,0 mio. kr., se tabellen."]
    assert "100,0 mio. kr., se tabellen." in panel.discussion.toPlainText()
    panel.resolve.click()
    assert window.doc.draft.comments[0].resolved
    window.doc.undo_stack.undo()
    assert not window.doc.draft.comments[0].resolved
    window.doc.undo_stack.redo()
    out = tmp_path / "runde2.docx"
    export_docx(window.doc.draft, out, None)
    from exporters.shown import shown_document
    from forms.roundtrip.returned import read_returned

    (back,) = read_returned(out.read_bytes(), out.name, shown_document).comments
    assert back.resolved and [r.text for r in back.replies] == ["100,0 mio. kr., se tabellen."]


def test_file_import_of_a_returned_file_goes_through_the_review(make_window, script, tmp_path):
    window = make_window()
    script.answer("choose_import_path", returned_file(tmp_path))
    assert window.importing.import_file()
    lines = window.importing.view.lines()
    assert not any("uden tab" in line for line in lines)
    assert any("ændringer fra Word venter" in line for line in lines)
    assert window.review.changes_dock.isVisible()


def test_an_unchanged_export_opens_without_a_changes_panel(make_window, tmp_path):
    window = make_window()
    exported = tmp_path / "udsendt.docx"
    export_docx(load_example(), exported, None)
    assert window.open_path(exported)
    assert window.doc.draft.pending_changes == []
    assert not window.review.changes_dock.isVisible()


def test_read_only_drafts_offer_no_decisions(make_window, tmp_path):
    window = make_window()
    assert window.open_path(returned_file(tmp_path))
    window.doc.read_only = True
    window.review.refresh()
    panel = window.review.changes
    assert not panel.accept.isEnabled() and not panel.accept_all.isEnabled()
    assert not window.review.accept([c.id for c in window.doc.draft.pending_changes])
    assert len(window.doc.draft.pending_changes) == 3


def test_a_saved_draft_keeps_the_pending_changes_and_comments(make_window, tmp_path, script):
    window = make_window()
    assert window.open_path(returned_file(tmp_path))
    target = tmp_path / "gemt.aktstykke"
    script.answer("choose_save_path", target)
    assert window.save_as()
    saved = load_draft(target).draft
    assert len(saved.pending_changes) == 3 and len(saved.comments) == 1
    second = make_window(draft=saved)  # reopened later: the review goes on where it was
    assert second.review.changes.list.count() == 3
    assert second.review.comments.list.count() == 1


def test_screenshots_of_the_review_docks(make_window, tmp_path):
    window = make_window()
    assert window.open_path(returned_file(tmp_path))
    window.refresh_now()
    for size in ((1366, 768), (1920, 1080)):
        window.resize(*size)
        QApplication.processEvents()
        window.review.changes.list.setCurrentRow(0)
        QApplication.processEvents()
        shot = tmp_path / f"aendringer-{size[0]}.png"
        assert window.grab().save(str(shot))
        window.review.comments_dock.raise_()
        QApplication.processEvents()
        assert window.grab().save(str(tmp_path / f"kommentarer-{size[0]}.png"))
        window.review.changes_dock.raise_()
        assert window.review.changes.list.visibleRegion().boundingRect().height() > 60


def test_export_with_changes_since_a_chosen_version(make_window, script, tmp_path):
    import zipfile

    window = make_window()
    exported = tmp_path / "udsendt.docx"
    export_docx(load_example(), exported, None)
    assert window.open_path(returned_file(tmp_path))
    window.review.changes.accept_all.click()
    target = tmp_path / "med-ændringer.docx"
    script.answer("choose_import_path", exported)
    script.answer("choose_export_path", target)
    window.review.act_export_changes.trigger()
    with zipfile.ZipFile(target) as package:
        document = package.read("word/document.xml").decode()
    assert "<w:delText>har</w:delText>" in document and "havde" in document
    assert "Et helt nyt afsnit." in document and "<w:ins " in document
    texts_ = [m for m in window.menu("file").actions() if "ndringer" in m.text()]
    assert any("Eksportér med" in a.text() for a in texts_)


def test_f7_steps_through_the_changes_from_the_keyboard(qtbot, make_window, tmp_path):
    from PySide6.QtCore import Qt

    window = make_window()
    assert window.open_path(returned_file(tmp_path))
    window.activateWindow()
    qtbot.waitActive(window)
    window.review.changes_dock.hide()
    panel = window.review.changes
    first = panel.current_id()
    window.show_part("b")
    editor = window.forms["b"].frames[2].editor  # typing in the form, as an author would be
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus, timeout=2000)
    qtbot.keyClick(editor, Qt.Key.Key_F7)
    assert window.review.changes_dock.isVisible()
    assert panel.current_id() != first
    target = QApplication.focusWidget() or editor
    qtbot.keyClick(target, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert panel.current_id() == first
    texts_ = [a.text() for a in window.menu("goto").actions()]
    assert "Næste ændring fra &Word" in texts_


def test_the_preview_shows_the_same_comparison(make_window, script, tmp_path):
    window = make_window()
    assert window.open_path(returned_file(tmp_path))
    window.preview_dock.show()
    window.review.changes.in_preview.setChecked(True)
    html = window.preview.html()
    assert "text-decoration: underline;'>Et helt nyt afsnit.</span>" in html
    assert "line-through;'>har</span>" in html
    assert "ventende ændringer" in window.preview.label.text()
    assert window.doc.draft.pending_changes  # showing is not accepting
    window.review.changes.in_preview.setChecked(False)
    assert "line-through" not in window.preview.html()
    # Changes since a chosen version, as the Word file with changes would show them.
    window.review.changes.accept_all.click()
    exported = tmp_path / "udsendt.docx"
    script.answer("choose_import_path", exported)
    window.review.act_compare.setChecked(True)
    assert "udsendt.docx" in window.preview.label.text()
    assert "line-through;'>har</span>" in window.preview.html()
    window.review.act_compare.setChecked(False)
    assert window.preview.label.text() == "Sådan ser aktstykket ud i Word:"
