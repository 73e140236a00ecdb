"""Bringing back a returned Word file: the large draft exported, 100 changes
made in it the way Word writes them (tracked replacements and deletions,
typed edits, paragraphs added and removed, table cells), then read back.

Target: reading the returned copy and putting its changes on the draft
(pending) <= 1 s, and the same with the three-way merge into a draft that
changed elsewhere since the export.
Run: .venv/bin/python -m benchmarks.bench_roundtrip
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from benchmarks.largedraft import large_draft
from benchmarks.timing import median_ms, print_figures
from exporters.shown import shown_document
from exporters.word import render_docx_bytes
from forms.model import BudgetTable
from forms.roundtrip.returned import read_returned

RUNS = 5
CHANGES = 100
TARGET_MS = 1000.0


def returned_copy(draft) -> bytes:
    """The export with CHANGES changes spread over the document."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.wordedit import WordDocument

    doc = WordDocument(render_docx_bytes(draft))
    rng = random.Random(13)
    texts = [
        block.text
        for section in draft.sections
        for block in section.blocks
        if not isinstance(block, BudgetTable) and len(block.text) > 60
    ]
    chosen = rng.sample(texts, CHANGES - 10)
    for number, text in enumerate(chosen):
        word = text.split()[3]
        author = None if number % 3 == 0 else f"Kollega {number % 5}"
        if number % 7 == 0:
            doc.replace(f" {word} ", " ", author=author)  # a word deleted
        else:
            doc.replace(f" {word} ", f" {word}-ændret ", author=author)
    tables = [i for i, _ in enumerate(doc.body.findall(doc_tag("tbl")))]
    for table in tables[:5]:
        doc.set_cell(table, 1, 1, "12,5", author="Kollega 1")
    unused = [t for t in texts if t not in chosen]
    for text in unused[:3]:
        doc.insert_paragraph_after(text[:40], "Et nyt afsnit fra en kollega.", author="Kollega 2")
    for text in unused[3:5]:
        doc.delete_paragraph(text[:40], author="Kollega 3")
    return doc.save()


def doc_tag(name: str) -> str:
    return f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{name}"


def figures() -> list[tuple[str, float, float | None]]:
    draft = large_draft()
    data = returned_copy(draft)
    found = read_returned(data, "retur.docx", shown_document)
    assert len(found.changes) >= CHANGES * 0.9, len(found.changes)

    def bring_back():
        read_returned(data, "retur.docx", shown_document).as_draft()

    ours = draft.model_copy(deep=True)
    ours.sections[0].blocks[0].text += " Tilføjet efter eksporten."

    def merge():
        read_returned(data, "retur.docx", shown_document).merge_into(ours)

    return [
        (
            f"retur-kopi, stor kladde, {len(found.changes)} ændringer",
            median_ms(bring_back, RUNS),
            TARGET_MS,
        ),
        ("  – flettet tre-vejs ind i en ændret kladde", median_ms(merge, RUNS), TARGET_MS),
    ]


def main() -> None:
    print_figures(figures())


if __name__ == "__main__":
    main()
