"""Feeds, sitemap and robots.txt, read back with a feed parser the way a reader reads them;
the site's base URL is checked before it reaches them."""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET

import feedparser
import pytest

from editor.errors import ValidationError

TRICKY_TITLE = "A & B <i>斜体</i> &amp; 标题"
TRICKY_SUMMARY = '<img src=x onerror="alert(1)"> 摘要 & 更多 &lt;b&gt;'
TRICKY_SOURCE = "S&P <新闻>"


@pytest.fixture
def tricky_article(demo_workspace):
    """A published article whose plain-text fields look like markup and entities."""
    ws = demo_workspace
    with ws.edit():
        top = ws.sections.tree().roots[0]
        article = ws.articles.create(
            {
                "title": TRICKY_TITLE,
                "summary": TRICKY_SUMMARY,
                "body": "正文。",
                "section": top.id,
                "source": TRICKY_SOURCE,
                "status": "published",
            },
            author="tester",
        )
    return article


def _entry(feed, url_tail: str):
    found = [e for e in feed.entries if e.link.endswith(url_tail)]
    assert len(found) == 1
    return found[0]


def test_plain_text_fields_are_escaped_once(demo_workspace, tricky_article, tmp_path):
    out = tmp_path / "site"
    demo_workspace.publisher.export(out, workers=1)
    url = json.loads((out / "manifest.json").read_bytes())["articles"][str(tricky_article.id)]
    for feed_path in ("rss.xml", f"{demo_workspace.sections.tree().roots[0].slug_path}/rss.xml"):
        feed = feedparser.parse((out / feed_path).read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        entry = _entry(feed, url)
        # readers take title and description as HTML: shown, they are the plain text
        assert entry.title_detail.type == "text/html"
        assert html.unescape(entry.title) == TRICKY_TITLE
        assert "<" not in entry.title
        assert html.unescape(entry.summary) == TRICKY_SUMMARY
        assert "<img" not in entry.summary
        assert entry.source.title == TRICKY_SOURCE
        assert entry.tags[0].term == demo_workspace.sections.tree().roots[0].name


def test_rss_is_well_formed_with_absolute_links(bundle):
    out, _result = bundle
    feed = feedparser.parse((out / "rss.xml").read_bytes())
    assert not feed.bozo
    assert feed.version == "rss20"
    assert feed.feed.title == "儒经网"
    assert feed.entries
    for entry in feed.entries:
        assert entry.link.startswith("https://www.sccsbbs.com/")
        assert entry.id == entry.link
        assert entry.published_parsed is not None
    dates = [entry.published_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_sitemap_lists_every_page_once(bundle):
    out, _result = bundle
    root = ET.fromstring((out / "sitemap.xml").read_bytes())
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = [url.findtext(f"{namespace}loc") for url in root]
    assert len(locations) == len(set(locations))
    pages = {p.relative_to(out).as_posix() for p in out.rglob("*.html") if p.name != "404.html"}
    assert {loc.removeprefix("https://www.sccsbbs.com/") for loc in locations} == pages


def test_robots_names_the_sitemap_only_with_a_base_url(demo_workspace, tmp_path):
    out = tmp_path / "site"
    demo_workspace.publisher.export(out, workers=1)
    robots = (out / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert robots == ["User-agent: *", "Allow: /", "Sitemap: https://www.sccsbbs.com/sitemap.xml"]
    with demo_workspace.edit():
        demo_workspace.site.update(base_url="")
    demo_workspace.publisher.export(out, workers=1)
    assert (out / "robots.txt").read_text(encoding="utf-8").splitlines() == [
        "User-agent: *",
        "Allow: /",
    ]
    feed = feedparser.parse((out / "rss.xml").read_bytes())
    assert not feed.bozo
    assert feed.entries and not feed.entries[0].link.startswith("http")


@pytest.mark.parametrize(
    "bad",
    [
        'https://example.com/"><script>alert(1)</script>',
        "https://example.com/\nSitemap: https://evil.example/",
        "javascript:alert(1)",
        "ftp://example.com/",
        "https://",
        "https://exa mple.com/",
        "https://example.com/?q=1",
        "https://user:secret@example.com/",
        "https://example.com:99999/",
        "example.com",
    ],
)
def test_a_base_url_that_is_no_web_address_is_refused(demo_workspace, bad):
    before = demo_workspace.site.get().base_url
    with pytest.raises(ValidationError, match="base URL"):
        with demo_workspace.edit():
            demo_workspace.site.update(base_url=bad)
    assert demo_workspace.site.get().base_url == before


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("https://www.example.com", "https://www.example.com/"),
        (" http://news.example.com:8080/portal/ ", "http://news.example.com:8080/portal/"),
        ("https://例子.中国", "https://例子.中国/"),
    ],
)
def test_web_addresses_are_kept_with_a_final_slash(demo_workspace, given, stored):
    with demo_workspace.edit():
        demo_workspace.site.update(base_url=given)
    assert demo_workspace.site.get().base_url == stored


def test_a_bad_base_url_stored_earlier_never_reaches_the_bundle(demo_workspace, tmp_path):
    from editor.store.models import Site

    bad = 'https://example.com/"><script>alert(1)</script>'
    with demo_workspace.edit():
        Site.update(base_url=bad).execute()  # as an older version could save it
    out = tmp_path / "site"
    demo_workspace.publisher.export(out, workers=1)
    for path in out.rglob("*"):
        if path.suffix in (".html", ".xml", ".txt"):
            assert "<script>alert" not in path.read_text(encoding="utf-8"), path
    assert "Sitemap" not in (out / "robots.txt").read_text(encoding="utf-8")


XML_VALUES = [
    "",
    "plain",
    "A & B <i>斜体</i> &amp; 标题 > end",
    'say "hi"',
    "it's",
    "both \" and ' quotes",
    "line\nbreak\rcarriage\ttab",
    "https://example.cn/a?x=1&y=<2>",
]


@pytest.mark.parametrize("value", XML_VALUES)
def test_the_feeds_xml_escapes_are_the_standard_librarys(value):
    from xml.sax.saxutils import escape, quoteattr

    from editor.publish import feeds

    assert feeds.escape(value) == escape(value)
    assert feeds.quoteattr(value) == quoteattr(value)


def test_the_feeds_dates_are_the_standard_librarys(monkeypatch):
    import time
    from datetime import UTC, datetime, timedelta, timezone
    from email.utils import format_datetime

    from editor.publish import feeds

    moments = [
        datetime(2024, 1, 1, 0, 0, 0),
        datetime(2024, 2, 29, 23, 59, 59, 999999),
        datetime(1999, 12, 31, 8, 5, 3, tzinfo=UTC),
        datetime(2025, 7, 6, 12, 30, tzinfo=timezone(timedelta(hours=-3, minutes=-30))),
    ]
    moments += [datetime(2026, month, day, 7) for month in range(1, 13) for day in (1, 7, 28)]
    for zone in ("Asia/Shanghai", "America/St_Johns", "UTC"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        for moment in moments:
            assert feeds._rfc822(moment) == format_datetime(moment.astimezone())
    monkeypatch.undo()
    time.tzset()


def test_sitemap_addresses_with_an_ampersand_in_the_base_are_escaped(demo_workspace, tmp_path):
    with demo_workspace.edit():
        demo_workspace.site.update(base_url="https://news.example.com/r&d/")
    out = tmp_path / "site"
    demo_workspace.publisher.export(out, workers=1)
    text = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "/r&d/" not in text and "/r&amp;d/" in text
    root = ET.fromstring(text.encode("utf-8"))  # well-formed
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = [url.findtext(f"{namespace}loc") for url in root]
    articles = [loc for loc in locations if loc.endswith(".html") and "/20" in loc]
    assert articles and all(loc.startswith("https://news.example.com/r&d/") for loc in locations)
