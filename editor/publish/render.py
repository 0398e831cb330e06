"""The values of pages (article, section list, home, static page and 404) from a `SiteView`;
the page kinds (`editor.publish.kinds`) render them with their templates.

Navigation, footer and hot-ranking fragments are rendered once per (depth, section) and
reused, so a page costs one template render plus a few dictionary look-ups. Every link is
relative to the page (`root` leads back to the bundle root), so a bundle works from any
folder and from file://.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from markupsafe import Markup

from editor.content.article_fields import CARD_COLUMNS
from editor.content.catalog import ArticleCard, PageInfo
from editor.content.sections import SectionNode
from editor.content.urls import section_path
from editor.publish.context import (
    SITE_FEED,
    SiteView,
    root_of,
    safe_url,
    section_feed_path,
    shorten,
)
from editor.publish.markdown import plain_text, resolve_assets
from editor.publish.theme import builtin_theme_dir


class PageRenderer:
    """Renders the pages of one site view with one theme."""

    def __init__(self, view: SiteView, prior: PageRenderer | None = None) -> None:
        """`prior`: the renderer of this process's last export, whose loaded templates and
        rendered fragments are taken when its view shows the same chrome with the same
        theme (navigation, footer, breadcrumbs and partner blocks), and 热门排行 blocks
        whose ranking is the same."""
        self.view = view
        self.env = view.theme.env
        self.labels = view.labels
        self.site = view.site
        self._templates: dict[str, object] = {}
        self._fragments: dict[tuple, Markup] = {}
        self._builtin: dict[str, bool] = {}  # partial name -> from the built-in theme
        if prior is not None and prior.env is self.env and prior.view.chrome_key == view.chrome_key:
            self._templates = dict(prior._templates)
            self._builtin = dict(prior._builtin)
            before, now = prior.view.hot_keys, view.hot_keys
            self._fragments = {
                key: fragment
                for key, fragment in prior._fragments.items()
                if key[0] != "hot" or before.get(key[2]) == now.get(key[2])
            }

    def template(self, name: str):
        """A template of the theme (loaded once)."""
        template = self._templates.get(name)
        if template is None:
            template = self._templates[name] = self.env.get_template(name)
        return template

    def partial(self, name: str, key: tuple, context: dict) -> Markup:
        """A partial template with a page's values, as `{% include %}` renders it there.
        A built-in partial shows only what `key` covers, so it renders once per key; one
        from the site's templates folder may show any value and renders for every page."""
        template = self.template(name)
        builtin = self._builtin.get(name)
        if builtin is None:
            folder = builtin_theme_dir() / "templates"
            builtin = self._builtin[name] = (
                Path(template.filename).resolve().is_relative_to(folder.resolve())
            )
        if not builtin:
            return Markup(template.render(context))
        cached = self._fragments.get(key)
        if cached is None:
            cached = self._fragments[key] = Markup(template.render(context))
        return cached

    def _page_partials(self, context: dict, section_id: int, partner, link_last: bool) -> None:
        """The breadcrumb and partner block of an article or list page, in `fragments`."""
        context["fragments"] = {
            "breadcrumb": self.partial(
                "partials/breadcrumb.html",
                ("breadcrumb", context["root"], section_id, link_last),
                context,
            ),
            "partner": self.partial(
                "partials/partner.html", ("partner", partner.id if partner else None), context
            ),
        }

    # ---- shared pieces -----------------------------------------------------------------

    def _nav_entry(self, node: SectionNode) -> dict:
        return {"id": node.id, "name": node.name, "url": self.view.section_url[node.id]}

    def nav(self, root: str, active_top: int | None) -> Markup:
        """The two-level navigation, rendered once per depth and current section."""
        key = ("nav", root, active_top)
        if key not in self._fragments:
            tree = self.view.tree
            nav = []
            for top in tree.roots:
                if not top.in_navigation:
                    continue
                entry = self._nav_entry(top)
                entry["children"] = [self._nav_entry(c) for c in top.children if c.in_navigation]
                nav.append(entry)
            active = tree.nodes.get(active_top) if active_top else None
            children = (
                [self._nav_entry(c) for c in active.children if c.in_navigation] if active else []
            )
            self._fragments[key] = Markup(
                self.template("partials/nav.html").render(
                    root=root,
                    nav=nav,
                    active_id=active_top,
                    active_children=children,
                    labels=self.labels,
                    site=self.site,
                )
            )
        return self._fragments[key]

    def footer(self, root: str) -> Markup:
        """Footer links, mailbox, rights notice and copyright, rendered once per depth."""
        key = ("footer", root)
        if key not in self._fragments:
            links = [
                {"title": page.title, "url": f"{root}{page.slug}.html", "external": False}
                for page in self.view.catalog.pages
                if page.in_footer and page.slug not in ("index", "404")
            ]
            for link in self.site.get("footer_links") or []:
                url = safe_url(link.get("url"))
                links.append(
                    {
                        "title": link.get("title", ""),
                        "url": url,
                        "external": url.startswith(("http://", "https://")),
                    }
                )
            site = dict(self.site)
            site["tech_support_url"] = safe_url(site.get("tech_support_url"))
            site["icp_url"] = safe_url(site.get("icp_url"))
            self._fragments[key] = Markup(
                self.template("partials/footer.html").render(
                    root=root,
                    footer_links=links,
                    site=site,
                    labels=self.labels,
                    copyright=self.view.copyright(),
                    rights_notice=self.view.rights_notice(),
                )
            )
        return self._fragments[key]

    def hot(self, root: str, top_id: int | None) -> Markup:
        """热门排行 of a top-level section (or site-wide), rendered once per depth."""
        key = ("hot", root, top_id)
        if key not in self._fragments:
            view = self.view
            ids = view.hot_by_top.get(top_id, []) if top_id else view.hot_site
            limit = int(view.options.get("hot_title_length", 22))
            items = [
                {
                    "title": view.cards[aid].title,
                    "url": view.article_url[aid],
                    "short_title": shorten(view.cards[aid].title, limit),
                }
                for aid in ids
            ]
            title = self.labels.get("hot" if top_id else "hot_site", "")
            self._fragments[key] = Markup(
                self.template("partials/hot.html").render(
                    root=root,
                    items=items,
                    title=title,
                    labels=self.labels,
                )
            )
        return self._fragments[key]

    def common(
        self, path: str, kind: str, active_top: int | None, root: str | None = None, **values
    ) -> dict:
        """The values every page has (root, site, labels, canonical address, feeds, chrome)
        with `values` on top; `kind` is the theme's `page_kind`."""
        root = root_of(path) if root is None else root
        feeds = [{"title": self.site.get("name", ""), "url": SITE_FEED}]
        if active_top:
            node = self.view.tree.nodes[active_top]
            feeds.append(
                {
                    "title": f"{self.site.get('name', '')} {node.name}",
                    "url": section_feed_path(node),
                }
            )
        context = {
            "root": root,
            "site": self.site,
            "labels": self.labels,
            "options": self.view.options,
            "page_kind": kind,
            "canonical": self.view.canonical(path),
            "description": "",
            "feeds": feeds,
            "chrome": {"nav": self.nav(root, active_top), "footer": self.footer(root)},
            "crumbs": [],
            "partner": None,
            "hot": Markup(""),
        }
        context.update(values)
        return context

    def _partner(self, partner) -> dict | None:
        if partner is None:
            return None
        return {
            "name": partner.name,
            "units": partner.units,
            "contact": partner.contact,
            "wechat": partner.wechat,
            "phone": partner.phone,
            "email": partner.email,
        }

    # ---- pages -------------------------------------------------------------------------

    def article_context(
        self,
        card: ArticleCard,
        body_html: str,
        path: str | None = None,
        related: list[int] | None = None,
        *,
        preview: bool = False,
    ) -> dict:
        """The values of an article page (PAGE_ANATOMY rows 1–16)."""
        view = self.view
        path = path or view.article_url[card.id]
        root = root_of(path)
        top = view.top_of.get(card.section_id)
        body = resolve_assets(body_html, lambda sha: _prefixed(root, view.asset_path(sha)))
        source_link = safe_url(card.source_url)
        related_ids = view.related(card) if related is None else related
        article = {
            # every column the field table puts on the card (original_title …), then the
            # values as the page shows them
            **{column.attribute: getattr(card, column.attribute) for column in CARD_COLUMNS},
            "id": card.id,
            "title": card.title,
            "subtitle": card.subtitle,
            "summary": card.summary,
            "date": view.date(card.publish_time),
            "iso_time": card.publish_time.isoformat() if card.publish_time else "",
            "source": card.source,
            "source_link": source_link,
            "body": Markup(body),
            "byline": view.byline(card),
            "editor": view.editor_credit(card),
            "cover": view.cover(card),
            "tags": card.tags,
        }
        partner = view.partner_of(card, card.section_id)
        context = self.common(
            path,
            "article",
            top,
            article=article,
            description=card.summary or plain_text(body_html, 120),
            crumbs=view.crumbs(card.section_id),
            partner=self._partner(partner),
            related=[
                {"title": view.cards[aid].title, "url": view.article_url[aid]}
                for aid in related_ids
                if aid in view.article_url
            ],
            hot=self.hot(root, top),
        )
        self._page_partials(context, card.section_id, partner, True)
        if preview:
            context["canonical"] = ""
        return context

    def section_context(self, node: SectionNode, page: int, pages: list[list[int]]) -> dict:
        """The values of one list page of a section."""
        view = self.view
        path = section_path(node.slug_path, page)
        root = root_of(path)
        top = view.top_of.get(node.id)
        partner = view.partner_of(None, node.id)
        count = len(pages)
        links = [
            {"page": n, "url": section_path(node.slug_path, n), "current": n == page}
            for n in _page_window(page, count)
        ]
        pagination = {
            "page": page,
            "pages": count,
            "links": links,
            "prev_url": section_path(node.slug_path, page - 1) if page > 1 else "",
            "next_url": section_path(node.slug_path, page + 1) if page < count else "",
            "status": self.labels.get("page_status", "{page}/{pages}").format(
                page=page, pages=count
            ),
        }
        section = {
            "id": node.id,
            "name": node.name,
            "description": node.description,
            "url": view.section_url[node.id],
            "children": [self._nav_entry(child) for child in node.children],
        }
        context = self.common(
            path,
            "section",
            top,
            section=section,
            description=node.description,
            crumbs=view.crumbs(node.id, link_last=False),
            items=[view.item(aid) for aid in pages[page - 1]],
            pagination=pagination,
            partner=self._partner(partner),
            hot=self.hot(root, top),
            section_feed=section_feed_path(view.tree.nodes[top]) if top else "",
        )
        self._page_partials(context, node.id, partner, False)
        return context

    def home_lists(self) -> dict:
        """Headline, slides, featured and the per-section blocks of the home page (ids)."""
        view = self.view
        options = view.options
        cards = view.cards
        headline = next((aid for aid in view.order if cards[aid].is_headline), None)
        # (the newest few of ten thousand: the walk stops once they are found)
        slides = _first(
            (aid for aid in view.order if cards[aid].is_slideshow),
            int(options.get("home_slides_size", 5)),
        )
        featured = _first(
            (aid for aid in view.order if cards[aid].is_featured and aid != headline),
            int(options.get("home_featured_size", 10)),
        )
        size = int(options.get("home_block_size", 8))
        blocks = [
            (top.id, view.in_subtree[top.id][:size])
            for top in view.tree.roots
            if view.in_subtree.get(top.id)
        ]
        return {"headline": headline, "slides": slides, "featured": featured, "blocks": blocks}

    def home_context(self, lists: dict | None = None) -> dict:
        """The values of the home page: 头条, 幻灯, 推荐, a block per top-level section,
        热门排行."""
        view = self.view
        lists = lists or self.home_lists()
        blocks = []
        for top_id, ids in lists["blocks"]:
            node = view.tree.nodes[top_id]
            blocks.append(
                {
                    "name": node.name,
                    "url": view.section_url[top_id],
                    "articles": [view.item(aid) for aid in ids],
                }
            )
        context = self.common(
            "index.html",
            "home",
            None,
            description=self.site.get("slogan", ""),
            headline=view.item(lists["headline"]) if lists["headline"] else None,
            slides=[view.item(aid) for aid in lists["slides"]],
            featured=[view.item(aid) for aid in lists["featured"]],
            blocks=blocks,
            hot=self.hot("", None),
        )
        return context

    def static_page_context(self, page: PageInfo, body_html: str) -> dict:
        """The values of 关于, 意见反馈, 联系我们… at `<slug>.html`."""
        path = f"{page.slug}.html"
        body = resolve_assets(body_html, lambda sha: _prefixed("", self.view.asset_path(sha)))
        context = self.common(
            path,
            "static",
            None,
            page={"slug": page.slug, "title": page.title, "body": Markup(body)},
            crumbs=[{"name": page.title, "url": ""}],
            description=plain_text(body_html, 120),
        )
        return context

    def not_found_context(self) -> dict:
        """The values of the 404 page. A server shows it at whatever address was asked for,
        so with a base URL its links are absolute (relative ones would only work at the site
        root)."""
        root = self.view.base_url or None
        context = self.common("404.html", "not-found", None, root=root)
        context["canonical"] = ""
        return context


def _prefixed(root: str, path: str | None) -> str | None:
    return f"{root}{path}" if path else None


def _page_window(page: int, count: int, width: int = 9) -> list[int]:
    """Page numbers to link around the current one."""
    start = max(1, min(page - width // 2, count - width + 1))
    return list(range(start, min(count, start + width - 1) + 1))


def _first(ids: Iterator[int], size: int) -> list[int]:
    """`list(ids)[:size]`, taking no more of `ids` than that needs."""
    return list(islice(ids, size)) if size >= 0 else list(ids)[:size]
