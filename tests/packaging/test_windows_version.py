"""The Windows version resource carries the one project version."""

from __future__ import annotations

import tomllib

import pytest
from packaging_scripts import ROOT, load

windows_version = load("windows_version")


class _Record:
    """Stands in for PyInstaller's version-info classes (they need pefile, Windows only)."""

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2.3.4", (1, 2, 3, 4)),
        ("2.0rc1", (2, 0, 1, 0)),
        ("3.1.4+local.7", (3, 1, 4, 0)),
    ],
)
def test_version_tuple(text, numbers):
    assert windows_version.version_tuple(text) == numbers


def test_version_info_text_is_a_pyinstaller_expression_with_the_project_version():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    text = windows_version.version_info_text(version, "newsdesk.exe")
    names = (
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    )
    info = eval(text, {name: _Record for name in names})  # noqa: S307 (our own text)
    fixed = info.kwargs["ffi"].kwargs
    assert fixed["filevers"] == fixed["prodvers"] == windows_version.version_tuple(version)
    strings = {s.args[0]: s.args[1] for s in info.kwargs["kids"][0].args[0][0].args[1]}
    assert strings["ProductVersion"] == strings["FileVersion"] == version
    assert strings["OriginalFilename"] == "newsdesk.exe"
    assert "编辑台" in strings["ProductName"]


def test_write_version_info(tmp_path):
    path = windows_version.write_version_info(
        tmp_path / "v" / "info.txt", "1.2.3", "newsdesk-cli.exe"
    )
    assert "newsdesk-cli.exe" in path.read_text(encoding="utf-8")
