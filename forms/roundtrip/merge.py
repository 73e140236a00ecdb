"""The three-way merge: base = the draft embedded in the returned file, ours =
the current draft (which may have changed since that export), theirs = what
the returned file shows.

What the current draft changed since the export is worked out
(forms.roundtrip.diff) and replayed on the base; each of the returned file's
changes is moved past every one of them. Changes that do not overlap merge;
overlapping ones become conflicts with the current text beside them, for the
author to choose. Several colleagues' copies of the same export can be brought
in one after another: a change already pending from an earlier copy is not
repeated, and one that competes with it is a conflict too.
"""

from __future__ import annotations

from dataclasses import dataclass

from forms.model import Aktstykke, PendingChange
from forms.roundtrip.apply import ChangeError, apply_change, block_string
from forms.roundtrip.diff import application_order, diff_drafts
from forms.roundtrip.rebase import Before, rebase
from forms.roundtrip.review import before_of, rebase_all


@dataclass
class Merged:
    changes: list[PendingChange]
    """The returned file's changes, relative to the current draft."""
    repeated: int = 0
    """Changes the current draft already has, or already has pending."""

    @property
    def conflicts(self) -> list[PendingChange]:
        return [c for c in self.changes if c.conflict]


def merge(base: Aktstykke, ours: Aktstykke, theirs: list[PendingChange]) -> Merged:
    scratch = _shallow(base)
    moved = [c.model_copy() for c in theirs]
    start = len(moved)
    for change in application_order(diff_drafts(base, ours)):
        _own_block(scratch, change)
        before = before_of(scratch, change)
        try:
            placed = apply_change(scratch, change)
        except ChangeError:
            continue
        moved = rebase_all(moved, placed, before, merge=True)
    repeated = start - len(moved)
    kept: list[PendingChange] = []
    for change in moved:
        verdict = _against_pending(ours, change)
        if verdict is None:
            repeated += 1
        else:
            kept.append(verdict)
    return Merged(kept, repeated)


def _against_pending(ours: Aktstykke, change: PendingChange) -> PendingChange | None:
    """None when the change is already pending; a conflict when it competes with one."""
    for pending in ours.pending_changes:
        before = Before(text=block_string(ours, pending))
        verdict = rebase(change, pending, before, merge=True)
        if verdict is None:
            return None
        if verdict.conflict and not change.conflict:
            shown = pending.new or pending.old
            return change.model_copy(
                update={
                    "conflict": True,
                    "ours": f"{shown} (venter også, fra {pending.source or 'en anden fil'})",
                }
            )
    return change


def _shallow(draft: Aktstykke) -> Aktstykke:
    """A copy whose lists of litra and blocks are its own; the blocks themselves
    are shared until one is changed (see _own_block). A deep copy of a large
    draft costs more than the whole merge."""
    sections = [s.model_copy(update={"blocks": list(s.blocks)}) for s in draft.sections]
    return draft.model_copy(update={"sections": sections, "pending_changes": []})


def _own_block(draft: Aktstykke, change: PendingChange) -> None:
    """Copy the block a change is about to alter, so the shared one is untouched."""
    section = draft.section(change.letter) if change.letter else None
    if section is not None and change.block is not None and 0 <= change.block < len(section.blocks):
        section.blocks[change.block] = section.blocks[change.block].model_copy(deep=True)
