"""The Linux archive's desktop entry and install.sh, run against a throw-away home folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from packaging_scripts import PACKAGING, load

make_icons = load("make_icons")
SIZES = (16, 32, 48, 64, 128, 256, 512)


@pytest.fixture
def unpacked(tmp_path) -> Path:
    """A folder laid out like the archive's newsdesk/, with a stand-in executable."""
    folder = tmp_path / "Apps dir" / "newsdesk"  # a space in the path, as people have
    (folder / "share" / "applications").mkdir(parents=True)
    shutil.copy(PACKAGING / "linux" / "newsdesk.desktop", folder / "share" / "applications")
    icons = tmp_path / "icons"
    make_icons.make_icons(icons)
    shutil.copytree(icons / "hicolor", folder / "share" / "icons" / "hicolor")
    shutil.copy(PACKAGING / "linux" / "install.sh", folder / "install.sh")
    app = folder / "newsdesk"
    app.write_text("#!/bin/sh\necho Newsdesk\n")
    app.chmod(0o755)
    return folder


def _run(script: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home)}
    return subprocess.run(
        ["sh", str(script), *args], env=env, capture_output=True, text=True, check=False
    )


def test_desktop_entry_is_valid():
    text = (PACKAGING / "linux" / "newsdesk.desktop").read_text(encoding="utf-8")
    assert "Name[zh_CN]=编辑台" in text and "Icon=newsdesk" in text
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate (Debian: desktop-file-utils) is not installed")
    result = subprocess.run(
        [validator, str(PACKAGING / "linux" / "newsdesk.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_install_and_uninstall_for_the_current_user(unpacked, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    result = _run(unpacked / "install.sh", home)
    assert result.returncode == 0, result.stderr
    data = home / ".local" / "share"
    desktop = (data / "applications" / "newsdesk.desktop").read_text(encoding="utf-8")
    assert f'Exec="{unpacked / "newsdesk"}"' in desktop
    assert f"TryExec={unpacked / 'newsdesk'}" in desktop
    for size in SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "newsdesk.png").is_file()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "newsdesk.svg").is_file()
    link = home / ".local" / "bin" / "newsdesk"
    assert link.is_symlink() and link.resolve() == (unpacked / "newsdesk").resolve()

    result = _run(unpacked / "install.sh", home, "--uninstall")
    assert result.returncode == 0, result.stderr
    assert not (data / "applications" / "newsdesk.desktop").exists()
    assert not list((data / "icons").rglob("newsdesk.*"))
    assert not link.exists() and not link.is_symlink()


def test_install_leaves_a_foreign_newsdesk_command_alone(unpacked, tmp_path):
    home = tmp_path / "home"
    own = home / ".local" / "bin" / "newsdesk"
    own.parent.mkdir(parents=True)
    own.write_text("#!/bin/sh\necho mine\n")
    assert _run(unpacked / "install.sh", home).returncode == 0
    assert own.read_text() == "#!/bin/sh\necho mine\n"
    assert _run(unpacked / "install.sh", home, "--uninstall").returncode == 0
    assert own.exists()


def test_install_refuses_an_unknown_option(unpacked, tmp_path):
    result = _run(unpacked / "install.sh", tmp_path, "--bogus")
    assert result.returncode == 2 and "unknown option" in result.stderr
