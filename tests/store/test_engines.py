"""The database wrappers: a dropped PostgreSQL connection is restored once where that is
safe and is a clear error where it is not."""

from __future__ import annotations

import os

import pytest

from editor.errors import ConnectionLostError
from editor.store.engines import translate
from editor.workspace import Workspace
from tests.conftest import PG_ENV, reset_postgres


@pytest.fixture
def pg_workspace():
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} is not set")
    reset_postgres(url)
    ws = Workspace.open(url, create=True, user="tester")
    with ws.edit():
        section = ws.sections.create("新闻")
        ws.articles.create({"title": "第一篇", "section": section.id, "body": "正文"})
    yield ws
    ws.close()


def _kill_connection(ws) -> None:
    """End the workspace's server session from another connection (a restart, a timeout)."""
    import psycopg2

    pid = ws.db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    other = psycopg2.connect(os.environ[PG_ENV])
    try:
        other.autocommit = True
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", (pid,))
    finally:
        other.close()


def test_a_dropped_connection_is_restored_for_the_next_statement(pg_workspace):
    ws = pg_workspace
    _kill_connection(ws)
    assert [row.title for row in ws.articles.list()] == ["第一篇"]  # reconnected, no error
    article = ws.articles.list()[0]
    ws.articles.update(article.id, {"body": "新正文"}, article.version)
    assert ws.articles.get(article.id).body == "新正文"


def test_a_connection_lost_inside_a_save_is_a_clear_error_and_the_next_save_works(pg_workspace):
    ws = pg_workspace
    article = ws.articles.list()[0]
    with pytest.raises(ConnectionLostError, match="connection"):
        with ws.edit():
            ws.articles.update(article.id, {"body": "半途"}, article.version)
            _kill_connection(ws)
            ws.articles.update(article.id, {"body": "半途二"}, article.version + 1)
    assert ws.articles.get(article.id).version == article.version  # nothing half-written
    ws.articles.update(article.id, {"body": "再来"}, article.version)
    assert ws.articles.get(article.id).body == "再来"


def test_only_environmental_failures_are_translated():
    from peewee import IntegrityError, OperationalError

    assert translate(OperationalError("no such column: x"), "site", postgres=False) is None
    assert translate(IntegrityError("UNIQUE constraint failed"), "site", postgres=False) is None
    busy = translate(OperationalError("database is locked"), "site.db", postgres=False)
    assert busy is not None and "site.db" in str(busy)
    full = translate(OSError(28, "No space left on device"), "site.db", postgres=False)
    assert full is not None and "full" in str(full)


def test_postgresql_failures_are_told_apart_by_their_sqlstate():
    from peewee import InterfaceError, OperationalError

    from editor.errors import DiskFullError, ReadOnlySiteError, SiteBusyError

    class DriverError(Exception):
        def __init__(self, message: str, pgcode: str | None) -> None:
            super().__init__(message)
            self.pgcode = pgcode

    DriverError.__module__ = "psycopg2.errors"

    def wrapped(code, message="x"):
        return OperationalError(DriverError(message, code))

    site = "postgresql://db/news"
    assert isinstance(translate(wrapped("53100"), site, postgres=True), DiskFullError)
    assert isinstance(translate(wrapped("55P03"), site, postgres=True), SiteBusyError)
    assert isinstance(translate(wrapped("40P01"), site, postgres=True), SiteBusyError)
    assert isinstance(translate(wrapped("25006"), site, postgres=True), ReadOnlySiteError)
    lost = translate(wrapped("57P01", "terminating connection"), site, postgres=True)
    assert isinstance(lost, ConnectionLostError) and "terminating connection" in str(lost)
    assert isinstance(
        translate(wrapped(None, "server closed the connection"), site, postgres=True),
        ConnectionLostError,
    )
    closed = InterfaceError("connection already closed")
    assert isinstance(translate(closed, site, postgres=True), ConnectionLostError)
    assert translate(wrapped("42703", "column x does not exist"), site, postgres=True) is None


def test_a_postgresql_site_held_by_another_writer_is_busy_then_free(pg_workspace, monkeypatch):
    import psycopg2

    from editor.content.articles import ArticleQuery
    from editor.errors import SiteBusyError
    from editor.store import engines

    ws = pg_workspace
    article = ws.articles.list()[0]
    monkeypatch.setattr(engines, "BUSY_TIMEOUT_MS", 300)
    other = psycopg2.connect(os.environ[PG_ENV])
    try:
        with other.cursor() as cursor:  # another workstation in the middle of a save
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", (engines.WRITE_LOCK,))
        with pytest.raises(SiteBusyError):
            ws.articles.update(article.id, {"body": "等一等"}, article.version)
        found = ws.articles.list(ArticleQuery(search="第一篇"))  # reads do not wait
        assert [row.title for row in found] == ["第一篇"]
        other.rollback()
        ws.articles.update(article.id, {"body": "等一等"}, article.version)
        assert ws.articles.get(article.id).body == "等一等"
    finally:
        other.close()
