"""Import speed: the seed text, and the large generated draft exported to .docx.

Targets on our 2-core machines: seed text <= 200 ms; large draft .docx <= 2 s.
The large .docx is measured both ways: reopened from its embedded draft (the
normal case for our own files) and read as a foreign Word file.
Run: .venv/bin/python -m benchmarks.bench_import
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.largedraft import large_draft
from benchmarks.timing import median_ms
from exporters.text import render_text
from exporters.word import export_docx
from forms.importing import import_file, import_text

RUNS = 7
SEED = Path(__file__).resolve().parent.parent / "tests" / "data" / "seed.txt"


def figures() -> list[tuple[str, float, float | None]]:
    rows: list[tuple[str, float, float | None]] = [
        ("seed (.txt)", median_ms(lambda: import_file(SEED)), 200.0)
    ]
    draft = large_draft()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stor.docx"
        export_docx(draft, path)
        rows.append(
            (
                "stor kladde (.docx, fremmed)",
                median_ms(lambda: import_file(path, use_embedded=False)),
                2000.0,
            )
        )
        rows.append(
            ("stor kladde (.docx, indlejret)", median_ms(lambda: import_file(path)), 2000.0)
        )
    text = render_text(draft)
    rows.append(("stor kladde (tekst)", median_ms(lambda: import_text(text)), None))
    return rows


def main() -> None:
    for label, ms, target in figures():
        goal = f"mål ≤ {target:.0f} ms ({ms / target:.2f})" if target else ""
        print(f"{label:<32} {ms:8.1f} ms  {goal}")


if __name__ == "__main__":
    main()
