"""Moving a pending change past another one that has been applied.

`rebase(y, x, before)`: x was applied to the draft; y, which was relative to
the draft before x, is returned relative to the draft after it: shifted when x
was before it, None when x made exactly the same change, and a conflict when
both changed the same place. `merge=True` is the three-way merge's strict
reading (touching changes and two insertions at the same place conflict, as
their order is nobody's to choose); otherwise a later insertion at the same
place goes after the earlier one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from forms.model import Aktstykke, Block, BudgetTable, PendingChange, Section
from forms.roundtrip.changes import CONTEXT

DELETED = "(slettet i kladden)"


@dataclass
class Before:
    """What x changed, as it was before x: the edited string or the removed block."""

    text: str | None = None
    block: Block | None = None
    row_text: str = ""


def rebase(
    y: PendingChange, x: PendingChange, before: Before, *, merge: bool
) -> PendingChange | None:
    handler = _BY_KIND.get(x.kind)
    return handler(y, x, before, merge) if handler else y


def _same_block(y: PendingChange, x: PendingChange) -> bool:
    return y.letter is not None and y.letter == x.letter and y.block == x.block


def _conflict(y: PendingChange, ours: str, **update: Any) -> PendingChange:
    return y.model_copy(update={"conflict": True, "ours": ours, **update})


def _over_edit(
    y: PendingChange, x: PendingChange, before: Before, merge: bool
) -> PendingChange | None:
    if not (y.kind == "edit" and _same_block(y, x) and y.part == x.part):
        if y.kind == "delete_block" and _same_block(y, x) and x.part == "text":
            text = _after_text(before.text or "", x)
            return _conflict(y, text, old=text)
        return y
    xs, xe, ys, ye = x.start or 0, x.end or 0, y.start or 0, y.end or 0
    if (ys, ye, y.new) == (xs, xe, x.new):
        return None
    delta = len(x.new) - (xe - xs)
    if merge:
        apart_before, apart_after = ye < xs, ys > xe
    elif ys == ye == xs == xe:
        apart_before, apart_after = False, True  # a second insertion here follows the first
    else:
        apart_before, apart_after = ye <= xs, ys >= xe
    text = before.text or ""
    if apart_before or apart_after:
        # Moved past x, and the text around it, which x may have touched, read anew.
        shift = delta if apart_after else 0
        after = _after_text(text, x)
        start, end = ys + shift, ye + shift
        return y.model_copy(
            update={
                "start": start,
                "end": end,
                "before": after[max(0, start - CONTEXT) : start],
                "after": after[end : end + CONTEXT],
            }
        )
    us, ue = min(xs, ys), max(xe, ye)
    theirs = text[us:ys] + y.new + text[ye:ue]
    after = _after_text(text, x)
    ours = after[us : ue + delta]
    return _conflict(
        y,
        ours,
        start=us,
        end=ue + delta,
        old=ours,
        new=theirs,
        before=after[max(0, us - CONTEXT) : us],
        after=after[ue + delta : ue + delta + CONTEXT],
    )


def _after_text(text: str, x: PendingChange) -> str:
    return text[: x.start or 0] + x.new + text[x.end or 0 :]


def _over_set(
    y: PendingChange, x: PendingChange, before: Before, merge: bool
) -> PendingChange | None:
    if y.kind != "set" or y.target != x.target:
        return y
    if (
        x.target
        and not x.target.startswith("field:")
        and not (_same_block(y, x) and y.row == x.row)
    ):
        return y
    if y.value == x.value:
        return None
    return _conflict(y, x.new, old=x.new)


def _over_insert_block(
    y: PendingChange, x: PendingChange, before: Before, merge: bool
) -> PendingChange | None:
    return _shift_blocks(y, x, x.block or 0, len(x.blocks), merge)


def _shift_blocks(
    y: PendingChange, x: PendingChange, position: int, count: int, merge: bool
) -> PendingChange | None:
    if y.letter != x.letter or y.block is None or count == 0:
        return y
    if y.kind in ("insert_block", "unplaced"):
        if y.block == position and y.kind == x.kind == "insert_block":
            if [b.model_dump() for b in y.blocks] == [b.model_dump() for b in x.blocks]:
                return None
            if merge:
                return _conflict(y, x.new, block=y.block + count)
        if y.block == position and x.kind == "insert_block" and x.blocks:
            # After the blocks just inserted: they are its neighbour now.
            last = x.blocks[-1]
            key = (last.caption if isinstance(last, BudgetTable) else last.text)[:CONTEXT]
            return y.model_copy(update={"block": y.block + count, "before": key})
        if y.block >= position:
            return y.model_copy(update={"block": y.block + count})
        return y
    if y.block >= position:
        return y.model_copy(update={"block": y.block + count})
    return y


def _over_delete_block(
    y: PendingChange, x: PendingChange, before: Before, merge: bool
) -> PendingChange | None:
    if y.letter != x.letter or y.block is None:
        return y
    removed = x.block or 0
    if y.kind in ("insert_block", "unplaced"):
        return y.model_copy(update={"block": y.block - 1}) if y.block > removed else y
    if y.block > removed:
        return y.model_copy(update={"block": y.block - 1})
    if y.block < removed:
        return y
    if y.kind == "delete_block":
        return None
    return _reinstate(y, before)


def _reinstate(y: PendingChange, before: Before) -> PendingChange:
    """y changed a block the draft has deleted since: accepting y brings the
    block back with y's change."""
    from forms.roundtrip.apply import ChangeError, apply_change

    block = before.block
    if block is None:
        return _conflict(
            y, DELETED, kind="unplaced", block=None, reason="stedet er slettet i kladden"
        )
    scratch = Aktstykke(sections=[Section(letter=y.letter, blocks=[block.model_copy(deep=True)])])
    try:
        apply_change(scratch, y.model_copy(update={"block": 0}))
    except ChangeError:
        return _conflict(
            y, DELETED, kind="unplaced", block=None, reason="stedet er slettet i kladden"
        )
    restored = scratch.sections[0].blocks[0]
    return _conflict(
        y,
        DELETED,
        kind="insert_block",
        blocks=[restored],
        new=getattr(restored, "text", "") or getattr(restored, "caption", ""),
        old="",
        start=None,
        end=None,
        target=None,
        row=None,
    )


def _over_insert_row(
    y: PendingChange, x: PendingChange, before: Before, merge: bool
) -> PendingChange | None:
    if not _same_block(y, x) or y.row is None or y.target == "cell:label_heading":
        return y
    position = x.row or 0
    if y.kind == "insert_row" and y.row == position:
        if y.cells == x.cells:
            return None
        if merge:
            return _conflict(y, x.new, row=y.row + 1)
    if y.row >= position:
        return y.model_copy(update={"row": y.row + 1})
    return y


def _over_delete_row(
    y: PendingChange, x: PendingChange, before: Before, merge: bool
) -> PendingChange | None:
    if not _same_block(y, x) or y.row is None:
        return y
    removed = x.row or 0
    if y.kind == "insert_row":
        return y.model_copy(update={"row": y.row - 1}) if y.row > removed else y
    if y.row > removed:
        return y.model_copy(update={"row": y.row - 1})
    if y.row < removed:
        return y
    if y.kind == "delete_row":
        return None
    return _conflict(
        y, DELETED, kind="unplaced", row=None, reason="rækken er slettet i kladden", target=None
    )


def _over_unplaced(
    y: PendingChange, x: PendingChange, before: Before, merge: bool
) -> PendingChange | None:
    if not x.new.strip() or x.block is None:
        return y
    return _shift_blocks(y, x.model_copy(update={"kind": "unplaced"}), x.block, 1, False)


def _over_delete_section(
    y: PendingChange, x: PendingChange, before: Before, merge: bool
) -> PendingChange | None:
    if y.letter != x.letter or y.kind == "delete_section":
        return None if y.kind == "delete_section" and y.letter == x.letter else y
    text = y.new or y.old
    return _conflict(
        y,
        DELETED,
        kind="unplaced",
        block=None,
        reason=f"litra {x.letter} er udeladt i kladden",
        new=text,
    )


_Handler = Callable[[PendingChange, PendingChange, Before, bool], PendingChange | None]
_BY_KIND: dict[str, _Handler] = {
    "edit": _over_edit,
    "set": _over_set,
    "insert_block": _over_insert_block,
    "delete_block": _over_delete_block,
    "insert_row": _over_insert_row,
    "delete_row": _over_delete_row,
    "unplaced": _over_unplaced,
    "delete_section": _over_delete_section,
}
