"""The header form: ministry, place, date, minister, finansår, type and category,
and the facts about the case that the text alone does not tell the checks.

Dates and the amounts among the facts are typed (desktop/editors/typedfields.py); text
that cannot be read is kept in the draft as typed, never thrown away."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import accessibility, theme
from desktop.accessibility import finding_text
from desktop.editors.headertips import AMOUNT_TIPS, FIELD_TIPS, FLAG_TIPS
from desktop.editors.typedfields import AmountField, DateField, TypedField
from desktop.session.document import DraftDocument
from desktop.undo.edits import SetField
from forms import ministries
from forms.catalog import Need, danish_list, letters, points_of
from forms.dates import format_long_date, session_year
from forms.findings import Finding
from forms.meetings import WEEKDAYS, describe_plan, meeting_choices, plan_for
from forms.model import Category, Kind
from forms.typedinput import read_field

KIND_LABELS = {
    Kind.SOEGENDE: "Søgende – anmoder om Finansudvalgets tilslutning",
    Kind.ORIENTERENDE: "Orienterende – orienterer udvalget (uden punkt "
    f"{danish_list(letters(Kind.ORIENTERENDE, Need.NOT_ALLOWED))})",
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

NO_YEAR = 1899
FLAG_AMOUNTS = {
    "tb_amount": "Tillægsbevilling",
    "new_laaneramme": "Ny låneramme",
}
"""Amounts among the facts (mio. kr.), by flag name: the rules A-05 and E-07 read them."""


def _ministry_order(name: str) -> tuple[str, str]:
    # Danish order: Æ, Ø, Å after Z (Python's order puts Ø before Æ).
    return (name.lower().translate(_DANISH_LETTERS), name)


_DANISH_LETTERS = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


MEETING_FIELD = "flags.target_meeting"
NO_MEETING = "Intet møde valgt"


def meeting_label(day: dt.date) -> str:
    """'torsdag den 14. november 2024'."""
    return f"{WEEKDAYS[day.weekday()]} den {format_long_date(day)}"


def _narrow(combo: QComboBox) -> None:
    """A combo box as wide as the form lets it be, not as its longest entry: at 200 %
    zoom "Søgende – anmoder om …" would otherwise widen the whole form."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    policy = combo.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)  # fills the row
    combo.setSizePolicy(policy)


class HeaderForm(QScrollArea):
    now: Callable[[], dt.datetime] = staticmethod(dt.datetime.now)
    """The clock the meeting's deadlines are shown against (tests set their own)."""

    def minimumSizeHint(self) -> QSize:
        # As wide as its rows need (labels above fields when narrow, issue 18): the
        # window gives the docks the rest, and the form never scrolls sideways.
        hint = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return hint
        bar = self.verticalScrollBar().sizeHint().width()
        width = inner.minimumSizeHint().width() + bar + 2 * self.frameWidth()
        return QSize(max(hint.width(), width), hint.height())

    def __init__(self, document: DraftDocument, parent=None):
        super().__init__(parent)
        self.doc = document
        self._syncing = False
        self._findings: list[Finding] = []
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName("Hovedet")
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
        intro.setStyleSheet(f"color: {theme.css(theme.muted())};")
        outer.addWidget(intro)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        # A label goes above its field only when the form is too narrow for both (200 %).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        self.ministry = QComboBox()
        self.ministry.setEditable(True)
        # Suggestions (resources/ministries.json); any name may be typed.
        self.ministry.addItems(sorted(ministries.names(), key=_ministry_order))
        self.ministry.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.ministry.setAccessibleName("Ministerium")
        _narrow(self.ministry)
        ministry_line = self.ministry.lineEdit()
        assert ministry_line is not None  # an editable combo box has its line edit
        ministry_line.setPlaceholderText("Skriv eller vælg ministeriet")
        ministry_line.textEdited.connect(
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

        self.date = DateField("date", "Dato")
        self.date.edited.connect(lambda t: self._typed("date", t, "ret dato"))
        self.date.chosen.connect(lambda d: self._set("date", d, "ret dato"))
        form.addRow(self._label("&Dato:", self.date.edit), self.date)
        self.date_line = accessibility.WrappingLabel()
        self.date_line.setStyleSheet(f"color: {theme.css(theme.muted())};")
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
        _narrow(self.kind)
        self.kind.activated.connect(self._on_kind)
        form.addRow(self._label("&Type:", self.kind), self.kind)
        self.kind_note = accessibility.WrappingLabel()
        self.kind_note.setAccessibleName("Konsekvens af typen")
        form.addRow("", self.kind_note)

        self.category = QComboBox()
        for category, label in CATEGORY_LABELS.items():
            self.category.addItem(label, category)
        self.category.setAccessibleName("Kategori")
        _narrow(self.category)
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
        form.addRow("", accessibility.wrapping(self.separate_signature))
        self.signature_date = DateField("signature_date", "Dato ved underskriften")
        self.signature_date.edited.connect(
            lambda t: self._typed("signature_date", t, "ret dato ved underskriften")
        )
        self.signature_date.chosen.connect(
            lambda d: self._set("signature_date", d, "ret dato ved underskriften")
        )
        self.signature_label = self._label("Underskriftsd&ato:", self.signature_date.edit)
        form.addRow(self.signature_label, self.signature_date)

        self.session = QLineEdit()
        self.session.setAccessibleName("Folketingsår")
        self.session.textEdited.connect(
            lambda t: self._set("flags.session", t.strip() or None, "ret folketingsår", merge=True)
        )
        form.addRow(self._label("F&olketingsår:", self.session), self.session)
        outer.addLayout(form)
        outer.addWidget(self._build_meeting())

        flags_box = QGroupBox("Forhold om sagen")
        flags_box.setAccessibleName("Forhold om sagen")
        flags_layout = QVBoxLayout(flags_box)
        explanation = QLabel(
            "Kontrollen bruger disse oplysninger, som ikke kan læses ud af teksten."
        )
        explanation.setWordWrap(True)
        explanation.setStyleSheet(f"color: {theme.css(theme.muted())};")
        flags_layout.addWidget(explanation)
        self.flags: dict[str, QCheckBox] = {}
        for name, label in FLAG_LABELS.items():
            box = QCheckBox(label)
            box.setAccessibleName(label)
            box.setToolTip(FLAG_TIPS[name])
            box.clicked.connect(
                lambda checked, n=name, text=label: self._set(
                    f"flags.{n}",
                    checked,
                    ("markér: " if checked else "fjern markering: ") + text.split(" (")[0].lower(),
                )
            )
            flags_layout.addWidget(accessibility.wrapping(box))
            self.flags[name] = box
        amounts = QFormLayout()
        amounts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above at 200 %
        self.amounts: dict[str, AmountField] = {}
        for name, label in FLAG_AMOUNTS.items():
            field = AmountField(f"flags.{name}", label)
            field.set_purpose(AMOUNT_TIPS[name])
            field.edited.connect(
                lambda t, n=name, text=label: self._typed(f"flags.{n}", t, f"ret {text.lower()}")
            )
            amounts.addRow(self._label(f"{label}:", field.edit), field)
            self.amounts[name] = field
        flags_layout.addLayout(amounts)
        outer.addWidget(flags_box)
        self._set_tips()
        outer.addStretch(1)
        self.setWidget(body)

        document.headerChanged.connect(self._on_header_changed)
        self.sync()

    def _build_meeting(self) -> QGroupBox:
        """The Finansudvalg meeting the draft must reach, its deadlines (forms.meetings)
        and what the checks say about it (P-01, P-03, P-07)."""
        box = QGroupBox("Finansudvalgets møde")
        box.setAccessibleName("Finansudvalgets møde")
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        self.meeting = QComboBox()
        self.meeting.setAccessibleName("Finansudvalgets møde")
        self.meeting.activated.connect(self._on_meeting)
        row.addWidget(self._label("M&øde:", self.meeting))
        row.addWidget(self.meeting, 1)
        layout.addLayout(row)
        self.deadlines = (
            accessibility.WrappingLabel()
        )  # wraps: a laptop's or 200 % zoom's narrow form
        self.deadlines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.deadlines.setAccessibleName("Fristerne for mødet")
        layout.addWidget(self.deadlines)
        self.meeting_findings = QLabel()
        self.meeting_findings.setWordWrap(True)
        self.meeting_findings.setTextFormat(Qt.TextFormat.RichText)
        self.meeting_findings.setAccessibleName("Fund om mødet")
        self.meeting_findings.setVisible(False)
        layout.addWidget(self.meeting_findings)
        # "Nu: …" says where the deadlines stand; it stays true while the editor is open.
        self.clock = QTimer(self)
        self.clock.setInterval(60_000)
        self.clock.timeout.connect(self._show_plan)
        self.clock.start()
        return box

    def _fill_meetings(self) -> None:
        """Upcoming Thursdays from the draft's date (or today), and the chosen one."""
        draft = self.doc.draft
        chosen = draft.flags.target_meeting
        around = draft.date or self.now().date()
        days = meeting_choices(
            max(dt.date.min + dt.timedelta(days=7), around) - dt.timedelta(days=7)
        )
        if chosen is not None and chosen not in days:
            days = sorted([*days, chosen])
        wanted = [None, *days]
        current = [self.meeting.itemData(i) for i in range(self.meeting.count())]
        if current != wanted:
            self.meeting.clear()
            self.meeting.addItem(NO_MEETING, None)
            for day in days:
                self.meeting.addItem(meeting_label(day), day)
        self.meeting.setCurrentIndex(self.meeting_index(chosen))

    def meeting_index(self, day: dt.date | None) -> int:
        """The row of a meeting in the choice (0: none chosen, or not offered)."""
        for row in range(self.meeting.count()):
            if self.meeting.itemData(row) == day:
                return row
        return 0

    def _on_meeting(self, _index: int) -> None:
        day = self.meeting.currentData()
        text = f"vælg mødet {meeting_label(day)}" if day else "fjern valget af møde"
        self._set(MEETING_FIELD, day, text)

    def _show_plan(self) -> None:
        meeting = self.doc.draft.flags.target_meeting
        if meeting is None:
            self.deadlines.setText(
                "Vælg det møde, aktstykket skal nå, så vises fristerne for udkast til "
                "Finansministeriet, opsætning og aflevering."
            )
            return
        try:
            plan = plan_for(meeting)
        except OverflowError:  # a meeting at the very start of the calendar
            self.deadlines.setText("Fristerne kan ikke regnes ud for et møde på den dato.")
            return
        lines = describe_plan(plan, self.now().replace(second=0, microsecond=0))
        self.deadlines.setText("\n".join(lines))

    def set_findings(self, findings: list[Finding]) -> None:
        """The header's findings; those about the meeting are shown at its field."""
        self._findings = [f for f in findings if f.location.field == MEETING_FIELD]
        label = self.meeting_findings
        # Read out by a screen reader at the meeting field, announced while the author is there.
        accessibility.set_description(
            self.meeting,
            "\n".join(finding_text(f.severity, f.message, f.rule) for f in self._findings),
        )
        if not self._findings:
            label.clear()
            label.setVisible(False)
            return
        rows = [
            f'<p style="color:{theme.css(theme.severity_colour(f.severity))}; margin:0 0 4px 0">'
            f"<b>{escape(f.severity.danish.capitalize())} ({f.rule}):</b> {escape(f.message)}</p>"
            for f in self._findings
        ]
        label.setText("".join(rows))
        label.setVisible(True)

    def _set_tips(self) -> None:
        """Every field says what it is for (FIELD_TIPS)."""
        for name, widget in (
            ("ministry", self.ministry),
            ("place", self.place),
            ("minister", self.minister),
            ("finansaar", self.finansaar),
            ("kind", self.kind),
            ("category", self.category),
            ("separate_signature", self.separate_signature),
            ("session", self.session),
            ("target_meeting", self.meeting),
        ):
            widget.setToolTip(FIELD_TIPS[name])
        self.date.set_purpose(FIELD_TIPS["date"])
        self.signature_date.set_purpose(FIELD_TIPS["signature_date"])

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # -- edits --------------------------------------------------------------------------

    def _set(self, path: str, value, text: str, *, merge: bool = False, raw=None) -> None:
        if self._syncing or self.doc.read_only:
            return
        if self.doc.field_value(path) == value and self.doc.draft.raw_fields.get(path) == raw:
            return
        self.doc.undo_stack.push(SetField(self.doc, path, value, text, merge=merge, raw=raw))

    def _typed(self, path: str, typed: str, text: str) -> None:
        """Text typed into a date or amount field: its value, or the text itself
        when it cannot be read (kept as typed, rule IN-01)."""
        reading = read_field(path, typed)
        if reading.ok:
            self._set(path, reading.value, text, merge=True)
        else:
            self._set(path, None, text, merge=True, raw=typed)

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
            raw = draft.raw_fields
            self.date.show_state(draft.date, raw.get("date"))
            if self.minister.text() != draft.minister:
                self.minister.setText(draft.minister)
            year = NO_YEAR if draft.finansaar is None else draft.finansaar
            if self.finansaar.value() != year:
                self.finansaar.setValue(year)
            self.kind.setCurrentIndex(self.kind.findData(draft.kind))
            self.category.setCurrentIndex(self.category.findData(draft.category))
            self.separate_signature.setChecked(self._separate_signature())
            self.signature_date.show_state(draft.signature_date, raw.get("signature_date"))
            for name, field in self.amounts.items():
                field.show_state(getattr(draft.flags, name), raw.get(f"flags.{name}"))
            session = draft.flags.session or ""
            if self.session.text() != session:
                self.session.setText(session)
            for name, box in self.flags.items():
                box.setChecked(bool(getattr(draft.flags, name)))
            self._fill_meetings()
        finally:
            self._syncing = False
        self._update_dependent()

    def _separate_signature(self) -> bool:
        draft = self.doc.draft
        return draft.signature_date is not None or "signature_date" in draft.raw_fields

    def _update_dependent(self) -> None:
        draft = self.doc.draft
        read_only = self.doc.read_only
        typed: list[TypedField] = [self.date, self.signature_date, *self.amounts.values()]
        for line in (self.place, self.minister, self.session):
            line.setReadOnly(read_only)
        for field in typed:
            field.setReadOnly(read_only)
        for widget in (
            self.ministry,
            self.finansaar,
            self.kind,
            self.category,
            self.separate_signature,
            self.meeting,
            *self.flags.values(),
        ):
            widget.setEnabled(not read_only)
        self._show_plan()
        separate = self._separate_signature()
        self.signature_date.setVisible(separate)
        self.signature_label.setVisible(separate)
        if draft.date is not None:
            ministry = draft.ministry.strip() or "Ministeriet"
            self.date_line.setText(
                f"{ministry}. {draft.place}, den {format_long_date(draft.date)}."
            )
            self.session.setPlaceholderText(f"{session_year(draft.date)} (udledt af datoen)")
        elif "date" in draft.raw_fields:
            self.date_line.setText("Datoen kan ikke læses endnu.")
        else:
            self.date_line.setText("Datoen er ikke angivet.")
            self.session.setPlaceholderText("fx 2024-25")
        if draft.kind is Kind.ORIENTERENDE:
            absent = danish_list(letters(Kind.ORIENTERENDE, Need.NOT_ALLOWED))
            self.kind_note.setText(
                f"Et orienterende aktstykke har ikke punkt {absent}: de er markeret som "
                "»ikke tilladt« i oversigten til venstre."
            )
            self.kind_note.setStyleSheet(f"color: {theme.fg(theme.Meaning.ERROR)};")
        else:
            self.kind_note.setText(
                f"Et søgende aktstykke har punkterne {points_of(Kind.SOEGENDE)}."
            )
            self.kind_note.setStyleSheet(f"color: {theme.css(theme.muted())};")

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
            MEETING_FIELD: self.meeting,
        }
        target = widgets.get(field or "", self.ministry)
        flag = (field or "").removeprefix("flags.")
        if flag in self.amounts:
            target = self.amounts[flag]
        elif field == MEETING_FIELD:
            target = self.meeting
        elif field and field.startswith("flags."):
            target = self.flags.get(flag, self.ministry)
        self.ensureWidgetVisible(target)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_read_only(self, _read_only: bool) -> None:
        self._update_dependent()
