"""Undo commands: every edit of the draft is one of these, pushed on the QUndoStack.

The command text is what the Edit menu shows after "Fortryd: " and must read as
Danish prose ("ret beløb i tabel 1"). Typing merges into one command per burst.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtGui import QUndoCommand

from desktop.session.document import DraftDocument
from forms.model import BudgetTable, Paragraph, Section

BURST_SECONDS = 1.5
"""Keystrokes closer together than this undo as one."""

_TEXT_ID = 1001
_FIELD_ID = 1002


@dataclass(frozen=True)
class Place:
    """Where an edit happened, so undo can show the author what it changed."""

    part: str
    """'header' or a letter a-f."""
    block: int | None = None
    row: int | None = None
    column: int | None = None
    field: str | None = None
    cursor: int | None = None


class _Command(QUndoCommand):
    def __init__(self, document: DraftDocument, text: str, place: Place):
        super().__init__(text)
        self.document = document
        self.place = place
        self._done_once = False

    def redo(self) -> None:
        self.do()
        if self._done_once:
            self.document.revealRequested.emit(self.place)
        self._done_once = True

    def undo(self) -> None:
        self.undo_change()
        self.document.revealRequested.emit(self.place)

    def do(self) -> None:
        raise NotImplementedError

    def undo_change(self) -> None:
        raise NotImplementedError


def _release(merged: QUndoCommand) -> None:
    """Drop what a command merged into another holds (texts, the document, its place).

    QUndoStack deletes a merged command inside push(), before PySide6 takes the
    command's ownership over to C++; the Python object then stays alive for
    good (measured in 6.11.3 and 6.12.0). Typing merges one command per key, so
    without this every keystroke would keep a copy of the whole text."""
    vars(merged).clear()


class SetField(_Command):
    """A header field or flag; consecutive typing in the same text field merges.

    A field read from typed text (a date, an amount among the flags) also
    carries the text when it could not be read (`raw`, kept in
    Aktstykke.raw_fields with the value None); undo restores both."""

    def __init__(
        self, document: DraftDocument, path: str, new, text: str, *, merge=False, raw=None
    ):
        super().__init__(document, text, Place("header", field=path))
        self.path = path
        self.old = document.field_value(path)
        self.old_raw = document.draft.raw_fields.get(path)
        self.new = new
        self.new_raw = raw
        self._merge = merge
        self._stamp = time.monotonic()

    def id(self) -> int:
        return _FIELD_ID if self._merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, SetField) and other.path == self.path and other._merge):
            return False
        if other._stamp - self._stamp > BURST_SECONDS:
            return False
        self.new = other.new
        self.new_raw = other.new_raw
        self._stamp = other._stamp
        _release(other)
        return True

    def _apply(self, value, raw: str | None) -> None:
        # The raw text first: views redraw on the signal apply_field sends.
        raw_fields = self.document.draft.raw_fields
        if raw is None:
            raw_fields.pop(self.path, None)
        else:
            raw_fields[self.path] = raw
        self.document.apply_field(self.path, value)

    def do(self) -> None:
        self._apply(self.new, self.new_raw)

    def undo_change(self) -> None:
        self._apply(self.old, self.old_raw)


class EditText(_Command):
    """Text typed in a paragraph or sub-heading; one command per burst of typing."""

    def __init__(
        self, document: DraftDocument, letter: str, index: int, new: str, text: str, *, merge=True
    ):
        super().__init__(document, text, Place(letter, block=index))
        self.letter, self.index = letter, index
        self.old = document.block(letter, index).text
        self.new = new
        self._merge = merge
        self._stamp = time.monotonic()

    def id(self) -> int:
        return _TEXT_ID if self._merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, EditText) and other._merge):
            return False
        if (other.letter, other.index) != (self.letter, self.index):
            return False
        if other._stamp - self._stamp > BURST_SECONDS:
            return False
        self.new = other.new
        self._stamp = other._stamp
        _release(other)
        return True

    def do(self) -> None:
        self.document.apply_block_text(self.letter, self.index, self.new)

    def undo_change(self) -> None:
        self.document.apply_block_text(self.letter, self.index, self.old)


class InsertBlock(_Command):
    def __init__(self, document: DraftDocument, letter: str, index: int, block, text: str):
        super().__init__(document, text, Place(letter, block=index))
        self.letter, self.index, self.block = letter, index, block

    def do(self) -> None:
        self.document.apply_insert_block(self.letter, self.index, self.block)

    def undo_change(self) -> None:
        self.document.apply_remove_block(self.letter, self.index)


class RemoveBlock(_Command):
    def __init__(self, document: DraftDocument, letter: str, index: int, text: str):
        super().__init__(document, text, Place(letter, block=index))
        self.letter, self.index = letter, index
        self.block = document.block(letter, index)

    def do(self) -> None:
        self.block = self.document.apply_remove_block(self.letter, self.index)

    def undo_change(self) -> None:
        self.document.apply_insert_block(self.letter, self.index, self.block)


class MoveBlock(_Command):
    def __init__(self, document: DraftDocument, letter: str, source: int, target: int, text: str):
        super().__init__(document, text, Place(letter, block=target))
        self.letter, self.source, self.target = letter, source, target

    def do(self) -> None:
        self.document.apply_move_block(self.letter, self.source, self.target)

    def undo_change(self) -> None:
        self.document.apply_move_block(self.letter, self.target, self.source)
        self.place = Place(self.letter, block=self.source)

    def redo(self) -> None:
        self.place = Place(self.letter, block=self.target)
        super().redo()


class ToggleSection(_Command):
    """Include a litra (restoring what it held when it was left out) or leave it out."""

    def __init__(self, document: DraftDocument, letter: str, include: bool):
        text = f"medtag punkt {letter}" if include else f"udelad punkt {letter}"
        super().__init__(document, text, Place(letter))
        self.letter, self.include = letter, include
        self.section: Section | None = (
            document.left_out.get(letter) if include else document.section(letter)
        )
        if include and self.section is None:
            self.section = Section(letter=letter, blocks=[Paragraph()])

    def do(self) -> None:
        if self.include:
            self.document.apply_insert_section(self._section())
        else:
            self.section = self.document.apply_remove_section(self.letter)

    def undo_change(self) -> None:
        if self.include:
            self.section = self.document.apply_remove_section(self.letter)
        else:
            self.document.apply_insert_section(self._section())

    def _section(self) -> Section:
        # Made or taken when the command was: including always has a section to put back.
        assert self.section is not None
        return self.section


class SetCell(_Command):
    """One cell of a budget table: the row's label, its § account or an amount.

    An amount cell also carries the text typed into it when that could not be
    read (`raw`, kept in TableRow.raw_values with the value None); undo and
    redo restore value and text together."""

    def __init__(
        self,
        document: DraftDocument,
        letter: str,
        index: int,
        row: int,
        column: int | str,
        new: str | Decimal | None,
        raw: str | None = None,
    ):
        number = document.table_number(letter, index)
        what = (
            {"label": "tekst", "account": "konto"}.get(column, "beløb")
            if isinstance(column, str)
            else "beløb"
        )
        super().__init__(
            document,
            f"ret {what} i tabel {number}",
            Place(letter, block=index, row=row, column=_column_place(column)),
        )
        self.letter, self.index, self.row, self.column = letter, index, row, column
        self.old = self._get()
        self.old_raw = self._get_raw()
        self.new = new
        self.new_raw = raw if isinstance(column, int) else None

    def _get(self):
        row = self.document.table(self.letter, self.index).rows[self.row]
        if self.column == "label":
            return row.label
        if self.column == "account":
            return row.account
        column = self._amount_column()
        values = row.values
        return values[column] if column < len(values) else None

    def _amount_column(self) -> int:
        assert isinstance(self.column, int)  # neither "label" nor "account"
        return self.column

    def _get_raw(self) -> str | None:
        if not isinstance(self.column, int):
            return None
        return (
            self.document.table(self.letter, self.index).rows[self.row].raw_values.get(self.column)
        )

    def _set(self, value, raw: str | None) -> None:
        row = self.document.table(self.letter, self.index).rows[self.row]
        if self.column == "label":
            row.label = value
        elif self.column == "account":
            row.account = value
        else:
            column = self._amount_column()
            columns = len(self.document.table(self.letter, self.index).columns)
            if len(row.values) < columns:
                row.values.extend([None] * (columns - len(row.values)))
            row.values[column] = value
            if raw is None:
                row.raw_values.pop(column, None)
            else:
                row.raw_values[column] = raw
        self.document.table_cell_changed(self.letter, self.index)

    def unchanged(self) -> bool:
        """Pushing this would change nothing (the same value, of the same type, and text)."""
        return (
            self.old == self.new
            and type(self.old) is type(self.new)
            and self.old_raw == self.new_raw
        )

    def do(self) -> None:
        self._set(self.new, self.new_raw)

    def undo_change(self) -> None:
        self._set(self.old, self.old_raw)


def _column_place(column: int | str) -> int:
    """The model column of a cell: label 0, account 1, amounts from 2."""
    if column == "label":
        return 0
    if column == "account":
        return 1
    return int(column) + 2


class ReplaceTable(_Command):
    """Any structural or descriptive change of a table, kept as before/after copies."""

    def __init__(
        self,
        document: DraftDocument,
        letter: str,
        index: int,
        after: BudgetTable,
        text: str,
        place: Place | None = None,
    ):
        super().__init__(document, text, place or Place(letter, block=index))
        self.letter, self.index = letter, index
        self.before = document.table(letter, index).model_copy(deep=True)
        self.after = after

    def do(self) -> None:
        self.document.apply_replace_table(self.letter, self.index, self.after.model_copy(deep=True))

    def undo_change(self) -> None:
        self.document.apply_replace_table(
            self.letter, self.index, self.before.model_copy(deep=True)
        )
