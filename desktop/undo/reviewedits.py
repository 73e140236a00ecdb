"""Undo commands for the Word round trip: accepting or rejecting changes that
came back from Word (one, all, or all from one author: each decision one
undoable edit), bringing a returned file's changes in, answering and resolving
comments.

Accepting works on a cheap copy of the draft (forms.roundtrip decides what
the change does); what differs from the open draft is then applied through
DraftDocument's apply_* methods, so every view refreshes only what changed,
and the same steps backwards undo it.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from PySide6.QtGui import QUndoCommand

from desktop.session.document import DraftDocument
from desktop.undo.edits import Place
from forms.model import Aktstykke, BudgetTable, PendingChange
from forms.roundtrip.apply import ChangeError
from forms.roundtrip.review import apply_one, members

FIELDS = ("ministry", "place", "date", "signature_date", "minister")


class ReviewDecision(QUndoCommand):
    """Accept (apply) or reject (drop) pending changes, as one edit."""

    def __init__(self, document: DraftDocument, ids: list[str], *, accept: bool, text: str):
        super().__init__(text)
        self.document = document
        draft = document.draft
        self.before = (list(draft.pending_changes), list(draft.import_notes))
        wanted = _with_groups(draft, ids)
        self.refused: list[tuple[PendingChange, str]] = []
        self.accepted: list[PendingChange] = []
        scratch = _scratch(draft)
        if accept:
            for change_id in wanted:
                change = next((c for c in scratch.pending_changes if c.id == change_id), None)
                if change is None:
                    continue
                _own(scratch, change)
                try:
                    self.accepted.append(apply_one(scratch, change))
                except ChangeError as exc:
                    self.refused.append((change, exc.message))
        else:
            scratch.pending_changes = [c for c in scratch.pending_changes if c.id not in wanted]
        self.after = (list(scratch.pending_changes), list(scratch.import_notes))
        self.ops = _operations(draft, scratch)
        first = next((c for c in draft.pending_changes if c.id in wanted), None)
        self.place = place_of(first) if first is not None else Place("header")
        self._done_once = False

    @property
    def changes_anything(self) -> bool:
        return bool(self.ops) or self.after[0] != self.before[0]

    def redo(self) -> None:
        for op in self.ops:
            _apply(self.document, op)
        self._lists(self.after)
        if self._done_once:
            self.document.revealRequested.emit(self.place)
        self._done_once = True

    def undo(self) -> None:
        for op in reversed(self.ops):
            _apply(self.document, _inverse(op))
        self._lists(self.before)
        self.document.revealRequested.emit(self.place)

    def _lists(self, lists) -> None:
        pending, notes = lists
        draft = self.document.draft
        draft.pending_changes = list(pending)
        draft.import_notes = list(notes)
        self.document.reviewChanged.emit()
        self.document.contentChanged.emit()


class ReviewLists(QUndoCommand):
    """Swap the draft's pending changes and/or comments (bringing a returned
    file in, answering or resolving a comment)."""

    def __init__(self, document: DraftDocument, text: str, **after):
        super().__init__(text)
        self.document = document
        self.before = {name: list(getattr(document.draft, name)) for name in after}
        self.after = {name: list(value) for name, value in after.items()}

    def redo(self) -> None:
        self._set(self.after)

    def undo(self) -> None:
        self._set(self.before)

    def _set(self, values: dict) -> None:
        for name, value in values.items():
            setattr(self.document.draft, name, [item.model_copy(deep=True) for item in value])
        self.document.reviewChanged.emit()
        self.document.contentChanged.emit()


def place_of(change: PendingChange) -> Place:
    if change.letter is None:
        field = (change.target or "").removeprefix("field:") or None
        return Place("header", field=field)
    return Place(change.letter, block=change.block, row=change.row)


def _with_groups(draft: Aktstykke, ids: list[str]) -> list[str]:
    out: list[str] = []
    for change_id in ids:
        for member in members(draft, change_id):
            if member.id not in out:
                out.append(member.id)
    return out


def _scratch(draft: Aktstykke) -> Aktstykke:
    """The draft with lists of its own and blocks shared until changed (_own)."""
    sections = [s.model_copy(update={"blocks": list(s.blocks)}) for s in draft.sections]
    return draft.model_copy(
        update={
            "sections": sections,
            "pending_changes": list(draft.pending_changes),
            "import_notes": list(draft.import_notes),
        }
    )


def _own(scratch: Aktstykke, change: PendingChange) -> None:
    section = scratch.section(change.letter) if change.letter else None
    if section is None:
        return
    for index in range(len(section.blocks)):
        if index == change.block or (change.kind == "edit" and change.block is None):
            section.blocks[index] = section.blocks[index].model_copy(deep=True)


# -- what accepting changed, as steps on the open draft -------------------------------------


def _operations(draft: Aktstykke, scratch: Aktstykke) -> list[tuple]:
    ops: list[tuple] = []
    for name in FIELDS:
        if getattr(draft, name) != getattr(scratch, name):
            ops.append(("field", name, getattr(draft, name), getattr(scratch, name)))
    letters = {s.letter for s in draft.sections}
    for section in scratch.sections:
        if section.letter not in letters:
            ops.append(("section", section.model_copy(deep=True)))
    for section in draft.sections:
        after = scratch.section(section.letter)
        if after is None or _same(section.blocks, after.blocks):
            continue
        old_ids = [id(b) for b in section.blocks]
        new_ids = [id(b) for b in after.blocks]
        matcher = SequenceMatcher(None, old_ids, new_ids, autojunk=False)
        steps: list[tuple] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            common = min(i2 - i1, j2 - j1) if tag == "replace" else 0
            for offset in range(common):
                old, new = section.blocks[i1 + offset], after.blocks[j1 + offset]
                if old != new:  # a block copied for a change that did not touch it
                    steps.append(("replace", section.letter, i1 + offset, _copy(old), _copy(new)))
            for index in range(i2 - 1, i1 + common - 1, -1):
                steps.append(("remove", section.letter, index, _copy(section.blocks[index])))
            for offset, block in enumerate(after.blocks[j1 + common : j2]):
                steps.append(("insert", section.letter, i1 + common + offset, _copy(block)))
        ops.extend(_in_order(steps))
    return ops


def _same(a: list, b: list) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


def _in_order(steps: list[tuple]) -> list[tuple]:
    """Steps whose positions hold one after the other: from the end backwards,
    insertions after removals at the same place."""
    return sorted(steps, key=lambda s: (-s[2], {"replace": 0, "remove": 1, "insert": 2}[s[0]]))


def _copy(block):
    return block.model_copy(deep=True)


def _inverse(op: tuple) -> tuple:
    kind = op[0]
    if kind == "field":
        return ("field", op[1], op[3], op[2])
    if kind == "section":
        return ("unsection", op[1])
    if kind == "unsection":
        return ("section", op[1])
    if kind == "replace":
        return ("replace", op[1], op[2], op[4], op[3])
    if kind == "remove":
        return ("insert", op[1], op[2], op[3])
    return ("remove", op[1], op[2], op[3])


def _apply(document: DraftDocument, op: tuple) -> None:
    kind = op[0]
    if kind == "field":
        document.apply_field(op[1], op[3])
    elif kind == "section":
        document.apply_insert_section(op[1].model_copy(deep=True))
    elif kind == "unsection":
        document.apply_remove_section(op[1].letter)
        document.left_out.pop(op[1].letter, None)
    elif kind == "replace":
        letter, index, new = op[1], op[2], op[4]
        current = document.block(letter, index)
        if isinstance(new, BudgetTable):
            document.apply_replace_table(letter, index, new.model_copy(deep=True))
        elif type(current) is type(new):
            document.apply_block_text(letter, index, new.text)
        else:
            document.apply_remove_block(letter, index)
            document.apply_insert_block(letter, index, new.model_copy(deep=True))
    elif kind == "remove":
        document.apply_remove_block(op[1], op[2])
    else:
        document.apply_insert_block(op[1], op[2], op[3].model_copy(deep=True))
