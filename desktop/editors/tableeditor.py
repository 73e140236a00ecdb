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


class BudgetTableView(QTableView):
    """A table view sized to its rows: the surrounding form scrolls, not the table."""

    menuRequested = Signal(QModelIndex, QPoint)
    """A context menu for a cell (the one clicked, or the current one from the
    keyboard) at a global position."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setTabKeyNavigation(False)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)

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
        if self.horizontalScrollBar().isVisible():
            height += self.horizontalScrollBar().height()
        self.setFixedHeight(height + 2)


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
        header.resizeSection(LABEL_COLUMN, max(header.sectionSize(LABEL_COLUMN), 220))
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
        view = self.view
        if view.state() != QAbstractItemView.State.EditingState:
            return
        editor = view.indexWidget(view.currentIndex())
        if editor is None:
            return
        delegate = view.itemDelegate()
        delegate.commitData.emit(editor)
        delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

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
