"""What the returned document shows, against what was exported: every
difference as an edit of the exported text, tracked or typed.

The exported text (from the embedded draft) is compared with the returned
text with tracked changes rejected: what differs there was typed without
tracking ("ukendt forfatter"). The tracked revisions are then carried over
onto the exported text; where a tracked revision touches untracked typing,
the two become one edit of unknown author, as nobody can tell them apart.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher

from forms.roundtrip import textdiff
from forms.roundtrip.labels import label_letter
from forms.roundtrip.stream import PARA, TABLE, Edit, Stream
from forms.roundtrip.wordread import RTable

Region = tuple[str, int, int, int, int]
"""('equal' | 'change', e_start, e_end, o_start, o_end)."""


@dataclass
class Alignment:
    regions: list[Region]

    def __post_init__(self) -> None:
        self._starts = [r[3] for r in self.regions]

    def region_at(self, position: int) -> Region | None:
        """The equal region holding `position` of the returned text (ends included)."""
        index = bisect_right(self._starts, position) - 1
        for candidate in (index, index - 1):
            if 0 <= candidate < len(self.regions):
                region = self.regions[candidate]
                if region[0] == "equal" and region[3] <= position <= region[4]:
                    return region
        return None

    def to_expected(self, position: int) -> int:
        """A position of the returned text on the exported text (inside a
        changed stretch: its start)."""
        region = self.region_at(position)
        if region is not None:
            return region[1] + position - region[3]
        index = max(0, bisect_right(self._starts, position) - 1)
        if index < len(self.regions):
            return self.regions[index][1]
        return self.regions[-1][2] if self.regions else 0


def align(expected: str, returned: str) -> Alignment:
    """Paragraph by paragraph first (fast on long drafts), then word by word
    inside the paragraphs that differ."""
    if expected == returned:
        return Alignment([("equal", 0, len(expected), 0, len(returned))])
    e_paras, e_at = _paragraphs(expected)
    o_paras, o_at = _paragraphs(returned)
    regions: list[Region] = []
    matcher = SequenceMatcher(None, e_paras, o_paras, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        e0, e1, o0, o1 = e_at[i1], e_at[i2], o_at[j1], o_at[j2]
        if tag == "equal":
            _add(regions, ("equal", e0, e1, o0, o1))
        elif tag == "replace" and i2 - i1 == j2 - j1 and _alike(e_paras[i1:i2], o_paras[j1:j2]):
            # As many paragraphs each side: each edited in place, compared one by one.
            for offset in range(i2 - i1):
                ea, eb = e_at[i1 + offset], e_at[i1 + offset + 1]
                oa, ob = o_at[j1 + offset], o_at[j1 + offset + 1]
                for sub, a0, a1, b0, b1 in textdiff.opcodes(expected[ea:eb], returned[oa:ob]):
                    _add(regions, (sub, ea + a0, ea + a1, oa + b0, oa + b1))
        elif tag == "replace":
            for sub, a0, a1, b0, b1 in textdiff.opcodes(expected[e0:e1], returned[o0:o1]):
                _add(regions, (sub, e0 + a0, e0 + a1, o0 + b0, o0 + b1))
        else:
            _add(regions, ("change", e0, e1, o0, o1))
    return Alignment(regions)


def _alike(olds: list[str], news: list[str]) -> bool:
    """Whether paragraphs could each be edited in place: tables facing tables, and
    each litra label where it was (a label that moved means paragraphs were added
    or removed at a litra's start, read by the locator paragraph by paragraph)."""
    return all(
        label_letter(old) == label_letter(new) and old.startswith(TABLE) == new.startswith(TABLE)
        for old, new in zip(olds, news, strict=True)
    )


def _paragraphs(text: str) -> tuple[list[str], list[int]]:
    """Each paragraph with its end mark, and where each starts (plus the end)."""
    paras: list[str] = []
    starts = [0]
    position = 0
    while position < len(text):
        end = text.find(PARA, position)
        end = len(text) if end < 0 else end + 1
        paras.append(text[position:end])
        starts.append(end)
        position = end
    return paras, starts


def _add(regions: list[Region], region: Region) -> None:
    if region[1] == region[2] and region[3] == region[4]:
        return
    if regions and regions[-1][0] == region[0]:
        last = regions.pop()
        region = (region[0], last[1], region[2], last[3], region[4])
    regions.append(region)


def expected_edits(expected: str, stream: Stream) -> tuple[list[Edit], Alignment]:
    """Every difference between the exported text and what the returned
    document shows, as edits of the exported text, in order."""
    alignment = align(expected, stream.text)
    changed = [(r[3], r[4]) for r in alignment.regions if r[0] == "change"]
    changed_starts = [first for first, _ in changed]
    exact: list[Edit] = []
    mixed: list[Edit] = []
    for edit in stream.edits:
        region = alignment.region_at(edit.start)
        if (
            region is not None
            and edit.end <= region[4]
            and not _touches(changed, changed_starts, edit)
        ):
            shift = region[1] - region[3]
            exact.append(_moved(edit, edit.start + shift, edit.end + shift))
        else:
            mixed.append(edit)
    clusters = _clusters(alignment, mixed)
    out = exact + [_cluster_edit(alignment, stream, *cluster) for cluster in clusters]
    # Typing undone by a tracked change (or the reverse) leaves the text as exported.
    out = [e for e in out if e.text != expected[e.start : e.end]]
    out.sort(key=lambda e: (e.start, e.end))
    return out, alignment


def _touches(changed: list[tuple[int, int]], starts: list[int], edit: Edit) -> bool:
    """Whether the tracked edit meets an untracked stretch (closed intervals)."""
    index = bisect_right(starts, edit.end) - 1
    while index >= 0:
        first, last = changed[index]
        if last < edit.start:
            return False
        if first <= edit.end and edit.start <= last:
            return True
        index -= 1
    return False


def _moved(edit: Edit, start: int, end: int) -> Edit:
    return Edit(
        start, end, edit.text, edit.author, edit.date, edit.move, edit.tracked, list(edit.tables)
    )


def _clusters(alignment: Alignment, mixed: list[Edit]) -> list[tuple[int, int, list[Edit]]]:
    """Untracked stretches joined with the tracked edits that touch them, as
    stretches of the returned text (closed intervals overlap)."""
    intervals: list[tuple[int, int, Edit | None]] = [
        (r[3], r[4], None) for r in alignment.regions if r[0] == "change"
    ]
    intervals += [(e.start, e.end, e) for e in mixed]
    intervals.sort(key=lambda item: (item[0], item[1]))
    clusters: list[tuple[int, int, list[Edit]]] = []
    for start, end, edit in intervals:
        if clusters and start <= clusters[-1][1]:
            first, last, edits = clusters[-1]
            clusters[-1] = (first, max(last, end), edits + ([edit] if edit else []))
        else:
            clusters.append((start, end, [edit] if edit else []))
    return clusters


def _cluster_edit(
    alignment: Alignment, stream: Stream, start: int, end: int, edits: list[Edit]
) -> Edit:
    e_start = _expected_start(alignment, start)
    e_end = _expected_end(alignment, end)
    pieces: list[str] = []
    tables: list[RTable] = []

    def keep(first: int, last: int) -> None:
        pieces.append(stream.text[first:last])
        tables.extend(
            stream.tables[i]
            for i in range(first, last)
            if stream.text[i] == TABLE and i in stream.tables
        )

    position = start
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        keep(position, max(position, edit.start))
        pieces.append(edit.text)
        tables += edit.tables
        position = max(position, edit.end)
    keep(position, end)
    return Edit(e_start, e_end, "".join(pieces), None, None, None, False, tables)


def _expected_start(alignment: Alignment, position: int) -> int:
    for region in alignment.regions:
        if region[3] <= position <= region[4] and (region[0] == "change" or position < region[4]):
            if region[0] == "change":
                return region[1]
            return region[1] + position - region[3]
    return alignment.to_expected(position)


def _expected_end(alignment: Alignment, position: int) -> int:
    for region in reversed(alignment.regions):
        if region[3] <= position <= region[4] and (region[0] == "change" or position > region[3]):
            if region[0] == "change":
                return region[2]
            return region[1] + position - region[3]
    return alignment.to_expected(position)
