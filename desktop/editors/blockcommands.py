"""The commands on a litra's blocks: add a paragraph, sub-heading or table, move
or delete the current block, and the word-processor ones: Enter splits a
paragraph, Backspace at its start joins it to the one above, a paste of several
paragraphs becomes several blocks, and a standard formulation goes in where the
cursor is (never below an empty paragraph) with its first placeholder selected.
Each is one undoable step (a command or a macro).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.editors.blockeditors import ParagraphEditor, python_offset
from desktop.editors.tableeditor import TableEditor
from desktop.editors.tablemodel import LABEL_COLUMN
from desktop.undo.edits import EditText, InsertBlock, MoveBlock, RemoveBlock
from forms import formulations
from forms.amounts import Unit
from forms.model import BudgetTable, Paragraph, SubHeading, TableRow

if TYPE_CHECKING:
    from desktop.editors.sectionform import SectionForm


class BlockCommands:
    """The commands of one litra's form (`form`: its blocks, current block, focus)."""

    def __init__(self, form: SectionForm):
        self.form = form

    def _paragraph(self, index: int) -> ParagraphEditor:
        """The editor of a paragraph block these commands work on."""
        editor = self.form.frames[index].editor
        assert isinstance(editor, ParagraphEditor)
        return editor

    def insert(self, block, what: str) -> int:
        form = self.form
        if form.doc.read_only:
            return -1
        if not form.present:
            form.set_included(True)
        position = form.insert_position()
        form.doc.undo_stack.push(
            InsertBlock(
                form.doc, form.letter, position, block, f"tilføj {what} i litra {form.letter}"
            )
        )
        form.focus_block(position)
        return position

    def add_paragraph(self) -> None:
        self.insert(Paragraph(), "afsnit")

    def add_subheading(self) -> None:
        self.insert(SubHeading(), "underoverskrift")

    def add_table(self) -> None:
        form = self.form
        table = BudgetTable(
            unit=Unit.MIO,
            columns=[""],
            rows=[TableRow(values=[None]), TableRow(values=[None])],
        )
        position = self.insert(table, "tabel")
        if position >= 0:
            frame = form.frames[position]
            if isinstance(frame.editor, TableEditor):
                frame.editor.show_cell(0, LABEL_COLUMN)

    def move_current(self, step: int) -> None:
        form = self.form
        section = form.doc.section(form.letter)
        if form.doc.read_only or section is None or not 0 <= form.current < len(section.blocks):
            return
        target = form.current + step
        if not 0 <= target < len(section.blocks):
            return
        direction = "op" if step < 0 else "ned"
        form.doc.undo_stack.push(
            MoveBlock(
                form.doc,
                form.letter,
                form.current,
                target,
                f"flyt blok {direction} i litra {form.letter}",
            )
        )
        form.focus_block(target)

    def remove_current(self) -> None:
        form = self.form
        section = form.doc.section(form.letter)
        if form.doc.read_only or section is None or not 0 <= form.current < len(section.blocks):
            return
        index = form.current
        form.doc.undo_stack.push(
            RemoveBlock(form.doc, form.letter, index, f"slet blok i litra {form.letter}")
        )
        if form.frames:
            form.focus_block(min(index, len(form.frames) - 1))

    def paragraph_after(self, index: int) -> None:
        """Enter in a sub-heading: a paragraph below it with the cursor in it (an empty
        paragraph already there is used rather than a second one)."""
        form = self.form
        section = form.doc.section(form.letter)
        if form.doc.read_only or section is None:
            return
        below = index + 1
        following = section.blocks[below] if below < len(section.blocks) else None
        if not (isinstance(following, Paragraph) and not following.text.strip()):
            form.doc.undo_stack.push(
                InsertBlock(
                    form.doc,
                    form.letter,
                    below,
                    Paragraph(),
                    f"nyt afsnit under underoverskriften i litra {form.letter}",
                )
            )
        form.focus_block(below)

    def split(self, index: int, at: int) -> None:
        """Enter in a paragraph: the text after the cursor becomes a new paragraph."""
        form = self.form
        text = form.doc.block(form.letter, index).text
        editor_text = self._paragraph(index).text()
        if editor_text != text:
            text = editor_text
        head, tail = text[:at], text[at:]
        stack = form.doc.undo_stack
        stack.beginMacro(f"del afsnit i litra {form.letter}")
        stack.push(EditText(form.doc, form.letter, index, head, "del afsnit", merge=False))
        stack.push(
            InsertBlock(form.doc, form.letter, index + 1, Paragraph(text=tail), "del afsnit")
        )
        stack.endMacro()
        form.focus_block(index + 1)

    def join(self, index: int) -> None:
        """Backspace at the start of a paragraph: join it to the paragraph above."""
        form = self.form
        if index == 0:
            return
        previous = form.doc.block(form.letter, index - 1)
        current = form.doc.block(form.letter, index)
        stack = form.doc.undo_stack
        if isinstance(previous, Paragraph):
            junction = len(previous.text)
            joined = previous.text + current.text
            stack.beginMacro(f"sammenlæg afsnit i litra {form.letter}")
            stack.push(EditText(form.doc, form.letter, index - 1, joined, "sammenlæg", merge=False))
            stack.push(RemoveBlock(form.doc, form.letter, index, "sammenlæg"))
            stack.endMacro()
            editor = self._paragraph(index - 1)
            form.set_current(index - 1)
            editor.select_span(junction, None)
        elif not current.text:
            stack.push(
                RemoveBlock(form.doc, form.letter, index, f"slet blok i litra {form.letter}")
            )
            form.focus_block(index - 1)
            form.frames[index - 1].focus_editor(at_end=True)

    def paste(self, index: int, parts: list[str]) -> None:
        """Pasted text with several paragraphs becomes several paragraph blocks."""
        form = self.form
        if not parts:
            return
        editor = self._paragraph(index)
        cursor = editor.textCursor()
        text = editor.text()
        start = python_offset(text, cursor.selectionStart())
        end = python_offset(text, cursor.selectionEnd())
        before, after = text[:start], text[end:]
        stack = form.doc.undo_stack
        stack.beginMacro(f"indsæt tekst i litra {form.letter}")
        if len(parts) == 1:
            stack.push(
                EditText(
                    form.doc, form.letter, index, before + parts[0] + after, "indsæt", merge=False
                )
            )
        else:
            stack.push(
                EditText(form.doc, form.letter, index, before + parts[0], "indsæt", merge=False)
            )
            for offset, part in enumerate(parts[1:], start=1):
                last = offset == len(parts) - 1
                block = Paragraph(text=part + after if last else part)
                stack.push(InsertBlock(form.doc, form.letter, index + offset, block, "indsæt"))
        stack.endMacro()
        last_index = index + len(parts) - 1
        form.focus_block(last_index)
        last_editor = self._paragraph(last_index)
        last_editor.select_span(len(parts[-1]) + (len(before) if len(parts) == 1 else 0), None)

    def insert_formulation(self, item: formulations.Formulation) -> None:
        """A standard formulation goes where the author is: into the current paragraph
        (all of it when it is empty, at the cursor otherwise), into the empty paragraph
        below a current sub-heading or table, or the litra's first empty paragraph when
        no block is current; a new paragraph only when there is no empty one to use.
        One undoable step, with the first placeholder selected."""
        form = self.form
        if form.doc.read_only:
            return
        text, placeholder = formulations.expand(item, form.doc.draft)
        label = f"indsæt standardformulering i litra {form.letter}"
        stack = form.doc.undo_stack
        stack.beginMacro(label)
        try:
            if not form.present:
                form.set_included(True)  # a new litra holds one empty paragraph
            index, offset = self._formulation_target(text, label)
        finally:
            stack.endMacro()
        span = (offset + placeholder[0], offset + placeholder[1]) if placeholder else None
        if index >= len(form.frames):
            form.finish_build()
        editor = self._paragraph(index)
        form.set_current(index)
        if span:
            editor.select_span(*span)
        else:
            editor.select_span(offset + len(text), None)

    def _formulation_target(self, text: str, label: str) -> tuple[int, int]:
        """Put `text` in its place (see insert_formulation): the block and where the
        text starts in it."""
        form = self.form
        doc = form.doc
        section = doc.section(form.letter)
        assert section is not None
        editor = form.current_editor()
        if isinstance(editor, ParagraphEditor):
            current = editor.text()
            if not current.strip():
                doc.undo_stack.push(
                    EditText(doc, form.letter, editor.index, text, label, merge=False)
                )
                return editor.index, 0
            cursor = editor.textCursor()
            start = python_offset(current, cursor.selectionStart())
            end = python_offset(current, cursor.selectionEnd())
            before, after = current[:start], current[end:]
            prefix = " " if before and not before.endswith((" ", "\n")) else ""
            suffix = " " if after and not after.startswith((" ", ".", ",")) else ""
            new = before + prefix + text + suffix + after
            doc.undo_stack.push(EditText(doc, form.letter, editor.index, new, label, merge=False))
            return editor.index, len(before) + len(prefix)
        blocks = section.blocks
        if 0 <= form.current < len(blocks):
            # A sub-heading or a table is current: the paragraph below it.
            candidates = [form.current + 1]
            position = form.current + 1
        else:
            candidates = list(range(len(blocks)))
            position = len(blocks)
        for index in candidates:
            block = blocks[index] if index < len(blocks) else None
            if isinstance(block, Paragraph) and not block.text.strip():
                doc.undo_stack.push(EditText(doc, form.letter, index, text, label, merge=False))
                return index, 0
        doc.undo_stack.push(InsertBlock(doc, form.letter, position, Paragraph(text=text), label))
        return position, 0

    def select_next_placeholder(self) -> bool:
        form = self.form
        editor = form.current_editor()
        if not isinstance(editor, ParagraphEditor):
            return False
        text = editor.text()
        position = python_offset(text, editor.textCursor().selectionEnd())
        span = formulations.next_placeholder(text, position)
        if span is None:
            return False
        editor.select_span(*span)
        return True
