"""Word counts for the status bar: the whole draft and one litra (issue 15 point 6).

Counted as a word processor counts: every run of non-space characters that holds
a letter or a digit is a word ("100,0", "§ 06.32.10." is one word and the §
none). A table counts its text (caption, headings, row labels, note), not its
figures, which are not prose.
"""

from __future__ import annotations

from functools import lru_cache

from forms.lazyre import lazy_compile
from forms.model import Aktstykke, BudgetTable, Section

_WORD = lazy_compile(r"\S*\w\S*")


@lru_cache(maxsize=50_000)  # the editor recounts after every pause: one paragraph changed
def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def section_words(section: Section) -> int:
    total = 0
    for block in section.blocks:
        if isinstance(block, BudgetTable):
            parts = [block.caption, block.unit_label or "", block.label_heading, block.note]
            parts += block.columns
            parts += [row.label for row in block.rows]
            total += sum(count_words(part) for part in parts)
        else:
            total += count_words(block.text)
    return total


def draft_words(draft: Aktstykke) -> int:
    """Every litra's words (the header and signature lines are not counted)."""
    return sum(section_words(section) for section in draft.sections)


def format_count(count: int) -> str:
    """'1.234 ord' with the Danish thousands separator."""
    return f"{count:,} ord".replace(",", ".")
