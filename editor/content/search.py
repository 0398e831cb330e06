"""Full-text search over title, body, 来源 and people that works for Chinese: the queries.

The index tables and their upkeep are in `editor.store.search_index`. SQLite: terms of
three characters or more match `article_fts` (trigrams); shorter ones match
`article_grams` (the text pre-cut into CJK bigrams plus the last character of each run): a
two-character term is one token lookup, a one-character term a prefix lookup. Neither path
scans the articles.

PostgreSQL: terms of three characters or more are ILIKE over the same columns, helped by
pg_trgm GIN indexes where the server has the extension; shorter ones, which trigrams cannot
serve, look up the tsvector of bigrams in `article_grams`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from peewee import Database, Expression

from editor.store.engines import reading
from editor.store.models import is_sqlite
from editor.store.search_index import GRAM_TABLE, TRIGRAM_TABLE, cjk_run, segment_pattern


@contextmanager
def index_plan(db: Database, text: str | None) -> Iterator[None]:
    """Run a search query with a plan that uses the search indexes (PostgreSQL).

    The article text lives out of line (TOAST), so the planner sees a small table and picks
    a sequential scan, not counting the cost of reading every body: 0.6 s at 20,000 articles
    where the index answers in 10 ms. Sequential scans are ruled out for the query only."""
    if not text or is_sqlite(db):
        yield
        return
    with reading(db):  # a read: it need not wait for another workstation's save
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
    for segment in segment_pattern().findall(term):
        if cjk_run().fullmatch(segment):
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


MAX_TERMS = 12  # words of a query searched for; a pasted paragraph keeps its first ones
MAX_TERM_LENGTH = 200  # characters of one word searched for (a pasted run of text)


@dataclass(frozen=True)
class SearchTerms:
    """The words a search query is cut into: those searched for and those left out."""

    used: list[str]
    ignored: list[str]


def search_terms(query: str | None) -> SearchTerms:
    """The space-separated words of a query, each once, in order: the first MAX_TERMS are
    searched for (each cut to MAX_TERM_LENGTH characters), the rest are ignored.

    Every word narrows the result, so a pasted paragraph searched word for word would find
    only itself; its first words find it as well, and the query stays bounded (SQLite's
    parser and peewee's expression builder give out after some eighty words)."""
    words = list(dict.fromkeys(word for word in re.split(r"\s+", (query or "").strip()) if word))
    used = list(dict.fromkeys(word[:MAX_TERM_LENGTH] for word in words[:MAX_TERMS]))
    return SearchTerms(used, words[MAX_TERMS:])


def match_expression(db: Database, query: str) -> Expression | None:
    """A peewee expression selecting the articles that match every term of
    `search_terms(query).used`, or None for an empty query."""
    from functools import reduce
    from operator import and_, or_

    from peewee import SQL

    from editor.store.models import Article

    terms = search_terms(query).used
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
