"""Several processes working on one site at once: saves and imports wait for each other
instead of failing, and a site that stays locked gives a clear error."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from editor.errors import DiskFullError, NewsdeskError, SiteBusyError
from editor.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 3
SAVES = 40
DEADLINE_S = 120  # a hung worker fails the test instead of hanging the suite

SAVER = """
import json, sys
from editor.errors import ConflictError
from editor.workspace import Workspace
location, article_id, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
done, errors = 0, []
with Workspace.open(location, user=f"worker{article_id}") as ws:
    for n in range(count):
        try:
            version = ws.articles.get(article_id).version
            ws.articles.update(article_id, {"body": f"token {article_id}-{n}"}, version)
            done += 1
        except Exception as exc:
            errors.append(repr(exc))
print(json.dumps({"done": done, "errors": errors}))
"""


def _spawn(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=DEADLINE_S)
    return process.returncode, out, err


def _site_with_articles(workspace, count: int) -> list[int]:
    with workspace.edit():
        section = workspace.sections.create("新闻")
        ids = [
            workspace.articles.create({"title": f"稿件{n}", "section": section.id, "body": "起"}).id
            for n in range(count)
        ]
    return ids


def test_processes_saving_different_articles_all_succeed(workspace, site_location):
    ids = _site_with_articles(workspace, WORKERS)
    workers = [_spawn("-c", SAVER, site_location, str(aid), str(SAVES)) for aid in ids]
    results = []
    for worker in workers:
        code, out, err = _finish(worker)
        assert code == 0, err
        results.append(json.loads(out))
    assert [r["errors"] for r in results] == [[]] * WORKERS
    assert [r["done"] for r in results] == [SAVES] * WORKERS
    for aid in ids:  # nothing lost: every save is a version and a revision
        article = workspace.articles.get(aid)
        assert article.version == 1 + SAVES
        assert article.body == f"token {aid}-{SAVES - 1}"
        assert len(workspace.revisions.list(aid)) == 1 + SAVES


def _markdown_batch(folder: Path, prefix: str, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"{prefix}{n}.md").write_text(
            f"---\ntitle: {prefix}号稿件第{n}篇\n---\n\n{prefix}正文第{n}段，内容各不相同。\n",
            encoding="utf-8",
        )
    return folder


def test_parallel_imports_an_export_and_saves_all_succeed(workspace, site_location, tmp_path):
    (article_id,) = _site_with_articles(workspace, 1)
    batches = [_markdown_batch(tmp_path / name, name, 12) for name in ("甲", "乙")]
    imports = [
        _spawn(
            "-m", "editor", "--db", site_location, "import", str(b), "--section", "新闻", "--json"
        )
        for b in batches
    ]
    export = _spawn("-m", "editor", "--db", site_location, "export", str(tmp_path / "out"))
    saver = _spawn("-c", SAVER, site_location, str(article_id), "20")
    for process in imports:
        code, out, err = _finish(process)
        assert code == 0, err
        report = json.loads(out)
        assert (report["imported"], report["failed"]) == (12, 0), report
    code, _out, err = _finish(export)
    assert code == 0, err
    code, out, err = _finish(saver)
    assert code == 0, err
    assert json.loads(out) == {"done": 20, "errors": []}
    assert workspace.articles.count() == 1 + 24


def test_an_import_batch_with_failures_exits_non_zero(tmp_path, capsys):
    from editor.cli import main

    site = str(tmp_path / "site.newsdesk")
    assert main(["--db", site, "init"]) == 0
    batch = _markdown_batch(tmp_path / "batch", "丙", 1)
    (batch / "broken.docx").write_bytes(b"not a word file")
    capsys.readouterr()
    code = main(["--db", site, "import", str(batch), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert (report["imported"], report["failed"]) == (1, 1)
    assert set(report) >= {"imported", "duplicates", "failed", "results"}
    assert code == 1


def _site_file(tmp_path) -> tuple[Workspace, int]:
    ws = Workspace.open(str(tmp_path / "site.newsdesk"), create=True)
    (article_id,) = _site_with_articles(ws, 1)
    return ws, article_id


def test_a_site_locked_longer_than_the_timeout_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSDESK_LANG", "zh_CN")
    ws, article_id = _site_file(tmp_path)
    ws.db.execute_sql("PRAGMA busy_timeout = 200")
    other = sqlite3.connect(ws.target.location, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        version = ws.articles.get(article_id).version
        with pytest.raises(SiteBusyError, match="正忙"):
            ws.articles.update(article_id, {"body": "新的正文"}, version)
        other.execute("ROLLBACK")
        ws.articles.update(article_id, {"body": "新的正文"}, version)  # free again: it saves
        assert ws.articles.get(article_id).body == "新的正文"
    finally:
        other.close()
        ws.close()


def test_a_full_disk_during_a_save_is_a_clear_error_and_keeps_the_article(tmp_path):
    ws, article_id = _site_file(tmp_path)
    try:
        pages = ws.db.execute_sql("PRAGMA page_count").fetchone()[0]
        ws.db.execute_sql(f"PRAGMA max_page_count = {pages}")  # no room for another page
        version = ws.articles.get(article_id).version
        with pytest.raises(DiskFullError) as caught:
            ws.articles.update(article_id, {"body": "长" * 200_000}, version)
        assert isinstance(caught.value, NewsdeskError) and "full" in str(caught.value)
        assert ws.articles.get(article_id).body == "起"
        assert ws.articles.get(article_id).version == version
    finally:
        ws.close()


CHECK_THEN_WRITE = """
import sys, time
from editor.store.models import Section
from editor.workspace import Workspace
with Workspace.open(sys.argv[1]) as ws, ws.edit():
    seen = Section.select().where(Section.name.startswith("栏目")).count()
    time.sleep(0.4)  # another workstation's transaction would run here
    ws.sections.create(f"栏目{seen}")
"""


def test_write_transactions_on_one_site_take_turns(workspace, site_location):
    """A check and the write it allows cannot interleave with another process's: what one
    transaction read is still true when it writes (the 待分类 section of parallel imports
    is made once, a slug is never taken twice)."""
    workers = [_spawn("-c", CHECK_THEN_WRITE, site_location) for _ in range(3)]
    for worker in workers:
        code, _out, err = _finish(worker)
        assert code == 0, err
    names = sorted(node.name for node in workspace.sections.tree() if node.name.startswith("栏目"))
    assert names == ["栏目0", "栏目1", "栏目2"]
