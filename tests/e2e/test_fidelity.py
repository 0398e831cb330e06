"""The exported article page shows every PAGE_ANATOMY element, in order, with the values of
the user's reference page."""

from __future__ import annotations

import json
from datetime import datetime

import lxml.html

from tests.e2e.seed import read_seed


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _one(doc, css_class: str):
    found = doc.xpath(f'//*[contains(concat(" ", normalize-space(@class), " "), " {css_class} ")]')
    assert len(found) == 1, (css_class, len(found))
    return found[0]


def test_reference_page_element_by_element(seed_site):
    ws, out, article_id, _result = seed_site
    seed = read_seed()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    path = manifest["articles"][str(article_id)]
    assert path.startswith("huashangzoushijie/chuanshangzoushijie/2023/1123/")
    html = (out / path).read_text(encoding="utf-8")
    doc = lxml.html.fromstring(html)
    positions = []

    def seen(element):
        positions.append(html.index(lxml.html.tostring(element, encoding="unicode")[:60]))

    # 1 header: name, domain, slogan
    header = _one(doc, "site-brand")
    name, domain, slogan = (
        _text(_one(header, c)) for c in ("site-name", "site-domain", "site-slogan")
    )
    assert f"{name} {domain}-{slogan}" == seed.header
    seen(header)
    # 2 navigation, two levels, in order
    nav = _one(doc, "nav-top")
    tops = nav.xpath("./li")
    assert [_text(li.xpath("./a")[0]) for li in tops] == [n for n, _c in seed.nav]
    for li, (_name, children) in zip(tops, seed.nav, strict=True):
        assert [_text(a) for a in li.xpath("./ul/li/a")] == children
    seen(nav)
    # 3 breadcrumb
    crumb = _one(doc, "breadcrumb")
    assert _text(crumb) == seed.breadcrumb
    assert [a.get("href") for a in crumb.xpath(".//a")] == [
        "../../../../index.html",
        "../../../../huashangzoushijie/index.html",
        "../../../../huashangzoushijie/chuanshangzoushijie/index.html",
    ]
    seen(crumb)
    # 4 title
    title = _one(doc, "article-title")
    assert title.tag == "h1" and _text(title) == seed.title
    seen(title)
    # 5 meta line: date | 来源 (linked to the original)
    meta = _one(doc, "article-meta")
    assert _text(meta).startswith(f"{seed.date} | 来源:{seed.source}")
    assert _one(meta, "article-source").xpath(".//a/@href") == ["https://www.cdrb.com.cn/"]
    # 6 font-size toggle
    toggle = _one(doc, "font-toggle")
    assert _text(toggle) == seed.font_toggle and toggle.tag == "button"
    seen(toggle)
    # 7 body: paragraphs in order, sub-headings, the boxed side note
    body = _one(doc, "article-body")
    blocks = [_text(e) for e in body.xpath(".//p|.//h2")]
    assert blocks[: seed.box_start] == seed.paragraphs[: seed.box_start]
    assert [_text(h) for h in body.xpath("./h2")] == [
        p for p in seed.paragraphs[: seed.box_start] if len(p) <= 30
    ]
    box = _one(body, "news-box")
    assert _text(_one(box, "news-box-title")) == seed.box_title
    assert [_text(p) for p in box.xpath("./p")][1:] == seed.paragraphs[seed.box_start :]
    seen(body)
    # 8 byline, 9 responsible editor
    byline = _one(doc, "article-byline")
    assert _text(byline) == seed.byline
    seen(byline)
    editor = _one(doc, "article-editor")
    assert _text(editor) == seed.editor_line
    seen(editor)
    # 10 the section's partner block (inherited from 华商走世界)
    partner = _one(doc, "partner-block")
    assert [_text(p) for p in partner.xpath("./p")] == seed.partner_lines
    seen(partner)
    # 11 相关新闻: the editor's picks, in order
    related = _one(doc, "related")
    assert _text(related.xpath("./h2")[0]) == "相关新闻"
    assert [_text(a) for a in related.xpath(".//li/a")] == seed.related
    seen(related)
    # 12 热门排行: numbered 1-10
    hot = _one(doc, "hot-ranking")
    assert _text(hot.xpath("./h2")[0]) == "热门排行"
    rows = hot.xpath(".//li")
    assert [_text(li) for li in rows] == [f"{n}{t}" for n, t in enumerate(seed.hot, 1)]
    seen(hot)
    # 13 footer links, 14 mailbox, 15 rights notice and copyright
    footer_links = _one(doc, "footer-links")
    assert _text(footer_links) == seed.footer_links
    icp = footer_links.xpath('.//span[@class="icp"]/a')[0]
    assert icp.get("href") == "https://beian.miit.gov.cn/"
    seen(footer_links)
    mailbox = _one(doc, "submission")
    assert _text(mailbox) == seed.mailbox
    seen(mailbox)
    rights = _one(doc, "rights-notice")
    assert _text(rights) == seed.rights.replace(" ", "")
    copyright_line = _one(doc, "copyright")
    assert _text(copyright_line) == seed.copyright.replace("2025", str(datetime.now().year))
    seen(rights)
    # 16 back to top
    top = _one(doc, "back-to-top")
    assert _text(top) == seed.back_to_top and top.get("href") == "#top"
    seen(top)
    assert positions == sorted(positions)


def test_static_pages_and_section_list(seed_site):
    ws, out, article_id, _result = seed_site
    seed = read_seed()
    about = lxml.html.fromstring((out / "about.html").read_text(encoding="utf-8"))
    assert _text(_one(about, "article-title")) == seed.footer_links.split(" | ")[0]
    listing = (out / "huashangzoushijie" / "chuanshangzoushijie" / "index.html").read_text(
        encoding="utf-8"
    )
    doc = lxml.html.fromstring(listing)
    times = doc.xpath('//ul[@class="article-list"]//time/@datetime')
    assert times and times == sorted(times, reverse=True)  # newest first
    pages = sorted((out / "huashangzoushijie" / "chuanshangzoushijie").glob("index*.html"))
    assert any(f">{seed.title}</a>" in p.read_text(encoding="utf-8") for p in pages)
    assert [_text(p) for p in _one(doc, "partner-block").xpath("./p")] == seed.partner_lines
