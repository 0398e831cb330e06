"""The command line contract of ARCHITECTURE.md, on the demo site."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from editor.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_db(tmp_path, capsys):
    path = tmp_path / "demo.newsdesk"
    code, out, _ = run(capsys, "--db", str(path), "init", "--demo")
    assert code == 0 and "demo" in out
    return str(path)


def test_init_refuses_an_existing_site(demo_db, capsys):
    code, _, err = run(capsys, "--db", demo_db, "init")
    assert code == 1 and "already a site" in err


def test_sections_json_shape(demo_db, capsys):
    code, out, err = run(capsys, "--db", demo_db, "sections", "--json")
    assert code == 0 and err == ""
    tree = json.loads(out)
    names = [s["name"] for s in tree]
    assert names[:3] == ["中国故事", "中国收藏", "中国歌曲"]
    top = next(s for s in tree if s["name"] == "华商走世界")
    child = next(c for c in top["children"] if c["name"] == "川商走世界")
    assert set(child) >= {"id", "name", "slug", "path", "children"}
    assert child["path"] == "华商走世界/川商走世界"


def test_articles_and_show_json(demo_db, capsys):
    code, out, _ = run(capsys, "--db", demo_db, "articles", "--json", "--limit", "5")
    assert code == 0
    rows = json.loads(out)
    assert 1 <= len(rows) <= 5
    for row in rows:
        assert set(row) >= {
            "id",
            "title",
            "section",
            "status",
            "published_at",
            "source",
            "editor",
            "reporters",
            "url",
        }
    code, out, _ = run(capsys, "--db", demo_db, "show", str(rows[0]["id"]), "--json")
    doc = json.loads(out)
    assert set(doc) >= {
        "subtitle",
        "summary",
        "body",
        "source_url",
        "photographers",
        "partner",
        "tags",
        "flags",
        "hits",
        "version",
    }
    assert doc["title"] == rows[0]["title"]


def test_articles_filters(demo_db, capsys):
    code, out, _ = run(capsys, "--db", demo_db, "articles", "--search", "编辑台", "--json")
    assert code == 0 and json.loads(out)
    code, out, _ = run(capsys, "--db", demo_db, "articles", "--status", "published", "--json")
    assert all(r["status"] == "published" for r in json.loads(out))


def test_unknown_section_exits_1_with_close_names(demo_db, capsys):
    code, out, err = run(capsys, "--db", demo_db, "articles", "--section", "华商走世界/川商")
    assert code == 1 and out == ""
    assert "华商走世界/川商走世界" in err and len(err.strip().splitlines()) == 1


def test_usage_errors_exit_2(demo_db, capsys):
    code, _, err = run(capsys, "--db", demo_db, "articles", "--limit", "many")
    assert code == 2 and err
    code, _, _ = run(capsys, "--db", demo_db, "show")
    assert code == 2


def test_missing_article_and_missing_site(demo_db, tmp_path, capsys):
    code, _, err = run(capsys, "--db", demo_db, "show", "99999")
    assert code == 1 and "99999" in err
    code, _, err = run(capsys, "--db", str(tmp_path / "none.db"), "sections")
    assert code == 1 and "init" in err


def test_check_passes_on_the_demo(demo_db, capsys):
    code, out, _ = run(capsys, "--db", demo_db, "check", "--json")
    assert code == 0 and json.loads(out)["ok"] is True


def test_backup_and_restore_round_trip(demo_db, tmp_path, capsys):
    backup = tmp_path / "backup.newsdesk"
    assert run(capsys, "--db", demo_db, "backup", str(backup))[0] == 0
    _, out, _ = run(capsys, "--db", demo_db, "articles", "--json")
    before = json.loads(out)
    from editor.workspace import Workspace

    with Workspace.open(demo_db) as ws:
        ws.articles.delete(before[0]["id"])
    code, out, _ = run(capsys, "--db", demo_db, "restore", str(backup))
    assert code == 0 and "Restored" in out
    _, out, _ = run(capsys, "--db", demo_db, "articles", "--json")
    assert json.loads(out) == before


def test_restore_refuses_a_bad_file_and_keeps_the_site(demo_db, tmp_path, capsys):
    _, before, _ = run(capsys, "--db", demo_db, "articles", "--json")
    for name, content in (
        ("junk.bin", os.urandom(5000)),
        ("text.txt", b"not a backup\n"),
        ("fake.gz", b"\x1f\x8b" + os.urandom(300)),
    ):
        bad = tmp_path / name
        bad.write_bytes(content)
        code, _, err = run(capsys, "--db", demo_db, "restore", str(bad))
        assert code == 1 and err
    _, after, _ = run(capsys, "--db", demo_db, "articles", "--json")
    assert after == before


def test_portable_dump_restores_into_sqlite(demo_db, tmp_path, capsys):
    """The PostgreSQL backup format (a JSON dump) also restores into a SQLite site."""
    import gzip

    from editor.store.backup import dump
    from editor.workspace import Workspace

    with Workspace.open(demo_db):
        data = dump()
    path = tmp_path / "site.dump.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False)
    target = tmp_path / "copy.newsdesk"
    code, _, err = run(capsys, "--db", str(target), "restore", str(path))
    assert code == 0, err
    _, a, _ = run(capsys, "--db", demo_db, "articles", "--json")
    _, b, _ = run(capsys, "--db", str(target), "articles", "--json", "--search", "编辑台")
    assert json.loads(b) and {r["id"] for r in json.loads(b)} <= {r["id"] for r in json.loads(a)}


def test_python_m_editor_and_app_py_are_the_same_program(demo_db):
    for command in ([sys.executable, "-m", "editor"], [sys.executable, str(ROOT / "app.py")]):
        result = subprocess.run(
            [*command, "--db", demo_db, "sections", "--json"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)[0]["name"] == "中国故事"


def test_version(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert "Newsdesk" in capsys.readouterr().out


def test_whole_contract_on_each_backend(site_location, tmp_path, capsys):
    """init, sections, articles, show, check, backup and restore on SQLite and PostgreSQL."""
    db = site_location
    assert run(capsys, "--db", db, "init", "--demo")[0] == 0
    code, out, _ = run(capsys, "--db", db, "sections", "--json")
    assert code == 0 and len(json.loads(out)) == 11
    code, out, _ = run(capsys, "--db", db, "articles", "--section", "华商走世界", "--json")
    assert code == 0
    code, out, _ = run(capsys, "--db", db, "articles", "--json", "--search", "编辑台")
    found = json.loads(out)
    assert code == 0 and found
    code, out, _ = run(capsys, "--db", db, "show", str(found[0]["id"]), "--json")
    assert code == 0 and json.loads(out)["id"] == found[0]["id"]
    assert run(capsys, "--db", db, "check")[0] == 0
    backup = tmp_path / "site.backup"
    assert run(capsys, "--db", db, "backup", str(backup))[0] == 0
    from editor.workspace import Workspace

    with Workspace.open(db) as ws:
        ws.articles.delete(found[0]["id"])
    assert run(capsys, "--db", db, "restore", str(backup))[0] == 0
    code, out, _ = run(capsys, "--db", db, "show", str(found[0]["id"]), "--json")
    assert code == 0 and json.loads(out)["title"] == found[0]["title"]
    code, out, _ = run(capsys, "--db", db, "articles", "--json", "--search", "编辑台")
    assert [r["id"] for r in json.loads(out)] == [r["id"] for r in found]


def test_numbers_and_long_searches_are_bounded(site_location, capsys):
    """A runaway --limit or id is a one-line error, a pasted paragraph a bounded search."""
    db = site_location
    assert run(capsys, "--db", db, "init", "--demo")[0] == 0
    huge = "99999999999999999999"
    for option in ("--limit", "--offset"):
        code, out, err = run(capsys, "--db", db, "articles", option, huge)
        assert code == 2 and out == ""
        assert "must be a whole number" in err and "Traceback" not in err
    code, _, err = run(capsys, "--db", db, "articles", "--limit", "0")
    assert code == 2 and "from 1 to 100000" in err
    code, out, err = run(capsys, "--db", db, "show", huge)
    assert code == 1 and err.strip() == f"newsdesk: No article with id {huge}."
    paragraph = "编辑台 " + " ".join(f"词{number}" for number in range(1000))
    code, out, err = run(capsys, "--db", db, "articles", "--json", "--search", paragraph)
    assert code == 0 and json.loads(out) == []
    assert "searched for the first 12 of 1001 different words" in err
    code, out, err = run(capsys, "--db", db, "articles", "--json", "--search", "编辑台 " * 200)
    assert code == 0 and json.loads(out) and err == ""
