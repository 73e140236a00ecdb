"""An "I alt" column or row the author typed: the offer to replace it by the computed
one (forms.tabletotals), on its finding in the findings panel and in the table's menu.

The replacement is one undo command (ReplaceTable); the typed figures are kept as
stated totals, which the checks compare with the computed ones."""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.panels.findingsview import FindingAction
from desktop.undo.edits import Place, ReplaceTable
from forms.findings import Finding
from forms.model import BudgetTable
from forms.tabletotals import REPLACE_ACTION, TypedTotal, replace_typed_total, typed_total_at

RULES = ("TAB-02", "TAB-03")


class TableTotals(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        window.findings_view.add_action_provider(self.actions_for)

    def typed_total(self, finding: Finding) -> tuple[str, int, TypedTotal] | None:
        """The typed total a TAB-02/TAB-03 finding is about: (letter, block, total)."""
        location = finding.location
        if finding.rule not in RULES or location.letter is None or location.block is None:
            return None
        section = self.window.doc.draft.section(location.letter)
        if section is None or not 0 <= location.block < len(section.blocks):
            return None
        table = section.blocks[location.block]
        if not isinstance(table, BudgetTable):
            return None
        typed = typed_total_at(table, location.row, location.column)
        if typed is None or (typed.kind == "column" and len(table.columns) <= 1):
            return None
        return location.letter, location.block, typed

    def actions_for(self, finding: Finding) -> list[FindingAction]:
        found = self.typed_total(finding)
        if found is None or self.window.doc.read_only:
            return []
        letter, block, typed = found
        return [(REPLACE_ACTION, lambda: self.replace(letter, block, typed))]

    def replace(self, letter: str, block: int, typed: TypedTotal) -> bool:
        doc = self.window.doc
        if doc.read_only:
            return False
        table = doc.table(letter, block)
        after = replace_typed_total(table, typed)
        number = doc.table_number(letter, block)
        what = "kolonne" if typed.kind == "column" else "række"
        doc.undo_stack.push(
            ReplaceTable(
                doc,
                letter,
                block,
                after,
                f"erstat »{typed.heading.strip()}«-{what} med den beregnede i tabel {number}",
                Place(letter, block=block),
            )
        )
        self.window.refresh_now()
        return True


def install(window) -> TableTotals:
    return TableTotals(window)
