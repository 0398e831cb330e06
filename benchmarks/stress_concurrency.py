"""Stress test: several processes writing one site at once.

    python benchmarks/stress_concurrency.py --db /tmp/stress.newsdesk
    python benchmarks/stress_concurrency.py --db postgresql://user:pw@host/benchdb

1. The save race: --processes processes each save their own article --saves times (read
   the version, save on top of it), all at once.
2. The mixed load: two `newsdesk import` commands of --files Markdown files each, an
   `export --full` and one more process saving an article, all at once.

Counts every error (a failed save, a failed import file, a non-zero exit) and every lost
write (a save reported done that is not a version of its article, a file reported imported
that is not an article). Target: 0 errors, 0 lost. The site is created when missing; on an existing
site (a PostgreSQL benchmark database) it works in a section of its own. Prints one JSON
document; the address is shown without its password.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEADLINE_S = 900


def save_worker(location: str, article_id: int, count: int) -> None:
    """Save one article `count` times; print {"done", "conflicts", "errors", "last",
    "seconds"} (the time of the saves, without starting Python)."""
    from editor.errors import ConflictError
    from editor.workspace import Workspace

    done = conflicts = 0
    errors: list[str] = []
    last = None
    with Workspace.open(location, user=f"stress{article_id}") as ws:
        start = time.perf_counter()
        for n in range(count):
            token = f"token {article_id}-{n}"
            try:
                version = ws.articles.get(article_id).version
                ws.articles.update(article_id, {"body": token}, version)
                done += 1
                last = token
            except ConflictError:
                conflicts += 1
            except Exception as exc:  # counted, whatever it is
                errors.append(repr(exc)[:200])
        seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "done": done,
                "conflicts": conflicts,
                "errors": errors,
                "last": last,
                "seconds": seconds,
            }
        )
    )


def _spawn(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NEWSDESK_LANG": "en"},
    )


def _saver(location: str, article_id: int, count: int) -> subprocess.Popen:
    return _spawn(__file__, "--worker-save", location, str(article_id), str(count))


def _finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=DEADLINE_S)
    return process.returncode, out, err


def _prepare(location: str, articles: int) -> tuple[str, list[int]]:
    from editor.workspace import Workspace

    with Workspace.open(location, create=True, user="stress") as ws, ws.edit():
        section = ws.sections.create(f"压力测试{uuid.uuid4().hex[:6]}")
        ids = [
            ws.articles.create({"title": f"压力稿件{n}", "section": section.id, "body": "起"}).id
            for n in range(articles)
        ]
        return ws.sections.path_of(section.id), ids


def _lost_saves(location: str, results: dict[int, dict]) -> int:
    """Saves reported done that are not versions of their article (or not its last text)."""
    from editor.workspace import Workspace

    lost = 0
    with Workspace.open(location) as ws:
        for article_id, result in results.items():
            article = ws.articles.get(article_id)
            lost += max(0, result["done"] - (article.version - 1))
            if result["last"] is not None and article.body != result["last"]:
                lost += 1
    return lost


def _collect_saves(workers: dict[int, subprocess.Popen]) -> tuple[dict[int, dict], list[str]]:
    results, errors = {}, []
    for article_id, worker in workers.items():
        code, out, err = _finish(worker)
        if code != 0:
            errors.append(f"saver {article_id} exited {code}: {err.strip()[-200:]}")
            results[article_id] = {
                "done": 0,
                "conflicts": 0,
                "errors": [],
                "last": None,
                "seconds": 0.0,
            }
            continue
        results[article_id] = json.loads(out)
        errors.extend(results[article_id]["errors"])
    return results, errors


def save_race(location: str, processes: int, saves: int) -> dict:
    _section, ids = _prepare(location, processes)
    start = time.perf_counter()
    workers = {aid: _saver(location, aid, saves) for aid in ids}
    results, errors = _collect_saves(workers)
    seconds = time.perf_counter() - start
    done = sum(r["done"] for r in results.values())
    saving = max(r["seconds"] for r in results.values())  # the slowest worker's save loop
    return {
        "processes": processes,
        "saves_asked": processes * saves,
        "saves_done": done,
        "conflicts": sum(r["conflicts"] for r in results.values()),
        "seconds": round(seconds, 2),
        "saves_per_s": round(done / saving, 1) if saving else None,
        "errors": len(errors),
        "error_samples": errors[:5],
        "lost": _lost_saves(location, results),
    }


def _markdown_batch(folder: Path, prefix: str, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"{prefix}-{n}.md").write_text(
            f"---\ntitle: {prefix} 第{n}篇稿件\n---\n\n{prefix} 的第{n}篇正文，各不相同：{uuid.uuid4()}\n",
            encoding="utf-8",
        )
    return folder


def mixed_load(location: str, files: int, saves: int, work: Path) -> dict:
    from editor.content.articles import ArticleQuery
    from editor.workspace import Workspace

    section, (article_id,) = _prepare(location, 1)
    tag = uuid.uuid4().hex[:6]
    batches = [_markdown_batch(work / f"batch{n}", f"批{tag}{n}", files) for n in range(2)]
    start = time.perf_counter()
    imports = [
        _spawn("-m", "editor", "--db", location, "import", str(b), "--section", section, "--json")
        for b in batches
    ]
    export = _spawn("-m", "editor", "--db", location, "export", str(work / "out"), "--full")
    saver = {article_id: _saver(location, article_id, saves)}
    errors: list[str] = []
    imported = 0
    for process in imports:
        code, out, err = _finish(process)
        try:
            report = json.loads(out)
        except ValueError:
            report = {"imported": 0, "failed": files, "results": []}
        imported += report["imported"]
        errors.extend(
            f"import {r['path']}: {r.get('reason')}"
            for r in report["results"]
            if r["status"] == "failed"
        )
        if code != 0:
            errors.append(f"import exited {code}: {err.strip()[-200:]}")
    code, _out, err = _finish(export)
    if code != 0:
        errors.append(f"export exited {code}: {err.strip()[-200:]}")
    results, save_errors = _collect_saves(saver)
    errors.extend(save_errors)
    seconds = time.perf_counter() - start
    with Workspace.open(location) as ws:
        stored = ws.articles.count(ArticleQuery(section=section)) - 1  # minus the saved one
    return {
        "imports": 2,
        "files": 2 * files,
        "imported": imported,
        "saves_done": results[article_id]["done"],
        "seconds": round(seconds, 2),
        "errors": len(errors),
        "error_samples": errors[:5],
        "stored": stored,
        "lost": max(0, imported - stored) + _lost_saves(location, results),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a SQLite file or a postgresql:// URL (required)")
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--files", type=int, default=300, help="Markdown files per import")
    parser.add_argument("--worker-save", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker_save:
        location, article_id, count = args.worker_save
        save_worker(location, int(article_id), int(count))
        return
    if not args.db:
        parser.error("--db is required")
    from editor.store.db import parse_target

    with tempfile.TemporaryDirectory(prefix="newsdesk-stress-") as work:
        race = save_race(args.db, args.processes, args.saves)
        mixed = mixed_load(args.db, args.files, args.saves, Path(work))
    print(
        json.dumps(
            {
                "db": parse_target(args.db).describe(),
                "saves_per_s": race["saves_per_s"],
                "errors": race["errors"] + mixed["errors"],
                "lost": race["lost"] + mixed["lost"],
                "save_race": race,
                "imports_export_and_save": mixed,
            },
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
