"""A hang fails in minutes, not at CI's limit: pytest-timeout is active for the suite."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

from tests.helpers import ROOT


def test_the_suite_has_a_timeout(pytestconfig):
    assert pytestconfig.pluginmanager.hasplugin("timeout")
    assert float(pytestconfig.getini("timeout")) == 300


def test_a_hanging_test_fails_instead_of_hanging(tmp_path):
    (tmp_path / "test_hangs.py").write_text(
        textwrap.dedent(
            """
            import time
            import pytest

            @pytest.mark.timeout(1)
            def test_hangs():
                time.sleep(120)
            """
        ),
        "utf-8",
    )
    start = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-c",
            str(ROOT / "pyproject.toml"),
            "--rootdir",
            str(tmp_path),
            "-p",
            "no:cacheprovider",
            "-p",
            "pytest_timeout",  # alone: the other plugins (Qt) only slow the start
            str(tmp_path / "test_hangs.py"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=90,
        env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
    )
    elapsed = time.monotonic() - start
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Timeout" in result.stdout and "1 failed" in result.stdout
    assert elapsed < 60
