"""A long litra builds editors only for the blocks near the view (issue 16, point 3),
and the author sees, types, jumps and undoes as if every editor were there."""

from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.editors.blockeditors import ParagraphEditor
from desktop.editors.sectionform import MOST_EDITORS
from forms.findings import Finding, Location, Severity
from forms.model import Paragraph, SubHeading

pytestmark = pytest.mark.usefixtures("app_names")

BLOCKS = 600


@pytest.fixture
def long_b(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    document = window.doc
    draft = document.draft.model_copy(deep=True)
    blocks: list = []
    for i in range(BLOCKS):
        if i % 50 == 0:
            blocks.append(SubHeading(text=f"Delprojekt {i // 50 + 1}"))
        else:
            blocks.append(Paragraph(text=f"Afsnit {i}. " + "Projektet gennemføres i etaper. " * 6))
    draft.section("b").blocks = blocks
    document.load(draft, path=document.path, content_hash=document.content_hash)
    window.focus_part("b")
    form = window.forms["b"]
    qtbot.waitUntil(lambda: form.pending() == 0, timeout=20_000)
    QApplication.processEvents()
    return form


def built(form) -> list[int]:
    return [i for i, frame in enumerate(form.frames) if frame.built]


def in_view(form) -> list[int]:
    """The blocks whose frames the viewport shows now."""
    area = form.scroll_area
    top = area.verticalScrollBar().value()
    bottom = top + area.viewport().height()
    return [
        i
        for i, frame in enumerate(form.frames)
        if not frame.withheld and frame.y() < bottom and frame.y() + frame.height() > top
    ]


def scroll_to(form, value: int) -> None:
    form.scroll_area.verticalScrollBar().setValue(value)
    QApplication.processEvents()


def test_only_the_blocks_near_the_view_have_editors(long_b):
    form = long_b
    assert len(form.frames) == BLOCKS
    shown = in_view(form)
    assert shown and set(shown) <= set(built(form))
    assert len(built(form)) < 40, "a few screens' worth, not the litra"
    # Every block in view shows its own text in a real editor, whatever was built before.
    for index in shown:
        editor = form.frames[index].editor
        assert editor.isVisible()
        assert editor.text() == form.doc.block("b", index).text


def test_scrolling_through_the_litra_keeps_the_editors_bounded(long_b):
    form = long_b
    bar = form.scroll_area.verticalScrollBar()
    step = form.scroll_area.viewport().height()
    value = 0
    while value < bar.maximum():
        value += step
        scroll_to(form, value)
        shown = in_view(form)
        assert set(shown) <= set(built(form)), "a block came into view without its editor"
        assert len(built(form)) <= MOST_EDITORS + 20
    assert bar.value() == bar.maximum()
    assert in_view(form)[-1] == BLOCKS - 1
    # The caption of every block is right, built or not.
    assert form.frames[BLOCKS - 1].caption_text == f"Blok {BLOCKS} · afsnit"


def test_the_top_block_stays_put_when_editors_above_it_are_built(long_b):
    form = long_b
    scroll_to(form, form.scroll_area.verticalScrollBar().maximum() // 2)
    first = in_view(form)[0]
    offset = form.frames[first].y() - form.scroll_area.verticalScrollBar().value()
    scroll_to(form, form.scroll_area.verticalScrollBar().value() - 3)  # a nudge upwards
    moved = form.frames[first].y() - form.scroll_area.verticalScrollBar().value()
    assert abs(moved - (offset + 3)) <= 1


def test_text_typed_in_a_released_editor_is_shown_when_it_comes_back(qtbot, long_b):
    form = long_b
    form.focus_block(3)
    editor = form.frames[3].editor
    assert isinstance(editor, ParagraphEditor) and editor.hasFocus()
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, " Tilføjet.")
    form.focus_block(BLOCKS - 1)  # far away: block 3 is no longer in use
    scroll_to(form, form.scroll_area.verticalScrollBar().maximum())
    for value in range(0, form.scroll_area.verticalScrollBar().maximum(), 4000):
        scroll_to(form, value)
    scroll_to(form, form.scroll_area.verticalScrollBar().maximum())
    assert not form.frames[3].built, "the editor far out of view was released"
    assert form.doc.block("b", 3).text.endswith(" Tilføjet.")
    form.focus_block(3)
    assert form.frames[3].editor.text().endswith(" Tilføjet.")
    form.doc.undo_stack.undo()
    assert not form.frames[3].editor.text().endswith(" Tilføjet.")


def test_arrow_down_and_tab_reach_blocks_whose_editors_were_not_built(qtbot, long_b):
    form = long_b
    last_built = max(built(form))
    assert not form.frames[last_built + 1].built
    form.focus_block(last_built)
    editor = form.frames[last_built].editor
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    target = form.frames[last_built + 1]
    assert target.built and target.editor.hasFocus()
    # Tab from there goes on to the next block, a stand-in that hands on the focus.
    scroll_to(form, 0)
    following = form.frames[last_built + 2]
    if following.built:
        following.release()
    assert not following.built
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert following.built and following.editor.hasFocus()


def test_a_finding_far_down_selects_its_span(qtbot, long_b, window):
    form = long_b
    index = BLOCKS - 10
    assert not form.frames[index].built
    finding = Finding(
        rule="N-01",
        severity=Severity.WARNING,
        message="Test",
        location=Location(letter="b", block=index, start=0, end=6),
    )
    form.set_findings([finding])
    form.reveal_finding(finding)
    editor = form.frames[index].editor
    assert editor.textCursor().selectedText() == "Afsnit"
    assert [m.start for m in editor._marks] == [0], "the finding's underline is on it"
    QApplication.processEvents()
    assert index in in_view(form)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from 3.12 on")
def test_building_and_releasing_editors_leaves_none_references_flat(long_b):
    form = long_b
    bar = form.scroll_area.verticalScrollBar()

    def sweep() -> None:
        for value in range(0, bar.maximum(), form.scroll_area.viewport().height() * 3):
            scroll_to(form, value)
        scroll_to(form, 0)

    sweep()
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(3):
        sweep()
    gc.collect()
    assert sys.getrefcount(None) - before >= -20
