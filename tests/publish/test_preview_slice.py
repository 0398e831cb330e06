"""The preview reads only what one article page shows, and shows what the export writes."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

from playhouse.test_utils import count_queries

SECTION = "华商走世界/川商走世界"
SIBLING = "华商走世界"  # same top-level section, articles directly in it
OTHER = "中国故事/北京故事"
ROOT_PREFIX = re.compile(r'((?:href|src)=")(?:\.\./)+')
CANONICAL = re.compile(r'<link rel="canonical"[^>]*>\n?')


def _add(ws, title, section=SECTION, days=1.0, **fields):
    with ws.edit():
        return ws.articles.create(
            {
                "title": title,
                "section": section,
                "body": f"{title}的正文。",
                "status": "published",
                "publish_time": datetime.now().replace(microsecond=0) - timedelta(days=days),
                **fields,
            }
        )


def _grow(ws, count: int, start: int = 0) -> None:
    """`count` more articles in three sections, with tags, hits, pins and exclusions."""
    sections = [SECTION, SIBLING, OTHER]
    for n in range(start, start + count):
        extra = {}
        if n % 17 == 5:
            extra["hot_exclude"] = True
        if n % 29 == 7:
            extra["hot_pin"] = 2 + n % 4
        _add(
            ws,
            f"稿件{n:03d}",
            section=sections[n % 3],
            days=2 + n * 0.37,
            hits=(n * 7919) % 1000,
            tags=["校地合作"] if n % 4 == 0 else (["甲", "乙"] if n % 5 == 0 else []),
            **extra,
        )


def _exported_pages(ws, out) -> dict[int, str]:
    """Article id -> exported page, with relative prefixes and the canonical link masked
    (the preview lives at the root of its folder and has no public address)."""
    ws.publisher.export(out, workers=1)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {int(aid): _masked((out / path).read_text(encoding="utf-8"))
            for aid, path in manifest["articles"].items()}  # fmt: skip


def _masked(html: str) -> str:
    return CANONICAL.sub("", ROOT_PREFIX.sub(r"\1", html))


def _titles(html: str, marker: str) -> list[str]:
    if marker not in html:
        return []
    block = html.split(marker, 1)[1].split("</section>", 1)[0]
    return re.findall(r"<a [^>]*>([^<]*)</a>", block)


def test_preview_of_every_published_demo_article_equals_its_exported_page(demo_workspace, tmp_path):
    ws = demo_workspace
    pages = _exported_pages(ws, tmp_path / "site")
    assert len(pages) >= 5
    for aid, exported in pages.items():
        preview = ws.publisher.render_article_preview(ws.articles.fields_of(aid))
        assert preview == exported, f"article {aid}"


def test_preview_equals_export_with_picks_pins_exclusions_and_tags(demo_workspace, tmp_path):
    ws = demo_workspace
    _grow(ws, 60)
    pick = _add(ws, "编辑指定的旧文", section=OTHER, days=400)
    draft = _add(ws, "草稿不出现", status="draft")
    pinned = _add(ws, "编辑置顶第一", section=SIBLING, hits=1, hot_pin=1)
    excluded = _add(ws, "点击最多但排除", hits=50_000_000, hot_exclude=True)
    top = _add(ws, "点击最多", section=SIBLING, hits=40_000_000)
    main = _add(ws, "主文章", days=3.3, tags=["校地合作", "甲"], related=[pick.id, draft.id])
    pages = _exported_pages(ws, tmp_path / "site")
    preview = ws.publisher.render_article_preview(ws.articles.fields_of(main.id))
    assert preview == pages[main.id]
    related = _titles(preview, 'class="related box"')
    hot = _titles(preview, 'class="hot-ranking box"')
    assert related == _titles(pages[main.id], 'class="related box"')
    assert related[0] == "编辑指定的旧文" and len(related) == 10
    assert "草稿不出现" not in related and "主文章" not in related
    # 稿件036 is pinned at 2 by `_grow`; the most read comes after the pins
    assert hot[:3] == ["编辑置顶第一", "稿件036", "点击最多"] and "点击最多但排除" not in hot
    assert len(hot) == 10
    # every other article of the grown site, too
    for aid in (pinned.id, excluded.id, top.id, pick.id, *list(pages)[:40]):
        fields = ws.articles.fields_of(aid)
        assert ws.publisher.render_article_preview(fields) == pages[aid], f"article {aid}"


def test_preview_of_unsaved_fields_lists_the_same_related_and_hot_as_the_catalog(
    demo_workspace,
):
    from editor.content.catalog import ArticleCard, load_catalog
    from editor.publish.context import SiteView, shorten

    ws = demo_workspace
    _grow(ws, 45)
    fields = {"title": "未保存", "body": "正文", "section": SECTION, "tags": ["甲", "校地合作"]}
    html = ws.publisher.render_article_preview(fields)
    view = SiteView(load_catalog(), ws.publisher.theme())
    node = view.tree.resolve(SECTION)
    card = ArticleCard(0, node.id, "未保存", "", "", datetime.now(), None, 0, None, False,
                       False, False, False, False, "", "", "", "", "", None, None, 0, "",
                       False, tags=["甲", "校地合作"])  # fmt: skip
    expected_related = [view.cards[aid].title for aid in view.related(card)]
    limit = int(view.options.get("hot_title_length", 22))
    expected_hot = [
        shorten(view.cards[aid].title, limit) for aid in view.hot_by_top[view.top_of[node.id]]
    ]
    assert _titles(html, 'class="related box"') == expected_related
    assert _titles(html, 'class="hot-ranking box"') == expected_hot
    assert len(expected_related) == 10 and len(expected_hot) == 10


def test_preview_query_count_does_not_grow_with_the_site(demo_workspace, monkeypatch):
    from editor.content import article_slice

    ws = demo_workspace
    read = []
    load_cards = article_slice.load_slice_cards

    def spy(moment, ids):
        cards = load_cards(moment, ids)
        read.append(len(cards))
        return cards

    monkeypatch.setattr(article_slice, "load_slice_cards", spy)
    pick = _add(ws, "编辑指定", section=OTHER, days=30)
    main = _add(ws, "主文章", days=0.5, tags=["校地合作", "甲"], related=[pick.id])
    fields = ws.articles.fields_of(main.id)

    def preview_queries() -> int:
        with count_queries() as counter:
            ws.publisher.render_article_preview(fields)
        return counter.count

    _grow(ws, 20)
    small = preview_queries()
    _grow(ws, 180, start=20)
    large = preview_queries()
    assert large == small
    assert large <= 12
    # cards read: the newest 11 of the section and of each tag, 10 hot ones, pins, the pick
    assert read[-1] <= 11 * 3 + 10 + 8 + 1
