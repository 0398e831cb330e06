"""Backup and restore.

SQLite sites back up with SQLite's online backup (a consistent copy while the site is open)
into a file that is itself a site. PostgreSQL sites write a portable dump: gzip'd JSON of
every table, which restores into PostgreSQL or SQLite. A restore validates the whole file
first; a bad file is refused and the current data stays.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import sqlite3
import tempfile
from datetime import date, datetime
from pathlib import Path

from peewee import BlobField, DateField, DateTimeField

from editor.errors import DatabaseFileError, NewsdeskError
from editor.i18n import tr
from editor.store import db as store_db
from editor.store import migrations, search_index
from editor.store.models import ALL_MODELS, Section, database, is_sqlite

DUMP_FORMAT = "newsdesk-dump"
GZIP_MAGIC = b"\x1f\x8b"


def backup(workspace, path: Path) -> Path:
    """Write a backup of the open site to `path` (atomically: a temp file, then a rename)."""
    path = Path(path).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".backup-", dir=path.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        if workspace.target.is_sqlite:
            destination = sqlite3.connect(temp)
            try:
                workspace.db.connection().backup(destination)
            finally:
                destination.close()
            store_db.inspect_sqlite_file(temp)
        else:
            with gzip.open(temp, "wt", encoding="utf-8") as out:
                json.dump(dump(), out, ensure_ascii=False)
        os.replace(temp, path)
    except OSError as exc:
        raise NewsdeskError(
            tr(
                "Cannot write the backup {path}: {reason}.",
                path=path,
                reason=exc.strerror or exc,
            )
        ) from exc
    finally:
        temp.unlink(missing_ok=True)
    return path


def _encode(value):
    if isinstance(value, bytes | memoryview):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def dump() -> dict:
    """Every table of the bound database as plain JSON values."""
    tables = {}
    for model in ALL_MODELS:
        rows = []
        for row in model.select().order_by(*model._meta.get_primary_keys()).dicts():
            rows.append({key: _encode(value) for key, value in row.items()})
        tables[model._meta.table_name] = rows
    return {
        "format": DUMP_FORMAT,
        "schema_version": migrations.LATEST,
        "tables": tables,
    }


def _decode_rows(model, rows: list[dict]) -> list[dict]:
    fields = model._meta.fields
    columns = {field.column_name: field for field in fields.values()}
    decoded = []
    for row in rows:
        out = {}
        for key, value in row.items():
            field = columns.get(key) or fields.get(key)
            if field is None:
                raise DatabaseFileError(
                    tr(
                        "The backup has an unknown column {table_name}.{key}.",
                        table_name=model._meta.table_name,
                        key=key,
                    )
                )
            if isinstance(field, BlobField) and isinstance(value, dict):
                value = base64.b64decode(value["$b64"])
            elif isinstance(field, DateTimeField) and isinstance(value, str):
                value = datetime.fromisoformat(value)
            elif isinstance(field, DateField) and isinstance(value, str):
                value = date.fromisoformat(value)
            out[field.name] = value
        decoded.append(out)
    return decoded


def read_dump(path: Path) -> dict:
    """Load and validate a JSON dump; raises DatabaseFileError for anything that is not one."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, EOFError, ValueError, UnicodeDecodeError) as exc:
        raise DatabaseFileError(
            tr(
                "{path} is not a readable Newsdesk backup ({exc}).",
                path=path,
                exc=exc,
            )
        ) from exc
    if not isinstance(data, dict) or data.get("format") != DUMP_FORMAT:
        raise DatabaseFileError(tr("{path} is not a Newsdesk backup.", path=path))
    if int(data.get("schema_version", 0)) > migrations.LATEST:
        raise DatabaseFileError(
            tr(
                "{path} was written by a newer Newsdesk; update Newsdesk first.",
                path=path,
            )
        )
    known = {model._meta.table_name for model in ALL_MODELS}
    tables = data.get("tables")
    if not isinstance(tables, dict) or not set(tables) <= known or "section" not in tables:
        raise DatabaseFileError(
            tr(
                "{path} is damaged: its tables do not match a Newsdesk site.",
                path=path,
            )
        )
    for model in ALL_MODELS:
        _decode_rows(model, tables.get(model._meta.table_name, []))  # validates every row
    return data


def _parents_first(rows: list[dict]) -> list[dict]:
    by_id = {row["id"]: row for row in rows}
    ordered, placed = [], set()

    def place(row, trail=()):
        if row["id"] in placed:
            return
        parent = row.get("parent")
        if parent is not None:
            if parent in trail or parent not in by_id:
                raise DatabaseFileError(tr("The backup's section tree is broken."))
            place(by_id[parent], (*trail, row["id"]))
        placed.add(row["id"])
        ordered.append(row)

    for row in rows:
        place(row)
    return ordered


def load_dump(data: dict) -> None:
    """Replace every table of the bound database with the dump's rows (one transaction)."""
    db = database.obj
    with db.atomic():
        for model in reversed(ALL_MODELS):
            if model._meta.table_name != "newsdesk_meta":
                model.delete().execute()
        for model in ALL_MODELS:
            name = model._meta.table_name
            if name == "newsdesk_meta":
                continue
            rows = _decode_rows(model, data["tables"].get(name, []))
            if model is Section:
                rows = _parents_first(rows)
            for start in range(0, len(rows), 200):
                model.insert_many(rows[start : start + 200]).execute()
        if not is_sqlite(db):
            for model in ALL_MODELS:
                if "id" in model._meta.fields and model._meta.primary_key.name == "id":
                    table = model._meta.table_name
                    db.execute_sql(
                        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                        f'COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)'
                    )
        search_index.create_index_tables(db)
        search_index.rebuild_index(db)


def _counts(location: store_db.Target) -> dict:
    from editor.workspace import Workspace

    with Workspace.open(location.location) as workspace:
        summary = workspace.summary()
    return {"articles": summary["articles"], "sections": summary["sections"]}


def restore(target: store_db.Target, path: Path) -> dict:
    """Replace the site at `target` with the backup at `path`, after validating it whole."""
    path = Path(path).expanduser().resolve()
    if not path.is_file():
        raise DatabaseFileError(tr("No backup file at {path}.", path=path))
    with path.open("rb") as handle:
        magic = handle.read(16)
    if magic.startswith(GZIP_MAGIC):
        data = read_dump(path)
        store_db.open_database(target, create=True)
        try:
            load_dump(data)
        finally:
            database.obj.close()
            database.initialize(None)
        return _counts(target)
    if not magic.startswith(store_db.SQLITE_HEADER):
        raise DatabaseFileError(tr("{path} is not a Newsdesk backup.", path=path))
    version = store_db.inspect_sqlite_file(path)
    if version is None:
        raise DatabaseFileError(tr("{path} is empty.", path=path))
    check = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        verdict = check.execute("PRAGMA integrity_check(1)").fetchone()[0]
    finally:
        check.close()
    if verdict != "ok":
        raise DatabaseFileError(
            tr(
                "{path} is damaged ({verdict}); the current site was kept.",
                path=path,
                verdict=verdict,
            )
        )
    if not target.is_sqlite:
        # An SQLite backup restores into PostgreSQL through a dump of its rows.
        store_db.open_database(store_db.Target("sqlite", str(path)))
        try:
            data = dump()
        finally:
            database.obj.close()
            database.initialize(None)
        store_db.open_database(target, create=True)
        try:
            load_dump(data)
        finally:
            database.obj.close()
            database.initialize(None)
        return _counts(target)
    destination = Path(target.location)
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".restore-", dir=destination.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        copy = sqlite3.connect(temp)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=delete")
        finally:
            copy.close()
            source.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{destination}{suffix}").unlink(missing_ok=True)
        os.replace(temp, destination)
    except OSError as exc:
        raise NewsdeskError(
            tr(
                "Cannot write {destination}: {reason}.",
                destination=destination,
                reason=exc.strerror or exc,
            )
        ) from exc
    finally:
        temp.unlink(missing_ok=True)
    return _counts(target)
