"""One block of a litra's form: its frame (a caption, the buddy of its editor)
and where a finding marks it (a span of a paragraph, a cell of a table)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.editors.blockeditors import Mark, ParagraphEditor, SubHeadingEditor
from desktop.editors.tableeditor import TableEditor
from desktop.editors.tablemodel import FIRST_AMOUNT_COLUMN, LABEL_COLUMN
from forms.findings import Finding, Severity
from forms.model import Block, BudgetTable

QWIDGETSIZE_MAX = (1 << 24) - 1
FRAME_MARGINS = (8, 4, 4, 4)
FRAME_SPACING = 2
CURRENT_BAR = 3
"""Width of the bar that marks the current block."""

BlockEditor = ParagraphEditor | SubHeadingEditor | TableEditor
"""What edits one block: a paragraph, a sub-heading or a budget table."""

CellMarks = dict[tuple[int, int], tuple[Severity, str]]
"""(model row, model column) -> the worst finding's severity and message."""


class BlockFrame(QFrame):
    """One block: a small caption (its buddy label) and its editor.

    The editor is built when it is needed (the block scrolls into view, gets the
    focus, or code asks for `editor`) and may be released again when it is far
    out of view: a long litra costs memory for what is on screen, not for every
    block. Until then the frame is an empty stand-in of the block's height that
    takes the keyboard focus on to the editor, so Tab and the arrows go on as
    before."""

    def __init__(
        self,
        make_editor: Callable[[BlockFrame], BlockEditor],
        tab_from: Callable[[BlockFrame, bool], bool] | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self._make_editor = make_editor
        self._tab_from = tab_from
        """The form's move to the next or previous block (SectionForm.tab_from)."""
        self._editor: BlockEditor | None = None
        self._caption: QLabel | None = None
        self.index = 0
        self.caption_text = ""
        self.accessible_name = ""
        self.marks: list[Mark] = []
        self.cells: CellMarks = {}
        self.was_built = False
        """Its editor was built once: the frame keeps the height it really had."""
        self.withheld = False
        """Not shown because the document does not use the block (litra f's typed consent)."""
        self.setObjectName("blockFrame")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(*FRAME_MARGINS)
        self._layout.setSpacing(FRAME_SPACING)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.set_current(False)

    # -- building -------------------------------------------------------------------------

    @property
    def built(self) -> bool:
        return self._editor is not None

    @property
    def editor(self) -> BlockEditor:
        return self.build()

    @property
    def caption(self) -> QLabel:
        self.build()
        assert self._caption is not None
        return self._caption

    def build(self) -> BlockEditor:
        if self._editor is not None:
            return self._editor
        editor = self._make_editor(self)
        self._editor = editor
        caption = self._caption = QLabel(self.caption_text)
        caption.setObjectName("blockCaption")
        caption.setBuddy(editor.view if isinstance(editor, TableEditor) else editor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(0)
        self.setMaximumHeight(QWIDGETSIZE_MAX)
        self._layout.addWidget(caption)
        self._layout.addWidget(editor)
        # The frame's width now, so a paragraph fits its height to its text as it is
        # shown (not a default height first, which would move every block below).
        left, _top, right, _bottom = FRAME_MARGINS
        editor.resize(max(1, self.width() - left - right), editor.height())
        # Shown now, not in the layout's later pass: the caller may focus it at once.
        caption.show()
        editor.show()
        self._apply_place()
        self._apply_marks()
        return editor

    def release(self) -> bool:
        """Give the editor back (the block is far out of view); False if it is in use."""
        editor = self._editor
        if editor is None or self.has_focus():
            return False
        height = self.height()
        self._editor = None
        for widget in (self._caption, editor):
            if widget is not None:
                self._layout.removeWidget(widget)
                widget.hide()
                widget.deleteLater()
        self._caption = None
        self.was_built = True
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setFixedHeight(max(height, 1))
        return True

    def has_focus(self) -> bool:
        if self._editor is None:
            return False
        focus = QApplication.focusWidget()
        return focus is not None and (focus is self._editor or self.isAncestorOf(focus))

    def focusNextPrevChild(self, forward: bool) -> bool:
        # Tab and Shift+Tab go from block to block in the litra's order. Qt's own
        # chain follows the order widgets were made in, and editors are made as
        # blocks come into view, so the form decides (SectionForm.tab_from).
        tab_from = self._tab_from
        if tab_from is not None and self._leaves_block(forward) and tab_from(self, forward):
            return True
        return super().focusNextPrevChild(forward)

    def _leaves_block(self, forward: bool) -> bool:
        """Whether Tab (forward) or Shift+Tab leaves the block from where the focus is."""
        editor = self._editor
        if not isinstance(editor, TableEditor):
            return True
        chain = editor.tab_chain()
        focus = QApplication.focusWidget()
        if not chain or focus is None:
            return True
        inner = next((w for w in chain if w is focus or w.isAncestorOf(focus)), None)
        if inner is None:
            return True
        return inner is (chain[-1] if forward else chain[0])

    def focus_from_tab(self, forward: bool) -> None:
        """The focus arrives with Tab (forward) or Shift+Tab."""
        editor = self.build()
        reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
        if isinstance(editor, TableEditor):
            chain = editor.tab_chain()
            if chain:
                (chain[0] if forward else chain[-1]).setFocus(reason)
                return
        editor.setFocus(reason)

    def focusInEvent(self, event) -> None:
        # The stand-in passes the focus on to the editor, built now.
        super().focusInEvent(event)
        back = event.reason() == Qt.FocusReason.BacktabFocusReason
        self.focus_editor(at_end=back)

    # -- what the form tells every block ----------------------------------------------------

    def set_place(self, index: int, caption: str, accessible_name: str) -> None:
        self.index, self.caption_text, self.accessible_name = index, caption, accessible_name
        # Not built yet, the frame itself takes the focus (Tab): a screen reader names it.
        self.setAccessibleName(accessible_name)
        if self._editor is not None:
            self._apply_place()

    def _apply_place(self) -> None:
        editor = self._editor
        assert editor is not None and self._caption is not None
        if isinstance(editor, TableEditor):
            if editor.block != self.index:
                editor.set_block(self.index)
            target: QWidget = editor.view
        else:
            editor.index = self.index
            target = editor
        if self._caption.text() != self.caption_text:
            self._caption.setText(self.caption_text)
        if target.accessibleName() != self.accessible_name:
            target.setAccessibleName(self.accessible_name)

    def set_marks(self, marks: list[Mark], cells: CellMarks) -> None:
        self.marks, self.cells = marks, cells
        if self._editor is not None:
            self._apply_marks()

    def _apply_marks(self) -> None:
        editor = self._editor
        if isinstance(editor, TableEditor):
            editor.model.set_findings(self.cells)
        elif editor is not None:
            editor.set_marks(self.marks)

    def set_current(self, current: bool) -> None:
        if self.property("current") == current:
            return
        self.setProperty("current", current)
        self.update()

    def paintEvent(self, event) -> None:
        # The current block's bar on the left, painted rather than styled: a style
        # sheet over the blocks costs about 9 KB for every block and its editor.
        super().paintEvent(event)
        if self.property("current"):
            painter = QPainter(self)
            painter.fillRect(
                0, 0, CURRENT_BAR, self.height(), self.palette().color(QPalette.ColorRole.Highlight)
            )
            painter.end()

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
    findings: list[Finding], blocks: Sequence[Block]
) -> tuple[dict[int, list[Mark]], dict[int, CellMarks]]:
    """The underlines of each paragraph and the marked cells of each table, by block
    (read from the blocks themselves: their editors need not be built)."""
    marks: dict[int, list[Mark]] = {}
    cells: dict[int, CellMarks] = {}
    for finding in findings:
        location = finding.location
        if location.block is None or not 0 <= location.block < len(blocks):
            continue
        block = blocks[location.block]
        if isinstance(block, BudgetTable):
            row, column = cell_of(block, location.row, location.column)
            previous = cells.setdefault(location.block, {}).get((row, column))
            if previous is None or _rank(finding.severity) > _rank(previous[0]):
                cells[location.block][(row, column)] = (finding.severity, finding.message)
        else:
            start = location.start if location.start is not None else 0
            end = location.end if location.end is not None else len(block.text)
            marks.setdefault(location.block, []).append(
                Mark(start, end, finding.severity, finding.message)
            )
    return marks, cells


def table_cell(editor: TableEditor, row: int | None, column: int | None) -> tuple[int, int]:
    """The model cell of a finding's table location (see cell_of)."""
    return cell_of(editor.model.table, row, column)


def cell_of(table: BudgetTable, row: int | None, column: int | None) -> tuple[int, int]:
    """The model cell of a finding's table location: a whole total row points at
    its grand total, a whole data row at its label."""
    total_row = len(table.rows)
    columns = FIRST_AMOUNT_COLUMN + len(table.columns) + (1 if table.has_total_column else 0)
    row = total_row if row is None else min(row, total_row)
    if column is not None:
        return row, min(FIRST_AMOUNT_COLUMN + column, columns - 1)
    return row, (columns - 1 if row == total_row else LABEL_COLUMN)


def _rank(severity) -> int:
    return {"info": 0, "warning": 1, "error": 2}[str(severity)]
