"""Import in the editor: File → Importér, File → Ny fra tidligere aktstykke, the
import report, and the finding actions that settle what an import left behind
("Bekræft beløb" on R-01, "Placeret rigtigt" on I-01).

An import opens as a new untitled draft, like the example: the source is only
read, never written. A source that cannot be imported is explained in Danish
and the open draft stays as it was. The reading itself is forms.importing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from desktop import dialogs, services
from desktop.controllers.files import FileController
from desktop.editors.tablemodel import FIRST_AMOUNT_COLUMN
from desktop.panels.findingsview import FindingAction
from desktop.panels.importreport import ImportReportView
from desktop.session.partstate import HEADER
from desktop.undo.edits import Place
from desktop.undo.importedits import ConfirmAmounts, DismissImportNote
from forms.draftfile import SUFFIX, DraftFileError, load_draft
from forms.findings import Finding, Location
from forms.importing import (
    ImportReport,
    SourceError,
    import_file,
    import_findings,
    locate_note,
    locate_review,
    new_from_previous,
)
from forms.importing.files import read_source
from forms.importing.previous import RULE_REVIEW
from forms.importing.report import RULE_UNPLACED
from forms.model import Aktstykke

FOLDER_KEY = "import/last_folder"

CONFIRM = "Bekræft beløb"
CONFIRM_PART = "Bekræft alle i dette punkt"
DISMISS = "Placeret rigtigt – afvis bemærkning"


class ImportController(QObject):
    """The import actions of one main window and the report dock they fill."""

    reviewWaiting = Signal()
    """A draft with changes or comments from Word came in: show them for review
    (desktop/controllers/review.py)."""

    def __init__(self, window, files: FileController):
        super().__init__(window)
        self.window = window
        self.files = files
        self.act_import = QAction("&Importér …", window)
        self.act_import.setStatusTip(
            "Lav en ny kladde ud fra et aktstykke i Word, PDF eller tekst (kilden ændres ikke)"
        )
        self.act_import.setShortcut(QKeySequence("Ctrl+I"))
        self.act_import.triggered.connect(lambda _checked=False: self.import_file())
        self.act_previous = QAction("Ny fra &tidligere aktstykke …", window)
        self.act_previous.setStatusTip(
            "Begynd på et nyt aktstykke ud fra et tidligere: dato og godkendelser fjernes, "
            "og alle beløb skal kontrolleres"
        )
        self.act_previous.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.act_previous.triggered.connect(lambda _checked=False: self.new_from_previous())

        self.view = ImportReportView()
        self.dock = window.add_dock(
            "importReportDock", "Importrapport", self.view, Qt.DockWidgetArea.RightDockWidgetArea
        )
        # Hidden until an import; tabified only when first shown, since a tab bar
        # made before the window's first layout is left behind over the form.
        self.dock.hide()
        self._loading = False
        window.doc.replaced.connect(self._on_replaced)
        window.findings_view.add_action_provider(self.actions_for)
        # The remembered layout may show the dock again; an empty report is not worth it.
        QTimer.singleShot(0, self, self._hide_if_empty)

    # -- File → Importér ------------------------------------------------------------------

    def import_file(self) -> bool:
        if not self.window.maybe_save():
            return False
        path = dialogs.choose_import_path(
            self.window, "Importér aktstykke", self._folder(), dialogs.IMPORT_FILTER
        )
        if path is None:
            return False
        return self.import_path(path, ask_save=False)

    def import_path(self, path: Path | str, *, ask_save: bool = True) -> bool:
        """Import a .docx, .pdf or text file as a new untitled draft."""
        path = Path(path)
        if ask_save and not self.window.maybe_save():
            return False
        try:
            with _busy():
                result = import_file(path, project=services.shown_document)
        except SourceError as exc:
            dialogs.show_error(
                self.window,
                "Filen kan ikke importeres",
                f"{exc.message} Den åbne kladde er ikke ændret.",
            )
            return False
        self._remember(path)
        self._load(result.draft, origin="importeret", name=path.stem + SUFFIX, folder=path.parent)
        after = self._review_lines(result.draft)
        notes = len(import_findings(result.draft))
        if notes:
            after.append(
                f"{_count(notes, 'tekststykke', 'tekststykker')} uden fast plads er lagt i "
                "nærmeste punkt og står som bemærkninger (I-01) under Fund. Flyt teksten, "
                f"eller vælg »{DISMISS}«, hvis den står rigtigt."
            )
        after.append(
            f"Kladden er ikke gemt endnu, og {path.name} er ikke ændret. Vælg Gem som … "
            "for at gemme kladden som aktstykke-fil."
        )
        self._show_report(f"Importeret fra {path.name}", result.report, after)
        self._show_review(result.draft)
        self.window.statusBar().showMessage(
            f"{path.name} er importeret som en ny kladde. Se importrapporten.", 15000
        )
        return True

    # -- File → Åbn of a Word file ---------------------------------------------------------

    def open_word_file(self, path: Path | str) -> bool:
        """Open one of our Word exports as an untitled draft: what it shows is
        compared with the draft it carries, and what colleagues changed waits in
        »Ændringer fra Word«. A Word file without our draft is refused with a
        pointer to Importér."""
        path = Path(path)
        title = "Word-filen kan ikke åbnes"
        from forms.roundtrip.returned import read_returned

        try:
            with _busy():
                returned = read_returned(read_source(path), path.name, services.shown_document)
        except SourceError as exc:
            dialogs.show_error(self.window, title, exc.message)
            return False
        if returned.base is None:
            problem = returned.base_problem or (
                f"Word-filen »{path.name}« indeholder ingen kladde fra Aktstykke: den er ikke "
                "eksporteret af programmet, eller kladden er fjernet. Brug import for at læse "
                "teksten ind som en ny kladde."
            )
            dialogs.show_error(self.window, title, problem)
            return False
        draft = returned.as_draft() if (returned.differs or returned.comments) else returned.base
        window = self.window
        self._load(draft, origin="fra Word", name=path.with_suffix(SUFFIX).name, folder=path.parent)
        window.settings.add_recent(path)
        waiting = len(draft.pending_changes)
        message = (
            f"Kladden er hentet fra {path.name}. Gem den som aktstykke-fil for at arbejde videre."
        )
        if waiting:
            message = (
                f"Kladden er hentet fra {path.name}: {waiting} ændringer fra Word venter på din "
                "godkendelse under »Ændringer fra Word«."
            )
        window.statusBar().showMessage(message, 15000)
        self._show_review(draft)
        return True

    def _review_lines(self, draft: Aktstykke) -> list[str]:
        lines = []
        if draft.pending_changes:
            lines.append(
                f"{_count(len(draft.pending_changes), 'ændring', 'ændringer')} fra Word venter under "
                "»Ændringer fra Word«: gå dem igennem med Næste og Forrige, og godkend eller "
                "afvis hver enkelt. Kladden ændres først, når du godkender."
            )
        if draft.comments:
            lines.append(
                f"{_count(len(draft.comments), 'kommentar', 'kommentarer')} fra Word står under "
                "»Kommentarer«, hvor du kan svare og markere dem som løst."
            )
        return lines

    def _show_review(self, draft: Aktstykke) -> None:
        if draft.pending_changes or draft.comments:
            self.reviewWaiting.emit()

    # -- File → Ny fra tidligere aktstykke -------------------------------------------------

    def new_from_previous(self) -> bool:
        if not self.window.maybe_save():
            return False
        path = dialogs.choose_import_path(
            self.window, "Ny fra tidligere aktstykke", self._folder(), dialogs.PREVIOUS_FILTER
        )
        if path is None:
            return False
        return self.new_from_previous_path(path, ask_save=False)

    def new_from_previous_path(self, path: Path | str, *, ask_save: bool = True) -> bool:
        """Start a new draft from a previous aktstykke (.aktstykke, .docx, .pdf, .txt)."""
        path = Path(path)
        if ask_save and not self.window.maybe_save():
            return False
        title = "Det tidligere aktstykke kan ikke læses"
        try:
            with _busy():
                draft, report = self._read_previous(path)
        except SourceError as exc:
            dialogs.show_error(self.window, title, f"{exc.message} Den åbne kladde er ikke ændret.")
            return False
        except DraftFileError as exc:
            dialogs.show_error(self.window, title, f"{exc.message} Den åbne kladde er ikke ændret.")
            return False
        self._remember(path)
        fresh = new_from_previous(draft)
        self._load(fresh, origin="ny fra tidligere", name=None, folder=path.parent)
        after = [
            "Ny fra tidligere aktstykke: datoen, godkendelserne og Finansudvalgets "
            "tilføjelser er fjernet. Sæt den nye dato i hovedet.",
            f"{_count(len(fresh.review), 'beløb', 'beløb')} er markeret til kontrol (R-01) "
            "under Fund. Ret hvert beløb, eller vælg "
            f"»{CONFIRM}«, når det også gælder for den nye sag.",
        ]
        self._show_report(f"Ny fra tidligere aktstykke: {path.name}", report, after)
        self.window.header_form.focus_field("date")
        self.window.statusBar().showMessage(
            f"Nyt aktstykke ud fra {path.name}: sæt datoen, og kontrollér beløbene.", 15000
        )
        return True

    @staticmethod
    def _read_previous(path: Path) -> tuple[Aktstykke, ImportReport]:
        if path.suffix.lower() == SUFFIX:
            loaded = load_draft(path)
            report = ImportReport(
                path.name,
                "kladde",
                recognised=["Kladden er læst uden tab: tekst, tabeller og oplysninger."],
            )
            return loaded.draft, report
        result = import_file(path, project=services.shown_document)
        return result.draft, result.report

    # -- actions on findings ----------------------------------------------------------------

    def actions_for(self, finding: Finding) -> list[FindingAction]:
        """What the findings dock offers on an R-01 or I-01 finding."""
        if self.window.doc.read_only:
            return []
        if finding.rule == RULE_REVIEW:
            actions: list[FindingAction] = [(CONFIRM, lambda: self.confirm(finding))]
            count = len(self._marks_in_part(_part(finding.location)))
            if count > 1:
                actions.append((f"{CONFIRM_PART} ({count})", lambda: self.confirm_part(finding)))
            return actions
        if finding.rule == RULE_UNPLACED:
            return [(DISMISS, lambda: self.dismiss(finding))]
        return []

    def confirm(self, finding: Finding) -> bool:
        """Confirm the amount of an R-01 finding (undoable: 'bekræft beløb')."""
        mark = next(
            (m for m, where in locate_review(self.window.doc.draft) if where == finding.location),
            None,
        )
        if mark is None:
            return False
        doc = self.window.doc
        doc.undo_stack.push(ConfirmAmounts(doc, [mark], "bekræft beløb", _place(finding.location)))
        self.window.refresh_now()
        return True

    def confirm_part(self, finding: Finding) -> int:
        """Confirm every amount still to review in the finding's litra (or the header)."""
        part = _part(finding.location)
        marks = self._marks_in_part(part)
        if not marks:
            return 0
        where = "hovedet" if part == HEADER else f"punkt {part}"
        doc = self.window.doc
        text = f"bekræft {_count(len(marks), 'beløb', 'beløb')} i {where}"
        doc.undo_stack.push(ConfirmAmounts(doc, marks, text, _place(finding.location)))
        self.window.refresh_now()
        return len(marks)

    def dismiss(self, finding: Finding) -> bool:
        """Accept the imported text of an I-01 finding where it stands (undoable)."""
        draft = self.window.doc.draft
        note = next(
            (n for n in draft.import_notes if locate_note(draft, n) == finding.location), None
        )
        if note is None:
            return False
        doc = self.window.doc
        doc.undo_stack.push(DismissImportNote(doc, note, _place(finding.location)))
        self.window.refresh_now()
        return True

    def _marks_in_part(self, part: str) -> list:
        return [m for m, where in locate_review(self.window.doc.draft) if _part(where) == part]

    # -- loading and the report --------------------------------------------------------------

    def _load(self, draft: Aktstykke, *, origin: str, name: str | None, folder: Path) -> None:
        self._loading = True
        try:
            # Save As suggests the source's folder.
            self.files.load_untitled(draft, origin=origin, name=name, folder=folder)
        finally:
            self._loading = False
        self.window.focus_part(HEADER)

    def _show_report(self, heading: str, report: ImportReport, after: list[str]) -> None:
        self.view.show_report(heading, report, after)
        window = self.window
        placed = window.tabifiedDockWidgets(self.dock) or self.dock.isFloating()
        if not placed and window.preview_dock.isVisible():
            # Beside the preview, so the findings below stay in view while reading it.
            window.tabifyDockWidget(window.preview_dock, self.dock)
        self.dock.show()
        self.dock.raise_()
        if window.findings_dock.isVisible():
            window.findings_dock.raise_()  # I-01 and R-01 are there, not under Godkendelser

    def _on_replaced(self) -> None:
        # Another draft in the window: the report no longer describes it.
        if not self._loading:
            self.view.clear()
            self.dock.hide()

    def _hide_if_empty(self) -> None:
        if self.view.is_empty():
            self.dock.hide()

    def _folder(self) -> str:
        settings = self.window.settings
        return str(settings.q.value(FOLDER_KEY, settings.last_folder))

    def _remember(self, path: Path) -> None:
        self.window.settings.q.setValue(FOLDER_KEY, str(path.resolve().parent))


def install(window) -> ImportController:
    """Add Importér and Ny fra tidligere aktstykke to the File menu, after the
    recent files, and the import report dock beside the preview; File → Åbn of a
    Word file goes through it."""
    controller = ImportController(window, window.files)
    window.addAction(controller.act_import)
    window.addAction(controller.act_previous)
    menu = window.menu("file")
    actions = menu.actions()
    recent = window.recent_menu.menuAction()
    position = actions.index(recent) + 1 if recent in actions else len(actions)
    before = actions[position] if position < len(actions) else None
    if before is None:
        menu.addActions([controller.act_import, controller.act_previous])
    else:
        menu.insertActions(before, [controller.act_import, controller.act_previous])
    window.files.word_file_opener = controller.open_word_file
    return controller


def _part(location: Location) -> str:
    return location.letter if location.letter else HEADER


def _place(location: Location) -> Place:
    field = f"flags.{location.field}" if location.field else None
    column = None if location.column is None else FIRST_AMOUNT_COLUMN + location.column
    return Place(
        _part(location), block=location.block, row=location.row, column=column, field=field
    )


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


@contextmanager
def _busy() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
