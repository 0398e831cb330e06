"""Related news, hot ranking and home lists, computed in bulk with a bounded query count."""

from __future__ import annotations

from datetime import datetime, timedelta

from playhouse.test_utils import count_queries

from editor.content.catalog import load_catalog
from editor.publish.context import SiteView, shorten
from editor.publish.theme import load_theme

SECTION = "华商走世界/川商走世界"
OTHER = "中国故事/北京故事"


def _add(ws, title, section=SECTION, days=1, **fields):
    with ws.edit():
        return ws.articles.create(
            {
                "title": title,
                "section": section,
                "body": f"{title}的正文。",
                "status": "published",
                "publish_time": datetime.now() - timedelta(days=days),
                **fields,
            }
        )


def _view(ws) -> SiteView:
    return SiteView(load_catalog(), load_theme(""))


def test_related_puts_picks_first_then_section_and_tags_by_recency(demo_workspace):
    ws = demo_workspace
    older = _add(ws, "同栏目较早", days=30)
    newer = _add(ws, "同栏目较新", days=2)
    tagged = _add(ws, "别处同标签", section=OTHER, days=1, tags=["校地合作"])
    unrelated = _add(ws, "别处无关", section=OTHER, days=1)
    pick = _add(ws, "编辑指定", section=OTHER, days=90)
    hidden = _add(ws, "草稿不出现", status="draft")
    main = _add(ws, "主文章", days=3, tags=["校地合作"], related=[pick.id, hidden.id])
    view = _view(ws)
    related = view.related(view.cards[main.id])
    assert related[0] == pick.id
    assert hidden.id not in related and main.id not in related and unrelated.id not in related
    assert related.index(tagged.id) < related.index(newer.id) < related.index(older.id)
    assert len(related) <= 10


def test_related_is_capped_at_ten(demo_workspace):
    for n in range(14):
        _add(demo_workspace, f"同栏目{n}", days=n + 1)
    main = _add(demo_workspace, "主文章", days=0.5)
    view = _view(demo_workspace)
    assert len(view.related(view.cards[main.id])) == 10


def test_hot_ranking_by_hits_with_pins_and_exclusions(demo_workspace):
    ws = demo_workspace
    top = _add(ws, "点击最多", hits=10_000_000)
    excluded = _add(ws, "点击更多但排除", hits=20_000_000, hot_exclude=True)
    pinned = _add(ws, "编辑置顶第一", hits=1, hot_pin=1)
    third = _add(ws, "编辑放第三", hits=2, hot_pin=3)
    elsewhere = _add(ws, "别的栏目", section=OTHER, hits=30_000_000)
    view = _view(ws)
    top_id = view.top_of[view.cards[top.id].section_id]
    ranking = view.hot_by_top[top_id]
    assert ranking[0] == pinned.id and ranking[1] == top.id and ranking[2] == third.id
    assert excluded.id not in ranking and elsewhere.id not in ranking
    assert len(ranking) <= 10
    assert view.hot_site[0] == pinned.id and elsewhere.id in view.hot_site
    assert excluded.id not in view.hot_site


def test_hot_titles_are_shortened_with_an_ellipsis(demo_workspace, tmp_path):
    long_title = "川商走世界:首届自贡彩灯全球少儿创意征集活动圆满落幕并评出获奖作品"
    _add(demo_workspace, long_title, hits=99_999_999)
    assert shorten(long_title, 22) == long_title[:21] + "…"
    out = tmp_path / "site"
    demo_workspace.publisher.export(out, workers=1)
    home = (out / "index.html").read_text(encoding="utf-8")
    assert f">{long_title[:21]}…</a>" in home
    assert f'title="{long_title}"' in home


def test_export_query_count_does_not_grow_with_the_site(demo_workspace, tmp_path):
    ws = demo_workspace

    def export_queries(out) -> int:
        with count_queries() as counter:
            ws.publisher.export(out, workers=1)
        return counter.count

    for n in range(5):
        _add(ws, f"批次一{n}", tags=["甲"], reporters=["记者甲"], days=n + 1)
    small = export_queries(tmp_path / "a")
    for n in range(40):
        _add(
            ws,
            f"批次二{n}",
            section=OTHER if n % 2 else SECTION,
            tags=["甲", f"乙{n}"],
            reporters=["记者乙", "记者丙"],
            photographers=["摄影丁"],
            days=n + 2,
            related=[1, 2],
        )
    large = export_queries(tmp_path / "b")
    assert large <= small  # (the first export also stores the demo bodies' Markdown cache)
    assert large < 50  # (the change stamp of `editor.publish.quick` takes nine of them)
    # an incremental run after editing one body stays bounded too
    article = ws.articles.get(ws.articles.list()[0].id)
    with ws.edit():
        ws.articles.update(article.id, {"body": "改写"}, article.version)
    assert export_queries(tmp_path / "b") < 50
