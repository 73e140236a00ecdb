"""The author's decisions on pending changes: accept or reject one, all, or all
from one author. Each returns a new draft; the one given is not touched."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from types import EllipsisType

from forms.model import Aktstykke, Block, PendingChange
from forms.roundtrip.apply import ChangeError, apply_change, block_string, locate
from forms.roundtrip.changes import UNKNOWN_AUTHOR
from forms.roundtrip.rebase import Before, rebase


@dataclass
class Outcome:
    draft: Aktstykke
    accepted: list[PendingChange] = field(default_factory=list)
    refused: list[tuple[PendingChange, str]] = field(default_factory=list)
    """Changes that could not be applied, with the Danish reason; still pending."""


def members(draft: Aktstykke, change_id: str) -> list[PendingChange]:
    """The change and those that belong with it (the other half of a move)."""
    change = next((c for c in draft.pending_changes if c.id == change_id), None)
    if change is None:
        return []
    if change.group is None:
        return [change]
    return [c for c in draft.pending_changes if c.group == change.group]


def accept(draft: Aktstykke, change_id: str) -> Aktstykke:
    """The draft with the change (and its group) applied; ChangeError when it cannot be."""
    result = draft.model_copy(deep=True)
    accept_in_place(result, [c.id for c in members(result, change_id)])
    return result


def reject(draft: Aktstykke, change_id: str) -> Aktstykke:
    ids = {c.id for c in members(draft, change_id)}
    result = draft.model_copy(deep=True)
    result.pending_changes = [c for c in result.pending_changes if c.id not in ids]
    return result


def accept_in_place(draft: Aktstykke, ids: list[str]) -> list[PendingChange]:
    """Apply the changes with these ids, rebasing everything still pending past
    each. All or nothing: on ChangeError the draft is left as it was."""
    saved = draft.model_copy(deep=True)
    applied: list[PendingChange] = []
    try:
        for change_id in ids:
            change = next((c for c in draft.pending_changes if c.id == change_id), None)
            if change is None:
                continue
            applied.append(apply_one(draft, change))
    except ChangeError:
        _restore(draft, saved)
        raise
    return applied


def apply_one(draft: Aktstykke, change: PendingChange, *, merge: bool = False) -> PendingChange:
    """Apply one pending change of `draft` and move the others past it."""
    before = before_of(draft, change)
    others = [c for c in draft.pending_changes if c.id != change.id]
    placed = apply_change(draft, change)
    draft.pending_changes = rebase_all(others, placed, before, merge=merge)
    return placed


def rebase_all(
    changes: Iterable[PendingChange], applied: PendingChange, before: Before, *, merge: bool
) -> list[PendingChange]:
    out = []
    for change in changes:
        moved = rebase(change, applied, before, merge=merge)
        if moved is not None:
            out.append(moved)
    return out


def before_of(draft: Aktstykke, change: PendingChange) -> Before:
    """What the change is about to alter, kept for turning overlaps into conflicts."""
    placed = locate(draft, change) or change
    return Before(text=block_string(draft, placed), block=_block_copy(draft, placed))


def accept_all(
    draft: Aktstykke,
    *,
    author: str | EllipsisType | None = ...,
    source: str | None = None,
    conflicts: bool = False,
) -> Outcome:
    """Accept every pending change (or those of one `author`, None: the edits
    typed without tracking; or those from one `source` file); conflicts only
    with `conflicts`. A change that cannot be applied stays pending and is listed."""
    result = draft.model_copy(deep=True)
    outcome = Outcome(result)
    refused: set[str] = set()
    while True:
        candidate = next(
            (
                c
                for c in result.pending_changes
                if c.id not in refused
                and (conflicts or not c.conflict)
                and (author is ... or c.author == author)
                and (source is None or c.source == source)
            ),
            None,
        )
        if candidate is None:
            break
        group = [c.id for c in members(result, candidate.id)]
        try:
            outcome.accepted += accept_in_place(result, group)
        except ChangeError as exc:
            refused.update(group)
            outcome.refused.append((candidate, exc.message))
    return outcome


def authors(draft: Aktstykke) -> list[tuple[str | None, str, int]]:
    """(author, shown name, count) of the pending changes, in order of appearance."""
    counts: dict[str | None, int] = {}
    for change in draft.pending_changes:
        counts[change.author] = counts.get(change.author, 0) + 1
    return [(a, a or UNKNOWN_AUTHOR, n) for a, n in counts.items()]


def _block_copy(draft: Aktstykke, change: PendingChange) -> Block | None:
    section = draft.section(change.letter) if change.letter else None
    if section is None or change.block is None or not 0 <= change.block < len(section.blocks):
        return None
    return section.blocks[change.block].model_copy(deep=True)


def _restore(draft: Aktstykke, saved: Aktstykke) -> None:
    for name in type(draft).model_fields:
        setattr(draft, name, getattr(saved, name))
