"""Chinese full-text search: short and long queries, names, and index upkeep."""

from __future__ import annotations

import pytest
from playhouse.test_utils import count_queries

from editor.content.articles import ArticleQuery
from editor.store.models import is_sqlite
from editor.store.search_index import bigrams


@pytest.fixture
def corpus(workspace):
    workspace.sections.create("新闻")
    ws = workspace
    ws.articles.create(
        {
            "title": "成都与上海交大共建研究平台",
            "section": "新闻",
            "body": "市校合作再迎新进展。",
            "source": "成都日报",
            "reporters": ["黄雪松"],
        }
    )
    ws.articles.create(
        {
            "title": "杭州西湖文化节开幕",
            "section": "新闻",
            "body": "西湖书院举办讲座,上海游客踊跃参加。",
            "source": "浙江日报",
            "responsible_editor": "网宣黄怡竞",
        }
    )
    ws.articles.create(
        {
            "title": "Python 3.13 发布",
            "section": "新闻",
            "body": "新版本带来 JIT 编译器。",
            "photographers": ["魏麟潇"],
        }
    )
    return ws


def titles(ws, text):
    return sorted(r.title for r in ws.articles.list(ArticleQuery(search=text)))


def test_bigram_cut():
    assert bigrams("成都日报") == "成都 都日 日报 报"
    assert bigrams("共建5个") == "共建 建 5 个"


def test_two_and_four_character_queries(corpus):
    assert titles(corpus, "成都") == ["成都与上海交大共建研究平台"]
    assert titles(corpus, "上海交大") == ["成都与上海交大共建研究平台"]
    assert titles(corpus, "上海") == ["成都与上海交大共建研究平台", "杭州西湖文化节开幕"]
    assert titles(corpus, "西湖书院") == ["杭州西湖文化节开幕"]


def test_one_character_and_latin_queries(corpus):
    assert titles(corpus, "湖") == ["杭州西湖文化节开幕"]
    assert titles(corpus, "杭") == ["杭州西湖文化节开幕"]
    assert titles(corpus, "JIT") == ["Python 3.13 发布"]
    assert titles(corpus, "py") == ["Python 3.13 发布"]
    assert titles(corpus, "pyth") == ["Python 3.13 发布"]


def test_source_and_people_are_searchable(corpus):
    assert titles(corpus, "黄雪松") == ["成都与上海交大共建研究平台"]
    assert titles(corpus, "浙江日报") == ["杭州西湖文化节开幕"]
    assert titles(corpus, "黄怡竞") == ["杭州西湖文化节开幕"]
    assert titles(corpus, "魏麟潇") == ["Python 3.13 发布"]


def test_several_terms_must_all_match(corpus):
    assert titles(corpus, "上海 西湖") == ["杭州西湖文化节开幕"]
    assert titles(corpus, "上海 没有的词") == []


def test_quotes_and_operators_are_plain_text(corpus):
    assert titles(corpus, '"成都" OR') == []
    assert titles(corpus, "AND") == []
    assert titles(corpus, "*") == []


def test_index_follows_edits(corpus):
    row = corpus.articles.list(ArticleQuery(search="上海交大"))[0]
    corpus.articles.update(
        row.id,
        {"title": "成都与清华共建平台", "body": "无关内容", "reporters": ["张三"]},
        row.version,
    )
    assert titles(corpus, "上海交大") == []
    assert titles(corpus, "黄雪松") == []
    assert titles(corpus, "清华") == ["成都与清华共建平台"]
    assert titles(corpus, "张三") == ["成都与清华共建平台"]


def test_search_page_is_a_fixed_number_of_queries(corpus):

    with count_queries() as counter:
        corpus.articles.list(ArticleQuery(search="上海"))
    if is_sqlite(corpus.db):
        assert counter.count <= 5  # tree, term probe, page ids, rows, reporters
    else:  # tree, planner setting, page ids, setting back, rows, reporters
        assert counter.count <= 6


def test_common_terms_take_the_newest_first_walk(corpus, monkeypatch):
    """Past COMMON_TERM matches the planner walks the publish-time index; same results."""
    from editor.content import search

    expected = titles(corpus, "上海")
    expected_long = titles(corpus, "西湖书院")
    monkeypatch.setattr(search, "COMMON_TERM", 0)
    assert titles(corpus, "上海") == expected
    assert titles(corpus, "西湖书院") == expected_long


def test_postgres_short_terms_look_up_the_grams_not_every_article(corpus):
    from editor.content import search

    db = corpus.db
    if is_sqlite(db):
        pytest.skip("PostgreSQL's path")
    for term, expression in (("成都", "'成都'"), ("湖", "'湖':*"), ("Py", "'py':*")):
        clause = search.match_expression(db, term)
        sql, params = db.get_sql_context().sql(clause).query()
        assert "article_grams WHERE grams @@" in sql and "ILIKE" not in sql.upper()
        assert params == [expression]
    with search.index_plan(db, "成都"):
        plan = "\n".join(
            line
            for (line,) in db.execute_sql(
                "EXPLAIN SELECT article_id FROM article_grams WHERE grams @@ %s::tsquery",
                ["'成都'"],
            ).fetchall()
        )
        assert "article_grams_gin" in plan and "Seq Scan" not in plan
    setting = db.execute_sql("SHOW enable_seqscan").fetchone()[0]
    assert setting == "on"  # for the search query only
    row = corpus.articles.list(ArticleQuery(search="上海交大"))[0]
    stored = db.execute_sql("SELECT grams::text FROM article_grams WHERE article_id = %s", [row.id])
    grams = stored.fetchone()[0]
    assert "'成都'" in grams and "'黄雪'" in grams and "'松'" in grams
    corpus.articles.delete(row.id)
    assert titles(corpus, "成都") == []
    left = db.execute_sql("SELECT count(*) FROM article_grams WHERE article_id = %s", [row.id])
    assert left.fetchone()[0] == 0


def test_postgres_upgrade_builds_the_grams_of_existing_articles(site_location, corpus):
    from editor.store import migrations
    from editor.workspace import Workspace

    db = corpus.db
    if is_sqlite(db):
        pytest.skip("PostgreSQL's path")
    db.execute_sql("DROP TABLE article_grams")
    db.execute_sql("UPDATE newsdesk_meta SET value = '6' WHERE key = 'schema_version'")
    corpus.close()
    with Workspace.open(site_location, user="tester") as ws:
        assert migrations.schema_version(ws.db) == migrations.LATEST
        assert titles(ws, "成都") == ["成都与上海交大共建研究平台"]
        assert titles(ws, "湖") == ["杭州西湖文化节开幕"]


# ---- bounded queries (a pasted paragraph, a runaway number) -------------------------------

FILLER = [f"词{number}" for number in range(1000)]


@pytest.mark.parametrize("words", [85, 200, 1000])
def test_a_pasted_paragraph_searches_its_first_words(corpus, words):
    """SQLite's parser gave out at about eighty words and peewee's expression builder at a
    thousand; the first words of a long query are searched for, the rest left out, so a
    paragraph pasted from an article finds that article."""
    paragraph = " ".join(f"report{number}" for number in range(words))
    corpus.articles.create({"title": "长篇外电", "section": "新闻", "body": paragraph})
    assert titles(corpus, paragraph) == ["长篇外电"]
    assert titles(corpus, "成都 " + paragraph) == []  # the words searched for all count
    assert titles(corpus, paragraph + " 成都") == ["长篇外电"]  # past MAX_TERMS: left out
    from editor.content.search import MAX_TERMS

    late = " ".join(f"report{number}" for number in range(MAX_TERMS - 1)) + " 成都"
    assert titles(corpus, late) == []


def test_search_terms_keep_the_first_distinct_words():
    from editor.content.search import MAX_TERM_LENGTH, MAX_TERMS, search_terms

    terms = search_terms("成都  成都 上海\t西湖 " + " ".join(FILLER[:100]))
    assert terms.used[:3] == ["成都", "上海", "西湖"]
    assert len(terms.used) == MAX_TERMS
    assert terms.ignored == FILLER[MAX_TERMS - 3 : 100]
    assert search_terms("  ").used == [] and search_terms(None).ignored == []
    assert search_terms("长" * 5000).used == ["长" * MAX_TERM_LENGTH]


def test_a_query_stays_bounded_however_many_words_it_has(corpus):
    """The SQL of a 200-word query holds at most MAX_TERMS term lookups (on PostgreSQL 200
    ILIKE clauses took half a minute)."""
    from editor.content import search

    db = corpus.db
    clause = search.match_expression(db, " ".join(["上海交大", *FILLER[:199]]))
    sql, params = db.get_sql_context().sql(clause).query()
    assert len(params) <= search.MAX_TERMS * 3
    assert sql.upper().count("ILIKE") + sql.count("MATCH") + sql.count("@@") <= search.MAX_TERMS * 3


def test_a_long_run_of_text_searches_without_error(corpus):
    assert titles(corpus, "成都与上海交大共建研究平台" * 4000) == []
    assert titles(corpus, "成都与上海交大共建研究平台") == ["成都与上海交大共建研究平台"]


def test_paging_numbers_beyond_an_sql_integer_are_refused(corpus):
    from editor.errors import NotFoundError, ValidationError

    huge = 99999999999999999999
    with pytest.raises(ValidationError):
        corpus.articles.list(ArticleQuery(limit=huge))
    with pytest.raises(ValidationError):
        corpus.articles.list(ArticleQuery(offset=huge))
    with pytest.raises(NotFoundError):
        corpus.articles.get(huge)
    assert len(corpus.articles.list(ArticleQuery(limit=100_000))) == 3
