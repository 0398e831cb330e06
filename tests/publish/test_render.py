"""Rendering: what each page kind shows, from its context and template."""

from __future__ import annotations

from datetime import datetime

import pytest

from editor.publish import kinds
from editor.publish.context import SiteView
from editor.publish.kinds import Output
from editor.publish.plan import BodyCache, plan_outputs
from editor.publish.render import PageRenderer
from tests.publish.helpers import scan


def _site(workspace):
    from editor.content.catalog import load_catalog

    catalog = load_catalog(datetime.now().replace(microsecond=0))
    view = SiteView(catalog, workspace.publisher.theme())
    renderer = PageRenderer(view)
    return view, renderer, plan_outputs(view, renderer)


def _page(view, renderer, output) -> str:
    return kinds.kind(output.kind).render(view, renderer, output, BodyCache()).decode("utf-8")


def _hrefs(html: str, tag: str = "a") -> list[str]:
    return [attrs.get("href", "") for name, attrs in scan(html).tags if name == tag]


def test_article_page_escapes_fields_and_links_relative_to_itself(demo_workspace):
    ws = demo_workspace
    with ws.edit():
        top = ws.sections.tree().roots[0]
        ws.articles.create(
            {
                "title": "<script>alert(1)</script> 标题 & 副",
                "summary": "摘要",
                "body": "第一段 **加粗**。",
                "section": top.id,
                "status": "published",
            },
            author="tester",
        )
    view, renderer, outputs = _site(ws)
    aid = max(view.cards)
    output = outputs[view.article_url[aid]]
    assert output.kind == "article"
    html = _page(view, renderer, output)
    parsed = scan(html)
    assert not [attrs for name, attrs in parsed.tags if name == "script" and not attrs.get("src")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 标题 &amp; 副" in html
    assert "<strong>加粗</strong>" in html  # the body is trusted, rendered HTML
    depth = output.path.count("/")
    for href in _hrefs(html):
        if href and not href.startswith(("http", "#", "mailto:", "tel:")):
            assert href.startswith("../" * depth), href
    canonical = [
        a["href"] for name, a in parsed.tags if name == "link" and a.get("rel") == "canonical"
    ]
    assert canonical == [f"https://www.sccsbbs.com/{output.path}"]


def test_section_pages_paginate_with_prev_next_and_status(demo_workspace):
    ws = demo_workspace
    tree = ws.sections.tree()
    view, _renderer, _outputs = _site(ws)
    node = max(tree, key=lambda n: len(view.in_subtree.get(n.id, [])))
    count = len(view.in_subtree[node.id])
    assert count >= 3
    with ws.edit():
        ws.sections.update(node.id, page_size=2)
    view, renderer, outputs = _site(ws)
    pages = [o for o in outputs.values() if o.kind == "section" and o.key[0] == node.id]
    assert len(pages) == (count + 1) // 2
    first = _page(view, renderer, pages[0])
    second = _page(view, renderer, pages[1])
    root = "../" * node.slug_path.count("/") + "../"
    assert f'href="{root}{node.slug_path}/index_2.html"' in first
    assert f'href="{root}{node.slug_path}/index.html"' in second
    assert f"第 1 页 / 共 {len(pages)} 页" in first
    assert f"第 2 页 / 共 {len(pages)} 页" in second
    listed = [
        f'<li class="article-item"><h2><a href="{root}{view.article_url[aid]}">'
        f"{view.cards[aid].title}</a></h2>"
        for aid in view.section_pages(node)[1]
    ]
    assert listed
    for entry in listed:
        assert entry in second and entry not in first


def test_home_shows_the_headline_and_a_block_per_top_level_section(demo_workspace):
    view, renderer, outputs = _site(demo_workspace)
    html = _page(view, renderer, outputs["index.html"])
    lists = renderer.home_lists()
    assert lists["headline"] is not None
    assert view.cards[lists["headline"]].title in html
    for top_id, ids in lists["blocks"]:
        assert ids
        assert f'href="{view.section_url[top_id]}"' in html
    hrefs = _hrefs(html)
    assert not [h for h in hrefs if h.startswith("../")]  # the home page is at the root


def test_not_found_links_absolutely_only_with_a_base_url(demo_workspace):
    ws = demo_workspace
    view, renderer, outputs = _site(ws)
    html = _page(view, renderer, outputs["404.html"])
    assert 'href="https://www.sccsbbs.com/index.html"' in html
    with ws.edit():
        ws.site.update(base_url="")
    view, renderer, outputs = _site(ws)
    html = _page(view, renderer, outputs["404.html"])
    assert 'href="index.html"' in html
    assert "https://www.sccsbbs.com" not in html


def test_static_page_renders_its_markdown(demo_workspace):
    ws = demo_workspace
    with ws.edit():
        ws.pages.save("about", "关于我们", "## 我们是谁\n\n一家*门户*。")
    view, renderer, outputs = _site(ws)
    html = _page(view, renderer, outputs["about.html"])
    assert "<em>门户</em>" in html
    assert "关于我们" in html


def test_the_preview_has_no_canonical_address(demo_workspace):
    html = demo_workspace.publisher.render_article_preview(
        {"title": "预览", "body": "正文", "section": demo_workspace.sections.tree().roots[0].id}
    )
    assert not [a for name, a in scan(html).tags if name == "link" and a.get("rel") == "canonical"]
    assert "预览" in html


def test_a_kind_without_a_template_must_render_itself():
    class Bare(kinds.PageKind):
        name = "bare"

    with pytest.raises(ValueError, match="no template"):
        Bare().render(None, None, Output("x", "", "bare"), BodyCache())
