"""Page kinds: every kind of file in a bundle as one small registered class.

A kind says in one place which files it makes (`plan`: their paths, the fingerprint of
their inputs and a key), what a file shows (`context`) and with which theme template
(`template`), or how its bytes are made otherwise (`render`, `load` for files copied as
they are). A kind with many files (`fingerprint_later`) can also name them first
(`paths`) and fingerprint them afterwards (`fingerprint`): a full export renders every
file whatever its fingerprint, so it starts rendering on the paths, and each page's
fingerprint, which only the export state needs, is made where it is rendered. The planner (`editor.publish.plan`), the export and the worker processes only
ask the registry; none of them dispatches on kind names. Adding a kind of page (a tag
page, a search page) is a class here (or in a module imported before exporting)::

    @register
    class TagPage(PageKind):
        name = "tag"
        template = "tag.html"

        def plan(self, view, renderer):
            for tag in view.by_tag:
                yield Output(f"tags/{slug(tag)}.html", digest(view.chrome_key, ...), self.name, tag)

        def context(self, view, renderer, output, bodies):
            return renderer.common(output.path, "tag", None, tag=output.key, ...)

Outputs travel to worker processes as (path, kind name, key, previous sha256): a key must
pickle, and a kind must be registered when `editor.publish.kinds` is imported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from editor.content import catalog as catalog_queries
from editor.content.urls import section_path
from editor.publish import feeds
from editor.publish.context import SiteView, digest, section_feed_path
from editor.publish.markdown import render_markdown

NOT_FOUND = "404.html"
RESERVED = {"index.html", NOT_FOUND}
ASSET_IN_MARKDOWN = re.compile(r"asset:([0-9a-fA-F]{8,64})")


@dataclass(slots=True)
class Output:
    """One file of the bundle: its path, input fingerprint, kind name and key. The
    fingerprint is None while it is still to be made (`plan_all(..., fingerprints=False)`:
    the page's kind makes it, `PageKind.fingerprint`)."""

    path: str
    fingerprint: str | None
    kind: str  # a registered kind's name ("kept": planned from an earlier export)
    key: object = None  # article id, (section id, page), page slug, top id, file, sha


class PageKind:
    """One kind of bundle file. Subclasses set `name` and either `template` (and
    `context`) or override `render`; kinds copied unchanged set `copied` and `load`."""

    name: ClassVar[str] = ""
    template: ClassVar[str | None] = None  # the theme template that renders a page
    copied: ClassVar[bool] = False  # bytes read as they are (theme files, stored images)
    needs_bodies: ClassVar[bool] = False  # renders article bodies (batched together)
    manifest_map: ClassVar[str | None] = None  # "sections" / "pages" in manifest.json
    # `paths` names the files without fingerprints, `fingerprint` makes one afterwards
    fingerprint_later: ClassVar[bool] = False

    def output(self, path: str, fingerprint: str | None, key: object = None) -> Output:
        """An output of this kind."""
        return Output(path, fingerprint, self.name, key)

    def plan(self, view: SiteView, renderer) -> Iterator[Output]:
        """Every file of this kind in the bundle, with the fingerprint of its inputs."""
        raise NotImplementedError

    def paths(self, view: SiteView, renderer) -> Iterator[Output]:
        """Every file of this kind as `plan` gives it, but with the fingerprint None (kinds
        with `fingerprint_later`; the others plan in full)."""
        return self.plan(view, renderer)

    def fingerprint(self, view: SiteView, renderer, output: Output) -> str:
        """The fingerprint `plan` gives one of the outputs `paths` gave."""
        raise NotImplementedError(f"the {self.name} kind plans its fingerprints with its paths")

    def context(self, view: SiteView, renderer, output: Output, bodies) -> dict:
        """The template values of one page."""
        raise NotImplementedError

    def render(self, view: SiteView, renderer, output: Output, bodies) -> bytes:
        """The bytes of one file: by default its template with its context."""
        if self.template is None:
            raise ValueError(f"the {self.name} kind has no template to render")
        context = self.context(view, renderer, output, bodies)
        return renderer.template(self.template).render(context).encode("utf-8")

    def load(self, view: SiteView, outputs: list[Output]) -> dict[str, bytes]:
        """The bytes of copied files, by path (kinds with `copied`)."""
        raise NotImplementedError

    def manifest_entry(self, output: Output) -> tuple[str, str] | None:
        """(map key, path) of this output in its `manifest_map`, if any."""
        return None

    def shows(self, view: SiteView, output: Output, articles: set[int]) -> bool:
        """Whether this output must be current for a reader to find any of `articles`
        (an export that publishes those first: `Exporter.run(first=True)`). By default
        every file must: home, the feeds, the sitemap, theme files, stored images; article
        and list pages say which articles they are or list."""
        return True


KINDS: dict[str, PageKind] = {}


def register(cls: type[PageKind]) -> type[PageKind]:
    """Class decorator: add a kind to the registry (planned in registration order)."""
    if not cls.name:
        raise ValueError("a page kind needs a name")
    KINDS[cls.name] = cls()
    return cls


def kind(name: str) -> PageKind:
    """The registered kind of this name."""
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"no page kind is registered as {name!r}") from None


def _file_digest(path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def referenced_assets(view: SiteView) -> dict[str, str]:
    """sha256 -> bundle path of every stored image a visible article shows (covers and
    `asset:` references in bodies; bodies are read only for articles that have some)."""
    wanted: set[str] = set()
    with_refs = [aid for aid, card in view.cards.items() if card.has_assets]
    if with_refs:
        for body, _html, _key in catalog_queries.load_bodies(with_refs).values():
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


# ---- files copied as they are ----------------------------------------------------------


@register
class ThemeFile(PageKind):
    """A file of the theme's static/ folder (CSS, scripts, pictures)."""

    name = "static"
    copied = True

    def plan(self, view: SiteView, renderer) -> Iterator[Output]:
        for name, file in view.theme.static_files.items():
            yield self.output(name, _file_digest(file), name)

    def load(self, view: SiteView, outputs: list[Output]) -> dict[str, bytes]:
        return {o.path: view.theme.static_files[o.key].read_bytes() for o in outputs}


@register
class StoredImage(PageKind):
    """A stored image that a visible article or static page shows (assets/)."""

    name = "asset"
    copied = True

    def plan(self, view: SiteView, renderer) -> Iterator[Output]:
        for sha, path in referenced_assets(view).items():
            yield self.output(path, sha, sha)

    def load(self, view: SiteView, outputs: list[Output]) -> dict[str, bytes]:
        data = catalog_queries.load_asset_data(o.key for o in outputs)
        return {o.path: data.get(o.key, b"") for o in outputs}


# ---- pages -------------------------------------------------------------------------


@register
class ArticlePage(PageKind):
    """An article at <section path>/<yyyy>/<mmdd>/<id>.html."""

    name = "article"
    template = "article.html"
    needs_bodies = True
    fingerprint_later = True

    def plan(self, view: SiteView, renderer) -> Iterator[Output]:
        for aid in view.order:
            path = view.article_url.get(aid)
            if path:
                yield self.output(path, view.article_key(view.cards[aid]), aid)

    def paths(self, view: SiteView, renderer) -> Iterator[Output]:
        article_url = view.article_url
        for aid in view.order:
            path = article_url.get(aid)
            if path:
                yield self.output(path, None, aid)

    def fingerprint(self, view: SiteView, renderer, output: Output) -> str:
        return view.article_key(view.cards[output.key])

    def output_for(self, view: SiteView, aid: int) -> Output:
        """The output of one article (planning only what a body edit changed)."""
        return self.output(view.article_url[aid], view.article_key(view.cards[aid]), aid)

    def shows(self, view: SiteView, output: Output, articles: set[int]) -> bool:
        """Only the page of one of `articles` (相关新闻 and 热门排行 on others can wait)."""
        return output.key in articles

    def preview(self, renderer, card, body_html: str, path: str, related: list[int]) -> str:
        """The page of an unsaved article (the editor's preview: no canonical address)."""
        context = renderer.article_context(card, body_html, path, related, preview=True)
        return renderer.template(self.template).render(context)

    def context(self, view: SiteView, renderer, output: Output, bodies) -> dict:
        if output.key not in bodies.html:
            bodies.load([output.key])
        return renderer.article_context(
            view.cards[output.key], bodies.html[output.key], output.path
        )


@register
class SectionPage(PageKind):
    """A list page of a section: <section path>/index.html, index_2.html…"""

    name = "section"
    template = "section.html"
    manifest_map = "sections"
    fingerprint_later = True

    def plan(self, view: SiteView, renderer) -> Iterator[Output]:
        for node in view.tree:
            yield from self.plan_section(view, node)

    def plan_section(self, view: SiteView, node) -> Iterator[Output]:
        """The list pages of one section (planning only the sections an edit touched)."""
        for output in self._outputs(view, node):
            output.fingerprint = self.fingerprint(view, None, output)
            yield output

    def paths(self, view: SiteView, renderer) -> Iterator[Output]:
        for node in view.tree:
            yield from self._outputs(view, node)

    def _outputs(self, view: SiteView, node) -> Iterator[Output]:
        for number in range(1, len(view.section_pages(node)) + 1):
            yield self.output(section_path(node.slug_path, number), None, (node.id, number))

    def fingerprint(self, view: SiteView, renderer, output: Output) -> str:
        section_id, number = output.key
        node = view.tree.nodes[section_id]
        pages = view.section_pages(node)
        partner = view.partner_of(None, node.id)
        return digest(
            view.chrome_key,
            node.id,
            number,
            len(pages),
            [(c.id, c.name, c.slug) for c in node.children],
            partner.id if partner else None,
            view.hot_keys.get(view.top_of.get(node.id)),
            *(view.card_key(aid) for aid in pages[number - 1]),
        )

    def context(self, view: SiteView, renderer, output: Output, bodies) -> dict:
        section_id, number = output.key
        node = view.tree.nodes[section_id]
        return renderer.section_context(node, number, view.section_pages(node))

    def manifest_entry(self, output: Output) -> tuple[str, str] | None:
        return str(output.key[0]), output.path

    def shows(self, view: SiteView, output: Output, articles: set[int]) -> bool:
        """The list pages that list one of `articles` (not those whose entries shifted)."""
        section_id, number = output.key
        return not articles.isdisjoint(view.section_pages(view.tree.nodes[section_id])[number - 1])


@register
class HomePage(PageKind):
    """index.html: 头条, 幻灯, 推荐, a block per top-level section, 热门排行."""

    name = "home"
    template = "home.html"

    def plan(self, view: SiteView, renderer) -> Iterator[Output]:
        lists = renderer.home_lists()
        home_ids = [lists["headline"], *lists["slides"], *lists["featured"]]
        home_ids += [aid for _top, ids in lists["blocks"] for aid in ids]
        yield self.output(
            "index.html",
            digest(
                view.chrome_key,
                view.hot_keys.get(None),
                lists["headline"],
                lists["slides"],
                lists["featured"],
                [top for top, _ids in lists["blocks"]],
                *(view.card_key(aid) for aid in home_ids if aid),
                *(view.cards[aid].cover_id for aid in lists["slides"]),
            ),
        )

    def context(self, view: SiteView, renderer, output: Output, bodies) -> dict:
        return renderer.home_context()


@register
class StaticPage(PageKind):
    """关于, 意见反馈, 联系我们… at <slug>.html."""

    name = "page"
    template = "page.html"
    manifest_map = "pages"

    def plan(self, view: SiteView, renderer) -> Iterator[Output]:
        for page in view.catalog.pages:
            if f"{page.slug}.html" not in RESERVED:  # a page may not replace home or 404
                yield self.output(
                    f"{page.slug}.html", digest(view.chrome_key, page.title, page.body), page.slug
                )

    def context(self, view: SiteView, renderer, output: Output, bodies) -> dict:
        page = next(p for p in view.catalog.pages if p.slug == output.key)
        return renderer.static_page_context(page, render_markdown(page.body))

    def manifest_entry(self, output: Output) -> tuple[str, str] | None:
        return str(output.key), output.path


@register
class NotFoundPage(PageKind):
    """404.html."""

    name = "404"
    template = "404.html"

    def plan(self, view: SiteView, renderer) -> Iterator[Output]:
        yield self.output(NOT_FOUND, digest(view.chrome_key))

    def context(self, view: SiteView, renderer, output: Output, bodies) -> dict:
        return renderer.not_found_context()


# ---- feeds and files for crawlers ------------------------------------------------------


@register
class Feed(PageKind):
    """RSS of the site (rss.xml) and of each top-level section (<top>/rss.xml)."""

    name = "feed"

    def plan(self, view: SiteView, renderer) -> Iterator[Output]:
        chrome = view.chrome_key
        yield self.output(feeds.SITE_FEED, digest(chrome, feeds.feed_key(view, None)), None)
        for top in view.tree.roots:
            yield self.output(
                section_feed_path(top), digest(chrome, feeds.feed_key(view, top.id)), top.id
            )

    def render(self, view: SiteView, renderer, output: Output, bodies) -> bytes:
        return feeds.rss(view, output.key)


@register
class Sitemap(PageKind):
    """sitemap.xml; its key is its entries (their dates follow every saved edit)."""

    name = "sitemap"

    def plan(self, view: SiteView, renderer) -> Iterator[Output]:
        yield self.output_for(view)

    def output_for(self, view: SiteView) -> Output:
        """The sitemap's output (also planned alone after body edits)."""
        entries = feeds.sitemap_entries(view)  # (with the base URL in each address)
        return self.output(feeds.SITEMAP, digest("\n".join(entries)), entries)

    def render(self, view: SiteView, renderer, output: Output, bodies) -> bytes:
        return feeds.sitemap(view, output.key)


@register
class Robots(PageKind):
    """robots.txt."""

    name = "robots"

    def plan(self, view: SiteView, renderer) -> Iterator[Output]:
        yield self.output("robots.txt", digest(view.base_url))

    def render(self, view: SiteView, renderer, output: Output, bodies) -> bytes:
        return feeds.robots(view)


def plan_all(
    view: SiteView,
    renderer,
    kinds: Iterable[PageKind] | None = None,
    *,
    fingerprints: bool = True,
) -> dict:
    """Every output of the registered kinds, by path (later kinds win a shared path).
    Without `fingerprints`, the outputs of kinds with `fingerprint_later` come without
    theirs (None): their kind's `fingerprint` makes each."""
    outputs: dict[str, Output] = {}
    for page_kind in kinds if kinds is not None else KINDS.values():
        planned = (
            page_kind.plan(view, renderer)
            if fingerprints or not page_kind.fingerprint_later
            else page_kind.paths(view, renderer)
        )
        for output in planned:
            outputs[output.path] = output
    return outputs
