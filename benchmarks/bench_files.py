"""Load and save of draft files: the example and the large generated draft.

Target on our 2-core machines: <= 50 ms for each on the large draft.
Run: .venv/bin/python -m benchmarks.bench_files
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.largedraft import large_draft
from benchmarks.timing import median_ms
from forms.draftfile import load_draft, save_draft
from forms.templates import load_example

RUNS = 15
TARGET_MS = 50.0


def figures() -> list[tuple[str, float, float | None]]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, draft in (("eksempel", load_example()), ("stor kladde", large_draft())):
            path = Path(folder) / f"{name}.aktstykke"
            save_draft(path, draft)
            target = TARGET_MS if name == "stor kladde" else None
            rows.append(
                (f"gem ({name})", median_ms(lambda p=path, d=draft: save_draft(p, d)), target)
            )
            rows.append((f"indlæs ({name})", median_ms(lambda p=path: load_draft(p)), target))
    return rows


def main() -> None:
    for label, ms, target in figures():
        goal = f"mål ≤ {target:.0f} ms ({ms / target:.2f})" if target else ""
        print(f"{label:<24} {ms:8.1f} ms  {goal}")


if __name__ == "__main__":
    main()
