"""Schema migrations: a schema 1 site upgrades to what a new site gets, data kept; a step that
fails leaves the database at the version before it; every version has its step."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from editor.errors import DatabaseFileError
from editor.store import db as store_db
from editor.store import migrations
from editor.store.models import ALL_MODELS
from editor.workspace import Workspace

SCHEMA_1 = Path(__file__).with_name("schema_1.sql")


def _schema_1_site(path: Path) -> Path:
    """A SQLite site as schema 1 wrote it, with two articles (from schema_1.sql)."""
    connection = sqlite3.connect(path)
    connection.executescript(SCHEMA_1.read_text(encoding="utf-8"))
    connection.execute(f"PRAGMA application_id = {store_db.APPLICATION_ID}")
    connection.commit()
    connection.close()
    return path


def _sqlite_schema(path: Path) -> dict:
    """Tables with their columns (name, type, not null, primary key) and the indexes."""
    connection = sqlite3.connect(path)
    try:
        objects = connection.execute(
            "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
        shape: dict = {"indexes": set(), "tables": {}}
        for kind, name, table in objects:
            if kind == "index":
                columns = [row[2] for row in connection.execute(f'PRAGMA index_info("{name}")')]
                shape["indexes"].add((table, name, tuple(columns)))
            elif kind == "table":
                info = connection.execute(f'PRAGMA table_info("{name}")').fetchall()
                # SQLite keeps declared lengths as written (step 5 widens only on PostgreSQL)
                shape["tables"][name] = {
                    (r[1], re.sub(r"\(\d+\)", "", r[2].upper()), r[3], r[5]) for r in info
                }
        return shape
    finally:
        connection.close()


def test_every_version_has_its_step_and_its_line_in_the_history():
    assert sorted(migrations.STEPS) == list(range(2, migrations.LATEST + 1))
    history = migrations.__doc__ or ""
    for version in range(1, migrations.LATEST + 1):
        assert f"\n{version}. " in history, f"version {version} is not in the history"


def test_a_schema_1_site_upgrades_to_the_schema_of_a_new_site(tmp_path):
    old = _schema_1_site(tmp_path / "old.newsdesk")
    with Workspace.open(str(old)) as ws:
        assert migrations.schema_version(ws.db) == migrations.LATEST
    new = tmp_path / "new.newsdesk"
    Workspace.open(str(new), create=True).close()
    upgraded, fresh = _sqlite_schema(old), _sqlite_schema(new)
    assert upgraded["tables"].keys() == fresh["tables"].keys()
    for table, columns in fresh["tables"].items():
        assert upgraded["tables"][table] == columns, table
    assert upgraded["indexes"] == fresh["indexes"]


def test_the_articles_of_a_schema_1_site_survive_and_are_found(tmp_path):
    from editor.content.articles import ArticleQuery

    old = _schema_1_site(tmp_path / "old.newsdesk")
    with Workspace.open(str(old), user="tester") as ws, ws.activate():
        rows = ws.articles.list(ArticleQuery(limit=10))
        assert sorted(row.title for row in rows) == [
            "成都与上海交大共建研究平台",
            "杭州西湖文化节开幕",
        ]
        for term, expected in (("上海交大", [7]), ("成都", [7]), ("湖", [0])):
            assert [r.hits for r in ws.articles.list(ArticleQuery(search=term))] == expected
        first = ws.articles.fields_of(1)
        assert first["source"] == "成都日报" and first["status"] == "published"
        saved = ws.articles.update(1, {"title": "成都与上海交大共建五个研究平台"}, first["version"])
        assert saved.version == first["version"] + 1
        assert [r.id for r in ws.articles.list(ArticleQuery(search="五个研究"))] == [1]


def test_a_failing_step_leaves_the_database_at_the_version_before(site_location, monkeypatch):
    """Each step and its version number are one transaction (on both backends)."""
    Workspace.open(site_location, create=True).close()
    before = migrations.LATEST

    def failing_step(db):
        db.execute_sql("CREATE TABLE migration_probe (id INTEGER PRIMARY KEY)")
        raise RuntimeError("the disk filled up halfway")

    monkeypatch.setattr(migrations, "LATEST", before + 1)
    monkeypatch.setitem(migrations.STEPS, before + 1, failing_step)
    with pytest.raises(Exception, match="halfway"):
        Workspace.open(site_location)
    monkeypatch.setattr(migrations, "LATEST", before)
    with Workspace.open(site_location) as ws:
        assert migrations.schema_version(ws.db) == before
        assert not ws.db.table_exists("migration_probe")

    monkeypatch.setattr(migrations, "LATEST", before + 1)
    monkeypatch.setitem(
        migrations.STEPS,
        before + 1,
        lambda db: db.execute_sql("CREATE TABLE migration_probe (id INTEGER PRIMARY KEY)"),
    )
    with Workspace.open(site_location) as ws:
        assert migrations.schema_version(ws.db) == before + 1
        assert ws.db.table_exists("migration_probe")


def test_an_empty_database_is_not_made_a_site_unasked(site_location):
    database = store_db.connect(store_db.parse_target(site_location))
    with database.bind_ctx(ALL_MODELS):
        with pytest.raises(DatabaseFileError, match="empty"):
            migrations.upgrade(database)
        assert database.get_tables() == []
        assert migrations.upgrade(database, create=True) == migrations.LATEST
        assert migrations.schema_version(database) == migrations.LATEST
    database.close()


def test_tables_of_another_program_are_refused_untouched(site_location):
    database = store_db.connect(store_db.parse_target(site_location))
    try:
        database.execute_sql("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        with pytest.raises(DatabaseFileError, match="another program"):
            migrations.upgrade(database, create=True)
        assert database.get_tables() == ["customers"]
    finally:
        database.close()
