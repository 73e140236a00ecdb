"""The aktstykke as data: pydantic v2 models, headless and Qt-free.

The model accepts drafts that are wrong (a missing litra, a total that does
not add up): rules in forms.checks report findings, the model never refuses
content. It only refuses what is not an aktstykke at all (unknown fields,
wrong types) and values nothing could write or show (forms.limits).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
)

from forms.amounts import Unit
from forms.limits import possible_value

SCHEMA_VERSION = 3
LETTERS: tuple[str, ...] = ("a", "b", "c", "d", "e", "f")
Letter = Literal["a", "b", "c", "d", "e", "f"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    @field_validator("*")
    @classmethod
    def _possible(cls, value: object) -> object:
        """Refuse what no aktstykke can hold (forms.limits): a lone surrogate,
        an amount of 1E+999999, a time that overflows in local time."""
        return possible_value(value)


def _without_empty(data: dict[str, Any], name: str) -> dict[str, Any]:
    """Leave an empty raw-text field out of the file: drafts without unreadable
    input are written byte for byte as before the field existed."""
    if not data.get(name):
        data.pop(name, None)
    return data


class Kind(StrEnum):
    SOEGENDE = "søgende"
    ORIENTERENDE = "orienterende"


class Category(StrEnum):
    GENEREL = "generel"
    IT = "it"
    BYGGE_ANLAEG = "bygge/anlæg"
    TILSKUD = "tilskud"
    EJENDOM = "ejendom"
    ANDET = "andet"


class Paragraph(Strict):
    type: Literal["paragraph"] = "paragraph"
    text: str = ""


class SubHeading(Strict):
    type: Literal["subheading"] = "subheading"
    text: str = ""


class TableRow(Strict):
    label: str = ""
    account: str | None = None
    """Optional § account of the row, e.g. '06.32.10.13'."""
    values: list[Decimal | None] = Field(default_factory=list)
    """One value per column; None is 'no amount' (shown as '-')."""
    stated_total: Decimal | None = None
    """The row's 'I alt' as typed in an imported document, kept for checking."""
    raw_values: dict[int, str] = Field(default_factory=dict)
    """Text typed into an amount cell that could not be read as an amount, by
    column, kept as typed until it is corrected (rule IN-01, forms.typedinput);
    the cell's value is None meanwhile."""

    @model_serializer(mode="wrap")
    def _serialise(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return _without_empty(handler(self), "raw_values")


class BudgetTable(Strict):
    type: Literal["table"] = "table"
    caption: str = ""
    unit: Unit = Unit.MIO
    unit_label: str | None = None
    """The unit heading exactly as written, price level included ('Mio. kr.
    (2025-pl)'); shown where the unit is stated. `unit` still gives the factor.
    None: the unit's own heading ('Mio. kr.')."""
    label_heading: str = ""
    """Heading of the label column, e.g. 'Projektsøjler'."""
    columns: list[str] = Field(default_factory=lambda: [""])
    """Headings of the amount columns (e.g. years). A single column with an
    empty heading is headed by the unit ('Mio. kr.')."""
    rows: list[TableRow] = Field(default_factory=list)
    stated_column_totals: list[Decimal | None] | None = None
    """The 'I alt' row as typed in an imported document, kept for checking."""
    stated_grand_total: Decimal | None = None
    note: str = ""
    """A note under the table, e.g. the rounding note (TAB-05)."""

    def cell(self, row: int, column: int) -> Decimal | None:
        values = self.rows[row].values
        return values[column] if column < len(values) else None

    def insert_column(self, position: int, heading: str) -> None:
        """A new, empty amount column at `position`; every row's values, the text
        typed into its cells and the stated totals move along with their columns."""
        width = len(self.columns)
        self.columns.insert(position, heading)
        for row in self.rows:
            values = list(row.values) + [None] * (width - len(row.values))
            values.insert(position, None)
            row.values = values
            row.raw_values = {
                (c + 1 if c >= position else c): text for c, text in row.raw_values.items()
            }
        if self.stated_column_totals is not None:
            totals = list(self.stated_column_totals)
            totals += [None] * (width - len(totals))
            totals.insert(position, None)
            self.stated_column_totals = totals

    def remove_column(self, index: int) -> None:
        """Remove amount column `index` with its values, the text typed into it and
        its stated total; the columns after it move up."""
        del self.columns[index]
        for row in self.rows:
            if index < len(row.values):
                values = list(row.values)
                del values[index]
                row.values = values
            row.raw_values = {
                (c - 1 if c > index else c): text
                for c, text in row.raw_values.items()
                if c != index
            }
        if self.stated_column_totals is not None and index < len(self.stated_column_totals):
            totals = list(self.stated_column_totals)
            del totals[index]
            self.stated_column_totals = totals

    def column_totals(self) -> list[Decimal]:
        """Exact sums per column; a row without an amount adds nothing."""
        totals = [Decimal(0)] * len(self.columns)
        for row in self.rows:
            for index in range(len(self.columns)):
                value = row.values[index] if index < len(row.values) else None
                if value is not None:
                    totals[index] += value
        return totals

    def row_total(self, row: int) -> Decimal:
        return sum(
            (v for v in self.rows[row].values[: len(self.columns)] if v is not None),
            Decimal(0),
        )

    def grand_total(self) -> Decimal:
        return sum(self.column_totals(), Decimal(0))

    @property
    def has_total_column(self) -> bool:
        """An 'I alt' column is shown when there are several amount columns."""
        return len(self.columns) > 1

    @property
    def unit_heading(self) -> str:
        """The unit as the table's header states it: as written, or 'Mio. kr.'."""
        return self.unit_label if self.unit_label else self.unit.heading

    def column_heading(self, index: int) -> str:
        heading = self.columns[index]
        if not heading and len(self.columns) == 1:
            return self.unit_heading
        return heading


Block = Annotated[Paragraph | SubHeading | BudgetTable, Field(discriminator="type")]


class Section(Strict):
    letter: Letter
    blocks: list[Block] = Field(default_factory=list)


class Flags(Strict):
    """Facts about the disposition that the text alone does not tell the checks."""

    c_not_needed: bool = False
    fm_consent_exempt: bool = False
    no_expenditure: bool = False
    recurring: bool = False
    urgent: bool = False
    new_account: bool = False
    confidential: bool = False
    tb_amount: Decimal | None = None
    new_laaneramme: Decimal | None = None
    session: str | None = None
    """Folketingsår as the author states it, e.g. '2024-25' (H-08)."""
    bv_version: str | None = None
    """Budgetvejledning version the thresholds come from; None: by date."""
    target_meeting: dt.date | None = None
    """The Finansudvalg meeting the aktstykke is meant for (P-01, P-03)."""


class Published(Strict):
    """What Finansudvalget's secretariat adds to a published copy (H-07)."""

    number: str | None = None
    session: str | None = None
    decided: str | None = None
    endorsement: str | None = None


class Signature(Strict):
    """A signature made with a person's X.509 certificate (forms/pki.py makes and
    checks it). Certificates are base64 DER; `chain` holds the intermediates the
    signer's file carried, so a later reader can build the path to a trusted root."""

    algorithm: Literal["ecdsa-sha256", "rsa-pkcs1-sha256", "ed25519"]
    certificate: str
    chain: list[str] = Field(default_factory=list)
    value: str


class ConsentReference(Strict):
    """Finansministeriet's reference for its consent, as its letter or mail gives it."""

    journal: str
    """Finansministeriet's journal number."""
    date: dt.date
    """The date Finansministeriet gave its consent."""
    sender: str
    """Who at Finansministeriet sent it."""


class SignOff(Strict):
    """Someone in a role approved the content with this fingerprint.

    Signed (forms/pki.py) by the person who recorded it, whose name is the
    certificate's; the same signed record is an entry of the audit trail
    (forms/audit.py), chained to the entry before through `previous`."""

    role: str
    name: str
    time: dt.datetime
    fingerprint: str
    revoked: dt.datetime | None = None
    """When the sign-off was withdrawn; it stays in the history."""
    revoked_by: str | None = None
    reference: ConsentReference | None = None
    """For Finansministeriet's consent: Finansministeriet's reference."""
    source: str = ""
    """The imported document that stated this consent: kept as "oplyst i
    kildedokumentet", never signed, never counted."""
    previous: str = ""
    signature: Signature | None = None


class AuditEvent(Strict):
    """One entry of the draft's audit trail, which only grows: sign-off,
    revocation, acknowledged warnings, final export. Signed by the person who
    recorded it; `previous` is the hash of the entry before (forms/audit.py)."""

    action: Literal["signoff", "revocation", "acknowledgement", "final_export"]
    role: str | None = None
    name: str
    time: dt.datetime
    fingerprint: str
    detail: str = ""
    reference: ConsentReference | None = None
    source: str = ""
    findings: list[str] = Field(default_factory=list)
    """For acknowledged warnings: each warning as the author was shown it."""
    revokes: str = ""
    """For a revocation: the hash of the sign-off's own entry."""
    previous: str = ""
    signature: Signature | None = None


class ReviewMark(Strict):
    """An amount taken over from a previous aktstykke that the author has not
    confirmed yet (rule R-01). Prose amounts are a character span of a
    paragraph, table amounts a cell, flag amounts a field name; `original` is
    the amount as it was written, so the mark can be found again after edits."""

    letter: Letter | None = None
    block: int | None = None
    start: int | None = None
    end: int | None = None
    row: int | None = None
    column: int | None = None
    field: str | None = None
    original: str


class ImportNote(Strict):
    """Text an import could not place with certainty and put into the nearest
    litra (rule I-01); shown until the author moves, edits or dismisses it."""

    letter: Letter
    block: int
    text: str
    reason: str


ChangeKind = Literal[
    "edit",
    "set",
    "insert_block",
    "delete_block",
    "insert_row",
    "delete_row",
    "unplaced",
    "insert_section",
    "delete_section",
]


class PendingChange(Strict):
    """A change to review that came back from a circulated Word file (issue 13):
    a tracked change, or an edit typed in Word without tracking. Positions are
    relative to the draft as it is now; the draft itself is unchanged until the
    author accepts the change.

    - edit: characters `start:end` of a block's text (`part`: the paragraph or
      sub-heading text, a table's caption or note) were `old` and become `new`.
    - set: a header field (`target` 'field:date' …) or a table cell
      ('cell:label', 'cell:account', 'cell:value:2', 'cell:column:1',
      'cell:label_heading') shown as `old` becomes `new` (`value` parsed).
    - insert_block / delete_block: `blocks` inserted before block `block`, or
      block `block` (its text `old`) removed.
    - insert_row / delete_row: a row of the table at `block`; `cells` label,
      account and values as written.
    - unplaced: text that has no place in the draft (outside every litra, a
      table added in Word, a computed total typed over); accepting it puts it
      into the nearest litra with an import note (I-01), so nothing is lost.
    - insert_section / delete_section: a litra taken in or left out (only when
      comparing two drafts, never from Word).
    """

    id: str
    kind: ChangeKind
    letter: Letter | None = None
    block: int | None = None
    part: Literal["text", "caption", "note"] = "text"
    start: int | None = None
    end: int | None = None
    target: str | None = None
    row: int | None = None
    old: str = ""
    new: str = ""
    value: str | None = None
    """For set: the new value as stored ('12.5', '2025-03-04', '' for no amount)."""
    before: str = ""
    """A little of the text before the change, to find its place again after edits."""
    after: str = ""
    blocks: list[Block] = Field(default_factory=list)
    cells: list[str] = Field(default_factory=list)
    reason: str = ""
    author: str | None = None
    """Who made the change in Word; None for an edit typed without tracking."""
    date: dt.datetime | None = None
    source: str = ""
    """The Word file the change came from."""
    group: str | None = None
    """Changes that belong together (both halves of a move) share a group."""
    move: bool = False
    conflict: bool = False
    """The current draft changed the same place since the export (three-way merge)."""
    ours: str = ""
    """For a conflict: the current draft's text at the place, shown beside `new`."""


class CommentReply(Strict):
    author: str = ""
    initials: str = ""
    date: dt.datetime | None = None
    text: str = ""


class ReviewComment(Strict):
    """A Word comment kept with the draft: anchored at a litra, block and range
    (or a header field or a table cell), answered and resolved in the editor,
    and written back out as a Word comment on the next export."""

    id: str
    author: str = ""
    initials: str = ""
    date: dt.datetime | None = None
    text: str = ""
    letter: Letter | None = None
    block: int | None = None
    part: Literal["text", "caption", "note"] = "text"
    start: int | None = None
    end: int | None = None
    row: int | None = None
    column: int | None = None
    area: Literal["body", "header", "signature"] = "body"
    quote: str = ""
    """The text the comment is anchored at, to find it again after edits."""
    resolved: bool = False
    replies: list[CommentReply] = Field(default_factory=list)
    source: str = ""


class Metadata(Strict):
    schema_version: int = SCHEMA_VERSION
    created: dt.datetime = Field(default_factory=lambda: _now())
    modified: dt.datetime = Field(default_factory=lambda: _now())
    app_version: str = ""


class Aktstykke(Strict):
    ministry: str = ""
    place: str = "København"
    date: dt.date | None = None
    signature_date: dt.date | None = None
    """Date of the signature line when it differs from the header (imports);
    None means the same date as the header."""
    minister: str = ""
    finansaar: int | None = None
    kind: Kind = Kind.SOEGENDE
    category: Category = Category.GENEREL
    sections: list[Section] = Field(default_factory=list)
    flags: Flags = Field(default_factory=Flags)
    published: Published | None = None
    signoffs: list[SignOff] = Field(default_factory=list)
    audit: list[AuditEvent] = Field(default_factory=list)
    review: list[ReviewMark] = Field(default_factory=list)
    """Amounts awaiting the author's confirmation (new from a previous aktstykke)."""
    import_notes: list[ImportNote] = Field(default_factory=list)
    """Imported text placed by guess, reported as I-01 until dismissed."""
    raw_fields: dict[str, str] = Field(default_factory=dict)
    """Text typed into a header field that could not be read (a date, an amount
    among the flags), by the field's path ('date', 'flags.tb_amount'), kept as
    typed until it is corrected (rule IN-01); the field's value is None meanwhile."""
    pending_changes: list[PendingChange] = Field(default_factory=list)
    """Changes from a returned Word file awaiting the author's accept or reject."""
    comments: list[ReviewComment] = Field(default_factory=list)
    """Word comments kept with the draft (written back out on export)."""
    metadata: Metadata = Field(default_factory=Metadata)

    @model_serializer(mode="wrap")
    def _serialise(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return _without_empty(handler(self), "raw_fields")

    def section(self, letter: str) -> Section | None:
        """The first section with this letter, or None when it is left out."""
        return next((s for s in self.sections if s.letter == letter), None)

    def letters(self) -> list[str]:
        return [s.letter for s in self.sections]

    def tables(self) -> list[tuple[str, int, BudgetTable]]:
        """Every budget table with its litra and block index, in order."""
        return [
            (s.letter, i, b)
            for s in self.sections
            for i, b in enumerate(s.blocks)
            if isinstance(b, BudgetTable)
        ]

    @property
    def effective_signature_date(self) -> dt.date | None:
        return self.signature_date or self.date


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
