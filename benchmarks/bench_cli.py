"""The command line as the user waits for it: whole processes of `aktstykke --help`,
`aktstykke check` and `aktstykke export` of the example, beside LibreOffice
converting the same file (the example's .docx to .docx and to PDF), alternating
in one run so a busy machine slows all of them alike (issue 16, point 4).

Target: the whole `aktstykke export` process <= 0.25 x LibreOffice's faster
conversion. Every process runs with warm bytecode caches (as an installed
program has them; see process_env) and LibreOffice with a warm profile of its
own, after one untimed round. Uses hyperfine when it is installed, else a loop
timed with time.perf_counter.
Run: .venv/bin/python -m benchmarks.bench_cli
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.timing import process_env
from exporters.pdf import soffice_path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "capacity-2024.aktstykke"
RUNS = 7
EXPORT_RATIO_TARGET = 0.25
"""The whole `aktstykke export` process against LibreOffice's conversion (issue 16)."""


def _aktstykke() -> list[str]:
    script = Path(sys.executable).with_name("aktstykke")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cli.main"]


def commands(folder: Path) -> dict[str, list[str]]:
    """What is timed, by label; LibreOffice's only when it is installed."""
    cli = _aktstykke()
    docx = folder / "eksempel.docx"
    subprocess.run(
        [*cli, "export", str(EXAMPLE), "-o", str(docx)],
        check=True,
        capture_output=True,
        env=process_env(),
    )
    out = folder / "ud"
    out.mkdir()
    found = {
        "aktstykke --help": [*cli, "--help"],
        "aktstykke check (eksempel)": [*cli, "check", str(EXAMPLE)],
        "aktstykke export (eksempel → .docx)": [
            *cli,
            "export",
            str(EXAMPLE),
            "-o",
            str(folder / "cli.docx"),
        ],
    }
    soffice = soffice_path()
    if soffice is not None:
        profile = f"-env:UserInstallation={(folder / 'lo-profil').as_uri()}"
        for kind in ("docx", "pdf"):
            found[f"LibreOffice → .{kind} (eksempel)"] = [
                soffice,
                profile,
                "--headless",
                "--norestore",
                "--convert-to",
                kind,
                "--outdir",
                str(out),
                str(docx),
            ]
    return found


def _hyperfine(timed: dict[str, list[str]], folder: Path) -> dict[str, float] | None:
    hyperfine = shutil.which("hyperfine")
    if hyperfine is None:
        return None
    import shlex

    report = folder / "hyperfine.json"
    subprocess.run(
        [
            hyperfine,
            "--warmup",
            "1",
            "--runs",
            str(RUNS),
            "--style",
            "none",
            "--export-json",
            str(report),
            *(shlex.join(c) for c in timed.values()),
        ],
        check=True,
        capture_output=True,
        env=process_env(),
    )
    results = json.loads(report.read_text())["results"]
    return {
        label: statistics.median(r["times"]) * 1000 for label, r in zip(timed, results, strict=True)
    }


def _loop(timed: dict[str, list[str]]) -> dict[str, float]:
    env = process_env()
    times: dict[str, list[float]] = {label: [] for label in timed}
    for round_ in range(RUNS + 1):  # round 0 warms caches and LibreOffice's profile
        for label, command in timed.items():
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=env)
            if round_:
                times[label].append((time.perf_counter() - start) * 1000)
    return {label: statistics.median(values) for label, values in times.items()}


def medians() -> dict[str, float]:
    """Median milliseconds of each process, measured alternating in one run."""
    with tempfile.TemporaryDirectory(prefix="aktstykke-cli-") as name:
        folder = Path(name)
        timed = commands(folder)
        return _hyperfine(timed, folder) or _loop(timed)


def figures() -> list[tuple[str, float, float | None, str]]:
    found = medians()
    rows: list[tuple[str, float, float | None, str]] = [
        (k, v, None, "ms") for k, v in found.items()
    ]
    office = [v for k, v in found.items() if k.startswith("LibreOffice")]
    if office:
        export = found["aktstykke export (eksempel → .docx)"]
        rows.append(
            (
                "hele export-processen ÷ LibreOffice (hurtigste)",
                export / min(office),
                EXPORT_RATIO_TARGET,
                "×",
            )
        )
    return rows


def main() -> None:
    for label, value, target, unit in figures():
        goal = f"mål ≤ {target:g} {unit}" if target else ""
        print(f"{label:<48} {value:9.2f} {unit:<2} {goal}")


if __name__ == "__main__":
    main()
