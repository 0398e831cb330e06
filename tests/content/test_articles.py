"""Articles: saving with revisions, the optimistic lock, statuses, filters and paging."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from playhouse.test_utils import count_queries

from editor.content.articles import ArticleQuery
from editor.errors import ConflictError, ValidationError


@pytest.fixture
def newsroom(workspace):
    top = workspace.sections.create("华商走世界")
    workspace.sections.create("川商走世界", top)
    workspace.sections.create("浙商走世界", top)
    workspace.sections.create("经济")
    return workspace


def _article(ws, **fields):
    base = {
        "title": "成都与上海交大共建5个高能级研究平台",
        "section": "华商走世界/川商走世界",
        "body": "成都再度携手上海交大。\n\n## 小标题\n\n第二段。",
        "source": "成都日报",
        "reporters": "黄雪松",
        "photographers": ["魏麟潇"],
        "responsible_editor": "网宣黄怡竞",
    }
    base.update(fields)
    return ws.articles.create(base)


def test_create_keeps_every_newsroom_field(newsroom):
    article = _article(
        newsroom,
        tags=["成都", "科技"],
        flags=["headline", "slideshow"],
        hits=12,
        source_url="https://example.cn/a.html",
        summary="摘要",
    )
    fields = newsroom.articles.fields_of(article.id)
    assert fields["source"] == "成都日报"
    assert fields["reporters"] == ["黄雪松"]
    assert fields["photographers"] == ["魏麟潇"]
    assert fields["responsible_editor"] == "网宣黄怡竞"
    assert fields["tags"] == ["成都", "科技"]
    assert fields["flags"] == ["headline", "slideshow"]
    assert fields["hits"] == 12 and fields["version"] == 1
    assert article.char_count > 10
    assert [r.version for r in newsroom.revisions.list(article.id)] == [1]


def test_bad_values_are_refused_with_a_message(newsroom):
    with pytest.raises(ValidationError, match="title"):
        _article(newsroom, title="   ")
    with pytest.raises(ValidationError, match="status"):
        _article(newsroom, status="live")
    with pytest.raises(ValidationError, match="flags"):
        _article(newsroom, flags=["breaking"])
    with pytest.raises(ValidationError, match="date"):
        _article(newsroom, publish_time="yesterday")
    assert newsroom.articles.count() == 0


def test_every_save_bumps_version_and_writes_a_revision(newsroom):
    article = _article(newsroom)
    saved = newsroom.articles.update(article.id, {"body": "新的正文"}, base_version=1)
    assert saved.version == 2
    saved = newsroom.articles.update(article.id, {"title": "新标题"}, base_version=2)
    assert [r.version for r in newsroom.revisions.list(article.id)] == [3, 2, 1]
    assert newsroom.revisions.get(article.id, 1)["body"].startswith("成都再度携手")
    diff = newsroom.revisions.diff(article.id, 1, 3)
    assert "+新的正文" in diff
    restored = newsroom.revisions.restore(article.id, 1, base_version=3)
    assert restored.version == 4 and restored.title == "成都与上海交大共建5个高能级研究平台"


def test_a_stale_save_is_refused_and_both_texts_survive(newsroom):
    article = _article(newsroom)
    newsroom.articles.update(article.id, {"body": "甲编辑的版本"}, base_version=1, author="甲")
    with pytest.raises(ConflictError) as caught:
        newsroom.articles.update(article.id, {"body": "乙编辑的版本"}, base_version=1, author="乙")
    info = caught.value.info
    assert info.saved_by == "甲" and info.current_version == 2
    assert "甲" in str(caught.value) and info.saved_at is not None
    assert newsroom.articles.get(article.id).body == "甲编辑的版本"
    conflict_drafts = newsroom.drafts.pending(kind="conflict")
    assert [d.fields["body"] for d in conflict_drafts] == ["乙编辑的版本"]


def test_two_workspaces_on_one_database_conflict(site_location, newsroom):
    """Two workstations open the same site and save the same article."""
    from editor.workspace import Workspace

    article = _article(newsroom)
    other = Workspace.open(site_location, user="乙")
    try:
        with other.activate():
            opened = other.articles.fields_of(article.id)
        with newsroom.activate():
            newsroom.articles.update(article.id, {"body": "甲先保存"}, opened["version"], "甲")
        with other.activate(), pytest.raises(ConflictError) as caught:
            other.articles.update(article.id, {"body": "乙后保存"}, opened["version"])
        assert caught.value.info.saved_by == "甲"
        with other.activate():
            assert other.articles.get(article.id).body == "甲先保存"
            assert other.drafts.pending(kind="conflict")[0].fields["body"] == "乙后保存"
    finally:
        other.close()


def test_status_changes_and_scheduling(newsroom):
    article = _article(newsroom)
    assert newsroom.articles.publish(article.id).status == "published"
    assert newsroom.articles.get(article.id).publish_time is not None
    later = datetime.now() + timedelta(days=2)
    newsroom.articles.schedule(article.id, later)
    rows = newsroom.articles.list(ArticleQuery(status="scheduled"))
    assert [r.id for r in rows] == [article.id] and rows[0].as_dict()["status"] == "scheduled"
    assert newsroom.articles.list(ArticleQuery(status="published")) == []
    with pytest.raises(ValidationError, match="future"):
        newsroom.articles.schedule(article.id, datetime.now() - timedelta(days=1))
    newsroom.articles.archive(article.id)
    assert newsroom.articles.list(ArticleQuery(status="archived"))[0].id == article.id
    newsroom.articles.unpublish(article.id)
    assert newsroom.articles.get(article.id).status == "draft"


def test_filters_by_subtree_status_dates_and_flags(newsroom):
    day = datetime(2023, 11, 20, 9, 0)
    a = _article(newsroom, title="川商一", status="published", publish_time=day, flags=["headline"])
    b = _article(
        newsroom,
        title="浙商一",
        section="华商走世界/浙商走世界",
        status="published",
        publish_time=day + timedelta(days=3),
    )
    c = _article(newsroom, title="经济一", section="经济")
    ids = lambda q: [r.id for r in newsroom.articles.list(q)]  # noqa: E731
    assert ids(ArticleQuery(section="华商走世界")) == [b.id, a.id]
    assert ids(ArticleQuery(section="华商走世界", include_subsections=False)) == []
    assert ids(ArticleQuery(status="draft")) == [c.id]
    assert ids(ArticleQuery(flags=["headline"])) == [a.id]
    assert ids(
        ArticleQuery(date_from=datetime(2023, 11, 21).date(), date_to=datetime(2023, 11, 23).date())
    ) == [b.id]
    assert newsroom.articles.count(ArticleQuery(section="华商走世界")) == 2


def test_paging_and_sorting(newsroom):
    start = datetime(2024, 1, 1, 8, 0)
    for n in range(25):
        _article(
            newsroom,
            title=f"稿件{n:02d}",
            status="published",
            publish_time=start + timedelta(hours=n),
            hits=n,
        )
    page1 = newsroom.articles.list(ArticleQuery(limit=10))
    page3 = newsroom.articles.list(ArticleQuery(limit=10, offset=20))
    assert [r.title for r in page1][:2] == ["稿件24", "稿件23"]
    assert [r.title for r in page3] == [f"稿件{n:02d}" for n in range(4, -1, -1)]
    by_hits = newsroom.articles.list(ArticleQuery(order_by="hits", descending=False, limit=3))
    assert [r.hits for r in by_hits] == [0, 1, 2]
    with pytest.raises(ValidationError):
        newsroom.articles.list(ArticleQuery(order_by="body"))


def test_list_page_query_count_does_not_grow_with_rows(newsroom):
    for n in range(30):
        _article(newsroom, title=f"稿件{n}", reporters=["记者甲", "记者乙"])
    with count_queries() as small:
        newsroom.articles.list(ArticleQuery(section="华商走世界", limit=5))
    with count_queries() as large:
        rows = newsroom.articles.list(ArticleQuery(section="华商走世界", limit=30))
    assert len(rows) == 30 and rows[0].reporters == ["记者甲", "记者乙"]
    assert large.count == small.count <= 5


def test_save_query_count_is_bounded(newsroom):
    article = _article(newsroom)
    with count_queries() as counter:
        newsroom.articles.update(article.id, {"body": "改一改正文" * 100}, article.version)
    assert counter.count <= 16


def test_delete_removes_from_search(newsroom):
    article = _article(newsroom)
    assert newsroom.articles.count(ArticleQuery(search="上海交大")) == 1
    newsroom.articles.delete(article.id)
    assert newsroom.articles.count(ArticleQuery(search="上海交大")) == 0
    assert newsroom.articles.count() == 0


def test_long_addresses_and_tags(newsroom):
    """Real pages carry very long original links (WeChat); PostgreSQL enforces lengths."""
    url = "https://mp.weixin.qq.com/s?" + "x=1&" * 300
    newsroom.sources.ensure("澎湃新闻网", url)
    article = _article(newsroom, source="澎湃新闻网", source_url=url)
    assert newsroom.articles.fields_of(article.id)["source_url"] == url.strip()
    with pytest.raises(ValidationError, match="tag"):
        _article(newsroom, tags=["长" * 101])


def test_the_refused_text_survives_the_rollback_of_an_outer_unit_of_work(newsroom):
    article = _article(newsroom)
    newsroom.articles.update(article.id, {"body": "甲编辑的版本"}, base_version=1, author="甲")
    with pytest.raises(ConflictError) as caught:
        with newsroom.edit():  # the caller's unit of work rolls back on the error...
            newsroom.articles.update(article.id, {"title": "同一单元里的改动"}, None, "乙")
            with newsroom.edit():  # ...nested ones too
                newsroom.articles.update(article.id, {"body": "乙编辑的版本"}, 1, "乙")
    assert newsroom.articles.get(article.id).title != "同一单元里的改动"  # rolled back
    drafts = newsroom.drafts.pending(kind="conflict")
    assert [d.fields["body"] for d in drafts] == ["乙编辑的版本"]  # ...but not the refused text
    assert caught.value.info.draft_id == drafts[0].id and drafts[0].author == "乙"


def test_publish_time_is_stamped_in_one_place_for_create_and_update(newsroom):
    """A published article always has a publish time: given, kept, or the moment of saving."""
    day = datetime(2024, 3, 1, 9, 30)
    draft = _article(newsroom)
    assert newsroom.articles.get(draft.id).publish_time is None
    before = datetime.now().replace(microsecond=0)
    published = newsroom.articles.update(draft.id, {"status": "published"}, None)
    assert published.publish_time is not None and published.publish_time >= before
    kept = newsroom.articles.update(draft.id, {"title": "新标题"}, None)
    assert kept.publish_time == published.publish_time  # a later save keeps it
    given = newsroom.articles.update(draft.id, {"publish_time": day}, None)
    assert given.publish_time == day
    cleared = newsroom.articles.update(draft.id, {"publish_time": None}, None)
    assert cleared.publish_time is not None and cleared.publish_time >= before
    created = _article(newsroom, status="published")
    assert created.publish_time is not None and created.publish_time >= before
    assert _article(newsroom, status="published", publish_time=day).publish_time == day
