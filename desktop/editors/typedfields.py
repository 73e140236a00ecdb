"""Header fields read from typed text: Danish dates (with a calendar) and amounts.

What the author types is never thrown away. Text that cannot be read stays in
the field as typed, in the error colour with the reason and the suggestion
under it, and the header form keeps it in the draft (Aktstykke.raw_fields),
where rule IN-01 reports it until it is corrected. While the author types, the
field is left alone; when the field is left, a value that was read is shown in
its usual form ("12.11.2024" becomes "12. november 2024").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QLocale, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from desktop import accessibility, theme
from desktop.accessibility import finding_text
from forms.dates import format_long_date
from forms.findings import Severity
from forms.typedinput import Reading, amount_text, read_field

NO_DATE = QDate(1900, 1, 1)
LONGEST_DATE = "30. september 2024"
"""An empty date field keeps room for a date this long beside its button."""
DATE_PADDING = 24
"""A line edit's frame and margins around its text."""


def to_qdate(day: dt.date | None) -> QDate:
    return NO_DATE if day is None else QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date | None:
    if day == NO_DATE or not day.isValid():
        return None
    return dt.date(day.year(), day.month(), day.day())


def unreadable_text(reading: Reading) -> str:
    """The reason a text cannot be read, with the suggestion (Danish)."""
    suggestion = f" Forslag: {reading.suggestion}." if reading.suggestion else ""
    return f"{reading.message}{suggestion} Teksten er gemt, som du skrev den, til den er rettet."


class TypedField(QWidget):
    """A line edit for a value read from text, with its error line underneath."""

    edited = Signal(str)
    """The author changed the text (every keystroke)."""

    def __init__(
        self,
        path: str,
        name: str,
        placeholder: str,
        format_value: Callable[[Any], str],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.path = path
        self.format = format_value
        """The value as the field shows it when it is not being typed."""
        self._value = None
        self._raw: str | None = None
        self.purpose = ""
        """What the field is for: its tooltip while what is typed can be read."""
        self.edit = QLineEdit()
        self.edit.setAccessibleName(name)
        self.edit.setPlaceholderText(placeholder)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.edit, 1)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {theme.fg(theme.Meaning.ERROR)};")
        self.error.setAccessibleName(f"Fejl i feltet {name.lower()}")
        self.error.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self.row)
        layout.addWidget(self.error)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self.edited)
        self.edit.editingFinished.connect(self._tidy)

    # -- state ------------------------------------------------------------------------

    def text(self) -> str:
        return self.edit.text()

    def reading(self, text: str) -> Reading:
        return read_field(self.path, text)

    @property
    def raw(self) -> str | None:
        return self._raw

    def show_state(self, value, raw: str | None) -> None:
        """Show the draft's value, or its unreadable text; text being typed that
        already says the same is left as it is."""
        self._value, self._raw = value, raw
        if raw is not None:
            if self.edit.text() != raw:
                self.edit.setText(raw)
        else:
            current = self.reading(self.edit.text())
            if not (current.ok and current.value == value):
                self.edit.setText("" if value is None else self.format(value))
        self._mark()

    def _mark(self) -> None:
        if self._raw is None:
            self.error.setVisible(False)
            self.edit.setStyleSheet("")
            self.edit.setToolTip(self.purpose)
            accessibility.set_description(self.edit, "")
            return
        message = unreadable_text(self.reading(self._raw))
        self.error.setText(message)
        self.error.setVisible(True)
        self.edit.setStyleSheet(
            f"QLineEdit {{ border: 2px solid {theme.fg(theme.Meaning.ERROR)}; }}"
        )
        self.edit.setToolTip(message)
        # Read out by a screen reader, and announced while the author is in the field.
        accessibility.set_description(self.edit, finding_text(Severity.ERROR, message))

    def _tidy(self) -> None:
        if self._raw is None and self._value is not None:
            text = self.format(self._value)
            if self.edit.text() != text:
                self.edit.setText(text)

    def setReadOnly(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)

    def set_purpose(self, text: str) -> None:
        """The tooltip that says what the field is for."""
        self.purpose = text
        self._mark()


class DateField(TypedField):
    """A Danish date, typed ('12. november 2024', '12.11.2024') or chosen in a calendar."""

    chosen = Signal(object)
    """A date (datetime.date) was chosen in the calendar."""

    def __init__(self, path: str, name: str, parent: QWidget | None = None):
        super().__init__(
            path, name, "ikke angivet – fx 12. november 2024", format_long_date, parent
        )
        self.button = QToolButton()
        self.button.setText("Kalender …")
        self.button.setAccessibleName(f"Vælg {name.lower()} i en kalender")
        self.button.setToolTip("Vælg datoen i en kalender")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setLocale(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setMinimumWidth(320)  # room for "man." … "søn." without eliding
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._before_calendar)
        self.calendar.clicked.connect(self._calendar_chose)
        self.calendar.activated.connect(self._calendar_chose)
        self.button.setMenu(menu)
        self.row.addWidget(self.button)

    def _date_width(self) -> int:
        text = self.edit.text() or LONGEST_DATE
        return self.edit.fontMetrics().horizontalAdvance(text) + DATE_PADDING

    def minimumSizeHint(self) -> QSize:
        # Room for the whole date (a form puts the label above when that is too wide).
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self._date_width()), hint.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # Too narrow for the date beside its button (200 %): the button goes under it,
        # so the date is never shown scrolled ("vember 2024").
        needed = self._date_width() + self.row.spacing() + self.button.sizeHint().width()
        direction = (
            QBoxLayout.Direction.LeftToRight
            if event.size().width() >= needed
            else QBoxLayout.Direction.TopToBottom
        )
        if self.row.direction() != direction:
            self.row.setDirection(direction)

    def date(self) -> QDate:
        return to_qdate(self._value)

    def setDate(self, day: QDate) -> None:
        """Choose a date, as in the calendar."""
        self.chosen.emit(from_qdate(day))

    def _before_calendar(self) -> None:
        self.calendar.setSelectedDate(to_qdate(self._value or dt.date.today()))

    def _calendar_chose(self, day: QDate) -> None:
        self.button.menu().close()
        self.setDate(day)

    def setReadOnly(self, read_only: bool) -> None:
        super().setReadOnly(read_only)
        self.button.setEnabled(not read_only)


class AmountField(TypedField):
    """An amount in mio. kr., typed the Danish way ('12,5', '1.250,5')."""

    def __init__(self, path: str, name: str, parent: QWidget | None = None):
        super().__init__(path, name, "fx 12,5", lambda value: amount_text(value, 1), parent)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit.setMaximumWidth(200)
        self.row.addWidget(QLabel("mio. kr."))
        self.row.addStretch(1)
