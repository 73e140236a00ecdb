"""The main window's actions, menus and toolbar, and the places later features
hook into: `menu(key)`, `add_action(menu_key, action)` (and the window's `add_dock`).

Built once by the window (desktop/window/mainwindow.py): the actions are the
window's (`window.act_save` …) and call its public commands.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QStyle, QToolBar

from desktop import dialogs, services
from desktop.i18n import REDO, UNDO
from desktop.session.partstate import HEADER, PARTS


class WindowMenus:
    """Actions with Danish names and standard shortcuts, and the menus that hold them."""

    def __init__(self, window):
        self.window = window
        self._menus: dict[str, QMenu] = {}

    def _action(
        self, text: str, slot, shortcut=None, *, icon=None, tip: str | None = None
    ) -> QAction:
        w = self.window
        action = QAction(text, w)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(w.style().standardIcon(icon))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        w.addAction(action)
        return action

    def build_actions(self) -> None:
        w = self.window
        sp = QStyle.StandardPixmap
        key = QKeySequence.StandardKey
        w.act_new = self._action(
            "&Ny …",
            w.new_file,
            key.New,
            icon=sp.SP_FileIcon,
            tip="Begynd på et nyt aktstykke, tomt eller ud fra en almindelig slags",
        )
        w.act_open = self._action(
            "Å&bn …",
            w.open_file,
            key.Open,
            icon=sp.SP_DialogOpenButton,
            tip="Åbn en kladde eller en eksporteret Word-fil",
        )
        w.act_save = self._action(
            "&Gem", w.save, key.Save, icon=sp.SP_DialogSaveButton, tip="Gem kladden"
        )
        w.act_save_as = self._action(
            "Gem &som …", w.save_as, key.SaveAs, tip="Gem kladden under et nyt navn"
        )
        w.act_close = self._action("&Afslut", w.close, key.Quit)
        if not w.act_close.shortcuts():
            w.act_close.setShortcut(QKeySequence("Ctrl+Q"))
        w.act_export_word = self._action(
            "Eksportér til &Word …",
            lambda: w.exports.export_word(),
            "Ctrl+E",
            icon=sp.SP_ArrowRight,
            tip="Lav et Word-dokument af aktstykket (med UDKAST-mærkning)",
        )
        w.act_export_template = self._action(
            "Eksportér til Word med s&kabelon …",
            lambda: w.exports.export_word(choose_template=True),
            tip="Vælg ministeriets egen Word-skabelon til eksporten",
        )
        w.act_export_pdf = self._action(
            "Eksportér til &PDF …",
            lambda: w.exports.export_pdf(),
            "Ctrl+Shift+E",
            icon=QStyle.StandardPixmap.SP_FileDialogContentsView,
            tip="Kræver LibreOffice",
        )
        w.act_export_urgency = self._action(
            "Eksportér brev om &hastebehandling …",
            lambda: w.exports.export_urgency_letter(),
            tip="Brevet til Finansudvalgets formand om hastebehandling (kun for en sag, der haster)",
        )
        w.act_open_export = self._action(
            "Åbn den eksporterede &fil", lambda: w.exports.open_last(), icon=sp.SP_DirOpenIcon
        )

        w.act_undo = self._action(UNDO, w.doc.undo_stack.undo, key.Undo, icon=sp.SP_ArrowBack)
        redo_keys = [QKeySequence(key.Redo), QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")]
        unique = []
        for sequence in redo_keys:
            if not sequence.isEmpty() and sequence not in unique:
                unique.append(sequence)
        w.act_redo = self._action(REDO, w.doc.undo_stack.redo, unique, icon=sp.SP_ArrowForward)

        w.act_add_paragraph = self._action(
            "Tilføj &afsnit", lambda: w.on_form("add_paragraph"), "Ctrl+Shift+P"
        )
        w.act_add_subheading = self._action(
            "Tilføj &underoverskrift", lambda: w.on_form("add_subheading"), "Ctrl+Shift+U"
        )
        w.act_add_table = self._action(
            "Tilføj &tabel", lambda: w.on_form("add_table"), "Ctrl+Shift+T"
        )
        w.act_move_up = self._action(
            "Flyt blok &op", lambda: w.on_form("move_current", -1), "Alt+Shift+Up"
        )
        w.act_move_down = self._action(
            "Flyt blok &ned", lambda: w.on_form("move_current", 1), "Alt+Shift+Down"
        )
        w.act_remove_block = self._action(
            "&Slet blok", lambda: w.on_form("remove_current"), "Ctrl+Shift+D"
        )
        w.act_next_placeholder = self._action(
            "Næste &pladsholder", lambda: w.on_form("select_next_placeholder"), "F4"
        )
        w.block_actions = [
            w.act_add_paragraph,
            w.act_add_subheading,
            w.act_add_table,
            None,
            w.act_move_up,
            w.act_move_down,
            w.act_remove_block,
        ]
        for part, form in w.forms.items():
            if part != HEADER:
                form.add_toolbar_actions(w.block_actions)

        w.goto_actions = []
        for number, part in enumerate(PARTS, start=1):
            label = "&Hoved" if part == HEADER else f"Punkt &{part}"
            action = self._action(label, lambda p=part: w.focus_part(p), f"Ctrl+{number}")
            w.goto_actions.append(action)
        w.act_next_part = self._action("&Næste del", lambda: w.step_part(1), "Ctrl+PgDown")
        w.act_prev_part = self._action("&Forrige del", lambda: w.step_part(-1), "Ctrl+PgUp")
        w.act_next_pane = self._action("Næste &rude", lambda: w.cycle_pane(1), "F6")
        w.act_prev_pane = self._action("Forrige r&ude", lambda: w.cycle_pane(-1), "Shift+F6")
        w.act_next_finding = self._action("Næste f&und", lambda: w.findings_view.step(1), "F8")
        w.act_prev_finding = self._action(
            "Forrige fu&nd", lambda: w.findings_view.step(-1), "Shift+F8"
        )
        w.act_check_now = self._action("&Tjek nu", w.refresh_now, "F5")
        w.act_reset_layout = self._action("&Nulstil vinduets opdeling", w.reset_layout)
        w.act_show_pages = self._action(
            "Vis som &sider …",
            lambda: w.exports.show_pages(),
            icon=sp.SP_FileDialogDetailedView,
            tip="Se Word-filen, som den bliver udskrevet: siderne med sidetal (kræver LibreOffice)",
        )
        w.act_about = self._action("&Om Aktstykke", self.show_about)
        w.act_shortcuts = self._action("&Tastaturgenveje", self.show_shortcuts, "F1")

    def build_menus(self) -> None:
        w = self.window
        bar = w.menuBar()
        file_menu = self.menu("file", "&Filer")
        file_menu.addActions([w.act_new, w.act_open])
        w.recent_menu = file_menu.addMenu("S&eneste filer")
        file_menu.addSeparator()
        file_menu.addActions([w.act_save, w.act_save_as])
        file_menu.addSeparator()
        file_menu.addActions(
            [
                w.act_export_word,
                w.act_export_template,
                w.act_export_pdf,
                w.act_export_urgency,
                w.act_open_export,
            ]
        )
        file_menu.addSeparator()
        file_menu.addAction(w.act_close)

        edit_menu = self.menu("edit", "&Rediger")
        edit_menu.addActions([w.act_undo, w.act_redo])
        edit_menu.addSeparator()
        for action in w.block_actions:
            if action is None:
                edit_menu.addSeparator()
            else:
                edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(w.act_next_placeholder)

        goto_menu = self.menu("goto", "&Gå til")
        goto_menu.addActions(w.goto_actions)
        goto_menu.addSeparator()
        goto_menu.addActions([w.act_next_part, w.act_prev_part])
        goto_menu.addSeparator()
        goto_menu.addActions([w.act_next_finding, w.act_prev_finding, w.act_check_now])
        goto_menu.addSeparator()
        goto_menu.addActions([w.act_next_pane, w.act_prev_pane])

        view_menu = self.menu("view", "&Vis")
        for dock in w.findChildren(QDockWidget):
            self.add_dock_toggle(dock)
        view_menu.addSeparator()
        view_menu.addAction(w.act_show_pages)
        view_menu.addSeparator()
        view_menu.addAction(w.act_reset_layout)

        help_menu = self.menu("help", "&Hjælp")
        help_menu.addActions([w.act_shortcuts, w.act_about])
        bar.setAccessibleName("Menulinje")

        w.toolbar = QToolBar("Værktøjslinje")
        w.toolbar.setObjectName("mainToolbar")
        w.toolbar.setIconSize(QSize(20, 20))
        w.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        w.toolbar.addActions([w.act_new, w.act_open, w.act_save])
        w.toolbar.addSeparator()
        w.toolbar.addActions([w.act_undo, w.act_redo])
        w.toolbar.addSeparator()
        w.toolbar.addActions([w.act_export_word, w.act_export_pdf, w.act_open_export])
        w.addToolBar(w.toolbar)

    def menu(self, key: str, title: str | None = None) -> QMenu:
        """The menu with this key ('file', 'edit', 'goto', 'view', 'help'), or a new
        one placed before Hjælp (e.g. menu('import', '&Importér'))."""
        w = self.window
        if key in self._menus:
            if title:
                self._menus[key].setTitle(title)
            return self._menus[key]
        menu = QMenu(title or key, w)
        help_menu = self._menus.get("help")
        if help_menu is not None:
            w.menuBar().insertMenu(help_menu.menuAction(), menu)
        else:
            w.menuBar().addMenu(menu)
        self._menus[key] = menu
        return menu

    def add_action(self, menu_key: str, action: QAction, *, toolbar: bool = False) -> None:
        """Put an action in a menu (and the toolbar); its shortcut works window-wide."""
        w = self.window
        self.menu(menu_key).addAction(action)
        w.addAction(action)
        if toolbar:
            w.toolbar.addAction(action)

    def add_dock_toggle(self, dock: QDockWidget) -> None:
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

    # -- the actions' state ---------------------------------------------------------------

    def update_actions(self) -> None:
        """Undo and redo with what they undo, and what a read-only draft, a missing
        LibreOffice or no export yet leaves disabled."""
        w = self.window
        stack = w.doc.undo_stack
        writable = not w.doc.read_only
        w.act_undo.setEnabled(stack.canUndo() and writable)
        w.act_redo.setEnabled(stack.canRedo() and writable)
        w.act_undo.setText(f"{UNDO}: {stack.undoText()}" if stack.canUndo() else UNDO)
        w.act_redo.setText(f"{REDO}: {stack.redoText()}" if stack.canRedo() else REDO)
        w.act_undo.setIconText(UNDO)
        w.act_redo.setIconText(REDO)
        w.act_save.setEnabled(writable)
        for action in w.block_actions:
            if action is not None:
                action.setEnabled(writable)
        w.act_next_placeholder.setEnabled(writable)
        urgent = w.doc.draft.flags.urgent
        if w.act_export_urgency.isEnabled() != urgent:
            w.act_export_urgency.setEnabled(urgent)
            w.act_export_urgency.setToolTip(
                "Brevet til Finansudvalgets formand om hastebehandling"
                if urgent
                else "Kun for en sag, der haster: markér »Sagen haster« i hovedet"
            )
        w.act_export_pdf.setEnabled(services.pdf_available())
        if not w.act_export_pdf.isEnabled():
            w.act_export_pdf.setToolTip("PDF kræver LibreOffice, som ikke er installeret.")
        exports = getattr(w, "exports", None)  # made after the menus
        last = exports.last_export if exports is not None else None
        w.act_open_export.setEnabled(last is not None)
        if last is not None:
            w.act_open_export.setToolTip(f"Åbn {last.name}")

    # -- Hjælp ------------------------------------------------------------------------------

    def show_about(self) -> None:
        from forms.logfile import current_log_file, log_path
        from forms.version import APP_VERSION

        log = current_log_file() or log_path()
        dialogs.show_info(
            self.window,
            "Om Aktstykke",
            f"Aktstykke {APP_VERSION}\n\nSkriv aktstykker til Folketingets Finansudvalg: "
            "punkterne a–f, kontrol mens du skriver, og eksport til Word.\n\n"
            f"Logfil (send den til den, der hjælper med programmet):\n{log}",
        )

    def show_shortcuts(self) -> None:
        """Every shortcut of the window's actions, by its name (F1)."""
        lines = []
        for action in self.window.actions():
            sequence = action.shortcut()
            if sequence.isEmpty():
                continue
            name = action.text().replace("&", "").split(":")[0]
            lines.append(f"{sequence.toString(QKeySequence.SequenceFormat.NativeText)}\t{name}")
        rows = [
            (keys, name) for keys, _, name in (line.partition("\t") for line in sorted(set(lines)))
        ]
        dialogs.show_shortcuts(self.window, rows)
