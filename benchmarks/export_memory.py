"""Time and peak memory of full exports of a site, as the command line runs them.

    python benchmarks/export_memory.py --db SITE [--runs 2] [--keep-cache]

The site is copied first (left untouched). Unless --keep-cache, the copy's Markdown cache
of bodies is emptied, so the first run is a full export straight after an import or a
generation; each further run exports again into a new folder (bodies cached). Each export is
`python -m editor --db COPY export OUT --full --json` in a fresh process; the bundle is
removed after each run to spare the disk. Memory is sampled every 50 ms over the process and
its render workers: `peak_pss_mb` sums their proportional set sizes (pages shared between
the parent and its forked workers counted once), `peak_rss_mb` their resident sizes (shared
pages counted in every process). Prints one JSON document.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_export import _tree  # the process and its render workers

ROOT = Path(__file__).resolve().parent.parent


def _memory(pids: list[int]) -> tuple[int, int]:
    """(summed PSS, summed RSS) in kB."""
    pss = rss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                    elif line.startswith("Rss:"):
                        rss += int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return pss, rss


def export(db: Path, out: Path) -> dict:
    """One full export in a fresh process: its JSON, wall time and peak memory."""
    command = [sys.executable, "-m", "editor", "--db", str(db), "export", str(out)]
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--full", "--json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    peak = [0, 0, 0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            pids = _tree(process.pid)
            pss, rss = _memory(pids)
            if pss > peak[0]:
                peak[:] = [pss, rss, len(pids)]
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out_text, err_text = process.communicate()
    stop.set()
    sampler.join()
    wall = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"export failed:\n{err_text.decode(errors='replace')[-3000:]}")
    result = json.loads(out_text)
    return {
        "wall_s": round(wall, 3),
        "export_s": result["seconds"],
        "written": result["written"],
        "phases": result["phases"],
        "peak_pss_mb": round(peak[0] / 1024, 1),
        "peak_rss_mb": round(peak[1] / 1024, 1),
        "processes_at_peak": peak[2],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--keep-cache", action="store_true")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="newsdesk-memory-", dir=args.db.parent))
    report: dict = {"site": str(args.db), "cores": os.cpu_count(), "runs": []}
    try:
        db = work / "site.newsdesk"
        shutil.copy2(args.db, db)
        connection = sqlite3.connect(db)
        report["articles"] = connection.execute("SELECT COUNT(*) FROM article").fetchone()[0]
        if not args.keep_cache:
            with connection:
                connection.execute("UPDATE article SET body_html = '', body_html_key = ''")
        connection.close()
        for number in range(args.runs):
            out = work / f"out{number}"
            report["load_average_before"] = report.get("load_average_before", os.getloadavg()[0])
            report["runs"].append(export(db, out))
            shutil.rmtree(out, ignore_errors=True)
        report["load_average_after"] = os.getloadavg()[0]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
