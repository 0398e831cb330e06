"""The article Markdown renderer: newsroom blocks, extensions, sanitising, cache key."""

from __future__ import annotations

from editor.publish.markdown import (
    asset_refs,
    body_key,
    plain_text,
    render_markdown,
    resolve_assets,
)
from tests.publish.helpers import unsafe_parts


def test_side_note_box_becomes_an_aside_with_its_title_and_paragraphs():
    html = render_markdown(
        "前文。\n\n:::box 新闻拓展\n成都已与20家高校\n\n签署市校合作协议\n\n记者获悉。\n:::\n\n后文。"
    )
    assert '<aside class="news-box">' in html
    assert '<p class="news-box-title">新闻拓展</p>' in html
    inside = html.split('<aside class="news-box">')[1].split("</aside>")[0]
    assert (
        inside.index("成都已与20家高校")
        < inside.index("签署市校合作协议")
        < inside.index("记者获悉")
    )
    assert html.index("前文") < html.index("<aside") < html.index("后文")
    assert ":::" not in html


def test_box_closing_line_in_the_same_block_and_markdown_inside():
    html = render_markdown(":::box 提示\n**重点** 内容\n:::\n")
    assert "<strong>重点</strong>" in html and "</aside>" in html and ":::" not in html


def test_image_with_title_alone_in_a_paragraph_is_a_captioned_figure():
    html = render_markdown('![会场](https://example.com/a.jpg "签约仪式现场")')
    assert html.startswith('<figure class="figure">')
    assert '<img alt="会场" src="https://example.com/a.jpg">' in html
    assert "<figcaption>签约仪式现场</figcaption>" in html
    inline = render_markdown('文字 ![图](https://example.com/a.jpg "说明") 文字')
    assert "<figure" not in inline


def test_captionless_image_alone_in_a_paragraph_is_a_figure_without_caption():
    html = render_markdown("![会场](asset:3f9a12c4d5e6)")
    assert html.startswith('<figure class="figure">') and "<p>" not in html
    assert "<figcaption" not in html
    assert resolve_assets(html, lambda ref: f"assets/{ref}.png") == (
        '<figure class="figure"><img alt="会场" src="assets/3f9a12c4d5e6.png"></figure>'
    )


def test_extensions_tables_footnotes_fenced_code_lists_and_toc():
    html = render_markdown(
        "[TOC]\n\n## 第一节\n\n| 项目 | 数量 |\n|:--|--:|\n| 平台 | 5 |\n\n"
        "正文[^1]\n\n[^1]: 注释\n\n```\ncode <b>\n```\n\n1. 一\n2. 二\n\n段落 {: .lead }"
    )
    assert "<table>" in html and 'style="text-align:right"' in html
    assert 'class="footnote"' in html and "注释" in html
    assert "<pre><code>code &lt;b&gt;" in html
    assert "<ol>" in html
    assert 'class="toc"' in html
    assert 'id="_1"' in html or 'id="第一节"' in html


def test_sanitising_removes_scripts_handlers_frames_and_style_tricks():
    html = render_markdown(
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
        '<iframe src="https://evil.example"></iframe>\n\n[点我](javascript:alert(1))\n\n'
        '<a href="JaVaScRiPt:alert(2)">x</a>\n\n<p style="position:fixed;top:0">盖住</p>\n\n'
        '<div onclick="alert(3)">d</div>\n\n<svg onload=alert(4)></svg>\n\n'
        "text {: onclick=alert(5) }"
    )
    assert unsafe_parts(html, allowed_scripts=set()) == []
    assert "<script" not in html.lower() and "javascript:" not in html.lower()
    assert "position:fixed" not in html


def test_asset_references_survive_and_resolve_to_bundle_paths():
    sha = "ab" * 32
    html = render_markdown(f'![图](asset:{sha} "说明")')
    assert asset_refs(html) == {sha}
    resolved = resolve_assets(html, lambda ref: "../assets/x.png" if ref == sha else None)
    assert 'src="../assets/x.png"' in resolved
    missing = resolve_assets(html, lambda ref: None)
    assert "asset:" not in missing and 'src="data:,"' in missing


def test_body_key_depends_on_the_body():
    assert body_key("a") != body_key("b")
    assert body_key("a") == body_key("a") and len(body_key("a")) == 64


def test_plain_text_collapses_and_cuts():
    assert plain_text("<p>一二三</p>\n<p>四五</p>") == "一二三 四五"
    assert plain_text("<p>一二三四五六</p>", 4) == "一二三…"


def test_plain_text_of_a_leading_part_equals_the_text_of_the_whole():
    """A description is read from the start of the body only; it must be the same."""
    import random
    import re
    from html import unescape

    def whole(html: str, limit: int | None) -> str:
        text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()
        if limit is not None and len(text) > limit:
            text = text[: max(0, limit - 1)].rstrip() + "…"
        return text

    pieces = [
        *("<p>", "</p>", '<a href="x>y">', ">", "<", "<>", "<br />", '<img alt="a>b" src="c">'),
        *("&amp;", "&amp", "&lt;", "&#20013;", "&#x4e2d;", "&nbsp;", "&copy", "&not", "&", "&#"),
        *(" ", "  ", "\n", "\t", "\u3000", "\xa0", ";", "#", "甲", "乙丙", "abc"),
    ]
    rng = random.Random(120)
    for _ in range(4000):
        html = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 500)))
        for limit in (None, 0, 1, 7, 40, 120):
            assert plain_text(html, limit) == whole(html, limit), (html, limit)
    body = "<p>" + "成都市校合作签约。" * 400 + "</p>"
    assert plain_text(body, 120) == whole(body, 120) and len(plain_text(body, 120)) == 120
