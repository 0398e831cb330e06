"""The demo site: a full section tree, pages, partner and sample articles with images."""

from __future__ import annotations

import re

import pytest

from editor.config import resource
from editor.content.articles import ArticleQuery
from editor.content.demo import LOCAL_IMAGE, load_demo, split_front_matter
from editor.store.models import Asset, Person
from editor.workspace import Workspace

ALL = ArticleQuery(limit=1000)


@pytest.fixture
def demo(tmp_path, monkeypatch):
    """A freshly created demo site in tmp_path."""
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.delenv("NEWSDESK_DB", raising=False)
    workspace = Workspace.open(str(tmp_path / "demo.newsdesk"), create=True)
    with workspace.activate(), workspace.edit():
        load_demo(workspace)
    with workspace.activate():
        yield workspace
    workspace.close()


def _rows(ws) -> list:
    """Every article of the site, any status."""
    return ws.articles.list(ALL)


def _articles_by_title(ws) -> dict:
    return {row.title: row for row in _rows(ws)}


def test_demo_has_fourteen_articles(demo):
    rows = demo.articles.list(ALL)
    assert len(rows) == 14
    assert len({row.title for row in rows}) == 14


def test_demo_section_tree_is_the_full_tree_of_the_site(demo):
    tree = demo.sections.tree()
    assert len(tree.nodes) == 41
    roots = [node.name for node in tree.roots]
    assert roots == [
        "中国故事", "中国收藏", "中国歌曲", "名人", "黄晨灏文集", "文旅",
        "社科", "华商走世界", "经济", "企业", "医疗保健",
    ]  # fmt: skip
    assert [c.name for c in tree.resolve("名人").children][-1] == "名人汇"
    assert [c.name for c in tree.resolve("医疗保健").children] == [
        "冯端容讲养老故事", "福美生物", "新渔故事",
    ]  # fmt: skip


def test_partner_of_huashang_is_inherited_by_chuanshang(demo):
    tree = demo.sections.tree()
    parent = tree.resolve("华商走世界")
    child = tree.resolve("华商走世界/川商走世界")
    assert parent.partner_id is not None
    assert child.partner_id is None  # not attached to the child itself ...
    assert tree.partner_id(child.id) == parent.partner_id  # ... but inherited
    assert tree.partner_id(tree.resolve("文旅/旅游").id) is None
    partner = demo.partners.get(parent.partner_id)
    assert partner.units == ["浙江省浙商投资研究会", "西湖书院"]
    assert partner.contact == "黄女士"
    assert partner.wechat == "17364845380"


def test_demo_has_three_static_pages(demo):
    pages = {page.slug: page for page in demo.pages.list()}
    assert set(pages) == {"about", "feedback", "contact"}
    assert pages["about"].title == "关于儒经网"
    assert all(page.body.strip() for page in pages.values())


def test_covers_and_body_images_are_stored_as_assets(demo):
    covers = 0
    asset_refs = 0
    for row in demo.articles.list(ALL):
        article = demo.articles.get(row.id)
        assert "images/" not in article.body
        assert not LOCAL_IMAGE.search(article.body)
        for sha in re.findall(r"\(asset:([0-9a-f]{64})", article.body):
            asset = demo.media.get(sha)
            assert asset.mime == "image/jpeg"
            asset_refs += 1
        if article.cover_id is not None:
            asset = demo.media.get(article.cover_id)
            assert asset.mime == "image/jpeg"
            assert (asset.width, asset.height) == (960, 540)
            assert 0 < asset.size < 60 * 1024
            covers += 1
    assert covers >= 5
    assert asset_refs >= 2
    slides = demo.articles.list(ArticleQuery(flags=["slideshow"], limit=100))
    assert len(slides) == 3
    assert all(demo.articles.get(row.id).cover_id for row in slides)
    # the same file used as a cover and in a body is stored once
    assert Asset.select().count() == 5


def test_body_image_keeps_alt_text_and_caption(demo):
    row = _articles_by_title(demo)["鉴赏入门：一只宋代青瓷碗里的门道"]
    body = demo.articles.get(row.id).body
    match = re.search(r'!\[([^\]]*)\]\(asset:([0-9a-f]{64}) "([^"]+)"\)', body)
    assert match
    assert match.group(1) == "宋代青瓷碗示意图"
    assert match.group(3).startswith("图为示意图片")
    assert demo.articles.get(row.id).cover_id == demo.media.get(match.group(2)).id


def test_draft_and_scheduled_articles_are_not_published(demo):
    published = {row.title for row in demo.articles.list(ArticleQuery(status="published"))}
    assert len(published) == 12
    everything = _articles_by_title(demo)
    draft = everything["鉴赏入门：一只宋代青瓷碗里的门道"]
    scheduled = everything["社区食堂开到家门口，老人吃饭不再将就"]
    assert draft.status == "draft"
    assert scheduled.scheduled
    assert draft.title not in published
    assert scheduled.title not in published
    assert [r.title for r in demo.articles.list(ArticleQuery(status="scheduled"))] == [
        scheduled.title
    ]


def test_every_article_has_source_reporters_editor_and_hits(demo):
    hits = []
    for row in demo.articles.list(ALL):
        fields = demo.articles.fields_of(row.id)
        assert fields["source"], row.title
        assert fields["reporters"], row.title
        assert fields["responsible_editor"], row.title
        assert fields["hits"] > 0, row.title
        hits.append(fields["hits"])
    assert min(hits) < 100 and max(hits) > 4000
    editors = {demo.articles.fields_of(row.id)["responsible_editor"] for row in _rows(demo)}
    assert "网宣黄怡竞" in editors and len(editors) >= 3
    sources = {row.source for row in _rows(demo)}
    assert {"儒经网", "成都日报", "四川日报", "浙江日报"} <= sources


def test_flags_and_dates_are_spread(demo):
    def count(flag: str) -> int:
        return demo.articles.count(ArticleQuery(flags=[flag], limit=100))

    assert count("headline") in (1, 2)
    assert count("slideshow") == 3
    assert count("featured") == 4
    times = [row.publish_time for row in _rows(demo) if row.status == "published"]
    assert (max(times) - min(times)).days >= 55


def test_reporters_have_affiliations(demo):
    affiliations = {p.name: p.affiliation for p in Person.select()}
    assert affiliations["杨帆"] == "成都日报锦观新闻"
    assert affiliations["林晓"] == "儒经网"
    row = _articles_by_title(demo)["川商走世界：一瓶火锅底料的南洋之路"]
    fields = demo.articles.fields_of(row.id)
    assert fields["source"] == "成都日报"
    assert fields["reporters"] == ["杨帆"]
    assert fields["photographers"] == ["陈卓"]
    assert fields["section"] in (
        demo.sections.tree().resolve("华商走世界/川商走世界").id,
        "华商走世界/川商走世界",
    )


def test_related_articles_share_tags(demo):
    tagged = [
        demo.articles.fields_of(row.id)["tags"]
        for row in _rows(demo)
        if row.section_path == "华商走世界/川商走世界"
    ]
    assert len(tagged) == 3
    assert all({"川商", "出海"} <= set(tags) for tags in tagged)


def test_demo_source_files_are_well_formed():
    root = resource("demo")
    files = sorted((root / "articles").glob("*.md"))
    assert len(files) == 14
    for path in files:
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        assert meta["title"] and meta["section"], path.name
        chinese = len(re.findall(r"[\u4e00-\u9fff]", body))
        assert 380 <= chinese <= 900, (path.name, chinese)
        for src in [m.group(2) for m in LOCAL_IMAGE.finditer(body)] + [meta.get("cover")]:
            if src:
                assert (root / src).is_file(), (path.name, src)
    assert sum(":::box 新闻拓展" in p.read_text(encoding="utf-8") for p in files) >= 2


def test_ensure_demo_creates_the_site_once(tmp_path, monkeypatch):
    """The demo site is made in the user data folder on first use and reused after."""
    from editor.content.demo import demo_database, ensure_demo

    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    location = ensure_demo()
    assert location == demo_database()
    assert location.startswith(str(tmp_path))
    with Workspace.open(location) as workspace, workspace.activate():
        first = [row.id for row in _rows(workspace)]
        assert len(first) >= 5
        assert workspace.site.get().name
    assert ensure_demo() == location
    with Workspace.open(location) as workspace, workspace.activate():
        assert [row.id for row in _rows(workspace)] == first
