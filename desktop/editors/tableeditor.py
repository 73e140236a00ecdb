"""The budget table editor: caption, unit, the table itself and its note.

Rows and columns are added and removed from buttons (and their shortcuts while
the table has focus); every change is an undo command.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QStyledItemDelegate,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs
from desktop.editors.tablemodel import (
    ACCOUNT_COLUMN,
    FIRST_AMOUNT_COLUMN,
    LABEL_COLUMN,
    BudgetTableModel,
)
from desktop.session.document import DraftDocument
from desktop.undo.edits import Place, ReplaceTable
from forms.amounts import Unit
from forms.model import TableRow
from forms.tabletotals import REPLACE_ACTION, replace_typed_total, typed_total_at


class CellDelegate(QStyledItemDelegate):
    """Line editors that start with the cell's Danish text, right-aligned for amounts.

    The editor is Qt's own (super().createEditor), only configured here: a
    QLineEdit made in Python and deleted by the view when editing ends leaves
    references to None behind in PySide6 (18 per edit, measured in 6.11.3), a
    count that must stay flat through a day of typing (tests/test_soak.py)."""

    def createEditor(self, parent, option, index):
        editor = super().createEditor(parent, option, index)
        if not isinstance(editor, QLineEdit):
            return editor
        editor.setFrame(False)
        if index.column() >= FIRST_AMOUNT_COLUMN:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            editor.setAccessibleName("Beløb")
        elif index.column() == ACCOUNT_COLUMN:
            editor.setAccessibleName("Konto")
            editor.setPlaceholderText("06.32.10.13")
        else:
            editor.setAccessibleName("Tekst")
        return editor

    def setEditorData(self, editor, index):
        # Qt refills every open editor on any dataChanged that covers its cell, and
        # the model emits one for the whole table whenever the checks repaint the
        # findings: without this, keys typed before the checks finish were replaced
        # by the cell's old text (tests/test_soak.py lost them under load).
        if isinstance(editor, QLineEdit) and editor.isModified():
            return
        super().setEditorData(editor, index)


BORDER = 2
"""The line that sets a frozen column off from the years scrolling under it."""


class FrozenColumns(QTableView):
    """The table's label column (left) or its computed "I alt" column (right), laid
    over the edge of the table while the year columns between them scroll.

    It shares the table's model and selection, so it shows and marks the same
    cells; a label is edited in it (the table hands the edit over), and keyboard
    focus stays with the table."""

    def __init__(self, table: BudgetTableView, side: str):
        super().__init__(table)
        self.table = table
        self.side = side
        self.setObjectName(f"frozen-{side}")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setStretchLastSection(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSelectionMode(table.selectionMode())
        self.setEditTriggers(table.editTriggers())
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        edge = "right" if side == "left" else "left"
        self.setStyleSheet(
            f"QTableView {{ border: none; border-{edge}: {BORDER}px solid #9aa5b1; }}"
        )
        self.setAccessibleName(
            "Rækkernes tekst (står fast)" if side == "left" else "I alt (står fast)"
        )
        self.setToolTip(
            "Rækkernes tekst: kolonnen står fast, mens årskolonnerne ruller"
            if side == "left"
            else "»I alt« beregnes automatisk: kolonnen står fast, mens årskolonnerne ruller"
        )
        self.horizontalHeader().sectionDoubleClicked.connect(
            table.horizontalHeader().sectionDoubleClicked.emit
        )
        self.hide()

    def columns(self) -> list[int]:
        model = self.table.model()
        if not isinstance(model, BudgetTableModel):
            return []
        if self.side == "left":
            return [LABEL_COLUMN]
        return [c for c in range(model.columnCount()) if model.is_total_column(c)]

    def width_needed(self) -> int:
        return sum(self.table.columnWidth(c) for c in self.columns())

    def sync(self) -> None:
        model = self.table.model()
        if model is None:
            return
        frozen = self.columns()
        for column in range(model.columnCount()):
            self.setColumnHidden(column, column not in frozen)
            self.setColumnWidth(column, self.table.columnWidth(column))
        for row in range(model.rowCount()):
            self.setRowHeight(row, self.table.rowHeight(row))
        self.horizontalHeader().setFixedHeight(self.table.horizontalHeader().height())

    def closeEditor(self, editor, hint) -> None:
        super().closeEditor(editor, hint)
        # The table is no longer editing either (it said so while the overlay was).
        if self.table.state() == QAbstractItemView.State.EditingState:
            self.table.setState(QAbstractItemView.State.NoState)

    def focusInEvent(self, event) -> None:
        # Keyboard navigation belongs to the table; an editor here has focus of its own.
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def mousePressEvent(self, event) -> None:
        super().mousePressEvent(event)
        self.table.setFocus(Qt.FocusReason.MouseFocusReason)

    def contextMenuEvent(self, event) -> None:
        # The table's own menu for the cell under the overlay (its suggestions too).
        index = self.indexAt(event.pos())
        if event.reason() == event.Reason.Keyboard or not index.isValid():
            index = self.table.currentIndex()
        self.table.menuRequested.emit(index, event.globalPos())


class BudgetTableView(QTableView):
    """A table view sized to its rows: the surrounding form scrolls, not the table.

    When the columns are wider than the view, the label column and the computed
    "I alt" column stay in view (FrozenColumns) while the years scroll between them."""

    menuRequested = Signal(QModelIndex, QPoint)
    """A context menu for a cell (the one clicked, or the current one from the
    keyboard) at a global position."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setTabKeyNavigation(False)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)
        self.frozen = [FrozenColumns(self, "left"), FrozenColumns(self, "right")]
        for overlay in self.frozen:
            self.viewport().stackUnder(overlay)
        header = self.horizontalHeader()
        header.sectionResized.connect(lambda *_: self.update_frozen())
        self.verticalHeader().sectionResized.connect(lambda *_: self.update_frozen())
        # Scrolling or not changes the height (the scroll bar) and the overlays.
        self.horizontalScrollBar().rangeChanged.connect(lambda *_: self.fit_height())

    def setModel(self, model) -> None:
        super().setModel(model)
        for overlay in self.frozen:
            overlay.setModel(model)
            overlay.setSelectionModel(self.selectionModel())
        if model is not None:
            model.modelReset.connect(self.update_frozen)
            model.layoutChanged.connect(self.update_frozen)
        self.update_frozen()

    def setItemDelegate(self, delegate) -> None:
        super().setItemDelegate(delegate)
        for overlay in self.frozen:
            overlay.setItemDelegate(type(delegate)(overlay))

    def scrolls(self) -> bool:
        """Are the columns wider than the view (so some must scroll)?"""
        return self.horizontalScrollBar().maximum() > 0

    def frozen_overlay(self, column: int) -> FrozenColumns | None:
        """The overlay showing `column` in place of the table, if it is frozen now."""
        return next(
            (o for o in self.frozen if o.isVisible() and column in o.columns()),
            None,
        )

    def update_frozen(self) -> None:
        scrolls = self.scrolls()
        left = self.frame_left()
        top = self.frameWidth()
        height = self.horizontalHeader().height() + self.viewport().height()
        for overlay in self.frozen:
            width = overlay.width_needed()
            if not scrolls or width <= 0:
                overlay.hide()
                continue
            overlay.sync()
            width += BORDER
            x = left if overlay.side == "left" else left + self.viewport().width() - width
            overlay.setGeometry(x, top, width, height)
            overlay.show()
            overlay.raise_()
        current = self.currentIndex()
        if current.isValid() and self.under_overlay(current):
            self.scrollTo(current)  # the cell being edited is never hidden

    def _edges(self) -> tuple[int, int]:
        """The part of the viewport no overlay covers: (left, right) in its coordinates."""
        left = sum(o.width() for o in self.frozen if o.isVisible() and o.side == "left")
        right = self.viewport().width() - sum(
            o.width() for o in self.frozen if o.isVisible() and o.side == "right"
        )
        return left, right

    def under_overlay(self, index) -> bool:
        """Is a scrolling cell (partly) hidden under a frozen column?"""
        if self.frozen_overlay(index.column()) is not None:
            return False
        if not any(o.isVisible() for o in self.frozen):
            return False
        rect = self.visualRect(index)
        left, right = self._edges()
        return rect.left() < left or rect.right() > right

    def frame_left(self) -> int:
        return self.frameWidth() + (
            self.verticalHeader().width() if self.verticalHeader().isVisible() else 0
        )

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.update_frozen()

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        if not index.isValid():
            return
        if self.frozen_overlay(index.column()) is not None:
            return  # in view already, on its overlay
        super().scrollTo(index, hint)
        if not any(o.isVisible() for o in self.frozen):
            return
        # Not hidden under an overlay either.
        rect = self.visualRect(index)
        left_edge, right_edge = self._edges()
        bar = self.horizontalScrollBar()
        if rect.left() < left_edge:
            bar.setValue(bar.value() - (left_edge - rect.left()))
        elif rect.right() > right_edge:
            bar.setValue(bar.value() + (rect.right() - right_edge))

    def edit(self, index, trigger=None, event=None):
        if trigger is None:
            return super().edit(index)
        overlay = self.frozen_overlay(index.column()) if index.isValid() else None
        if overlay is not None:
            # Edited where it is seen: the table's own cell is under the overlay.
            opened = overlay.edit(index, trigger, event)
            if opened and overlay.state() == QAbstractItemView.State.EditingState:
                self.setState(QAbstractItemView.State.EditingState)
            return opened
        return super().edit(index, trigger, event)

    def contextMenuEvent(self, event) -> None:
        if event.reason() == event.Reason.Keyboard or not self.indexAt(event.pos()).isValid():
            index = self.currentIndex()
            rect = self.visualRect(index)
            point = (
                self.viewport().mapToGlobal(rect.center()) if index.isValid() else event.globalPos()
            )
        else:
            index, point = self.indexAt(event.pos()), event.globalPos()
        self.menuRequested.emit(index, point)

    def fit_height(self) -> None:
        height = self.horizontalHeader().height() + 2 * self.frameWidth()
        for row in range(self.model().rowCount() if self.model() else 0):
            height += self.rowHeight(row)
        if self.scrolls():
            height += self.horizontalScrollBar().sizeHint().height()
        if self.height() != height + 2:
            self.setFixedHeight(height + 2)
        self.update_frozen()


class TableEditor(QWidget):
    focused = Signal()

    def __init__(self, document: DraftDocument, letter: str, block: int, parent=None):
        super().__init__(parent)
        self.document = document
        self.letter = letter
        self.block = block
        self.model = BudgetTableModel(document, letter, block, self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.caption = QLineEdit()
        self.caption.setPlaceholderText("Valgfri titel over tabellen")
        self.caption.setAccessibleName("Tabellens titel")
        self.caption.setToolTip("Tabellens titel, som den står over tabellen i aktstykket")
        self.unit = QComboBox()
        for unit in Unit:
            self.unit.addItem(unit.value, unit)
        self.unit.setAccessibleName("Tabellens enhed")
        self.unit.setToolTip(
            "Enheden for alle tabellens beløb (fx mio. kr.); den står i tabellens overskrift"
        )
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        unit_label = QLabel("&Enhed:")
        unit_label.setBuddy(self.unit)
        top.addWidget(unit_label)
        top.addWidget(self.unit)
        caption_label = QLabel("T&itel:")
        caption_label.setBuddy(self.caption)
        form.addRow(caption_label, top)
        layout.addLayout(form)

        buttons = QToolBar()
        buttons.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        buttons.setAccessibleName("Rækker og kolonner")
        self.view = BudgetTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(CellDelegate(self.view))
        self.view.setAccessibleName("Budgettabel")
        self.view.setToolTip(
            "Tabellens rækker og kolonner: tekst i første kolonne, beløb i årskolonnerne; "
            "»I alt« regnes ud af programmet"
        )
        self.view.setAccessibleDescription(
            "Skriv beløb på dansk, fx 50,0. Rækken og kolonnen »I alt« beregnes automatisk."
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.sectionDoubleClicked.connect(self.rename_column)
        self.actions_by_name: dict[str, QAction] = {}
        for name, text, shortcut, slot in (
            ("add_row", "Tilføj række", "Ctrl+Shift+R", self.add_row),
            ("remove_row", "Slet række", "Ctrl+Shift+Del", self.remove_row),
            ("add_column", "Tilføj kolonne", "Ctrl+Shift+K", self.add_column),
            ("remove_column", "Slet kolonne", "", self.remove_column),
            ("rename_column", "Ret overskrift …", "", self.rename_current_column),
        ):
            action = QAction(text, self)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False, run=slot: self._after_commit(run))
            self.addAction(action)
            self.actions_by_name[name] = action
            if shortcut:
                native = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
                action.setToolTip(f"{text.rstrip(' …')} ({native})")
            buttons.addAction(action)
            button = buttons.widgetForAction(action)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setAccessibleName(text.rstrip(" …"))
        layout.addWidget(buttons)
        # Only in the menu: a typed "I alt" column or row becomes the computed one.
        replace = QAction(REPLACE_ACTION, self)
        replace.setToolTip(
            "En kolonne eller række, du selv har kaldt »I alt«, erstattes af den, programmet "
            "beregner; dens tal gemmes og sammenlignes med summen"
        )
        replace.triggered.connect(
            lambda _checked=False: self._after_commit(self.replace_typed_total)
        )
        self.addAction(replace)
        self.actions_by_name["replace_total"] = replace
        # The same actions from the keyboard: the context menu key or Shift+F10; first
        # what the litra's form adds for the cell (»Brug forslaget« on a refused value).
        self.view.addActions(list(self.actions_by_name.values()))
        self.view.menuRequested.connect(self._context_menu)
        self.menu_hook: Callable[[QMenu, int, int], None] | None = None
        """Adds entries for a cell (model row, column) to its context menu."""
        layout.addWidget(self.view)

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a4000f;")
        self.error.setAccessibleName("Fejl i tabellen")
        self.error.setVisible(False)
        self._rejected: tuple[int, int] | None = None
        """The cell (model row, column) the error line is about, while it shows one."""
        layout.addWidget(self.error)

        self.note = QLineEdit()
        self.note.setPlaceholderText(
            "Valgfri note under tabellen, fx »Anm.: Tallene er afrundede.«"
        )
        self.note.setAccessibleName("Note under tabellen")
        self.note.setToolTip("En note under tabellen, fx »Anm.: …« eller tabellens prisniveau")
        note_form = QFormLayout()
        note_label = QLabel("&Note:")
        note_label.setBuddy(self.note)
        note_form.addRow(note_label, self.note)
        layout.addLayout(note_form)

        self.model.inputRejected.connect(self._show_rejection)
        self.model.modelReset.connect(self._after_reset)
        self.model.dataChanged.connect(self._clear_rejection_on_change)
        self.caption.editingFinished.connect(lambda: self._set_meta("caption", self.caption.text()))
        self.note.editingFinished.connect(lambda: self._set_meta("note", self.note.text()))
        self.unit.activated.connect(
            lambda _i: self._set_meta("unit", Unit(self.unit.currentData()))
        )
        self.view.installEventFilter(self)
        self.caption.installEventFilter(self)
        self.note.installEventFilter(self)
        self._load_meta()
        self._resize()
        self.set_read_only(document.read_only)

    # -- state ------------------------------------------------------------------------

    def set_block(self, block: int) -> None:
        self.block = block
        self.model.set_block(block)

    def set_read_only(self, read_only: bool) -> None:
        self.caption.setReadOnly(read_only)
        self.note.setReadOnly(read_only)
        self.unit.setEnabled(not read_only)
        for action in self.actions_by_name.values():
            action.setEnabled(not read_only)

    def eventFilter(self, watched, event):
        if event.type() == event.Type.FocusIn:
            self.focused.emit()
        return super().eventFilter(watched, event)

    def _load_meta(self) -> None:
        table = self.model.table
        if self.caption.text() != table.caption:
            self.caption.setText(table.caption)
        if self.note.text() != table.note:
            self.note.setText(table.note)
        self.unit.setCurrentIndex(self.unit.findData(table.unit))

    def _after_reset(self) -> None:
        self._load_meta()
        self._resize()

    def _resize(self) -> None:
        view = self.view
        view.resizeColumnsToContents()
        header = view.horizontalHeader()
        # Wide enough for the rows' text, within bounds: on a laptop the years need room too.
        header.resizeSection(LABEL_COLUMN, min(max(header.sectionSize(LABEL_COLUMN), 160), 260))
        for column in range(FIRST_AMOUNT_COLUMN, self.model.columnCount()):
            header.resizeSection(column, max(header.sectionSize(column), 90))
        view.fit_height()

    def _show_rejection(self, index: QModelIndex, message: str) -> None:
        self._rejected = (index.row(), index.column())
        where = f"Række {index.row() + 1}, kolonne »{self.model.headerData(index.column(), Qt.Orientation.Horizontal)}«"
        self.error.setText(
            f"{where}: {message} Teksten står i cellen, som du skrev den, "
            "og er markeret som fejl, til den er rettet."
        )
        self.error.setVisible(True)
        window = self.window()
        status = getattr(window, "statusBar", None)
        if callable(status):
            status().showMessage(message, 10000)
        self.view.setCurrentIndex(index)

    def _clear_rejection_on_change(self, *_args) -> None:
        # The line about an unreadable cell stays until that cell is corrected
        # (new findings redraw the cells too); an explanation goes at any change.
        if not self.error.isVisible():
            return
        cell = self._rejected
        if cell is not None and self.model.raw_text(*cell) is not None:
            return
        self._rejected = None
        self.error.setVisible(False)

    def menu_at(self, row: int, column: int) -> QMenu:
        """The context menu of a cell (model row and column): the form's entries for
        it, then the row and column actions."""
        menu = QMenu(self.view)
        if self.menu_hook is not None and row >= 0 and column >= 0:
            self.menu_hook(menu, row, column)
        menu.addActions(list(self.actions_by_name.values()))
        return menu

    def _context_menu(self, index: QModelIndex, point: QPoint) -> None:
        menu = self.menu_at(index.row(), index.column())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(point)

    def show_cell(self, row: int | None, column: int | None) -> None:
        """Select a cell (from a finding or an undo) and give the table focus."""
        row = 0 if row is None else min(row, self.model.rowCount() - 1)
        column = LABEL_COLUMN if column is None else min(column, self.model.columnCount() - 1)
        index = self.model.index(row, column)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- structure edits ----------------------------------------------------------------

    def tab_chain(self) -> list[QWidget]:
        """The table's own widgets that Tab stops at, in Tab order."""
        widgets: list[QWidget] = [self.caption, self.unit]
        toolbar = self.findChild(QToolBar)
        if toolbar is not None:
            widgets += [
                toolbar.widgetForAction(action)
                for action in toolbar.actions()
                if toolbar.widgetForAction(action) is not None
            ]
        widgets += [self.view, self.note]
        return [
            w
            for w in widgets
            if w.isEnabled() and w.isVisibleTo(self) and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]

    def commit_open_editor(self) -> None:
        """Put what is typed in an open cell editor into the table, and close it.

        A change to the table's rows or columns resets the model, and Qt drops an
        open editor at a reset without committing it: the typed text would be lost."""
        # A label is edited on the frozen column over the table (FrozenColumns).
        for view in (*self.view.frozen, self.view):
            if view.state() != QAbstractItemView.State.EditingState:
                continue
            editor = view.indexWidget(view.currentIndex())
            if editor is None:
                continue
            delegate = view.itemDelegate()
            delegate.commitData.emit(editor)
            delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            return

    def _after_commit(self, run) -> None:
        self.commit_open_editor()
        run()

    def _replace(self, after, text: str, place: Place | None = None) -> None:
        if self.document.read_only:
            return
        number = self.document.table_number(self.letter, self.block)
        command = ReplaceTable(
            self.document, self.letter, self.block, after, f"{text} i tabel {number}", place
        )
        self.document.undo_stack.push(command)

    def _set_meta(self, field: str, value) -> None:
        table = self.model.table
        if getattr(table, field) == value:
            return
        after = table.model_copy(deep=True)
        setattr(after, field, value)
        names = {
            "caption": "ret titel",
            "note": "ret note",
            "unit": "skift enhed",
            "label_heading": "ret overskrift",
        }
        self._replace(after, names[field])

    def _current(self) -> tuple[int, int]:
        index = self.view.currentIndex()
        if not index.isValid():
            return len(self.model.table.rows) - 1, FIRST_AMOUNT_COLUMN
        return index.row(), index.column()

    def add_row(self) -> None:
        table = self.model.table
        row, _column = self._current()
        position = min(row + 1, len(table.rows))
        after = table.model_copy(deep=True)
        after.rows.insert(position, TableRow(values=[None] * len(table.columns)))
        self._replace(after, "tilføj række", Place(self.letter, self.block, position, LABEL_COLUMN))
        self.show_cell(position, LABEL_COLUMN)

    def remove_row(self) -> None:
        table = self.model.table
        row, column = self._current()
        if row >= len(table.rows):
            return
        after = table.model_copy(deep=True)
        # Stated totals (from an import) stay as typed: the checks compare them.
        del after.rows[row]
        self._replace(after, "slet række", Place(self.letter, self.block, row, column))
        self.show_cell(min(row, len(after.rows)), column)

    def add_column(self) -> None:
        table = self.model.table
        _row, column = self._current()
        amount = self.model.amount_column(column)
        position = len(table.columns) if amount is None else amount + 1
        heading = dialogs.ask_text(
            self, "Tilføj kolonne", "Overskrift for den nye kolonne (fx et år):", ""
        )
        if heading is None:
            return
        after = table.model_copy(deep=True)
        after.insert_column(position, heading.strip())
        self._replace(after, "tilføj kolonne")
        self.show_cell(0, FIRST_AMOUNT_COLUMN + position)

    def remove_column(self) -> None:
        table = self.model.table
        _row, column = self._current()
        amount = self.model.amount_column(column)
        if amount is None or len(table.columns) <= 1:
            self._explain(
                "Vælg en beløbskolonne først. En tabel skal have mindst én beløbskolonne."
            )
            return
        after = table.model_copy(deep=True)
        # Text typed into the removed column goes with it (undo brings it back).
        after.remove_column(amount)
        self._replace(after, "slet kolonne")
        self.show_cell(0, FIRST_AMOUNT_COLUMN + min(amount, len(after.columns) - 1))

    def replace_typed_total(self) -> bool:
        """The current cell's typed "I alt" column or row, replaced by the computed one."""
        table = self.model.table
        row, column = self._current()
        amount = self.model.amount_column(column)
        typed = typed_total_at(table, None, amount) if amount is not None else None
        if typed is None and row < len(table.rows):
            typed = typed_total_at(table, row, None)
        if typed is None or (typed.kind == "column" and len(table.columns) <= 1):
            self._explain(
                "Vælg en celle i en kolonne eller række, du selv har kaldt »I alt«: den "
                "erstattes af den, programmet beregner."
            )
            return False
        what = "kolonne" if typed.kind == "column" else "række"
        self._replace(
            replace_typed_total(table, typed),
            f"erstat »{typed.heading.strip()}«-{what} med den beregnede",
        )
        return True

    def rename_current_column(self) -> None:
        _row, column = self._current()
        self.rename_column(column)

    def rename_column(self, column: int) -> None:
        if self.document.read_only:
            return
        table = self.model.table
        amount = self.model.amount_column(column)
        if column == LABEL_COLUMN:
            text = dialogs.ask_text(
                self, "Ret overskrift", "Overskrift over rækkernes tekst:", table.label_heading
            )
            if text is not None:
                self._set_meta("label_heading", text.strip())
            return
        if amount is None:
            self._explain("Kun tekstkolonnen og beløbskolonnerne har en overskrift, du kan rette.")
            return
        current = table.columns[amount]
        text = dialogs.ask_text(
            self,
            "Ret overskrift",
            "Kolonnens overskrift (fx et år). Tom: enheden står som overskrift, når der kun er én kolonne.",
            current,
        )
        if text is None or text.strip() == current:
            return
        after = table.model_copy(deep=True)
        after.columns[amount] = text.strip()
        self._replace(after, "ret overskrift")

    def _explain(self, message: str) -> None:
        self._rejected = None
        self.error.setText(message)
        self.error.setVisible(True)
