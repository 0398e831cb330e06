"""Every file of a bundle with the fingerprint of its inputs, and how to produce it.

An article page's fingerprint covers the article's version (any saved change), its credits
and source as displayed, the titles and links of its related news, the hot ranking of its
top-level section and the "chrome" every page shares (settings, section tree, partners,
static page titles, theme, renderer version, year). A list page covers what its entries show
(title, link, summary, date, source), never bodies, so a body-only edit rewrites the
article's own page and the sitemap's date, and nothing else.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from editor.content.catalog import load_bodies
from editor.content.urls import section_path
from editor.publish import feeds
from editor.publish.context import SiteView, digest, section_feed_path
from editor.publish.markdown import body_key, render_markdown
from editor.publish.render import PageRenderer

MANIFEST = "manifest.json"
NOT_FOUND = "404.html"
SITEMAP = "sitemap.xml"
RESERVED = {"index.html", NOT_FOUND}
ASSET_IN_MARKDOWN = re.compile(r"asset:([0-9a-fA-F]{8,64})")


@dataclass(slots=True)
class Output:
    """One file of the bundle: its path, input fingerprint and what produces it."""

    path: str
    fingerprint: str
    kind: str  # article, section, home, page, 404, feed, sitemap, robots, static, asset
    key: object = None  # article id, (section id, page), page slug, top id, file, sha


def file_digest(path) -> str:
    """The SHA-256 of a file on disk."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def referenced_assets(view: SiteView) -> dict[str, str]:
    """sha256 -> bundle path of every stored image a visible article shows (covers and
    `asset:` references in bodies; bodies are read only for articles that have some)."""
    wanted: set[str] = set()
    with_refs = [aid for aid, card in view.cards.items() if card.has_assets]
    if with_refs:
        for body, _html, _key in load_bodies(with_refs).values():
            for ref in ASSET_IN_MARKDOWN.findall(body):
                wanted.add(ref.lower())
    for card in view.cards.values():
        if card.cover_id and card.cover_id in view.asset_by_id:
            wanted.add(view.asset_by_id[card.cover_id].sha256)
    for page in view.catalog.pages:
        for ref in ASSET_IN_MARKDOWN.findall(page.body or ""):
            wanted.add(ref.lower())
    result = {}
    for ref in wanted:
        path = view.asset_path(ref)
        if path:
            full = (
                ref
                if ref in view.catalog.assets
                else next(s for s in view.catalog.assets if s.startswith(ref))
            )
            result[full] = path
    return result


def plan_outputs(view: SiteView, renderer: PageRenderer) -> dict[str, Output]:
    """All outputs of the bundle, by path (manifest.json excluded)."""
    outputs: dict[str, Output] = {}

    def add(path: str, fingerprint: str, kind: str, key=None) -> None:
        outputs[path] = Output(path, fingerprint, kind, key)

    chrome = view.chrome_key
    for name, file in view.theme.static_files.items():
        add(name, file_digest(file), "static", name)
    for sha, path in referenced_assets(view).items():
        add(path, sha, "asset", sha)
    for aid in view.order:
        card = view.cards[aid]
        path = view.article_url.get(aid)
        if path:
            add(path, view.article_key(card), "article", aid)
    for node in view.tree:
        pages = view.section_pages(node)
        top = view.top_of.get(node.id)
        partner = view.partner_of(None, node.id)
        children = [(c.id, c.name, c.slug) for c in node.children]
        for number, ids in enumerate(pages, start=1):
            add(
                section_path(node.slug_path, number),
                digest(
                    chrome,
                    node.id,
                    number,
                    len(pages),
                    children,
                    partner.id if partner else None,
                    view.hot_keys.get(top),
                    *(view.card_key(aid) for aid in ids),
                ),
                "section",
                (node.id, number),
            )
    lists = renderer.home_lists()
    home_ids = [lists["headline"], *lists["slides"], *lists["featured"]]
    home_ids += [aid for _top, ids in lists["blocks"] for aid in ids]
    add(
        "index.html",
        digest(
            chrome,
            view.hot_keys.get(None),
            lists["headline"],
            lists["slides"],
            lists["featured"],
            [top for top, _ids in lists["blocks"]],
            *(view.card_key(aid) for aid in home_ids if aid),
            *(view.cards[aid].cover_id for aid in lists["slides"]),
        ),
        "home",
    )
    for page in view.catalog.pages:
        if f"{page.slug}.html" not in RESERVED:  # a page may not replace home or 404
            add(f"{page.slug}.html", digest(chrome, page.title, page.body), "page", page.slug)
    add(NOT_FOUND, digest(chrome), "404")
    add(feeds.SITE_FEED, digest(chrome, feeds.feed_key(view, None)), "feed", None)
    for top in view.tree.roots:
        add(section_feed_path(top), digest(chrome, feeds.feed_key(view, top.id)), "feed", top.id)
    sitemap = sitemap_output(view)
    outputs[sitemap.path] = sitemap
    add("robots.txt", digest(view.base_url), "robots")
    return outputs


def sitemap_output(view: SiteView) -> Output:
    """sitemap.xml with its entries (their dates follow every saved edit)."""
    entries = feeds.sitemap_entries(view)
    return Output(SITEMAP, digest(view.base_url, entries), "sitemap", entries)


def manifest_maps(outputs: dict[str, Output]) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The manifest's section map (section id -> its list pages) and page map (slug ->
    file)."""
    sections: dict[str, list[str]] = {}
    pages: dict[str, str] = {}
    for path, output in outputs.items():
        if output.kind == "section":
            sections.setdefault(str(output.key[0]), []).append(path)
        elif output.kind == "page":
            pages[str(output.key)] = path
    for paths in sections.values():
        paths.sort(key=lambda p: (len(p), p))
    return sections, pages


class BodyCache:
    """Rendered article bodies for a batch of pages: the stored cache where its key still
    matches the Markdown, a fresh render (remembered for storing) where it does not."""

    def __init__(self) -> None:
        self.html: dict[int, str] = {}
        self.fresh: list[tuple[int, str, str]] = []

    def load(self, ids) -> None:
        """Read (and where stale, render) the bodies of these articles."""
        for aid, (body, html, key) in load_bodies([i for i in ids if i not in self.html]).items():
            expected = body_key(body)
            if key != expected or (body and not html):
                html = render_markdown(body)
                self.fresh.append((aid, html, expected))
            self.html[aid] = html


def render_output(
    view: SiteView, renderer: PageRenderer, output: Output, bodies: BodyCache
) -> bytes:
    """The bytes of one page, feed or text file (not static files, assets or manifest)."""
    kind, key = output.kind, output.key
    if kind == "article":
        if key not in bodies.html:
            bodies.load([key])
        return renderer.article(view.cards[key], bodies.html[key], output.path).encode("utf-8")
    if kind == "section":
        section_id, number = key
        node = view.tree.nodes[section_id]
        return renderer.section(node, number, view.section_pages(node)).encode("utf-8")
    if kind == "home":
        return renderer.home().encode("utf-8")
    if kind == "page":
        page = next(p for p in view.catalog.pages if p.slug == key)
        return renderer.static_page(page, render_markdown(page.body)).encode("utf-8")
    if kind == "404":
        return renderer.not_found().encode("utf-8")
    if kind == "feed":
        return feeds.rss(view, key)
    if kind == "sitemap":
        return feeds.sitemap(view, key)
    if kind == "robots":
        return feeds.robots(view)
    raise ValueError(f"render_output cannot produce {kind} files")
