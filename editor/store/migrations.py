"""Schema versions and the ordered migrations between them.

A new database gets the current schema at once. An older one is brought up step by step,
each step inside one transaction, and the version is written in the same transaction, so
a failed step leaves the database as it was.

History:
1. the first schema: site, sections, articles and the reusable lists;
2. full-text search tables (and their contents built from existing articles);
3. editor's pin and exclude for 热门排行 (`article.hot_pin`, `article.hot_exclude`);
4. the list-page index (section, status, publish time) that answers a page from the index;
5. room for long texts: `source.url` 2000, `asset.original_name`, `asset.alt` and
   `site.templates_dir` 1000 characters (PostgreSQL enforces lengths; SQLite does not, so
   there the step changes nothing);
6. a partial index of pinned articles (`hot_pin IS NOT NULL`), so 热门排行 finds the
   editor's pins without reading the section's rows;
7. PostgreSQL: the `article_grams` table (bigrams as a tsvector, GIN index) for one- and
   two-character searches, built from the existing articles (SQLite has its own since 2).
8. publish targets and the publish history (`publish_target`, `publish_record`).
9. `revision.kind`: what wrote a version (saved, published, restored, imported, recovered);
   older revisions count as saved.
10. `asset.source_url`: the address an imported picture was downloaded from.
11. `article.original_title` (原标题 of a 转载). SQLite appends an added column after the
    long texts, where every card read would walk the bodies' overflow pages, so there the
    article table is rebuilt with the column in its model place (foreign keys off for the
    step, see `REBUILDS`); PostgreSQL adds the column.
12. 三审签发: newsroom users, 终审 delegations, review states, version snapshots and the
    sign-off chain, the last two append-only (triggers, `editor.store.append_only`).
13. the site's word lists (`word_entry`: forbidden and cautioned words, the 错别字 confusion
    list), filled with the starter list of resources/wordlists/starter.csv.
14. the publish log (`publish_log`: per exported article page its signed content hash,
    path, address and file hash), append-only like the review records.
15. the check counts (`check_summary`: errors and warnings the article checks last found
    in an article and in which version; the 待审 queue's badge).
16. PostgreSQL: UPDATE, DELETE and TRUNCATE on the record tables revoked from the role the
    workstations connect with (and from PUBLIC), besides the triggers.
17. the SimHash fingerprints of the articles (`simhash_print`, four indexed bands) and an
    index of `article.updated_at`: the near-duplicate check no longer fingerprints the site
    in each process.
18. indexes an export asks after every change: the visible articles' versions and the
    change stamp's sums over the articles from the index alone (status, publish time, id,
    version, update time, instead of status and publish time), what the export state
    recorded since a moment (`export_state` by folder and time) and a folder's last publish
    log (`publish_log` by destination and time).
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import BooleanField, CharField, Database, IntegerField

from editor.i18n import tr
from editor.store import append_only, search_index
from editor.store.models import ALL_MODELS, Article, Meta, is_sqlite

LATEST = 18
APPLICATION = "newsdesk"


def _migrator(db: Database):
    # playhouse.migrate (with its PostgreSQL and CockroachDB modules) loads only for a step
    # that alters a table: opening an up-to-date site does not need it.
    from playhouse.migrate import PostgresqlMigrator, SqliteMigrator

    return SqliteMigrator(db) if is_sqlite(db) else PostgresqlMigrator(db)


def migrate(*operations: object) -> None:
    """Run playhouse.migrate operations (see `_migrator`)."""
    from playhouse.migrate import migrate as run

    run(*operations)


def _to_2(db: Database) -> None:
    search_index.create_index_tables(db)
    search_index.rebuild_index(db)


def _to_3(db: Database) -> None:
    columns = {column.name for column in db.get_columns("article")}
    operations = []
    migrator = _migrator(db)
    if "hot_pin" not in columns:
        operations.append(migrator.add_column("article", "hot_pin", IntegerField(null=True)))
    if "hot_exclude" not in columns:
        operations.append(
            migrator.add_column("article", "hot_exclude", BooleanField(default=False))
        )
    migrate(*operations)


def _to_4(db: Database) -> None:
    db.execute_sql("DROP INDEX IF EXISTS article_section_id_publish_time")
    db.execute_sql(
        "CREATE INDEX IF NOT EXISTS article_section_id_status_publish_time "
        "ON article (section_id, status, publish_time)"
    )


def _to_5(db: Database) -> None:
    if is_sqlite(db):
        return
    db.execute_sql("ALTER TABLE source ALTER COLUMN url TYPE VARCHAR(2000)")
    db.execute_sql("ALTER TABLE asset ALTER COLUMN original_name TYPE VARCHAR(1000)")
    db.execute_sql("ALTER TABLE asset ALTER COLUMN alt TYPE VARCHAR(1000)")
    db.execute_sql("ALTER TABLE site ALTER COLUMN templates_dir TYPE VARCHAR(1000)")


def _to_6(db: Database) -> None:
    db.execute_sql(
        "CREATE INDEX IF NOT EXISTS article_hot_pin ON article (hot_pin) WHERE hot_pin IS NOT NULL"
    )


def _to_7(db: Database) -> None:
    if is_sqlite(db):
        return
    search_index.create_index_tables(db, grams_index=False)
    search_index.rebuild_index(db)
    search_index.create_grams_index(db)


def _to_8(db: Database) -> None:
    from editor.store.models import PublishRecord, PublishTarget

    db.create_tables([PublishTarget, PublishRecord], safe=True)


def _to_9(db: Database) -> None:
    columns = {column.name for column in db.get_columns("revision")}
    if "kind" not in columns:
        migrate(_migrator(db).add_column("revision", "kind", CharField(default="saved")))


def _to_10(db: Database) -> None:
    columns = {column.name for column in db.get_columns("asset")}
    if "source_url" not in columns:
        field = CharField(default="", max_length=2000)
        migrate(_migrator(db).add_column("asset", "source_url", field))


def _to_11(db: Database) -> None:
    columns = [column.name for column in db.get_columns("article")]
    if "original_title" in columns:
        return
    if is_sqlite(db) and not _foreign_keys_on(db):
        _rebuild_sqlite_article(db, columns)
        return
    migrate(
        _migrator(db).add_column("article", "original_title", CharField(default="", max_length=500))
    )


def _foreign_keys_on(db: Database) -> bool:
    return bool(db.execute_sql("PRAGMA foreign_keys").fetchone()[0])


def _rebuild_sqlite_article(db: Database, columns: list[str]) -> None:
    """Copy the article table into one created from the model (its columns in model order),
    keeping ids, then put it in the old one's place with its indexes. Foreign keys must be
    off: dropping the old table would otherwise delete the credits, tags and picks."""
    create, params = Article._schema._create_table(safe=False).query()
    head = 'CREATE TABLE "article" ('
    if not create.startswith(head):
        raise RuntimeError(f"unexpected article table definition: {create[:60]}")
    db.execute_sql('CREATE TABLE "article_rebuilt" (' + create[len(head) :], params)
    # Columns the old table lacks (original_title, and any a later step adds, which then
    # finds it present) get their model default.
    missing = [f for f in Article._meta.sorted_fields if f.column_name not in columns]
    defaults = [f.db_value(f.default() if callable(f.default) else f.default) for f in missing]
    names = ", ".join(f'"{name}"' for name in columns)
    added = "".join(f', "{f.column_name}"' for f in missing)
    marks = "".join(", ?" for _ in missing)
    db.execute_sql(
        f'INSERT INTO "article_rebuilt" ({names}{added}) SELECT {names}{marks} FROM "article"',
        defaults,
    )
    db.execute_sql('DROP TABLE "article"')
    db.execute_sql('ALTER TABLE "article_rebuilt" RENAME TO "article"')
    Article._schema.create_indexes(safe=True)
    _to_6(db)
    if db.execute_sql("PRAGMA foreign_key_check").fetchone() is not None:
        raise RuntimeError("the rebuilt article table breaks a foreign key")


# Steps that rebuild a SQLite table: run with foreign keys off (outside the step's
# transaction, where SQLite allows switching them), and on again afterwards.
REBUILDS = frozenset({11})


def _to_12(db: Database) -> None:
    from editor.store.models import (
        ArticleSnapshot,
        Delegation,
        NewsroomUser,
        ReviewState,
        Signoff,
    )

    db.create_tables([NewsroomUser, Delegation, ReviewState, ArticleSnapshot, Signoff], safe=True)
    append_only.create_guards(db)


def _to_13(db: Database) -> None:
    from editor.store.models import WordEntry

    db.create_tables([WordEntry], safe=True)
    seed_word_lists()


def _to_14(db: Database) -> None:
    from editor.store.models import PublishLog

    db.create_tables([PublishLog], safe=True)
    append_only.create_guards(db)


def _to_15(db: Database) -> None:
    from editor.store.models import CheckSummary

    db.create_tables([CheckSummary], safe=True)


def _to_16(db: Database) -> None:
    append_only.create_guards(db)  # PostgreSQL: the privileges to change records revoked


def _to_17(db: Database) -> None:
    from editor.store.models import Article, SimhashPrint

    db.create_tables([SimhashPrint], safe=True)
    Article._schema.create_indexes(safe=True)  # article.updated_at, which the sync follows


def _to_18(db: Database) -> None:
    from editor.store.models import Article, ExportState, PublishLog

    db.execute_sql('DROP INDEX IF EXISTS "article_status_publish_time"')  # (now a prefix)
    for model in (Article, ExportState, PublishLog):
        model._schema.create_indexes(safe=True)


def seed_word_lists() -> None:
    """Fill the word lists with the starter list (entries already there stay)."""
    import csv

    from editor.config import resource
    from editor.store.models import WordEntry

    with resource("wordlists", "starter.csv").open(encoding="utf-8", newline="") as handle:
        rows = [
            {key: row[key] for key in ("kind", "word", "level", "replacement", "note")}
            for row in csv.DictReader(handle)
        ]
    for start in range(0, len(rows), 100):
        WordEntry.insert_many(rows[start : start + 100]).on_conflict_ignore().execute()


STEPS: dict[int, Callable[[Database], None]] = {
    2: _to_2,
    3: _to_3,
    4: _to_4,
    5: _to_5,
    6: _to_6,
    7: _to_7,
    8: _to_8,
    9: _to_9,
    10: _to_10,
    11: _to_11,
    12: _to_12,
    13: _to_13,
    14: _to_14,
    15: _to_15,
    16: _to_16,
    17: _to_17,
    18: _to_18,
}


def schema_version(db: Database) -> int | None:
    """The version written in the database, or None for an empty one."""
    if not db.table_exists(Meta._meta.table_name):
        return None
    row = Meta.get_or_none(Meta.key == "schema_version")
    return int(row.value) if row else None


def _write_version(version: int) -> None:
    Meta.insert(key="schema_version", value=str(version)).on_conflict(
        conflict_target=[Meta.key], update={Meta.value: str(version)}
    ).execute()


def upgrade(db: Database, *, create: bool = False) -> int:
    """Bring the database to LATEST; create the schema when it is empty and `create` is set."""
    from editor.errors import DatabaseFileError

    version = schema_version(db)
    if version is None:
        if db.get_tables():
            raise DatabaseFileError(tr("This database holds tables of another program."))
        if not create:
            raise DatabaseFileError(tr("This database is empty: create a site in it with init."))
        with db.atomic():
            db.create_tables(ALL_MODELS)
            search_index.create_index_tables(db)
            _to_6(db)  # the partial index is not expressed in the models
            append_only.create_guards(db)
            seed_word_lists()
            Meta.insert(key="application", value=APPLICATION).execute()
            _write_version(LATEST)
        return LATEST
    if version > LATEST:
        raise DatabaseFileError(
            tr(
                "This database was made by a newer Newsdesk (schema {version}); update Newsdesk.",
                version=version,
            )
        )
    while version < LATEST:
        step = STEPS[version + 1]
        rebuild = version + 1 in REBUILDS and is_sqlite(db) and not db.in_transaction()
        if rebuild:
            db.execute_sql("PRAGMA foreign_keys = OFF")
        try:
            with db.atomic():
                step(db)
                _write_version(version + 1)
        finally:
            if rebuild:
                db.execute_sql("PRAGMA foreign_keys = ON")
        version += 1
    return version
