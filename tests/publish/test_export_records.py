"""What an export keeps in the site besides the bundle: the rendered body of each article
(the Markdown cache the next export reads) and the publish log row of each article page."""

from __future__ import annotations

import hashlib
from datetime import datetime

from editor.publish.markdown import body_key, plain_paragraphs, render_markdown


def _page_ids(out) -> set[int]:
    return {int(p.stem) for p in out.rglob("*.html") if p.stem.isdigit() and p.parent != out}


def test_an_export_keeps_each_rendered_body_but_plain_prose_as_the_cache(demo_workspace, tmp_path):
    from editor.store.models import Article

    out = tmp_path / "out"
    demo_workspace.publisher.export(out, workers=1)
    article_id = min(_page_ids(out))
    plain = "成都市与二十家高校签署合作协议。\n\n记者获悉，首批项目已经落地。\n"
    with demo_workspace.edit():
        article = demo_workspace.articles.get(article_id)
        demo_workspace.articles.update(article_id, {"body": plain}, article.version)
    Article.update(body_html="", body_html_key="").execute()
    demo_workspace.publisher.export(out, full=True, workers=1)
    shown = _page_ids(out)
    rows = [
        row
        for row in Article.select(
            Article.id, Article.body, Article.body_html, Article.body_html_key
        )
        if row.id in shown
    ]
    marked = [row for row in rows if plain_paragraphs(row.body) is None]
    assert len(marked) >= 5 and len(marked) < len(rows)
    for row in marked:  # bodies with marks, pictures or headings: kept for the next export
        assert row.body_html == render_markdown(row.body)
        assert row.body_html_key == body_key(row.body)
    for row in rows:
        if plain_paragraphs(row.body) is not None:  # rendered again each time: not stored
            assert row.body_html == "" and row.body_html_key == ""
    (page,) = out.rglob(f"{article_id}.html")
    assert "<p>记者获悉，首批项目已经落地。</p>" in page.read_text(encoding="utf-8")


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


def test_the_log_after_an_export_looks_at_its_pages_not_at_the_last_full_export(
    demo_workspace, tmp_path, monkeypatch
):
    """The pages of the full export were looked at by its own log, however soon the next
    export follows (within the same second too): the next log reads only its pages."""
    from editor.content import publish_log
    from editor.store.models import PublishLog

    ws, out = demo_workspace, tmp_path / "out"
    ws.publisher.export(out, full=True, workers=1)
    everything = PublishLog.select().count()
    asked: list = []
    real = publish_log._for_ids
    monkeypatch.setattr(
        publish_log,
        "_for_ids",
        lambda query, column, ids, **how: asked.append(ids) or real(query, column, ids, **how),
    )
    article_id = min(_page_ids(out))
    with ws.edit():
        article = ws.articles.get(article_id)
        ws.articles.update(article_id, {"body": "改写后的正文，只有这一段。\n"}, article.version)
    ws.publisher.export(out, workers=1)
    new_rows = list(PublishLog.select().order_by(PublishLog.id))[everything:]
    assert article_id in {row.article_id for row in new_rows}
    # (the log before and the signatures; the pages are the export's own)
    assert len(asked) == 2 and all(ids is not None and len(ids) < everything for ids in asked)


def test_a_page_written_again_with_the_same_bytes_keeps_its_recorded_time(demo_workspace, tmp_path):
    """A full export that changed nothing leaves the times as they were, so the publish log
    after it has nothing to look at; a page whose bytes changed gets the new time."""
    from editor.store.models import ExportState

    ws, out = demo_workspace, tmp_path / "out"
    ws.publisher.export(out, full=True, workers=1)

    def times() -> dict:
        return dict(ExportState.select(ExportState.path, ExportState.exported_at).tuples())

    before = times()
    article_id = min(_page_ids(out))
    with ws.edit():
        article = ws.articles.get(article_id)
        ws.articles.update(article_id, {"body": "只有这一页的字节变了。\n"}, article.version)
    ws.publisher.export(out, full=True, workers=1)
    after = times()
    changed = {path for path in after if after[path] != before[path]}
    assert any(path.endswith(f"/{article_id}.html") for path in changed)
    assert len(changed) < len(after) / 2 and "manifest.json" in changed


def test_the_log_made_from_the_export_s_own_pages_is_the_log_read_from_the_site(
    demo_workspace, tmp_path
):
    """The application's publisher gives the log the pages it exported; the log of an
    export that gives none reads the visible articles: the rows are the same."""
    from editor.content.publish_log import log_export
    from editor.publish.export import Exporter
    from editor.store.models import PublishLog
    from tests.publish import changes

    ws = demo_workspace
    changes.grown(ws)
    given, read = tmp_path / "given", tmp_path / "read"

    def rows(out) -> list[tuple]:
        query = PublishLog.select().where(PublishLog.destination == str(out.resolve()))
        return sorted(
            (r.article_id, r.content_hash, r.version, r.path, r.file_sha256) for r in query
        )

    ws.publisher.export(given, workers=1)
    Exporter(ws, workers=1).run(read)
    with ws.activate():
        log_export(ws, read)
    assert len(rows(given)) > 30 and rows(given) == rows(read)
    changes.new_article(ws)
    changes.edited_title(ws)
    ws.publisher.export(given, workers=1)
    Exporter(ws, workers=1).run(read)
    with ws.activate():
        log_export(ws, read)
    assert rows(given) == rows(read)
