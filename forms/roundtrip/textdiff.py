"""Word-level differences between two texts, in character positions.

Texts are compared as words, runs of spaces and single signs, so a change is
reported as whole words ('hundrede' → 'tusind'), never as a scatter of
letters; changes only a few characters apart are one change.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from forms.lazyre import lazy_compile

_TOKEN = lazy_compile(r"\w+|\s+|[^\w\s]")
_WORD = lazy_compile(r"\w")

JOIN_GAP = 5
"""Changes closer than this many unchanged characters are read as one."""

Opcode = tuple[str, int, int, int, int]
"""('equal' | 'change', a_start, a_end, b_start, b_end) in characters."""


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def opcodes(a: str, b: str) -> list[Opcode]:
    """The texts as alternating equal and changed stretches covering both fully."""
    if a == b:
        return [("equal", 0, len(a), 0, len(b))] if a else []
    prefix = _common_prefix(a, b)
    while prefix > 0 and (_joined(a, prefix) or _joined(b, prefix)):
        prefix -= 1  # never cut a word: step back to where a token starts in both
    suffix = _common_suffix(a[prefix:], b[prefix:])
    while suffix > 0 and (_joined(a, len(a) - suffix) or _joined(b, len(b) - suffix)):
        suffix -= 1
    result: list[Opcode] = []
    if prefix:
        result.append(("equal", 0, prefix, 0, prefix))
    for tag, a0, a1, b0, b1 in _token_opcodes(
        a[prefix : len(a) - suffix], b[prefix : len(b) - suffix]
    ):
        result.append((tag, a0 + prefix, a1 + prefix, b0 + prefix, b1 + prefix))
    if suffix:
        result.append(("equal", len(a) - suffix, len(a), len(b) - suffix, len(b)))
    return _merged(result, a)


def changes(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """Only the changed stretches: (a_start, a_end, b_start, b_end)."""
    return [(a0, a1, b0, b1) for tag, a0, a1, b0, b1 in opcodes(a, b) if tag == "change"]


def _token_opcodes(a: str, b: str) -> list[Opcode]:
    if not a or not b:
        return [("change", 0, len(a), 0, len(b))] if a or b else []
    ta, tb = tokens(a), tokens(b)
    pa, pb = _positions(ta), _positions(tb)
    matcher = SequenceMatcher(None, ta, tb, autojunk=False)
    return [
        ("equal" if tag == "equal" else "change", pa[i1], pa[i2], pb[j1], pb[j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def _merged(ops: list[Opcode], a: str) -> list[Opcode]:
    """Join neighbouring stretches of the same kind, and two changes with only a
    few characters between them ('100,0 mio. kr.' → '100.0 mio kr' is one change)."""
    out: list[Opcode] = []
    for op in ops:
        if op[1] == op[2] and op[3] == op[4]:
            continue
        if out and out[-1][0] == op[0]:
            last = out.pop()
            op = (op[0], last[1], op[2], last[3], op[4])
        elif (
            op[0] == "change"
            and len(out) >= 2
            and out[-2][0] == "change"
            and out[-1][2] - out[-1][1] <= JOIN_GAP
        ):
            out.pop()
            first = out.pop()
            op = ("change", first[1], op[2], first[3], op[4])
        out.append(op)
    return out


def _word(char: str) -> bool:
    return bool(_WORD.match(char))


def _joined(text: str, index: int) -> bool:
    """Whether `index` falls inside a token of `text` (not at a token boundary)."""
    if index <= 0 or index >= len(text):
        return False
    left, right = text[index - 1], text[index]
    return (_word(left) and _word(right)) or (left.isspace() and right.isspace())


def _positions(parts: list[str]) -> list[int]:
    positions = [0]
    for part in parts:
        positions.append(positions[-1] + len(part))
    return positions


def _common_prefix(a: str, b: str) -> int:
    limit = min(len(a), len(b))
    index = 0
    while index < limit and a[index] == b[index]:
        index += 1
    return index


def _common_suffix(a: str, b: str) -> int:
    limit = min(len(a), len(b))
    index = 0
    while index < limit and a[-1 - index] == b[-1 - index]:
        index += 1
    return index
