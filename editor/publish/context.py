"""What the pages of a bundle know about the site: URLs, lists, related news and hot ranking.

`SiteView` indexes a `Catalog` once (newest-first lists per section, subtree and tag, hot
rankings per top-level section and site-wide) so that building any page is a few dictionary
look-ups, and the related list of one article is a short merge of already sorted lists.
"""

from __future__ import annotations

import hashlib
import heapq
import operator
from datetime import datetime
from urllib.parse import urlparse

from editor.content.catalog import ArticleCard, Catalog
from editor.content.sections import SectionNode
from editor.content.site import is_base_url
from editor.content.urls import article_path, section_path
from editor.publish.markdown import RENDERER_VERSION
from editor.publish.theme import Theme

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
SITE_FEED = "rss.xml"


def safe_url(url: str | None) -> str:
    """The URL if it is a web, mail or relative address; "" for anything else
    (`javascript:`, `data:` and the like never reach a page)."""
    url = (url or "").strip()
    if not url:
        return ""
    scheme = urlparse(url).scheme.lower()
    if scheme and scheme not in SAFE_SCHEMES:
        return ""
    if not scheme and ":" in url.split("/", 1)[0]:
        return ""
    return url


def root_of(path: str) -> str:
    """The relative prefix that leads from a bundle file back to the bundle root."""
    return "../" * path.count("/")


def digest(*parts: object) -> str:
    """A short, stable fingerprint of some values."""
    return hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=16).hexdigest()


def shorten(text: str, limit: int) -> str:
    """A title cut to `limit` characters with an ellipsis."""
    return text if len(text) <= limit else text[: max(1, limit - 1)] + "…"


def _article_path(slug_path: str, moment: datetime | None, aid: int) -> str | None:
    """`urls.article_path`, without `strftime` for ordinary years (tens of thousands of
    calls per export)."""
    if moment is None or not 1000 <= moment.year <= 9999:
        return article_path(slug_path, moment, aid)
    return f"{slug_path}/{moment.year}/{moment.month:02d}{moment.day:02d}/{aid}.html"


_hits = operator.attrgetter("hits")
PATCH_NEW = 100  # new articles past which a view indexes every article again


def section_feed_path(node: SectionNode) -> str:
    """The RSS file of a top-level section."""
    return f"{node.slug_path}/rss.xml"


class _LinkKeys(dict):
    """What a link to an article shows (id, title, page), made when first asked for: a
    plan after one edit asks for a few hundred of ten thousand. Only articles with a page
    have one (KeyError otherwise)."""

    def __init__(self, cards: dict[int, ArticleCard], article_url: dict[int, str]) -> None:
        super().__init__()
        self._cards = cards
        self._article_url = article_url

    def __missing__(self, aid: int) -> str:
        key = self[aid] = f"{aid}:{self._cards[aid].title}:{self._article_url[aid]}"
        return key


class SiteView:
    """A catalog indexed for publishing."""

    def __init__(
        self,
        catalog: Catalog,
        theme: Theme,
        *,
        year: int | None = None,
        prior: SiteView | None = None,
    ) -> None:
        """`prior`: the view of this process's last export of the same site (the running
        application's), whose addresses and sitemap lines of articles still read as the
        same cards are taken instead of made again; when the articles are the prior's with
        new ones on top and edits that keep their place (`_index_from`), its lists too."""
        self.catalog = catalog
        self.theme = theme
        self.options = theme.options
        self.labels = theme.labels
        self.tree = catalog.tree
        self.cards = catalog.articles
        self.year = year or catalog.moment.year
        self.site = dict(catalog.site)
        self.base_url = (self.site.get("base_url") or "").strip()
        if not is_base_url(self.base_url):  # stored before it was checked: links stay relative
            self.base_url = ""
        if self.base_url and not self.base_url.endswith("/"):
            self.base_url += "/"
        tree = self.tree
        self.section_url = {sid: section_path(node.slug_path) for sid, node in tree.nodes.items()}
        self.top_of: dict[int, int] = {}
        for root in tree.roots:
            for sid in tree.descendant_ids(root.id):
                self.top_of[sid] = root.id
        self.order: list[int] = list(self.cards)  # newest first
        # the prior view's cards and addresses, when its sections and base are these
        usable = prior is not None and prior.tree is tree and prior.base_url == self.base_url
        self.prior_sitemap_lines = prior.sitemap_lines if usable else {}
        self.sitemap_lines: dict[int, tuple[ArticleCard, str]] = {}  # (`feeds.sitemap_entries`)
        self._edited: list[int] = []  # (articles read anew since the prior view, by `_index_from`)
        indexed = usable and self._index_from(prior)
        if not indexed:
            self._index(prior if usable else None)
        self.link_key = _LinkKeys(self.cards, self.article_url)
        ranked = self._hot_from(prior) if indexed else None
        self.hot_site, self.hot_by_top, self.hot_floors = ranked or self._hot_rankings()
        self.hot_keys = {
            key: digest(*(self.link_key[aid] for aid in ids))
            for key, ids in [(None, self.hot_site), *self.hot_by_top.items()]
        }
        self.asset_by_id = catalog.asset_by_id()
        self.chrome_key = self._chrome_key()
        self._pages: dict[int, list[list[int]]] = {}
        self._related: dict[int, list[int]] = {}

    def _index(self, prior: SiteView | None) -> None:
        """Positions, addresses and the lists of sections, subtrees and tags, made from
        every article (addresses of the prior view's same cards taken)."""
        tree = self.tree
        self.position = {aid: index for index, aid in enumerate(self.order)}
        self.article_url: dict[int, str] = {}
        self.in_section: dict[int, list[int]] = {}  # order positions, direct articles
        self.in_subtree: dict[int, list[int]] = {sid: [] for sid in tree.nodes}
        self.by_tag: dict[str, list[int]] = {}
        # (ten thousand articles and more: the loop reads only local names)
        subtree_lists = {
            sid: [self.in_subtree[n.id] for n in tree.ancestors(sid)] for sid in tree.nodes
        }
        slug_paths = {sid: node.slug_path for sid, node in tree.nodes.items()}
        cards, article_url, in_section, by_tag = self.cards, self.article_url, {}, self.by_tag
        prior_cards = prior.cards if prior is not None else {}
        prior_urls = prior.article_url if prior is not None else {}
        for index, aid in enumerate(self.order):
            card = cards[aid]
            sid = card.section_id
            slug_path = slug_paths.get(sid)
            if slug_path is None:
                continue
            moment = card.publish_time
            if prior_cards.get(aid) is card:
                article_url[aid] = prior_urls[aid]
            elif moment is not None and 1000 <= moment.year <= 9999:  # (`_article_path`, inline)
                article_url[aid] = (
                    f"{slug_path}/{moment.year}/{moment.month:02d}{moment.day:02d}/{aid}.html"
                )
            else:
                article_url[aid] = _article_path(slug_path, moment, aid)
            if sid in in_section:
                in_section[sid].append(index)
            else:
                in_section[sid] = [index]
            for ids in subtree_lists[sid]:
                ids.append(aid)
            for tag in card.tags:
                if tag in by_tag:
                    by_tag[tag].append(index)
                else:
                    by_tag[tag] = [index]
        self.in_section.update(in_section)

    def _index_from(self, prior: SiteView) -> bool:
        """The indexes of `_index`, made from the prior view's (same sections and base)
        when the articles are its articles in its order with new ones on top (at most
        `PATCH_NEW`), and every article read anew since keeps its time, section and tags:
        its positions move by the number of new ones, its lists are taken, and only the
        new articles are indexed. False (nothing made) otherwise. The lists are shared
        with the prior view: nothing changes them once made.
        `tests/publish/test_recorded.py` compares both ways."""
        order, cards, prior_cards = self.order, self.cards, prior.cards
        shift = len(order) - len(prior.order)
        if not 0 <= shift <= PATCH_NEW or order[shift:] != prior.order:
            return False
        edited = self._edited
        for aid in order[shift:]:
            card, old = cards[aid], prior_cards[aid]
            if card is not old:
                if (
                    card.publish_time != old.publish_time
                    or card.section_id != old.section_id
                    or card.tags != old.tags
                ):
                    return False
                edited.append(aid)
        self.article_url = dict(prior.article_url)
        if not shift:
            self.position = prior.position
            self.in_section, self.in_subtree = dict(prior.in_section), dict(prior.in_subtree)
            self.by_tag = dict(prior.by_tag)
            return True
        self.position = {aid: index for index, aid in enumerate(order)}
        # the new articles' entries (newest first) go in front of the lists they are in
        tree, article_url = self.tree, self.article_url
        sections: dict[int, list[int]] = {}
        subtrees: dict[int, list[int]] = {}
        tags: dict[str, list[int]] = {}
        for index in range(shift):
            aid = order[index]
            card = cards[aid]
            sid = card.section_id
            node = tree.nodes.get(sid)
            if node is None:
                continue
            article_url[aid] = _article_path(node.slug_path, card.publish_time, aid)
            sections.setdefault(sid, []).append(index)
            for ancestor in tree.ancestors(sid):
                subtrees.setdefault(ancestor.id, []).append(aid)
            for tag in card.tags:
                tags.setdefault(tag, []).append(index)
        in_section = {sid: [i + shift for i in ids] for sid, ids in prior.in_section.items()}
        by_tag = {tag: [i + shift for i in ids] for tag, ids in prior.by_tag.items()}
        subtree = dict(prior.in_subtree)
        for sid, ids in sections.items():
            in_section[sid] = ids + in_section.get(sid, [])
        for tag, ids in tags.items():
            by_tag[tag] = ids + by_tag.get(tag, [])
        for sid, ids in subtrees.items():
            subtree[sid] = ids + subtree[sid]
        self.in_section, self.in_subtree, self.by_tag = in_section, subtree, by_tag
        return True

    # ---- lists -------------------------------------------------------------------------

    def _hot_from(self, prior: SiteView) -> tuple | None:
        """The prior view's 热门排行 (and floors), when this view's indexes were made from
        it (`_index_from`) and they cannot differ: the same size; every article read anew
        keeps its hits, pin and exclusion; every new article is excluded, or unpinned with
        fewer hits than the last of a full ranking it would enter (`hot_floors`). Else
        None (ranked again)."""
        size = int(self.options.get("hot_size", 10))
        if size != int(prior.options.get("hot_size", 10)):
            return None
        cards, prior_cards = self.cards, prior.cards
        for aid in self._edited:
            card, old = cards[aid], prior_cards[aid]
            if (card.hits, card.hot_pin, card.hot_exclude) != (
                old.hits,
                old.hot_pin,
                old.hot_exclude,
            ):
                return None
        floors = prior.hot_floors
        for aid in self.order[: len(self.order) - len(prior.order)]:
            card = cards[aid]
            if card.hot_exclude:
                continue
            keys = [None, self.top_of[card.section_id]] if aid in self.article_url else [None]
            for key in keys:
                floor = floors.get(key)
                if card.hot_pin or floor is None or card.hits >= floor:
                    return None
        return prior.hot_site, prior.hot_by_top, floors

    def _hot_rankings(self) -> tuple[list[int], dict[int, list[int]], dict]:
        """热门排行 of the site and of each top-level section (`hot_ranking`), from one pass
        over the articles, and their floors (`_ranked`)."""
        site: tuple[list, list] = ([], [])  # (pinned, others), newest first
        tops: dict[int, tuple[list, list]] = {root.id: ([], []) for root in self.tree.roots}
        top_of, in_tree = self.top_of, self.article_url
        for aid in self.order:
            card = self.cards[aid]
            if card.hot_exclude:
                continue
            which = 0 if card.hot_pin else 1
            site[which].append(card)
            if aid in in_tree:
                tops[top_of[card.section_id]][which].append(card)
        floors: dict = {}
        site_ranking, floors[None] = self._ranked_with_floor(*site)
        by_top = {}
        for top, lists in tops.items():
            by_top[top], floors[top] = self._ranked_with_floor(*lists)
        return site_ranking, by_top, floors

    def hot_ranking(self, ids: list[int]) -> list[int]:
        """热门排行 of some articles (newest first): by hits, with editors' pins at their
        places and exclusions left out. (The site view makes its rankings in one pass,
        `_hot_rankings`; tests check them against this.)"""
        pinned, others = [], []
        for aid in ids:
            card = self.cards[aid]
            if card.hot_exclude:
                continue
            (pinned if card.hot_pin else others).append(card)
        return self._ranked(pinned, others)

    def _ranked(self, pinned: list[ArticleCard], others: list[ArticleCard]) -> list[int]:
        return self._ranked_with_floor(pinned, others)[0]

    def _ranked_with_floor(
        self, pinned: list[ArticleCard], others: list[ArticleCard]
    ) -> tuple[list[int], int | None]:
        """(the ranking, its floor): the hits of the last of the `hot_size` unpinned
        articles with the most hits when there are that many (None otherwise); an article
        with fewer hits would not enter it."""
        size = int(self.options.get("hot_size", 10))
        # the most hits first; of equal hits the newer (nlargest keeps the given order)
        most = heapq.nlargest(size, others, key=_hits)
        floor = most[-1].hits if most and len(most) == size else None
        ranked = [card.id for card in most]
        for card in sorted(pinned, key=lambda c: (c.hot_pin, self.position[c.id])):
            ranked.insert(min(card.hot_pin - 1, len(ranked)), card.id)
        return ranked[:size], floor

    def related(self, card: ArticleCard) -> list[int]:
        """相关新闻: editor's picks first, then same section and shared tags by recency.

        Remembered for the catalog's own cards: planning fingerprints the list and the
        article page shows it (forked render workers inherit what planning found; those
        of a full export, which plans only paths, find it themselves)."""
        if self.cards.get(card.id) is card:
            known = self._related.get(card.id)
            if known is None:
                known = self._related[card.id] = self._related_of(card)
            return known
        return self._related_of(card)

    def _related_of(self, card: ArticleCard) -> list[int]:
        size = int(self.options.get("related_size", 10))
        if not card.picks and not card.tags:  # only the section's newest, minus itself
            order = self.order
            plain = [order[i] for i in self.in_section.get(card.section_id, ())[: size + 1]]
            return [aid for aid in plain if aid != card.id][:size]
        chosen: list[int] = []
        seen = {card.id}
        for pick in card.picks:
            if pick in self.cards and pick not in seen:
                chosen.append(pick)
                seen.add(pick)
                if len(chosen) >= size:
                    return chosen
        # Each list is newest first; the first `wanted` of each are enough to fill the
        # list after skipping this article and the picks.
        wanted = size - len(chosen) + len(seen)
        merged = set(self.in_section.get(card.section_id, ())[:wanted])
        by_tag = self.by_tag
        for tag in card.tags:
            merged.update(by_tag.get(tag, ())[:wanted])
        order = self.order  # positions are distinct: the newest `wanted` of the union do
        newest = [order[index] for index in sorted(merged)[:wanted]]
        chosen += [aid for aid in newest if aid not in seen][: size - len(chosen)]
        return chosen

    def section_listing(self, section_id: int) -> list[int]:
        """A section's articles for its list pages: pinned first, then newest first."""
        ids = self.in_subtree.get(section_id, [])
        pinned = [aid for aid in ids if self.cards[aid].is_pinned]
        if not pinned:
            return ids
        rest = [aid for aid in ids if not self.cards[aid].is_pinned]
        return pinned + rest

    def section_pages(self, node: SectionNode) -> list[list[int]]:
        """The list pages of a section: article ids per page (at least one page)."""
        cached = self._pages.get(node.id)
        if cached is not None:
            return cached
        ids = self.section_listing(node.id)
        size = max(1, int(node.page_size or 20))
        pages = [ids[start : start + size] for start in range(0, len(ids), size)] or [[]]
        self._pages[node.id] = pages
        return pages

    def partner_of(self, card: ArticleCard | None, section_id: int):
        """The partner block shown with an article (its own, else its section's)."""
        partner_id = card.partner_id if card is not None and card.partner_id else None
        if partner_id is None:
            partner_id = self.tree.partner_id(section_id)
        return self.catalog.partners.get(partner_id) if partner_id else None

    # ---- keys --------------------------------------------------------------------------

    def _chrome_key(self) -> str:
        """Everything every page shows: settings, navigation, footer, theme, year."""
        site = sorted((k, str(v)) for k, v in self.site.items())
        sections = [n.fingerprint() for n in self.tree]
        partners = sorted(
            (p.id, p.name, tuple(p.units), p.contact, p.wechat, p.phone, p.email)
            for p in self.catalog.partners.values()
        )
        pages = [(p.slug, p.title, p.in_footer, p.position) for p in self.catalog.pages]
        return digest(
            site, sections, partners, pages, self.theme.version, RENDERER_VERSION, self.year
        )

    def card_key(self, aid: int) -> str:
        """What lists show of an article (title, link, summary, date, source)."""
        card = self.cards[aid]
        return f"{aid}:{card.title}:{self.article_url.get(aid)}:{card.summary}:{card.source}"

    def article_key(self, card: ArticleCard) -> str:
        """The inputs of an article page other than its body cache."""
        link_key = self.link_key
        related = ",".join([link_key[aid] for aid in self.related(card)])
        cover = self.asset_by_id.get(card.cover_id)
        return digest(
            self.chrome_key,
            card.version,
            card.title,
            card.reporters,
            card.photographers,
            card.source,
            card.source_url,
            card.editor,
            card.editor_affiliation,
            card.partner_id,
            cover.sha256 if cover else "",
            related,
            self.hot_keys.get(self.top_of.get(card.section_id)),
        )

    # ---- display values ----------------------------------------------------------------

    def date(self, moment: datetime | None) -> str:
        """A date as the theme shows it."""
        return moment.strftime(self.options.get("date_format", "%Y-%m-%d")) if moment else ""

    def item(self, aid: int) -> dict:
        """An article as a list entry."""
        card = self.cards[aid]
        return {
            "id": aid,
            "title": card.title,
            "url": self.article_url[aid],
            "summary": card.summary,
            "source": card.source,
            "date": self.date(card.publish_time),
            "iso_time": card.publish_time.isoformat() if card.publish_time else "",
            "cover": self.cover(card),
        }

    def cover(self, card: ArticleCard) -> dict | None:
        """An article's cover image as template values, or None."""
        asset = self.asset_by_id.get(card.cover_id) if card.cover_id else None
        if asset is None:
            return None
        return {
            "url": self.asset_path(asset.sha256),
            "alt": asset.alt or card.title,
            "width": asset.width,
            "height": asset.height,
        }

    def asset_path(self, sha: str) -> str | None:
        """The bundle path of a stored image (by full or leading part of its SHA-256)."""
        asset = self.catalog.assets.get(sha)
        if asset is None and len(sha) < 64:
            asset = next((a for s, a in self.catalog.assets.items() if s.startswith(sha)), None)
        if asset is None or asset_file_name(asset).endswith(".bin"):
            return None  # an old stored SVG/HTML "image" is never served
        return f"assets/{asset_file_name(asset)}"

    def byline(self, card: ArticleCard) -> str:
        """(成都日报锦观新闻记者 黄雪松 摄影 魏麟潇) without the brackets."""
        parts = []
        if card.reporters:
            affiliation = card.reporters[0][1]
            names = " ".join(name for name, _ in card.reporters)
            parts.append(f"{affiliation}{self.labels.get('reporter', '')} {names}")
        if card.photographers:
            parts.append(f"{self.labels.get('photographer', '')} {' '.join(card.photographers)}")
        return " ".join(parts)

    def editor_credit(self, card: ArticleCard) -> str:
        """The 责编 name."""
        return card.editor

    def crumbs(self, section_id: int, *, link_last: bool = True) -> list[dict]:
        """The breadcrumb: the section's chain from the top level, each with its link."""
        chain = self.tree.ancestors(section_id)
        return [
            {
                "name": node.name,
                "url": self.section_url[node.id] if link_last or node.id != section_id else "",
            }
            for node in chain
        ]

    def canonical(self, path: str) -> str:
        """The absolute address of a bundle path ("" without a base URL)."""
        return f"{self.base_url}{path}" if self.base_url else ""

    def copyright(self) -> str:
        """The footer's copyright line: the site's own line (site settings, `copyright_line`
        in `settings`) or the theme's Chinese default (“© 2006–2026 儒经网”); see `_fill`."""
        settings = self.site.get("settings")
        own = settings.get("copyright_line") if isinstance(settings, dict) else ""
        return self._fill(
            str(own or "").strip() or self.labels.get("copyright", "© {years} {name}")
        )

    def rights_notice(self) -> str:
        """The footer's rights notice: the site's own, or the theme's Chinese default
        (“儒经网版权所有，未经书面授权禁止使用”)."""
        own = (self.site.get("rights_notice") or "").strip()
        return own or self._fill(self.labels.get("rights_notice", ""))

    def _fill(self, template: str) -> str:
        """`template` with {years} (“2006–2026” from the founding year, one year when the
        site was founded this year or its founding year is not set), {start}, {end}, {name}
        and {domain} filled in; other braces are kept as written."""
        end = self.year
        founded = self.site.get("founded_year")
        start = founded if founded and founded <= end else end
        host = urlparse(self.base_url).hostname if self.base_url else ""
        domain = host or self.site.get("domain") or self.site.get("name") or ""
        values = {
            "years": f"{start}–{end}" if start != end else str(end),
            "start": start,
            "end": end,
            "name": self.site.get("name") or domain,
            "domain": domain,
        }
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):
            return template


def asset_file_name(asset) -> str:
    """The file name of a stored image in the bundle (same rule as MediaService.file_name)."""
    from editor.content.media import MediaService

    return MediaService.file_name(asset)
