"""One table of every speed and memory figure with a target (benchmarks/run).

Each benchmark module has `figures()` returning (label, value, target or None)
in milliseconds, or (label, value, target, unit) for another unit; this runs
them all, adds the editor's peak memory with the large draft open, and prints
each value beside its target with the ratio and a mark: "ok" within target,
"OVER" above it. The targets of issue 16 are used where it sets one.

    benchmarks/run                  every figure
    benchmarks/run --only cli,scale  only these areas (names below)
    benchmarks/run --strict         exit status 1 when a figure is over target

CI does not run --strict: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import time
from collections.abc import Iterator, Sequence

MODULES = [
    ("files", "Kladdefiler", "benchmarks.bench_files"),
    ("check", "Kontrol", "benchmarks.bench_check"),
    ("export", "Eksport", "benchmarks.bench_export"),
    ("cli", "Kommandolinje", "benchmarks.bench_cli"),
    ("import", "Import", "benchmarks.bench_import"),
    ("roundtrip", "Retur", "benchmarks.bench_roundtrip"),
    ("verify", "Verify", "benchmarks.bench_verify"),
    ("editor", "Editor", "benchmarks.bench_editor"),
    ("scale", "Størrelse", "benchmarks.bench_scale"),
]
AREAS = [key for key, _, _ in MODULES]

Row = tuple[str, str, float, str, float | None]


def rows(areas: Sequence[str] = AREAS) -> Iterator[Row]:
    """(area, label, value, unit, target) of each figure, as it is measured."""
    for key, area, name in MODULES:
        if key not in areas:
            continue
        module = importlib.import_module(name)
        for figure in module.figures():
            label, value, target, *unit = figure
            yield (area, label, value, unit[0] if unit else "ms", target)
        if key == "editor":
            from benchmarks.bench_editor import MEMORY_TARGET_MB, peak_memory_mb

            yield (
                area,
                "største hukommelse, stor kladde åben",
                peak_memory_mb(),
                "MB",
                MEMORY_TARGET_MB,
            )
        if key == "verify":
            from benchmarks.bench_verify import memory_rows

            for label, mb, target in memory_rows():
                yield (area, label, mb, "MB", target)


def line(row: Row) -> tuple[str, bool]:
    """The printed line of a figure, and whether it is over its target."""
    area, label, value, unit, target = row
    over = target is not None and value > target
    if target is None:
        goal = ratio = mark = ""
    else:
        goal = f"≤ {target:g} {unit}"
        ratio = f"{value / target:.2f}"
        mark = "OVER" if over else "ok"
    shown = f"{value:9.2f}" if unit == "×" else f"{value:9.1f}"
    return (
        f"{area:<13} {label:<50} {shown} {unit:<2}  {goal:>12}  {ratio:>7}  {mark}",
        over,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/run", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--strict", action="store_true", help="exit status 1 when a figure is over its target"
    )
    parser.add_argument(
        "--only",
        metavar="OMRÅDE[,OMRÅDE]",
        help=f"only these areas: {', '.join(AREAS)}",
    )
    args = parser.parse_args(argv)
    areas = AREAS if not args.only else [a.strip() for a in args.only.split(",")]
    unknown = sorted(set(areas) - set(AREAS))
    if unknown:
        parser.error(f"unknown area {', '.join(unknown)}; known: {', '.join(AREAS)}")
    started = time.perf_counter()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Aktstykke benchmarks – {platform.node()}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} kerner, belastning {load:.1f} ved start; "
        "medianer af flere kørsler"
    )
    print()
    header = f"{'område':<13} {'måling':<50} {'værdi':>12}  {'mål':>12}  {'forhold':>7}  status"
    print(header)
    print("-" * len(header))
    over = []
    for row in rows(areas):
        text, is_over = line(row)
        print(text, flush=True)
        if is_over:
            over.append(row)
    print()
    print(
        f"{len(over)} måling(er) over målet. Kørt på {time.perf_counter() - started:.0f} s. "
        "(LibreOffice-tiderne er reference, ikke mål.)"
    )
    if args.strict and over:
        print("--strict: over målet: " + "; ".join(f"{r[0]}: {r[1]}" for r in over))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
