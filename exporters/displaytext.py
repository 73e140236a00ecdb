"""The text a reader sees, from the display model, and the draft's text to hold it against.

Lines keep the boundaries Word draws: one line per paragraph, a table row as
its cells between '│'. Hidden text, text in the background's colour, 1 pt
text and the like are left out (they are not seen); symbols drawn with w:sym
are read as the characters they show; a text box, a footnote or a comment is
read where it is anchored, in brackets. Comparing token by token with a '¶'
after every line, a shifted cell or a split paragraph is a difference, not
only a changed word.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from exporters.blocks import Block, Table
from exporters.text import block_lines
from exporters.wordlook import invisibility

CELL = "│"
PARAGRAPH = "¶"


def shown_lines(
    blocks: list[Any], background: str = "FFFFFF", cell_separator: str = ""
) -> list[str]:
    """One line per paragraph and per table row of a story, as a reader sees them; a
    row's cells between '│', or joined by `cell_separator` when one is given."""
    lines: list[str] = []
    carried = ""
    for block in blocks:
        if "p" in block:
            text = carried + _paragraph(block, background)
            if block["p"].get("hidden_mark"):
                carried = text  # a hidden paragraph mark joins it with the next
                continue
            carried = ""
            lines.append(text)
        elif "tbl" in block:
            for row in block["rows"]:
                if row.get("hidden"):
                    continue
                cells = [""] * row.get("gridBefore", 0)
                for cell in row["cells"]:
                    text = " ".join(shown_lines(cell["blocks"], background))
                    cells.append("" if cell.get("vmerge") == "continue" else text)
                    cells.extend([""] * (cell.get("span", 1) - 1))
                cells.extend([""] * row.get("gridAfter", 0))
                lines.append(cell_separator.join(cells) if cell_separator else row_line(cells))
        elif "sdt" in block:
            value = block["sdt"].get("value")
            if value and value != "?":
                lines.append(f"[bundet indhold: {value}]")
            lines.extend(shown_lines(block["story"], background, cell_separator))
        elif "alt" in block:
            if block["alt"]:
                lines.extend(shown_lines(block["alt"][0][1], background, cell_separator))
        elif "chunk" in block:
            lines.append("[indsat dokument]")
        else:
            lines.append("[ukendt indhold]")
    if carried:
        lines.append(carried)
    return lines


def row_line(cells: Iterable[str]) -> str:
    return f"{CELL} " + f" {CELL} ".join(cells) + f" {CELL}"


def _paragraph(block: dict[str, Any], background: str) -> str:
    parts = []
    label = block["p"].get("num")
    if label and not invisibility(label["look"], background):
        parts.append(label["t"])
    parts.extend(_segment(segment, background) for segment in block["runs"])
    return "".join(parts)


def _segment(segment: dict[str, Any], background: str) -> str:
    if "t" in segment:
        look = segment["look"]
        if invisibility(look, background):
            return ""
        text: str = segment["t"]
        if "sym" in look:
            # Symbol fonts draw U+F0xx as the glyph at xx: digits stay digits.
            text = "".join(chr(ord(c) - 0xF000) if 0xF020 <= ord(c) <= 0xF0FF else c for c in text)
        if look.get("caps") or look.get("smallCaps"):
            text = text.upper()
        if look.get("rev") == "del":
            return f"[slettet: {text}]"
        return text
    if "obj" in segment:
        images = any(ref.get("kind") == "image" for ref in segment["refs"])
        inner = [" / ".join(shown_lines(story, background)) for story in segment["stories"]]
        if inner:
            return "".join(f"[tekstfelt: {text}]" for text in inner)
        return "[billede]" if images else "[figur]"
    if "note" in segment:
        kind = "fodnote" if segment["note"] == "footnote" else "slutnote"
        return f"[{kind}: {' / '.join(shown_lines(segment.get('blocks', []), background))}]"
    if "comment" in segment:
        text = " / ".join(shown_lines(segment.get("blocks", []), background))
        return f"[kommentar fra {segment['comment'] or 'ukendt'}: {text}]"
    if "alt" in segment:
        branches = segment["alt"]
        return "".join(_segment(s, background) for s in branches[0][1]) if branches else ""
    if "ruby" in segment:
        return "(" + "".join(_segment(s, background) for s in segment["ruby"]) + ")"
    if "sdt" in segment:
        value = segment["sdt"].get("value")
        return f"[bundet indhold: {value}]" if value and value != "?" else ""
    if "x" in segment:
        return "[ukendt indhold]"
    return ""  # field markers, note marks: the result text carries what is shown


def expected_lines(blocks: tuple[Block, ...]) -> list[str]:
    """The layout's body as lines in the same form: the draft as it should be shown."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            lines.extend(row_line(line.cells) for line in block.lines)
        else:
            lines.extend(block_lines(block))
    return lines


def tokens(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        out.extend(line.split())
        out.append(PARAGRAPH)
    return out


def word_diff(expected: list[str], actual: list[str], context: int = 4) -> list[str]:
    """What changed, word by word (and boundary by boundary), with context either side."""
    old, new = tokens(expected), tokens(actual)
    out = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(old[max(0, i1 - context) : i1])
        after = " ".join(old[i2 : i2 + context])
        change = []
        if i2 > i1:
            change.append(f"[-{' '.join(old[i1:i2])}-]")
        if j2 > j1:
            change.append(f"{{+{' '.join(new[j1:j2])}+}}")
        out.append(" ".join(part for part in ("…", before, " ".join(change), after, "…") if part))
    return out
