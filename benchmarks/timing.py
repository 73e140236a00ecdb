"""Shared timing for the benchmarks: medians of several runs, in milliseconds."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

RUNS = 15


def median_ms(action: Callable[[], object], runs: int = RUNS, before=None) -> float:
    """The median wall time of `action` over `runs` runs; `before(run)` runs
    untimed ahead of each one (e.g. to empty a cache)."""
    times = []
    for run in range(runs):
        if before is not None:
            before(run)
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def print_figures(rows, width: int = 44) -> None:
    """One line a figure: label, milliseconds, and the target with the ratio."""
    for label, ms, target in rows:
        goal = f"mål ≤ {target:g} ms ({ms / target:.2f})" if target else ""
        print(f"{label:<{width}} {ms:9.1f} ms  {goal}")
