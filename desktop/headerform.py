"""The header form: ministry, place, date, minister, finansår, type and category,
and the facts about the case that the text alone does not tell the checks."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.document import DraftDocument
from desktop.edits import SetField
from forms.dates import format_long_date, session_year
from forms.model import Category, Kind

# Suggestions for the editable ministry list; any name may be typed.
MINISTRIES = (
    "Beskæftigelsesministeriet",
    "Børne- og Undervisningsministeriet",
    "Digitaliseringsministeriet",
    "Erhvervsministeriet",
    "Europaministeriet",
    "Finansministeriet",
    "Forsvarsministeriet",
    "Indenrigs- og Sundhedsministeriet",
    "Justitsministeriet",
    "Kirkeministeriet",
    "Klima-, Energi- og Forsyningsministeriet",
    "Kulturministeriet",
    "Ministeriet for Byer og Landdistrikter",
    "Ministeriet for Fødevarer, Landbrug og Fiskeri",
    "Ministeriet for Grøn Trepart",
    "Miljø- og Ligestillingsministeriet",
    "Skatteministeriet",
    "Social- og Boligministeriet",
    "Statsministeriet",
    "Transportministeriet",
    "Uddannelses- og Forskningsministeriet",
    "Udenrigsministeriet",
    "Udlændinge- og Integrationsministeriet",
    "Ældreministeriet",
)

KIND_LABELS = {
    Kind.SOEGENDE: "Søgende – anmoder om Finansudvalgets tilslutning",
    Kind.ORIENTERENDE: "Orienterende – orienterer udvalget (uden punkt c og e)",
}
CATEGORY_LABELS = {
    Category.GENEREL: "Generel",
    Category.IT: "It-projekt",
    Category.BYGGE_ANLAEG: "Bygge og anlæg",
    Category.TILSKUD: "Tilskud",
    Category.EJENDOM: "Ejendom",
    Category.ANDET: "Andet",
}
FLAG_LABELS = {
    "c_not_needed": "Punkt c er ikke nødvendigt (dispositionen følger ikke af en regel)",
    "fm_consent_exempt": "Fritaget for Finansministeriets tilslutning (fx tips- og lottomidler)",
    "no_expenditure": "Sagen medfører ingen udgifter",
    "recurring": "Udgiften er løbende (årlig)",
    "urgent": "Sagen haster",
    "new_account": "Der oprettes en ny konto",
    "confidential": "Fortroligt aktstykke",
}

DATE_FORMAT = "d. MMMM yyyy"
NO_DATE = QDate(1900, 1, 1)
NO_YEAR = 1899


def to_qdate(day: dt.date | None) -> QDate:
    return NO_DATE if day is None else QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date | None:
    if day == NO_DATE or not day.isValid():
        return None
    return dt.date(day.year(), day.month(), day.day())


def danish_date_edit(name: str) -> QDateEdit:
    """A date picker showing '12. november 2024' with a Danish calendar popup."""
    edit = QDateEdit()
    edit.setLocale(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("ikke angivet")
    edit.setAccessibleName(name)
    calendar = edit.calendarWidget()
    calendar.setLocale(edit.locale())
    calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
    calendar.setGridVisible(True)
    calendar.setMinimumWidth(320)  # room for "man." … "søn." without eliding
    return edit


class HeaderForm(QScrollArea):
    def __init__(self, document: DraftDocument, parent=None):
        super().__init__(parent)
        self.doc = document
        self._syncing = False
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.setContentsMargins(12, 8, 12, 8)
        title = QLabel("Hoved")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        title.setFont(font)
        outer.addWidget(title)
        intro = QLabel(
            "Oplysningerne øverst og nederst i aktstykket: ministerium, sted og dato, "
            "ministerens navn samt aktstykkets type. Typen afgør, hvilke punkter der skal med."
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #4a5560;")
        outer.addWidget(intro)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)

        self.ministry = QComboBox()
        self.ministry.setEditable(True)
        self.ministry.addItems(MINISTRIES)
        self.ministry.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.ministry.setAccessibleName("Ministerium")
        self.ministry.lineEdit().setPlaceholderText("Skriv eller vælg ministeriet")
        self.ministry.lineEdit().textEdited.connect(
            lambda t: self._set("ministry", t, "ret ministerium", merge=True)
        )
        self.ministry.activated.connect(
            lambda _i: self._set("ministry", self.ministry.currentText(), "ret ministerium")
        )
        form.addRow(self._label("&Ministerium:", self.ministry), self.ministry)

        self.place = QLineEdit()
        self.place.setAccessibleName("Sted")
        self.place.textEdited.connect(lambda t: self._set("place", t, "ret sted", merge=True))
        form.addRow(self._label("&Sted:", self.place), self.place)

        self.date = danish_date_edit("Dato")
        self.date.dateChanged.connect(
            lambda d: self._set("date", from_qdate(d), "ret dato", merge=True)
        )
        form.addRow(self._label("&Dato:", self.date), self.date)
        self.date_line = QLabel()
        self.date_line.setStyleSheet("color: #4a5560;")
        self.date_line.setAccessibleName("Datolinjen i aktstykket")
        form.addRow("", self.date_line)

        self.minister = QLineEdit()
        self.minister.setAccessibleName("Minister")
        self.minister.setPlaceholderText("Ministerens navn, uden titel")
        self.minister.textEdited.connect(
            lambda t: self._set("minister", t, "ret minister", merge=True)
        )
        form.addRow(self._label("Mi&nister:", self.minister), self.minister)

        self.finansaar = QSpinBox()
        self.finansaar.setRange(NO_YEAR, 2100)
        self.finansaar.setSpecialValueText("ikke angivet")
        self.finansaar.setGroupSeparatorShown(False)
        self.finansaar.setAccessibleName("Finansår")
        self.finansaar.valueChanged.connect(
            lambda v: self._set(
                "finansaar", None if v == NO_YEAR else v, "ret finansår", merge=True
            )
        )
        form.addRow(self._label("&Finansår:", self.finansaar), self.finansaar)

        self.kind = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind)
        self.kind.setAccessibleName("Type")
        self.kind.activated.connect(self._on_kind)
        form.addRow(self._label("&Type:", self.kind), self.kind)
        self.kind_note = QLabel()
        self.kind_note.setAccessibleName("Konsekvens af typen")
        form.addRow("", self.kind_note)

        self.category = QComboBox()
        for category, label in CATEGORY_LABELS.items():
            self.category.addItem(label, category)
        self.category.setAccessibleName("Kategori")
        self.category.activated.connect(
            lambda _i: self._set(
                "category",
                Category(self.category.currentData()),
                f"skift kategori til {self.category.currentText().lower()}",
            )
        )
        form.addRow(self._label("&Kategori:", self.category), self.category)

        self.separate_signature = QCheckBox("Anden dato ved &underskriften")
        self.separate_signature.setAccessibleName("Anden dato ved underskriften")
        self.separate_signature.clicked.connect(self._on_separate_signature)
        form.addRow("", self.separate_signature)
        self.signature_date = danish_date_edit("Dato ved underskriften")
        self.signature_date.dateChanged.connect(
            lambda d: self._set(
                "signature_date", from_qdate(d), "ret dato ved underskriften", merge=True
            )
        )
        self.signature_label = self._label("Underskriftsd&ato:", self.signature_date)
        form.addRow(self.signature_label, self.signature_date)

        self.session = QLineEdit()
        self.session.setAccessibleName("Folketingsår")
        self.session.textEdited.connect(
            lambda t: self._set("flags.session", t.strip() or None, "ret folketingsår", merge=True)
        )
        form.addRow(self._label("F&olketingsår:", self.session), self.session)
        outer.addLayout(form)

        flags_box = QGroupBox("Forhold om sagen")
        flags_box.setAccessibleName("Forhold om sagen")
        flags_layout = QVBoxLayout(flags_box)
        explanation = QLabel(
            "Kontrollen bruger disse oplysninger, som ikke kan læses ud af teksten."
        )
        explanation.setWordWrap(True)
        explanation.setStyleSheet("color: #4a5560;")
        flags_layout.addWidget(explanation)
        self.flags: dict[str, QCheckBox] = {}
        for name, label in FLAG_LABELS.items():
            box = QCheckBox(label)
            box.setAccessibleName(label)
            box.clicked.connect(
                lambda checked, n=name, text=label: self._set(
                    f"flags.{n}",
                    checked,
                    ("markér: " if checked else "fjern markering: ") + text.split(" (")[0].lower(),
                )
            )
            flags_layout.addWidget(box)
            self.flags[name] = box
        outer.addWidget(flags_box)
        outer.addStretch(1)
        self.setWidget(body)

        document.headerChanged.connect(self._on_header_changed)
        self.sync()

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # -- edits --------------------------------------------------------------------------

    def _set(self, path: str, value, text: str, *, merge: bool = False) -> None:
        if self._syncing or self.doc.read_only:
            return
        if self.doc.field_value(path) == value:
            return
        self.doc.undo_stack.push(SetField(self.doc, path, value, text, merge=merge))

    def _on_kind(self, _index: int) -> None:
        kind = Kind(self.kind.currentData())  # item data comes back as plain str
        self._set("kind", kind, f"skift type til {kind.value}")

    def _on_separate_signature(self, checked: bool) -> None:
        if checked:
            self._set("signature_date", self.doc.draft.date, "angiv dato ved underskriften")
        else:
            self._set("signature_date", None, "fjern særskilt dato ved underskriften")
        self._update_dependent()

    # -- model to widgets -----------------------------------------------------------------

    def _on_header_changed(self, _path: str) -> None:
        self.sync()

    def sync(self) -> None:
        draft = self.doc.draft
        self._syncing = True
        try:
            if self.ministry.currentText() != draft.ministry:
                self.ministry.setEditText(draft.ministry)
            if self.place.text() != draft.place:
                self.place.setText(draft.place)
            if from_qdate(self.date.date()) != draft.date:
                self.date.setDate(to_qdate(draft.date))
            if self.minister.text() != draft.minister:
                self.minister.setText(draft.minister)
            year = NO_YEAR if draft.finansaar is None else draft.finansaar
            if self.finansaar.value() != year:
                self.finansaar.setValue(year)
            self.kind.setCurrentIndex(self.kind.findData(draft.kind))
            self.category.setCurrentIndex(self.category.findData(draft.category))
            self.separate_signature.setChecked(draft.signature_date is not None)
            if from_qdate(self.signature_date.date()) != draft.signature_date:
                self.signature_date.setDate(to_qdate(draft.signature_date or draft.date))
            session = draft.flags.session or ""
            if self.session.text() != session:
                self.session.setText(session)
            for name, box in self.flags.items():
                box.setChecked(bool(getattr(draft.flags, name)))
        finally:
            self._syncing = False
        self._update_dependent()

    def _update_dependent(self) -> None:
        draft = self.doc.draft
        read_only = self.doc.read_only
        for widget in (self.place, self.minister, self.session):
            widget.setReadOnly(read_only)
        for widget in (
            self.ministry,
            self.date,
            self.finansaar,
            self.kind,
            self.category,
            self.separate_signature,
            *self.flags.values(),
        ):
            widget.setEnabled(not read_only)
        separate = draft.signature_date is not None
        self.signature_date.setVisible(separate)
        self.signature_label.setVisible(separate)
        self.signature_date.setEnabled(separate and not read_only)
        if draft.date is not None:
            ministry = draft.ministry.strip() or "Ministeriet"
            self.date_line.setText(
                f"{ministry}. {draft.place}, den {format_long_date(draft.date)}."
            )
            self.session.setPlaceholderText(f"{session_year(draft.date)} (udledt af datoen)")
        else:
            self.date_line.setText("Datoen er ikke angivet.")
            self.session.setPlaceholderText("fx 2024-25")
        if draft.kind is Kind.ORIENTERENDE:
            self.kind_note.setText(
                "Et orienterende aktstykke har ikke punkt c og e: de er markeret som "
                "»ikke tilladt« i oversigten til venstre."
            )
            self.kind_note.setStyleSheet("color: #a4000f;")
        else:
            self.kind_note.setText(
                "Et søgende aktstykke har punkterne a, b, c, e og f (d efter behov)."
            )
            self.kind_note.setStyleSheet("color: #4a5560;")

    def focus_field(self, field: str | None) -> None:
        widgets = {
            "ministry": self.ministry,
            "place": self.place,
            "date": self.date,
            "minister": self.minister,
            "finansaar": self.finansaar,
            "kind": self.kind,
            "category": self.category,
            "signature_date": self.signature_date if self.signature_date.isVisible() else self.date,
            "session": self.session,
        }
        target = widgets.get(field or "", self.ministry)
        if field and field.startswith("flags."):
            target = self.flags.get(field.removeprefix("flags."), self.ministry)
        self.ensureWidgetVisible(target)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_read_only(self, _read_only: bool) -> None:
        self._update_dependent()
