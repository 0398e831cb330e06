"""Opening a site's database: a SQLite file (path or sqlite:/// URL) or a PostgreSQL URL.

A file that is not a Newsdesk database, or is damaged, is refused before anything writes to
it, so a wrong `--db` never harms somebody else's file.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

from peewee import Database

from editor.errors import DatabaseFileError, unreadable
from editor.i18n import tr
from editor.pg_driver import load_postgresql_driver
from editor.store import migrations
from editor.store.engines import BUSY_TIMEOUT_MS, PostgresqlSiteDatabase, SqliteSiteDatabase
from editor.store.models import database

APPLICATION_ID = 0x4E44534B  # "NDSK" in the SQLite header: marks a Newsdesk database
SQLITE_HEADER = b"SQLite format 3\x00"
QUICK_CHECK_LIMIT = 64 * 1024 * 1024  # files up to this size get a quick_check on open
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "synchronous": "normal",
    "cache_size": -64000,
    "temp_store": "memory",
}


@dataclass(frozen=True)
class Target:
    """Where a site's data lives, parsed from a path or URL."""

    kind: str  # "sqlite" or "postgresql"
    location: str  # file path for SQLite, the URL for PostgreSQL

    @property
    def is_sqlite(self) -> bool:
        return self.kind == "sqlite"

    def __repr__(self) -> str:  # never the password of a PostgreSQL address
        return f"Target({self.kind!r}, {self.describe()!r})"

    def describe(self) -> str:
        """The file, or the server address without user and password (for messages)."""
        if self.is_sqlite:
            return self.location
        parsed = urlparse(self.location)
        return f"postgresql://{parsed.hostname or 'localhost'}/{parsed.path.lstrip('/')}"


def parse_target(url_or_path: str) -> Target:
    """Turn `--db` into a Target: a path, `sqlite:///path` or `postgresql://…`."""
    text = str(url_or_path).strip()
    if not text:
        raise DatabaseFileError(tr("No database given."))
    lowered = text.lower()
    if lowered.startswith(("postgresql://", "postgres://")):
        return Target("postgresql", text)
    if lowered.startswith("sqlite://"):
        path = unquote(urlparse(text).path)
        if text.lower().startswith("sqlite:////"):
            path = "/" + path.lstrip("/")
        elif path.startswith("/") and not text.lower().startswith("sqlite:////"):
            path = path[1:]  # sqlite:///relative.db
        if not path:
            raise DatabaseFileError(tr("“{text}” names no file.", text=text))
        return Target("sqlite", str(Path(path).expanduser().resolve()))
    if "://" in text:
        raise DatabaseFileError(
            tr(
                "“{text}” is neither a file nor a sqlite:/// or postgresql:// address.",
                text=text,
            )
        )
    return Target("sqlite", str(Path(text).expanduser().resolve()))


def inspect_sqlite_file(path: Path) -> int | None:
    """Check that an existing file is a healthy Newsdesk database; return its schema version.

    Returns None for a file that does not exist or is empty (a new database). Raises
    DatabaseFileError, touching nothing, for anything else that is not ours.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    if path.is_dir():
        raise DatabaseFileError(tr("{path} is a folder, not a Newsdesk site file.", path=path))
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise unreadable(path, exc, DatabaseFileError) from exc
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise DatabaseFileError(
            tr(
                "{path} is not a Newsdesk site file (it is not a database).",
                path=path,
            )
        )
    app_id = int.from_bytes(header[68:72], "big")
    if app_id != APPLICATION_ID and Path(f"{path}-wal").exists():
        app_id = _read_application_id(path)  # page 1 may still sit in the write-ahead log
    if app_id != APPLICATION_ID:
        raise DatabaseFileError(
            tr(
                "{path} is a database of another program, not a Newsdesk site; it was left "
                "untouched.",
                path=path,
            )
        )
    try:
        connection = sqlite3.connect(reader_uri(path), uri=True, timeout=10)
        try:
            if path.stat().st_size <= QUICK_CHECK_LIMIT:
                verdict = connection.execute("PRAGMA quick_check(1)").fetchone()[0]
                if verdict != "ok":
                    raise DatabaseFileError(
                        tr(
                            "{path} is damaged ({verdict}); it was left untouched. Restore it from"
                            " a backup.",
                            path=path,
                            verdict=verdict,
                        )
                    )
            row = connection.execute(
                "SELECT value FROM newsdesk_meta WHERE key = 'schema_version'"
            ).fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseFileError(
            tr(
                "{path} is damaged or unreadable ({exc}); it was left untouched.",
                path=path,
                exc=exc,
            )
        ) from exc
    if row is None or not str(row[0]).isdigit():
        raise DatabaseFileError(
            tr(
                "{path} has no Newsdesk schema version; it was left untouched.",
                path=path,
            )
        )
    return int(row[0])


def is_newsdesk_file(path: Path) -> bool:
    """Whether a file carries Newsdesk's mark in its SQLite header (damaged or not)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        return False
    if int.from_bytes(header[68:72], "big") == APPLICATION_ID:
        return True
    return Path(f"{path}-wal").exists() and _read_application_id(path) == APPLICATION_ID


def is_read_only(path: Path) -> bool:
    """Whether this process cannot write the site file: its permissions, or a folder where
    the write-ahead log could not be made."""
    if not os.access(path, os.W_OK):
        return True
    if os.access(path.parent, os.W_OK | os.X_OK):
        return False
    return not all(os.access(f"{path}{suffix}", os.W_OK) for suffix in ("-wal", "-shm"))


def reader_uri(path: Path) -> str:
    """A URI that reads a site file and never writes it. A read-only file whose folder does
    not let SQLite make the shared-memory file is read as immutable."""
    uri = f"file:{quote(str(path))}?mode=ro"
    if not is_read_only(path):
        return uri
    try:
        probe = sqlite3.connect(uri, uri=True, timeout=10)
        try:
            probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            probe.close()
    except sqlite3.OperationalError as exc:
        if "readonly" in str(exc) or "unable to open" in str(exc):
            return f"{uri}&immutable=1"
    return uri


def _read_application_id(path: Path) -> int:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            return int(connection.execute("PRAGMA application_id").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return 0


def connect(target: Target, *, read_only: bool = False, cache_kib: int | None = None) -> Database:
    """Create (but do not yet use) the peewee database for a target; `read_only` opens a
    SQLite file for reading only; `cache_kib` sets a SQLite page cache of that size (a
    render worker's small one) instead of the default."""
    if target.is_sqlite and read_only:
        pragmas = {k: v for k, v in SQLITE_PRAGMAS.items() if k != "journal_mode"}
        return SqliteSiteDatabase(
            reader_uri(Path(target.location)),
            site=target.describe(),
            read_only=True,
            pragmas=pragmas,
            check_same_thread=False,
            uri=True,
        )
    if target.is_sqlite:
        pragmas = dict(SQLITE_PRAGMAS)
        if cache_kib is not None:
            pragmas["cache_size"] = -cache_kib
        return SqliteSiteDatabase(
            target.location,
            site=target.describe(),
            pragmas=pragmas,
            check_same_thread=False,
        )
    try:
        load_postgresql_driver()
    except ImportError as exc:
        raise DatabaseFileError(
            tr("PostgreSQL support is not installed: pip install 'newsdesk[postgres]'.")
        ) from exc
    parsed = urlparse(target.location)
    return PostgresqlSiteDatabase(
        unquote(parsed.path.lstrip("/")),
        site=target.describe(),
        host=parsed.hostname,
        port=parsed.port,
        user=unquote(parsed.username) if parsed.username else None,
        password=unquote(parsed.password) if parsed.password else None,
    )


def optimize_sqlite(db: Database) -> None:
    """SQLite's `PRAGMA optimize` as a session ends (ANALYZE of the tables whose statistics
    would help the queries it ran, when they are missing or far off).

    ANALYZE records nothing for an index without entries, and SQLite counts an index
    without statistics as a reason to analyze its table at every optimize: on a site where
    no article is pinned, the partial index of pins (`article_hot_pin`) made every command
    analyze the whole article table as it closed (10 ms on 10,000 articles). While no
    article is pinned that index is recorded as empty, as it is (the next ANALYZE of the
    table writes its own row; the query of pins uses the index either way)."""
    db.execute_sql("PRAGMA optimize")
    analyzed = db.execute_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
    ).fetchone()
    if not analyzed:
        return
    (empty,) = db.execute_sql(
        "SELECT EXISTS (SELECT 1 FROM sqlite_stat1 WHERE tbl = 'article') "
        "AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 WHERE idx = 'article_hot_pin') "
        "AND NOT EXISTS (SELECT 1 FROM article WHERE hot_pin IS NOT NULL)"
    ).fetchone()
    if empty:  # (a write only then: closing otherwise takes no write lock)
        db.execute_sql(
            "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('article', 'article_hot_pin', '0 0')"
        )


def open_database(target: Target, *, create: bool = False) -> Database:
    """Open, validate and migrate a site's database, and bind the models to it."""
    existing_version = None
    read_only = False
    if target.is_sqlite:
        path = Path(target.location)
        existing_version = inspect_sqlite_file(path)
        read_only = existing_version is not None and is_read_only(path)
        if read_only and existing_version < migrations.LATEST:
            raise DatabaseFileError(
                tr(
                    "{path} is read-only and was made by an older Newsdesk: make it writable "
                    "once so that it can be upgraded.",
                    path=path,
                )
            )
        if existing_version is None:
            if not create:
                raise DatabaseFileError(
                    tr(
                        "No Newsdesk site at {path}. Create one with: newsdesk --db {path} init",
                        path=path,
                    )
                )
            path.parent.mkdir(parents=True, exist_ok=True)
        if existing_version is not None and existing_version > migrations.LATEST:
            raise DatabaseFileError(
                tr(
                    "{path} was made by a newer Newsdesk (schema {existing_version}); update "
                    "Newsdesk to open it.",
                    path=path,
                    existing_version=existing_version,
                )
            )
    db = connect(target, read_only=read_only)
    try:
        db.connect(reuse_if_open=True)
    except Exception as exc:  # psycopg2 or sqlite3 operational errors
        raise DatabaseFileError(
            tr("Cannot open {target}: {exc}", target=target.describe(), exc=exc).strip()
        ) from exc
    database.initialize(db)
    try:
        if target.is_sqlite and existing_version is None:
            db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        migrations.upgrade(db, create=create)
        if target.is_sqlite and existing_version is None:
            db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # header and schema on disk
    except Exception:
        db.close()
        database.initialize(None)
        raise
    return db
