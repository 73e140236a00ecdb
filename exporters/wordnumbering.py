"""Word's automatic numbering: the label a numbered paragraph shows ('a.', '1)', '•').

Counted per list in document order, as Word does, so a label someone put in
front of litra a through numbering.xml is read as text like any other.
"""

from __future__ import annotations

from lxml.etree import _Element

from exporters.wordlook import StyleSheet
from exporters.wordxml import w

MAX_LEVEL = 9
ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _roman(n: int) -> str:
    out = []
    for value, letters in ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word's letter numbering repeats the letter: a … z, aa … zz, aaa …
    if n <= 0:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


def _int(element: _Element | None, default: int = 0) -> int:
    try:
        return int(element.get(w("val")) or "") if element is not None else default
    except (TypeError, ValueError):
        return default


class Numbering:
    """numbering.xml: which list a paragraph belongs to, and its counters so far."""

    def __init__(self, root: _Element | None, styles: StyleSheet):
        self.styles = styles
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.abstract: dict[str, _Element] = {}
        self.counters: dict[str, list[int | None]] = {}
        if root is None:
            return
        for abstract in root.findall(w("abstractNum")):
            self.abstract.setdefault(abstract.get(w("abstractNumId")) or "", abstract)
        for num in root.findall(w("num")):
            ref = num.find(w("abstractNumId"))
            overrides = {}
            for override in num.findall(w("lvlOverride")):
                start = override.find(w("startOverride"))
                if start is not None:
                    overrides[_int_attr(override, "ilvl")] = _int(start)
            self.nums.setdefault(
                num.get(w("numId")) or "",
                ((ref.get(w("val")) or "") if ref is not None else "", overrides),
            )

    def _levels(self, num_id: str, depth: int = 0) -> tuple[_Element | None, dict[int, int]]:
        abstract_id, overrides = self.nums.get(num_id, ("", {}))
        abstract = self.abstract.get(abstract_id)
        if abstract is None:
            return None, overrides
        link = abstract.find(w("numStyleLink"))
        if link is not None and depth < 2:
            # A list style: its numbering lives in the num its style names.
            style = self.styles.styles.get(link.get(w("val")) or "")
            num = style.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}") if style is not None else None
            if num is not None:
                return self._levels(num.get(w("val")) or "", depth + 1)
        return abstract, overrides

    def label(self, num_id: str, level: int) -> tuple[str, _Element | None] | None:
        """The next label of list `num_id` at `level`, and the level's rPr; None when the
        paragraph is not numbered after all (numId 0, an unknown list or level)."""
        if not num_id or num_id == "0" or not 0 <= level < MAX_LEVEL:
            return None
        abstract, overrides = self._levels(num_id)
        if abstract is None:
            return None
        levels = {_int_attr(lvl, "ilvl"): lvl for lvl in abstract.findall(w("lvl"))}
        lvl = levels.get(level)
        if lvl is None:
            return None
        counters = self.counters.setdefault(num_id, [None] * MAX_LEVEL)

        def start_of(index: int) -> int:
            if index in overrides:
                return overrides[index]
            return _int(levels[index].find(w("start")), 0) if index in levels else 1

        current = counters[level]
        counters[level] = start_of(level) if current is None else current + 1
        for deeper in range(level + 1, MAX_LEVEL):
            counters[deeper] = None
        fmt = lvl.find(w("numFmt"))
        fmt_value = fmt.get(w("val")) if fmt is not None else "decimal"
        text_element = lvl.find(w("lvlText"))
        text = (text_element.get(w("val")) or "") if text_element is not None else ""
        if fmt_value != "bullet":
            for index in range(MAX_LEVEL):
                placeholder = f"%{index + 1}"
                if placeholder in text:
                    counted = counters[index]
                    value = counted if counted is not None else start_of(index)
                    level_fmt = levels.get(index)
                    level_fmt = level_fmt.find(w("numFmt")) if level_fmt is not None else None
                    fmt_name = level_fmt.get(w("val")) if level_fmt is not None else "decimal"
                    text = text.replace(placeholder, format_number(value, fmt_name or "decimal"))
        suffix = lvl.find(w("suff"))
        separator = {"space": " ", "nothing": ""}.get(
            (suffix.get(w("val")) or "tab") if suffix is not None else "tab", "\t"
        )
        return text + separator, lvl.find(w("rPr"))


def _int_attr(element: _Element, name: str) -> int:
    try:
        return int(element.get(w(name)) or 0)
    except ValueError:
        return 0
