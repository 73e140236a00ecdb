"""The checks: full check of the example and the large draft, and the re-check
the editor makes after a keystroke (one paragraph changed).

Targets on our 2-core machines: <= 5 ms for the example, <= 30 ms for the large
draft. The editor keeps one Checker and re-checks incrementally, so the
targets apply to the re-check after an edit; the cold check (first open, empty
caches) is printed beside it.
Run: .venv/bin/python -m benchmarks.bench_check
"""

from __future__ import annotations

import forms.checks.facts as facts
import forms.scanner as scanner
from benchmarks.largedraft import large_draft
from benchmarks.timing import median_ms
from forms.checks import Checker, check_draft
from forms.model import Aktstykke, Paragraph
from forms.templates import load_example

RUNS = 15
TARGETS_MS = {"eksempel": 5.0, "stor kladde": 30.0}


def _cold(_run: int) -> None:
    """Nothing remembered from earlier runs: the scanner's memo, and what the checks'
    facts remember per paragraph text and per run of blocks (forms.checks.facts)."""
    scanner._MEMO.clear()
    for memo in facts.MEMOS:
        memo.cache_clear()


def _paragraph(draft: Aktstykke) -> Paragraph:
    """A paragraph in the middle of litra b, where the large draft has its bulk."""
    blocks = [b for b in draft.section("b").blocks if isinstance(b, Paragraph)]
    return blocks[len(blocks) // 2]


def figures() -> list[tuple[str, float, float | None]]:
    rows = []
    for name, draft in (("eksempel", load_example()), ("stor kladde", large_draft())):
        target = TARGETS_MS[name]
        rows.append(
            (
                f"fuld kontrol, kold ({name})",
                median_ms(lambda d=draft: check_draft(d), before=_cold),
                None,
            )
        )
        checker = Checker()
        checker.check(draft)
        paragraph = _paragraph(draft)
        original = paragraph.text

        def edit(run: int, p=paragraph, text=original) -> None:
            p.text = f"{text} Tilføjet {run} gang med 1,5 mio. kr."  # a keystroke's worth

        rows.append(
            (
                f"genkontrol efter ændret afsnit ({name})",
                median_ms(lambda c=checker, d=draft: c.check(d), before=edit),
                target,
            )
        )
        paragraph.text = original
        checker.check(draft)
        rows.append(
            (
                f"genkontrol uden ændring ({name})",
                median_ms(lambda c=checker, d=draft: c.check(d)),
                None,
            )
        )
    return rows


def main() -> None:
    for label, ms, target in figures():
        goal = f"mål ≤ {target:.0f} ms ({ms / target:.2f})" if target else ""
        print(f"{label:<44} {ms:8.1f} ms  {goal}")


if __name__ == "__main__":
    main()
