"""What an export keeps in the site besides the bundle: the rendered body of each article
(the Markdown cache the next export reads) and the publish log row of each article page."""

from __future__ import annotations

import hashlib
from datetime import datetime

from editor.publish.markdown import body_key, render_markdown


def test_an_export_keeps_each_rendered_body_as_the_articles_cache(demo_workspace, tmp_path):
    from editor.store.models import Article

    Article.update(body_html="", body_html_key="").execute()
    demo_workspace.publisher.export(tmp_path / "out", workers=1)
    published = list(
        Article.select(Article.body, Article.body_html, Article.body_html_key).where(
            Article.status == "published"
        )
    )
    cached = [row for row in published if row.body_html_key]
    assert len(cached) >= 5
    for row in cached:
        assert row.body_html == render_markdown(row.body)
        assert row.body_html_key == body_key(row.body)


def test_each_article_page_written_is_logged_with_its_file_hash(demo_workspace, tmp_path):
    from editor.store.models import Article, PublishLog

    out = tmp_path / "out"
    before = datetime.now().replace(microsecond=0)
    result = demo_workspace.publisher.export(out, workers=1)
    rows = list(PublishLog.select().order_by(PublishLog.article_id))
    pages = [p for p in result.written_paths if "/" in p and p.rsplit("/", 1)[1][:-5].isdigit()]
    assert len(rows) == len(pages) >= 5
    versions = dict(Article.select(Article.id, Article.version).tuples())
    for row in rows:
        assert row.destination == str(out.resolve())
        assert row.path.endswith(f"/{row.article_id}.html") and row.path in pages
        assert row.version == versions[row.article_id]
        assert row.file_sha256 == hashlib.sha256((out / row.path).read_bytes()).hexdigest()
        assert isinstance(row.logged_at, datetime) and row.logged_at >= before
