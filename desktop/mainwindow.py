"""The main window: navigator, the form of the selected part, findings and preview.

Later features add themselves through `add_dock`, `menu` and `add_action`
(e.g. the sign-off panel and the import menu).
"""

from __future__ import annotations

import uuid
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QByteArray, QFileSystemWatcher, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs, errors, services
from desktop.document import DraftDocument
from desktop.draftlock import DraftLock, DraftLocked
from desktop.edits import Place
from desktop.exporting import ExportController
from desktop.findingsview import FindingsView
from desktop.headerform import HeaderForm
from desktop.navigator import Navigator
from desktop.partstate import HEADER, PARTS, by_part, count_text, part_of, summarise
from desktop.preview import PreviewView, anchor_for
from desktop.recovery import RecoveryEntry, RecoveryStore
from desktop.sectionform import SectionForm
from desktop.settings import Settings
from forms.draftfile import (
    DraftChangedOnDisk,
    DraftFileError,
    content_hash,
    load_draft,
    save_draft,
)
from forms.findings import Finding
from forms.model import Aktstykke
from forms.templates import new_draft

CHECK_DELAY_MS = 300
AUTOSAVE_MS = 30_000
APP_TITLE = "Aktstykke"


def is_bundled_example(path: Path) -> bool:
    examples = Path(str(resources.files("resources").joinpath("examples")))
    try:
        return path.resolve().parent == examples.resolve()
    except OSError:
        return False


class MainWindow(QMainWindow):
    def __init__(
        self,
        *,
        settings: Settings | None = None,
        recovery: RecoveryStore | None = None,
        draft: Aktstykke | None = None,
        check_delay_ms: int = CHECK_DELAY_MS,
        autosave_ms: int = AUTOSAVE_MS,
    ):
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings or Settings()
        self.recovery = recovery
        self.slot = uuid.uuid4().hex
        self.lock: DraftLock | None = None
        self.doc = DraftDocument(draft or new_draft(), self)
        self.findings: list[Finding] = []
        self._checker = None
        self._checker_error: str | None = None
        self._preview_stale = True
        self._changes = 0
        self._autosaved_changes = 0
        self._closing = False

        self._build_parts()
        self._build_docks()
        self._build_actions()
        self._build_menus()
        self._build_status()
        self.exports = ExportController(self, self.settings)
        self.exports.finished.connect(self._on_export_message)

        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(check_delay_ms)
        self.check_timer.timeout.connect(self.refresh_now)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(autosave_ms)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_file_changed_on_disk)

        doc = self.doc
        doc.contentChanged.connect(self._on_content_changed)
        doc.headerChanged.connect(self._on_header_changed)
        doc.sectionToggled.connect(self._on_section_toggled)
        doc.modifiedChanged.connect(self._update_title)
        doc.fileChanged.connect(self._on_file_changed)
        doc.replaced.connect(self._on_replaced)
        doc.revealRequested.connect(self.reveal_place)
        # Bound methods, not lambdas: Qt drops them when the window goes away.
        doc.undo_stack.canUndoChanged.connect(self._update_actions)
        doc.undo_stack.canRedoChanged.connect(self._update_actions)
        doc.undo_stack.undoTextChanged.connect(self._update_actions)
        doc.undo_stack.redoTextChanged.connect(self._update_actions)

        self.resize(1366, 768)
        self._default_state: QByteArray | None = None
        geometry, state = self.settings.geometry(), self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._restored = state is not None and self.restoreState(state)
        errors.register_emergency_saver(self.write_recovery)
        self._on_file_changed()
        self.navigator.setCurrentRow(0)
        self._update_navigator()
        self._update_actions()
        self.check_timer.start()

    # -- construction ---------------------------------------------------------------------

    def _build_parts(self) -> None:
        self.navigator = Navigator(PARTS)
        self.navigator.setMinimumWidth(190)
        self.stack = QStackedWidget()
        self.stack.setAccessibleName("Formular for den valgte del")
        self.header_form = HeaderForm(self.doc)
        self.forms: dict[str, QWidget] = {HEADER: self.header_form}
        self.stack.addWidget(self.header_form)
        for letter in "abcdef":
            form = SectionForm(self.doc, letter)
            form.currentBlockChanged.connect(lambda *_: self._preview_follow())
            self.forms[letter] = form
            self.stack.addWidget(form)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        navigator_box = QWidget()
        navigator_layout = QVBoxLayout(navigator_box)
        navigator_layout.setContentsMargins(4, 4, 0, 4)
        navigator_label = QLabel("&Dele af aktstykket:")
        navigator_label.setBuddy(self.navigator)
        navigator_layout.addWidget(navigator_label)
        navigator_layout.addWidget(self.navigator, 1)
        self.splitter.addWidget(navigator_box)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 700])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.navigator.partSelected.connect(self.show_part)
        self.navigator.activated_part.connect(lambda part: self.focus_part(part))

    def _build_docks(self) -> None:
        self.preview = PreviewView()
        self.preview_dock = self.add_dock(
            "previewDock", "Forhåndsvisning", self.preview, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.findings_view = FindingsView()
        self.findings_view.findingActivated.connect(self.reveal_finding)
        self.findings_dock = self.add_dock(
            "findingsDock", "Fund", self.findings_view, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.splitDockWidget(self.preview_dock, self.findings_dock, Qt.Orientation.Vertical)
        self.resizeDocks([self.preview_dock], [470], Qt.Orientation.Horizontal)
        self.resizeDocks(
            [self.preview_dock, self.findings_dock], [460, 260], Qt.Orientation.Vertical
        )
        self.preview_dock.visibilityChanged.connect(self._on_preview_visibility)

    def add_dock(
        self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea
    ) -> QDockWidget:
        """Add a movable, closable dock; it is listed in the Vis menu and its
        place is remembered with the window layout."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAccessibleName(title)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        if hasattr(self, "_menus"):
            self._add_dock_toggle(dock)
        return dock

    def _action(
        self, text: str, slot, shortcut=None, *, icon=None, tip: str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        key = QKeySequence.StandardKey
        self.act_new = self._action(
            "&Ny", self.new_file, key.New, icon=sp.SP_FileIcon, tip="Begynd på et nyt aktstykke"
        )
        self.act_open = self._action(
            "Å&bn …",
            self.open_file,
            key.Open,
            icon=sp.SP_DialogOpenButton,
            tip="Åbn en kladde eller en eksporteret Word-fil",
        )
        self.act_save = self._action(
            "&Gem", self.save, key.Save, icon=sp.SP_DialogSaveButton, tip="Gem kladden"
        )
        self.act_save_as = self._action(
            "Gem &som …", self.save_as, key.SaveAs, tip="Gem kladden under et nyt navn"
        )
        self.act_close = self._action("&Afslut", self.close, key.Quit)
        if not self.act_close.shortcuts():
            self.act_close.setShortcut(QKeySequence("Ctrl+Q"))
        self.act_export_word = self._action(
            "Eksportér til &Word …",
            lambda: self.exports.export_word(),
            "Ctrl+E",
            icon=sp.SP_ArrowRight,
            tip="Lav et Word-dokument af aktstykket (med UDKAST-mærkning)",
        )
        self.act_export_template = self._action(
            "Eksportér til Word med s&kabelon …",
            lambda: self.exports.export_word(choose_template=True),
            tip="Vælg ministeriets egen Word-skabelon til eksporten",
        )
        self.act_export_pdf = self._action(
            "Eksportér til &PDF …",
            lambda: self.exports.export_pdf(),
            "Ctrl+Shift+E",
            icon=QStyle.StandardPixmap.SP_FileDialogContentsView,
            tip="Kræver LibreOffice",
        )
        self.act_open_export = self._action(
            "Åbn den eksporterede &fil", lambda: self.exports.open_last(), icon=sp.SP_DirOpenIcon
        )

        self.act_undo = self._action(
            "Fortryd", self.doc.undo_stack.undo, key.Undo, icon=sp.SP_ArrowBack
        )
        redo_keys = [QKeySequence(key.Redo), QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")]
        unique = []
        for sequence in redo_keys:
            if not sequence.isEmpty() and sequence not in unique:
                unique.append(sequence)
        self.act_redo = self._action(
            "Annullér fortryd", self.doc.undo_stack.redo, unique, icon=sp.SP_ArrowForward
        )

        self.act_add_paragraph = self._action(
            "Tilføj &afsnit", lambda: self._on_form("add_paragraph"), "Ctrl+Shift+P"
        )
        self.act_add_subheading = self._action(
            "Tilføj &underoverskrift", lambda: self._on_form("add_subheading"), "Ctrl+Shift+U"
        )
        self.act_add_table = self._action(
            "Tilføj &tabel", lambda: self._on_form("add_table"), "Ctrl+Shift+T"
        )
        self.act_move_up = self._action(
            "Flyt blok &op", lambda: self._on_form("move_current", -1), "Alt+Shift+Up"
        )
        self.act_move_down = self._action(
            "Flyt blok &ned", lambda: self._on_form("move_current", 1), "Alt+Shift+Down"
        )
        self.act_remove_block = self._action(
            "&Slet blok", lambda: self._on_form("remove_current"), "Ctrl+Shift+D"
        )
        self.act_next_placeholder = self._action(
            "Næste &pladsholder", lambda: self._on_form("select_next_placeholder"), "F4"
        )
        self.block_actions = [
            self.act_add_paragraph,
            self.act_add_subheading,
            self.act_add_table,
            None,
            self.act_move_up,
            self.act_move_down,
            self.act_remove_block,
        ]
        for part, form in self.forms.items():
            if part != HEADER:
                form.add_toolbar_actions(self.block_actions)

        self.goto_actions: list[QAction] = []
        for number, part in enumerate(PARTS, start=1):
            label = "&Hoved" if part == HEADER else f"Punkt &{part}"
            action = self._action(label, lambda p=part: self.focus_part(p), f"Ctrl+{number}")
            self.goto_actions.append(action)
        self.act_next_part = self._action("&Næste del", lambda: self._step_part(1), "Ctrl+PgDown")
        self.act_prev_part = self._action("&Forrige del", lambda: self._step_part(-1), "Ctrl+PgUp")
        self.act_next_pane = self._action("Næste &rude", lambda: self.cycle_pane(1), "F6")
        self.act_prev_pane = self._action("Forrige r&ude", lambda: self.cycle_pane(-1), "Shift+F6")
        self.act_next_finding = self._action(
            "Næste f&und", lambda: self.findings_view.step(1), "F8"
        )
        self.act_prev_finding = self._action(
            "Forrige fu&nd", lambda: self.findings_view.step(-1), "Shift+F8"
        )
        self.act_check_now = self._action("&Tjek nu", self.refresh_now, "F5")
        self.act_reset_layout = self._action("&Nulstil vinduets opdeling", self.reset_layout)
        self.act_about = self._action("&Om Aktstykke", self.show_about)
        self.act_shortcuts = self._action("&Tastaturgenveje", self.show_shortcuts, "F1")

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self._menus: dict[str, QMenu] = {}
        file_menu = self.menu("file", "&Filer")
        file_menu.addActions([self.act_new, self.act_open])
        self.recent_menu = file_menu.addMenu("S&eneste filer")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addActions([self.act_save, self.act_save_as])
        file_menu.addSeparator()
        file_menu.addActions(
            [
                self.act_export_word,
                self.act_export_template,
                self.act_export_pdf,
                self.act_open_export,
            ]
        )
        file_menu.addSeparator()
        file_menu.addAction(self.act_close)

        edit_menu = self.menu("edit", "&Rediger")
        edit_menu.addActions([self.act_undo, self.act_redo])
        edit_menu.addSeparator()
        for action in self.block_actions:
            if action is None:
                edit_menu.addSeparator()
            else:
                edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_next_placeholder)

        goto_menu = self.menu("goto", "&Gå til")
        goto_menu.addActions(self.goto_actions)
        goto_menu.addSeparator()
        goto_menu.addActions([self.act_next_part, self.act_prev_part])
        goto_menu.addSeparator()
        goto_menu.addActions([self.act_next_finding, self.act_prev_finding, self.act_check_now])
        goto_menu.addSeparator()
        goto_menu.addActions([self.act_next_pane, self.act_prev_pane])

        view_menu = self.menu("view", "&Vis")
        for dock in self.findChildren(QDockWidget):
            self._add_dock_toggle(dock)
        view_menu.addSeparator()
        view_menu.addAction(self.act_reset_layout)

        help_menu = self.menu("help", "&Hjælp")
        help_menu.addActions([self.act_shortcuts, self.act_about])
        bar.setAccessibleName("Menulinje")

        self.toolbar = QToolBar("Værktøjslinje")
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setIconSize(QSize(20, 20))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addActions([self.act_new, self.act_open, self.act_save])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.act_undo, self.act_redo])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.act_export_word, self.act_export_pdf, self.act_open_export])
        self.addToolBar(self.toolbar)

    def menu(self, key: str, title: str | None = None) -> QMenu:
        """The menu with this key ('file', 'edit', 'goto', 'view', 'help'), or a new
        one placed before Hjælp (e.g. menu('import', '&Importér'))."""
        if key in self._menus:
            return self._menus[key]
        menu = QMenu(title or key, self)
        help_menu = self._menus.get("help")
        if help_menu is not None:
            self.menuBar().insertMenu(help_menu.menuAction(), menu)
        else:
            self.menuBar().addMenu(menu)
        self._menus[key] = menu
        return menu

    def add_action(self, menu_key: str, action: QAction, *, toolbar: bool = False) -> None:
        """Put an action in a menu (and the toolbar); its shortcut works window-wide."""
        self.menu(menu_key).addAction(action)
        self.addAction(action)
        if toolbar:
            self.toolbar.addAction(action)

    def _add_dock_toggle(self, dock: QDockWidget) -> None:
        view_menu = self._menus.get("view")
        if view_menu is None:
            return
        toggle = dock.toggleViewAction()
        toggle.setText(f"Vis {dock.windowTitle().lower()}")
        separator = next((a for a in view_menu.actions() if a.isSeparator()), None)
        if separator is not None:
            view_menu.insertAction(separator, toggle)
        else:
            view_menu.addAction(toggle)

    def _build_status(self) -> None:
        self.state_label = QLabel()
        self.state_label.setAccessibleName("Status for kontrollen")
        self.statusBar().addPermanentWidget(self.state_label)
        self.disk_label = QLabel()
        self.disk_label.setStyleSheet("color: #a4000f;")
        self.disk_label.setVisible(False)
        self.statusBar().addPermanentWidget(self.disk_label)

    # -- parts and navigation ---------------------------------------------------------------

    def current_part(self) -> str:
        return self.navigator.current_part() or HEADER

    def show_part(self, part: str) -> None:
        form = self.forms.get(part)
        if form is None:
            return
        self.navigator.select_part(part)
        if self.stack.currentWidget() is not form:
            self.stack.setCurrentWidget(form)
            self._preview_follow()

    def focus_part(self, part: str) -> None:
        """Show a part and put the keyboard focus in its form (Ctrl+1…7, Enter)."""
        self.show_part(part)
        form = self.forms[part]
        if isinstance(form, HeaderForm):
            form.focus_field(None)
        elif isinstance(form, SectionForm):
            form.focus_block(form.current if form.current >= 0 else None)

    def _step_part(self, step: int) -> None:
        parts = self.navigator.parts()
        index = parts.index(self.current_part())
        self.focus_part(parts[(index + step) % len(parts)])

    def cycle_pane(self, step: int) -> None:
        """F6: navigator → form → preview → findings, skipping hidden docks."""
        panes: list[QWidget] = [self.navigator, self.stack]
        if self.preview_dock.isVisible():
            panes.append(self.preview.browser)
        if self.findings_dock.isVisible():
            panes.append(self.findings_view.tree)
        focus = QApplication.focusWidget()
        current = next(
            (
                i
                for i, pane in enumerate(panes)
                if focus is not None and (focus is pane or pane.isAncestorOf(focus))
            ),
            -1,
        )
        target = panes[(current + step) % len(panes)]
        if target is self.stack:
            self.focus_part(self.current_part())
        else:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_form(self, method: str, *args) -> None:
        form = self.stack.currentWidget()
        if isinstance(form, SectionForm):
            getattr(form, method)(*args)

    def reveal_finding(self, finding: Finding) -> None:
        part = part_of(finding)
        location = finding.location
        self.show_part(part)
        form = self.forms[part]
        if isinstance(form, HeaderForm):
            form.focus_field(location.field)
            return
        assert isinstance(form, SectionForm)
        if not form.present:
            form.include.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        form.reveal_finding(finding)

    def reveal_place(self, place: Place) -> None:
        """Undo/redo changed something: show it."""
        self.show_part(place.part)
        form = self.forms.get(place.part)
        if isinstance(form, HeaderForm):
            form.focus_field(place.field)
        elif isinstance(form, SectionForm) and form.present:
            form.reveal(place.block, place.row, place.column, None, None)

    # -- checks and preview --------------------------------------------------------------------

    def _on_content_changed(self) -> None:
        self._changes += 1
        self.check_timer.start()

    def _on_header_changed(self, path: str) -> None:
        if path == "kind":
            # The catalog says at once which litra the new type allows.
            self._update_navigator()

    def refresh_now(self) -> None:
        """Check the draft and redraw findings, states and preview (after the pause)."""
        self.check_timer.stop()
        self._run_checks()
        self._render_preview()

    def _run_checks(self) -> None:
        if self._checker is None and self._checker_error is None:
            try:
                self._checker = services.make_checker()
            except services.ServiceMissing as exc:
                self._checker_error = str(exc)
        if self._checker is None:
            self.findings = []
            self.findings_view.set_unavailable(self._checker_error or "")
        else:
            self.findings = services.check(self._checker, self.doc.draft)
            self.findings_view.set_findings(self.findings)
        grouped = by_part(self.findings)
        for letter in "abcdef":
            self.forms[letter].set_findings(grouped.get(letter, []))
        self._update_navigator(grouped)

    def _update_navigator(self, grouped: dict[str, list[Finding]] | None = None) -> None:
        grouped = grouped if grouped is not None else by_part(self.findings)
        draft = self.doc.draft
        for part in PARTS:
            self.navigator.set_summary(part, summarise(draft, part, grouped.get(part, [])))
        errors_count = sum(f.severity == "error" for f in self.findings)
        warnings_count = sum(f.severity == "warning" for f in self.findings)
        if self._checker_error:
            self.state_label.setText("Kontrol ikke tilgængelig")
        else:
            self.state_label.setText(
                count_text(errors_count, warnings_count) or "Ingen fejl eller advarsler"
            )

    def _on_preview_visibility(self, visible: bool) -> None:
        if visible and self._preview_stale:
            self._render_preview()

    def _render_preview(self) -> None:
        if not self.preview_dock.isVisible() and self.isVisible():
            self._preview_stale = True  # rendered when the dock is shown again
            return
        try:
            html = services.render_html(self.doc.draft)
        except services.ServiceMissing as exc:
            self.preview.set_unavailable(str(exc))
            return
        self._preview_stale = False
        self.preview.set_html(html, self.current_anchor())

    def current_anchor(self) -> str:
        """The preview anchor of what the author is editing: the part, or its block."""
        part = self.current_part()
        form = self.forms.get(part)
        block = form.current if isinstance(form, SectionForm) else None
        return anchor_for(part, block)

    def _preview_follow(self) -> None:
        self.preview.scroll_to(self.current_anchor())

    # -- title and actions ------------------------------------------------------------------------

    def _on_file_changed(self) -> None:
        self._update_title()
        for form in self.forms.values():
            form.set_read_only(self.doc.read_only)
        self._update_actions()
        self._watch()

    def _on_export_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10000)
        self._update_actions()

    def _on_section_toggled(self, *_args) -> None:
        self._update_navigator()

    def _update_title(self, *_args) -> None:
        doc = self.doc
        extra = []
        if doc.read_only:
            extra.append("skrivebeskyttet")
        if doc.origin:
            extra.append(doc.origin)
        suffix = f" ({', '.join(extra)})" if extra else ""
        self.setWindowTitle(f"{doc.display_name()}[*]{suffix} – {APP_TITLE}")
        self.setWindowModified(doc.modified)

    def _update_actions(self, *_args) -> None:
        stack = self.doc.undo_stack
        writable = not self.doc.read_only
        self.act_undo.setEnabled(stack.canUndo() and writable)
        self.act_redo.setEnabled(stack.canRedo() and writable)
        self.act_undo.setText(f"Fortryd: {stack.undoText()}" if stack.canUndo() else "Fortryd")
        self.act_redo.setText(
            f"Annullér fortryd: {stack.redoText()}" if stack.canRedo() else "Annullér fortryd"
        )
        self.act_undo.setIconText("Fortryd")
        self.act_redo.setIconText("Annullér fortryd")
        self.act_save.setEnabled(writable)
        for action in self.block_actions:
            if action is not None:
                action.setEnabled(writable)
        self.act_next_placeholder.setEnabled(writable)
        self.act_export_pdf.setEnabled(services.pdf_available())
        if not self.act_export_pdf.isEnabled():
            self.act_export_pdf.setToolTip("PDF kræver LibreOffice, som ikke er installeret.")
        last = self.exports.last_export if hasattr(self, "exports") else None
        self.act_open_export.setEnabled(last is not None)
        if last is not None:
            self.act_open_export.setToolTip(f"Åbn {last.name}")

    def _on_replaced(self) -> None:
        for part, form in self.forms.items():
            if part == HEADER:
                form.sync()
            else:
                form.reload()
        self.findings = []
        self._changes += 1
        self._update_navigator()
        self.refresh_now()
        self.show_part(self.current_part())

    # -- files --------------------------------------------------------------------------------------

    def is_pristine(self) -> bool:
        """An untitled draft nobody has touched: Open and Recover may reuse the window."""
        return self.doc.path is None and not self.doc.modified and self.doc.origin is None

    def maybe_save(self) -> bool:
        """Before the draft is replaced or the window closes: True when it may go."""
        if not self.doc.modified or self.doc.read_only:
            return True
        choice = dialogs.ask_unsaved(self, self.doc.display_name())
        if choice == "save":
            return self.save()
        return choice == "discard"

    def new_file(self) -> None:
        if not self.maybe_save():
            return
        self._release_lock()
        self.recovery_remove()
        self.doc.load(new_draft())
        self.focus_part(HEADER)

    def open_file(self) -> bool:
        if not self.maybe_save():
            return False
        folder = str(self.doc.path.parent) if self.doc.path else self.settings.last_folder
        path = dialogs.choose_open_path(self, folder)
        if path is None:
            return False
        return self.open_path(path, ask_save=False)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        if not files:
            empty = self.recent_menu.addAction("(ingen)")
            empty.setEnabled(False)
            return
        for number, path in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{number} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))

    def open_path(self, path: Path | str, *, ask_save: bool = True) -> bool:
        """Open a draft (.aktstykke) or an exported Word file that carries its draft."""
        path = Path(path)
        if ask_save and not self.maybe_save():
            return False
        if path.suffix.lower() == ".docx":
            return self._open_docx(path)
        try:
            loaded = load_draft(path)
        except DraftFileError as exc:
            dialogs.show_error(self, "Kladden kan ikke åbnes", exc.message)
            if not path.exists():
                self.settings.remove_recent(path)
            return False
        if is_bundled_example(path):
            # The program's own example is never written to: work on a copy.
            self._release_lock()
            self.recovery_remove()
            self.doc.load(loaded.draft, origin="eksempel")
            self.doc.suggested_name = path.name
            self._update_title()
            return True
        lock = DraftLock(path)
        read_only = False
        try:
            lock.acquire()
        except DraftLocked as locked:
            holder = locked.info
            if self.lock is not None and self.lock.draft == path and holder == self.lock.info:
                lock = self.lock  # reopening the draft this window already holds
            else:
                choice = dialogs.ask_locked(self, holder.describe(path.name), holder.is_stale())
                if choice == "cancel":
                    return False
                if choice == "copy":
                    self._release_lock()
                    self.recovery_remove()
                    self.doc.load(loaded.draft, origin="kopi", dirty=True)
                    self.doc.suggested_name = f"Kopi af {path.name}"
                    self._update_title()
                    return True
                if choice == "override":
                    try:
                        lock.acquire(force=True)
                    except (DraftLocked, OSError):
                        lock = None
                else:
                    read_only = True
                    lock = None
        except OSError:
            lock = None
            self.statusBar().showMessage(
                "Der kunne ikke lægges en lås ved kladden (mappen er skrivebeskyttet); "
                "andre får ikke at vide, at du har den åben.",
                15000,
            )
        if self.lock is not lock:
            self._release_lock()
        self.lock = lock
        self.recovery_remove()
        self.doc.suggested_name = None
        self.doc.load(
            loaded.draft,
            path=path,
            content_hash=loaded.content_hash,
            migrated_from=loaded.migrated_from,
            read_only=read_only,
        )
        self.settings.add_recent(path)
        if loaded.migrated_from is not None:
            self.statusBar().showMessage(
                f"Kladden var gemt i et ældre filformat ({loaded.migrated_from}) og er opdateret. "
                "Den oprindelige fil gemmes som sikkerhedskopi (.bak), første gang du gemmer.",
                15000,
            )
        return True

    def _open_docx(self, path: Path) -> bool:
        try:
            draft = services.load_docx_draft(path)
        except DraftFileError as exc:
            dialogs.show_error(self, "Word-filen kan ikke åbnes", exc.message)
            return False
        except services.ServiceMissing as exc:
            dialogs.show_error(self, "Word-filen kan ikke åbnes", str(exc))
            return False
        self._release_lock()
        self.recovery_remove()
        self.doc.load(draft, origin="fra Word", dirty=True)
        self.doc.suggested_name = path.with_suffix(".aktstykke").name
        self._docx_folder = path.parent
        self._update_title()
        self.settings.add_recent(path)
        self.statusBar().showMessage(
            f"Kladden er hentet fra {path.name}. Gem den som aktstykke-fil for at arbejde videre.",
            15000,
        )
        return True

    def save(self) -> bool:
        doc = self.doc
        if doc.path is None or doc.read_only:
            return self.save_as()
        return self._save_to(doc.path, expected=doc.content_hash, migrated_from=doc.migrated_from)

    def save_as(self) -> bool:
        doc = self.doc
        if doc.path is not None:
            suggestion = str(doc.path)
        else:
            folder = getattr(self, "_docx_folder", None) or Path(self.settings.last_folder)
            name = doc.suggested_name or "aktstykke.aktstykke"
            if not name.endswith(".aktstykke"):
                name += ".aktstykke"
            suggestion = str(Path(folder) / name)
        path = dialogs.choose_save_path(self, suggestion)
        if path is None:
            return False
        if doc.path is not None and path.resolve() == doc.path.resolve() and not doc.read_only:
            return self._save_to(
                doc.path, expected=doc.content_hash, migrated_from=doc.migrated_from
            )
        lock = DraftLock(path)
        try:
            lock.acquire()
        except DraftLocked as locked:
            if not locked.info.is_stale():
                dialogs.show_error(
                    self,
                    "Filen er i brug",
                    locked.info.describe(path.name) + " Vælg et andet navn.",
                )
                return False
            lock.acquire(force=True)
        except OSError:
            lock = None
        # The save dialog has already asked whether to replace an existing file.
        if not self._save_to(path, expected=None, force=True):
            if lock is not None:
                lock.release()
            return False
        if self.lock is not None and self.lock is not lock:
            self._release_lock()
        self.lock = lock
        return True

    def _save_to(
        self, path: Path, *, expected: str | None, migrated_from=None, force=False
    ) -> bool:
        try:
            new_hash = save_draft(
                path,
                self.doc.draft,
                expected_hash=expected,
                force=force,
                migrated_from=migrated_from,
            )
        except DraftChangedOnDisk as exc:
            choice = dialogs.ask_changed_on_disk(self, exc.message)
            if choice == "overwrite":
                return self._save_to(
                    path, expected=expected, migrated_from=migrated_from, force=True
                )
            if choice == "save_as":
                return self.save_as()
            return False
        except DraftFileError as exc:
            dialogs.show_error(self, "Kladden kan ikke gemmes", exc.message)
            return False
        self.doc.mark_saved(path, new_hash)
        self.disk_label.setVisible(False)
        self.recovery_remove()
        self.settings.add_recent(path)
        self.statusBar().showMessage(f"Gemt: {path.name}", 5000)
        return True

    def _watch(self) -> None:
        watched = self.watcher.files()
        if watched:
            self.watcher.removePaths(watched)
        if self.doc.path is not None and self.doc.path.exists():
            self.watcher.addPath(str(self.doc.path))

    def _on_file_changed_on_disk(self, name: str) -> None:
        path = self.doc.path
        if path is None or Path(name) != path:
            return
        if path.exists() and path not in [Path(p) for p in self.watcher.files()]:
            self.watcher.addPath(str(path))  # an atomic replace drops the watch
        try:
            changed = content_hash(path.read_bytes()) != self.doc.content_hash
        except OSError:
            changed = True
        self.disk_label.setVisible(changed)
        if changed:
            self.disk_label.setText("Filen er ændret på disken af en anden")
            self.disk_label.setToolTip(
                "Et andet program eller en kollega har ændret filen, siden du åbnede den. "
                "Når du gemmer, bliver du spurgt, om du vil overskrive eller gemme under et andet navn."
            )

    def _release_lock(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # -- recovery ---------------------------------------------------------------------------------------

    def write_recovery(self) -> Path | None:
        """Write the draft to this window's recovery file (also called on a crash)."""
        if self.recovery is None or not self.doc.modified:
            return None
        path = self.recovery.write(
            self.slot,
            self.doc.draft,
            source=self.doc.path,
            source_hash=self.doc.content_hash,
            name=self.doc.display_name(),
        )
        self._autosaved_changes = self._changes
        return path

    def autosave(self) -> Path | None:
        if self.recovery is None:
            return None
        if not self.doc.modified:
            self.recovery_remove()
            return None
        if self._autosaved_changes == self._changes:
            return None
        try:
            return self.write_recovery()
        except OSError as exc:
            self.statusBar().showMessage(
                f"Den automatiske gendannelseskopi kunne ikke gemmes: {exc.strerror or exc}.", 15000
            )
            return None

    def recovery_remove(self) -> None:
        if self.recovery is not None:
            self.recovery.remove(self.slot)
        self._autosaved_changes = self._changes

    def recover(self, entry: RecoveryEntry) -> bool:
        """Load a recovery file left by a crash into this window."""
        try:
            draft = self.recovery.load(entry) if self.recovery else None
        except DraftFileError as exc:
            dialogs.show_error(self, "Gendannelse mislykkedes", exc.message)
            return False
        if draft is None:
            return False
        source = entry.source if entry.source and entry.source.exists() else None
        lock = None
        if source is not None:
            lock = DraftLock(source)
            try:
                lock.acquire()
            except DraftLocked as locked:
                if locked.info.is_stale():
                    lock.acquire(force=True)
                else:
                    lock = None
                    source = None  # someone else has it open: recover as an untitled copy
            except OSError:
                lock = None
        self._release_lock()
        self.lock = lock
        self.doc.load(
            draft,
            path=source,
            content_hash=entry.source_hash if source else None,
            origin="gendannet",
            dirty=True,
        )
        if source is None:
            self.doc.suggested_name = entry.name if entry.name.endswith(".aktstykke") else None
            self._update_title()
        self.recovery.remove(entry.slot)
        self._changes += 1
        self.write_recovery()
        return True

    # -- layout, help and closing ---------------------------------------------------------------------

    def reset_layout(self) -> None:
        for dock in self.findChildren(QDockWidget):
            dock.setFloating(False)
            dock.setVisible(True)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.preview_dock)
        self.splitDockWidget(self.preview_dock, self.findings_dock, Qt.Orientation.Vertical)
        self.toolbar.setVisible(True)
        self._default_dock_sizes()

    def show_about(self) -> None:
        from forms.version import APP_VERSION

        dialogs.show_info(
            self,
            "Om Aktstykke",
            f"Aktstykke {APP_VERSION}\n\nSkriv aktstykker til Folketingets Finansudvalg: "
            "punkterne a–f, kontrol mens du skriver, og eksport til Word.",
        )

    def show_shortcuts(self) -> None:
        lines = []
        for action in self.actions():
            sequence = action.shortcut()
            if sequence.isEmpty():
                continue
            name = action.text().replace("&", "").split(":")[0]
            lines.append(f"{sequence.toString(QKeySequence.SequenceFormat.NativeText)}\t{name}")
        dialogs.show_info(self, "Tastaturgenveje", "\n".join(sorted(set(lines))))

    def closeEvent(self, event) -> None:
        if not self._closing and not self.maybe_save():
            event.ignore()
            return
        self._closing = True
        self.check_timer.stop()
        self.autosave_timer.stop()
        self.exports.wait_for_pdf(timeout=0.1)
        self.settings.save_layout(self.saveGeometry(), self.saveState())
        self._release_lock()
        self.recovery_remove()
        errors.unregister_emergency_saver(self.write_recovery)
        event.accept()

    def layout_state(self) -> QByteArray:
        return self.saveState()
