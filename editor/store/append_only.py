"""Append-only review records: the database itself refuses to change or delete a sign-off,
a version snapshot or a publish-log row once written: triggers on SQLite and PostgreSQL and,
on PostgreSQL, no UPDATE, DELETE or TRUNCATE privilege on those tables for the role the
workstations connect with (and for PUBLIC), so a statement is refused even without the
triggers. Roles that reach the tables through a group's grant are not revoked here (a
site's administrator revokes those in the database); the triggers refuse their statements
all the same. The owner of a table can grant itself the privilege back, as it can drop a
trigger; `newsdesk check` still finds a changed or missing record by its hash chain.

A restore replaces every row of a site, so it lifts the guards for its own transaction
(`lifted`) and puts them back before it commits.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from peewee import Database

from editor.store.models import is_sqlite

GUARDED = ("signoff", "article_snapshot", "publish_log")
_PG_FUNCTION = "newsdesk_append_only"
_CHANGES = "UPDATE, DELETE, TRUNCATE"


def create_guards(db: Database) -> None:
    """Add the triggers that refuse UPDATE and DELETE on the guarded tables."""
    present = [table for table in GUARDED if db.table_exists(table)]
    if is_sqlite(db):
        for table in present:
            for action in ("UPDATE", "DELETE"):
                db.execute_sql(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_no_{action.lower()} "
                    f"BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
        return
    db.execute_sql(
        f"CREATE OR REPLACE FUNCTION {_PG_FUNCTION}() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' is append-only'; END; $$ "
        "LANGUAGE plpgsql"
    )
    for table in present:
        db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        db.execute_sql(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {_PG_FUNCTION}()"
        )
        db.execute_sql(f"REVOKE {_CHANGES} ON {table} FROM PUBLIC, CURRENT_USER")


def drop_guards(db: Database) -> None:
    """Remove the triggers and, on PostgreSQL, give the connected role its UPDATE, DELETE
    and TRUNCATE back (a restore, inside its transaction)."""
    for table in [table for table in GUARDED if db.table_exists(table)]:
        if is_sqlite(db):
            for action in ("update", "delete"):
                db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_no_{action}")
        else:
            db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            db.execute_sql(f"GRANT {_CHANGES} ON {table} TO CURRENT_USER")


@contextmanager
def lifted(db: Database) -> Iterator[None]:
    """Run a block without the guards (inside the caller's transaction); they come back
    after it, also when the block fails."""
    drop_guards(db)
    try:
        yield
    finally:
        create_guards(db)
