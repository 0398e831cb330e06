"""The export catalog: what readers may see at a moment, in a fixed number of queries, with the
credits every page shows, and signatures that tell what changed; read from the bound site."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from playhouse.test_utils import count_queries

from editor.content.catalog import load_cards, load_catalog, newest_first
from editor.workspace import Workspace


@pytest.fixture
def newsroom(workspace):
    """A small site: a published article with every credit, a draft, a scheduled one."""
    ws = workspace
    ws.sections.create("新闻")
    now = datetime.now().replace(microsecond=0)
    with ws.edit():
        older = ws.articles.create(
            {
                "title": "西湖文化节开幕",
                "section": "新闻",
                "body": "正文",
                "status": "published",
                "publish_time": now - timedelta(days=2),
            }
        )
        full = ws.articles.create(
            {
                "title": "成都与上海交大共建研究平台",
                "subtitle": "五个平台",
                "summary": "市校合作",
                "section": "新闻",
                "body": "成都市与上海交大签署协议。",
                "source": "成都日报",
                "reporters": ["黄雪松"],
                "photographers": ["魏麟潇"],
                "responsible_editor": "网宣黄怡竞",
                "tags": ["校地合作", "科研"],
                "flags": ["headline"],
                "hits": 42,
                "related": [older.id],
                "status": "published",
                "publish_time": now - timedelta(hours=1),
            }
        )
        draft = ws.articles.create({"title": "草稿", "section": "新闻", "body": "未完"})
        scheduled = ws.articles.create(
            {
                "title": "明天发布",
                "section": "新闻",
                "body": "定时",
                "status": "published",
                "publish_time": now + timedelta(days=1),
            }
        )
        reporter = ws.people.ensure("黄雪松", "reporter")
        ws.people.update(reporter.id, affiliation="成都日报社")
    return ws, {"older": older, "full": full, "draft": draft, "scheduled": scheduled}


def test_only_what_readers_may_see_newest_first(newsroom):
    ws, made = newsroom
    catalog = load_catalog()
    assert list(catalog.articles) == [made["full"].id, made["older"].id]
    later = load_catalog(datetime.now() + timedelta(days=2))
    assert list(later.articles) == [made["scheduled"].id, made["full"].id, made["older"].id]
    assert [node.name for node in catalog.tree] == ["新闻"]


def test_cards_carry_every_credit_a_page_shows(newsroom):
    ws, made = newsroom
    card = load_catalog().articles[made["full"].id]
    assert (card.title, card.subtitle, card.summary) == (
        "成都与上海交大共建研究平台",
        "五个平台",
        "市校合作",
    )
    assert card.source == "成都日报" and card.editor == "网宣黄怡竞"
    assert card.reporters == [("黄雪松", "成都日报社")]
    assert card.photographers == ["魏麟潇"]
    assert card.tags == ["校地合作", "科研"]
    assert card.picks == [made["older"].id]
    assert card.is_headline and not card.is_featured and card.hits == 42
    assert card.publish_time == made["full"].publish_time.replace(microsecond=0)


def test_given_ids_are_read_whether_visible_or_not(newsroom):
    ws, made = newsroom
    cards = load_cards(datetime.now(), ids=[made["draft"].id, made["scheduled"].id])
    assert set(cards) == {made["draft"].id, made["scheduled"].id}
    assert cards[made["draft"].id].title == "草稿"


def test_the_catalog_costs_the_same_queries_for_ten_or_a_hundred_articles(newsroom):
    ws, _made = newsroom
    with count_queries() as small:
        load_catalog()
    with ws.edit():
        for number in range(90):
            ws.articles.create(
                {
                    "title": f"快讯第{number}期",
                    "section": "新闻",
                    "body": "正文",
                    "reporters": [f"记者{number}"],
                    "tags": [f"标签{number}"],
                    "status": "published",
                    "publish_time": datetime(2024, 1, 1) + timedelta(hours=number),
                }
            )
    with count_queries() as large:
        catalog = load_catalog()
    assert len(catalog.articles) == 92
    assert large.count == small.count <= 12


def test_signatures_tell_a_list_change_from_a_body_change(newsroom):
    ws, made = newsroom
    first = load_catalog()
    again = load_catalog(first.moment)
    assert (again.signature, again.list_signature) == (first.signature, first.list_signature)
    article = made["older"]
    with ws.edit():
        saved = ws.articles.update(article.id, {"body": "改过的正文"}, article.version)
    body_only = load_catalog(first.moment)
    assert body_only.signature != first.signature
    assert body_only.list_signature == first.list_signature
    with ws.edit():
        ws.articles.update(article.id, {"title": "西湖文化节今日开幕"}, saved.version)
    retitled = load_catalog(first.moment)
    assert retitled.list_signature != first.list_signature


def test_the_catalog_reads_the_site_it_is_bound_to(tmp_path):
    """With two sites open, the catalog follows `activate()` like every service."""
    sites = []
    for name in ("a", "b"):
        ws = Workspace.open(str(tmp_path / f"{name}.newsdesk"), create=True, user="tester")
        sites.append(ws)
    try:
        for ws, title in zip(sites, ("甲站新闻", "乙站新闻"), strict=True):
            with ws.activate(), ws.edit():
                ws.sections.create("新闻")
                ws.articles.create(
                    {
                        "title": title,
                        "section": "新闻",
                        "body": "正文",
                        "status": "published",
                        "publish_time": datetime(2024, 1, 1),
                    }
                )
        a, b = sites
        with a.activate():
            assert [row.title for row in a.articles.list()] == ["甲站新闻"]
            assert [card.title for card in load_catalog().articles.values()] == ["甲站新闻"]
        with b.activate():
            assert [card.title for card in load_catalog().articles.values()] == ["乙站新闻"]
    finally:
        for ws in sites:
            ws.close()


def test_cards_newest_first_by_time_then_id_and_those_without_a_time_last():
    start = datetime(2024, 3, 1, 8, 0)
    times = [start, start + timedelta(hours=2), start, None, start - timedelta(days=1), None]
    cards = [SimpleNamespace(id=n + 1, publish_time=moment) for n, moment in enumerate(times)]
    timed = [card for card in cards if card.publish_time is not None]
    assert [c.id for c in newest_first(timed)] == [2, 3, 1, 5]
    assert [c.id for c in newest_first(reversed(cards))] == [2, 3, 1, 5, 6, 4]
