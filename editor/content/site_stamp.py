"""A cheap fingerprint of everything an export reads from the database: the "has anything
changed since the last export?" question answered in a few small queries, before anything
heavy is loaded.

What it covers, and why that is enough:
- The small tables the pages show are read whole: site settings, sections, partners,
  static pages, 来源 outlets, people, tags, stored images (their metadata, never the bytes).
- Articles are summed: count, the sum of ids and of versions, the newest update time. Every
  save of an article (its fields, credits, tags, picks, status, hits) raises its `version`;
  a deletion lowers the count, an insertion raises it. The writes that change an article's
  row or lists without a save (a section deleted, a person or partner removed) change one
  of the small tables above in the same transaction. The rendered-body cache is not read.
- The visible articles at the export's moment are counted: a scheduled article whose time
  has come changes the count without any write.
- The review record (sign-offs, snapshots) is counted: the checks run before an export
  read it.

A check of the publish stage that reads another table must add that table here.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from peewee import fn

from editor.store.models import (
    Article,
    ArticleSnapshot,
    Asset,
    ExportState,
    Page,
    Partner,
    Person,
    Section,
    Signoff,
    Site,
    Source,
    Tag,
    active_database,
)

FRAME_QUERIES = 8  # the small tables' queries, before the one over the articles


def _rows(query: Any) -> list[tuple]:
    return active_database().execute(query).fetchall()


def _scalar(query: Any) -> Any:
    """A one-value subquery (one round trip for several counts)."""
    return query.limit(1)


@dataclass(frozen=True)
class SiteStamp:
    """A site's change stamp: `frame` covers the small tables (and the year), `articles` the
    sums over the articles and the review record; `templates` is the site's own templates
    folder ("" for none)."""

    frame: str
    articles: str
    templates: str

    @property
    def key(self) -> str:
        """The whole stamp as one string."""
        return f"{self.frame}{self.articles}"


def change_stamp(moment: datetime, *, articles: bool = True) -> SiteStamp:
    """The change stamp of the exportable site at `moment` (see the module docstring), in
    nine queries; without `articles`, only its frame (eight small ones: the sums over the
    articles are most of its time on a big site), with `articles` ""."""
    frame = hashlib.blake2b(digest_size=16)
    asset_columns = [
        Asset.id,
        Asset.sha256,
        Asset.original_name,
        Asset.mime,
        Asset.width,
        Asset.height,
        Asset.alt,
    ]
    queries = [
        Site.select().order_by(Site.id),
        Section.select().order_by(Section.id),
        Partner.select().order_by(Partner.id),
        Page.select().order_by(Page.id),
        Source.select(Source.id, Source.name, Source.url).order_by(Source.id),
        Person.select(Person.id, Person.name, Person.affiliation).order_by(Person.id),
        Tag.select(Tag.id, Tag.name).order_by(Tag.id),
        Asset.select(*asset_columns).order_by(Asset.id),
        Article.select(
            fn.COUNT(Article.id),
            fn.SUM(Article.id),
            fn.SUM(Article.version),
            fn.MAX(Article.updated_at),
            _scalar(
                Article.select(fn.COUNT(Article.id)).where(
                    (Article.status == "published") & (Article.publish_time <= moment)
                )
            ),
            _scalar(Signoff.select(fn.COUNT(Signoff.id))),
            _scalar(Signoff.select(fn.MAX(Signoff.id))),
            _scalar(ArticleSnapshot.select(fn.MAX(ArticleSnapshot.id))),
        ),
    ]
    if not articles:
        queries.pop()
    templates = ""
    summed = ""
    for number, query in enumerate(queries):
        rows = _rows(query)
        if number == 0 and rows:
            templates = rows[0][[f.name for f in Site._meta.sorted_fields].index("templates_dir")]
        data = pickle.dumps([tuple(str(value) for value in row) for row in rows], 5)
        if number == FRAME_QUERIES:  # (the sums over the articles)
            summed = hashlib.blake2b(data, digest_size=16).hexdigest()
        else:
            frame.update(data)
    frame.update(str(moment.year).encode())
    return SiteStamp(frame.hexdigest(), summed, templates or "")


def export_state_entry(out_dir: str, path: str) -> tuple[str, str, int] | None:
    """(fingerprint, sha256, size) recorded for one output path, or None."""
    query = ExportState.select(ExportState.fingerprint, ExportState.sha256, ExportState.size).where(
        (ExportState.out_dir == out_dir) & (ExportState.path == path)
    )
    rows = _rows(query)
    return tuple(rows[0]) if rows else None


def visible_versions(moment: datetime) -> dict[int, int]:
    """Article id -> version of every article readers may see at `moment` (one query)."""
    query = Article.select(Article.id, Article.version).where(
        (Article.status == "published") & (Article.publish_time <= moment)
    )
    return dict(_rows(query))
