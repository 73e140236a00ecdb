"""Spell-check in the editor (issue 15 point 6): the red wavy underline, the
suggestions and "Tilføj til ordbog" in the context menu, the word count."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QMenu

from desktop import theme
from desktop.editors import spellhighlight
from desktop.editors.blockeditors import ParagraphEditor, SubHeadingEditor
from desktop.editors.spellhighlight import ADD_TEXT, SpellService
from desktop.session.document import DraftDocument
from forms.model import Paragraph, SubHeading
from forms.spelling import PersonalWords, SpellChecker
from forms.templates import load_example

pytestmark = pytest.mark.usefixtures("app_names")

WAVE = QTextCharFormat.UnderlineStyle.WaveUnderline


@pytest.fixture
def spell(tmp_path, qapp):
    """A spell-checker of the test's own, its personal word list in the test's folder."""
    service = SpellService(SpellChecker(PersonalWords(tmp_path / "ordbog.txt")))
    spellhighlight.install_service(service)
    assert service.wait()
    yield service
    spellhighlight.install_service(None)


def _doc(*paragraphs: str, heading: str | None = None) -> DraftDocument:
    draft = load_example()
    blocks = [SubHeading(text=heading)] if heading is not None else []
    draft.section("a").blocks = [*blocks, *(Paragraph(text=t) for t in paragraphs)]
    return DraftDocument(draft)


def _editor(qtbot, doc, index=0):
    editor = ParagraphEditor(doc, "a", index)
    qtbot.addWidget(editor)
    editor.resize(600, 120)
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.waitUntil(lambda: editor.spelling.visible)
    qtbot.wait(10)
    return editor


def _underlined(editor) -> list[str]:
    block = editor.document().firstBlock()
    text = block.text()
    return [
        text[r.start : r.start + r.length]
        for r in block.layout().formats()
        if r.format.underlineStyle() == WAVE
    ]


def test_a_misspelled_word_gets_a_red_wavy_underline(qtbot, spell):
    editor = _editor(qtbot, _doc("Ministeriet anmoder om tilslutnig til projektet."))
    assert _underlined(editor) == ["tilslutnig"]
    [range_] = [r for r in editor.document().firstBlock().layout().formats()]
    assert range_.format.underlineColor() == theme.foreground(theme.Meaning.ERROR)


def test_the_domains_words_are_not_underlined(qtbot, spell):
    text = (
        "Udenrigsministeriet anmoder Finansudvalget om tilslutning, jf. pkt. 2.2.7, til at "
        "IOM og ICMPD får 100,0 mio. kr. under § 06.32.10. Nærområde- og migrationsfond."
    )
    assert _underlined(_editor(qtbot, _doc(text))) == []


def test_an_editor_not_yet_seen_is_not_checked(qtbot, spell):
    editor = ParagraphEditor(_doc("Et afsnit med stavefjel."), "a", 0)
    qtbot.addWidget(editor)
    qtbot.wait(20)
    assert not editor.spelling.visible and _underlined(editor) == []
    editor.show()
    qtbot.waitUntil(lambda: _underlined(editor) == ["stavefjel"])


def test_the_word_being_typed_is_underlined_only_when_left(qtbot, spell):
    editor = _editor(qtbot, _doc("Vi anmoder om "))
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "tilsl")
    assert _underlined(editor) == []  # still being written
    qtbot.keyClicks(editor, " og")
    assert _underlined(editor) == ["tilsl"]


def test_suggestions_come_first_in_the_context_menu_and_apply_as_one_edit(qtbot, spell):
    doc = _doc("Ministeriet anmoder om tilslutnig til projektet.")
    editor = _editor(qtbot, doc)
    menu = editor.createStandardContextMenu()
    standard = [a.text() for a in menu.actions()]
    added = editor.spelling.extend_menu(menu, 26)
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "tilslutning"
    assert ADD_TEXT in texts and texts.index(ADD_TEXT) < texts.index(standard[0])
    assert [a.text() for a in added][-1] == ADD_TEXT
    before = doc.undo_stack.count()
    next(a for a in added if a.text() == "tilslutning").trigger()
    assert doc.draft.section("a").blocks[0].text == (
        "Ministeriet anmoder om tilslutning til projektet."
    )
    assert doc.undo_stack.count() == before + 1
    qtbot.waitUntil(lambda: _underlined(editor) == [])
    doc.undo_stack.undo()
    assert "tilslutnig" in doc.draft.section("a").blocks[0].text


def test_a_correct_word_gets_no_spelling_entries(qtbot, spell):
    editor = _editor(qtbot, _doc("Ministeriet anmoder om tilslutning."))
    menu = QMenu()
    assert editor.spelling.extend_menu(menu, 5) == [] and menu.actions() == []


def test_add_to_dictionary_clears_every_editor_and_persists(qtbot, spell, tmp_path):
    doc = _doc("Programmet Capacity starter.", "Om Capacity nu.")
    first, second = _editor(qtbot, doc, 0), _editor(qtbot, doc, 1)
    assert _underlined(first) == ["Capacity"] and _underlined(second) == ["Capacity"]
    menu = QMenu()
    actions = first.spelling.extend_menu(menu, 12)
    next(a for a in actions if a.text() == ADD_TEXT).trigger()
    qtbot.waitUntil(lambda: _underlined(first) == [] and _underlined(second) == [])
    assert "Capacity" in (tmp_path / "ordbog.txt").read_text("utf-8")
    assert doc.undo_stack.count() == 0  # the draft itself is not changed


def test_a_sub_heading_is_checked_and_corrected(qtbot, spell):
    doc = _doc("Tekst.", heading="Baggrnd for sagen")
    editor = SubHeadingEditor(doc, "a", 0)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.waitUntil(lambda: [m.word for m in editor.spelling.misspelled] == ["Baggrnd"])
    menu = QMenu()
    actions = editor.spelling.extend_menu(menu, 3)
    assert actions[0].text() == "Baggrund"
    actions[0].trigger()
    assert doc.draft.section("a").blocks[0].text == "Baggrund for sagen"
    assert doc.undo_stack.count() == 1
    qtbot.waitUntil(lambda: editor.spelling.misspelled == [])


def test_without_a_dictionary_the_editor_works_unchecked(qtbot, tmp_path, monkeypatch):
    from forms import spelling

    def missing():
        raise spelling.SpellingUnavailable("Stavekontrollen er slået fra: enchant mangler.")

    monkeypatch.setattr(spelling, "_open_dictionary", missing)
    service = SpellService(SpellChecker(PersonalWords(tmp_path / "ordbog.txt")))
    spellhighlight.install_service(service)
    try:
        assert not service.wait()
        from desktop.panels.wordcountlabel import WordCountLabel

        label = WordCountLabel(_doc("Et afsnit."))
        qtbot.addWidget(label)
        assert label.text().endswith(" · uden stavekontrol")
        assert "enchant mangler" in label.toolTip()
        editor = _editor(qtbot, _doc("Et afsnit med stavefjel."))
        assert _underlined(editor) == []
        qtbot.keyClicks(editor, "x")
        assert editor.toPlainText().endswith("x") or editor.toPlainText().startswith("x")
    finally:
        spellhighlight.install_service(None)


# -- the word count in the status bar ------------------------------------------------------


def test_the_status_bar_counts_the_draft_and_the_current_litra(window, qtbot, spell):
    label = window.word_count
    total = label.text().split(" ord")[0]
    assert int(total.replace(".", "")) > 500  # the example
    window.focus_part("a")
    assert " · litra a: " in label.text()
    window.focus_part("b")
    assert " · litra b: " in label.text()
    words_b = int(label.text().split("litra b: ")[1].split(" ")[0].replace(".", ""))
    editor = next(
        f.editor for f in window.forms["b"].frames if isinstance(f.editor, ParagraphEditor)
    )
    editor.setFocus()
    editor.textCursor().insertText("Fire nye ord her. ")
    qtbot.waitUntil(lambda: f"litra b: {words_b + 4:,}".replace(",", ".") in label.text())
    window.focus_part("header")
    assert "litra" not in label.text()


def test_hovering_a_misspelled_word_says_what_to_do(qtbot, spell):
    editor = _editor(qtbot, _doc("Ministeriet anmoder om tilslutnig."))
    assert "»tilslutnig« står ikke i ordbogen" in editor.spelling.tooltip(25)
    assert editor.spelling.tooltip(3) is None


def test_the_underline_in_a_sub_heading_keeps_the_authors_selection(qtbot, spell):
    editor = SubHeadingEditor(_doc("Tekst.", heading="Baggrnd for sagen"), "a", 0)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.waitUntil(lambda: editor.spelling.misspelled != [])
    editor.setFocus()
    editor.setSelection(8, 9)
    editor.spelling.recheck()
    assert editor.selectedText() == "for sagen" and editor.text() == "Baggrnd for sagen"
    assert not editor.isModified()
