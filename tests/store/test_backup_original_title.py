"""Backups carry 原标题: the SQLite copy, the portable dump and its restore into either
backend; a dump written before 原标题 existed restores with it empty."""

from __future__ import annotations

import gzip
import json

from editor.store import backup
from editor.store.db import parse_target
from editor.workspace import Workspace

ORIGINAL = "成都与上海交大签约共建研究平台"


def test_backup_and_restore_keep_the_original_title(site_location, tmp_path):
    with Workspace.open(site_location, create=True, user="tester") as ws:
        with ws.edit():
            ws.sections.create("新闻")
            article_id = ws.articles.create(
                {"title": "校地合作新平台", "original_title": ORIGINAL, "section": "新闻"}
            ).id
        written = backup.backup(ws, tmp_path / "site.backup")
        if not ws.target.is_sqlite:
            with gzip.open(written, "rt", encoding="utf-8") as handle:
                rows = json.load(handle)["tables"]["article"]
            assert [row["original_title"] for row in rows] == [ORIGINAL]
    restored = tmp_path / "restored.newsdesk"
    backup.restore(parse_target(str(restored)), written)
    with Workspace.open(str(restored), user="tester") as ws:
        assert ws.articles.fields_of(article_id)["original_title"] == ORIGINAL


def test_a_dump_from_before_the_original_title_restores(tmp_path):
    with Workspace.open(str(tmp_path / "site.newsdesk"), create=True, user="tester") as ws:
        with ws.edit():
            ws.sections.create("新闻")
            article_id = ws.articles.create({"title": "旧稿", "section": "新闻"}).id
        data = backup.dump()
    for row in data["tables"]["article"]:
        del row["original_title"]
    data["schema_version"] = 10
    old = tmp_path / "old.backup"
    with gzip.open(old, "wt", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False)
    restored = tmp_path / "restored.newsdesk"
    backup.restore(parse_target(str(restored)), old)
    with Workspace.open(str(restored), user="tester") as ws:
        fields = ws.articles.fields_of(article_id)
        assert (fields["title"], fields["original_title"]) == ("旧稿", "")
