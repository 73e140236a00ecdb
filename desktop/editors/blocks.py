"""One block of a litra's form: its frame (a caption, the buddy of its editor)
and where a finding marks it (a span of a paragraph, a cell of a table)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.editors.blockeditors import Mark, ParagraphEditor, SubHeadingEditor
from desktop.editors.tableeditor import TableEditor
from desktop.editors.tablemodel import FIRST_AMOUNT_COLUMN, LABEL_COLUMN
from forms.findings import Finding, Severity

BlockEditor = ParagraphEditor | SubHeadingEditor | TableEditor
"""What edits one block: a paragraph, a sub-heading or a budget table."""

CellMarks = dict[tuple[int, int], tuple[Severity, str]]
"""(model row, model column) -> the worst finding's severity and message."""


class BlockFrame(QFrame):
    """One block: a small caption (its buddy label) and its editor."""

    def __init__(self, editor: BlockEditor, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor: BlockEditor = editor
        self.setObjectName("blockFrame")
        self.withheld = False
        """Not shown because the document does not use the block (litra f's typed consent)."""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.caption = QLabel()
        self.caption.setObjectName("blockCaption")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(editor)
        focus_target = editor.view if isinstance(editor, TableEditor) else editor
        self.caption.setBuddy(focus_target)
        self.set_current(False)

    def set_current(self, current: bool) -> None:
        if self.property("current") == current:
            return
        self.setProperty("current", current)
        # The look comes from blocks_style() on the container; re-polish to apply it.
        self.style().unpolish(self)
        self.style().polish(self)

    def focus_editor(self, at_end: bool = False) -> None:
        editor = self.editor
        if isinstance(editor, TableEditor):
            editor.show_cell(0, LABEL_COLUMN)
            return
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(editor, ParagraphEditor):
            cursor = editor.textCursor()
            cursor.movePosition(cursor.MoveOperation.End if at_end else cursor.MoveOperation.Start)
            editor.setTextCursor(cursor)
        elif isinstance(editor, SubHeadingEditor):
            editor.setCursorPosition(len(editor.text()) if at_end else 0)


def finding_marks(
    findings: list[Finding], frames: list[BlockFrame]
) -> tuple[dict[int, list[Mark]], dict[int, CellMarks]]:
    """The underlines of each paragraph and the marked cells of each table, by block."""
    marks: dict[int, list[Mark]] = {}
    cells: dict[int, CellMarks] = {}
    for finding in findings:
        location = finding.location
        if location.block is None or not 0 <= location.block < len(frames):
            continue
        editor = frames[location.block].editor
        if isinstance(editor, TableEditor):
            row, column = table_cell(editor, location.row, location.column)
            previous = cells.setdefault(location.block, {}).get((row, column))
            if previous is None or _rank(finding.severity) > _rank(previous[0]):
                cells[location.block][(row, column)] = (finding.severity, finding.message)
        else:
            start = location.start if location.start is not None else 0
            end = location.end if location.end is not None else len(editor.text())
            marks.setdefault(location.block, []).append(
                Mark(start, end, finding.severity, finding.message)
            )
    return marks, cells


def table_cell(editor: TableEditor, row: int | None, column: int | None) -> tuple[int, int]:
    """The model cell of a finding's table location: a whole total row points at
    its grand total, a whole data row at its label."""
    model = editor.model
    total_row = len(model.table.rows)
    row = total_row if row is None else min(row, total_row)
    if column is not None:
        return row, min(FIRST_AMOUNT_COLUMN + column, model.columnCount() - 1)
    return row, (model.columnCount() - 1 if row == total_row else LABEL_COLUMN)


def _rank(severity) -> int:
    return {"info": 0, "warning": 1, "error": 2}[str(severity)]
