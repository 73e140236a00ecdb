"""What a check reports: a finding with a rule id, severity and precise location."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def danish(self) -> str:
        return {"error": "fejl", "warning": "advarsel", "info": "bemærkning"}[self.value]


Area = Literal["header", "section", "signature", "document"]


class Location(BaseModel):
    """Where a finding is, precise enough for the editor to jump there.

    - header/signature fields: area and field ("date", "minister", "ministry" …)
    - prose: letter, block index and the character span [start, end)
    - a table cell: letter, block index, row and column (row == len(rows) is
      the total row; column == len(columns) is the total column)
    - the whole document or a whole litra: area "document", or just a letter
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    area: Area = "section"
    letter: str | None = None
    block: int | None = None
    start: int | None = None
    end: int | None = None
    row: int | None = None
    column: int | None = None
    field: str | None = None

    def describe(self) -> str:
        """Danish text for the location: 'litra b, afsnit 3, tegn 10-15'."""
        if self.area in ("header", "signature"):
            area = "hovedet" if self.area == "header" else "underskriften"
            return f"{area}, {_FIELD_NAMES.get(self.field, self.field)}" if self.field else area
        if self.area == "document" and self.letter is None:
            return (
                "hele aktstykket"
                if self.field is None
                else _FIELD_NAMES.get(self.field, self.field)
            )
        parts = [f"litra {self.letter}"]
        if self.block is not None:
            parts.append(f"blok {self.block + 1}")
        if self.row is not None:
            parts.append(f"række {self.row + 1}")
        if self.column is not None:
            parts.append(f"kolonne {self.column + 1}")
        if self.start is not None and self.end is not None:
            parts.append(f"tegn {self.start + 1}–{self.end}")
        return ", ".join(parts)


_FIELD_NAMES = {
    "ministry": "ministerium",
    "date": "dato",
    "place": "sted",
    "minister": "minister",
    "finansaar": "finansår",
    "kind": "type",
    "category": "kategori",
    "session": "folketingsår",
    "addressee": "modtager",
    "published": "Finansudvalgets påtegninger",
    "signoffs": "godkendelser",
    "signature_date": "dato ved underskriften",
    "tb_amount": "tillægsbevilling",
    "new_laaneramme": "ny låneramme",
}


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str
    severity: Severity
    location: Location
    message: str
    suggestion: str | None = None
    replacement: str | None = None
    """The exact text to put in place of the finding's span (prose), or into its cell
    (a table value kept as typed, IN-01): set only where the rule knows the one
    correction. The editor's »Brug forslaget« puts it in as one undoable edit."""
