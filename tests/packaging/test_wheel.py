"""`pip wheel .` ships the editor package and the whole resources/ folder.

The wheel is built from a copy of the project files in a temporary folder, so the test
never writes build/ or *.egg-info into the checkout. Without network when the running
Python has setuptools>=70.1 (the `package` extra brings it); otherwise pip's isolated
build fetches setuptools from the package index.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging_scripts import ROOT

PROJECT_FILES = ("pyproject.toml", "setup.py", "README.md")
PROJECT_DIRS = ("editor", "resources")


def _setuptools_builds_wheels() -> bool:
    try:
        from importlib.metadata import version

        major, minor = (int(part) for part in version("setuptools").split(".")[:2])
    except Exception:  # noqa: BLE001 (not installed or an odd version string)
        return False
    return (major, minor) >= (70, 1)


def _source_files(folder: Path):
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            yield path


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in PROJECT_FILES:
        shutil.copy(ROOT / name, source / name)
    for name in PROJECT_DIRS:
        shutil.copytree(
            ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    out = tmp_path_factory.mktemp("wheelhouse")
    command = [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(out)]
    if _setuptools_builds_wheels():
        command.append("--no-build-isolation")
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=source)
    assert result.returncode == 0, result.stdout + result.stderr
    wheels = list(out.glob("newsdesk-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def names(wheel) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_is_named_after_the_project_version(wheel):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    assert wheel.name == f"newsdesk-{version}-py3-none-any.whl"


def test_wheel_holds_the_editor_package(names):
    for module in (
        "editor/__init__.py",
        "editor/cli/__init__.py",
        "editor/config.py",
        "editor/workspace.py",
        "editor/ui/app.py",
        "editor/publish/__init__.py",
    ):
        assert module in names


def test_wheel_holds_every_resource_file(names):
    assert "newsdesk_resources/demo/site.json" in names
    assert any(name.startswith("newsdesk_resources/themes/portal/templates/") for name in names)
    assert any(name.startswith("newsdesk_resources/themes/portal/static/") for name in names)
    missing = [
        path.relative_to(ROOT).as_posix()
        for path in _source_files(ROOT / "resources")
        if "newsdesk_resources/" + path.relative_to(ROOT / "resources").as_posix() not in names
    ]
    assert missing == []


def test_wheel_leaves_out_tests_and_tools(names):
    assert not [n for n in names if n.split("/")[0] in ("tests", "packaging", "benchmarks")]


def test_wheel_declares_both_commands(wheel, names):
    with zipfile.ZipFile(wheel) as archive:
        entry_points = next(
            archive.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt")
        )
    assert "newsdesk-cli = editor.cli:main" in entry_points
    assert "[gui_scripts]" in entry_points and "newsdesk = editor.cli:main" in entry_points


def test_installed_wheel_finds_its_resources(wheel, tmp_path):
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)  # what an installer puts in site-packages
    env = {**os.environ, "PYTHONPATH": str(target)}
    script = "import editor.config as c; print(c.__file__); print(c.resources_dir())"
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    module_file, resources = (Path(line) for line in result.stdout.splitlines())
    assert module_file.is_relative_to(target)
    assert resources == target / "newsdesk_resources"
    assert (resources / "themes" / "portal" / "templates").is_dir()
