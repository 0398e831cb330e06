"""The command line's early end (`core._end_now`): a command run as the program ends with
its exit code and all its output once it is done, skipping the interpreter's shutdown only
when that shutdown has nothing else to do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from editor.cli import core
from tests.test_cli_startup import fresh_environment

ROOT = Path(__file__).resolve().parent.parent


def _program(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "editor", *args],
        cwd=ROOT,
        env=fresh_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_command_ends_with_its_code_and_all_its_output(tmp_path):
    site = str(tmp_path / "site.newsdesk")
    assert _program(tmp_path, "--db", site, "init", "--demo").returncode == 0
    done = _program(tmp_path, "--db", site, "export", str(tmp_path / "out"), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)  # the whole report, flushed before the end
    assert report["written"] > 0 and (tmp_path / "out" / "manifest.json").is_file()
    listed = _program(tmp_path, "--db", site, "articles", "--json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) >= 10
    (tmp_path / "file").write_text("x", encoding="utf-8")
    refused = _program(tmp_path, "--db", site, "export", str(tmp_path / "file"))
    assert refused.returncode == 1 and "is a file, not a folder" in refused.stderr


@pytest.fixture
def ended(monkeypatch):
    """The codes `_end_now` would have ended the process with (nothing ends here)."""
    codes: list[int] = []
    monkeypatch.setattr(os, "_exit", codes.append)
    return codes


def test_the_end_waits_for_a_running_thread(ended):
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        core._end_now(0)
    finally:
        stop.set()
        worker.join()
    assert ended == []


def test_the_end_waits_for_a_temporary_folder_to_be_removed(ended):
    folder = tempfile.TemporaryDirectory()
    try:
        core._end_now(3)
        assert ended == []
    finally:
        folder.cleanup()


def test_the_end_is_taken_when_nothing_else_waits():
    """In a fresh interpreter (nothing else waiting) the process ends there, with the code
    and the output written so far; with a temporary folder left to remove it goes on."""
    script = (
        "import sys, tempfile\n"
        "from editor.cli import core\n"
        "keep = tempfile.TemporaryDirectory() if sys.argv[1] == 'folder' else None\n"
        "print('output', end='')\n"
        "core._end_now(7)\n"
        "print(' and after')\n"
    )
    for case, code, printed in (("plain", 7, "output"), ("folder", 0, "output and after")):
        done = subprocess.run(
            [sys.executable, "-c", script, case],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert (done.returncode, done.stdout.strip()) == (code, printed), done.stderr


def test_the_end_is_taken_without_standard_streams():
    """A windowed program on Windows has no stdout or stderr (None): the end still works."""
    script = (
        "import sys\n"
        "from editor.cli import core\n"
        "sys.stdout = sys.stderr = None\n"
        "core._end_now(6)\n"
        "raise SystemExit(0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 6, done.stderr
