"""»Brug forslaget«: a finding's exact correction (Finding.replacement) put in as one
undoable edit, from the findings panel (button and context menu), from the context
menu of the marked text or cell, and with Ctrl+. at the marked text, the selected
cell or the finding selected in the panel.

What changes is worked out by forms.suggestions against a fresh check of the draft,
so a finding whose text was edited since it was found is refused with a message,
never applied to the wrong characters.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from desktop.editors.blockeditors import ParagraphEditor, SubHeadingEditor, python_offset
from desktop.editors.blocks import table_cell
from desktop.editors.menufirst import put_first
from desktop.editors.sectionform import SectionForm
from desktop.editors.tableeditor import TableEditor
from desktop.panels.findingsview import FINDING_ROLE, FindingAction
from desktop.undo.edits import EditText, SetCell, SetField
from forms.findings import Finding
from forms.suggestions import CellChange, FieldChange, Refusal, TextChange, can_apply, plan

APPLY = "Brug forslaget"
SHORTCUT = "Ctrl+."
"""Free in the window, and no AltGr combination on a Danish keyboard (as Ctrl+Alt is)."""
NOTHING_HERE = (
    "Der er intet forslag at bruge her. Stil markøren i en understreget tekst eller en "
    "markeret celle med et forslag, eller vælg fundet under Fund."
)
READ_ONLY = "Kladden er åbnet skrivebeskyttet; forslaget kan ikke bruges."
NO_REPLACEMENT_TIP = "Fundet har intet forslag, der kan sættes ind direkte; ret teksten selv."
LABEL_LENGTH = 40


def shown(replacement: str) -> str:
    """The replacement as a menu names it: »45,0 mio. kr.«, shortened when long."""
    text = " ".join(replacement.split())
    if not text:
        return "tom celle"
    if len(text) > LABEL_LENGTH:
        text = text[: LABEL_LENGTH - 1].rstrip() + "…"
    return f"»{text}«"


class SuggestionController(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.act_apply = QAction("Brug &forslaget", window)
        self.act_apply.setShortcut(QKeySequence(SHORTCUT))
        self.act_apply.setStatusTip(
            "Sæt kontrollens forslag ind i stedet for den understregede tekst eller den "
            "markerede celle (kan fortrydes)"
        )
        self.act_apply.triggered.connect(lambda _checked=False: self.apply_here())
        window.menus.add_action("edit", self.act_apply)
        window.findings_view.add_action_provider(self.actions_for)
        for form in window.section_forms():
            form.text_menu = self.extend_text_menu
            form.cell_menu = self.extend_cell_menu

    # -- what is offered ----------------------------------------------------------------

    def current_findings(self) -> list[Finding]:
        """The findings of the draft as it is now (checked again when an edit waits)."""
        window = self.window
        if window.check_timer.isActive():
            window.refresh_now()
        return window.findings

    def actions_for(self, finding: Finding) -> list[FindingAction]:
        """The findings panel's button and context menu entry."""
        if self.window.doc.read_only or not can_apply(finding):
            return []
        return [(APPLY, lambda: self.apply(finding))]

    def at_text(self, letter: str, block: int, at: int) -> list[Finding]:
        """Findings marked at a character of a prose block, the one the character is
        inside first (the cursor just after a marked word counts too)."""
        found = []
        for finding in self.current_findings():
            location = finding.location
            if location.letter != letter or location.block != block or location.row is not None:
                continue
            if location.start is None or location.end is None:
                continue
            if location.start <= at <= location.end:
                found.append(finding)
        return sorted(
            found, key=lambda f: not (f.location.start or 0) <= at < (f.location.end or 0)
        )

    def at_cell(self, letter: str, block: int, row: int, column: int) -> list[Finding]:
        """Findings on a table cell (model row and column)."""
        editor = self._table(letter, block)
        if editor is None:
            return []
        return [
            finding
            for finding in self.current_findings()
            if finding.location.letter == letter
            and finding.location.block == block
            and (finding.location.row is not None or finding.location.column is not None)
            and table_cell(editor, finding.location.row, finding.location.column) == (row, column)
        ]

    def extend_text_menu(self, letter: str, block: int, at: int, menu: QMenu) -> None:
        self._extend(menu, self.at_text(letter, block, at))

    def extend_cell_menu(self, letter: str, block: int, row: int, column: int, menu: QMenu) -> None:
        self._extend(menu, self.at_cell(letter, block, row, column))

    def _extend(self, menu: QMenu, findings: list[Finding]) -> None:
        """»Brug forslaget: »…«« first in the menu for each distinct correction marked
        there; a marked place without one gets the entry disabled, saying why."""
        if not findings or self.window.doc.read_only:
            return
        usable: dict[str, Finding] = {}
        for finding in findings:
            if can_apply(finding) and finding.replacement is not None:
                usable.setdefault(finding.replacement, finding)
        added: list[QAction] = []
        for replacement, finding in usable.items():
            action = QAction(f"{APPLY}: {shown(replacement)}", menu)
            action.setShortcut(QKeySequence(SHORTCUT))
            action.setToolTip(f"{finding.rule}: {finding.message}")
            font = QFont(action.font())
            font.setBold(True)
            action.setFont(font)
            action.triggered.connect(lambda _checked=False, f=finding: self.apply(f))
            added.append(action)
        if not added:
            action = QAction(APPLY, menu)
            action.setEnabled(False)
            action.setToolTip(NO_REPLACEMENT_TIP)
            added.append(action)
        menu.setToolTipsVisible(True)
        put_first(menu, added)

    # -- applying -----------------------------------------------------------------------

    def apply_here(self) -> bool:
        """Ctrl+.: the finding selected in the panel when it has the focus, else the one
        marked at the cursor or on the current cell of the litra shown."""
        window = self.window
        tree = window.findings_view.tree
        if tree.hasFocus() and tree.currentItem() is not None:
            selected = tree.currentItem().data(0, FINDING_ROLE)
            if isinstance(selected, Finding):
                return self.apply(selected)
        form = window.stack.currentWidget()
        editor = form.current_editor() if isinstance(form, SectionForm) else None
        focus = QApplication.focusWidget()
        if isinstance(focus, ParagraphEditor | SubHeadingEditor) and focus.letter == getattr(
            form, "letter", None
        ):
            editor = focus  # the editor typed in, also before the form marks it current
        findings: list[Finding] = []
        if isinstance(form, SectionForm) and isinstance(editor, ParagraphEditor):
            cursor = editor.textCursor()
            at = python_offset(editor.text(), cursor.selectionStart())
            findings = self.at_text(form.letter, editor.index, at)
        elif isinstance(form, SectionForm) and isinstance(editor, SubHeadingEditor):
            at = editor.selectionStart() if editor.hasSelectedText() else editor.cursorPosition()
            findings = self.at_text(form.letter, editor.index, at)
        elif isinstance(form, SectionForm) and isinstance(editor, TableEditor):
            index = editor.view.currentIndex()
            if index.isValid():
                findings = self.at_cell(form.letter, editor.block, index.row(), index.column())
        usable = next((f for f in findings if can_apply(f)), None)
        if usable is None:
            window.show_status(NOTHING_HERE, 8000)
            return False
        return self.apply(usable)

    def apply(self, finding: Finding) -> bool:
        """Put the finding's replacement in as one undoable edit; False (with a message
        in the status bar) when it has none or no longer fits the draft."""
        window = self.window
        doc = window.doc
        if doc.read_only:
            window.show_status(READ_ONLY, 8000)
            return False
        change = plan(doc.draft, finding, self.current_findings())
        if isinstance(change, Refusal):
            window.show_status(change.reason, 10000)
            return False
        stack = doc.undo_stack
        where = "" if isinstance(change, FieldChange) else f" i litra {change.letter}"
        stack.beginMacro(f"brug forslaget{where}")
        if isinstance(change, FieldChange):
            stack.push(SetField(doc, change.path, change.value, APPLY.lower()))
        elif isinstance(change, TextChange):
            stack.push(
                EditText(doc, change.letter, change.block, change.text, APPLY.lower(), merge=False)
            )
        else:
            stack.push(
                SetCell(doc, change.letter, change.block, change.row, change.column, change.value)
            )
        stack.endMacro()
        window.refresh_now()
        if isinstance(change, FieldChange):
            window.reveal_finding(finding)
        else:
            self._show(change)
        assert finding.replacement is not None
        window.show_status(
            f"Forslaget er brugt: {shown(finding.replacement)}. Fortryd med Ctrl+Z.", 8000
        )
        return True

    def _show(self, change: TextChange | CellChange) -> None:
        window = self.window
        window.show_part(change.letter)
        form = window.forms[change.letter]
        if not isinstance(form, SectionForm):
            return
        if isinstance(change, TextChange):
            form.reveal(change.block, None, None, change.start, change.end)
            return
        editor = self._table(change.letter, change.block)
        if editor is not None:
            row, column = table_cell(editor, change.row, change.column)
            form.reveal(change.block, row, column)

    def _table(self, letter: str, block: int) -> TableEditor | None:
        form = self.window.forms.get(letter)
        frame = form.frame_at(block) if isinstance(form, SectionForm) else None
        editor = frame.editor if frame is not None else None
        return editor if isinstance(editor, TableEditor) else None


def install(window) -> SuggestionController:
    return SuggestionController(window)
