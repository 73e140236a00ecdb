""" "Eksportér til underskrift …": the final Word document for the minister.

The action is enabled only while forms.finalgate finds nothing that blocks the
final export; its tooltip and status tip list every reason. The flow is the
one `aktstykke export --final` follows: gate, every open warning shown and
acknowledged by the person exporting, signed audit lines (acknowledgement and
export), export with the short fingerprint in the footer. The audit lines
cannot be undone: the document is marked modified and the author saves it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop import dialogs
from desktop.controllers.exporting import ExportController, cannot_write
from desktop.controllers.files import Status
from desktop.session.document import DraftDocument
from desktop.session.settings import Settings
from desktop.session.signoffidentity import signer_identity
from forms.signoff import SignOffError

if TYPE_CHECKING:
    from desktop.session.contentfingerprint import ContentFingerprint
    from forms.checks import Checker

GATE_DELAY_MS = 300
"""The gate runs the checks: after a pause in typing, not on every keystroke."""
TITLE = "Eksportér til underskrift"
READY_TIP = (
    "Lav den endelige udgave til ministerens underskrift: uden UDKAST og med "
    "indholdets fingeraftryk i sidefoden"
)

READ_ONLY = (
    "Kladden er åbnet skrivebeskyttet, så eksporten kan ikke skrives i dens logbog. "
    "Åbn en kopi, eller overtag låsen."
)


def blocked_tip(reasons: list[str]) -> str:
    lines = "\n".join(f"• {reason}" for reason in reasons)
    return f"Den endelige udgave kan ikke laves endnu:\n{lines}"


class FinalExport(QObject):
    def __init__(
        self,
        window: QWidget,
        doc: DraftDocument,
        settings: Settings,
        exports: ExportController,
        status: Status,
        delay_ms: int = GATE_DELAY_MS,
    ):
        super().__init__(window)
        self.window = window
        """What the questions are asked over."""
        self.doc = doc
        self.settings = settings
        self.exports = exports
        self.status = status
        self.blockers: list[str] = []
        self.warnings: list = []
        """Open warnings (forms.findings.Finding) to acknowledge at the export."""
        self.last_export: Path | None = None
        self.checker: Callable[[], Checker | None] | None = None
        """The window's incremental checker (set by install()): the gate after an edit
        re-checks only what changed instead of checking the whole draft afresh."""
        self.content: ContentFingerprint | None = None
        """The open draft's cached fingerprint (set by install())."""
        self.action = QAction(f"{TITLE} …", window)
        self.action.setIconText("Til underskrift")
        self.action.setObjectName("finalExportAction")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.action.triggered.connect(lambda _checked=False: self.export())
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.update_state)
        for signal in (self.doc.contentChanged, self.doc.replaced, self.doc.fileChanged):
            signal.connect(self.timer.start)
        # Sign-offs decide at once: no pause after the author has just signed off.
        self.doc.signoffsChanged.connect(self.update_state)
        # The gate loads the checks; the window appears first (desktop/services.py).
        self.action.setEnabled(False)
        self.action.setToolTip("Undersøger, om den endelige udgave kan laves …")
        self.timer.start()

    def update_state(self, *, fresh: bool = False) -> list[str]:
        """Ask the gate again; `fresh` checks the whole draft anew (the export itself)."""
        from forms.finalgate import final_gate

        self.timer.stop()
        draft = self.doc.draft
        checker = None if fresh or self.checker is None else self.checker()
        findings = checker.check(draft, final=True) if checker is not None else None
        fp = self.content.value() if self.content is not None and not fresh else None
        self.gate = final_gate(draft, findings=findings, fp=fp)
        self.blockers, self.warnings = list(self.gate.blockers), list(self.gate.warnings)
        if self.doc.read_only:
            self.blockers.append(READ_ONLY)
        ready = not self.blockers
        tip = READY_TIP if ready else blocked_tip(self.blockers)
        self.action.setEnabled(ready)
        self.action.setToolTip(tip)
        self.action.setStatusTip(
            READY_TIP if ready else "Kan ikke laves endnu: " + " ".join(self.blockers)
        )
        return self.blockers

    def _suggestion(self) -> str:
        doc = self.doc
        settings = self.settings
        if doc.path is not None:
            return str(doc.path.with_name(f"{doc.path.stem} til underskrift.docx"))
        stem = Path(doc.display_name()).stem or "aktstykke"
        return str(Path(settings.last_folder) / f"{stem} til underskrift.docx")

    def export(self) -> Path | None:
        # The gate is asked again, checking afresh: the action's state may be a pause behind.
        reasons = self.update_state(fresh=True)
        if reasons:
            dialogs.show_error(
                self.window, "Den endelige udgave kan ikke laves endnu", "\n".join(reasons)
            )
            return None
        try:
            from exporters.errors import ExportError
            from exporters.final import FinalExport as Flow
            from exporters.final import same_file
        except ImportError as exc:
            dialogs.show_error(
                self.window, "Eksport ikke mulig", f"Word-eksporten kan ikke indlæses ({exc.name})."
            )
            return None
        # The exported file carries the draft with its audit lines; the open draft
        # gets the same lines only once the file exists.
        draft = self.doc.draft.model_copy(update={"audit": list(self.doc.draft.audit)})
        flow = Flow(draft, self.gate)
        identity = signer_identity(self.window)
        if identity is None:
            return None
        acknowledged = flow.acknowledgements()
        if acknowledged and not dialogs.ask_acknowledge_warnings(
            self.window, acknowledged, identity.name
        ):
            return None
        path = dialogs.choose_export_path(
            self.window, TITLE, self._suggestion(), dialogs.WORD_FILTER
        )
        if path is None:
            return None
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
        if self.doc.path is not None and same_file(self.doc.path, path):
            dialogs.show_error(
                self.window,
                "Eksport mislykkedes",
                f"Eksporten ville overskrive kladden »{path.name}«. Vælg et andet navn.",
            )
            return None
        try:
            flow.sign(identity, path)
        except SignOffError as exc:
            dialogs.show_error(self.window, "Eksport mislykkedes", exc.message)
            return None
        try:
            report = flow.write(path, identity)
        except ExportError as exc:
            dialogs.show_error(self.window, "Eksport mislykkedes", exc.message)
            return None
        except OSError as exc:
            dialogs.show_error(self.window, "Eksport mislykkedes", cannot_write(path, exc))
            return None
        self.doc.apply_signoffs(self.doc.draft.signoffs, draft.audit)
        self.doc.mark_dirty()
        self.last_export = path
        self.exports.set_last_export(path)  # "Åbn den eksporterede fil" opens it too
        note = report.fallback_message() if report is not None else None
        self.status(
            f"Endelig udgave eksporteret til {path.name}. Gem kladden, så logbogen kommer med.",
            10000,
        )
        if note:
            dialogs.show_info(self.window, "Eksporteret med bemærkninger", note)
        if dialogs.ask_open_file(
            self.window,
            "Endelig udgave eksporteret",
            f"Den endelige udgave er gemt som »{path.name}«.",
            "Eksporten er skrevet i kladdens logbog. Gem kladden for at beholde den.",
        ):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path
