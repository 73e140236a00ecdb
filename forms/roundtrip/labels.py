"""Litra labels ('d.' and a tab) in a returned file: where each litra starts.

The layout draws a litra's label on its first paragraph (a table's on the
caption line above it). So the label moves whenever paragraphs are added or
removed at the start of a litra: deleting the first paragraph hands the label
to the next one, a paragraph typed in front of it takes it. A label is never
text of the draft; what it tells is which litra the paragraphs after it are in,
and that is how a returned file is read: a paragraph shown before the 'd.' is
litra c's, one shown after it litra d's, whichever paragraph carries it now.
"""

from __future__ import annotations

from typing import Any

from forms.roundtrip.pieces import LABEL, TEXT_KINDS
from forms.roundtrip.shown import Piece
from forms.roundtrip.stream import PARA, Edit

ANY = "*"
"""The litra of a new paragraph when the labels do not tell (see new_litras)."""


def label_length(piece: Piece) -> int:
    """How many characters of the piece's text are its litra label (0: none)."""
    if piece.kind in TEXT_KINDS and piece.spans and LABEL.match(piece.text):
        return piece.spans[0].start  # the text before the block's own span is the label
    if piece.kind in ("empty_litra", "consent") and piece.letter:
        match = LABEL.match(piece.text)
        if match and piece.text[0] == piece.letter:
            return match.end()
    return 0


def label_letter(text: str) -> str | None:
    """The litra whose label a returned paragraph starts with."""
    return text[0] if LABEL.match(text) else None


def new_litras(pieces: tuple[Piece, ...], olds: list[int], news: list[str]) -> list[str | None]:
    """The litra each new paragraph of a rewritten stretch is in, as the file
    shows it (None: outside every litra, before litra a).

    The stretch of old pieces `olds` holds the labels of some litra; each of
    those labels must show once, in order, among the new paragraphs, and a
    litra starts at its label. When they do not (a label typed away, labels
    swapped), the labels do not tell and every paragraph's litra is ANY."""
    held = [pieces[i].letter for i in olds if label_length(pieces[i])]
    if not held:
        return [ANY] * len(news)
    shown = [(j, label_letter(t)) for j, t in enumerate(news) if label_letter(t) in held]
    if [letter for _, letter in shown] != held:
        return [ANY] * len(news)
    first = olds[0]
    current = pieces[first].letter
    if label_length(pieces[first]):
        current = pieces[first - 1].letter if first > 0 else None
    starts = dict(shown)
    out: list[str | None] = []
    for j in range(len(news)):
        current = starts.get(j, current)
        out.append(current)
    return out


TABLE_KINDS = ("caption", "table", "note")


def fits(piece: Piece, litra: str | None) -> bool:
    """Whether a new paragraph in `litra` can be `piece` kept (the header,
    'Til Finansudvalget.' and the signature belong to no litra: any). A table
    with its caption and note stays in its litra wherever the label is shown
    (see astray)."""
    return (
        litra == ANY or piece.letter is None or piece.letter == litra or piece.kind in TABLE_KINDS
    )


def astray(piece: Piece, litra: str | None) -> bool:
    """A table kept (or its caption, note) shown in another litra than its own:
    its litra's label was moved past it, which the layout cannot follow."""
    return piece.kind in TABLE_KINDS and litra != ANY and piece.letter not in (None, litra)


def moved_labels(
    pieces: tuple[Piece, ...], starts: list[int], text: str, ranges: list[list[Any]]
) -> None:
    """Join the edits that take a litra's label off one paragraph with those that
    put it on another into one stretch read paragraph by paragraph.

    `ranges` are [first piece, last piece, edit, structural] of each edit of
    the exported `text`; those of a moved label become structural and span both
    ends. A label only typed away or only typed on stays an edit of its piece
    (it has no place: the layout sets labels)."""
    removed: dict[str, list[list[Any]]] = {}
    added: dict[str, list[list[Any]]] = {}
    for item in ranges:
        first, last, edit = item[0], item[1], item[2]
        for index in range(first, min(last, len(pieces) - 1) + 1):
            length = label_length(pieces[index])
            at = starts[index]
            if length and edit.removes and edit.start < at + length and edit.end > at:
                removed.setdefault(pieces[index].letter or "", []).append(item)
        for letter in _labels_put(text, edit):
            added.setdefault(letter, []).append(item)
    for letter, takers in added.items():
        givers = removed.get(letter, [])
        if not any(g[2] is not t[2] for g in givers for t in takers):
            continue
        moved = givers + takers
        first = min(item[0] for item in moved)
        last = max(item[1] for item in moved)
        for item in moved:
            item[0], item[1], item[3] = first, last, True


def _labels_put(text: str, edit: Edit) -> list[str]:
    """The litra labels the edit's text puts at the start of a paragraph."""
    out = []
    at_start = edit.start == 0 or text[edit.start - 1] == PARA
    for index, part in enumerate(edit.text.split(PARA)):
        if (index > 0 or at_start) and (letter := label_letter(part)):
            out.append(letter)
    return out
