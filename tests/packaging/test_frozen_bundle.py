"""The frozen Linux bundle: build it, unpack the archive, run the CLI and the window from it.

Slow (about a minute and a half on two cores) and skipped unless NEWSDESK_TEST_PACKAGE=1.
All the work is in packaging/check_bundle.sh, which CI can also call directly; set
NEWSDESK_TEST_PACKAGE_NO_BUILD=1 to check the archive already in dist/ without rebuilding.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from packaging_scripts import PACKAGING, ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("NEWSDESK_TEST_PACKAGE") != "1",
        reason="builds the desktop bundle: set NEWSDESK_TEST_PACKAGE=1",
    ),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is for Linux"),
]


def test_frozen_bundle_runs_version_cli_and_window(tmp_path):
    pytest.importorskip(
        "PyInstaller", reason="needs the `package` extra (pip install -e .[package])"
    )
    command = ["bash", str(PACKAGING / "check_bundle.sh")]
    if os.environ.get("NEWSDESK_TEST_PACKAGE_NO_BUILD") == "1":
        command.append("--no-build")
    window = tmp_path / "window.png"
    env = {**os.environ, "PYTHON": sys.executable, "NEWSDESK_CHECK_KEEP": str(window)}
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=1800
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "check_bundle: OK" in result.stdout
    assert window.stat().st_size > 10_000
