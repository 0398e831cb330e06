"""The database connections a site works through, and the one place where the database's
and the disk's failures during work become errors an editor can read.

- SQLite write transactions start with `BEGIN IMMEDIATE`: a writer that finds another one
  at work waits for the busy timeout instead of failing at once when its deferred read lock
  cannot be upgraded (which SQLite refuses as soon as another writer has committed).
- A locked or busy site, a full disk, a read-only file and a dropped PostgreSQL connection
  raise `StorageError`s (a NewsdeskError) with a message in the UI language; any other
  database error is a bug and keeps its traceback.
- A PostgreSQL statement outside a transaction whose connection was lost is tried once more
  on a new connection; inside a transaction nothing is retried (the work so far went with
  the connection), the error says so.
"""

from __future__ import annotations

import errno
import logging

from peewee import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    PostgresqlDatabase,
    SqliteDatabase,
)

from editor.errors import (
    ConnectionLostError,
    DiskFullError,
    ReadOnlySiteError,
    SiteBusyError,
    StorageError,
)
from editor.i18n import tr

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10000
WRITE_LOCK = 0x4E44534B  # "NDSK": the advisory lock a PostgreSQL site's writers take

# SQLite's messages (sqlite3 gives no error codes on Python 3.11 for all of them).
SQLITE_BUSY = ("database is locked", "database is busy", "database table is locked")
SQLITE_FULL = ("database or disk is full", "disk is full")
SQLITE_READONLY = ("attempt to write a readonly database", "readonly database")
SQLITE_IO = ("disk i/o error", "unable to open database file")

# PostgreSQL SQLSTATE codes.
PG_FULL = {"53100"}  # disk_full
PG_BUSY = {"55P03", "40P01", "57014"}  # lock_not_available, deadlock_detected, query_canceled
PG_READONLY = {"25006"}  # read_only_sql_transaction
PG_CONNECTION_LOST = {"57P01", "57P02", "57P03"}  # the server shut down or went away


def _driver_error(exc: BaseException) -> BaseException:
    """The driver's own exception that peewee wrapped (kept as `orig`), or `exc`."""
    original = getattr(exc, "orig", None)
    return original if isinstance(original, BaseException) else exc


def _reason(exc: BaseException) -> str:
    text = str(_driver_error(exc)).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def connection_lost(exc: BaseException) -> bool:
    """Whether a PostgreSQL error means the connection is gone (not a refused statement)."""
    original = _driver_error(exc)
    if isinstance(exc, InterfaceError) or type(original).__name__ == "InterfaceError":
        return True
    code = getattr(original, "pgcode", None)
    if code is None:
        # The driver raises OperationalError without a SQLSTATE when the socket broke.
        return isinstance(exc, OperationalError) and type(original).__module__.startswith("psycopg")
    return code.startswith("08") or code in PG_CONNECTION_LOST


def translate(exc: BaseException, site: str, *, postgres: bool) -> StorageError | None:
    """The StorageError for a database or OS failure during work, or None for a bug."""
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return DiskFullError(site)
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return ReadOnlySiteError(site)
        return StorageError(
            tr("{site} could not be read or written: {reason}.", site=site, reason=exc)
        )
    if not isinstance(exc, DatabaseError | InterfaceError):
        return None
    reason = _reason(exc)
    if postgres:
        code = getattr(_driver_error(exc), "pgcode", None)
        if code in PG_FULL:
            return DiskFullError(site)
        if code in PG_BUSY:
            return SiteBusyError(site, BUSY_TIMEOUT_MS // 1000)
        if code in PG_READONLY:
            return ReadOnlySiteError(site)
        if connection_lost(exc):
            return ConnectionLostError(site, reason)
        return None
    lowered = reason.lower()
    if any(text in lowered for text in SQLITE_BUSY):
        return SiteBusyError(site, BUSY_TIMEOUT_MS // 1000)
    if any(text in lowered for text in SQLITE_FULL):
        return DiskFullError(site)
    if any(text in lowered for text in SQLITE_READONLY):
        return ReadOnlySiteError(site)
    if any(text in lowered for text in SQLITE_IO):
        return StorageError(
            tr("{site} could not be read or written: {reason}.", site=site, reason=reason)
        )
    return None


def reading(db):
    """A transaction for reads that need one (a consistent snapshot, SET LOCAL settings): on
    a site database it does not take the write lock."""
    method = getattr(db, "reading", None)
    return method() if method is not None else db.atomic()


class _Guarded:
    """Translates failures of statements, BEGIN and COMMIT into StorageErrors."""

    site = ""  # how messages name the site: Target.describe(), never a password
    postgres = False

    def _fail(self, exc: BaseException):
        error = translate(exc, self.site, postgres=self.postgres)
        if error is None:
            raise exc
        raise error from exc

    def execute_sql(self, sql, params=None):
        try:
            return super().execute_sql(sql, params)
        except (DatabaseError, InterfaceError) as exc:
            self._fail(exc)

    def begin(self, *args, **kwargs):
        try:
            return super().begin(*args, **kwargs)
        except (DatabaseError, InterfaceError) as exc:
            self._fail(exc)

    def commit(self):
        try:
            return super().commit()
        except (DatabaseError, InterfaceError) as exc:
            self._fail(exc)


class SqliteSiteDatabase(_Guarded, SqliteDatabase):
    """A site's SQLite file: immediate write transactions, translated failures."""

    def __init__(self, path: str, *, site: str, read_only: bool = False, **kwargs) -> None:
        self.site = site
        self.read_only = read_only
        # A read-only file cannot take the write lock that BEGIN IMMEDIATE asks for.
        super().__init__(path, lock_type=None if read_only else "IMMEDIATE", **kwargs)

    def reading(self):
        """A transaction that only reads: a deferred BEGIN takes no write lock."""
        return self.atomic("DEFERRED")

    def rollback(self):
        connection = self._state.conn
        if connection is not None and not connection.in_transaction:
            return None  # SQLite already rolled back (a full disk, an I/O error)
        try:
            return super().rollback()
        except (DatabaseError, InterfaceError) as exc:
            self._fail(exc)


class PostgresqlSiteDatabase(_Guarded, PostgresqlDatabase):
    """A site's PostgreSQL database: translated failures, one reconnect outside transactions."""

    postgres = True

    def __init__(self, name: str, *, site: str, **kwargs) -> None:
        self.site = site
        super().__init__(name, **kwargs)

    def _drop_connection(self) -> None:
        """Forget a dead connection so that the next statement opens a new one."""
        try:
            self._state.conn.close()
        except Exception:  # already closed by the server or the driver
            pass
        self._state.closed = True
        self._state.conn = None

    def _once_more(self, call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except (DatabaseError, InterfaceError) as exc:
            if self.in_transaction() or not connection_lost(exc):
                self._fail(exc)
            log.warning("PostgreSQL connection lost, reconnecting: %s", exc)
            self._drop_connection()
        try:
            return call(*args, **kwargs)
        except (DatabaseError, InterfaceError) as exc:
            if connection_lost(exc):
                self._drop_connection()
            self._fail(exc)

    def execute_sql(self, sql, params=None):
        return self._once_more(PostgresqlDatabase.execute_sql, self, sql, params)

    def reading(self):
        """A transaction that only reads: it does not wait for the write lock."""
        return self.atomic(write=False)

    def begin(self, *args, write: bool = True, **kwargs):
        """BEGIN, then wait (at most the busy timeout) for the site's write lock: one write
        transaction at a time, as on SQLite, so that a check and the insert it allows (a
        section's slug, the 待分类 section, a source's name) cannot interleave with another
        workstation's. `write=False` (see `reading`) skips the lock."""
        self._once_more(PostgresqlDatabase.begin, self, *args, **kwargs)
        if not write:
            return
        try:
            PostgresqlDatabase.execute_sql(self, f"SET LOCAL lock_timeout = {BUSY_TIMEOUT_MS}")
            PostgresqlDatabase.execute_sql(self, "SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        except (DatabaseError, InterfaceError) as exc:
            try:  # the transaction was never handed out: end it here
                PostgresqlDatabase.rollback(self)
            except (DatabaseError, InterfaceError):
                self._drop_connection()
            self._fail(exc)

    def rollback(self):
        try:
            return super().rollback()
        except (DatabaseError, InterfaceError) as exc:
            if connection_lost(exc):  # the server ended the transaction with the connection
                self._drop_connection()
                return None
            self._fail(exc)
