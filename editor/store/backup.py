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

from peewee import (
    BlobField,
    DatabaseError,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
)

from editor.errors import (
    DatabaseFileError,
    NewsdeskError,
    ReadOnlySiteError,
    os_error_reason,
    unreadable,
)
from editor.i18n import tr
from editor.store import append_only, migrations, search_index
from editor.store import db as store_db
from editor.store.models import (
    ALL_MODELS,
    SIMHASH_SYNCED,
    Article,
    JSONField,
    Meta,
    Section,
    database,
    is_sqlite,
)

DUMP_FORMAT = "newsdesk-dump"
GZIP_MAGIC = b"\x1f\x8b"


def backup(workspace, path: Path) -> Path:
    """Write a backup of the open site to `path` (atomically: a temp file, then a rename).

    A SQLite backup is one self-contained file in rollback-journal mode: no `-wal` or `-shm`
    file beside it, nothing lost when only the file is copied."""
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
                destination.execute("PRAGMA journal_mode=DELETE")
            finally:
                destination.close()
            store_db.inspect_sqlite_file(temp)
        else:
            with gzip.open(temp, "wt", encoding="utf-8") as out:
                json.dump(dump(), out, ensure_ascii=False)
        os.replace(temp, path)
    except (OSError, sqlite3.Error) as exc:
        reason = os_error_reason(exc) if isinstance(exc, OSError) else exc
        raise NewsdeskError(
            tr("Cannot write the backup {path}: {reason}.", path=path, reason=reason)
        ) from exc
    finally:
        _remove_with_journals(temp)
    return path


def _remove_with_journals(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


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


def _damaged_table(model) -> DatabaseFileError:
    return DatabaseFileError(
        tr("The backup's table {table_name} is damaged.", table_name=model._meta.table_name)
    )


def _decode_value(field, value):
    if value is None:
        return None
    if isinstance(field, BlobField):
        if not isinstance(value, dict) or not isinstance(value.get("$b64"), str):
            raise ValueError("not base64 data")
        return base64.b64decode(value["$b64"], validate=True)
    if isinstance(field, JSONField):
        return value
    if isinstance(value, dict | list):
        raise ValueError("a structure where a single value belongs")
    if isinstance(field, DateTimeField) and isinstance(value, str):
        return datetime.fromisoformat(value)
    if isinstance(field, DateField) and isinstance(value, str):
        return date.fromisoformat(value)
    if isinstance(field, IntegerField | ForeignKeyField) and not isinstance(value, int):
        raise ValueError("not a whole number")
    return value


def _decode_rows(model, rows: list[dict]) -> list[dict]:
    if not isinstance(rows, list):
        raise _damaged_table(model)
    fields = model._meta.fields
    columns = {field.column_name: field for field in fields.values()}
    has_id = "id" in fields and model._meta.primary_key.name == "id"
    decoded = []
    for row in rows:
        if not isinstance(row, dict) or (has_id and not isinstance(row.get("id"), int)):
            raise _damaged_table(model)
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
            try:
                out[field.name] = _decode_value(field, value)
            except (ValueError, TypeError) as exc:  # binascii.Error is a ValueError
                raise DatabaseFileError(
                    tr(
                        "The backup has a bad value in {table_name}.{key} ({reason}).",
                        table_name=model._meta.table_name,
                        key=key,
                        reason=exc,
                    )
                ) from exc
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
    if not isinstance(data.get("schema_version", 0), int):
        raise DatabaseFileError(
            tr("{path} is damaged: its tables do not match a Newsdesk site.", path=path)
        )
    if data.get("schema_version", 0) > migrations.LATEST:
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
    with db.atomic(), append_only.lifted(db):  # the restore replaces the review records too
        Section.update(parent=None).execute()  # so that no section outlives its parent
        for model in reversed(ALL_MODELS):
            if model._meta.table_name != "newsdesk_meta":
                model.delete().execute()
        # the fingerprints are replaced too: the next sync must read every article again
        Meta.delete().where(Meta.key == SIMHASH_SYNCED).execute()
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
        _validate(db)


def _validate(db) -> None:
    """Check that the bound database holds a whole site: every table and column, references
    that resolve and a section tree without cycles. Raises ValueError or a database error."""
    tables = set(db.get_tables())
    for model in ALL_MODELS:
        if model._meta.table_name not in tables:
            raise ValueError(f"no table {model._meta.table_name}")
        model.select().limit(1).execute()  # every column the models know is there
    if is_sqlite(db):
        broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise ValueError(f"broken reference in {broken[0][0]} row {broken[0][1]}")
    _parents_first(list(Section.select(Section.id, Section.parent).dicts()))


def _not_whole(path: Path, exc: Exception) -> DatabaseFileError:
    reason = exc.message if isinstance(exc, NewsdeskError) else _first_line(exc)
    return DatabaseFileError(
        tr(
            "{path} does not hold a whole Newsdesk site ({reason}); the current site was kept.",
            path=path,
            reason=reason,
        )
    )


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _counts() -> dict:
    return {"articles": Article.select().count(), "sections": Section.select().count()}


def _close_bound() -> None:
    if database.obj is not None:
        database.obj.close()
    database.initialize(None)


def _check_replaceable(destination: Path) -> None:
    """Refuse to replace a file that is not a Newsdesk site, or that may not be written."""
    if destination.is_dir():
        raise DatabaseFileError(
            tr("{path} is a folder, not a Newsdesk site file.", path=destination)
        )
    if not destination.exists() or destination.stat().st_size == 0:
        return
    if not store_db.is_newsdesk_file(destination):
        raise DatabaseFileError(
            tr(
                "{path} is not a Newsdesk site, so it was not replaced. Restore into a new file "
                "or move that file away first.",
                path=destination,
            )
        )
    if store_db.is_read_only(destination):
        raise ReadOnlySiteError(str(destination))


def _check_sqlite_backup(path: Path) -> None:
    version = store_db.inspect_sqlite_file(path)
    if version is None:
        raise DatabaseFileError(tr("{path} is empty.", path=path))
    if version > migrations.LATEST:
        raise DatabaseFileError(
            tr("{path} was written by a newer Newsdesk; update Newsdesk first.", path=path)
        )
    try:
        check = sqlite3.connect(store_db.reader_uri(path), uri=True)
        try:
            verdict = check.execute("PRAGMA integrity_check(1)").fetchone()[0]
        finally:
            check.close()
    except sqlite3.Error as exc:
        verdict = str(exc)
    if verdict != "ok":
        raise DatabaseFileError(
            tr(
                "{path} is damaged ({verdict}); the current site was kept.",
                path=path,
                verdict=verdict,
            )
        )


def _copy_sqlite(source_path: Path, copy_path: Path) -> None:
    """Copy a SQLite file page by page without writing to the source."""
    source = sqlite3.connect(store_db.reader_uri(source_path), uri=True)
    copy = sqlite3.connect(copy_path)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()
        source.close()


def _open_checked(location: Path, backup_path: Path, *, create: bool, data: dict | None):
    """Open (and migrate) a restored copy, load `data` into it, validate it; return counts."""
    try:
        db = store_db.open_database(store_db.Target("sqlite", str(location)), create=create)
    except NewsdeskError as exc:
        raise _not_whole(backup_path, exc) from exc
    try:
        if data is not None:
            load_dump(data)
        _validate(db)
        return _counts()
    except NewsdeskError:
        raise
    except (DatabaseError, ValueError, TypeError, KeyError) as exc:
        raise _not_whole(backup_path, exc) from exc
    finally:
        _close_bound()


def _restore_file(target: store_db.Target, path: Path, data: dict | None) -> dict:
    """Build the restored site in a new file beside the destination, check it, then put it
    in place with one rename: the old file stays whole until the new one is."""
    destination = Path(target.location)
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".restore-", dir=destination.parent)
        os.close(handle)
    except OSError as exc:
        raise NewsdeskError(
            tr(
                "Cannot write {destination}: {reason}.",
                destination=destination,
                reason=os_error_reason(exc),
            )
        ) from exc
    temp = Path(temp_name)
    try:
        if data is None:
            _copy_sqlite(path, temp)
        counts = _open_checked(temp, path, create=data is not None, data=data)
        for suffix in ("-wal", "-shm"):
            Path(f"{destination}{suffix}").unlink(missing_ok=True)
        os.replace(temp, destination)
    except (OSError, sqlite3.Error) as exc:
        reason = os_error_reason(exc) if isinstance(exc, OSError) else exc
        raise NewsdeskError(
            tr("Cannot write {destination}: {reason}.", destination=destination, reason=reason)
        ) from exc
    finally:
        _remove_with_journals(temp)
    return counts


def _restore_server(target: store_db.Target, path: Path, data: dict) -> dict:
    """Load the rows into a PostgreSQL site in one transaction (rolled back if they do not
    fit together)."""
    store_db.open_database(target, create=True)
    try:
        load_dump(data)
        return _counts()
    except NewsdeskError:
        raise
    except (DatabaseError, ValueError, TypeError, KeyError) as exc:
        raise _not_whole(path, exc) from exc
    finally:
        _close_bound()


def _dump_of_sqlite_backup(path: Path) -> dict:
    """The rows of a SQLite backup (read from a migrated copy, never from the file)."""
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-restore-"))
    copy = folder / "copy.newsdesk"
    try:
        _copy_sqlite(path, copy)
        _open_checked(copy, path, create=False, data=None)
        store_db.open_database(store_db.Target("sqlite", str(copy)))
        try:
            return dump()
        finally:
            _close_bound()
    finally:
        _remove_with_journals(copy)
        folder.rmdir()


def restore(target: store_db.Target, path: Path) -> dict:
    """Replace the site at `target` with the backup at `path`, after validating it whole.

    A file that is not a Newsdesk site is never replaced (a new file may be created); a bad
    backup is refused with a message and the current site stays as it was."""
    path = Path(path).expanduser().resolve()
    if not path.is_file():
        raise DatabaseFileError(tr("No backup file at {path}.", path=path))
    try:
        with path.open("rb") as handle:
            magic = handle.read(16)
    except OSError as exc:
        raise unreadable(path, exc, DatabaseFileError) from exc
    if target.is_sqlite:
        _check_replaceable(Path(target.location))
    if magic.startswith(GZIP_MAGIC):
        data = read_dump(path)
        if target.is_sqlite:
            return _restore_file(target, path, data)
        return _restore_server(target, path, data)
    if not magic.startswith(store_db.SQLITE_HEADER):
        raise DatabaseFileError(tr("{path} is not a Newsdesk backup.", path=path))
    _check_sqlite_backup(path)
    if target.is_sqlite:
        return _restore_file(target, path, None)
    return _restore_server(target, path, _dump_of_sqlite_backup(path))
