"""benchmarks/run prints each figure beside its target with a mark, and
`--strict` exits non-zero when one is over (issue 16, points 1 and 6)."""

from __future__ import annotations

import pytest

from benchmarks import report


def _fake(rows):
    def fake_rows(areas=report.AREAS):
        yield from rows

    return fake_rows


def test_a_figure_within_target_is_ok_and_one_over_is_marked() -> None:
    within, over = report.line(("Kontrol", "genkontrol", 12.0, "ms", 30.0))
    assert within.rstrip().endswith("ok") and not over
    assert "≤ 30 ms" in within and "0.40" in within
    text, over = report.line(("Kommandolinje", "export ÷ LibreOffice", 0.44, "×", 0.25))
    assert text.rstrip().endswith("OVER") and over
    assert "1.76" in text
    plain, over = report.line(("Eksport", "LibreOffice → PDF", 2000.0, "ms", None))
    assert not over and "OVER" not in plain and not plain.rstrip().endswith("ok")


def test_strict_exits_non_zero_only_when_a_figure_is_over(monkeypatch, capsys) -> None:
    fine = [("Kontrol", "genkontrol", 12.0, "ms", 30.0)]
    monkeypatch.setattr(report, "rows", _fake(fine))
    assert report.main(["--strict"]) == 0
    monkeypatch.setattr(
        report, "rows", _fake([*fine, ("Editor", "koldstart", 1200.0, "ms", 1000.0)])
    )
    assert report.main([]) == 0  # without --strict the table is only printed
    assert report.main(["--strict"]) == 1
    out = capsys.readouterr().out
    assert "1 måling(er) over målet" in out and "Editor: koldstart" in out


def test_only_refuses_an_unknown_area() -> None:
    with pytest.raises(SystemExit) as exit_:
        report.main(["--only", "kontrol"])
    assert exit_.value.code == 2


def test_the_issue_targets_are_the_ones_used() -> None:
    from benchmarks import bench_check, bench_cli, bench_editor, bench_scale

    assert bench_editor.KEYSTROKE_TARGET_MS == 100.0
    assert bench_editor.MEMORY_TARGET_MB == 250.0
    assert bench_editor.COLD_START_TARGET_MS == 1000.0
    assert bench_check.TARGETS_MS["stor kladde"] == 30.0
    assert bench_cli.EXPORT_RATIO_TARGET == 0.25
    assert bench_scale.GROWTH_TARGET == 6.0
