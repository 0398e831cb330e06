"""Incremental exports from the running application: the publisher of one open workspace
exports again after one edit, as the export dialog or 发布 does, with its catalog warm.

    python benchmarks/bench_incremental.py [--db PATH] [--articles 10000] [--rounds 3]

Without --db a copy of the export benchmark's corpus is used (`make_export_corpus.py`,
built when missing); a site given with --db gets the articles and edits of the rounds. The
bundle goes to a temporary folder (or --out). After a first export (not
measured) each round measures, in one process:

- publish: a draft is 发布'd (status published, now) and the site exported;
- new: a new published article is saved and the site exported;
- edit: a visible article's title is changed and the site exported;
- body: a visible article's body is changed (nothing a list shows) and the site exported;
- nothing: the site is exported again with nothing changed.

The application exports as the export dialog does, publishing first the pages a reader
needs to find the edit (`Publisher.export(first=…)`): each measurement prints one JSON
line with `seconds` until those pages were in the bundle (the first pass, or the whole
export when it made one pass), `whole_seconds` until the export returned, files written
(in all and by the first pass), the first pass's phases and whether the warm catalog was
brought up to date instead of read whole. The last line holds the medians (`median_new_s`:
the new page live; `median_new_whole_s`: every page written). No Qt is involved: the warm catalog lives in the
publisher (`editor.publish.warm`).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCENARIOS = ("publish", "new", "edit", "body", "nothing")


def corpus(articles: int) -> Path:
    """The export benchmark's corpus of this size (built when missing)."""
    out = ROOT / "benchmarks" / "data" / f"export-{articles // 1000}k.newsdesk"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_export_corpus.py"), "--articles",
         str(articles), "--out", str(out)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return out


def main(argv=None) -> int:
    """Run the rounds and print JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing site (a copy is not made: it gets articles)")
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", help="the bundle folder (default: a temporary folder)")
    args = parser.parse_args(argv)

    from editor.workspace import Workspace

    work = tempfile.TemporaryDirectory(prefix="bench-incremental-")
    location = args.db
    if not location:
        location = str(Path(work.name) / "site.newsdesk")
        shutil.copyfile(corpus(args.articles), location)
    out = Path(args.out) if args.out else Path(work.name) / "site"
    with Workspace.open(location) as ws:
        first = ws.publisher.export(out)
        print(json.dumps({"scenario": "first", "seconds": round(first.seconds, 3)}), flush=True)
        tree = ws.sections.public_tree()
        section = next(n for n in tree if n.parent_id is not None and not n.children)
        samples: dict[str, list[float]] = {
            name: [] for scenario in SCENARIOS for name in (scenario, f"{scenario}_whole")
        }
        for number in range(args.rounds):
            for scenario in SCENARIOS:
                prepare(ws, scenario, section.id, number)
                firsts: list[float] = []
                started = time.perf_counter()
                result = ws.publisher.export(
                    out, first=lambda _r, f=firsts, s=started: f.append(time.perf_counter() - s)
                )
                seconds = time.perf_counter() - started
                live = firsts[0] if firsts else seconds  # (one pass: live when it ends)
                samples[scenario].append(live)
                samples[f"{scenario}_whole"].append(seconds)
                warm = ws.publisher._warm
                line = {
                    "scenario": scenario,
                    "round": number + 1,
                    "seconds": round(live, 4),
                    "whole_seconds": round(seconds, 4),
                    "written": result.written,
                    "first_written": result.first.written if result.first else None,
                    "warm": bool(warm is not None and warm.reused),
                    "phases": result.first.phases if result.first else result.phases,
                }
                print(json.dumps(line, ensure_ascii=False), flush=True)
        summary = {
            "articles": ws.articles.count(),
            "rounds": args.rounds,
            **{f"median_{name}_s": round(statistics.median(samples[name]), 4) for name in samples},
        }
        print(json.dumps(summary), flush=True)
    work.cleanup()
    return 0


def prepare(ws, scenario: str, section_id: int, number: int) -> None:
    """Make the edit a scenario measures (not timed)."""
    moment = datetime.now().replace(microsecond=0)
    if scenario == "publish":
        with ws.edit():
            draft = ws.articles.create(
                {"title": f"待发布的稿件{number}", "section": section_id, "body": "草稿正文。"}
            )
        with ws.edit():  # 发布: the draft goes live now
            ws.articles.publish(draft.id, moment)
    elif scenario == "new":
        with ws.edit():
            ws.articles.create(
                {
                    "title": f"新发的稿件{number}",
                    "section": section_id,
                    "body": "新稿件的正文。\n\n第二段。",
                    "status": "published",
                    "publish_time": moment,
                }
            )
    elif scenario == "body":
        rows = [r for r in ws.articles.list() if r.status == "published" and not r.scheduled]
        article = ws.articles.get(rows[10 + number].id)
        with ws.edit():
            ws.articles.update(
                article.id, {"body": f"改写的正文（第{number + 1}版）。"}, article.version
            )
    elif scenario == "edit":
        rows = [r for r in ws.articles.list() if r.status == "published" and not r.scheduled]
        row = rows[3 + number]
        article = ws.articles.get(row.id)
        with ws.edit():
            ws.articles.update(row.id, {"title": f"{article.title}（更新）"}, article.version)


if __name__ == "__main__":
    sys.exit(main())
