"""What an import tells the author: what was recognised, what was guessed, and
the import notes (text placed by guess, rule I-01) that stay on the draft."""

from __future__ import annotations

from dataclasses import dataclass, field

from forms.findings import Finding, Location, Severity
from forms.model import Aktstykke, BudgetTable, ImportNote
from forms.textnorm import fold_whitespace

RULE_UNPLACED = "I-01"


@dataclass
class ImportReport:
    source: str
    """The file name (or 'tekst' for pasted text)."""
    source_kind: str
    """'tekst', 'PDF', 'Word' or 'indlejret kladde' (our own export reopened)."""
    recognised: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)
    notes: list[ImportNote] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    """What was changed in Word (tracked or typed), one line each."""
    changes_heading: str = "Ændringer fra Word – venter på din godkendelse:"
    comments: list[str] = field(default_factory=list)
    """The Word comments, one line each ('Karen Berg: Kilde?')."""

    def lines(self) -> list[str]:
        """The report as the command line and the editor show it, in Danish."""
        out = [f"Importeret fra {self.source} ({self.source_kind})."]
        if self.recognised:
            out.append("Genkendt:")
            out += [f"  – {line}" for line in self.recognised]
        if self.changes:
            out.append(self.changes_heading)
            out += [f"  – {line}" for line in self.changes]
        if self.comments:
            out.append("Kommentarer fra Word:")
            out += [f"  – {line}" for line in self.comments]
        if self.guessed:
            out.append("Gættet eller mangler – kontrollér:")
            out += [f"  – {line}" for line in self.guessed]
        else:
            out.append("Intet er gættet.")
        return out

    def text(self) -> str:
        return "\n".join(self.lines())


@dataclass
class ImportResult:
    draft: Aktstykke
    report: ImportReport
    returned: object | None = None
    """For our own Word export: the forms.roundtrip ReturnedFile it was read as."""

    @property
    def findings(self) -> list[Finding]:
        """The I-01 findings of the imported draft, for showing right after import."""
        return import_findings(self.draft)


def locate_note(draft: Aktstykke, note: ImportNote) -> Location | None:
    """Where the note's text is now: its recorded block, or wherever the author
    moved it. None when the text is gone or was edited (the note is resolved)."""
    wanted = fold_whitespace(note.text)
    section = draft.section(note.letter)
    if section is not None and 0 <= note.block < len(section.blocks):
        block = section.blocks[note.block]
        if not isinstance(block, BudgetTable) and fold_whitespace(block.text) == wanted:
            return Location(letter=note.letter, block=note.block)
    for other in draft.sections:
        for index, block in enumerate(other.blocks):
            if not isinstance(block, BudgetTable) and fold_whitespace(block.text) == wanted:
                return Location(letter=other.letter, block=index)
    return None


def import_findings(draft: Aktstykke) -> list[Finding]:
    """One info finding (I-01) per imported text that was placed by guess and
    still stands unchanged."""
    findings = []
    for note in draft.import_notes:
        location = locate_note(draft, note)
        if location is None:
            continue
        shown = fold_whitespace(note.text)
        if len(shown) > 80:
            shown = shown[:79].rstrip() + "…"
        findings.append(
            Finding(
                rule=RULE_UNPLACED,
                severity=Severity.INFO,
                location=location,
                message=(
                    f"Importeret tekst uden fast plads: »{shown}« ({note.reason}). Den er "
                    f"lagt i litra {location.letter}, så intet går tabt."
                ),
                suggestion=(
                    "Flyt teksten til det rette sted, ret eller slet den – eller afvis "
                    "bemærkningen, hvis den står rigtigt."
                ),
            )
        )
    return findings


def dismiss_import_note(draft: Aktstykke, note: ImportNote) -> None:
    """The author accepts the text where it stands: the I-01 finding goes away."""
    draft.import_notes = [kept for kept in draft.import_notes if kept != note]
