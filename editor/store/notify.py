"""PostgreSQL notifications between workstations (LISTEN/NOTIFY): a change announces itself
on a channel when its transaction commits, and a listener's own connection becomes readable.
SQLite sites have no such thing; their windows poll."""

from __future__ import annotations

from typing import Any

from peewee import Database

from editor.store.models import is_sqlite

REVIEW_CHANNEL = "newsdesk_review"


def notify(db: Database, channel: str = REVIEW_CHANNEL) -> None:
    """Announce a change on `channel` (sent when the current transaction commits)."""
    if not is_sqlite(db):
        db.execute_sql(f"NOTIFY {channel}")


def listen(db: Database, channel: str = REVIEW_CHANNEL) -> Any | None:
    """A new connection of the site's server listening on `channel` (its `fileno()` becomes
    readable on a notification), or None for a SQLite site."""
    if is_sqlite(db):
        return None
    import psycopg2

    connection = psycopg2.connect(dbname=db.database, **db.connect_params)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f"LISTEN {channel}")
    return connection


def drain(connection: Any) -> int:
    """Read the pending notifications of a listening connection; returns how many."""
    connection.poll()
    count = len(connection.notifies)
    connection.notifies.clear()
    return count
