"""Full-text search over title, body, 来源 and people that works for Chinese.

SQLite: two FTS5 indexes. `article_fts` uses the trigram tokenizer over the article table
itself (external content) and serves queries of three characters or more. Trigrams cannot
serve one- and two-character queries, and a LIKE scan grows with the corpus, so
`article_grams` (contentless, unicode61) indexes the text pre-cut into CJK bigrams, plus the
last character of each CJK run: a two-character query is one token lookup, a one-character
query a prefix lookup. Neither path scans the articles.

PostgreSQL: queries of three characters or more are ILIKE over the same columns, helped
by pg_trgm GIN indexes where the server has the extension. Shorter ones, which trigrams
cannot serve, look up `article_grams`: per article a tsvector of the same bigrams, last
characters and (lower-cased) words, built here rather than by a text-search parser, with a
GIN index. A table of its own, so that writing it never rewrites the article row (and with
it the trigram indexes of the body).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from peewee import Database

from editor.content.text import CJK_CLASS, CJK_RUN

TRIGRAM_TABLE = "article_fts"
GRAM_TABLE = "article_grams"
INDEXED_COLUMNS = ("title", "body", "search_names")
_SEGMENT = re.compile(f"[{CJK_CLASS}]+|[^{CJK_CLASS}]+")


def is_sqlite(db: Database) -> bool:
    return db.__class__.__name__.startswith("Sqlite")


def bigrams(text: str) -> str:
    """Text cut for the bigram index: CJK runs become overlapping pairs plus their last
    character; everything else is left for the unicode61 tokenizer."""
    out: list[str] = []
    for segment in _SEGMENT.findall(text or ""):
        if CJK_RUN.fullmatch(segment):
            out.extend(segment[i : i + 2] for i in range(len(segment) - 1))
            out.append(segment[-1])
        else:
            out.append(segment)
    return " ".join(out)


_LEXEME_LIMIT = 200  # characters; a tsvector lexeme may not exceed 2,047 bytes


def gram_lexemes(values) -> list[str]:
    """The lexemes of an article's `article_grams` row (PostgreSQL) for (title, body, names)."""
    return sorted(
        {
            token[:_LEXEME_LIMIT]
            for value in values
            for token in re.findall(r"\w+", bigrams(value).lower())
        }
    )


def create_grams_index(db: Database) -> None:
    db.execute_sql(f"CREATE INDEX IF NOT EXISTS {GRAM_TABLE}_gin ON {GRAM_TABLE} USING gin (grams)")


def _write_grams(db: Database, rows) -> None:
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


@contextmanager
def index_plan(db: Database, text: str | None) -> Iterator[None]:
    """Run a search query with a plan that uses the search indexes (PostgreSQL).

    The article text lives out of line (TOAST), so the planner sees a small table and picks
    a sequential scan, not counting the cost of reading every body: 0.6 s at 20,000 articles
    where the index answers in 10 ms. Sequential scans are ruled out for the query only."""
    if not text or is_sqlite(db):
        yield
        return
    with db.atomic():
        previous, _off = db.execute_sql(
            "SELECT setting.was, set_config('enable_seqscan', 'off', true)"
            " FROM (SELECT current_setting('enable_seqscan') AS was) AS setting"
        ).fetchone()
        try:
            yield
        finally:
            db.execute_sql("SELECT set_config('enable_seqscan', %s, true)", (previous,))


def _short_term_tokens(term: str) -> list[tuple[str, bool]]:
    """The bigram-index tokens of a term of one or two characters, each with whether it is
    looked up as a prefix: a CJK pair is one token; a single CJK character or a word a prefix.
    """
    tokens = []
    for segment in _SEGMENT.findall(term):
        if CJK_RUN.fullmatch(segment):
            tokens.append((segment, len(segment) != 2))
        else:
            tokens.extend((word, True) for word in re.findall(r"\w+", segment.lower()))
    return tokens


def _short_term_tsquery(term: str) -> str:
    """tsquery (input syntax) on `article_grams` for a term of one or two characters."""
    return " & ".join(
        f"'{token}'" + (":*" if prefix else "") for token, prefix in _short_term_tokens(term)
    )


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _short_term_query(term: str) -> str:
    """FTS5 expression on the bigram index for a term of one or two characters."""
    return " AND ".join(
        _quote(token) + ("*" if prefix else "") for token, prefix in _short_term_tokens(term)
    )


COMMON_TERM = 3000  # more matches than this: walk the newest articles instead of the matches


def _fts_clause(db: Database, table: str, expression: str):
    """`article.id IN (matches)`, shaped for the query planner.

    A rare term is best served by looking up its few matches and sorting them. A common
    term (成都 in a third of a corpus) is best served by walking the publish-time index from
    the newest article and keeping those in the match set, which stops after one page;
    `id + 0` hides the rowid from the planner so that it chooses that walk.
    """
    from peewee import SQL

    from editor.store.models import Article

    matches = SQL(f"(SELECT rowid FROM {table} WHERE {table} MATCH ?)", [expression])
    probe = db.execute_sql(
        f"SELECT count(*) FROM (SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?)",
        (expression, COMMON_TERM + 1),
    ).fetchone()[0]
    if probe > COMMON_TERM:
        return (Article.id + 0).in_(matches)
    return Article.id.in_(matches)


def match_expression(db: Database, query: str):
    """A peewee expression selecting the articles that match every term, or None."""
    from functools import reduce
    from operator import and_, or_

    from peewee import SQL

    from editor.store.models import Article

    terms = [term for term in re.split(r"\s+", (query or "").strip()) if term]
    clauses = []
    for term in terms:
        if not is_sqlite(db) and len(term) < 3:
            if expression := _short_term_tsquery(term):
                matches = f"(SELECT article_id FROM {GRAM_TABLE} WHERE grams @@ %s::tsquery)"
                clauses.append(Article.id.in_(SQL(matches, [expression])))
        elif not is_sqlite(db):
            pattern = "%" + re.sub(r"([\\%_])", r"\\\1", term) + "%"
            columns = (Article.title, Article.body, Article.search_names)
            clauses.append(reduce(or_, (column.ilike(pattern) for column in columns)))
        elif len(term) >= 3:
            clauses.append(_fts_clause(db, TRIGRAM_TABLE, _quote(term)))
        elif expression := _short_term_query(term):
            clauses.append(_fts_clause(db, GRAM_TABLE, expression))
    if not clauses:
        return Article.id.is_null() if terms else None  # only operators or signs: no match
    return reduce(and_, clauses)
