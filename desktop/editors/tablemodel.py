"""A budget table as a QAbstractTableModel: edits go through the undo stack.

Columns: 0 the row's text, 1 its § account, then one per amount column, then
"I alt" when there are several amount columns. The last row is "I alt". Totals
are computed by forms.model and are read-only; amounts are parsed by
forms.amounts. A text that is not a Danish amount is kept in the cell as typed
(TableRow.raw_values), shown in the error colour with the reason and a
suggestion, and reported by rule IN-01 until it is corrected.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont

from desktop import theme
from desktop.accessibility import finding_text
from desktop.session.document import DraftDocument
from desktop.undo.edits import SetCell
from forms.amounts import format_in_unit
from forms.findings import Severity
from forms.model import BudgetTable
from forms.typedinput import amount_text, read_amount

LABEL_COLUMN = 0
ACCOUNT_COLUMN = 1
FIRST_AMOUNT_COLUMN = 2

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def unreadable_message(text: str) -> str:
    """Why a cell's typed text cannot be read, with the suggestion (Danish)."""
    reading = read_amount(text)
    if reading.ok:
        return f"»{text}« er ikke gemt som beløb. Skriv beløbet igen."
    suggestion = f" Forslag: {reading.suggestion}." if reading.suggestion else ""
    return f"{reading.message}{suggestion}"


class BudgetTableModel(QAbstractTableModel):
    inputRejected = Signal(QModelIndex, str)
    """A typed amount could not be read; it is kept in the cell as typed and
    marked as an error. The text is the Danish reason with the suggestion."""
    findingsChanged = Signal()
    """The cells' findings changed (set_findings): the editor announces the current cell's."""

    def __init__(
        self, document: DraftDocument, letter: str, block: int, parent: QObject | None = None
    ):
        super().__init__(parent)
        self.document = document
        self.letter = letter
        self.block = block
        self._findings: dict[tuple[int, int], tuple[Severity, str]] = {}
        document.tableChanged.connect(self._on_table_changed)

    # -- shape ------------------------------------------------------------------------

    @property
    def table(self) -> BudgetTable:
        return self.document.table(self.letter, self.block)

    def set_block(self, block: int) -> None:
        """The table moved within its litra (a block was inserted or removed above it)."""
        self.block = block

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.table.rows) + 1

    def columnCount(self, parent: _Index = _ROOT) -> int:
        if parent.isValid():
            return 0
        table = self.table
        return FIRST_AMOUNT_COLUMN + len(table.columns) + (1 if table.has_total_column else 0)

    def is_total_row(self, row: int) -> bool:
        return row == len(self.table.rows)

    def is_total_column(self, column: int) -> bool:
        table = self.table
        return table.has_total_column and column == FIRST_AMOUNT_COLUMN + len(table.columns)

    def is_total(self, index: _Index) -> bool:
        return self.is_total_row(index.row()) or self.is_total_column(index.column())

    def amount_column(self, column: int) -> int | None:
        """The amount column (0-based) behind a model column, or None."""
        position = column - FIRST_AMOUNT_COLUMN
        return position if 0 <= position < len(self.table.columns) else None

    # -- data -------------------------------------------------------------------------

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_total(index) or self.document.read_only:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            raw = self.raw_text(row, column)
            if raw is not None:
                return f"{raw} (fejl: kan ikke læses som beløb)"
            return self._display(row, column)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self.cell_finding(row, column)
        if role == Qt.ItemDataRole.DecorationRole:
            marked = self._severity(row, column)
            return theme.severity_icon(marked) if marked is not None else None
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column >= FIRST_AMOUNT_COLUMN:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self.is_total(index):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            marked = self._severity(row, column)
            if marked is not None:
                return QBrush(theme.severity_background(marked))
            if self.is_total(index):
                return QBrush(theme.total_background())
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            finding = self._findings.get((row, column))
            if finding is not None:
                return finding[1]
            raw = self.raw_text(row, column)
            if raw is not None:
                return unreadable_message(raw)
            if self.is_total(index) and column >= FIRST_AMOUNT_COLUMN:
                return "Beregnes automatisk af tallene i tabellen og kan ikke rettes."
            if column >= FIRST_AMOUNT_COLUMN:
                return "Skriv beløbet på dansk, fx 50,0 eller 1.250,5. En streg (-) betyder intet beløb."
            return None
        return None

    def _severity(self, row: int, column: int) -> Severity | None:
        if self.raw_text(row, column) is not None:
            return Severity.ERROR
        finding = self._findings.get((row, column))
        return finding[0] if finding is not None else None

    def cell_finding(self, row: int, column: int) -> str:
        """The cell's finding in words ('Fejl: …'), for its accessible description;
        empty when nothing is marked."""
        finding = self._findings.get((row, column))
        if finding is not None:
            return finding_text(*finding)
        raw = self.raw_text(row, column)
        if raw is not None:
            return finding_text(Severity.ERROR, unreadable_message(raw))
        return ""

    def raw_text(self, row: int, column: int) -> str | None:
        """The text typed into an amount cell that could not be read, if any."""
        amount = self.amount_column(column)
        if amount is None or self.is_total_row(row):
            return None
        return self.table.rows[row].raw_values.get(amount)

    def _display(self, row: int, column: int) -> str:
        raw = self.raw_text(row, column)
        if raw is not None:
            return raw
        table = self.table
        if self.is_total_row(row):
            if column == LABEL_COLUMN:
                return "I alt"
            if column == ACCOUNT_COLUMN:
                return ""
            if self.is_total_column(column):
                return format_in_unit(table.grand_total(), table.unit)
            return format_in_unit(table.column_totals()[column - FIRST_AMOUNT_COLUMN], table.unit)
        data_row = table.rows[row]
        if column == LABEL_COLUMN:
            return data_row.label
        if column == ACCOUNT_COLUMN:
            return f"§ {data_row.account}" if data_row.account else ""
        if self.is_total_column(column):
            return format_in_unit(table.row_total(row), table.unit)
        value = table.cell(row, column - FIRST_AMOUNT_COLUMN)
        return "-" if value is None else format_in_unit(value, table.unit)

    def _edit_text(self, row: int, column: int) -> str:
        if self.is_total_row(row) or self.is_total_column(column):
            return self._display(row, column)
        table = self.table
        data_row = table.rows[row]
        if column == LABEL_COLUMN:
            return data_row.label
        if column == ACCOUNT_COLUMN:
            return data_row.account or ""
        raw = self.raw_text(row, column)
        if raw is not None:
            return raw
        value = table.cell(row, column - FIRST_AMOUNT_COLUMN)
        if value is None:
            return ""
        # Show every decimal the author typed, at least the unit's convention.
        return amount_text(value, table.unit.decimals)

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row, column = index.row(), index.column()
        text = "" if value is None else str(value)
        if column == LABEL_COLUMN:
            return self._push(row, "label", text.strip())
        if column == ACCOUNT_COLUMN:
            account = text.strip().removeprefix("§").strip()
            return self._push(row, "account", account or None)
        reading = read_amount(text)
        if reading.ok:
            value = reading.value if isinstance(reading.value, Decimal) else None
            return self._push(row, column - FIRST_AMOUNT_COLUMN, value)
        # Never thrown away: kept as typed, the value empty, marked until corrected.
        self._push(row, column - FIRST_AMOUNT_COLUMN, None, raw=text)
        self.inputRejected.emit(self.index(row, column), unreadable_message(text))
        return True

    def _push(
        self, row: int, column: int | str, value: str | Decimal | None, raw: str | None = None
    ) -> bool:
        command = SetCell(self.document, self.letter, self.block, row, column, value, raw)
        if command.unchanged():
            return True
        self.document.undo_stack.push(command)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        table = self.table
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < self.rowCount():
                return None
            return "I alt" if self.is_total_row(section) else str(section + 1)
        if not 0 <= section < self.columnCount():
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == ACCOUNT_COLUMN:
                return "Rækkens konto på finansloven, fx 06.32.10.13 (valgfri)."
            if self.is_total_column(section):
                return "Summen af rækken; beregnes automatisk."
            return "Dobbeltklik for at rette overskriften."
        if section == LABEL_COLUMN:
            return table.label_heading or "Tekst"
        if section == ACCOUNT_COLUMN:
            return "§ konto"
        if self.is_total_column(section):
            return "I alt"
        heading = table.column_heading(section - FIRST_AMOUNT_COLUMN)
        return heading or f"Kolonne {section - FIRST_AMOUNT_COLUMN + 1}"

    # -- findings ---------------------------------------------------------------------

    def set_findings(self, cells: dict[tuple[int, int], tuple[Severity, str]]) -> None:
        """Mark cells (model row, model column) with a finding's severity and message."""
        if cells == self._findings:
            return
        self._findings = dict(cells)
        self._refresh_all()
        self.findingsChanged.emit()

    def _refresh_all(self) -> None:
        rows, columns = self.rowCount(), self.columnCount()
        if rows and columns:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, columns - 1))

    def _on_table_changed(self, letter: str, block: int, what: str) -> None:
        if (letter, block) != (self.letter, self.block):
            return
        if what == "cell":
            self._refresh_all()
        else:
            self.beginResetModel()
            self.endResetModel()
