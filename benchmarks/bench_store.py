"""Store benchmark: open, list, search and save on a 100,000-article site.

    python benchmarks/bench_store.py [--articles 100000] [--repeat 7]

Makes (or reuses) the corpus from make_store_corpus.py, then times each path several times
and reports the median and the worst in milliseconds, with the number of queries each path
ran. Targets: open ≤ 500 ms; a page of 100 rows of a section subtree ≤ 50 ms; a 2- and a
4-character Chinese search ≤ 100 ms; one save with revision and index ≤ 20 ms. Also timed:
an article's paragraph pasted into the search box, cut into 3-character words (the first 12
are searched for).
Prints one JSON document.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.make_store_corpus import DEFAULT_OUT, ensure  # noqa: E402

TARGETS_MS = {
    "open": 500,
    "list_page_subtree": 50,
    "list_page_subtree_deep": 50,
    "list_page_leaf": 50,
    "search_2_chars": 100,
    "search_4_chars": 100,
    "save": 20,
}


def timed(function, repeat: int) -> tuple[dict, object]:
    from playhouse.test_utils import count_queries

    samples, result, queries = [], None, 0
    for _ in range(repeat):
        with count_queries() as counter:
            start = time.perf_counter()
            result = function()
            samples.append((time.perf_counter() - start) * 1000)
        queries = counter.count
    return {
        "median_ms": round(statistics.median(samples), 2),
        "max_ms": round(max(samples), 2),
        "queries": queries,
    }, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--sections", type=int, default=200)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--db", help="a postgresql:// URL of a database made for benchmarks")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    location = args.db or str(args.out)

    corpus = ensure(args.db or args.out, args.articles, args.sections)

    from editor.content.articles import ArticleQuery
    from editor.workspace import Workspace

    results: dict[str, dict] = {}
    opened = []

    def open_site():
        ws = Workspace.open(location, user="bench")
        ws.summary()
        opened.append(ws)
        return ws

    results["open"], _ = timed(open_site, 1)
    for extra in opened:
        extra.close()
    samples = []
    for _ in range(args.repeat - 1):  # opening again, each time from a closed state
        start = time.perf_counter()
        ws = Workspace.open(location, user="bench")
        ws.summary()
        samples.append((time.perf_counter() - start) * 1000)
        ws.close()
    results["open"]["median_ms"] = round(statistics.median(samples), 2)
    results["open"]["max_ms"] = round(max(samples + [results["open"]["max_ms"]]), 2)

    ws = Workspace.open(location, user="bench")
    tree = ws.sections.tree()
    top = tree.roots[0]
    leaf = top.children[-1]
    results["list_page_subtree"], rows = timed(
        lambda: ws.articles.list(ArticleQuery(section=top.id, limit=100)), args.repeat
    )
    results["list_page_subtree"]["rows"] = len(rows)
    results["list_page_subtree_deep"], rows = timed(
        lambda: ws.articles.list(ArticleQuery(section=top.id, limit=100, offset=2000)), args.repeat
    )
    results["list_page_leaf"], rows = timed(
        lambda: ws.articles.list(ArticleQuery(section=leaf.id, limit=100)), args.repeat
    )
    results["list_page_leaf"]["rows"] = len(rows)
    for name, text in (("search_2_chars", "成都"), ("search_4_chars", "上海交大")):
        results[name], rows = timed(
            lambda text=text: ws.articles.list(ArticleQuery(search=text, limit=100)), args.repeat
        )
        results[name]["rows"] = len(rows)
        results[name]["query"] = text
        count_stats, total = timed(
            lambda text=text: ws.articles.count(ArticleQuery(search=text)), 3
        )
        results[name]["matches"] = total
        results[name]["count_median_ms"] = count_stats["median_ms"]
    results["search_1_char"], rows = timed(
        lambda: ws.articles.list(ArticleQuery(search="湖", limit=100)), args.repeat
    )
    article_id = rows[0].id if rows else 1
    # a paragraph pasted into the search box, as space-separated pieces
    from editor.content.search import search_terms

    body = ws.articles.get(article_id).body
    text = max(body.splitlines(), key=len)  # its longest paragraph, cut into 3-character words
    paragraph = " ".join(text[i : i + 3] for i in range(0, len(text), 3))
    results["search_pasted_paragraph"], rows = timed(
        lambda: ws.articles.list(ArticleQuery(search=paragraph, limit=100)), 3
    )
    results["search_pasted_paragraph"].update(
        words=len(paragraph.split()), searched=len(search_terms(paragraph).used), rows=len(rows)
    )

    def save():
        current = ws.articles.get(article_id)
        return ws.articles.update(
            article_id, {"body": current.body + "补充一句。"}, current.version
        )

    results["save"], _ = timed(save, args.repeat)
    ws.close()

    verdicts = {name: results[name]["median_ms"] <= limit for name, limit in TARGETS_MS.items()}
    print(
        json.dumps(
            {
                "corpus": corpus,
                "results": results,
                "targets_ms": TARGETS_MS,
                "within_target": verdicts,
            },
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
