"""The part of the site one article page shows, read with a few bounded queries.

The export reads the whole visible site once (`catalog.load_catalog`) because it renders
every page. An editor previewing one article needs far less: the settings, the section
tree, partners and footer pages (the "frame" every page shares), and the few articles its
lists can show:

* 相关新闻: the editor's picks (when visible), then the newest visible articles of the same
  section and of each of its tags. `SiteView.related` takes at most `related_size + 1` from
  each of those newest-first lists (one more for the article itself), so reading that
  many of each is enough for the same list as the export's.
* 热门排行 of its top-level section: the `hot_size` visible, not excluded, unpinned
  articles of that subtree with the most hits (ties: newest first, as the export), plus
  every visible pinned one (`SiteView.hot_ranking` places pins).

`load_site_frame()` costs four queries; `load_article_slice()` at most seven, whatever the
number of articles. The result is an ordinary `Catalog` whose `articles` hold only these
cards (newest first, with tags; credits and picks are left out: the lists show titles and
links only) and whose `assets` hold only the images the article shows: a `SiteView` over
it gives the article's page exactly as the export renders it, and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime

from peewee import JOIN, Select, fn

from editor.content.catalog import (
    CARD_SELECT,
    ArticleCard,
    AssetInfo,
    Catalog,
    _chunks,
    _rows,
    card_from_row,
    card_row_type,
    load_site_frame,  # noqa: F401  (part of this module's interface: see the docstring)
    visible_clause,
)
from editor.store.models import (
    Article,
    ArticleTag,
    Asset,
    Person,
    Source,
    Tag,
    active_database,
    is_sqlite,
)


def load_article_slice(
    frame: Catalog,
    *,
    section_id: int,
    tags: Sequence[str] = (),
    picks: Sequence[int] = (),
    cover_id: int | None = None,
    asset_refs: Iterable[str] = (),
    related_size: int = 10,
    hot_size: int = 10,
) -> Catalog:
    """`frame` with the cards and images one article page of `section_id` shows (see the
    module docstring): at most seven queries."""
    moment = frame.moment
    visible = visible_clause(moment)
    wanted = max(0, related_size) + 1
    ids: set[int] = {int(pick) for pick in picks}
    newest = (
        Article.select(Article.id)
        .where((Article.section == section_id) & visible)
        .order_by(Article.publish_time.desc(), Article.id.desc())
        .limit(wanted)
    )
    ids.update(row[0] for row in _rows(newest))
    names = sorted({tag for tag in tags if tag})
    if names:
        ids.update(_newest_with_tags(names, visible, wanted))
    top = frame.tree.ancestors(section_id)[0].id if section_id in frame.tree.nodes else None
    if top is not None and hot_size > 0:
        subtree = list(frame.tree.descendant_ids(top))
        in_top = Article.section.in_(subtree) & visible & (Article.hot_exclude == False)  # noqa: E712
        unpinned = (
            Article.select(Article.id)
            .where(in_top & (Article.hot_pin.is_null() | (Article.hot_pin == 0)))
            .order_by(Article.hits.desc(), Article.publish_time.desc(), Article.id.desc())
            .limit(hot_size)
        )
        # Pinned articles are few: find them through the partial index of pins, then keep
        # those of this top-level section (instead of reading every row of the section).
        pins = Article.select(Article.id).where(
            Article.hot_pin.is_null(False) & (Article.hot_pin != 0)
        )
        pinned = Article.select(Article.id).where(Article.id.in_(pins) & in_top)
        ids.update(row[0] for row in _rows(unpinned))
        ids.update(row[0] for row in _rows(pinned))
    cards = load_slice_cards(moment, ids)
    assets = load_slice_assets(cover_id, asset_refs)
    return replace(frame, articles=cards, assets=assets)


def _newest_with_tags(names: list[str], visible, wanted: int) -> list[int]:
    """Ids of the `wanted` newest visible articles of each tag (one query)."""
    place = fn.ROW_NUMBER().over(
        partition_by=[ArticleTag.tag],
        order_by=[Article.publish_time.desc(), Article.id.desc()],
    )
    ranked = (
        ArticleTag.select(ArticleTag.article.alias("aid"), place.alias("place"))
        .join(Tag, on=(ArticleTag.tag == Tag.id))
        .switch(ArticleTag)
        .join(Article, on=(ArticleTag.article == Article.id))
        .where(Tag.name.in_(names) & visible)
    ).alias("ranked")
    query = Select([ranked], [ranked.c.aid]).where(ranked.c.place <= wanted)
    return [row[0] for row in _rows(query)]


def load_slice_cards(moment: datetime, ids: Iterable[int]) -> dict[int, ArticleCard]:
    """The visible ones of the given articles as cards, newest first, with their 来源,
    责编 and tags (two queries per 900 ids); credits and picks stay empty."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    editor = Person.alias()
    query = (
        Article.select(
            *CARD_SELECT,
            Source.name,
            Source.url,
            editor.name,
            editor.affiliation,
            Article.updated_at,
            Article.version,
        )
        .join(Source, JOIN.LEFT_OUTER, on=(Article.source == Source.id))
        .switch(Article)
        .join(editor, JOIN.LEFT_OUTER, on=(Article.responsible_editor == editor.id))
    )
    rows = []
    for chunk in _chunks(wanted):
        rows.extend(_rows(query.where(Article.id.in_(chunk) & visible_clause(moment))))
    named = card_row_type(
        "source", "source_home", "editor", "editor_affiliation", "updated_at", "version"
    )
    cards = {}
    for row in map(named._make, rows):
        cards[row.id] = card_from_row(
            row, source=(row.source, row.source_home), editor=(row.editor, row.editor_affiliation)
        )
    if not cards:
        return cards
    found = sorted(cards)
    for chunk in _chunks(found):
        tag_rows = _rows(
            ArticleTag.select(ArticleTag.article, Tag.name)
            .join(Tag, on=(ArticleTag.tag == Tag.id))
            .where(ArticleTag.article.in_(chunk))
            .order_by(ArticleTag.article, ArticleTag.position)
        )
        for aid, name in tag_rows:
            cards[aid].tags.append(name)
    oldest = datetime.min
    order = sorted(cards.values(), key=lambda c: (c.publish_time or oldest, c.id), reverse=True)
    return {card.id: card for card in order}


def load_slice_assets(cover_id: int | None, refs: Iterable[str]) -> dict[str, AssetInfo]:
    """Metadata of the cover and of the images named (by SHA-256 or a leading part of it)
    in a body, by SHA-256 (one query, none without images)."""
    refs = sorted({ref.lower() for ref in refs if ref})
    condition = None
    if cover_id:
        condition = Asset.id == cover_id
    for ref in refs:
        match = Asset.sha256 == ref if len(ref) >= 64 else Asset.sha256.startswith(ref)
        condition = match if condition is None else condition | match
    if condition is None:
        return {}
    query = Asset.select(
        Asset.id,
        Asset.sha256,
        Asset.original_name,
        Asset.mime,
        Asset.width,
        Asset.height,
        Asset.alt,
    ).where(condition)
    return {row[1]: AssetInfo(*row) for row in _rows(query)}


def release_read_cache() -> None:
    """Give back the memory of pages this connection cached while reading (SQLite).

    A preview reads every article row of one top-level section to find its pinned ones
    (there is no index for pins): tens of megabytes of pages on a large site that the next
    preview, likely of another section, does not reuse. Dropping them keeps an editor's
    memory flat; the pages stay in the operating system's file cache."""
    db = active_database()
    if is_sqlite(db):
        db.execute_sql("PRAGMA shrink_memory")
