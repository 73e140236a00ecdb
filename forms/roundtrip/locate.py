"""Edits of the exported text become pending changes of the draft.

An edit inside one piece (a paragraph, the header line, a caption …) falls in
one of the piece's spans and becomes an edit of that block text or a new value
of that field. An edit across paragraph ends (a paragraph added, deleted,
split or joined) is read paragraph by paragraph: the old paragraphs are paired
with the new ones, and what is left over was inserted or deleted. Whatever has
no place in the draft becomes an 'unplaced' change (I-01 once accepted).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from forms.amounts import AmountError, parse_amount
from forms.importing.patterns import parse_date
from forms.model import Aktstykke, BudgetTable, Paragraph, PendingChange
from forms.roundtrip import textdiff
from forms.roundtrip.changes import CONTEXT
from forms.roundtrip.shown import Piece, ShownDocument, Span
from forms.roundtrip.stream import PARA, TABLE, Edit
from forms.roundtrip.wordread import RTable

TEXT_KINDS = ("paragraph", "subheading", "caption", "note")
_LABEL = re.compile(r"^[a-f]\.\t")
FIELD_KINDS = ("header", "signature_date", "signature_name")


@dataclass
class Who:
    author: str | None = None
    date: dt.datetime | None = None
    move: str | None = None

    def fields(self) -> dict:
        group = f"move:{self.move}" if self.move else None
        return {
            "author": self.author,
            "date": self.date,
            "group": group,
            "move": bool(self.move),
        }


@dataclass
class _NewPara:
    text: str
    old: int | None = None
    """The old piece this paragraph is (a table kept in place)."""
    table: RTable | None = None
    whos: list[Who] = field(default_factory=list)
    """Who made the edits that touch this paragraph."""


def expected_text(shown: ShownDocument) -> tuple[str, list[int]]:
    """The exported document as one text (PARA after each piece, TABLE for a
    table) and where each piece starts in it."""
    parts: list[str] = []
    starts: list[int] = []
    position = 0
    for piece in shown.pieces:
        starts.append(position)
        text = (TABLE if piece.kind == "table" else piece.text) + PARA
        parts.append(text)
        position += len(text)
    return "".join(parts), starts


class Locator:
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
                relative = [(e.start - base, e.end - base, e.text, _who(e)) for e in members]
                self.on_piece(first, relative)
        return self.changes

    def _piece_at(self, position: int) -> int:
        return max(0, min(bisect_right(self.starts, position) - 1, len(self.pieces) - 1))

    def _groups(self, edits: list[Edit]):
        ranges = []
        for edit in edits:
            first = self._piece_at(edit.start)
            removed = self.text[edit.start : edit.end]
            structural = PARA in edit.text or TABLE in edit.text or PARA in removed
            last = self._piece_at(edit.end - 1) if edit.end > edit.start else first
            if removed.endswith(PARA) and not edit.text.endswith(PARA):
                last = min(last + 1, len(self.pieces) - 1)  # joined with the next paragraph
            ranges.append((first, last, edit, structural))
        ranges.sort(key=lambda item: (item[0], item[1]))
        groups: list[list] = []
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

    def on_piece(self, index: int, edits: list[tuple[int, int, str, Who]]) -> None:
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

    def _text_edits(self, index: int, piece: Piece, edits) -> None:
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
            who = _merged_who([e[3] for e in inside])
            self._add_edit(piece, span.target, 0, len(model), model, new_shown, who)
            return
        for start, end, text, who in inside:
            at = span.model_start + start - span.start
            length = end - start
            self._add_edit(piece, span.target, at, at + length, model, text, who)

    def _add_edit(self, piece, part, start, end, model, new, who: Who) -> None:
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
        if isinstance(block, BudgetTable) and target in ("caption", "note"):
            return getattr(block, target)
        return None

    def _field_edits(self, index: int, piece: Piece, edits) -> None:
        per_span: dict[Span, list] = {}
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
            who = _merged_who([e[3] for e in edits])
            for span, value in zip(piece.spans, values, strict=True):
                old = piece.text[span.start : span.end]
                if value != old:
                    self.set_field(span.target, old, value, who, piece)
            return
        for span, inside in per_span.items():
            old = piece.text[span.start : span.end]
            relative = [(s - span.start, e - span.start, t, w) for s, e, t, w in inside]
            self.set_field(
                span.target, old, _apply(old, relative), _merged_who([e[3] for e in inside]), piece
            )

    def set_field(self, target: str, old: str, new: str, who: Who, piece: Piece) -> None:
        if new == old:
            return
        value: str | None = " ".join(new.split())
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

    def _empty_litra(self, index: int, piece: Piece, edits) -> None:
        label = len(piece.text)
        typed = [e for e in edits if e[0] >= label and e[0] == e[1]]
        rest = [e for e in edits if e not in typed]
        text = "".join(e[2] for e in typed).strip()
        if text and piece.letter:
            who = _merged_who([e[3] for e in typed])
            self.insert_blocks(piece.letter, 0, [text], who)
        if rest:
            self._fixed(index, piece, rest)

    def _fixed(self, index: int, piece: Piece, edits, reason: str | None = None) -> None:
        new = _apply(piece.text, edits)
        who = _merged_who([e[3] for e in edits])
        self.unplaced(piece, _visible(new), reason or _fixed_reason(piece), who)

    # -- changes across paragraphs -------------------------------------------------

    def _structural(self, first: int, last: int, edits: list[Edit]) -> None:
        base = self.starts[first]
        end = self.starts[last + 1] if last + 1 < len(self.starts) else len(self.text)
        old_text = self.text[base:end]
        new_paras = self._new_paragraphs(old_text, base, edits)
        olds = list(range(first, last + 1))
        pairs = self._pair(olds, new_paras)
        paired_old = {old for old, _ in pairs.values()}
        insert_after: int | None = first - 1 if first > 0 else None
        waiting: list[tuple[str, Who]] = []

        def flush() -> None:
            while waiting:
                who = waiting[0][1]
                run = []
                while waiting and waiting[0][1] == who:
                    run.append(waiting.pop(0)[0])
                self._insert_after(insert_after, run, who)

        for position, para in enumerate(new_paras):
            who = _merged_who(para.whos) if para.whos else Who()
            if position in pairs:
                flush()
                old, _ = pairs[position]
                if self.pieces[old].kind != "table":
                    lead, text = self._label(old), _unlabelled(para.text)
                    old_text = self.pieces[old].text[lead:]
                    diffs = [
                        (a0 + lead, a1 + lead, text[b0:b1], who)
                        for a0, a1, b0, b1 in textdiff.changes(old_text, text)
                    ]
                    self.on_piece(old, diffs)
                insert_after = old
            elif para.table is not None or TABLE in para.text:
                flush()
                self._inserted_table(insert_after, para, who)
            elif _unlabelled(para.text).strip():
                waiting.append((_unlabelled(para.text), who))
        flush()
        deleted_tables = {
            (self.pieces[i].letter, self.pieces[i].block)
            for i in olds
            if i not in paired_old and self.pieces[i].kind == "table"
        }
        for index in olds:
            if index not in paired_old:
                self._deleted(index, self._remover(index, edits), deleted_tables)

    def _remover(self, index: int, edits: list[Edit]) -> Who:
        """Who removed the piece: the edits whose removal covers it."""
        start = self.starts[index]
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        covering = [_who(e) for e in edits if e.start <= start and e.end >= end - 1]
        return _merged_who(covering) if covering else Who()

    def _new_paragraphs(self, old_text: str, base: int, edits) -> list[_NewPara]:
        """The stretch with the edits applied, cut into paragraphs; a table kept
        in place remembers its old piece, an inserted one its table; each
        paragraph knows the edits that made it."""
        parts: list[tuple[str, int | None, Edit | None]] = []
        position = 0
        for edit in sorted(edits, key=lambda e: (e.start, e.end)):
            start, end = edit.start - base, edit.end - base
            parts.append((old_text[position:start], position, None))
            parts.append(("", None, edit))  # the edit touches the paragraph it is in
            parts.append((edit.text, None, edit))
            position = max(position, end)
        parts.append((old_text[position:], position, None))
        paras: list[_NewPara] = []
        current = _NewPara("")
        chars: list[str] = []
        for text, offset, edit in parts:
            if edit is not None and (not current.whos or current.whos[-1] is not _who(edit)):
                current.whos.append(_who(edit))
            tables = iter(edit.tables) if edit is not None else iter(())
            for i, char in enumerate(text):
                if char == PARA:
                    current.text = "".join(chars)
                    paras.append(current)
                    current, chars = _NewPara(""), []
                    if edit is not None:
                        current.whos.append(_who(edit))  # the edit goes on in the next one
                    continue
                if char == TABLE:
                    if edit is not None:
                        current.table = next(tables, None)
                    elif offset is not None:
                        current.old = self._piece_at(base + offset + i)
                chars.append(char)
        if chars or current.whos:
            current.text = "".join(chars)
            if chars:
                paras.append(current)
            elif paras:
                paras[-1].whos += current.whos
        return paras

    def _label(self, index: int) -> int:
        """The length of the litra label ('b.' and a tab) a text piece starts with;
        the layout sets labels, so paragraphs are paired and compared without them."""
        piece = self.pieces[index]
        if piece.kind in TEXT_KINDS and piece.spans and _LABEL.match(piece.text):
            return piece.spans[0].start
        return 0

    def _pair(self, olds: list[int], news: list[_NewPara]) -> dict[int, tuple[int, float]]:
        """new position → (old piece, similarity), in order, tables with themselves."""
        old_texts = [
            TABLE if self.pieces[i].kind == "table" else self.pieces[i].text[self._label(i) :]
            for i in olds
        ]
        new_texts = [_unlabelled(p.text) for p in news]
        pairs: dict[int, tuple[int, float]] = {}
        matcher = SequenceMatcher(None, old_texts, new_texts, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for offset in range(i2 - i1):
                    pairs[j1 + offset] = (olds[i1 + offset], 1.0)
            elif tag == "replace":
                self._pair_replaced(olds[i1:i2], news, j1, j2, pairs)
        return pairs

    def _pair_replaced(self, olds: list[int], news, j1: int, j2: int, pairs) -> None:
        """Old and new paragraphs of a rewritten stretch paired in order, most alike
        first (a dynamic programme over the stretch), never across a litra label."""
        if len(olds) * (j2 - j1) > 2500:
            return  # a document typed anew: read as deleted and inserted paragraphs
        weights = [
            [self._weight(old, news[j], len(olds) == j2 - j1) for j in range(j1, j2)]
            for old in olds
        ]
        rows, columns = len(olds), j2 - j1
        best = [[0.0] * (columns + 1) for _ in range(rows + 1)]
        for i in range(1, rows + 1):
            for j in range(1, columns + 1):
                weight = weights[i - 1][j - 1]
                diagonal = best[i - 1][j - 1] + weight if weight > 0 else -1.0
                best[i][j] = max(best[i - 1][j], best[i][j - 1], diagonal)
        i, j = rows, columns
        while i > 0 and j > 0:
            weight = weights[i - 1][j - 1]
            if weight > 0 and best[i][j] == best[i - 1][j - 1] + weight:
                pairs[j1 + j - 1] = (olds[i - 1], weight)
                i, j = i - 1, j - 1
            elif best[i][j] == best[i - 1][j]:
                i -= 1
            else:
                j -= 1

    def _weight(self, old: int, new: _NewPara, as_many: bool) -> float:
        piece = self.pieces[old]
        if piece.kind == "table" or TABLE in new.text:
            return 1.0 if new.old == old else 0.0
        label = _LABEL.match(new.text)
        if label and piece.letter != new.text[0]:
            return 0.0  # a paragraph labelled 'd.' is litra d's
        ratio = SequenceMatcher(
            None, piece.text[self._label(old) :], _unlabelled(new.text), autojunk=False
        ).ratio()
        if not label and self._label(old):
            return ratio if ratio >= 0.8 else 0.0  # the label typed away: only the same text
        if label and self._label(old):
            return max(ratio, 0.3)  # the litra's labelled paragraph, however rewritten
        if ratio >= 0.4:
            return ratio
        return 0.01 if as_many else 0.0  # one paragraph rewritten in its place

    def _insert_after(self, previous: int | None, texts: list[str], who: Who) -> None:
        locus = self._insert_locus(previous)
        if locus is None:
            nearest = self._nearest_letter(previous)
            for text in texts:
                self.unplaced_text(nearest, text, "tekst uden for litra", who)
            return
        letter, block = locus
        self.insert_blocks(letter, block, texts, who)

    def insert_blocks(self, letter: str, block: int, texts: list[str], who: Who) -> None:
        section = self.base.section(letter)
        blocks = section.blocks if section else []
        before = blocks[block - 1] if 0 < block <= len(blocks) else None
        after = blocks[block] if block < len(blocks) else None
        self.changes.append(
            PendingChange(
                id="",
                kind="insert_block",
                letter=letter,
                block=block,
                blocks=[Paragraph(text=_visible(text)) for text in texts],
                new="\n".join(_visible(t) for t in texts),
                before=_block_key(before),
                after=_block_key(after),
                source=self.source,
                **who.fields(),
            )
        )

    def _insert_locus(self, previous: int | None) -> tuple[str, int] | None:
        if previous is None or previous < 0:
            return None
        piece = self.pieces[previous]
        if piece.kind in ("header", "signature_date", "signature_name", "addressee"):
            return None
        if piece.letter is None:
            return None
        if piece.kind in ("empty_litra", "consent"):
            return piece.letter, 0
        if piece.block is None:
            return None
        if piece.kind == "caption":
            return piece.letter, piece.block
        return piece.letter, piece.block + 1

    def _nearest_letter(self, previous: int | None) -> str | None:
        letters = self.shown.letters
        if not letters:
            return None
        if previous is None or previous < 0:
            return letters[0]
        for index in range(previous, -1, -1):
            if self.pieces[index].letter:
                return self.pieces[index].letter
        return letters[0]

    def _inserted_table(self, previous: int | None, para: _NewPara, who: Who) -> None:
        text = table_text(para.table) if para.table is not None else para.text.replace(TABLE, "")
        self.unplaced_text(self._nearest_letter(previous), text, "en tabel er tilføjet i Word", who)

    def _deleted(self, index: int, who: Who, deleted_tables) -> None:
        piece = self.pieces[index]
        if piece.kind in ("paragraph", "subheading", "table") and piece.block is not None:
            section = self.base.section(piece.letter) if piece.letter else None
            if section is None or piece.block >= len(section.blocks):
                return
            block = section.blocks[piece.block]
            old = block.caption or "tabel" if isinstance(block, BudgetTable) else block.text
            self.changes.append(
                PendingChange(
                    id="",
                    kind="delete_block",
                    letter=piece.letter,
                    block=piece.block,
                    old=old,
                    source=self.source,
                    **who.fields(),
                )
            )
            return
        if piece.kind in ("caption", "note") and piece.spans:
            if (piece.letter, piece.block) in deleted_tables:
                return
            span = piece.spans[0]
            self.on_piece(index, [(span.start, span.end, "", who)])
            return
        self.unplaced(piece, "", f"{_piece_name(piece)} er slettet i Word", who)

    # -- what has no place ---------------------------------------------------------

    def unplaced(self, piece: Piece, text: str, reason: str, who: Who) -> None:
        letter = piece.letter or self._nearest_letter(self.pieces.index(piece))
        self.unplaced_text(letter, text, reason, who, block=piece.block)

    def unplaced_text(self, letter, text, reason, who: Who, block: int | None = None) -> None:
        self.changes.append(
            PendingChange(
                id="",
                kind="unplaced",
                letter=letter,
                block=block,
                new=_visible(text),
                reason=reason,
                source=self.source,
                **who.fields(),
            )
        )


def table_text(table: RTable) -> str:
    """An added table as text: one line per row, cells separated by tabs."""
    from forms.roundtrip.cells import accepted_text

    lines = []
    for row in table.rows:
        if row.revision is not None and row.revision.kind in ("del", "moveFrom"):
            continue
        lines.append("\t".join(accepted_text(cell) for cell in row.cells))
    return "\n".join(lines)


def _who(edit: Edit) -> Who:
    if not edit.tracked:
        return Who()
    return Who(edit.author or "", edit.date, edit.move)


def _merged_who(whos: list[Who]) -> Who:
    """One author for edits made together; unknown when they differ."""
    if not whos or any(w.author is None for w in whos):
        return Who()
    authors = {w.author for w in whos}
    moves = {w.move for w in whos}
    if len(authors) != 1:
        return Who()
    dates = [w.date for w in whos if w.date]
    return Who(
        whos[0].author, max(dates) if dates else None, moves.pop() if len(moves) == 1 else None
    )


def _unlabelled(text: str) -> str:
    return _LABEL.sub("", text, count=1)


def _narrowed(text: str, edit):
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


def _apply(text: str, edits) -> str:
    out: list[str] = []
    position = 0
    for start, end, new, *_ in sorted(edits, key=lambda e: (e[0], e[1])):
        out.append(text[position:start])
        out.append(new)
        position = max(position, end)
    out.append(text[position:])
    return "".join(out)


def _delta(edits) -> int:
    return sum(len(e[2]) - (e[1] - e[0]) for e in edits)


def _visible(text: str) -> str:
    return text.replace(PARA, "\n").replace(TABLE, "").strip("\n")


def _block_key(block) -> str:
    if block is None:
        return ""
    if isinstance(block, BudgetTable):
        return block.caption
    return block.text[:CONTEXT]


def _piece_name(piece: Piece) -> str:
    return {
        "header": "hovedlinjen",
        "signature_date": "underskriftens dato",
        "signature_name": "ministerens navn",
        "addressee": "»Til Finansudvalget.«",
        "consent": "litra f's sætning",
        "empty_litra": f"litra {piece.letter}",
        "caption": "tabeloverskriften",
        "note": "tabelnoten",
    }.get(piece.kind, "teksten")


def _fixed_reason(piece: Piece) -> str:
    if piece.kind == "consent":
        return "litra f's sætning kommer fra Finansministeriets godkendelse og rettes ikke i Word"
    if piece.kind == "addressee":
        return "»Til Finansudvalget.« skrives altid af programmet"
    if piece.kind == "header":
        return "hovedlinjen kunne ikke læses som ministerium, sted og dato"
    return f"{_piece_name(piece)} skrives af programmet"


def _label_reason(piece: Piece) -> str:
    return f"litrabogstavet i litra {piece.letter} sættes af programmet"


def parse_cell_amount(text: str):
    """An amount typed in a cell: Decimal, None for '-', or AmountError."""
    return parse_amount(text.strip())


__all__ = ["AmountError", "Locator", "Who", "expected_text", "parse_cell_amount", "table_text"]
