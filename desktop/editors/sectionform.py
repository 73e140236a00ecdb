"""The form of one litra: its guidance, whether it is included, and its blocks.

The blocks (paragraphs, sub-headings, budget tables) are built the first time
the litra is shown, and afterwards kept in step with the document block by
block, so a long section b does not slow down the rest of the editor. A block's
editor exists only while the block is near the view (or in use): a litra of
2,000 paragraphs holds a few dozen editors, not 2,000.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
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

from desktop import accessibility, theme
from desktop.editors.blockcommands import BlockCommands
from desktop.editors.blockeditors import ParagraphEditor, SubHeadingEditor, paragraph_tip
from desktop.editors.blockheight import stand_in_height
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
MOST_EDITORS = 80
"""Editors kept built in one litra; beyond it, those farthest from view are released."""


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
        self.title.setWordWrap(True)  # at 200 % zoom it wraps rather than widening the window
        # The head of the form (a note, the title, what the litra needs, the guidance)
        # in a box that scrolls when the window is short: at 200 % litra f's consent
        # note and title were squeezed until their lines overlapped.
        head = QWidget()
        self.head = QVBoxLayout(head)
        self.head.setContentsMargins(0, 0, 0, 0)
        self.head.addWidget(self.title)
        self.include = QCheckBox(f"&Medtag punkt {letter}")
        self.include.setAccessibleName(f"Medtag punkt {letter}")
        self.include.setToolTip(
            f"Fjern fluebenet for at udelade punkt {letter} helt. "
            "Bogstaverne for de følgende punkter ændres ikke."
        )
        self.include.clicked.connect(self._on_include_clicked)

        # The check box on the line under the title, beside what the litra needs: on
        # one line with a long bold title (f. Finansministeriets tilslutning) the two
        # set the form's minimum width, which at 200 % left the docks a sliver.
        self.need = QLabel()
        self.need.setObjectName("needLabel")
        self.need.setWordWrap(True)
        top.addWidget(self.need, 1)
        top.addWidget(self.include, 0, Qt.AlignmentFlag.AlignTop)
        self.head.addLayout(top)
        self.guidance = QLabel(self.spec.guidance)
        self.guidance.setWordWrap(True)
        self.guidance.setObjectName("guidance")
        self.guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.guidance.setStyleSheet(
            f"QLabel#guidance {{ background: {theme.css(theme.panel_background())}; "
            f"border: 1px solid {theme.css(theme.border())}; border-radius: 4px; padding: 6px; }}"
        )
        self.head.addWidget(self.guidance)
        self.guidance_box = accessibility.ScrollingText(head, share=0.45)
        self.guidance_box.setAccessibleName(f"Punkt {letter}: titel og vejledning")
        outer.addWidget(self.guidance_box)

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
        self.banner.setStyleSheet(
            f"QFrame {{ background: {theme.bg(theme.Meaning.ERROR)}; "
            f"border: 1px solid {theme.fg(theme.Meaning.ERROR)}; border-radius: 4px; }}"
        )
        outer.addWidget(self.banner)

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setAccessibleName(f"Blokke i litra {letter}")
        accessibility.name_toolbar_extension(self.toolbar)
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
        self.scroll_area.setAccessibleName(f"Punkt {letter}")
        self._syncing_built = False
        self._sync_timer = QTimer(self)
        self._sync_timer.setSingleShot(True)
        self._sync_timer.setInterval(0)
        self._sync_timer.timeout.connect(self._sync_built)
        self._estimate_width = 0
        self.scroll_area.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.scroll_area.viewport().installEventFilter(self)
        self._new_body()
        outer.addWidget(self.scroll_area, 1)

        self.omitted = QLabel()
        self.omitted.setWordWrap(True)
        self.omitted.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.omitted.setStyleSheet(f"color: {theme.css(theme.muted())}; padding: 12px;")
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
        self.head.insertWidget(0, widget)

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
        self._schedule_sync()

    def _new_body(self) -> None:
        """A fresh container for the blocks (the old one and its editors go with it)."""
        self.body = QWidget()
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
        self._schedule_sync()
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
        self._schedule_sync()
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
        """A block's frame; its editor is built when the block comes into view."""
        block = self.doc.block(self.letter, index)
        frame = BlockFrame(self._make_editor, self.tab_from)
        frame.index = index
        frame.setFixedHeight(self._stand_in_height(block))
        if self.hides_block is not None and self.hides_block(block):
            frame.withheld = True
            frame.setVisible(False)
        return frame

    def _make_editor(self, frame: BlockFrame) -> BlockEditor:
        index = frame.index
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
            editor.set_read_only(self.doc.read_only)
        else:
            editor.menu_hook = lambda menu, at, e=editor: self._text_menu(e.index, at, menu)
            editor.setReadOnly(self.doc.read_only)
        return editor

    def _stand_in_height(self, block) -> int:
        width = max(200, self.scroll_area.viewport().width() - 8)
        return stand_in_height(block, width, self.fontMetrics())

    # -- editors for what is in view ------------------------------------------------------

    def _schedule_sync(self) -> None:
        if self._built:
            self._sync_timer.start()

    def _on_scrolled(self, _value: int) -> None:
        # At once, not in a later pass: the blocks scrolled into view are painted
        # with their editors, never as empty frames.
        if not self._syncing_built:
            self._sync_built()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            width = event.size().width()
            if width != self._estimate_width:
                self._estimate_width = width
                self._reestimate()
            self._schedule_sync()
        return super().eventFilter(watched, event)

    def _reestimate(self) -> None:
        """New stand-in heights for the width (blocks never built; built ones keep theirs)."""
        section = self.doc.section(self.letter)
        if section is None:
            return
        for frame in self.frames:
            if not frame.built and not frame.was_built and frame.index < len(section.blocks):
                frame.setFixedHeight(self._stand_in_height(section.blocks[frame.index]))

    def _positions(self) -> list[tuple[int, int]]:
        """Each frame's (top, bottom) in the body as the layout will place it, from
        the frames' own heights: the layout itself may not have run yet."""
        margins = self.blocks_layout.contentsMargins()
        spacing = self.blocks_layout.spacing()
        y = margins.top()
        out = []
        for frame in self.frames:
            if frame.withheld:
                out.append((y, y - 1))
                continue
            height = frame.sizeHint().height() if frame.built else frame.maximumHeight()
            out.append((y, y + height - 1))
            y += height + spacing
        return out

    def _sync_built(self) -> None:
        """Build the editors of the blocks in and near the view; release the farthest
        beyond MOST_EDITORS. The block at the top of the view stays where it is."""
        if self._syncing_built or not self._built or not self.isVisible() or not self.frames:
            return
        self._syncing_built = True
        try:
            bar = self.scroll_area.verticalScrollBar()
            top = bar.value()
            height = max(1, self.scroll_area.viewport().height())
            positions = self._positions()
            anchor = next((i for i, (_t, bottom) in enumerate(positions) if bottom >= top), None)
            offset = positions[anchor][0] - top if anchor is not None else 0
            near_low, near_high = top - height // 2, top + 2 * height
            built_any = False
            for frame, (first, last) in zip(self.frames, positions, strict=True):
                if first > near_high:
                    break
                if frame.withheld or frame.built or last < near_low:
                    continue
                frame.build()
                built_any = True
            if built_any and anchor is not None:
                # Lay the body out now, so the scroll bar knows its new range,
                # then keep the top block where the author saw it.
                QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
                moved = self._positions()[anchor][0] - offset
                if moved != bar.value():
                    bar.setValue(moved)
            self._release_far(bar.value(), height)
        finally:
            self._syncing_built = False

    def _release_far(self, top: int, height: int) -> None:
        built = [i for i, f in enumerate(self.frames) if f.built]
        if len(built) <= MOST_EDITORS:
            return
        positions = self._positions()
        middle = top + height // 2
        distance = {i: abs(positions[i][0] - middle) for i in built}
        far = sorted(
            (i for i in built if i != self.current and distance[i] > 2 * height),
            key=lambda i: distance[i],
            reverse=True,
        )
        for index in far[: len(built) - MOST_EDITORS]:
            self.frames[index].release()

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
        section = self.doc.section(self.letter)
        blocks = section.blocks if section is not None else []
        for index, frame in enumerate(self.frames):
            block = blocks[index] if index < len(blocks) else None
            if isinstance(block, BudgetTable):
                table_number += 1
                kind = f"tabel {table_number}"
            else:
                kind = "underoverskrift" if isinstance(block, SubHeading) else "afsnit"
            frame.set_place(
                index,
                f"Blok {index + 1} · {kind}",
                f"Litra {self.letter}, blok {index + 1}, {kind}",
            )

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
            if not frame.built:
                continue  # built later with the document's state
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
        self._schedule_sync()

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
        self._schedule_sync()

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
        self._schedule_sync()

    def _on_block_text(self, letter: str, index: int) -> None:
        if letter == self.letter and self._built and index < len(self.frames):
            if not self.frames[index].built:
                return  # built later from the document's text
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

    def tab_from(self, frame: BlockFrame, forward: bool) -> bool:
        """Tab or Shift+Tab out of a block: on to the next shown block, built if
        need be. False at the litra's first or last block (Qt goes on from there)."""
        if frame not in self.frames:
            return False
        self.finish_build()
        index = self.frames.index(frame)
        step = 1 if forward else -1
        target = index + step
        while 0 <= target < len(self.frames) and self.frames[target].withheld:
            target += step
        if not 0 <= target < len(self.frames):
            return False
        chosen = self.frames[target]
        chosen.focus_from_tab(forward)
        self.set_current(target)
        self._ensure_visible(chosen)
        return True

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
            # Editors just built may not be laid out yet: lay out first, then scroll.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
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
        section = self.doc.section(self.letter)
        blocks = section.blocks[: len(self.frames)] if section is not None else []
        marks, cells = finding_marks(self._findings, blocks)
        for index, frame in enumerate(self.frames):
            frame.set_marks(marks.get(index, []), cells.get(index, {}))
