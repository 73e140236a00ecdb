"""The form of one litra: its guidance, whether it is included, and its blocks.

The blocks (paragraphs, sub-headings, budget tables) are built the first time
the litra is shown, and afterwards kept in step with the document block by
block, so a long section b does not slow down the rest of the editor.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.editors.blockcommands import BlockCommands
from desktop.editors.blockeditors import ParagraphEditor, SubHeadingEditor, paragraph_tip
from desktop.editors.blocks import BlockEditor, BlockFrame, finding_marks, table_cell
from desktop.editors.tableeditor import TableEditor
from desktop.session.document import DraftDocument
from desktop.undo.edits import ToggleSection
from forms import formulations
from forms.catalog import Need, spec
from forms.findings import Finding
from forms.model import BudgetTable, Kind, SubHeading

NEED_TEXT = {
    Need.REQUIRED: "Påkrævet",
    Need.EXPECTED: "Forventet",
    Need.OPTIONAL: "Valgfrit – udelades, når det ikke er relevant",
    Need.NOT_ALLOWED: "Ikke tilladt for denne type aktstykke",
}


FIRST_BLOCKS = 60
"""Blocks built at once when a litra is first shown; the rest follow in batches."""
LATER_BATCH = 120

BLOCKS_STYLE = (
    "QFrame#blockFrame { border-left: 3px solid transparent; }"
    'QFrame#blockFrame[current="true"] { border-left: 3px solid #2f6fc4; }'
)


class SectionForm(QWidget):
    currentBlockChanged = Signal(str, int)

    def __init__(self, document: DraftDocument, letter: str, parent=None):
        super().__init__(parent)
        self.doc = document
        self.letter = letter
        self.spec = spec(letter)
        self.frames: list[BlockFrame] = []
        self.current = -1
        self._built = False
        self._findings: list[Finding] = []
        self.commands = BlockCommands(self)
        self.hides_block = None
        """Optional predicate: blocks the form does not show (litra f's typed consent)."""
        self.text_menu: Callable[[str, int, int, QMenu], None] | None = None
        """Adds to a prose block's context menu: (letter, block, character index, menu)."""
        self.cell_menu: Callable[[str, int, int, int, QMenu], None] | None = None
        """Adds to a table cell's context menu: (letter, block, model row, column, menu)."""

        outer = self.outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 4)

        top = QHBoxLayout()
        self.title = QLabel(f"{letter}. {self.spec.title}")
        self.title.setObjectName("partTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        top.addWidget(self.title)
        top.addStretch(1)
        self.include = QCheckBox(f"&Medtag punkt {letter}")
        self.include.setAccessibleName(f"Medtag punkt {letter}")
        self.include.setToolTip(
            f"Fjern fluebenet for at udelade punkt {letter} helt. "
            "Bogstaverne for de følgende punkter ændres ikke."
        )
        self.include.clicked.connect(self._on_include_clicked)
        top.addWidget(self.include)
        outer.addLayout(top)

        self.need = QLabel()
        self.need.setObjectName("needLabel")
        outer.addWidget(self.need)
        self.guidance = QLabel(self.spec.guidance)
        self.guidance.setWordWrap(True)
        self.guidance.setObjectName("guidance")
        self.guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.guidance.setStyleSheet(
            "QLabel#guidance { background: #f3f6fa; border: 1px solid #d5dde8; "
            "border-radius: 4px; padding: 6px; color: #26323f; }"
        )
        outer.addWidget(self.guidance)

        self.banner = QFrame()
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(8, 4, 8, 4)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.banner_button = QPushButton(f"Udelad punkt {letter}")
        self.banner_button.setAccessibleName(f"Udelad punkt {letter}")
        self.banner_button.clicked.connect(lambda: self.set_included(False))
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.banner_button)
        self.banner.setStyleSheet("QFrame { background: #fbdada; border-radius: 4px; }")
        outer.addWidget(self.banner)

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setAccessibleName(f"Blokke i litra {letter}")
        self.snippets = QToolButton()
        self.snippets.setText("Standardformuleringer")
        self.snippets.setAccessibleName("Standardformuleringer")
        self.snippets.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snippets.setToolTip(
            "Indsæt en standardformulering. Tekst i [klammer] er pladsholdere, du skriver hen over."
        )
        menu = QMenu(self.snippets)
        for item in formulations.for_letter(letter):
            action = menu.addAction(f"{item.title}  ({item.source})")
            action.setToolTip(item.text)
            action.triggered.connect(lambda _checked=False, f=item: self.insert_formulation(f))
        self.snippets.setMenu(menu)
        outer.addWidget(self.toolbar)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self._new_body()
        outer.addWidget(self.scroll_area, 1)

        self.omitted = QLabel()
        self.omitted.setWordWrap(True)
        self.omitted.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.omitted.setStyleSheet("color: #4a5560; padding: 12px;")
        outer.addWidget(self.omitted, 1)

        document.sectionToggled.connect(self._on_section_toggled)
        document.blockInserted.connect(self._on_block_inserted)
        document.blockRemoved.connect(self._on_block_removed)
        document.blockMoved.connect(self._on_block_moved)
        document.blockTextChanged.connect(self._on_block_text)
        document.headerChanged.connect(self._on_header_changed)
        self._update_state()

    def add_note(self, widget: QWidget) -> None:
        """A note of the litra's own under its guidance (litra f's consent note)."""
        self.outer.insertWidget(self.outer.indexOf(self.guidance) + 1, widget)

    def add_toolbar_actions(self, actions) -> None:
        """Buttons for the window's block actions (they act on the current litra)."""
        # The formulations first: they must not be folded away on a small screen.
        has_snippets = bool(self.snippets.menu().actions())
        self.toolbar.addWidget(self.snippets).setVisible(has_snippets)
        self.toolbar.addSeparator().setVisible(has_snippets)
        for action in actions:
            if action is None:
                self.toolbar.addSeparator()
                continue
            self.toolbar.addAction(action)
            button = self.toolbar.widgetForAction(action)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable with Tab too
            button.setAccessibleName(action.text().replace("&", "").rstrip(" …"))

    # -- building ---------------------------------------------------------------------

    @property
    def present(self) -> bool:
        return self.doc.section(self.letter) is not None

    def ensure_built(self) -> None:
        if self._built:
            return
        self._built = True
        self._rebuild()

    def showEvent(self, event) -> None:
        self.ensure_built()
        super().showEvent(event)

    def _new_body(self) -> None:
        """A fresh container for the blocks (the old one and its editors go with it)."""
        self.body = QWidget()
        self.body.setStyleSheet(BLOCKS_STYLE)
        self.blocks_layout = QVBoxLayout(self.body)
        # The blocks never shrink below their own height: the area scrolls instead.
        self.blocks_layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        self.blocks_layout.setContentsMargins(0, 4, 8, 8)
        self.blocks_layout.setSpacing(4)
        self.frames = []
        self.current = -1

    def _rebuild(self) -> None:
        # Built in a container that is not shown yet, then swapped in: laying out
        # many blocks once is much cheaper than once per inserted block. A long
        # litra shows its first blocks at once and builds the rest in the pauses.
        self._new_body()
        section = self.doc.section(self.letter)
        if section is not None:
            for index in range(min(len(section.blocks), FIRST_BLOCKS)):
                frame = self._make_frame(index)
                self.blocks_layout.addWidget(frame)
                self.frames.append(frame)
        self.blocks_layout.addStretch(1)
        self._renumber()
        self._apply_findings()
        self.scroll_area.setWidget(self.body)
        self._update_state()
        if self.pending():
            QTimer.singleShot(0, self._build_more)

    def pending(self) -> int:
        """How many blocks of the litra have no editor yet (0 when all are built)."""
        section = self.doc.section(self.letter)
        if not self._built or section is None:
            return 0
        return max(0, len(section.blocks) - len(self.frames))

    def _build_more(self, batch: int = LATER_BATCH) -> None:
        if not self.pending():
            return
        start = len(self.frames)
        count = min(self.pending(), batch)
        for index in range(start, start + count):
            frame = self._make_frame(index)
            self.blocks_layout.insertWidget(index, frame)
            self.frames.append(frame)
        self._renumber()
        self._apply_findings()
        if self.pending() and batch == LATER_BATCH:
            QTimer.singleShot(0, self._build_more)

    def finish_build(self) -> None:
        """Build every remaining block now (something needs one of them)."""
        self.ensure_built()
        if self.pending():
            self._build_more(self.pending())

    def reload(self) -> None:
        """The whole draft was replaced: rebuild now if shown, else when next shown."""
        if self._built and self.isVisible():
            self._rebuild()
        else:
            self._built = False
            self._new_body()
            self.blocks_layout.addStretch(1)
            self.scroll_area.setWidget(self.body)
            self._update_state()

    def _make_frame(self, index: int) -> BlockFrame:
        block = self.doc.block(self.letter, index)
        editor: BlockEditor
        if isinstance(block, BudgetTable):
            editor = TableEditor(self.doc, self.letter, index)
        elif isinstance(block, SubHeading):
            editor = SubHeadingEditor(self.doc, self.letter, index)
            editor.leaveRequested.connect(lambda step, e=editor: self._leave(e, step))
            editor.paragraphRequested.connect(
                lambda e=editor: self.commands.paragraph_after(e.index)
            )
        else:
            editor = ParagraphEditor(self.doc, self.letter, index)
            editor.setToolTip(paragraph_tip(self.letter, self.spec.title.lower()))
            editor.splitRequested.connect(lambda at, e=editor: self.split(e.index, at))
            editor.joinRequested.connect(lambda e=editor: self.join(e.index))
            editor.pasteRequested.connect(lambda parts, e=editor: self.paste(e.index, parts))
            editor.leaveRequested.connect(lambda step, e=editor: self._leave(e, step))
        editor.focused.connect(lambda e=editor: self.set_current(self._editor_index(e)))
        if isinstance(editor, TableEditor):
            editor.menu_hook = lambda menu, row, column, e=editor: self._cell_menu(
                e.block, row, column, menu
            )
        else:
            editor.menu_hook = lambda menu, at, e=editor: self._text_menu(e.index, at, menu)
        if not isinstance(editor, TableEditor):
            editor.setReadOnly(self.doc.read_only)
        frame = BlockFrame(editor)
        if self.hides_block is not None and self.hides_block(block):
            frame.withheld = True
            frame.setVisible(False)
        return frame

    def _text_menu(self, block: int, at: int, menu: QMenu) -> None:
        if self.text_menu is not None:
            self.text_menu(self.letter, block, at, menu)

    def _cell_menu(self, block: int, row: int, column: int, menu: QMenu) -> None:
        if self.cell_menu is not None:
            self.cell_menu(self.letter, block, row, column, menu)

    def _editor_index(self, editor) -> int:
        return editor.block if isinstance(editor, TableEditor) else editor.index

    def _renumber(self) -> None:
        tables_before = sum(1 for letter, _i, _t in self.doc.draft.tables() if letter < self.letter)
        table_number = tables_before
        for index, frame in enumerate(self.frames):
            editor = frame.editor
            if isinstance(editor, TableEditor):
                editor.set_block(index)
                table_number += 1
                kind = f"tabel {table_number}"
            else:
                editor.index = index
                kind = "underoverskrift" if isinstance(editor, SubHeadingEditor) else "afsnit"
            frame.caption.setText(f"Blok {index + 1} · {kind}")
            name = f"Litra {self.letter}, blok {index + 1}, {kind}"
            target = editor.view if isinstance(editor, TableEditor) else editor
            target.setAccessibleName(name)

    def _update_state(self) -> None:
        present = self.present
        need = self.spec.need_for(self.doc.draft.kind)
        self.include.setChecked(present)
        self.include.setEnabled(not self.doc.read_only)
        self.need.setText(NEED_TEXT[need])
        not_allowed = need is Need.NOT_ALLOWED
        kind_text = "orienterende" if self.doc.draft.kind is Kind.ORIENTERENDE else "søgende"
        self.banner.setVisible(not_allowed and present)
        self.banner_text.setText(
            f"Punkt {self.letter} er ikke tilladt i et {kind_text} aktstykke og skal udelades."
        )
        self.banner_button.setEnabled(not self.doc.read_only)
        self.scroll_area.setVisible(present)
        self.omitted.setVisible(not present)
        if not_allowed:
            self.omitted.setText(
                f"Punkt {self.letter} indgår ikke i et {kind_text} aktstykke, og det er udeladt."
            )
        else:
            self.omitted.setText(
                f"Punkt {self.letter} er udeladt. Sæt flueben i »Medtag punkt {self.letter}« "
                "for at skrive det. Et punkt, der ikke bruges, udelades helt – de følgende "
                "punkter beholder deres bogstaver."
            )
        self.snippets.setEnabled(
            present and not self.doc.read_only and bool(self.snippets.menu().actions())
        )

    def set_read_only(self, read_only: bool) -> None:
        for frame in self.frames:
            editor = frame.editor
            if isinstance(editor, TableEditor):
                editor.set_read_only(read_only)
            else:
                editor.setReadOnly(read_only)
        self._update_state()

    # -- document signals -----------------------------------------------------------------

    def _on_header_changed(self, path: str) -> None:
        if path == "kind":
            self._update_state()

    def _on_section_toggled(self, letter: str, present: bool) -> None:
        if letter != self.letter:
            if self._built:
                self._renumber()  # table numbers follow the tables of earlier litra
            return
        if self._built:
            self._rebuild()
        else:
            self._update_state()

    def _on_block_inserted(self, letter: str, index: int) -> None:
        if letter != self.letter:
            if self._built and letter < self.letter:
                self._renumber()
            return
        if not self._built or index > len(self.frames):
            return  # beyond the blocks built so far: built later from the document
        frame = self._make_frame(index)
        self.blocks_layout.insertWidget(index, frame)
        self.frames.insert(index, frame)
        self._renumber()

    def _on_block_removed(self, letter: str, index: int) -> None:
        if letter != self.letter:
            if self._built and letter < self.letter:
                self._renumber()
            return
        if not self._built or index >= len(self.frames):
            return
        frame = self.frames.pop(index)
        self.blocks_layout.removeWidget(frame)
        frame.hide()
        frame.deleteLater()
        if self.current >= len(self.frames):
            self.current = len(self.frames) - 1
        self._renumber()

    def _on_block_moved(self, letter: str, source: int, target: int) -> None:
        if letter != self.letter or not self._built:
            return
        if max(source, target) >= len(self.frames):
            # One of the blocks has no editor yet: build the litra afresh from the document.
            self._rebuild()
            self.finish_build()
            return
        frame = self.frames.pop(source)
        self.frames.insert(target, frame)
        self.blocks_layout.removeWidget(frame)
        self.blocks_layout.insertWidget(target, frame)
        self._renumber()

    def _on_block_text(self, letter: str, index: int) -> None:
        if letter == self.letter and self._built and index < len(self.frames):
            editor = self.frames[index].editor
            if not isinstance(editor, TableEditor):
                editor.sync_from_model()

    # -- current block --------------------------------------------------------------------

    def set_current(self, index: int) -> None:
        if 0 <= self.current < len(self.frames):
            self.frames[self.current].set_current(False)
        self.current = index
        if 0 <= index < len(self.frames):
            self.frames[index].set_current(True)
        self.currentBlockChanged.emit(self.letter, index)

    def _leave(self, editor, step: int) -> None:
        target = self._editor_index(editor) + step
        if target >= len(self.frames):
            self.finish_build()
        if 0 <= target < len(self.frames):
            self.frames[target].focus_editor(at_end=step < 0)

    def focus_block(self, index: int | None) -> None:
        self.ensure_built()
        if index is not None and index >= len(self.frames):
            self.finish_build()
        if not self.frames:
            self.include.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        index = 0 if index is None else max(0, min(index, len(self.frames) - 1))
        shown = [i for i, f in enumerate(self.frames) if not f.withheld]
        if not shown:
            self.include.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        index = next((i for i in shown if i >= index), shown[-1])
        frame = self.frames[index]
        self.scroll_area.ensureWidgetVisible(frame, 0, 40)
        frame.focus_editor()
        self.set_current(index)

    def frame_at(self, index: int) -> BlockFrame | None:
        self.ensure_built()
        if index >= len(self.frames):
            self.finish_build()
        return self.frames[index] if 0 <= index < len(self.frames) else None

    def reveal(self, block: int | None, row=None, column=None, start=None, end=None) -> None:
        """Scroll to a block and select a span or a table cell (findings, undo)."""
        self.ensure_built()
        if block is not None and block >= len(self.frames):
            self.finish_build()
        if block is None or not 0 <= block < len(self.frames):
            self.focus_block(None if block is None else block)
            return
        frame = self.frames[block]
        self.set_current(block)
        editor = frame.editor
        if isinstance(editor, TableEditor):
            editor.show_cell(row, column)
        else:
            editor.select_span(start, end)
        # Scroll after the layout has settled (a new block has no geometry yet).
        QTimer.singleShot(0, self, lambda f=frame: self._ensure_visible(f))
        self._ensure_visible(frame)

    def reveal_finding(self, finding: Finding) -> None:
        location = finding.location
        self.ensure_built()
        block = location.block
        if block is not None and block >= len(self.frames):
            self.finish_build()
        if block is not None and 0 <= block < len(self.frames):
            editor = self.frames[block].editor
            if isinstance(editor, TableEditor):
                row, column = table_cell(editor, location.row, location.column)
                self.reveal(block, row, column)
                return
        self.reveal(block, None, None, location.start, location.end)

    def _ensure_visible(self, frame: BlockFrame) -> None:
        if frame in self.frames:
            editor = frame.editor
            if isinstance(editor, ParagraphEditor):
                rect = editor.cursorRect()
                point = editor.mapTo(self.body, rect.center())
                self.scroll_area.ensureVisible(point.x(), point.y(), 20, 60)
            else:
                self.scroll_area.ensureWidgetVisible(frame, 0, 40)

    def current_editor(self):
        if 0 <= self.current < len(self.frames):
            return self.frames[self.current].editor
        return None

    # -- block commands ---------------------------------------------------------------------

    def insert_position(self) -> int:
        section = self.doc.section(self.letter)
        count = len(section.blocks) if section else 0
        return self.current + 1 if 0 <= self.current < count else count

    def add_paragraph(self) -> None:
        self.commands.add_paragraph()

    def add_subheading(self) -> None:
        self.commands.add_subheading()

    def add_table(self) -> None:
        self.commands.add_table()

    def move_current(self, step: int) -> None:
        self.commands.move_current(step)

    def remove_current(self) -> None:
        self.commands.remove_current()

    def set_included(self, include: bool) -> None:
        if self.doc.read_only or include == self.present:
            self._update_state()
            return
        self.doc.undo_stack.push(ToggleSection(self.doc, self.letter, include))
        if include:
            self.focus_block(0)

    def _on_include_clicked(self, checked: bool) -> None:
        self.set_included(checked)

    def split(self, index: int, at: int) -> None:
        self.commands.split(index, at)

    def join(self, index: int) -> None:
        self.commands.join(index)

    def paste(self, index: int, parts: list[str]) -> None:
        self.commands.paste(index, parts)

    def insert_formulation(self, item: formulations.Formulation) -> None:
        self.commands.insert_formulation(item)

    def select_next_placeholder(self) -> bool:
        return self.commands.select_next_placeholder()

    # -- findings ----------------------------------------------------------------------------

    def set_findings(self, findings: list[Finding]) -> None:
        self._findings = findings
        if self._built:
            self._apply_findings()

    def _apply_findings(self) -> None:
        marks, cells = finding_marks(self._findings, self.frames)
        for index, frame in enumerate(self.frames):
            editor = frame.editor
            if isinstance(editor, TableEditor):
                editor.model.set_findings(cells.get(index, {}))
            else:
                editor.set_marks(marks.get(index, []))
