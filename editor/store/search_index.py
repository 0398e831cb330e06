"""The search index tables: their DDL, their rebuild and the upkeep of one article's rows.

SQLite: two FTS5 indexes. `article_fts` uses the trigram tokenizer over the article table
itself (external content) and serves queries of three characters or more. Trigrams cannot
serve one- and two-character queries, and a LIKE scan grows with the corpus, so
`article_grams` (contentless, unicode61) indexes the text pre-cut into CJK bigrams, plus the
last character of each CJK run.

PostgreSQL: the trigram side is pg_trgm GIN indexes on the article columns themselves, where
the server has the extension. Shorter queries look up `article_grams`: per article a
tsvector of the same bigrams, last characters and (lower-cased) words, built here rather
than by a text-search parser, with a GIN index. A table of its own, so that writing it never
rewrites the article row (and with it the trigram indexes of the body).

The queries that read these tables are in `editor.content.search`; the tables belong to the
store, so that migrations and restores can build them without reaching up a layer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from peewee import Database

from editor.store.models import is_sqlite

# The characters cut into bigrams (CJK ideographs and kana); `editor.content.text` counts
# characters with the same class.
CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff"

TRIGRAM_TABLE = "article_fts"
GRAM_TABLE = "article_grams"
INDEXED_COLUMNS = ("title", "body", "search_names")


# The two patterns are compiled on first use: their classes' tables take a few milliseconds
# that a command which indexes and searches nothing (an export) need not spend.
@cache
def cjk_run() -> re.Pattern:
    """A run of CJK characters (`CJK_CLASS`)."""
    return re.compile(f"[{CJK_CLASS}]+")


@cache
def segment_pattern() -> re.Pattern:
    """A run of CJK characters or a run of other characters: text cut at their borders."""
    return re.compile(f"[{CJK_CLASS}]+|[^{CJK_CLASS}]+")


def bigrams(text: str) -> str:
    """Text cut for the bigram index: CJK runs become overlapping pairs plus their last
    character; everything else is left for the unicode61 tokenizer."""
    out: list[str] = []
    run = cjk_run()
    for segment in segment_pattern().findall(text or ""):
        if run.fullmatch(segment):
            out.extend(segment[i : i + 2] for i in range(len(segment) - 1))
            out.append(segment[-1])
        else:
            out.append(segment)
    return " ".join(out)


_LEXEME_LIMIT = 200  # characters; a tsvector lexeme may not exceed 2,047 bytes


def gram_lexemes(values: Iterable[str]) -> list[str]:
    """The lexemes of an article's `article_grams` row (PostgreSQL) for (title, body, names)."""
    return sorted(
        {
            token[:_LEXEME_LIMIT]
            for value in values
            for token in re.findall(r"\w+", bigrams(value).lower())
        }
    )


def create_grams_index(db: Database) -> None:
    """The GIN index of `article_grams` (PostgreSQL), built after the table is filled."""
    db.execute_sql(f"CREATE INDEX IF NOT EXISTS {GRAM_TABLE}_gin ON {GRAM_TABLE} USING gin (grams)")


def _write_grams(db: Database, rows: Sequence[tuple[int, Sequence[str]]]) -> None:
    """Set the grams of (article id, (title, body, names)) rows, in one statement."""
    from psycopg2.extras import execute_values

    execute_values(
        db.cursor(),
        f"INSERT INTO {GRAM_TABLE} (article_id, grams) VALUES %s "
        "ON CONFLICT (article_id) DO UPDATE SET grams = EXCLUDED.grams",
        [(article_id, gram_lexemes(values)) for article_id, values in rows],
        template="(%s, array_to_tsvector(%s::text[]))",
        page_size=len(rows) or 1,
    )


def create_index_tables(db: Database, grams_index: bool = True) -> None:
    """Create the search index tables for this database's dialect (on PostgreSQL, leave the
    index of the grams for later with `grams_index=False`: building it once after filling
    the table is much faster than keeping it up row by row)."""
    if is_sqlite(db):
        db.execute_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {TRIGRAM_TABLE} USING fts5("
            "title, body, search_names, content='article', content_rowid='id', "
            "tokenize='trigram')"
        )
        db.execute_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {GRAM_TABLE} USING fts5("
            "title, body, search_names, content='', detail='none', tokenize='unicode61')"
        )
        return
    db.execute_sql(
        f"CREATE TABLE IF NOT EXISTS {GRAM_TABLE} (article_id INTEGER PRIMARY KEY "
        "REFERENCES article (id) ON DELETE CASCADE, grams tsvector NOT NULL)"
    )
    if grams_index:
        create_grams_index(db)
    try:
        with db.atomic():
            db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # no rights or no extension: ILIKE still works, only slower
        return
    for column in INDEXED_COLUMNS:
        db.execute_sql(
            f"CREATE INDEX IF NOT EXISTS article_{column}_trgm "
            f"ON article USING gin ({column} gin_trgm_ops)"
        )


def rebuild_index(db: Database) -> int:
    """Rebuild the whole index from the articles; returns the number of articles."""
    if not is_sqlite(db):
        count, last_id = 0, 0
        db.execute_sql(f"DELETE FROM {GRAM_TABLE}")
        # a thousand articles at a time: the driver would hold a whole result in memory
        batch_sql = (
            "SELECT id, title, body, search_names FROM article WHERE id > %s ORDER BY id LIMIT 1000"
        )
        while batch := db.execute_sql(batch_sql, (last_id,)).fetchall():
            _write_grams(db, [(row[0], row[1:]) for row in batch])
            count, last_id = count + len(batch), batch[-1][0]
        return count
    db.execute_sql(f"INSERT INTO {TRIGRAM_TABLE}({TRIGRAM_TABLE}) VALUES('delete-all')")
    db.execute_sql(f"INSERT INTO {TRIGRAM_TABLE}({TRIGRAM_TABLE}) VALUES('rebuild')")
    db.execute_sql(f"INSERT INTO {GRAM_TABLE}({GRAM_TABLE}) VALUES('delete-all')")
    count = 0
    cursor = db.execute_sql("SELECT id, title, body, search_names FROM article")
    batch = []
    for row in cursor.fetchall():
        batch.append((row[0], bigrams(row[1]), bigrams(row[2]), bigrams(row[3])))
        count += 1
    if batch:
        db.cursor().executemany(
            f"INSERT INTO {GRAM_TABLE}(rowid, title, body, search_names) VALUES (?, ?, ?, ?)",
            batch,
        )
    return count


def index_article(
    db: Database,
    article_id: int,
    new: tuple[str, str, str] | None,
    old: tuple[str, str, str] | None = None,
) -> None:
    """Update the index for one article: remove its `old` (title, body, names), add `new`.

    Called by the article service in the same transaction as the row change. For SQLite the
    external-content and contentless tables need the old values to remove them.
    """
    if not is_sqlite(db):  # the trigram indexes follow the columns; the grams are ours to set
        if new is not None:
            _write_grams(db, [(article_id, new)])
        else:
            db.execute_sql(f"DELETE FROM {GRAM_TABLE} WHERE article_id = %s", (article_id,))
        return
    if old is not None:
        db.execute_sql(
            f"INSERT INTO {TRIGRAM_TABLE}({TRIGRAM_TABLE}, rowid, title, body, search_names) "
            "VALUES('delete', ?, ?, ?, ?)",
            (article_id, *old),
        )
        db.execute_sql(
            f"INSERT INTO {GRAM_TABLE}({GRAM_TABLE}, rowid, title, body, search_names) "
            "VALUES('delete', ?, ?, ?, ?)",
            (article_id, *(bigrams(value) for value in old)),
        )
    if new is not None:
        db.execute_sql(
            f"INSERT INTO {TRIGRAM_TABLE}(rowid, title, body, search_names) VALUES (?, ?, ?, ?)",
            (article_id, *new),
        )
        db.execute_sql(
            f"INSERT INTO {GRAM_TABLE}(rowid, title, body, search_names) VALUES (?, ?, ?, ?)",
            (article_id, *(bigrams(value) for value in new)),
        )
