"""Bulk reads for publishing: the whole visible site in a handful of queries.

The publisher never asks for one article at a time. `load_catalog()` reads the settings, the
section tree, partners, static pages and every *visible* article (status published, publish
time not in the future) with its credits, tags and editor's picks, in a fixed number of
queries whatever the size of the site. Bodies and image bytes are large, so they are read
separately and only for the pages that must be rendered (`load_bodies`, `load_asset_data`).
The export state (per output path: fingerprint and bytes' hash) lives here too.
"""

from __future__ import annotations

import hashlib
import operator
import pickle
from collections import namedtuple
from collections.abc import Callable, Iterable, Sequence
from dataclasses import MISSING, dataclass, field, fields
from datetime import datetime

from peewee import Case, Value

from editor.content.article_fields import CARD_COLUMNS, CLEANERS, stored_time
from editor.content.sections import SectionService, SectionTree, public_tree
from editor.content.site import EDITABLE as SITE_EDITABLE
from editor.content.site_stamp import export_state_entry  # noqa: F401 (the export's name)
from editor.store.models import (
    Article,
    ArticlePerson,
    ArticleTag,
    Asset,
    ExportState,
    Page,
    Partner,
    Person,
    RelatedPick,
    Site,
    Source,
    Tag,
    active_database,
    is_sqlite,
    now,
    precise_now,
)

CHUNK = 900  # ids per IN (...) list: under every SQLite build's variable limit


@dataclass(slots=True)
class ArticleCard:
    """What any page needs to know about a visible article, except its body.

    The attributes read from the article's own columns are those of the field table
    (`editor.content.article_fields.CARD_COLUMNS`); a test checks that each has its
    attribute here. The rest come from 来源, the people list, credits, tags and picks."""

    id: int
    section_id: int
    title: str
    subtitle: str
    summary: str
    publish_time: datetime
    updated_at: datetime | None
    hits: int
    hot_pin: int | None
    hot_exclude: bool
    is_headline: bool
    is_featured: bool
    is_slideshow: bool
    is_pinned: bool
    source: str
    source_home: str
    source_url: str
    editor: str
    editor_affiliation: str
    partner_id: int | None
    cover_id: int | None
    version: int
    body_html_key: str
    has_assets: bool
    reporters: list[tuple[str, str]] = field(default_factory=list)  # (name, affiliation)
    photographers: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    picks: list[int] = field(default_factory=list)
    original_title: str = ""


# The article columns of a card query, named as the card's attributes: id, the field table's
# card columns, then what a query adds (its 来源 and 责编, see `card_from_row`), and last
# `updated_at` and `version` (what a save changes even when no list shows it).
CARD_SELECT = (Article.id, *(getattr(Article, c.column) for c in CARD_COLUMNS))
CARD_NAMES = ("id", *(c.attribute for c in CARD_COLUMNS))
# What a card holds besides the field table's columns, as expressions over the named row and
# the builder's arguments.
_CARD_REST = {
    "id": "row.id",
    "updated_at": "stored_time(row.updated_at)",
    "version": "row.version",
    "source": "source[0] or ''",
    "source_home": "source[1] or ''",
    "editor": "editor[0] or ''",
    "editor_affiliation": "editor[1] or ''",
    "body_html_key": "''",
    "has_assets": "has_assets",
}


def _card_builder() -> Callable[..., ArticleCard]:
    """Compile `card_from_row` from the field table, as dataclasses compile `__init__`: one
    call builds a card, with no loop over its columns, so tens of thousands of cards cost
    what the hand-written unpacking did. A card column of the table without its attribute,
    or a card attribute without a default that nothing fills, is an error here, at import."""
    columns = {column.attribute: column for column in CARD_COLUMNS}
    unknown = set(columns) - {attribute.name for attribute in fields(ArticleCard)}
    if unknown:
        raise TypeError(f"ArticleCard has no attribute for {', '.join(sorted(unknown))}")
    positional, keywords = [], []
    for attribute in fields(ArticleCard):
        name = attribute.name
        if name in columns:
            template = CLEANERS[columns[name].clean][1]
            expression = template.format(f"row.{name}")
        elif name in _CARD_REST:
            expression = _CARD_REST[name]
        elif attribute.default is MISSING and attribute.default_factory is MISSING:
            raise TypeError(f"nothing fills the card attribute {name}")
        else:
            continue  # a list filled later (credits, tags, picks)
        if keywords or attribute.default is not MISSING:
            keywords.append(f"{name}={expression}")
        else:
            positional.append(expression)
    source = (
        "def card_from_row(row, *, source=('', ''), editor=('', ''), has_assets=False):\n"
        f"    return ArticleCard({', '.join([*positional, *keywords])})\n"
    )
    namespace = {"ArticleCard": ArticleCard, "stored_time": stored_time}
    exec(compile(source, "<article card builder>", "exec"), namespace)
    builder = namespace["card_from_row"]
    builder.__doc__ = (
        "A card from a named row (`card_row_type`, with `updated_at` and `version`): the "
        "columns cleaned as the field table says; `source` is (name, home page), `editor` "
        "(name, affiliation)."
    )
    builder.source = source
    return builder


def card_row_type(*extra: str) -> type:
    """A named-row class for the columns `CARD_SELECT` followed by `extra` names."""
    return namedtuple("CardRow", (*CARD_NAMES, *extra))


card_from_row = _card_builder()


@dataclass(slots=True)
class PartnerInfo:
    """A partner block's values."""

    id: int
    name: str
    units: list[str]
    contact: str
    wechat: str
    phone: str
    email: str


@dataclass(slots=True)
class PageInfo:
    """A static page (关于, 意见反馈, 联系我们)."""

    slug: str
    title: str
    body: str
    position: int
    in_footer: bool
    updated_at: datetime | None


@dataclass(slots=True)
class AssetInfo:
    """A stored image's metadata (the bytes are read on demand)."""

    id: int
    sha256: str
    original_name: str
    mime: str
    width: int | None
    height: int | None
    alt: str


@dataclass
class Catalog:
    """The visible site at one moment."""

    moment: datetime
    site: dict
    tree: SectionTree
    partners: dict[int, PartnerInfo]
    pages: list[PageInfo]
    articles: dict[int, ArticleCard]  # newest first
    assets: dict[str, AssetInfo]  # by sha256
    signature: str = ""  # changes whenever anything read here changes
    # the same, except for articles' versions and update times: unchanged when the only
    # edits were to what no page but the article's own shows (its body, say)
    list_signature: str = ""
    # settings, sections, partners, static pages and stored images: what any page may
    # show besides articles (an article's own change raises its version)
    frame_signature: str = ""
    # the 来源 outlets, people and tags the cards name, by id: {"sources": {id: (name, home
    # page)}, "people": {id: (name, affiliation)}, "tags": {id: name}}
    names: dict = field(default_factory=dict)

    def asset_by_id(self) -> dict[int, AssetInfo]:
        """The stored images by id."""
        return {asset.id: asset for asset in self.assets.values()}


SITE_FIELDS = SITE_EDITABLE  # every setting a page may show


def visible_clause(moment: datetime):
    """The articles readers may see at `moment`."""
    return (Article.status == "published") & (Article.publish_time <= moment)


def load_site() -> dict:
    """Site settings as a plain dict."""
    site = Site.select().order_by(Site.id).first() or Site()
    return {name: getattr(site, name) for name in SITE_FIELDS}


def load_site_frame(moment: datetime) -> Catalog:
    """Settings, section tree, partners and static pages, without articles or images
    (four queries)."""
    partners = {
        p.id: PartnerInfo(p.id, p.name, list(p.units or []), p.contact, p.wechat, p.phone, p.email)
        for p in Partner.select()
    }
    pages = [
        PageInfo(p.slug, p.title, p.body, p.position, p.in_footer, p.updated_at)
        for p in Page.select().order_by(Page.position, Page.id)
    ]
    return Catalog(moment, load_site(), SectionService().tree(), partners, pages, {}, {})


def load_catalog(moment: datetime | None = None, *, with_articles: bool = True) -> Catalog:
    """Everything the publisher needs except bodies, in at most nine queries."""
    moment = moment or now()
    frame = load_site_frame(moment)
    site, partners, pages = frame.site, frame.partners, frame.pages
    tree = public_tree(frame.tree)  # no 待分类: its articles are never published
    assets = {
        a[1]: AssetInfo(*a)
        for a in Asset.select(
            Asset.id,
            Asset.sha256,
            Asset.original_name,
            Asset.mime,
            Asset.width,
            Asset.height,
            Asset.alt,
        ).tuples()
    }
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(
        repr(
            (
                sorted(site.items(), key=lambda kv: kv[0]),
                [n.fingerprint() for n in tree.nodes.values()],
                list(partners.values()),
                pages,
                sorted(assets),
            )
        ).encode()
    )
    list_hasher = hasher.copy()
    frame_signature = hasher.hexdigest()
    names: dict = {}
    articles = (
        load_cards(
            moment,
            hasher=hasher,
            asset_refs=bool(assets),
            list_hasher=list_hasher,
            names=names,
        )
        if with_articles
        else {}
    )
    if len(tree.nodes) < len(frame.tree.nodes):  # nothing of 待分类 in lists or feeds
        articles = {aid: card for aid, card in articles.items() if card.section_id in tree.nodes}
    return Catalog(
        moment,
        site,
        tree,
        partners,
        pages,
        articles,
        assets,
        hasher.hexdigest(),
        list_hasher.hexdigest(),
        frame_signature,
        names,
    )


_BY_TIME_AND_ID = operator.attrgetter("publish_time", "id")


def newest_first(cards: Iterable[ArticleCard]) -> list[ArticleCard]:
    """Cards by publish time and id, newest first (cards without a time last)."""
    cards = list(cards)
    try:  # (visible articles all have a time: the key is read without a Python call)
        return sorted(cards, key=_BY_TIME_AND_ID, reverse=True)
    except TypeError:  # some have no time: compared with a time, it raised
        oldest = datetime.min
        return sorted(cards, key=lambda c: (c.publish_time or oldest, c.id), reverse=True)


def load_cards(
    moment: datetime,
    ids: Sequence[int] | None = None,
    hasher=None,
    *,
    asset_refs: bool = True,
    list_hasher=None,
    names: dict | None = None,
) -> dict[int, ArticleCard]:
    """Visible articles (or the given ids, visible or not), newest first, with credits,
    tags and picks: seven queries whatever the number of articles. `hasher` (a hashlib
    object), when given, is fed every row read; `list_hasher` every row except the articles'
    `version` and `updated_at` (what saving a new body changes); `names`, when given, is
    filled with the 来源 outlets, people and tags read (see `Catalog.names`). `asset_refs=False` (a site without stored
    images) skips looking into bodies for `asset:` references. `body_html_key` is left
    empty: the body cache is checked where bodies are read (`load_bodies`).

    Articles are read in table order and sorted here: walking the publish-time index would
    visit the rows, each with its long body, in random order."""
    has_assets = (
        Case(None, [(Article.body.contains("asset:"), True)], False) if asset_refs else Value(False)
    )
    query = Article.select(
        *CARD_SELECT,
        Article.source,
        Article.responsible_editor,
        has_assets,
        Article.updated_at,  # last two: what a save changes even when no list shows it
        Article.version,
    ).order_by(Article.id)
    if ids is not None:
        rows = []
        for chunk in _chunks(list(ids)):
            rows.extend(_rows(query.where(Article.id.in_(chunk))))
    else:
        rows = _rows(query.where(visible_clause(moment)))
    sources = {
        sid: (name, url)
        for sid, name, url in _rows(Source.select(Source.id, Source.name, Source.url))
    }
    people = {
        pid: (name, affiliation or "")
        for pid, name, affiliation in _rows(
            Person.select(Person.id, Person.name, Person.affiliation)
        )
    }
    nobody = ("", "")
    hashers = [h for h in (hasher, list_hasher) if h is not None]

    def feed(value) -> None:
        if hashers:
            data = pickle.dumps(value, 5)
            for each in hashers:
                each.update(data)

    if hashers:  # (pickled: several times faster than repr for 10,000s of rows)
        lists = ([r[:-2] for r in rows], sorted(sources.items()), sorted(people.items()))
        feed(lists)
        if hasher is not None:
            hasher.update(pickle.dumps([r[-2:] for r in rows], 5))
    if names is not None:
        names.update(sources=sources, people=people)
    named = card_row_type("source_id", "editor_id", "has_assets", "updated_at", "version")
    cards: dict[int, ArticleCard] = {}
    for row in map(named._make, rows):
        cards[row.id] = card_from_row(
            row,
            source=sources.get(row.source_id, nobody) if row.source_id else nobody,
            editor=people.get(row.editor_id, nobody) if row.editor_id else nobody,
            has_assets=bool(row.has_assets),
        )
    if not cards:
        return cards
    cards = {card.id: card for card in newest_first(cards.values())}
    # Credits, tags and picks are read whole (or by id) and matched here: joining the
    # article table to filter would read every article row, bodies included, again.
    subset = list(cards) if ids is not None else None
    credits = ArticlePerson.select(
        ArticlePerson.article, ArticlePerson.role, ArticlePerson.person
    ).order_by(ArticlePerson.article, ArticlePerson.role, ArticlePerson.position)
    credit_rows = _rows_for(credits, ArticlePerson.article, subset)
    feed(credit_rows)
    for aid, role, person_id in credit_rows:
        card = cards.get(aid)
        if card is None:
            continue
        name, affiliation = people.get(person_id, nobody)
        if role == "reporter":
            card.reporters.append((name, affiliation))
        elif role == "photographer":
            card.photographers.append(name)
    tag_names = dict(_rows(Tag.select(Tag.id, Tag.name)))
    tags = ArticleTag.select(ArticleTag.article, ArticleTag.tag).order_by(
        ArticleTag.article, ArticleTag.position
    )
    tag_rows = _rows_for(tags, ArticleTag.article, subset)
    feed((tag_rows, sorted(tag_names.items())))
    if names is not None:
        names["tags"] = tag_names
    for aid, tag_id in tag_rows:
        card = cards.get(aid)
        if card is not None and tag_id in tag_names:
            card.tags.append(tag_names[tag_id])
    picks = RelatedPick.select(RelatedPick.article, RelatedPick.related).order_by(
        RelatedPick.article, RelatedPick.position
    )
    pick_rows = _rows_for(picks, RelatedPick.article, subset)
    feed(pick_rows)
    for aid, related in pick_rows:
        card = cards.get(aid)
        if card is not None:
            card.picks.append(related)
    return cards


def _rows(query) -> list[tuple]:
    """All rows of a query as raw tuples: no per-value conversion (several times faster
    than `.tuples()` for tens of thousands of rows; times are converted by the caller).
    Run on the database the models are bound to, as the services' queries are."""
    return active_database().execute(query).fetchall()


def _rows_for(query, column, ids: list | None) -> list[tuple]:
    """Rows of a query, restricted to some values of `column` (article ids, paths) when
    given (in chunks)."""
    if ids is None:
        return _rows(query)
    rows: list[tuple] = []
    for chunk in _chunks(ids):
        rows.extend(_rows(query.where(column.in_(chunk))))
    return rows


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    ids = list(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def load_bodies(ids: Iterable[int]) -> dict[int, tuple[str, str, str]]:
    """(body, body_html, body_html_key) of the given articles, one query per 900 ids."""
    result: dict[int, tuple[str, str, str]] = {}
    for chunk in _chunks(sorted(set(ids))):
        query = Article.select(
            Article.id, Article.body, Article.body_html, Article.body_html_key
        ).where(Article.id.in_(chunk))
        for aid, body, html, key in query.tuples():
            result[aid] = (body or "", html or "", key or "")
    return result


def load_asset_data(shas: Iterable[str]) -> dict[str, bytes]:
    """The bytes of the given stored images, by SHA-256."""
    result: dict[str, bytes] = {}
    wanted = sorted(set(shas))
    for start in range(0, len(wanted), CHUNK):
        query = Asset.select(Asset.sha256, Asset.data).where(
            Asset.sha256.in_(wanted[start : start + CHUNK])
        )
        for sha, data in query.tuples():
            result[sha] = bytes(data)
    return result


def store_rendered_bodies(rendered: Iterable[tuple[int, str, str]]) -> int:
    """Keep many rendered bodies as the articles' cache (no version bump), in one
    transaction: one prepared UPDATE on SQLite, one UPDATE per 200 articles elsewhere."""
    rows = list(rendered)
    bound = active_database()
    with bound.atomic():
        if is_sqlite(bound):  # one prepared statement: ten times quicker than CASE lists
            table = Article._meta.table_name
            bound.cursor().executemany(
                f'UPDATE "{table}" SET body_html = ?, body_html_key = ? WHERE id = ?',
                [(html, key, aid) for aid, html, key in rows],
            )
            return len(rows)
        for start in range(0, len(rows), 200):
            chunk = rows[start : start + 200]
            ids = [aid for aid, _html, _key in chunk]
            Article.update(
                body_html=Case(Article.id, [(aid, html) for aid, html, _key in chunk]),
                body_html_key=Case(Article.id, [(aid, key) for aid, _html, key in chunk]),
            ).where(Article.id.in_(ids)).execute()
    return len(rows)


# ---- export state -----------------------------------------------------------------------


def load_export_state(out_dir: str) -> dict[str, tuple[str, str, int]]:
    """path -> (fingerprint, sha256, size) of the last export into `out_dir`."""
    query = ExportState.select(
        ExportState.path, ExportState.fingerprint, ExportState.sha256, ExportState.size
    ).where(ExportState.out_dir == out_dir)
    return {path: (fp, sha, size) for path, fp, sha, size in _rows(query)}


def save_export_state(
    out_dir: str,
    changed: Sequence[tuple[str, str, str, int]],
    removed: Sequence[str],
    *,
    replace_all: bool = False,
) -> None:
    """Record (path, fingerprint, sha256, size) rows and forget removed paths.

    A row's time says when its bytes were recorded: a path written again with the same
    bytes keeps the time it had (the publish log looks at pages recorded since its last
    entry: after a full export that changed nothing, that is nothing)."""
    moment = precise_now()  # the publish log compares it with its own time
    with active_database().atomic():
        unchanged = _unchanged_times(out_dir, changed, whole=replace_all)
        if replace_all:
            ExportState.delete().where(ExportState.out_dir == out_dir).execute()
        else:
            for chunk_start in range(0, len(removed), CHUNK):
                chunk = list(removed[chunk_start : chunk_start + CHUNK])
                ExportState.delete().where(
                    (ExportState.out_dir == out_dir) & (ExportState.path.in_(chunk))
                ).execute()
            paths = [row[0] for row in changed]
            for chunk_start in range(0, len(paths), CHUNK):
                chunk = paths[chunk_start : chunk_start + CHUNK]
                ExportState.delete().where(
                    (ExportState.out_dir == out_dir) & (ExportState.path.in_(chunk))
                ).execute()
        stamp = ExportState.exported_at.db_value(moment)
        rows = [
            (out_dir, path, fp, sha, size, unchanged.get(path, stamp))
            for path, fp, sha, size in changed
        ]
        bound = active_database()
        if is_sqlite(bound):  # one prepared statement: building the SQL costs more here
            columns = ("out_dir", "path", "fingerprint", "sha256", "size", "exported_at")
            bound.cursor().executemany(
                f'INSERT INTO "{ExportState._meta.table_name}" ({", ".join(columns)}) '
                f"VALUES ({', '.join('?' * len(columns))})",
                rows,
            )
            return
        fields = [
            ExportState.out_dir,
            ExportState.path,
            ExportState.fingerprint,
            ExportState.sha256,
            ExportState.size,
            ExportState.exported_at,
        ]
        for start in range(0, len(rows), 150):
            ExportState.insert_many(rows[start : start + 150], fields=fields).execute()


def _unchanged_times(
    out_dir: str, changed: Sequence[tuple[str, str, str, int]], *, whole: bool
) -> dict[str, object]:
    """path -> recorded time (as stored) of the rows about to be recorded again with the
    bytes' hash they have now."""
    if not changed:
        return {}
    query = ExportState.select(ExportState.path, ExportState.sha256, ExportState.exported_at).where(
        ExportState.out_dir == out_dir
    )
    new = {path: sha for path, _fingerprint, sha, _size in changed}
    rows = _rows_for(query, ExportState.path, None if whole else list(new))
    return {path: at for path, sha, at in rows if new.get(path) == sha}


def forget_export_state(out_dir: str) -> None:
    """Drop everything known about exports into `out_dir`."""
    ExportState.delete().where(ExportState.out_dir == out_dir).execute()


def affiliations(names: Sequence[str]) -> dict[str, str]:
    """name -> affiliation of the given people (one query)."""
    names = [n for n in names if n]
    if not names:
        return {}
    query = Person.select(Person.name, Person.affiliation).where(Person.name.in_(names))
    return {name: affiliation or "" for name, affiliation in query.tuples()}


def source_home(name: str) -> str:
    """The home page recorded for a 来源 outlet ("" when unknown)."""
    if not name:
        return ""
    row = Source.select(Source.url).where(Source.name == name).tuples().first()
    return (row[0] if row else "") or ""


def export_state_count(out_dir: str) -> int:
    """How many outputs the last export into `out_dir` recorded."""
    return ExportState.select().where(ExportState.out_dir == out_dir).count()


def visible_count(moment: datetime) -> int:
    """How many articles readers may see at `moment` (one query)."""
    return Article.select().where(visible_clause(moment)).count()
