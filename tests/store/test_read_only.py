"""A site file this user may not write: reading commands work, writing ones say why not,
and the file stays byte-identical."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from editor.errors import ReadOnlySiteError
from editor.store import db as store_db
from editor.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534


def _unprivileged() -> list[str]:
    """The command prefix that runs a child as a user without root's right to write any
    file (setpriv, from util-linux, changes the user after finding the interpreter)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("running as root, the read-only tests need setpriv (util-linux)")
    return [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


@pytest.fixture
def read_only_site(request):
    """A site file with mode 444; the folder is writable (param "open") or not ("closed")."""
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-ro-"))
    folder.chmod(0o777)
    site = folder / "site.newsdesk"
    with Workspace.open(str(site), create=True) as ws, ws.edit():
        section = ws.sections.create("新闻")
        ws.articles.create({"title": "只读站点的稿件", "section": section.id, "body": "正文"})
    (folder / "note.md").write_text("---\ntitle: 新稿\n---\n\n正文。\n", encoding="utf-8")
    site.chmod(0o444)
    if request.param == "closed":
        folder.chmod(0o555)
    yield site
    folder.chmod(0o777)
    shutil.rmtree(folder)


def _cli(site: Path, *args: str) -> subprocess.CompletedProcess:
    home = site.parent
    return subprocess.run(
        [*_unprivileged(), sys.executable, "-m", "editor", "--db", str(site), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "HOME": str(home),
            "XDG_DATA_HOME": str(home),
            "XDG_CACHE_HOME": str(home),
            "XDG_CONFIG_HOME": str(home),
        },
    )


@pytest.mark.parametrize("read_only_site", ["open", "closed"], indirect=True)
def test_reading_commands_work_and_writing_ones_say_read_only(read_only_site):
    site = read_only_site
    before = site.read_bytes()
    for args in (["sections"], ["articles"], ["show", "1"]):
        result = _cli(site, *args)
        assert result.returncode == 0, result.stderr
        assert "新闻" in result.stdout or "只读站点的稿件" in result.stdout
    check = _cli(site, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "read-only" in check.stdout
    out = site.parent / "out" if os.access(site.parent, os.W_OK) else Path(tempfile.mkdtemp())
    for args in (["export", str(out)], ["import", str(site.parent / "note.md")]):
        result = _cli(site, *args)
        assert result.returncode == 1
        assert "read-only" in result.stderr and "Traceback" not in result.stderr
    assert site.read_bytes() == before


def test_a_save_on_a_site_opened_read_only_is_a_clear_error(tmp_path, monkeypatch):
    site = tmp_path / "site.newsdesk"
    with Workspace.open(str(site), create=True) as ws, ws.edit():
        section = ws.sections.create("新闻")
        ws.articles.create({"title": "稿件", "section": section.id, "body": "正文"})
    monkeypatch.setattr(store_db, "is_read_only", lambda path: True)
    with Workspace.open(str(site)) as ws:
        assert ws.read_only
        article = ws.articles.list()[0]
        with pytest.raises(ReadOnlySiteError, match="read-only"):
            ws.articles.update(article.id, {"body": "改"}, article.version)
        with pytest.raises(ReadOnlySiteError):
            ws.require_writable()
        assert ws.articles.get(article.id).body == "正文"
