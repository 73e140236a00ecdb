"""Standard formulations go where the author is (issue 15 point 1): into the current
paragraph when it is empty, at the cursor otherwise, never into a new block below an
empty one; one undo step; and a blank block never reaches the Word file."""

from __future__ import annotations

import re
import zipfile
from xml.etree import ElementTree

import pytest

from desktop.editors.blockeditors import ParagraphEditor, utf16_offset
from desktop.undo.edits import InsertBlock
from exporters.html import render_html
from exporters.text import render_text
from exporters.word import export_docx
from forms import formulations
from forms.model import Paragraph, SubHeading

pytestmark = pytest.mark.usefixtures("app_names")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def formulation(letter: str, item_id: str) -> formulations.Formulation:
    return next(f for f in formulations.for_letter(letter) if f.id == item_id)


def texts(window, letter: str) -> list[str]:
    section = window.doc.draft.section(letter)
    assert section is not None
    return [getattr(block, "text", "<tabel>") for block in section.blocks]


def docx_paragraphs(path) -> list[str]:
    """The text of every paragraph of the Word file's body, read from its XML
    (a tab as \\t), table cells included."""
    root = ElementTree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    out = []
    for paragraph in root.iter(f"{W}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{W}t":
                parts.append(node.text or "")
            elif node.tag == f"{W}tab":
                parts.append("\t")
        out.append("".join(parts))
    return out


def test_into_the_empty_paragraph_of_a_new_litra_when_no_block_is_current(make_window):
    # The walk: a new draft, litra a chosen in the navigator (no block
    # clicked yet), a formulation from the toolbar.
    window = make_window()
    window.show_part("a")
    form = window.forms["a"]
    assert form.current == -1 and texts(window, "a") == [""]
    form.insert_formulation(formulation("a", "A-ANMODNING"))
    blocks = texts(window, "a")
    assert len(blocks) == 1, blocks  # no new block below the empty one
    assert blocks[0].startswith("[ministeriet] anmoder hermed om Finansudvalgets tilslutning")
    editor = form.current_editor()
    assert isinstance(editor, ParagraphEditor) and editor.index == 0
    assert editor.textCursor().selectedText() == "[ministeriet]"
    assert window.act_undo.text() == "Fortryd: indsæt standardformulering i litra a"
    window.act_undo.trigger()
    assert texts(window, "a") == [""]
    assert not window.doc.undo_stack.canUndo()  # one step, and it is gone


def test_into_the_current_empty_paragraph_not_below_it(make_window):
    window = make_window()
    window.focus_part("c")
    form = window.forms["c"]
    assert form.current == 0
    form.insert_formulation(formulation("c", "C-FORELAEGGES"))
    assert texts(window, "c") == [
        "Sagen forelægges Finansudvalget, idet [begrundelsen], jf. [hjemmelen]."
    ]


def test_at_the_cursor_mid_paragraph_and_undone_in_one_step(qtbot, window):
    window.focus_part("e")
    form = window.forms["e"]
    index = 0
    before = texts(window, "e")[index]
    cut = before.index("Finansudvalgets")
    form.frames[index].focus_editor()
    editor = form.frames[index].editor
    assert isinstance(editor, ParagraphEditor)
    cursor = editor.textCursor()
    cursor.setPosition(utf16_offset(before, cut))
    editor.setTextCursor(cursor)
    count = len(texts(window, "e"))
    depth = window.doc.undo_stack.index()
    form.insert_formulation(formulation("e", "T-E2"))  # "(ny konto)"
    after = texts(window, "e")
    assert len(after) == count  # no block added
    assert after[index] == before[:cut] + "(ny konto) " + before[cut:]
    assert window.doc.undo_stack.index() == depth + 1
    window.act_undo.trigger()
    assert texts(window, "e")[index] == before and len(texts(window, "e")) == count
    window.act_redo.trigger()
    assert texts(window, "e")[index] == after[index]


def test_below_a_current_sub_heading_uses_the_empty_paragraph_under_it(window):
    window.focus_part("b")
    form = window.forms["b"]
    doc = window.doc
    doc.undo_stack.push(InsertBlock(doc, "b", 0, SubHeading(text="Indledning"), "test"))
    doc.undo_stack.push(InsertBlock(doc, "b", 1, Paragraph(), "test"))
    form.set_current(0)
    count = len(texts(window, "b"))
    form.insert_formulation(formulation("a", "T-A1"))
    blocks = texts(window, "b")
    assert len(blocks) == count
    assert blocks[0] == "Indledning"
    assert blocks[1].startswith("Udgiften i 2024 finansieres af de på")
    # Below a current table with no empty paragraph after it: a new one, right there.
    table_index = next(i for i, text in enumerate(blocks) if text == "<tabel>")
    form.set_current(table_index)
    form.insert_formulation(formulation("a", "T-A1"))
    blocks = texts(window, "b")
    assert len(blocks) == count + 1
    assert blocks[table_index + 1].startswith("Udgiften i 2024 finansieres")


def test_into_an_omitted_litra_includes_it_in_the_same_step(window):
    window.show_part("d")
    form = window.forms["d"]
    assert not form.present
    form.insert_formulation(formulation("a", "T-A1"))
    assert len(texts(window, "d")) == 1
    assert texts(window, "d")[0].startswith("Udgiften i 2024")
    window.act_undo.trigger()
    assert window.doc.draft.section("d") is None


def test_no_blank_block_and_no_lone_label_reaches_the_word_file(window, tmp_path):
    # An empty paragraph first in e (the "e." two lines above its text),
    # another last in a, and the formulation put in through the editor.
    doc = window.doc
    doc.undo_stack.push(InsertBlock(doc, "e", 0, Paragraph(), "test"))
    doc.undo_stack.push(InsertBlock(doc, "a", len(texts(window, "a")), Paragraph(), "test"))
    doc.undo_stack.push(InsertBlock(doc, "c", 0, Paragraph(text="  "), "test"))
    window.refresh_now()
    s08 = sorted((f.location.letter, f.location.block) for f in window.findings if f.rule == "S-08")
    assert s08 == [("a", len(texts(window, "a")) - 1), ("c", 0), ("e", 0)]
    assert window.navigator.state_of("a") != "i orden"
    assert window.navigator.state_of("e") != "i orden"
    window.show_part("e")
    window.forms["e"].set_current(-1)
    window.forms["e"].insert_formulation(formulation("e", "T-E2"))
    assert texts(window, "e")[0] == "(ny konto)"  # into the empty block, not below it
    path = tmp_path / "ud.docx"
    export_docx(doc.draft, path)
    paragraphs = docx_paragraphs(path)
    labels = {f"{letter}." for letter in "abcdef"}
    assert not [p for p in paragraphs if p.strip() in labels]  # no lone "a." / "e."
    starts = {p.split("\t", 1)[0]: p for p in paragraphs if "\t" in p}
    assert starts["e."] == "e.\t(ny konto)"
    assert starts["a."].startswith("a.\tUdenrigsministeriet anmoder hermed")
    assert starts["c."].startswith("c.\tSagen forelægges Finansudvalget")
    # The same file, paragraph for paragraph, as the draft without its blank blocks.
    clean = doc.draft.model_copy(deep=True)
    for section in clean.sections:
        section.blocks = [b for b in section.blocks if getattr(b, "text", "x").strip()]
    export_docx(clean, tmp_path / "uden.docx")
    assert paragraphs == docx_paragraphs(tmp_path / "uden.docx")
    # The preview and the plain text draw the same layout: no trace of the blanks either.
    assert render_text(doc.draft) == render_text(clean)
    html, clean_html = render_html(doc.draft), render_html(clean)
    assert html.count("<p") == clean_html.count("<p")
    anchor = re.compile(r'(id|name)="[^"]*"')
    assert anchor.sub("", html) == anchor.sub("", clean_html)
