"""Backup and restore: one self-contained file, nobody else's file replaced, dumps that
restore into any site (twice), and bad backups refused with a message."""

from __future__ import annotations

import base64
import gzip
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from editor.errors import DatabaseFileError
from editor.store.backup import backup, dump, restore
from editor.store.db import parse_target
from editor.workspace import Workspace
from tests.ingest.helpers import png_bytes
from tests.store.test_read_only import ROOT, _unprivileged


def _fill(ws: Workspace, prefix: str) -> None:
    """Sections with sub-sections (the parent rule matters) and a few articles."""
    with ws.edit():
        top = ws.sections.create(f"{prefix}新闻")
        child = ws.sections.create(f"{prefix}国内", parent=top.id)
        sibling = ws.sections.create(f"{prefix}四川", parent=top.id)
        for n, section in enumerate((top, child, sibling)):
            ws.articles.create({"title": f"{prefix}稿件{n}", "section": section.id, "body": "正文"})


def _paths(location: str) -> list[str]:
    with Workspace.open(location) as ws:
        return sorted(node.path for node in ws.sections.tree())


def _write_dump(path: Path, data) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False)
    return path


def _dump_of(ws: Workspace, path: Path) -> Path:
    with ws.activate():
        return _write_dump(path, dump())


def _site(path: Path, prefix: str = "") -> str:
    with Workspace.open(str(path), create=True) as ws:
        _fill(ws, prefix)
    return str(path)


def test_a_sqlite_backup_is_one_self_contained_file(tmp_path):
    site = _site(tmp_path / "site.newsdesk")
    out = tmp_path / "backups" / "site.backup"
    with Workspace.open(site) as ws:
        backup(ws, out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["site.backup"]  # no -wal, -shm
    assert out.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL
    copy = tmp_path / "elsewhere.newsdesk"
    shutil.copyfile(out, copy)  # only the one file travels
    assert _paths(str(copy)) == _paths(site)


@pytest.mark.parametrize("kind", ["sqlite-backup", "dump"])
@pytest.mark.parametrize("victim", ["other-program", "text"])
def test_restore_never_replaces_a_file_that_is_not_a_site(tmp_path, kind, victim):
    site = _site(tmp_path / "site.newsdesk")
    if kind == "dump":
        with Workspace.open(site) as ws:
            source = _dump_of(ws, tmp_path / "site.dump.gz")
    else:
        source = tmp_path / "site.backup"
        with Workspace.open(site) as ws:
            backup(ws, source)
    target = tmp_path / "victim.db"
    if victim == "text":
        target.write_text("shopping list: rice, tea\n" * 20, encoding="utf-8")
    else:
        connection = sqlite3.connect(target)
        connection.execute("CREATE TABLE ledger (amount)")
        connection.execute("INSERT INTO ledger VALUES (42)")
        connection.commit()
        connection.close()
    before = target.read_bytes()
    with pytest.raises(DatabaseFileError, match="not a Newsdesk"):
        restore(parse_target(str(target)), source)
    assert target.read_bytes() == before
    fresh = tmp_path / "new-site.newsdesk"  # a new file is fine
    assert restore(parse_target(str(fresh)), source) == {"articles": 3, "sections": 3}


def test_a_damaged_site_can_be_restored_over(tmp_path):
    site = _site(tmp_path / "site.newsdesk")
    source = tmp_path / "site.backup"
    with Workspace.open(site) as ws:
        backup(ws, source)
        ws.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(Path(site).read_bytes())
    data[4096:] = b"\xa5" * (len(data) - 4096)
    Path(site).write_bytes(bytes(data))
    assert restore(parse_target(site), source)["sections"] == 3


def test_a_dump_restores_into_an_existing_site_with_sub_sections_twice(site_location, tmp_path):
    """The dump of a site (PostgreSQL's backup format) into a SQLite site that already has
    a section tree, once and again."""
    with Workspace.open(site_location, create=True) as ws:
        _fill(ws, "源")
        source = _dump_of(ws, tmp_path / "source.dump.gz")
    target = _site(tmp_path / "target.newsdesk", "旧")
    for _ in range(2):
        counts = restore(parse_target(target), source)
        assert counts == {"articles": 3, "sections": 3}
        assert _paths(target) == ["源新闻", "源新闻/源四川", "源新闻/源国内"]
    if site_location.startswith("postgresql"):
        for _ in range(2):  # and into the PostgreSQL site itself
            restore(parse_target(site_location), source)
        assert _paths(site_location) == ["源新闻", "源新闻/源四川", "源新闻/源国内"]


def _good_dump(tmp_path) -> dict:
    site = _site(tmp_path / "source.newsdesk")
    with Workspace.open(site) as ws, ws.activate():
        return dump()


def _spoil(data: dict, how: str) -> dict:
    tables = data["tables"]
    article, section = tables["article"][0], tables["section"][0]
    if how == "rows-not-objects":
        tables["article"] = [[1, 2, 3]]
    elif how == "table-not-a-list":
        tables["section"] = "sections"
    elif how == "bad-date":
        article["created_at"] = "2023-13-45T99:00:00"
    elif how == "bad-base64":
        tables["asset"] = [{"id": 1, "sha256": "x", "data": {"$b64": "%%%"}}]
    elif how == "schema-version-text":
        data["schema_version"] = "new"
    elif how == "missing-section":
        article["section"] = 999
    elif how == "section-without-id":
        del section["id"]
    elif how == "duplicate-ids":
        tables["article"].append(dict(article))
    elif how == "title-missing":
        article["title"] = None
    elif how == "title-a-structure":
        article["title"] = {"zh": "标题"}
    elif how == "parent-cycle":
        section["parent"] = section["id"]
    return data


SPOILS = [
    "rows-not-objects",
    "table-not-a-list",
    "bad-date",
    "bad-base64",
    "schema-version-text",
    "missing-section",
    "section-without-id",
    "duplicate-ids",
    "title-missing",
    "title-a-structure",
    "parent-cycle",
]


@pytest.mark.parametrize("how", SPOILS)
def test_a_malformed_dump_is_refused_with_a_message_and_the_site_kept(tmp_path, how):
    bad = _write_dump(tmp_path / "bad.dump.gz", _spoil(_good_dump(tmp_path), how))
    site = _site(tmp_path / "site.newsdesk", "现")
    before = _paths(site)
    with pytest.raises(DatabaseFileError):
        restore(parse_target(site), bad)
    assert _paths(site) == before
    with pytest.raises(DatabaseFileError):  # nor does it make a new site of it
        restore(parse_target(str(tmp_path / "new.newsdesk")), bad)
    assert not list(tmp_path.glob(".restore-*"))


def _spoiled_backup(tmp_path, how: str) -> Path:
    path = tmp_path / f"{how}.backup"
    with Workspace.open(_site(tmp_path / f"{how}-source.newsdesk")) as ws:
        backup(ws, path)
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        if how == "version-text":
            connection.execute("UPDATE newsdesk_meta SET value = 'x' WHERE key='schema_version'")
        elif how == "table-missing":
            connection.execute("PRAGMA foreign_keys = OFF")
            connection.execute("DROP TABLE article_tag")
        elif how == "broken-reference":
            connection.execute("PRAGMA foreign_keys = OFF")
            connection.execute("UPDATE article SET section_id = 999")
        elif how == "column-missing":
            connection.execute("ALTER TABLE article DROP COLUMN subtitle")
        elif how == "no-meta":
            connection.execute("DROP TABLE newsdesk_meta")
    finally:
        connection.close()
    return path


@pytest.mark.parametrize(
    "how", ["version-text", "table-missing", "broken-reference", "column-missing", "no-meta"]
)
def test_a_malformed_sqlite_backup_is_refused_with_a_message(tmp_path, how):
    bad = _spoiled_backup(tmp_path, how)
    site = _site(tmp_path / "site.newsdesk", "现")
    before = Path(site).read_bytes()
    with pytest.raises(DatabaseFileError):
        restore(parse_target(site), bad)
    assert Path(site).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_an_unreadable_backup_is_refused_with_a_message(tmp_path):
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-unreadable-"))
    try:
        folder.chmod(0o777)
        source = folder / "site.backup"
        with Workspace.open(_site(tmp_path / "site.newsdesk")) as ws:
            backup(ws, source)
        source.chmod(0o000)
        result = subprocess.run(
            [*_unprivileged(), sys.executable, "-m", "editor"]
            + ["--db", str(folder / "new.newsdesk"), "restore", str(source)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(folder)},
        )
        assert result.returncode == 1
        assert "Cannot read" in result.stderr and "Traceback" not in result.stderr
    finally:
        shutil.rmtree(folder)


def test_a_valid_dump_with_every_kind_of_value_round_trips(tmp_path):
    """Blobs, dates and JSON survive the dump (the validation must not refuse good data)."""
    site = tmp_path / "site.newsdesk"
    with Workspace.open(_site(site)) as ws:
        ws.media.add(png_bytes(), "pic.png", "图")
        source = _dump_of(ws, tmp_path / "site.dump.gz")
    restored = tmp_path / "restored.newsdesk"
    restore(parse_target(str(restored)), source)
    with Workspace.open(str(restored)) as ws, ws.activate():
        data = dump()
    original = json.loads(gzip.open(source, "rt", encoding="utf-8").read())
    assert data["tables"]["asset"] == original["tables"]["asset"]
    assert base64.b64decode(data["tables"]["asset"][0]["data"]["$b64"]) == png_bytes()


def test_restore_refuses_a_site_file_the_user_may_not_write(tmp_path, monkeypatch):
    from editor.errors import ReadOnlySiteError
    from editor.store import db as store_db

    site = _site(tmp_path / "site.newsdesk")
    source = tmp_path / "site.backup"
    with Workspace.open(site) as ws:
        backup(ws, source)
    before = Path(site).read_bytes()
    monkeypatch.setattr(store_db, "is_read_only", lambda path: True)
    with pytest.raises(ReadOnlySiteError, match="read-only"):
        restore(parse_target(site), source)
    assert Path(site).read_bytes() == before


def test_a_restored_dump_is_fingerprinted_again_for_near_duplicates(site_location):
    """Restoring into an existing site replaces the near-duplicate fingerprints, so the
    mark of their last sync goes too (else the restored articles would never be read)."""
    from editor.store.backup import load_dump
    from editor.store.models import SIMHASH_SYNCED, Meta

    with Workspace.open(site_location, create=True) as ws, ws.activate():
        _fill(ws, "源")
        data = dump()
        Meta.delete().where(Meta.key == SIMHASH_SYNCED).execute()
        Meta.create(key=SIMHASH_SYNCED, value="2099-01-01T00:00:00")
        load_dump(data)
        assert Meta.get_or_none(Meta.key == SIMHASH_SYNCED) is None
        assert Meta.select().count() > 0  # the other facts about the database stay
