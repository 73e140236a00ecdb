"""The main window's actions, menus and toolbar, and the places later features
hook into: `menu(key)`, `add_action(menu_key, action)` and `add_dock(...)`.

A mixin of MainWindow (desktop/mainwindow.py).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QStyle, QToolBar

from desktop.session.partstate import HEADER, PARTS


class WindowMenus:
    """Actions with Danish names and standard shortcuts (mixed into MainWindow)."""

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
            if title:
                self._menus[key].setTitle(title)
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
