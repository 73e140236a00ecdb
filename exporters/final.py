"""The final export for the minister's signature, one flow for the command line
(`aktstykke export --final`) and the editor ("Eksportér til underskrift …").

gate (forms.finalgate) → every open warning acknowledged by the person
exporting → the signed audit lines (acknowledgement, export) in the draft →
the Word file without UDKAST, the fingerprint in its footer and its manifest
signed. The callers only ask: the command line reads the acknowledgements
from its arguments, the editor from a dialog; each saves the audit lines in
its own way (the command line into the draft file, the editor into the open
draft).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from exporters.formats import export_file
from exporters.output import same_file as same_file  # where the editor finds it
from exporters.report import ExportReport
from forms.finalgate import FinalGate, final_footer_note, final_gate, warning_line
from forms.findings import Finding
from forms.model import Aktstykke, AuditEvent
from forms.pki import Identity
from forms.signoff import record_final_export


@dataclass
class FinalExport:
    """One final export of `draft`, which it changes: the audit lines are added
    to it before the file is written, and travel inside the file."""

    draft: Aktstykke
    gate: FinalGate
    recorded: list[AuditEvent] = field(default_factory=list)
    """The audit lines this export added to the draft."""

    @classmethod
    def start(cls, draft: Aktstykke) -> FinalExport:
        """Ask the gate (the checks, the sign-offs, the audit trail)."""
        return cls(draft, final_gate(draft))

    @property
    def blockers(self) -> list[str]:
        """Danish reasons the final export cannot be made; empty when it can."""
        return list(self.gate.blockers)

    @property
    def warnings(self) -> list[Finding]:
        """The open warnings, each to be acknowledged before the export."""
        return list(self.gate.warnings)

    def acknowledgements(self) -> list[str]:
        """The warnings as they are shown, acknowledged and recorded."""
        return [warning_line(f) for f in self.gate.warnings]

    def sign(self, identity: Identity, target: Path) -> list[AuditEvent]:
        """The signed audit lines (the acknowledged warnings, the export) in the
        draft. Raises SignOffError or PkiError (Danish) before anything changes."""
        before = len(self.draft.audit)
        record_final_export(self.draft, identity, target.name, self.acknowledgements())
        self.recorded = self.draft.audit[before:]
        return self.recorded

    @property
    def footer_note(self) -> str:
        """The footer of the final export: the content's short fingerprint."""
        return final_footer_note(self.draft)

    def write(self, target: Path, identity: Identity, template: Path | None = None) -> ExportReport:
        """Write the final Word file (after `sign`). Raises ExportError (Danish)
        or OSError, and leaves an existing file untouched."""
        return export_file(
            self.draft,
            target,
            template=template,
            final=True,
            footer_note=self.footer_note,
            signer=identity,
        )
