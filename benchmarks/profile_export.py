"""Where the seconds of a full export go: one `export OUT --full` of a site, run as the
command line runs it (forked render workers on Linux), with timers around each step.

    python benchmarks/profile_export.py --db SITE [--out FOLDER] [--workers N]

The export runs in this process through `editor.cli.core.main`, after timing the imports
the command line needs; the steps of the parent are wrapped with wall-clock timers and the
render workers (which inherit the wrappers when forked) add up the CPU time of their own
steps and send it back with each batch. Prints one JSON document:

- `parent_wall_s`: start-up (Python and the program's imports, measured in this process),
  opening the site, the site's checks, catalog queries, planning (site view, paths: a
  full export's workers make its article and list pages' fingerprints as they render),
  reading the export state, starting the worker pool, the rendering phase as the parent
  sees it (waiting for workers, storing rendered bodies, receiving results), the manifest,
  commit, recording the export state and the publish log;
- `workers_cpu_s`: summed over the workers: body queries, Markdown, page values (context),
  template rendering, hashing, writing files (folders, open, write), and packing results
  for the parent (pickling, measured on a copy), with `other` the rest of their CPU time;
- `parent_receive_s`: unpickling the workers' results in the parent (measured on copies).

The wrappers cost a little themselves: compare `export_s` with an unwrapped run.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WALL: dict[str, float] = {}
CPU: dict[str, float] = {}  # this process's CPU by step (in a worker: since the last batch)


def _wall(name: str, function):
    def wrapped(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            WALL[name] = WALL.get(name, 0.0) + time.perf_counter() - started

    return wrapped


def _cpu(name: str, function):
    def wrapped(*args, **kwargs):
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            CPU[name] = CPU.get(name, 0.0) + time.process_time() - started

    return wrapped


def install() -> None:
    """Wrap the steps of the export (before any worker is forked)."""
    import hashlib

    import jinja2

    from editor.content import catalog, checks, publish_log
    from editor.publish import export, kinds, markdown, plan, worker
    from editor.publish.export import Exporter
    from editor.workspace import Workspace

    Workspace.open = _wall("open_site", Workspace.open)
    checks.CheckService.before_publish = _wall("checks", checks.CheckService.before_publish)
    export.catalog_queries.load_catalog = _wall("catalog_queries", catalog.load_catalog)
    export.catalog_queries.load_export_state = _wall("export_state_read", catalog.load_export_state)
    export.SiteView = _wall("planning", export.SiteView)
    export.plan_outputs = _wall("planning", export.plan_outputs)
    Exporter._start_pool = _wall("pool_start", Exporter._start_pool)
    Exporter._produce = _wall("render_phase", Exporter._produce)
    Exporter._manifest = _wall("manifest", Exporter._manifest)
    export.Staging.commit = _wall("commit", export.Staging.commit)
    export.catalog_queries.save_export_state = _wall("export_state_save", catalog.save_export_state)
    export.catalog_queries.store_rendered_bodies = _wall(
        "store_rendered_bodies", catalog.store_rendered_bodies
    )
    publish_log.log_export = _wall("publish_log", publish_log.log_export)

    # the workers' steps (CPU time of the process that runs them)
    catalog.load_bodies = _cpu("body_queries", catalog.load_bodies)
    plan.load_bodies = catalog.load_bodies
    plan.render_markdown = _cpu("markdown", markdown.render_markdown)
    for page_kind in kinds.KINDS.values():
        if page_kind.template is not None:
            cls = type(page_kind)
            cls.context = _cpu("context", cls.context)
    jinja2.Template.render = _cpu("templates", jinja2.Template.render)
    sha256 = hashlib.sha256
    worker.hashlib = type("hashlib", (), {"sha256": staticmethod(_cpu("hashing", sha256))})
    worker.BatchRenderer.write = _cpu("writing", worker.BatchRenderer.write)

    ORIGINAL["render_batch"] = worker.render_batch
    worker.render_batch = profiled_batch
    receive = Exporter._pool_results

    def pool_results(pool, batches):
        return unpacked(receive(pool, batches))  # (the batches go to the workers at once)

    def unpacked(received):
        for *result, spent in received:
            for key, value in spent.items():
                WORKER_TOTALS[key] = WORKER_TOTALS.get(key, 0.0) + value
            started = time.perf_counter()
            pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
            WALL["parent_receive"] = (
                WALL.get("parent_receive", 0.0) + (time.perf_counter() - started) / 2
            )  # (half a round trip: the unpickling side)
            yield tuple(result)

    Exporter._pool_results = staticmethod(pool_results)


WORKER_TOTALS: dict[str, float] = {}  # the workers' CPU by step, summed
ORIGINAL: dict = {}


def profiled_batch(batch):
    """A worker's batch with the CPU time of its steps appended to the result."""
    CPU.clear()
    started = time.process_time()
    result = ORIGINAL["render_batch"](batch)
    packed = time.process_time()
    pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    CPU["packing_results"] = time.process_time() - packed
    CPU["batch_total"] = time.process_time() - started
    return (*result, dict(CPU))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the site (copied first, left untouched)")
    parser.add_argument("--out", help="the export folder (default: a new temporary folder)")
    parser.add_argument("--workers", type=int, help="render workers (default: all cores)")
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    begun = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    python_start = time.perf_counter() - begun  # the interpreter alone
    started = time.perf_counter()
    import editor.cli.core  # noqa: F401  (the command line's imports, timed)
    import editor.publish.export  # noqa: F401
    import editor.workspace  # noqa: F401

    imports = time.perf_counter() - started
    work = Path(tempfile.mkdtemp(prefix="newsdesk-profile-"))
    try:
        db = work / "site.newsdesk"
        shutil.copy2(args.db, db)
        out = Path(args.out) if args.out else work / "out"
        install()
        if args.workers:
            from editor.publish import export

            default = export.Exporter.__init__

            def with_workers(self, workspace, **kwargs):
                kwargs["workers"] = args.workers
                default(self, workspace, **kwargs)

            export.Exporter.__init__ = with_workers
        from editor.cli.core import main as cli_main

        printed = io.StringIO()
        begun = time.perf_counter()
        with redirect_stdout(printed):
            code = cli_main(["--db", str(db), "export", str(out), "--full", "--json"])
        command = time.perf_counter() - begun
        if code:
            raise SystemExit(f"export failed with exit code {code}")
        result = json.loads(printed.getvalue())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    # with one worker the pages render in this process: its step times are the workers'
    totals = dict(WORKER_TOTALS) or {**CPU, "batch_total": WALL.get("render_phase", 0.0)}
    spent_batches = totals.pop("batch_total", 0.0)
    workers = {key: round(value, 3) for key, value in sorted(totals.items())}
    workers["other"] = round(spent_batches - sum(totals.values()), 3)
    parent = {key: round(value, 3) for key, value in sorted(WALL.items())}
    parent["imports"] = round(imports, 3)
    parent["command_total"] = round(command, 3)
    report = {
        "articles": result.get("rendered"),
        "written": result["written"],
        "export_s": result["seconds"],
        "phases": result["phases"],
        "parent_wall_s": parent,
        "workers_cpu_s": workers,
        "workers_cpu_total_s": round(spent_batches, 3),
        "python_start_s": round(python_start, 3),
        "cores": os.cpu_count(),
        "load_average": os.getloadavg()[0],
    }
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
