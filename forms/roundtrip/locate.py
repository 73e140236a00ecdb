"""Edits of the exported text become pending changes of the draft.

An edit inside one piece (a paragraph, the header line, a caption …) falls in
one of the piece's spans and becomes an edit of that block text or a new value
of that field. An edit across paragraph ends (a paragraph added, deleted,
split or joined) is read paragraph by paragraph: the old paragraphs are paired
with the new ones, and what is left over was inserted or deleted. Whatever has
no place in the draft becomes an 'unplaced' change (I-01 once accepted).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from forms.importing.patterns import parse_date
from forms.model import Aktstykke, BudgetTable, PendingChange
from forms.roundtrip import textdiff
from forms.roundtrip.changes import CONTEXT
from forms.roundtrip.labels import moved_labels
from forms.roundtrip.paragraphs import AcrossParagraphs
from forms.roundtrip.pieces import (
    FIELD_KINDS,
    TEXT_KINDS,
    PieceEdit,
    Who,
    expected_text,
    merged_who,
    piece_name,
    visible,
    who_of,
)
from forms.roundtrip.shown import Piece, ShownDocument, Span
from forms.roundtrip.stream import PARA, TABLE, Edit

__all__ = ["TEXT_KINDS", "Locator", "Who", "expected_text", "merged_who"]


class Locator(AcrossParagraphs):
    def __init__(self, base: Aktstykke, shown: ShownDocument, source: str):
        self.base = base
        self.shown = shown
        self.pieces = shown.pieces
        self.source = source
        self.text, self.starts = expected_text(shown)
        self.changes: list[PendingChange] = []

    # -- entry ---------------------------------------------------------------------

    def locate(self, edits: list[Edit]) -> list[PendingChange]:
        groups = self._groups(edits)
        for first, last, members, structural in groups:
            if structural:
                self._structural(first, last, members)
            else:
                base = self.starts[first]
                relative = [(e.start - base, e.end - base, e.text, who_of(e)) for e in members]
                self.on_piece(first, relative)
        return self.changes

    def _piece_at(self, position: int) -> int:
        return max(0, min(bisect_right(self.starts, position) - 1, len(self.pieces) - 1))

    def _groups(self, edits: list[Edit]) -> list[list[Any]]:
        """[first piece, last piece, edits, structural] of edits read together."""
        ranges: list[list[Any]] = []
        for edit in edits:
            first = self._piece_at(edit.start)
            removed = self.text[edit.start : edit.end]
            structural = any(mark in edit.text or mark in removed for mark in (PARA, TABLE))
            last = self._piece_at(edit.end - 1) if edit.end > edit.start else first
            if removed.endswith(PARA) and not edit.text.endswith(PARA):
                last = min(last + 1, len(self.pieces) - 1)  # joined with the next paragraph
            ranges.append([first, last, edit, structural])
        moved_labels(self.pieces, self.starts, self.text, ranges)
        ranges.sort(key=lambda item: (item[0], item[1]))
        groups: list[list[Any]] = []
        for first, last, edit, structural in ranges:
            if groups and first <= groups[-1][1] and (structural or groups[-1][3]):
                group = groups[-1]
                group[1] = max(group[1], last)
                group[2].append(edit)
                group[3] = True
            elif groups and not structural and not groups[-1][3] and first == groups[-1][0]:
                groups[-1][2].append(edit)
            else:
                groups.append([first, last, [edit], structural])
        return groups

    # -- changes inside one piece --------------------------------------------------

    def on_piece(self, index: int, edits: list[PieceEdit]) -> None:
        piece = self.pieces[index]
        edits = [e for e in (_narrowed(piece.text, edit) for edit in edits) if e is not None]
        if not edits:
            return
        if piece.kind in TEXT_KINDS and piece.spans:
            self._text_edits(index, piece, edits)
        elif piece.kind in FIELD_KINDS and piece.spans:
            self._field_edits(index, piece, edits)
        elif piece.kind == "empty_litra":
            self._empty_litra(index, piece, edits)
        elif piece.kind == "table":
            return
        else:
            self._fixed(index, piece, edits)

    def _text_edits(self, index: int, piece: Piece, edits: list[PieceEdit]) -> None:
        span = piece.spans[0]
        model = self._model_text(piece, span.target)
        inside = [e for e in edits if span.start <= e[0] and e[1] <= span.end]
        outside = [e for e in edits if e not in inside]
        if outside:
            self._fixed(index, piece, outside, reason=_label_reason(piece))
        if not inside or model is None:
            return
        if not span.exact:
            new_shown = _apply(piece.text, inside)[span.start : span.end + _delta(inside)]
            who = merged_who([e[3] for e in inside])
            self._add_edit(piece, span.target, 0, len(model), model, new_shown, who)
            return
        for start, end, text, who in inside:
            at = span.model_start + start - span.start
            length = end - start
            self._add_edit(piece, span.target, at, at + length, model, text, who)

    def _add_edit(
        self, piece: Piece, part: str, start: int, end: int, model: str, new: str, who: Who
    ) -> None:
        old = model[start:end]
        if old == new:
            return
        self.changes.append(
            PendingChange(
                id="",
                kind="edit",
                letter=piece.letter,
                block=piece.block,
                part=part,
                start=start,
                end=end,
                old=old,
                new=new,
                before=model[max(0, start - CONTEXT) : start],
                after=model[end : end + CONTEXT],
                source=self.source,
                **who.fields(),
            )
        )

    def _model_text(self, piece: Piece, target: str) -> str | None:
        section = self.base.section(piece.letter) if piece.letter else None
        if section is None or piece.block is None or piece.block >= len(section.blocks):
            return None
        block = section.blocks[piece.block]
        if target == "text" and not isinstance(block, BudgetTable):
            return block.text
        if isinstance(block, BudgetTable) and target == "caption":
            return block.caption
        if isinstance(block, BudgetTable) and target == "note":
            return block.note
        return None

    def _field_edits(self, index: int, piece: Piece, edits: list[PieceEdit]) -> None:
        per_span: dict[Span, list[PieceEdit]] = {}
        outside = []
        for edit in edits:
            span = next((s for s in piece.spans if s.start <= edit[0] and edit[1] <= s.end), None)
            if span is None:
                outside.append(edit)
            else:
                per_span.setdefault(span, []).append(edit)
        if outside:
            # An edit over a separator: read every field from the new line instead.
            values = _by_fixed_parts(piece, _apply(piece.text, edits))
            if values is None:
                self._fixed(index, piece, edits, reason="tekst uden for felterne er ændret")
                return
            who = merged_who([e[3] for e in edits])
            for span, value in zip(piece.spans, values, strict=True):
                old = piece.text[span.start : span.end]
                if value != old:
                    self.set_field(span.target, old, value, who, piece)
            return
        for span, inside in per_span.items():
            old = piece.text[span.start : span.end]
            relative = [(s - span.start, e - span.start, t, w) for s, e, t, w in inside]
            self.set_field(
                span.target, old, _apply(old, relative), merged_who([e[3] for e in inside]), piece
            )

    def set_field(self, target: str, old: str, new: str, who: Who, piece: Piece) -> None:
        if new == old:
            return
        value = " ".join(new.split())
        if target in ("field:date", "field:signature_date"):
            day = parse_date(new)
            if day is None:
                self.unplaced(piece, new, f"»{new.strip()}« er ikke en dato", who)
                return
            value = day.isoformat()
        elif target == "field:ministry":
            value = value.rstrip(".").strip()
        if not value and target != "field:ministry":
            self.unplaced(piece, new, "feltet er tømt i Word", who)
            return
        self.changes.append(
            PendingChange(
                id="",
                kind="set",
                target=target,
                old=old,
                new=new,
                value=value,
                source=self.source,
                **who.fields(),
            )
        )

    def _empty_litra(self, index: int, piece: Piece, edits: list[PieceEdit]) -> None:
        label = len(piece.text)
        typed = [e for e in edits if e[0] >= label and e[0] == e[1]]
        rest = [e for e in edits if e not in typed]
        text = "".join(e[2] for e in typed).strip()
        if text and piece.letter:
            who = merged_who([e[3] for e in typed])
            self.insert_blocks(piece.letter, 0, [text], who)
        if rest:
            self._fixed(index, piece, rest)

    def _fixed(
        self, index: int, piece: Piece, edits: list[PieceEdit], reason: str | None = None
    ) -> None:
        new = _apply(piece.text, edits)
        who = merged_who([e[3] for e in edits])
        self.unplaced(piece, visible(new), reason or _fixed_reason(piece), who)

    # -- what has no place ---------------------------------------------------------

    def unplaced(self, piece: Piece, text: str, reason: str, who: Who) -> None:
        letter = piece.letter or self._nearest_letter(self.pieces.index(piece))
        self.unplaced_text(letter, text, reason, who, block=piece.block)

    def unplaced_text(
        self, letter: str | None, text: str, reason: str, who: Who, block: int | None = None
    ) -> None:
        self.changes.append(
            PendingChange(
                id="",
                kind="unplaced",
                letter=letter,
                block=block,
                new=visible(text),
                reason=reason,
                source=self.source,
                **who.fields(),
            )
        )


def _narrowed(text: str, edit: PieceEdit) -> PieceEdit | None:
    """The edit trimmed to the words it changes (a tracked replacement of
    '12. november 2024.' by '13. november 2024.' changes '12'); None when it
    changes nothing."""
    start, end, new, who = edit
    old = text[start:end]
    if not old or not new:
        return edit
    found = textdiff.changes(old, new)
    if not found:
        return None
    a0, b0 = found[0][0], found[0][2]
    a1, b1 = found[-1][1], found[-1][3]
    return (start + a0, start + a1, new[b0:b1], who)


def _by_fixed_parts(piece: Piece, new: str) -> list[str] | None:
    """The new value of each span, read from the new line by the fixed text
    between the spans ('. ', ', den ', '.'); None when the fixed text changed."""
    spans = sorted(piece.spans, key=lambda s: s.start)
    pattern, position = "", 0
    for span in spans:
        pattern += re.escape(piece.text[position : span.start]) + "(.*?)"
        position = span.end
    pattern += re.escape(piece.text[position:]) + "$"
    match = re.match(pattern, new, re.DOTALL)
    if match is None:
        return None
    values = dict(zip([id(s) for s in spans], match.groups(), strict=True))
    return [values[id(span)] for span in piece.spans]


def _apply(text: str, edits: Iterable[PieceEdit]) -> str:
    out: list[str] = []
    position = 0
    for start, end, new, *_ in sorted(edits, key=lambda e: (e[0], e[1])):
        out.append(text[position:start])
        out.append(new)
        position = max(position, end)
    out.append(text[position:])
    return "".join(out)


def _delta(edits: Iterable[PieceEdit]) -> int:
    return sum(len(e[2]) - (e[1] - e[0]) for e in edits)


def _fixed_reason(piece: Piece) -> str:
    if piece.kind == "consent":
        return "litra f's sætning kommer fra Finansministeriets godkendelse og rettes ikke i Word"
    if piece.kind == "addressee":
        return "»Til Finansudvalget.« skrives altid af programmet"
    if piece.kind == "header":
        return "hovedlinjen kunne ikke læses som ministerium, sted og dato"
    return f"{piece_name(piece)} skrives af programmet"


def _label_reason(piece: Piece) -> str:
    return f"litrabogstavet i litra {piece.letter} sættes af programmet"
