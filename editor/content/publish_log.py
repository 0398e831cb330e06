"""The publish log: after each export, one append-only row per article page whose bytes
changed (or that was never logged for that folder): the content hash its 终审 signed (empty
for an article published without review in 关闭 mode), its version, the page's path and
address, and the sha256 of the file that went out. The export refuses an article whose
content differs from the signed hash before anything is written, so the logged hash is the
text of the page."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from peewee import fn

from editor.content.review import APPROVE
from editor.content.urls import article_path
from editor.store.models import (
    Article,
    ExportState,
    PublishLog,
    Signoff,
    Site,
    active_database,
    is_sqlite,
    precise_now,
)

CHUNK = 900  # ids per IN (...) list
# Past this many ids the rows are read whole and filtered here: building thousands of IN
# lists' SQL costs far more than reading a table (the log of a full export that rewrote
# every page looks at every page).
WHOLE = 2000
_ARTICLE_PAGE = re.compile(r"/[0-9]+\.html$")  # <section>/<yyyy>/<mmdd>/<id>.html

LOGGED = (
    "article_id",
    "content_hash",
    "version",
    "destination",
    "path",
    "url",
    "file_sha256",
    "logged_at",
)


def log_export(
    workspace: Any,
    out_dir: str | Path,
    slug_paths: dict[int, str] | None = None,
    *,
    pages: Mapping[int, str] | None = None,
    cards: Mapping[int, Any] | None = None,
) -> int:
    """Log the article pages of the export in `out_dir`; returns the number of rows
    written. `slug_paths`: section id -> slug path of the sections the export published
    (the export's own tree, as the pages it recorded were placed; read here when not
    given). `pages` and `cards`: article id -> page path and card (its `version`) of the
    articles the export published, as it read them; without them the visible articles are
    read here (a full export's log read ten thousand articles again).

    Only pages the export state recorded since the folder's last log are looked at: every
    page recorded before it was logged then, or was the page already logged. Both times
    keep their microseconds (`precise_now`), so the pages of an export logged in the same
    second are not looked at again by the next log (on a big site, the 10,000 pages of the
    full export before). A folder never logged, or one with a page recorded later than now
    (a clock set back), is looked at whole."""
    started = precise_now()  # every page recorded before this is looked at below
    destination = str(Path(out_dir).expanduser().resolve())
    since = (
        PublishLog.select(fn.MAX(PublishLog.logged_at))
        .where(PublishLog.destination == destination)
        .scalar()
    )
    state = ExportState.select(ExportState.path, ExportState.sha256).where(
        ExportState.out_dir == destination
    )
    if since is not None:
        newest = (
            ExportState.select(fn.MAX(ExportState.exported_at))
            .where(ExportState.out_dir == destination)
            .scalar()
        )
        if newest is not None and ExportState.exported_at.python_value(newest) > started:
            since = None
    if since is not None:
        state = state.where(ExportState.exported_at >= PublishLog.logged_at.python_value(since))
    files = dict(_raw(state))
    ids = None  # every visible article, or only those whose page was recorded since
    if since is not None:
        ids = sorted({int(p.rsplit("/", 1)[-1][:-5]) for p in files if _ARTICLE_PAGE.search(p)})
        if not ids:
            return 0
    logged: dict[int, str] = {}
    for article_id, sha in _for_ids(
        PublishLog.select(PublishLog.article_id, PublishLog.file_sha256)
        .where(PublishLog.destination == destination)
        .order_by(PublishLog.id),
        PublishLog.article_id,
        ids,
        raw=True,
    ):
        logged[article_id] = sha
    signed: dict[int, str] = {}
    for article_id, digest in _for_ids(
        Signoff.select(Signoff.article_id, Signoff.content_hash)
        .where((Signoff.decision == APPROVE) & Signoff.level.in_(("final", "self")))
        .order_by(Signoff.id),
        Signoff.article_id,
        ids,
        raw=True,
    ):
        signed[article_id] = digest
    site = Site.select(Site.base_url).order_by(Site.id).first()
    base = (site.base_url or "").rstrip("/") if site else ""
    if pages is not None and cards is not None:
        published = [
            (aid, pages[aid], cards[aid].version)
            for aid in (sorted(pages) if ids is None else ids)
            if aid in pages and aid in cards
        ]
    else:
        published = _published(workspace, started, slug_paths, ids)
    rows = []
    for article_id, path, version in published:
        sha = files.get(path) if path else None
        if sha is None or logged.get(article_id) == sha:
            continue
        rows.append(
            {
                "article_id": article_id,
                "content_hash": signed.get(article_id, ""),
                "version": version,
                "destination": destination,
                "path": path,
                "url": f"{base}/{path}" if base else "",
                "file_sha256": sha,
                "logged_at": started,
            }
        )
    bound = active_database()
    with bound.atomic():
        if is_sqlite(bound):  # one prepared statement: building the SQL costs more here
            stamp = PublishLog.logged_at.db_value(started)
            bound.cursor().executemany(
                f'INSERT INTO "{PublishLog._meta.table_name}" ({", ".join(LOGGED)}) '
                f"VALUES ({', '.join('?' * len(LOGGED))})",
                [tuple(row[name] for name in LOGGED[:-1]) + (stamp,) for row in rows],
            )
            return len(rows)
        for start in range(0, len(rows), 200):
            PublishLog.insert_many(rows[start : start + 200]).execute()
    return len(rows)


def _published(
    workspace: Any, started: Any, slug_paths: dict[int, str] | None, ids: list[int] | None
) -> list[tuple[int, str | None, int]]:
    """(article id, page path, version) of the articles visible now (of `ids` when given)."""
    if slug_paths is None:
        slug_paths = {node.id: node.slug_path for node in workspace.sections.tree()}
    moment = started.replace(microsecond=0)  # (articles' times are to the second)
    return [
        (
            article_id,
            article_path(slug_paths.get(section_id, ""), publish_time, article_id),
            version,
        )
        for article_id, section_id, publish_time, version in _for_ids(
            Article.select(
                Article.id, Article.section, Article.publish_time, Article.version
            ).where((Article.status == "published") & (Article.publish_time <= moment)),
            Article.id,
            ids,
        )
    ]


def _raw(query: Any) -> list[tuple]:
    """A query's rows as the driver gives them (text and numbers need no conversion; several
    times faster than `.tuples()` on thousands of rows)."""
    return active_database().execute(query).fetchall()


def _for_ids(query: Any, column: Any, ids: list[int] | None, *, raw: bool = False) -> list[tuple]:
    """The rows of a query (as tuples), restricted to some article ids when given; `column`
    must be the query's first column. `raw`: as the driver gives them (`_raw`), for columns
    of text and numbers only."""
    rows_of = _raw if raw else (lambda q: list(q.tuples()))
    if ids is None:
        return rows_of(query)
    if len(ids) > WHOLE:
        wanted = set(ids)
        return [row for row in rows_of(query) if row[0] in wanted]
    rows: list[tuple] = []
    for start in range(0, len(ids), CHUNK):
        rows.extend(rows_of(query.where(column.in_(ids[start : start + CHUNK]))))
    return rows
