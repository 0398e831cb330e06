"""Opening, validating and migrating site databases."""

from __future__ import annotations

import sqlite3

import pytest

from editor.errors import DatabaseFileError
from editor.store import migrations
from editor.store.db import parse_target
from editor.workspace import Workspace


def test_targets_from_paths_and_urls(tmp_path):
    assert parse_target(str(tmp_path / "a.db")).kind == "sqlite"
    assert parse_target(f"sqlite:///{tmp_path}/b.db").location == str(tmp_path / "b.db")
    assert parse_target("postgresql://u:p@localhost/news").kind == "postgresql"
    with pytest.raises(DatabaseFileError):
        parse_target("mysql://localhost/x")


def test_new_sqlite_site_uses_wal_foreign_keys_and_busy_timeout(tmp_path):
    with Workspace.open(f"sqlite:///{tmp_path}/site.db", create=True) as ws:
        assert ws.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert ws.db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert ws.db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert migrations.schema_version(ws.db) == migrations.LATEST


def test_missing_site_is_not_created_without_asking(tmp_path):
    with pytest.raises(DatabaseFileError, match="init"):
        Workspace.open(str(tmp_path / "nothing.db"))
    assert not (tmp_path / "nothing.db").exists()


@pytest.mark.parametrize(
    "content",
    [b"hello, this is a text file\n" * 10, bytes(range(256)) * 4],
    ids=["text", "binary"],
)
def test_a_file_that_is_not_a_site_is_refused_and_untouched(tmp_path, content):
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    with pytest.raises(DatabaseFileError, match="not a Newsdesk"):
        Workspace.open(str(path), create=True)
    assert path.read_bytes() == content


def test_another_programs_sqlite_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE things (x)")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseFileError, match="another program"):
        Workspace.open(str(path), create=True)
    assert path.read_bytes() == before


def test_a_damaged_site_is_refused_and_untouched(tmp_path):
    path = tmp_path / "site.db"
    with Workspace.open(str(path), create=True) as ws:
        ws.sections.create("新闻")
        ws.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page, len(data)):  # scribble over everything after the first page
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseFileError, match="damaged|unreadable"):
        Workspace.open(str(path))
    assert path.read_bytes() == bytes(data)


def _make_schema_1_site(path):
    """A site as schema 1 made it: no search index tables, no hot-list columns."""
    with Workspace.open(str(path), create=True) as ws:
        ws.sections.create("新闻")
        ws.articles.create(
            {
                "title": "成都与上海交大共建研究平台",
                "section": "新闻",
                "body": "成都市与上海交大签署协议。",
                "hits": 7,
            }
        )
    connection = sqlite3.connect(path)
    connection.execute("DROP TABLE article_fts")
    connection.execute("DROP TABLE article_grams")
    connection.execute("DROP INDEX article_hot_pin")
    connection.execute("ALTER TABLE article DROP COLUMN hot_pin")
    connection.execute("ALTER TABLE article DROP COLUMN hot_exclude")
    connection.execute("ALTER TABLE article DROP COLUMN original_title")
    connection.execute("DROP INDEX article_section_id_status_publish_time")
    connection.execute(
        "CREATE INDEX article_section_id_publish_time ON article (section_id, publish_time)"
    )
    connection.execute("UPDATE newsdesk_meta SET value = '1' WHERE key = 'schema_version'")
    connection.commit()
    connection.close()


def test_an_older_schema_is_upgraded_in_order(tmp_path):
    from editor.content.articles import ArticleQuery

    path = tmp_path / "old.db"
    _make_schema_1_site(path)
    with Workspace.open(str(path)) as ws:
        assert migrations.schema_version(ws.db) == migrations.LATEST
        columns = {c.name for c in ws.db.get_columns("article")}
        assert {"hot_pin", "hot_exclude"} <= columns
        indexes = {index.name for index in ws.db.get_indexes("article")}
        assert "article_section_id_status_publish_time" in indexes
        assert "article_section_id_publish_time" not in indexes
        assert "article_hot_pin" in indexes
        found = ws.articles.list(ArticleQuery(search="上海交大"))
        assert [row.title for row in found] == ["成都与上海交大共建研究平台"]
        assert [row.hits for row in ws.articles.list(ArticleQuery(search="成都"))] == [7]


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.db"
    Workspace.open(str(path), create=True).close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE newsdesk_meta SET value = '99' WHERE key = 'schema_version'")
    connection.commit()
    connection.close()
    with pytest.raises(DatabaseFileError, match="newer"):
        Workspace.open(str(path))


def test_edit_rolls_back_everything_on_error(workspace):
    with pytest.raises(RuntimeError), workspace.edit():
        workspace.sections.create("会消失")
        raise RuntimeError("boom")
    assert workspace.sections.tree().roots == []


ARTICLE_QUERY = (
    "SELECT id FROM article WHERE section_id = 1 AND status = 'published' "
    "ORDER BY publish_time DESC LIMIT 5"
)


def _optimize_would(path) -> list:
    """What `PRAGMA optimize` would do after a session that read the article list."""
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        connection.execute(ARTICLE_QUERY).fetchall()
        return connection.execute("PRAGMA optimize(0xffff)").fetchall()  # 0x1: only list
    finally:
        connection.close()


def test_a_site_without_pins_is_not_analyzed_again_at_every_close(tmp_path, capsys):
    import sqlite3

    from editor.cli import main

    site = str(tmp_path / "site.newsdesk")
    assert main(["--db", site, "init", "--demo"]) == 0
    connection = sqlite3.connect(site)  # a session whose optimize analyzes the articles
    connection.execute(ARTICLE_QUERY).fetchall()
    connection.execute("PRAGMA optimize")
    pinned = connection.execute("SELECT count(*) FROM article WHERE hot_pin IS NOT NULL")
    assert pinned.fetchone()[0] == 0
    stats = dict(connection.execute("SELECT idx, stat FROM sqlite_stat1").fetchall())
    connection.close()
    assert "article_section_id" in stats and "article_hot_pin" not in stats
    # SQLite's optimize takes the index without statistics for a reason to analyze again
    assert _optimize_would(site) == [('ANALYZE "main"."article"',)]

    assert main(["--db", site, "articles", "--json"]) == 0  # its close records the index
    capsys.readouterr()
    connection = sqlite3.connect(site)
    stats = dict(connection.execute("SELECT idx, stat FROM sqlite_stat1").fetchall())
    connection.close()
    assert stats["article_hot_pin"] == "0 0"  # empty, as it is
    assert _optimize_would(site) == []  # so the next close has nothing to analyze
    assert main(["--db", site, "articles", "--json"]) == 0
    assert _optimize_would(site) == []

    # with a pin, ANALYZE's own statistics of the index are kept
    connection = sqlite3.connect(site)
    connection.execute("UPDATE article SET hot_pin = 1 WHERE id = (SELECT min(id) FROM article)")
    connection.execute("DELETE FROM sqlite_stat1 WHERE idx = 'article_hot_pin'")
    connection.commit()
    connection.close()
    connection = sqlite3.connect(site)  # (statistics are read as a connection opens)
    connection.execute(ARTICLE_QUERY).fetchall()
    connection.execute("PRAGMA optimize")
    connection.close()
    assert main(["--db", site, "articles", "--json"]) == 0
    connection = sqlite3.connect(site)
    stat = connection.execute("SELECT stat FROM sqlite_stat1 WHERE idx = 'article_hot_pin'")
    assert stat.fetchone()[0].split()[0] == "1"  # one pinned article, as ANALYZE counted
    connection.close()
