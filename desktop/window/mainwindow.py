"""The main window: navigator, the form of the selected part, findings and preview.

Later features add themselves through `add_dock`, `menu` and `add_action`
(e.g. the sign-off panel and the import menu).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop import errors, services
from desktop.controllers.exporting import ExportController
from desktop.controllers.files import AUTOSAVE_IDLE_MS, AUTOSAVE_MS, FileController
from desktop.controllers.importing import install as install_importing
from desktop.controllers.review import ReviewController
from desktop.controllers.review import install as install_review
from desktop.controllers.signoff import install as install_signoff
from desktop.controllers.suggestions import install as install_suggestions
from desktop.controllers.tabletotals import install as install_table_totals
from desktop.editors.headerform import HeaderForm
from desktop.editors.sectionform import SectionForm
from desktop.panels.findingsview import FindingsView
from desktop.panels.preview import PreviewView, anchor_for
from desktop.panels.wordcountlabel import WordCountLabel
from desktop.session.contentfingerprint import ContentFingerprint
from desktop.session.document import DraftDocument
from desktop.session.partstate import HEADER, PARTS, by_part, count_text, part_of, summarise
from desktop.session.recovery import RecoveryEntry, RecoveryStore
from desktop.session.settings import Settings
from desktop.undo.edits import Place
from desktop.window.menus import WindowMenus
from desktop.window.navigator import Navigator
from forms.findings import Finding
from forms.model import Aktstykke
from forms.templates import new_draft

CHECK_DELAY_MS = 300
APP_TITLE = "Aktstykke"
PREFERRED_SIZE = QSize(1366, 768)


class MainWindow(QMainWindow):
    # The window's actions, menus and toolbar, made by WindowMenus (desktop/window/menus.py).
    act_new: QAction
    act_open: QAction
    act_save: QAction
    act_save_as: QAction
    act_close: QAction
    act_export_word: QAction
    act_export_template: QAction
    act_export_pdf: QAction
    act_export_urgency: QAction
    act_open_export: QAction
    act_undo: QAction
    act_redo: QAction
    act_add_paragraph: QAction
    act_add_subheading: QAction
    act_add_table: QAction
    act_move_up: QAction
    act_move_down: QAction
    act_remove_block: QAction
    act_next_placeholder: QAction
    act_next_part: QAction
    act_prev_part: QAction
    act_next_pane: QAction
    act_prev_pane: QAction
    act_next_finding: QAction
    act_prev_finding: QAction
    act_check_now: QAction
    act_reset_layout: QAction
    act_show_pages: QAction
    act_about: QAction
    act_shortcuts: QAction
    block_actions: list[QAction | None]
    goto_actions: list[QAction]
    recent_menu: QMenu
    toolbar: QToolBar
    forms: dict[str, HeaderForm | SectionForm]

    def __init__(
        self,
        *,
        settings: Settings | None = None,
        recovery: RecoveryStore | None = None,
        draft: Aktstykke | None = None,
        check_delay_ms: int = CHECK_DELAY_MS,
        autosave_ms: int = AUTOSAVE_MS,
        autosave_idle_ms: int = AUTOSAVE_IDLE_MS,
    ):
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings or Settings()
        self.recovery = recovery
        self.doc = DraftDocument(draft or new_draft(), self)
        self.files = FileController(
            self,
            self.doc,
            self.settings,
            recovery,
            self.show_status,
            autosave_ms=autosave_ms,
            autosave_idle_ms=autosave_idle_ms,
        )
        self.findings: list[Finding] = []
        self._checker = None
        self._checker_error: str | None = None
        self._preview_stale = True
        self._closing = False
        self.review: ReviewController | None = None
        """The Word round trip (desktop/controllers/review.py), made once the menus are."""

        self._build_parts()
        self._build_docks()
        self.menus = WindowMenus(self)
        self.menus.build_actions()
        self.menus.build_menus()
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._build_status()
        self.exports = ExportController(self, self.doc, self.settings)
        self.exports.finished.connect(self._on_export_message)
        self.exports.lastExportChanged.connect(self._update_actions)
        self.signoff = install_signoff(self)
        self.signoff_dock = self.signoff.dock
        self.importing = install_importing(self)
        self.review = install_review(self)
        self.suggestions = install_suggestions(self)
        self.table_totals = install_table_totals(self)
        self.importing.reviewWaiting.connect(self.review.show_docks)

        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(check_delay_ms)
        self.check_timer.timeout.connect(self.refresh_now)
        self.autosave_timer = self.files.autosave_timer

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

        self._shown_once = False
        geometry, state = self.settings.geometry(), self.settings.window_state()
        self.fit_to_screen()
        if geometry is not None and self.restoreGeometry(geometry):
            self.fit_to_screen(keep_size=True)
        self._restored = state is not None and self.restoreState(state)
        errors.register_emergency_saver(self.write_recovery)
        self._on_file_changed()
        self.navigator.setCurrentRow(0)
        self._update_navigator()
        self._update_actions()
        self.check_timer.start()

    # -- construction ---------------------------------------------------------------------

    def available_geometry(self) -> QRect:
        """Where a window may go on its screen (without task bar and docks)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)

    def fit_to_screen(self, *, keep_size: bool = False) -> None:
        """Open at a size the screen has room for: 1366x768 or nine tenths of a larger
        screen, never more than its available area (a laptop's 1366x768 included);
        a remembered size is only made smaller, and the window is kept on the screen."""
        available = self.available_geometry()
        # The title bar and borders (known once shown) come on top of the size.
        frame = self.frameGeometry()
        extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
        if keep_size:
            width, height = self.width(), self.height()
        else:
            width = max(PREFERRED_SIZE.width(), int(available.width() * 0.9))
            height = max(PREFERRED_SIZE.height(), int(available.height() * 0.9))
        width = min(width, available.width() - extra_w)
        height = min(height, available.height() - extra_h)
        self.resize(width, height)
        if keep_size and available.contains(self.frameGeometry()):
            return
        x = available.x() + (available.width() - width - extra_w) // 2
        y = available.y() + (available.height() - height - extra_h) // 2
        self.move(x, y)

    def _build_parts(self) -> None:
        self.navigator = Navigator(PARTS)
        self.navigator.setMinimumWidth(190)
        self.stack = QStackedWidget()
        self.stack.setAccessibleName("Formular for den valgte del")
        self.header_form = HeaderForm(self.doc)
        self.forms = {HEADER: self.header_form}
        self.added_parts: dict[str, QWidget] = {}
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

    def _default_dock_sizes(self) -> None:
        """About a third of the width for preview and findings, the preview taller."""
        width = max(380, int(self.width() * 0.34))
        self.resizeDocks([self.preview_dock], [width], Qt.Orientation.Horizontal)
        height = self.height()
        self.resizeDocks(
            [self.preview_dock, self.findings_dock],
            [int(height * 0.6), int(height * 0.4)],
            Qt.Orientation.Vertical,
        )

    def fit_navigator(self) -> None:
        """The navigator as wide as its two-line entries need, at most a fifth of the window."""
        width = min(self.navigator.preferred_width(), max(190, self.width() // 5))
        total = self.splitter.width() - self.splitter.handleWidth()
        self.splitter.setSizes([width, max(1, total - width)])

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            # After the first layout pass, or the docks keep their minimum width.
            QTimer.singleShot(0, self._first_layout)

    def _first_layout(self) -> None:
        # A layout remembered from a larger screen would leave the form no room.
        crowded = self.preview_dock.isVisible() and self.preview_dock.width() > self.width() * 0.4
        if not self._restored or crowded:
            self._default_dock_sizes()
        self.fit_navigator()

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
        if hasattr(self, "menus"):
            self.menus.add_dock_toggle(dock)
        return dock

    def _build_status(self) -> None:
        self.word_count = WordCountLabel(self.doc)
        self.statusBar().addPermanentWidget(self.word_count)
        self.navigator.partSelected.connect(self.word_count.set_part)
        self.state_label = QLabel()
        self.state_label.setAccessibleName("Status for kontrollen")
        self.statusBar().addPermanentWidget(self.state_label)
        self.disk_label = self.files.disk_label
        self.statusBar().addPermanentWidget(self.disk_label)

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        """A line in the status bar (controllers report here)."""
        self.statusBar().showMessage(text, timeout_ms)

    # -- parts and navigation ---------------------------------------------------------------

    def current_part(self) -> str:
        return self.navigator.current_part() or HEADER

    def _part_widget(self, part: str) -> QWidget | None:
        """The form of a part, or the widget a later feature added as a part."""
        form = self.forms.get(part)
        return form if form is not None else self.added_parts.get(part)

    def show_part(self, part: str) -> None:
        form = self._part_widget(part)
        if form is None:
            return
        self.navigator.select_part(part)
        if self.stack.currentWidget() is not form:
            self.stack.setCurrentWidget(form)
            self._preview_follow()

    def focus_part(self, part: str) -> None:
        """Show a part and put the keyboard focus in its form (Ctrl+1…7, Enter)."""
        self.show_part(part)
        form = self._part_widget(part)
        if isinstance(form, HeaderForm):
            form.focus_field(None)
        elif isinstance(form, SectionForm):
            form.focus_block(form.current if form.current >= 0 else None)
        elif form is not None:
            form.setFocus(Qt.FocusReason.ShortcutFocusReason)
            form.focusNextChild()

    def section_forms(self) -> list[SectionForm]:
        return [form for form in self.forms.values() if isinstance(form, SectionForm)]

    def add_part(self, part: str, title: str, widget: QWidget) -> None:
        """Add a part of its own to the navigator and the centre (e.g. 'Godkendelser').

        Its navigator entry shows `title`; the part has no a-f state of its own, and
        is not one of `forms` (it is not told of read-only state or a new draft)."""
        self.added_parts[part] = widget
        self.stack.addWidget(widget)
        self.navigator.add_part(part, title)

    def step_part(self, step: int) -> None:
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

    def on_form(self, method: str, *args) -> None:
        """Run a block command of the litra shown (the Edit menu's block actions)."""
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
        self.check_timer.start()

    def _on_header_changed(self, path: str) -> None:
        if path == "kind":
            # The catalog says at once which litra the new type allows.
            self._update_navigator()
        elif path == "flags.urgent":
            self._update_actions()

    def refresh_now(self) -> None:
        """Check the draft and redraw findings, states and preview (after the pause)."""
        self.check_timer.stop()
        self._run_checks()
        self._render_preview()

    def incremental_checker(self):
        """The window's one incremental checker (None when the checks cannot load);
        the final-export gate reuses it."""
        if self._checker is None and self._checker_error is None:
            try:
                self._checker = services.make_checker()
            except services.ServiceMissing as exc:
                self._checker_error = str(exc)
        return self._checker

    def _run_checks(self) -> None:
        if self.incremental_checker() is None:
            self.findings = []
            self.findings_view.set_unavailable(self._checker_error or "")
        else:
            self.findings = services.check(self._checker, self.doc.draft)
            self.findings_view.set_findings(self.findings)
        grouped = by_part(self.findings)
        self.header_form.set_findings(grouped.get(HEADER, []))
        for form in self.section_forms():
            form.set_findings(grouped.get(form.letter, []))
        self._update_navigator(grouped)

    def _fingerprint(self) -> str | None:
        """The content's cached fingerprint, when a sign-off could need it."""
        return ContentFingerprint.of(self.doc).value() if self.doc.draft.signoffs else None

    def _update_navigator(self, grouped: dict[str, list[Finding]] | None = None) -> None:
        grouped = grouped if grouped is not None else by_part(self.findings)
        draft = self.doc.draft
        fp = self._fingerprint()
        for part in PARTS:
            self.navigator.set_summary(part, summarise(draft, part, grouped.get(part, []), fp))
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
            # With a comparison chosen (desktop/controllers/review.py) the changes are marked.
            marked = self.review.preview_html() if self.review is not None else None
            html = (
                marked
                if marked is not None
                else services.render_html(self.doc.draft, self._fingerprint())
            )
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
        # A bound method of the window (not of the menus): Qt drops it with the window.
        self.menus.update_actions()

    def _on_replaced(self) -> None:
        self._update_actions()
        self.header_form.sync()
        for form in self.section_forms():
            form.reload()
        self.findings = []
        self._update_navigator()
        self.refresh_now()
        self.show_part(self.current_part())

    # -- files (desktop.controllers.files) -----------------------------------------------

    @property
    def lock(self):
        return self.files.lock

    def is_pristine(self) -> bool:
        return self.files.is_pristine()

    def maybe_save(self) -> bool:
        return self.files.maybe_save()

    def new_file(self) -> None:
        if self.files.new_file():
            self.focus_part(HEADER)

    def open_file(self) -> bool:
        return self.files.open_file()

    def open_path(self, path: Path | str, *, ask_save: bool = True) -> bool:
        return self.files.open_path(path, ask_save=ask_save)

    def save(self) -> bool:
        return self.files.save()

    def save_as(self, suggestion: Path | None = None) -> bool:
        return self.files.save_as(suggestion)

    def write_recovery(self) -> Path | None:
        return self.files.write_recovery()

    def autosave(self) -> Path | None:
        return self.files.autosave()

    def recovery_remove(self) -> None:
        self.files.recovery_remove()

    def recover(self, entry: RecoveryEntry) -> bool:
        return self.files.recover(entry)

    def _fill_recent(self) -> None:
        self.files.fill_recent(self.recent_menu)

    # -- menus (desktop.window.menus) ----------------------------------------------------------

    def menu(self, key: str, title: str | None = None) -> QMenu:
        """The menu with this key ('file', 'edit', 'goto', 'view', 'help'), or a new
        one placed before Hjælp (e.g. menu('import', '&Importér'))."""
        return self.menus.menu(key, title)

    def add_action(self, menu_key: str, action: QAction, *, toolbar: bool = False) -> None:
        """Put an action in a menu (and the toolbar); its shortcut works window-wide."""
        self.menus.add_action(menu_key, action, toolbar=toolbar)

    # -- layout and closing ---------------------------------------------------------------------

    def reset_layout(self) -> None:
        for dock in self.findChildren(QDockWidget):
            dock.setFloating(False)
            dock.setVisible(True)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.preview_dock)
        self.splitDockWidget(self.preview_dock, self.findings_dock, Qt.Orientation.Vertical)
        self.toolbar.setVisible(True)
        self._default_dock_sizes()

    def closeEvent(self, event) -> None:
        if not self._closing and not self.maybe_save():
            event.ignore()
            return
        self._closing = True
        self.check_timer.stop()
        self.files.stop()
        self.exports.wait_for_pdf(timeout=0.1)
        self.exports.close_pages()
        self.settings.save_layout(self.saveGeometry(), self.saveState())
        errors.unregister_emergency_saver(self.write_recovery)
        event.accept()

    def layout_state(self) -> QByteArray:
        return self.saveState()
