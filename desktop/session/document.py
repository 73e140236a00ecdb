"""The open draft: the model, its file, its undo stack, and signals for every change.

Every edit reaches the model through an undo command (desktop/undo/edits.py) that calls
one of the `apply_*` methods here; the methods change the model and say exactly
what changed, so each view refreshes only what it shows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from forms.model import LETTERS, Aktstykke, BudgetTable, Section


class DraftDocument(QObject):
    headerChanged = Signal(str)
    """A header field or flag changed; the argument is its path ('date', 'flags.urgent')."""
    sectionToggled = Signal(str, bool)
    """A litra was included (True) or left out (False)."""
    blockInserted = Signal(str, int)
    blockRemoved = Signal(str, int)
    blockMoved = Signal(str, int, int)
    blockTextChanged = Signal(str, int)
    tableChanged = Signal(str, int, str)
    """letter, block index, and what: 'cell' (values only) or 'structure'."""
    contentChanged = Signal()
    """Anything in the draft changed: re-check and re-render after a pause."""
    revealRequested = Signal(object)
    """Undo/redo changed this place (a desktop.undo.edits.Place): show it to the author."""
    modifiedChanged = Signal(bool)
    fileChanged = Signal()
    """Path, read-only state or origin changed: the title needs updating."""
    replaced = Signal()
    """A different draft was loaded into this document: rebuild every view."""
    signoffsChanged = Signal()
    """Sign-offs or the audit trail changed (desktop/undo/signoffedits.py)."""
    reviewChanged = Signal()
    """Pending changes from Word or review comments changed (desktop/undo/reviewedits.py)."""

    def __init__(self, draft: Aktstykke, parent: QObject | None = None):
        super().__init__(parent)
        self.draft = draft
        self.path: Path | None = None
        self.content_hash: str | None = None
        self.migrated_from: int | None = None
        self.read_only = False
        self.origin: str | None = None
        """How an untitled draft came to be, for the title ('kopi', 'fra Word')."""
        self.suggested_name: str | None = None
        self._dirty = False
        self.left_out: dict[str, Section] = {}
        """What a litra held when it was left out, so including it again restores it."""
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._emit_modified)

    # -- file state -----------------------------------------------------------------

    @property
    def modified(self) -> bool:
        return self._dirty or not self.undo_stack.isClean()

    def load(
        self,
        draft: Aktstykke,
        *,
        path: Path | None = None,
        content_hash: str | None = None,
        migrated_from: int | None = None,
        read_only: bool = False,
        origin: str | None = None,
        dirty: bool = False,
    ) -> None:
        """Replace the draft (New, Open, Recover): history and state start afresh."""
        self.draft = draft
        self.path = path
        self.content_hash = content_hash
        self.migrated_from = migrated_from
        self.read_only = read_only
        self.origin = origin
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.left_out = {}
        self._dirty = dirty
        self.replaced.emit()
        self.fileChanged.emit()
        self.contentChanged.emit()
        self.modifiedChanged.emit(self.modified)

    def mark_saved(self, path: Path, content_hash: str) -> None:
        self.path = path
        self.content_hash = content_hash
        self.migrated_from = None
        self.origin = None
        self.read_only = False
        self._dirty = False
        self.undo_stack.setClean()
        self.fileChanged.emit()
        self.modifiedChanged.emit(False)

    def mark_dirty(self) -> None:
        """Modified although the undo stack is clean: a change that cannot be undone
        (a revocation, a final export's audit line) must still be saved."""
        self._dirty = True
        self.modifiedChanged.emit(True)

    def set_suggested_name(self, name: str | None) -> None:
        """The name Save As suggests for an untitled draft (and the title shows)."""
        self.suggested_name = name
        self.fileChanged.emit()

    def display_name(self) -> str:
        if self.path is not None:
            return self.path.name
        return self.suggested_name or "Nyt aktstykke"

    def _emit_modified(self, _clean: bool) -> None:
        self.modifiedChanged.emit(self.modified)

    # -- lookups --------------------------------------------------------------------

    def section(self, letter: str) -> Section | None:
        return self.draft.section(letter)

    def block(self, letter: str, index: int):
        section = self.draft.section(letter)
        assert section is not None, letter
        return section.blocks[index]

    def table(self, letter: str, index: int) -> BudgetTable:
        block = self.block(letter, index)
        assert isinstance(block, BudgetTable)
        return block

    def table_number(self, letter: str, index: int) -> int:
        """The table's number in the whole draft (1-based), as the author counts them."""
        for number, (table_letter, table_index, _) in enumerate(self.draft.tables(), start=1):
            if (table_letter, table_index) == (letter, index):
                return number
        return len(self.draft.tables()) + 1

    # -- changes (called by undo commands only) -----------------------------------------

    def apply_field(self, path: str, value) -> None:
        target, name = self._field_owner(path)
        setattr(target, name, value)
        self.headerChanged.emit(path)
        self.contentChanged.emit()

    def field_value(self, path: str):
        target, name = self._field_owner(path)
        return getattr(target, name)

    def _field_owner(self, path: str):
        target = self.draft
        *parents, name = path.split(".")
        for part in parents:
            target = getattr(target, part)
        return target, name

    def apply_block_text(self, letter: str, index: int, text: str) -> None:
        self.block(letter, index).text = text
        self.blockTextChanged.emit(letter, index)
        self.contentChanged.emit()

    def apply_insert_block(self, letter: str, index: int, block) -> None:
        section = self.section(letter)
        assert section is not None, letter
        section.blocks.insert(index, block)
        self.blockInserted.emit(letter, index)
        self.contentChanged.emit()

    def apply_remove_block(self, letter: str, index: int):
        section = self.section(letter)
        assert section is not None, letter
        block = section.blocks.pop(index)
        self.blockRemoved.emit(letter, index)
        self.contentChanged.emit()
        return block

    def apply_move_block(self, letter: str, source: int, target: int) -> None:
        section = self.section(letter)
        assert section is not None, letter
        block = section.blocks.pop(source)
        section.blocks.insert(target, block)
        self.blockMoved.emit(letter, source, target)
        self.contentChanged.emit()

    def apply_insert_section(self, section: Section) -> None:
        """Put a litra back in its place in the a-f order."""
        order = LETTERS.index(section.letter)
        sections = self.draft.sections
        position = next(
            (i for i, s in enumerate(sections) if LETTERS.index(s.letter) > order),
            len(sections),
        )
        sections.insert(position, section)
        self.sectionToggled.emit(section.letter, True)
        self.contentChanged.emit()

    def apply_remove_section(self, letter: str) -> Section:
        sections = self.draft.sections
        position = next(i for i, s in enumerate(sections) if s.letter == letter)
        section = sections.pop(position)
        self.left_out[letter] = section
        self.sectionToggled.emit(letter, False)
        self.contentChanged.emit()
        return section

    def apply_replace_table(self, letter: str, index: int, table: BudgetTable) -> None:
        section = self.section(letter)
        assert section is not None, letter
        section.blocks[index] = table
        self.tableChanged.emit(letter, index, "structure")
        self.contentChanged.emit()

    def apply_signoffs(self, signoffs, audit) -> None:
        """Replace the sign-offs and the audit trail. Also content: litra f and
        the checks follow Finansministeriet's sign-off."""
        self.draft.signoffs = list(signoffs)
        self.draft.audit = list(audit)
        self.contentChanged.emit()
        self.signoffsChanged.emit()

    def table_cell_changed(self, letter: str, index: int) -> None:
        self.tableChanged.emit(letter, index, "cell")
        self.contentChanged.emit()
