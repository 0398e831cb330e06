"""Rendering pages into the staging folder, in this process or in a worker process.

Full exports run `render_batch` in a process pool started with the `spawn` method (never
fork a running Qt application). Each worker opens its own database connection, loads the
catalog once for the same moment as the parent, and renders the batches it is given. It
imports nothing from `editor.ui`. Workers only read; the parent stores rendered bodies.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime

from editor.publish import kinds
from editor.publish.bundle import staged_path
from editor.publish.context import SiteView
from editor.publish.plan import BodyCache, Output, render_output
from editor.publish.render import PageRenderer

_worker: dict = {}
# A worker reads each article's body once: SQLite's page cache (64 MB a connection by
# default) would only fill with pages never read again, in every worker.
READER_CACHE_KIB = 2048
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


class BatchRenderer:
    """Renders outputs of one site view and writes those whose bytes changed."""

    def __init__(
        self, view: SiteView, renderer: PageRenderer, staging: str, *, flat: bool = False
    ) -> None:
        """`flat`: files are staged under their `bundle.staged_name` (`Staging.flat`)."""
        self.view = view
        self.renderer = renderer
        self.staging = staging
        self.flat = flat
        self._dirs: set[str] = set()

    def run(self, batch: list[tuple[str, str, object, str | None, bool]]):
        """batch: (path, kind, key, previous sha256 or None, whether to fingerprint it).
        Returns ([(path, sha, size, written, fingerprint or None)], [(article id, html,
        key)] rendered bodies, the signature of the catalog the pages were rendered from).

        A full export plans only the paths of article and list pages: their fingerprints
        (`kinds.PageKind.fingerprint`) are made here, after each page, from what rendering
        it found already (an article's related news)."""
        bodies = BodyCache()
        articles = [item[2] for item in batch if kinds.kind(item[1]).needs_bodies]
        if articles:
            bodies.load(articles)
        view, renderer = self.view, self.renderer
        results = []
        for path, kind, key, old, wanted in batch:
            output = Output(path, "", kind, key)
            data = render_output(view, renderer, output, bodies)
            sha = hashlib.sha256(data).hexdigest()
            written = sha != old
            if written:
                self.write(path, data)
            fingerprint = kinds.KINDS[kind].fingerprint(view, renderer, output) if wanted else None
            results.append((path, sha, len(data), written, fingerprint))
        return results, bodies.fresh, view.catalog.signature

    def write(self, relative: str, data: bytes) -> None:
        """Write one file into the staging folder."""
        target = staged_path(self.staging, relative, self.flat, self._dirs)
        # a new file, never truncating one in place (it could be a link to a live file)
        try:
            handle = os.open(target, _NEW_FILE, 0o666)
        except FileExistsError:
            os.unlink(target)
            handle = os.open(target, _NEW_FILE, 0o666)
        try:  # (no file object: it would ask the file whether it is a terminal, where it is…)
            rest = memoryview(data)
            while rest:
                rest = rest[os.write(handle, rest) :]
        finally:
            os.close(handle)


def init_worker(
    db_kind: str, db_location: str, moment: str, staging: str, flat: bool = False
) -> None:
    """Pool initializer: connect, load the catalog and theme, keep a renderer."""
    from editor.content.catalog import load_catalog
    from editor.publish.theme import load_theme
    from editor.store.models import database

    connection = _reader(db_kind, db_location)
    database.initialize(connection)
    catalog = load_catalog(datetime.fromisoformat(moment))
    theme = load_theme(catalog.site.get("templates_dir") or "", auto_reload=False)
    view = SiteView(catalog, theme)
    _worker["batch"] = BatchRenderer(view, PageRenderer(view), staging, flat=flat)


def inherit(batch_renderer: BatchRenderer | None) -> None:
    """Set (before forking workers) or clear the renderer forked workers inherit."""
    if batch_renderer is None:
        _worker.pop("inherited", None)
    else:
        _worker["inherited"] = batch_renderer


def init_forked_worker(db_kind: str, db_location: str) -> None:
    """Pool initializer of a forked worker: it inherits the parent's site view and renderer
    and opens its own database connection for reading bodies. The parent's connection
    objects stay referenced and unused here (closing one in a child could end the parent's
    PostgreSQL session)."""
    from editor.store.models import ALL_MODELS, Article, database

    _worker["parent_databases"] = [database.obj, Article._meta.database]
    connection = _reader(db_kind, db_location)
    database.initialize(connection)
    connection.bind(ALL_MODELS)
    _worker["batch"] = _worker.pop("inherited")


def _reader(db_kind: str, db_location: str):
    """A worker's own database connection, with a small page cache on SQLite."""
    from editor.store import db as store_db

    target = store_db.Target(db_kind, db_location)
    connection = store_db.connect(target, cache_kib=READER_CACHE_KIB)
    connection.connect(reuse_if_open=True)
    return connection


def render_batch(batch):
    """Pool task: render one batch with the worker's renderer."""
    return _worker["batch"].run(batch)
