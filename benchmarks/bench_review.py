"""Review benchmark: the pre-publish checks of one 3,000-character article, SimHash
near-duplicate search over 100,000 fingerprints, and a 待审 queue of 1,000 waiting articles.

    python benchmarks/bench_review.py [--fingerprints 100000] [--queue 1000] [--runs 20]
                                      [--site PATH] [--site-articles 100000]

- `checks`: every `article`-stage check (word lists, 错别字 with jieba, punctuation, numbers,
  layout, fields, near-duplicates, the review record) on a 3,000-character article built
  from the demo articles' text with a few planted errors, on a SQLite site holding the demo
  articles. `first_ms` includes loading jieba's dictionary; `median_ms`/`max_ms` are the
  runs after it.
- `simhash`: a banded index of synthetic fingerprints (random 64-bit values, plus planted
  near copies); `search_*` time one `near()` lookup, `fingerprint_ms` one 3,000-character
  text.
- `simhash_site`: the fingerprints kept in a site of `--site-articles` articles of about
  400 characters (`--site`, made when missing: bulk-inserted in the store corpus's
  vocabulary, without the search index): `first_sync_s` fingerprints every
  article (once per site, the fingerprints are kept), `resync_ms` a sync with nothing
  saved, `lookup_*` one band lookup in the database (`near_in_site`, 200 near copies of
  kept prints and 200 random values), `quick_check_ms` the `duplicates.near` check of a
  freshly saved near copy as the editor runs it after a save, `new_process_check_ms` the
  same check as the first one of a new process (nothing built in memory).
- `queue`: `queue_for` of a desk head over that many articles waiting at 初审 and 复审,
  and building the queue window offscreen (`window_ms`) when Qt is available.

Prints one JSON document.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from editor.content import checks  # noqa: E402
from editor.content.demo import load_demo  # noqa: E402
from editor.content.simhash import SimHashIndex, fingerprint  # noqa: E402
from editor.workspace import Workspace  # noqa: E402

PLANTED = "据悉，工人正在为新楼按装电梯...二0二四年物价上涨3-5%。"


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _article_text(ws) -> str:
    bodies = [ws.articles.get(row.id).body for row in ws.articles.list()]
    text = "\n\n".join(bodies)
    return (PLANTED + "\n\n" + text)[:3000]


def bench_checks(folder: Path, runs: int) -> dict:
    with Workspace.open(str(folder / "checks.newsdesk"), create=True, user="bench") as ws:
        with ws.edit():
            load_demo(ws)
            section = ws.articles.list()[0].section_id
            body = _article_text(ws)
            article = ws.articles.create({"title": "基准稿件", "section": section, "body": body})
        started = time.perf_counter()
        found = checks.run_checks(ws, checks.ARTICLE, [article.id])
        first = time.perf_counter() - started
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            checks.run_checks(ws, checks.ARTICLE, [article.id])
            times.append(time.perf_counter() - started)
    return {
        "characters": len(body),
        "findings": len(found),
        "errors": sum(1 for f in found if f.level == checks.ERROR),
        "first_ms": _ms(first),
        "median_ms": _ms(statistics.median(times)),
        "max_ms": _ms(max(times)),
        "runs": runs,
    }


def bench_simhash(count: int, text: str) -> dict:
    rng = random.Random(2024)
    index = SimHashIndex()
    started = time.perf_counter()
    for key in range(count):
        index.add(key, rng.getrandbits(64))
    build = time.perf_counter() - started
    probes = []
    for key in rng.sample(range(count), 200):
        value = index.prints[key]
        for bit in rng.sample(range(64), 2):
            value ^= 1 << bit
        probes.append((key, value))
    probes += [(None, rng.getrandbits(64)) for _ in range(200)]
    times, found = [], 0
    for key, value in probes:
        started = time.perf_counter()
        hits = index.near(value)
        times.append(time.perf_counter() - started)
        found += key is not None and any(hit == key for hit, _ in hits)
    started = time.perf_counter()
    fingerprint(text)
    one = time.perf_counter() - started
    times.sort()
    return {
        "fingerprints": count,
        "build_s": round(build, 2),
        "searches": len(probes),
        "near_copies_found": found,
        "search_median_ms": _ms(statistics.median(times)),
        "search_p95_ms": _ms(times[int(len(times) * 0.95)]),
        "search_max_ms": _ms(times[-1]),
        "fingerprint_ms": _ms(one),
    }


def light_site(path: Path, articles: int, length: int = 400) -> dict:
    """A site of `articles` articles of about `length` characters in the store corpus's
    vocabulary, bulk-inserted without the search index (a tenth of the store corpus's size);
    reused when it exists."""
    from datetime import datetime, timedelta

    from benchmarks import make_store_corpus as corpus
    from editor.store.models import Article

    if path.exists():
        with Workspace.open(str(path), user="bench") as ws:
            return {"articles": Article.select().count(), "reused": True}
    rng = random.Random(7)
    moment = datetime(2026, 1, 1, 8, 0)
    with Workspace.open(str(path), create=True, user="bench") as ws:
        with ws.edit():
            section = ws.sections.create("要闻", slug="news").id
        for start in range(0, articles, 2000):
            rows = []
            for number in range(start, min(start + 2000, articles)):
                when = moment - timedelta(minutes=number)
                rows.append(
                    {
                        "section": section,
                        "title": "".join(rng.choices(corpus.WORDS, k=rng.randint(4, 8))),
                        "body": corpus.body(rng, length),
                        "status": "published",
                        "publish_time": when,
                        "created_at": when,
                        "updated_at": when,
                    }
                )
            with ws.edit():
                for chunk in range(0, len(rows), 200):
                    Article.insert_many(rows[chunk : chunk + 200]).execute()
        return {"articles": Article.select().count(), "reused": False}


def bench_simhash_site(site: Path, articles: int, runs: int) -> dict:
    import subprocess

    from editor.content import simhash
    from editor.store.models import Meta, SimhashPrint

    corpus = light_site(site, articles)
    with Workspace.open(str(site), user="bench") as ws:
        with ws.edit():
            SimhashPrint.delete().execute()
            Meta.delete().where(Meta.key == simhash.SYNCED_KEY).execute()
        started = time.perf_counter()
        with ws.edit():
            fingerprinted = simhash.sync()
        first_sync = time.perf_counter() - started
        resync = []
        for _ in range(runs):
            started = time.perf_counter()
            simhash.sync()
            resync.append(time.perf_counter() - started)
        original = ws.articles.get(ws.articles.list()[0].id)
        with ws.edit():
            copy = ws.articles.create(
                {
                    "title": "近似稿件（基准）",
                    "section": original.section_id,
                    "body": original.body.replace("。", "！", 2),
                }
            )
        check = simhash.NearDuplicateCheck()
        quick = []
        found = []
        for _ in range(runs):
            context = checks.CheckContext(ws, checks.ARTICLE, [copy.id], quick=True)
            started = time.perf_counter()
            found = list(check.run(context))
            quick.append(time.perf_counter() - started)
        rng = random.Random(5)
        kept = [v for (v,) in SimhashPrint.select(SimhashPrint.value).tuples() if v is not None]
        probes = []
        for value in rng.sample(kept, 200):
            value &= (1 << 64) - 1
            for bit in rng.sample(range(64), 2):
                value ^= 1 << bit
            probes.append(value)
        probes += [rng.getrandbits(64) for _ in range(200)]
        lookups, hits = [], 0
        for value in probes:
            started = time.perf_counter()
            hits += bool(simhash.near_in_site(value))
            lookups.append(time.perf_counter() - started)
        lookups.sort()
        script = (
            "import sys,time;sys.path.insert(0,sys.argv[3]);"
            "from editor.workspace import Workspace;from editor.content import checks;"
            "from editor.content.simhash import NearDuplicateCheck\n"
            "with Workspace.open(sys.argv[1],user='bench') as ws:\n"
            " c=checks.CheckContext(ws,checks.ARTICLE,[int(sys.argv[2])],quick=True)\n"
            " t=time.perf_counter();n=len(list(NearDuplicateCheck().run(c)))\n"
            " print((time.perf_counter()-t)*1000,n)"
        )
        root = str(Path(__file__).resolve().parent.parent)
        fresh = subprocess.run(
            [sys.executable, "-c", script, str(site), str(copy.id), root],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        with ws.edit():
            ws.articles.delete(copy.id)
    return {
        "articles": corpus.get("articles"),
        "fingerprinted": fingerprinted,
        "first_sync_s": round(first_sync, 1),
        "resync_median_ms": _ms(statistics.median(resync)),
        "lookups": len(probes),
        "near_copies_found": hits,
        "lookup_median_ms": _ms(statistics.median(lookups)),
        "lookup_p95_ms": _ms(lookups[int(len(lookups) * 0.95)]),
        "lookup_max_ms": _ms(lookups[-1]),
        "quick_check_median_ms": _ms(statistics.median(quick)),
        "quick_check_max_ms": _ms(max(quick)),
        "quick_check_found_original": any(f.suggestion == str(original.id) for f in found),
        "new_process_check_ms": round(float(fresh[0]), 2),
        "new_process_findings": int(fresh[1]),
    }


def bench_queue(folder: Path, count: int, runs: int) -> dict:
    from editor.content.review_queue import queue_for
    from editor.content.users import UserService
    from editor.store.models import Article, ReviewState, Section, now

    with Workspace.open(str(folder / "queue.newsdesk"), create=True, user="bench") as ws:
        with ws.edit():
            section = ws.sections.create("要闻", slug="news").id
            UserService().add("head", "张主任", ["部门主任"], "benchmark")
            ws.review.set_mode("三审")
            moment = now()
            rows = [
                {"section": section, "title": f"待审稿件 {n}", "body": "正文。" * 50}
                for n in range(count)
            ]
            for start in range(0, count, 200):
                Article.insert_many(rows[start : start + 200]).execute()
            ids = [aid for (aid,) in Article.select(Article.id).tuples()]
            states = [
                {
                    "article_id": aid,
                    "state": "first" if n % 2 else "second",
                    "submitter": "rep",
                    "waiting_since": moment,
                }
                for n, aid in enumerate(ids)
            ]
            for start in range(0, len(states), 200):
                ReviewState.insert_many(states[start : start + 200]).execute()
        assert Section.select().count() == 1
        queue_for(ws.review, "head")  # warm the connection and the caches
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            rows = queue_for(ws.review, "head")
            times.append(time.perf_counter() - started)
        result = {
            "waiting": len(rows),
            "median_ms": _ms(statistics.median(times)),
            "max_ms": _ms(max(times)),
        }
        try:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            from PySide6.QtWidgets import QApplication

            from editor.ui.dialogs.review_dialog import QueueDialog

            app = QApplication.instance() or QApplication([])
            window_times = []
            for _ in range(5):
                started = time.perf_counter()
                dialog = QueueDialog(None, ws, "head")
                window_times.append(time.perf_counter() - started)
                dialog.done(0)  # stops its polling and its background checks
                dialog.deleteLater()
            app.processEvents()
            result["window_ms"] = _ms(statistics.median(window_times))
        except ImportError:
            result["window_ms"] = None
    return result


def main() -> None:
    """Run the three measurements and print them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fingerprints", type=int, default=100_000)
    parser.add_argument("--queue", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--site", type=Path, default=None, help="the store corpus to use")
    parser.add_argument("--site-articles", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        check_result = bench_checks(folder, args.runs)
        with Workspace.open(str(folder / "checks.newsdesk"), user="bench") as ws:
            text = _article_text(ws)
        result = {
            "checks": check_result,
            "simhash": bench_simhash(args.fingerprints, text),
            "queue": bench_queue(folder, args.queue, args.runs),
        }
    site = args.site or Path(__file__).resolve().parent / "data" / (
        f"simhash-{args.site_articles}.newsdesk"
    )
    site.parent.mkdir(parents=True, exist_ok=True)
    result["simhash_site"] = bench_simhash_site(site, args.site_articles, args.runs)
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
