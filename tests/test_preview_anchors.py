"""The preview's anchors are block states, not character formats (issue 16, point 5).

Qt found an anchored character's format by a hash that is the same for every
list of anchor names, so showing a draft took time growing with the square of
its paragraphs. These tests hold the mechanism (no format per paragraph) and
that scrolling, the highlight and the in-place patch still land on the right
paragraph of a 300-paragraph draft.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextDocument

from benchmarks.largedraft import large_draft
from desktop.panels.preview import PreviewView, qt_html
from exporters.html import render_html
from forms.model import Aktstykke, Paragraph
from forms.templates import load_example


def draft_of(paragraphs: int, *, changed: dict[int, str] | None = None) -> Aktstykke:
    draft = load_example()
    section = draft.section("b")
    assert section is not None
    changed = changed or {}
    section.blocks = [
        Paragraph(text=changed.get(index, f"{index + 1}. Afsnit nummer {index + 1} om tilskud."))
        for index in range(paragraphs)
    ]
    return draft


@pytest.fixture
def view(qtbot):
    view = PreviewView()
    qtbot.addWidget(view)
    view.resize(520, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def top_text(view: PreviewView) -> str:
    """The text of the paragraph at the top edge of the view."""
    return view.browser.cursorForPosition(QPoint(60, 2)).block().text()


def test_anchors_are_not_character_formats_and_every_anchor_maps_to_its_block(view):
    formats = []
    for size in (150, 300):
        html = render_html(draft_of(size))
        view.set_html(html, None)
        document = view.browser.document()
        block = document.begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                assert not iterator.fragment().charFormat().anchorNames()
                iterator += 1
            block = block.next()
        formats.append(len(document.allFormats()))
        numbers = view._block_numbers()
        names = re.findall(r'<a name="([^"]+)"></a>', html)
        assert set(names) == set(numbers)
        first = numbers["litra-b-0"]  # the litra's label cell, its text in the next cell
        assert document.findBlockByNumber(first).text() == "b."
        assert document.findBlockByNumber(first + 1).text().startswith("1. Afsnit")
        for index in (1, 149, size - 1):
            text = document.findBlockByNumber(numbers[f"litra-b-{index}"]).text()
            assert text.startswith(f"{index + 1}. Afsnit")
        assert document.findBlockByNumber(numbers["header"]).text()
        assert document.findBlockByNumber(numbers["signature"]).text().startswith("København, den")
    # Twice the paragraphs, the same formats: nothing per paragraph for Qt to compare.
    assert formats[0] == formats[1]


def test_qt_html_moves_each_run_of_anchors_to_its_block_in_order():
    html = render_html(draft_of(5))
    shown, states = qt_html(html)
    assert "<a name=" not in shown
    assert [name for run in states for name in run] == re.findall(r'<a name="([^"]+)"></a>', html)
    assert states[0] == ("marking",)
    assert 'style="-qt-user-state:0"' in shown
    fresh, converted = QTextDocument(), QTextDocument()
    fresh.setHtml(html)
    converted.setHtml(shown)
    assert fresh.toPlainText() == converted.toPlainText()


def test_an_anchor_the_preview_cannot_move_is_still_found(view):
    view.set_html('<p style="color:#000000"><a name="litra-a"></a>Styret</p><p>Mere</p>', None)
    assert view._block_numbers() == {"litra-a": 0}


def test_scroll_to_puts_the_paragraph_at_the_top_and_keeps_a_place_in_view(view):
    view.set_html(render_html(draft_of(300)), "header")
    bar = view.browser.verticalScrollBar()
    view.scroll_to("litra-b-250")
    assert bar.value() > 0
    assert top_text(view).startswith("251. Afsnit")
    place = bar.value()
    view.scroll_to("litra-b-251")  # already in view: the view stays
    assert bar.value() == place
    view.scroll_to("litra-b-40")
    assert top_text(view).startswith("41. Afsnit")
    view.scroll_to("litra-b-280")
    assert top_text(view).startswith("281. Afsnit")
    view.scroll_to("litra-b-40")
    view.scroll_to("litra-b-310")  # not in the preview yet: the last one before it
    at_last = bar.value()
    view.scroll_to("litra-b-40")
    view.scroll_to("litra-b-299")
    assert bar.value() == at_last > place


def test_scroll_to_reaches_a_paragraph_qt_has_not_laid_out_yet(view):
    # Qt lays a long document out in the pauses: when the author asks for a paragraph
    # near the end, the scroll bar does not reach that far yet.
    draft = large_draft(2000, 0)
    section = draft.section("b")
    assert section is not None
    target = next(
        i for i, b in enumerate(section.blocks) if getattr(b, "text", "").startswith("1801. ")
    )
    view.set_html(render_html(draft), "header")
    bar = view.browser.verticalScrollBar()
    document = view.browser.document()
    block = document.findBlockByNumber(view._block_numbers()[f"litra-b-{target}"])
    top = document.documentLayout().blockBoundingRect(block).top()
    assert bar.maximum() < top, "Qt laid the whole document out at once: the case is gone"
    view.scroll_to(f"litra-b-{target}")
    assert top_text(view).startswith("1801. Projektet")


def test_a_hidden_preview_scrolls_when_it_is_shown(qtbot, view):
    view.hide()
    view.set_html(render_html(draft_of(300)), "litra-b-200")
    view.show()
    qtbot.waitExposed(view)
    assert top_text(view).startswith("201. Afsnit")


def test_a_hidden_preview_scrolls_to_the_last_place_asked_for(qtbot, view):
    view.hide()
    view.set_html(render_html(draft_of(300)), "litra-b-200")
    view.scroll_to("header")  # the author moved on before the preview was shown
    view.show()
    qtbot.waitExposed(view)
    assert view.browser.verticalScrollBar().value() == 0


def test_highlight_marks_the_paragraph_of_its_anchor(view):
    view.set_html(render_html(draft_of(300)), "header")
    view.highlight("litra-b-120")
    (selection,) = view.browser.extraSelections()
    cursor = selection.cursor
    document = view.browser.document()
    assert document.findBlock(cursor.selectionStart()).text().startswith("121. Afsnit")
    assert document.findBlock(cursor.selectionEnd()).text().startswith("121. Afsnit")
    assert top_text(view).startswith("121. Afsnit")
    view.highlight(None)
    assert not view.browser.extraSelections()


@pytest.mark.parametrize(
    "text",
    [
        "201. Afsnit nummer 201 om XYZ tilskud.",  # typed in the middle
        "Nyt 201. Afsnit nummer 201 om tilskud.",  # typed before the first character
        "X01. Afsnit nummer 201 om tilskud.",  # the first character replaced
    ],
)
def test_a_patched_paragraph_lands_in_its_block_and_stays_found(view, text):
    view.set_html(render_html(draft_of(300)), "litra-b-200")
    before = view.patched
    html = render_html(draft_of(300, changed={200: text}))
    view.set_html(html, "litra-b-200")
    assert view.patched == before + 1  # patched in place, not drawn afresh
    document = view.browser.document()
    assert document.findBlockByNumber(view._block_numbers()["litra-b-200"]).text() == text
    fresh = QTextDocument()
    fresh.setHtml(html)
    assert view.browser.toPlainText() == fresh.toPlainText()
    view.scroll_to("litra-b-10")
    view.scroll_to("litra-b-200")
    assert top_text(view) == text


def test_a_budget_tables_anchor_stays_in_its_first_cell_and_is_found(view, example):
    html = render_html(example)
    shown, _states = qt_html(html)
    # Only the table's anchor is left to Qt: a style on its cell would break its borders.
    assert re.findall(r'<a name="([^"]+)"></a>', shown) == ["litra-b-10"]
    view.set_html(html, "litra-b-10")
    numbers = view._block_numbers()
    assert set(numbers) == set(re.findall(r'<a name="([^"]+)"></a>', html))
    assert (
        view.browser.document().findBlockByNumber(numbers["litra-b-10"]).text() == "Projektsøjler"
    )
    view.highlight("litra-b-10")
    (selection,) = view.browser.extraSelections()
    assert view.browser.document().findBlock(selection.cursor.selectionStart()).text() == (
        "Projektsøjler"
    )


def test_typing_in_a_long_litra_patches_and_shows_that_paragraph(qtbot, window):
    document = window.doc
    draft = draft_of(300)
    document.load(draft, path=document.path, content_hash=document.content_hash)
    window.refresh_now()
    window.focus_part("b")
    form = window.forms["b"]
    form.focus_block(250)
    window.refresh_now()
    preview = window.preview
    browser = preview.browser
    numbers = preview._block_numbers()
    block = browser.document().findBlockByNumber(numbers["litra-b-250"])
    top = browser.document().documentLayout().blockBoundingRect(block).top()
    bar = browser.verticalScrollBar()
    assert bar.value() <= top < bar.value() + browser.viewport().height()  # in view
    editor = form.frames[250].editor
    cursor = editor.textCursor()
    cursor.setPosition(5)
    editor.setTextCursor(cursor)
    before = preview.patched
    qtbot.keyClicks(editor, "XYZ")
    window.refresh_now()
    assert preview.patched == before + 1
    text = browser.document().findBlockByNumber(numbers["litra-b-250"]).text()
    assert text == document.block("b", 250).text
    assert "XYZ" in text
