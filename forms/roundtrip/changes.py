"""Making pending changes, and saying in Danish what each one is."""

from __future__ import annotations

import hashlib
import json

from forms.dates import format_long_date
from forms.model import Block, BudgetTable, PendingChange

UNKNOWN_AUTHOR = "redigeret i Word (ukendt forfatter)"
CONTEXT = 24
"""Characters of text kept on each side of a change, to find its place again."""

FIELD_NAMES = {
    "field:ministry": "ministeriet i hovedet",
    "field:place": "stedet i hovedet og underskriften",
    "field:date": "datoen i hovedet",
    "field:signature_date": "datoen ved underskriften",
    "field:minister": "ministerens navn ved underskriften",
}
PART_NAMES = {"text": "", "caption": "tabeloverskriften", "note": "noten under tabellen"}


def with_ids(changes: list[PendingChange], source: str) -> list[PendingChange]:
    """Stable ids: the same change read twice from the same file gets the same id."""
    seen: dict[str, int] = {}
    out = []
    for change in changes:
        payload = change.model_dump(mode="json", exclude={"id"})
        digest = hashlib.sha1(
            json.dumps([source, payload], sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()[:12]
        count = seen.get(digest, 0)
        seen[digest] = count + 1
        out.append(change.model_copy(update={"id": f"{digest}-{count}" if count else digest}))
    return out


def author_text(change: PendingChange) -> str:
    if not change.author:
        return UNKNOWN_AUTHOR
    when = f", {format_long_date(change.date.date())}" if change.date else ""
    return f"{change.author}{when}"


def where(change: PendingChange) -> str:
    """'litra b, afsnit 3', 'litra b, tabel i afsnit 10, række 2', 'hovedet' …"""
    if change.kind == "set" and change.target and change.target.startswith("field:"):
        return FIELD_NAMES.get(change.target, change.target)
    if change.letter is None:
        return "dokumentet"
    place = f"litra {change.letter}"
    if change.block is None:
        return place
    number = change.block + 1
    if change.kind in ("insert_block", "unplaced"):
        return f"{place}, før afsnit {number}" if change.kind == "insert_block" else place
    if change.kind in ("insert_row", "delete_row") or (
        change.target and change.target.startswith("cell:")
    ):
        row = "" if change.row is None else f", række {change.row + 1}"
        column = _cell_name(change.target)
        return f"{place}, tabellen i afsnit {number}{row}{column}"
    part = PART_NAMES.get(change.part, "")
    return f"{place}, afsnit {number}" + (f" ({part})" if part else "")


def _cell_name(target: str | None) -> str:
    if not target:
        return ""
    kind = target.removeprefix("cell:")
    if kind == "label":
        return ", tekst"
    if kind == "account":
        return ", konto"
    if kind == "label_heading":
        return ", overskrift"
    if kind.startswith("value:"):
        return f", kolonne {int(kind.split(':')[1]) + 1}"
    if kind.startswith("column:"):
        return f", kolonneoverskrift {int(kind.split(':')[1]) + 1}"
    return ""


def what(change: PendingChange) -> str:
    """'»100,0« → »110,0«', 'nyt afsnit: »…«', 'afsnit slettet: »…«' …"""
    if change.kind == "insert_block":
        texts = [_block_text(b) for b in change.blocks]
        return f"nyt afsnit: »{short(' / '.join(texts))}«"
    if change.kind == "delete_block":
        return f"afsnit slettet: »{short(change.old)}«"
    if change.kind == "insert_row":
        return f"ny række: »{short(' | '.join(c for c in change.cells if c))}«"
    if change.kind == "delete_row":
        return f"række slettet: »{short(change.old)}«"
    if change.kind == "unplaced":
        shown = f": »{short(change.new)}«" if change.new.strip() else ""
        return f"kan ikke placeres ({change.reason}){shown}"
    verb = "flyttet" if change.move else None
    if not change.old:
        return f"{verb or 'indsat'}: »{short(change.new)}«"
    if not change.new:
        return f"{verb or 'slettet'}: »{short(change.old)}«"
    return f"»{short(change.old)}« → »{short(change.new)}«"


def describe(change: PendingChange) -> str:
    """One line for the command line and the editor: where, what, who."""
    conflict = " – KONFLIKT med kladdens egen ændring" if change.conflict else ""
    return f"{where(change)}: {what(change)} – {author_text(change)}{conflict}"


def short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _block_text(block: Block) -> str:
    if isinstance(block, BudgetTable):
        return block.caption or "tabel"
    return block.text
