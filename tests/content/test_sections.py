"""The section tree: slugs, paths, moves, order and deletion."""

from __future__ import annotations

import pytest

from editor.content.slugs import slugify, validate_slug
from editor.errors import SectionNotFoundError, ValidationError


def test_slugs_are_pinyin_and_always_valid():
    assert slugify("川商走世界") == "chuanshangzoushijie"
    assert slugify("A股 News 2023") == "agu-news-2023"
    assert slugify("!!!") == "section"
    assert slugify("") == "section"
    with pytest.raises(ValidationError):
        validate_slug("Bad Slug")
    with pytest.raises(ValidationError):
        validate_slug("")


def test_paths_resolve_both_ways(workspace):
    top = workspace.sections.create("华商走世界")
    child = workspace.sections.create("川商走世界", top)
    tree = workspace.sections.tree()
    assert tree.get(child.id).path == "华商走世界/川商走世界"
    assert tree.get(child.id).slug_path == "huashangzoushijie/chuanshangzoushijie"
    assert workspace.sections.resolve("华商走世界/川商走世界").id == child.id
    assert workspace.sections.resolve("huashangzoushijie/chuanshangzoushijie").id == child.id
    assert workspace.sections.resolve(" 华商走世界 / 川商走世界 ").id == child.id


def test_unknown_path_suggests_close_names(workspace):
    top = workspace.sections.create("华商走世界")
    workspace.sections.create("川商走世界", top)
    with pytest.raises(SectionNotFoundError) as caught:
        workspace.sections.resolve("华商走世界/川商")
    assert "华商走世界/川商走世界" in caught.value.suggestions


def test_sibling_slugs_are_unique_and_editable(workspace):
    a = workspace.sections.create("新闻")
    b = workspace.sections.create("新 闻")
    assert a.slug == "xinwen" and b.slug == "xin-wen"
    c = workspace.sections.create("信文")
    assert c.slug == "xinwen-2"
    with pytest.raises(ValidationError, match="already used"):
        workspace.sections.update(c, slug="xinwen")
    workspace.sections.update(c, slug="letters")
    assert workspace.sections.get(c.id).slug == "letters"
    other_parent = workspace.sections.create("国际")
    same_slug_elsewhere = workspace.sections.create("新闻", other_parent)
    assert same_slug_elsewhere.slug == "xinwen"


def test_duplicate_names_among_siblings_are_refused(workspace):
    workspace.sections.create("经济")
    with pytest.raises(ValidationError):
        workspace.sections.create("经济")
    with pytest.raises(ValidationError):
        workspace.sections.create("a/b")


def test_move_refuses_own_descendant_and_keeps_order(workspace):
    s = workspace.sections
    top = s.create("中国故事")
    child = s.create("川渝故事", top)
    with pytest.raises(ValidationError, match="under itself"):
        s.move(top, child)
    with pytest.raises(ValidationError):
        s.move(top, top)
    other = s.create("文旅")
    s.move(child, other)
    tree = s.tree()
    assert tree.get(child.id).path == "文旅/川渝故事"
    assert [n.name for n in tree.roots] == ["中国故事", "文旅"]
    s.move(child, None, position=0)
    assert [n.name for n in s.tree().roots] == ["川渝故事", "中国故事", "文旅"]


def test_sections_have_two_levels(workspace):
    s = workspace.sections
    top = s.create("中国故事")
    child = s.create("川渝故事", top)
    with pytest.raises(ValidationError, match="two levels"):
        s.create("成都", child)
    other = s.create("文旅")
    with pytest.raises(ValidationError, match="two levels"):
        s.move(other, child)  # a third level
    with pytest.raises(ValidationError, match="two levels"):
        s.move(top, other)  # its subsection would become a third level
    assert [node.depth for node in s.tree()] == [0, 1, 0]


def test_reorder_children(workspace):
    s = workspace.sections
    top = s.create("名人")
    ids = [s.create(name, top).id for name in ("吴烈", "郭喜林", "蒲裕敏")]
    s.reorder(top, [ids[2], ids[0]])
    assert [n.name for n in s.tree().get(top.id).children] == ["蒲裕敏", "吴烈", "郭喜林"]
    with pytest.raises(ValidationError):
        s.reorder(top, [top.id])


def test_delete_needs_a_target_for_articles(workspace):
    s = workspace.sections
    top = s.create("社科")
    child = s.create("法制", top)
    keep = s.create("待分类")
    workspace.articles.create({"title": "一篇稿件", "section": child.id})
    with pytest.raises(ValidationError, match="choose a section"):
        s.delete(top)
    with pytest.raises(ValidationError):
        s.delete(top, move_articles_to=child.id)
    assert s.delete(top, move_articles_to=keep.id) == 1
    assert [n.name for n in s.tree().roots] == ["待分类"]
    assert workspace.articles.list()[0].section_path == "待分类"


def test_partner_is_inherited_by_children(workspace):
    partner = workspace.partners.create("交流平台", units="浙江省浙商投资研究会;西湖书院;")
    assert partner.units == ["浙江省浙商投资研究会", "西湖书院"]
    top = workspace.sections.create("华商走世界", partner=partner.id)
    child = workspace.sections.create("川商走世界", top)
    assert workspace.sections.tree().partner_id(child.id) == partner.id


def test_article_counts_in_one_query(workspace):
    from playhouse.test_utils import count_queries

    top = workspace.sections.create("经济")
    for n in range(3):
        workspace.articles.create({"title": f"稿件{n}", "section": top.id})
    with count_queries() as counter:
        counts = workspace.sections.article_counts()
    assert counts == {top.id: 3}
    assert counter.count == 1
