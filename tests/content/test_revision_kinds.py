"""What wrote each version (saved, published, restored, imported) and how two versions
differ: the fields listed, the body compared character by character."""

from __future__ import annotations

import sqlite3

from editor.content.revisions import word_diff
from editor.store import migrations
from editor.workspace import Workspace


def test_each_version_says_what_wrote_it_and_which_fields_changed(workspace):
    ws = workspace
    with ws.edit():
        section = ws.sections.create("地方新闻").id
        article = ws.articles.create({"title": "初稿", "section": section, "body": "甲乙丙"})
        ws.articles.update(article.id, {"title": "二稿", "source": "四川日报"}, 1)
        ws.articles.publish(article.id)
        ws.revisions.restore(article.id, 1, 3)
        ws.articles.create({"title": "转载", "section": section}, kind="imported")
    kinds = [(r.version, r.kind) for r in ws.revisions.list(article.id)]
    assert kinds == [(4, "restored"), (3, "published"), (2, "saved"), (1, "saved")]
    changes = ws.revisions.changed_fields(article.id, 1, 2)
    assert changes == [("title", "初稿", "二稿"), ("source", "", "四川日报")]
    assert ws.revisions.list(article.id + 1)[0].kind == "imported"


def test_word_diff_marks_changed_characters_not_lines():
    runs = word_diff(
        "成都与上海交大共建平台。\n第二段 3.0 版。\n", "成都和上海交大共建平台。\n第二段 3.1 版。\n"
    )
    assert runs == [
        ("=", "成都"),
        ("-", "与"),
        ("+", "和"),
        ("=", "上海交大共建平台。\n第二段 "),
        ("-", "3.0"),
        ("+", "3.1"),
        ("=", " 版。\n"),
    ]
    assert word_diff("", "新段落") == [("+", "新段落")]


def test_a_schema_8_site_gains_revision_kinds(tmp_path):
    path = tmp_path / "old.newsdesk"
    with Workspace.open(str(path), create=True, user="tester") as ws, ws.edit():
        section = ws.sections.create("地方新闻").id
        ws.articles.create({"title": "旧稿", "section": section})
    connection = sqlite3.connect(path)
    connection.execute("ALTER TABLE revision DROP COLUMN kind")
    connection.execute("UPDATE newsdesk_meta SET value = '8' WHERE key = 'schema_version'")
    connection.commit()
    connection.close()
    with Workspace.open(str(path), user="tester") as ws:
        assert migrations.schema_version(ws.db) == migrations.LATEST
        assert [r.kind for r in ws.revisions.list(1)] == ["saved"]
