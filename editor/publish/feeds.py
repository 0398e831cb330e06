"""RSS 2.0 feeds, sitemap.xml and robots.txt.

With a base URL in the site settings every link in them is absolute, as feed readers and
search engines expect; without one they hold bundle-relative paths.
"""

from __future__ import annotations

from datetime import datetime
from html import escape as html_escape

from editor.content.urls import section_path
from editor.publish.context import SITE_FEED, SiteView, section_feed_path

SITEMAP = "sitemap.xml"
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# The XML escapes and the RFC 822 date are written here: xml.sax.saxutils and email.utils
# give the same strings but load urllib.request, http.client and the email package with
# them, a good part of an export's start-up (tests/publish/test_feeds.py compares them).


def escape(data: str) -> str:
    """Character data for XML: &, > and < escaped (as `xml.sax.saxutils.escape`)."""
    return data.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(data: str) -> str:
    """An XML attribute value, escaped and in quotes (as `xml.sax.saxutils.quoteattr`)."""
    data = escape(data).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"' + data.replace('"', "&quot;") + '"'


def _text(value: str) -> str:
    """A plain-text value (a title, a summary) as the content of an RSS element.

    Feed readers take the text of <title> and <description> as HTML, so plain text is
    escaped for HTML once and then for XML: a summary that mentions `<img>` is shown as
    those characters, never as markup. (Text without &, < or > is unchanged.) <category>
    and <source> hold plain character data: there the XML escape is the only one."""
    return escape(html_escape(value, quote=False))


def _absolute(view: SiteView, path: str) -> str:
    return f"{view.base_url}{path}" if view.base_url else path


def _rfc822(moment: datetime) -> str:
    """The moment in local time as RFC 822 writes it (as `email.utils.format_datetime`)."""
    local = moment.astimezone()
    return (
        f"{_DAYS[local.weekday()]}, {local.day:02d} {_MONTHS[local.month - 1]} "
        f"{local.year:04d} {local:%H:%M:%S} {local:%z}"
    )


def feed_items(view: SiteView, top_id: int | None) -> list[int]:
    """The newest articles of a top-level section (or of the whole site) for its feed."""
    size = int(view.options.get("feed_size", 30))
    ids = view.in_subtree.get(top_id, []) if top_id else view.order
    return ids[:size]


def feed_key(view: SiteView, top_id: int | None) -> str:
    """The inputs of a feed."""
    return "|".join(
        f"{view.card_key(aid)}:{view.cards[aid].publish_time}" for aid in feed_items(view, top_id)
    )


def rss(view: SiteView, top_id: int | None) -> bytes:
    """An RSS 2.0 document of the site or of one top-level section."""
    site = view.site
    if top_id:
        node = view.tree.nodes[top_id]
        title = f"{site.get('name', '')} - {node.name}"
        link = _absolute(view, section_path(node.slug_path))
        description = node.description or site.get("slogan", "") or title
        self_path = section_feed_path(node)
    else:
        title = site.get("name", "") or "RSS"
        link = _absolute(view, "index.html")
        description = site.get("slogan", "") or title
        self_path = SITE_FEED
    items = feed_items(view, top_id)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        f"<title>{_text(title)}</title>",
        f"<link>{escape(link)}</link>",
        f"<description>{_text(description)}</description>",
        f"<language>{escape((site.get('language') or 'zh-CN').lower())}</language>",
    ]
    if view.base_url:
        out.append(
            f'<atom:link href={quoteattr(_absolute(view, self_path))} rel="self" '
            'type="application/rss+xml"/>'
        )
    if items:
        out.append(f"<lastBuildDate>{_rfc822(view.cards[items[0]].publish_time)}</lastBuildDate>")
    for aid in items:
        card = view.cards[aid]
        url = _absolute(view, view.article_url[aid])
        node = view.tree.nodes.get(card.section_id)
        out.append("<item>")
        out.append(f"<title>{_text(card.title)}</title>")
        out.append(f"<link>{escape(url)}</link>")
        out.append(
            f'<guid isPermaLink="{"true" if view.base_url else "false"}">{escape(url)}</guid>'
        )
        out.append(f"<pubDate>{_rfc822(card.publish_time)}</pubDate>")
        if node is not None:
            out.append(f"<category>{escape(node.name)}</category>")
        if card.source:
            out.append(
                f"<source url={quoteattr(_absolute(view, self_path))}>"
                f"{escape(card.source)}</source>"
            )
        if card.summary:
            out.append(f"<description>{_text(card.summary)}</description>")
        out.append("</item>")
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out).encode("utf-8")


def sitemap_entries(view: SiteView) -> list[str]:
    """The `<url>` line (address and lastmod date) of every page worth indexing: the
    sitemap's text is these lines, which its fingerprint is made of."""
    entries = [("index.html", view.cards[view.order[0]].publish_time if view.order else None)]
    for node in view.tree:
        ids = view.in_subtree.get(node.id, [])
        entries.append(
            (section_path(node.slug_path), view.cards[ids[0]].publish_time if ids else None)
        )
    for page in view.catalog.pages:
        entries.append((f"{page.slug}.html", page.updated_at))
    lines = [_sitemap_line(view, path, moment) for path, moment in entries]
    base = view.base_url
    cards, urls = view.cards, view.article_url
    # An article's address is the base, its section's path and digits: escaped only when
    # the base or a section's path holds a character XML escapes.
    plain = not any(
        mark in text for text in (base, *(n.slug_path for n in view.tree)) for mark in "&<>"
    )
    # (ten thousand lines on a big site: written out inline, or taken from the prior
    # view's when the article is still the same card: `SiteView.prior_sitemap_lines`)
    known, made = view.prior_sitemap_lines, view.sitemap_lines
    for aid in view.order:
        card = cards[aid]
        entry = known.get(aid)
        if entry is None or entry[0] is not card:
            updated, published = card.updated_at, card.publish_time
            moment = updated if updated is not None and updated > published else published
            loc = base + urls[aid]
            entry = (
                card,
                f"<url><loc>{loc if plain else escape(loc)}</loc>"
                f"<lastmod>{moment.date().isoformat()}</lastmod></url>",
            )
        made[aid] = entry
        lines.append(entry[1])
    return lines


def _sitemap_line(view: SiteView, path: str, moment: datetime | None) -> str:
    tail = f"<lastmod>{moment.date().isoformat()}</lastmod>" if moment else ""
    return f"<url><loc>{escape(_absolute(view, path))}</loc>{tail}</url>"


def sitemap(view: SiteView, entries: list[str] | None = None) -> bytes:
    """sitemap.xml (sitemaps.org 0.9) from its lines (`sitemap_entries`)."""
    lines = entries if entries is not None else sitemap_entries(view)
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    )
    return "".join((head, *(f"{line}\n" for line in lines), "</urlset>\n")).encode("utf-8")


def robots(view: SiteView) -> bytes:
    """robots.txt: everything may be crawled; the sitemap is named when the URL is known."""
    lines = ["User-agent: *", "Allow: /"]
    if view.base_url:
        lines.append(f"Sitemap: {view.base_url}sitemap.xml")
    return ("\n".join(lines) + "\n").encode("utf-8")
