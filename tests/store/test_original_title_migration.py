"""Schema 11 (原标题): a site of schema 10 is upgraded in place and keeps everything; on
SQLite the new column takes its model place, before the long texts."""

from __future__ import annotations

import sqlite3

from editor.store import migrations
from editor.workspace import Workspace


def _make_schema_10_site(location: str) -> dict:
    with Workspace.open(location, create=True, user="tester") as ws:
        with ws.edit():
            ws.sections.create("新闻")
            other = ws.articles.create({"title": "旧闻", "section": "新闻"})
            article = ws.articles.create(
                {
                    "title": "成都与上海交大共建研究平台",
                    "section": "新闻",
                    "body": "成都市与上海交大签署协议。",
                    "reporters": ["黄雪松"],
                    "tags": ["校地合作"],
                    "related": [other.id],
                    "hot_pin": 1,
                }
            )
        expected = ws.articles.fields_of(article.id)
    statements = [
        "ALTER TABLE article DROP COLUMN original_title",
        "UPDATE newsdesk_meta SET value = '10' WHERE key = 'schema_version'",
    ]
    if location.startswith("postgresql"):
        import psycopg2

        connection = psycopg2.connect(location)
        with connection, connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    else:
        connection = sqlite3.connect(location)
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    connection.close()
    return expected


def test_a_schema_10_site_gets_the_original_title(site_location):
    from editor.content.articles import ArticleQuery

    expected = _make_schema_10_site(site_location)
    with Workspace.open(site_location, user="tester") as ws:
        assert migrations.schema_version(ws.db) == migrations.LATEST
        fields = ws.articles.fields_of(expected["id"])
        assert fields == dict(expected, original_title="")
        found = ws.articles.list(ArticleQuery(search="上海交大"))
        assert [row.id for row in found] == [expected["id"]]
        with ws.edit():
            ws.articles.update(expected["id"], {"original_title": "原来的标题"}, None)
        assert ws.articles.fields_of(expected["id"])["original_title"] == "原来的标题"
        indexes = {index.name for index in ws.db.get_indexes("article")}
        assert {"article_hot_pin", "article_section_id_status_publish_time"} <= indexes
        if ws.target.is_sqlite:
            columns = [c.name for c in ws.db.get_columns("article")]
            assert columns.index("original_title") < columns.index("summary")
            assert columns.index("original_title") < columns.index("body")
            assert ws.db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
            assert ws.db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
