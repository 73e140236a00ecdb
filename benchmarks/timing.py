"""Shared timing for the benchmarks: medians of several runs, in milliseconds."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

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


def process_env(**extra: str) -> dict[str, str]:
    """The environment for a timed child process: bytecode caches on, in a folder
    of their own that outlives the run, as an installed program has them (the
    bundle ships compiled modules). Our machines set PYTHONDONTWRITEBYTECODE,
    which would make every process compile every module it imports."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "aktstykke-bench-pyc")
    env.update(extra)
    return env
