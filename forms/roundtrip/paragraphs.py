"""Edits across paragraph ends: paragraphs added, deleted, split or joined.

The stretch of the exported text an edit touches is cut into the old
paragraphs and, with the edit applied, the new ones; they are paired in order
(most alike first, never across a litra label), and what is left over was
inserted or deleted. Which litra a new paragraph is in, the labels tell
(forms.roundtrip.labels): one shown after 'd.' is litra d's, and one typed in
front of litra d's first paragraph, taking its label, starts litra d. A mixin
of forms.roundtrip.locate.Locator, which holds the pieces and turns edits
inside one piece into changes.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from forms.model import Aktstykke, BudgetTable, Paragraph, PendingChange
from forms.roundtrip import textdiff
from forms.roundtrip.labels import ANY, TABLE_KINDS, astray, fits, label_length, new_litras
from forms.roundtrip.pieces import (
    LABEL,
    PieceEdit,
    Who,
    block_key,
    merged_who,
    piece_name,
    table_text,
    unlabelled,
    visible,
    who_of,
)
from forms.roundtrip.shown import Piece, ShownDocument
from forms.roundtrip.stream import PARA, TABLE, Edit
from forms.roundtrip.wordread import RTable


@dataclass
class _NewPara:
    text: str
    old: int | None = None
    """The old piece this paragraph is (a table kept in place)."""
    table: RTable | None = None
    whos: list[Who] = field(default_factory=list)
    """Who made the edits that touch this paragraph."""


class AcrossParagraphs:
    """Uses the Locator's pieces, starts, text, base, source and changes, and its
    on_piece, unplaced and unplaced_text for what lands inside one piece."""

    base: Aktstykke
    shown: ShownDocument
    pieces: tuple[Piece, ...]
    source: str
    text: str
    starts: list[int]
    changes: list[PendingChange]

    if TYPE_CHECKING:  # the Locator's (forms.roundtrip.locate)

        def on_piece(self, index: int, edits: list[PieceEdit]) -> None: ...

        def unplaced(self, piece: Piece, text: str, reason: str, who: Who) -> None: ...

        def unplaced_text(
            self, letter: str | None, text: str, reason: str, who: Who, block: int | None = None
        ) -> None: ...

        def _piece_at(self, position: int) -> int: ...

    def _structural(self, first: int, last: int, edits: list[Edit]) -> None:
        base = self.starts[first]
        end = self.starts[last + 1] if last + 1 < len(self.starts) else len(self.text)
        old_text = self.text[base:end]
        new_paras = self._new_paragraphs(old_text, base, edits)
        olds = list(range(first, last + 1))
        litras = new_litras(self.pieces, olds, [p.text for p in new_paras])
        pairs = self._pair(olds, new_paras, litras)
        paired_old = {old for old, _ in pairs.values()}
        insert_after: int | None = first - 1 if first > 0 else None
        # A litra whose label was passed and none of whose paragraphs is kept yet:
        # what is typed now goes first into it.
        opening: str | None = None
        waiting: list[tuple[str, Who]] = []

        def flush() -> None:
            while waiting:
                who = waiting[0][1]
                run = []
                while waiting and waiting[0][1] == who:
                    run.append(waiting.pop(0)[0])
                if opening is not None:
                    self.insert_blocks(opening, 0, run, who)
                else:
                    self._insert_after(insert_after, run, who)

        for position, para in enumerate(new_paras):
            who = merged_who(para.whos) if para.whos else Who()
            litra = litras[position]
            if litra != ANY and litra != (litras[position - 1] if position else None):
                flush()
                opening = self._opened(litra, insert_after)
            if position in pairs:
                flush()
                opening = None
                old, _ = pairs[position]
                if self.pieces[old].kind != "table":
                    lead, text = self._label(old), unlabelled(para.text)
                    old_text = self.pieces[old].text[lead:]
                    diffs = [
                        (a0 + lead, a1 + lead, text[b0:b1], who)
                        for a0, a1, b0, b1 in textdiff.changes(old_text, text)
                    ]
                    self.on_piece(old, diffs)
                insert_after = old
            elif para.table is not None or TABLE in para.text:
                flush()
                self._inserted_table(insert_after, para, who, opening)
            elif unlabelled(para.text).strip():
                waiting.append((unlabelled(para.text), who))
        flush()
        self._tables_astray(pairs, litras, new_paras)
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
        covering = [who_of(e) for e in edits if e.start <= start and e.end >= end - 1]
        return merged_who(covering) if covering else Who()

    def _new_paragraphs(self, old_text: str, base: int, edits: list[Edit]) -> list[_NewPara]:
        """The stretch with the edits applied, cut into paragraphs; a table kept
        in place remembers its old piece, an inserted one its table; each
        paragraph knows the edits that made it."""
        parts: list[tuple[str, int | None, Edit | None]] = []
        position = 0
        for step in sorted(edits, key=lambda e: (e.start, e.end)):
            start, end = step.start - base, step.end - base
            parts.append((old_text[position:start], position, None))
            parts.append(("", None, step))  # the edit touches the paragraph it is in
            parts.append((step.text, None, step))
            position = max(position, end)
        parts.append((old_text[position:], position, None))
        paras: list[_NewPara] = []
        current = _NewPara("")
        chars: list[str] = []
        for text, offset, edit in parts:
            if edit is not None and (not current.whos or current.whos[-1] is not who_of(edit)):
                current.whos.append(who_of(edit))
            tables = iter(edit.tables) if edit is not None else iter(())
            for i, char in enumerate(text):
                if char == PARA:
                    current.text = "".join(chars)
                    paras.append(current)
                    current, chars = _NewPara(""), []
                    if edit is not None:
                        current.whos.append(who_of(edit))  # the edit goes on in the next one
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
        """The length of the litra label ('b.' and a tab) a piece starts with;
        the layout sets labels, so paragraphs are paired and compared without them."""
        return label_length(self.pieces[index])

    def _opened(self, litra: str | None, previous: int | None) -> str | None:
        """The litra a paragraph shown after its label goes first into, when the
        paragraph kept before it is another litra's."""
        if litra is None or self.base.section(litra) is None:
            return None
        if previous is not None and previous >= 0 and self.pieces[previous].letter == litra:
            return None
        return litra

    def _pair(
        self, olds: list[int], news: list[_NewPara], litras: list[str | None]
    ) -> dict[int, tuple[int, float]]:
        """new position → (old piece, similarity), in order, tables with themselves,
        each in its litra."""
        old_texts = [
            TABLE if self.pieces[i].kind == "table" else self.pieces[i].text[self._label(i) :]
            for i in olds
        ]
        new_texts = [unlabelled(p.text) for p in news]
        old_keys, new_keys = _keys(self.pieces, olds, old_texts, new_texts, litras)
        pairs: dict[int, tuple[int, float]] = {}
        matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for offset in range(i2 - i1):
                    if fits(self.pieces[olds[i1 + offset]], litras[j1 + offset]):
                        pairs[j1 + offset] = (olds[i1 + offset], 1.0)
            elif tag == "replace":
                self._pair_replaced(olds[i1:i2], news, j1, j2, pairs, litras)
        self._unpair_captions_of_deleted_tables(olds, pairs)
        return pairs

    def _tables_astray(
        self,
        pairs: dict[int, tuple[int, float]],
        litras: list[str | None],
        news: list[_NewPara],
    ) -> None:
        """A label moved past a kept table has no place (the table stays in its
        litra): said once per table, so the author sees it."""
        said: set[tuple[str | None, int | None]] = set()
        for position, (old, _) in sorted(pairs.items()):
            piece = self.pieces[old]
            key = (piece.letter, piece.block)
            if astray(piece, litras[position]) and key not in said:
                said.add(key)
                reason = (
                    f"litrabogstavet i litra {piece.letter} sættes af programmet: "
                    f"tabellen bliver i litra {piece.letter}"
                )
                whos = news[position].whos
                self.unplaced(piece, "", reason, merged_who(whos) if whos else Who())

    def _unpair_captions_of_deleted_tables(
        self, olds: list[int], pairs: dict[int, tuple[int, float]]
    ) -> None:
        """A caption or note goes with its table: when the table is gone, the new
        paragraph paired with its caption (the label's line) was typed anew."""
        kept = {old for old, _ in pairs.values()}
        gone = {
            (self.pieces[i].letter, self.pieces[i].block)
            for i in olds
            if self.pieces[i].kind == "table" and i not in kept
        }
        for position, (old, _) in list(pairs.items()):
            piece = self.pieces[old]
            if piece.kind in ("caption", "note") and (piece.letter, piece.block) in gone:
                del pairs[position]

    def _pair_replaced(
        self,
        olds: list[int],
        news: list[_NewPara],
        j1: int,
        j2: int,
        pairs: dict[int, tuple[int, float]],
        litras: list[str | None],
    ) -> None:
        """Old and new paragraphs of a rewritten stretch paired in order, most alike
        first (a dynamic programme over the stretch), never across a litra label."""
        if len(olds) * (j2 - j1) > 2500:
            return  # a document typed anew: read as deleted and inserted paragraphs
        weights = [
            [self._weight(old, news[j], len(olds) == j2 - j1, litras[j]) for j in range(j1, j2)]
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

    def _weight(self, old: int, new: _NewPara, as_many: bool, litra: str | None) -> float:
        piece = self.pieces[old]
        if not fits(piece, litra):
            return 0.0  # shown in another litra: removed there, typed here
        if piece.kind == "table" or TABLE in new.text:
            return 1.0 if new.old == old else 0.0
        label = LABEL.match(new.text)
        if label and piece.letter != new.text[0]:
            return 0.0  # a paragraph labelled 'd.' is litra d's
        old_text, new_text = piece.text[self._label(old) :], unlabelled(new.text)
        if old_text.strip() and not new_text.strip():
            return 0.0  # an empty line (an emptied litra's label) is no paragraph kept
        ratio = SequenceMatcher(None, old_text, new_text, autojunk=False).ratio()
        if not label and self._label(old) and litra == ANY:
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
                blocks=[Paragraph(text=visible(text)) for text in texts],
                new="\n".join(visible(t) for t in texts),
                before=block_key(before),
                after=block_key(after),
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

    def _inserted_table(
        self, previous: int | None, para: _NewPara, who: Who, litra: str | None = None
    ) -> None:
        text = table_text(para.table) if para.table is not None else para.text.replace(TABLE, "")
        letter = litra or self._nearest_letter(previous)
        self.unplaced_text(letter, text, "en tabel er tilføjet i Word", who)

    def _deleted(
        self, index: int, who: Who, deleted_tables: set[tuple[str | None, int | None]]
    ) -> None:
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
        self.unplaced(piece, "", f"{piece_name(piece)} er slettet i Word", who)


def _keys(
    pieces: Sequence[Piece],
    olds: list[int],
    old_texts: list[str],
    new_texts: list[str],
    litras: list[str | None],
) -> tuple[Sequence[Hashable], Sequence[Hashable]]:
    """What pairs a paragraph with an unchanged old one: its text, and its litra
    where the labels tell it (a paragraph shown after 'd.' is never litra c's
    paragraph kept, however alike). Pieces of no litra and tables go by text."""
    if all(litra == ANY for litra in litras):
        return old_texts, new_texts
    free = {
        text
        for i, text in zip(olds, old_texts, strict=True)
        if pieces[i].letter is None or pieces[i].kind in TABLE_KINDS
    }
    old_keys = [
        ("", text) if text in free else (pieces[i].letter, text)
        for i, text in zip(olds, old_texts, strict=True)
    ]
    new_keys = [
        ("", text) if text in free else (litra, text)
        for litra, text in zip(litras, new_texts, strict=True)
    ]
    return old_keys, new_keys
