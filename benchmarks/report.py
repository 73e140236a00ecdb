"""One table of every speed and memory figure with a target (benchmarks/run).

Each benchmark module has `figures()` returning (label, milliseconds, target
or None); this runs them all, adds the editor's peak memory with the large
draft open, and prints value, target and the ratio (below 1 is within target).
"""

from __future__ import annotations

import importlib
import platform
import sys
import time

MODULES = [
    ("Kladdefiler", "benchmarks.bench_files"),
    ("Kontrol", "benchmarks.bench_check"),
    ("Eksport", "benchmarks.bench_export"),
    ("Import", "benchmarks.bench_import"),
    ("Retur", "benchmarks.bench_roundtrip"),
    ("Verify", "benchmarks.bench_verify"),
    ("Editor", "benchmarks.bench_editor"),
]


def rows() -> list[tuple[str, str, float, str, float | None]]:
    out = []
    for area, name in MODULES:
        module = importlib.import_module(name)
        for label, ms, target in module.figures():
            out.append((area, label, ms, "ms", target))
    from benchmarks.bench_editor import MEMORY_TARGET_MB, peak_memory_mb

    out.append(
        ("Editor", "største hukommelse, stor kladde åben", peak_memory_mb(), "MB", MEMORY_TARGET_MB)
    )
    from benchmarks.bench_verify import memory_rows

    out.extend(("Verify", label, mb, "MB", target) for label, mb, target in memory_rows())
    return out


def main() -> int:
    started = time.perf_counter()
    print(
        f"Aktstykke benchmarks – {platform.node()}, Python {platform.python_version()}, "
        f"{platform.machine()}; medianer af flere kørsler"
    )
    print()
    header = f"{'område':<12} {'måling':<46} {'værdi':>12}  {'mål':>12}  {'forhold':>7}"
    print(header)
    print("-" * len(header))
    failed = 0
    for area, label, value, unit, target in rows():
        goal = f"≤ {target:g} {unit}" if target else ""
        ratio = f"{value / target:.2f}" if target else ""
        mark = " !" if target and value > target else ""
        failed += bool(mark)
        print(f"{area:<12} {label:<46} {value:>9.1f} {unit:<2}  {goal:>12}  {ratio:>7}{mark}")
    print()
    print(
        f"{failed} måling(er) over målet. Kørt på {time.perf_counter() - started:.0f} s. "
        "(LibreOffice-tiderne er reference, ikke mål.)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
