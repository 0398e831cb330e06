"""The publish log: after each export, one append-only row per article page whose bytes
changed (or that was never logged for that folder): the content hash its 终审 signed (empty
for an article published without review in 关闭 mode), its version, the page's path and
address, and the sha256 of the file that went out. The export refuses an article whose
content differs from the signed hash before anything is written, so the logged hash is the
text of the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
    now,
)

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


def log_export(workspace: Any, out_dir: str | Path) -> int:
    """Log the article pages of the export in `out_dir`; returns the number of rows
    written."""
    destination = str(Path(out_dir).expanduser().resolve())
    slug_paths = {node.id: node.slug_path for node in workspace.sections.tree()}
    files = dict(
        ExportState.select(ExportState.path, ExportState.sha256)
        .where(ExportState.out_dir == destination)
        .tuples()
    )
    logged: dict[int, str] = {}
    for article_id, sha in (
        PublishLog.select(PublishLog.article_id, PublishLog.file_sha256)
        .where(PublishLog.destination == destination)
        .order_by(PublishLog.id)
        .tuples()
    ):
        logged[article_id] = sha
    signed: dict[int, str] = {}
    for article_id, digest in (
        Signoff.select(Signoff.article_id, Signoff.content_hash)
        .where((Signoff.decision == APPROVE) & Signoff.level.in_(("final", "self")))
        .order_by(Signoff.id)
        .tuples()
    ):
        signed[article_id] = digest
    site = Site.select(Site.base_url).order_by(Site.id).first()
    base = (site.base_url or "").rstrip("/") if site else ""
    moment = now()
    rows = []
    for article_id, section_id, publish_time, version in (
        Article.select(Article.id, Article.section, Article.publish_time, Article.version)
        .where((Article.status == "published") & (Article.publish_time <= moment))
        .tuples()
    ):
        path = article_path(slug_paths.get(section_id, ""), publish_time, article_id)
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
                "logged_at": moment,
            }
        )
    bound = active_database()
    with bound.atomic():
        if is_sqlite(bound):  # one prepared statement: building the SQL costs more here
            stamp = PublishLog.logged_at.db_value(moment)
            bound.cursor().executemany(
                f'INSERT INTO "{PublishLog._meta.table_name}" ({", ".join(LOGGED)}) '
                f"VALUES ({', '.join('?' * len(LOGGED))})",
                [tuple(row[name] for name in LOGGED[:-1]) + (stamp,) for row in rows],
            )
            return len(rows)
        for start in range(0, len(rows), 200):
            PublishLog.insert_many(rows[start : start + 200]).execute()
    return len(rows)
