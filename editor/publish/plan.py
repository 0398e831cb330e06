"""Every file of a bundle with the fingerprint of its inputs, and how to produce it.

The files come from the registered page kinds (`editor.publish.kinds`): each kind plans
its outputs and renders them; this module only asks the registry.

An article page's fingerprint covers the article's version (any saved change), its credits
and source as displayed, the titles and links of its related news, the hot ranking of its
top-level section and the "chrome" every page shares (settings, section tree, partners,
static page titles, theme, renderer version, year). A list page covers what its entries show
(title, link, summary, date, source), never bodies, so a body-only edit rewrites the
article's own page and the sitemap's date, and nothing else.
"""

from __future__ import annotations

import hashlib

from editor.content.catalog import load_bodies
from editor.publish import kinds
from editor.publish.context import SiteView
from editor.publish.feeds import SITEMAP  # noqa: F401
from editor.publish.kinds import (  # noqa: F401  (the planner's public names)
    ASSET_IN_MARKDOWN,
    NOT_FOUND,
    RESERVED,
    Output,
    referenced_assets,
)
from editor.publish.markdown import body_key, plain_paragraphs, render_markdown
from editor.publish.render import PageRenderer

MANIFEST = "manifest.json"


def file_digest(path) -> str:
    """The SHA-256 of a file on disk."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plan_outputs(
    view: SiteView, renderer: PageRenderer, *, fingerprints: bool = True
) -> dict[str, Output]:
    """All outputs of the bundle, by path (manifest.json excluded). Without
    `fingerprints`, the many outputs of kinds that can tell their paths first (article and
    list pages) come without fingerprints (None), which their kind makes afterwards
    (`kinds.PageKind.fingerprint`; the export has them made where the pages render)."""
    return kinds.plan_all(view, renderer, fingerprints=fingerprints)


def sitemap_output(view: SiteView) -> Output:
    """sitemap.xml with its entries (their dates follow every saved edit)."""
    return kinds.kind("sitemap").output_for(view)


def manifest_maps(outputs: dict[str, Output]) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The manifest's section map (section id -> its list pages) and page map (slug ->
    file), from the kinds that name a `manifest_map`."""
    maps: dict[str, dict] = {"sections": {}, "pages": {}}
    for path, output in outputs.items():
        page_kind = kinds.KINDS.get(output.kind)
        if page_kind is None or page_kind.manifest_map is None:
            continue
        key, _path = page_kind.manifest_entry(output)
        if page_kind.manifest_map == "sections":
            maps["sections"].setdefault(key, []).append(path)
        else:
            maps[page_kind.manifest_map][key] = path
    for paths in maps["sections"].values():
        paths.sort(key=lambda p: (len(p), p))
    return maps["sections"], maps["pages"]


class BodyCache:
    """Rendered article bodies for a batch of pages: the stored cache where its key still
    matches the Markdown, a fresh render (remembered for storing) where it does not. Plain
    prose (`plain_paragraphs`) renders faster than its cache is written and read back: it
    is rendered each time and never stored."""

    def __init__(self) -> None:
        self.html: dict[int, str] = {}
        self.fresh: list[tuple[int, str, str]] = []

    def load(self, ids) -> None:
        """Read (and where stale, render) the bodies of these articles."""
        for aid, (body, html, key) in load_bodies([i for i in ids if i not in self.html]).items():
            expected = body_key(body)
            if key != expected or (body and not html):
                plain = plain_paragraphs(body)
                if plain is not None:
                    html = plain
                else:
                    html = render_markdown(body)
                    self.fresh.append((aid, html, expected))
            self.html[aid] = html


def render_output(
    view: SiteView, renderer: PageRenderer, output: Output, bodies: BodyCache
) -> bytes:
    """The bytes of one page, feed or text file (not copied files or the manifest)."""
    page_kind = kinds.kind(output.kind)
    if page_kind.copied:
        raise ValueError(f"render_output cannot produce {output.kind} files")
    return page_kind.render(view, renderer, output, bodies)
