"""Two imports of the same files at the same moment: the duplicate check is made inside the
write transaction, so each story is imported exactly once, whoever gets there first."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FILES = 20
DEADLINE_S = 120  # a hung worker fails the test instead of hanging the suite

# A worker: waits for the go signal, then imports the folder. Pictures are fetched after the
# first look for a duplicate and before the transaction; a slow picture host (0.1 s a file)
# holds every import in that gap, where the other process finds the same story not yet saved.
IMPORTER = """
import json, sys, time
from pathlib import Path
from editor.ingest.importer import Importer
from editor.workspace import Workspace
location, folder, ready, go = sys.argv[1:5]
with Workspace.open(location, user="importer") as ws:
    importer = Importer(ws)
    fetch = importer.images.localise
    def slow_host(article):
        time.sleep(0.1)
        return fetch(article)
    importer.images.localise = slow_host
    Path(ready).touch()
    while not Path(go).exists():
        time.sleep(0.01)
    report = importer.import_paths([folder], section="新闻")
print(json.dumps(report.as_dict()))
"""


def _stories(folder: Path) -> Path:
    folder.mkdir()
    for n in range(FILES):
        (folder / f"{n:02d}.md").write_text(
            f"---\ntitle: 同一批稿件第{n}篇\ndate: 2024-05-{n + 1:02d}\n---\n\n第{n}篇的正文。\n",
            encoding="utf-8",
        )
    return folder


def test_two_processes_importing_the_same_files_import_each_story_once(
    workspace, site_location, tmp_path
):
    with workspace.edit():
        workspace.sections.create("新闻")
    folder = _stories(tmp_path / "stories")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    workers = []
    for name in ("a", "b"):
        ready, go = tmp_path / f"ready-{name}", tmp_path / "go"
        command = [sys.executable, "-c", IMPORTER, site_location, str(folder), str(ready), str(go)]
        workers.append(
            (
                ready,
                subprocess.Popen(
                    command,
                    cwd=ROOT,
                    env=env,
                    text=True,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                ),
            )
        )
    try:
        started = time.monotonic()
        for ready, process in workers:  # both open the site before either begins
            while not ready.exists() and process.poll() is None:
                assert time.monotonic() - started < DEADLINE_S, "a worker did not start"
                time.sleep(0.02)
        (tmp_path / "go").touch()
        reports = []
        for _ready, process in workers:
            out, err = process.communicate(timeout=DEADLINE_S)
            assert process.returncode == 0, err
            reports.append(json.loads(out))
    finally:
        for _ready, process in workers:
            if process.poll() is None:
                process.kill()
    assert [r["failed"] for r in reports] == [0, 0], reports
    assert sum(r["imported"] for r in reports) == FILES, reports
    assert sum(r["duplicates"] for r in reports) == FILES, reports
    titles = [row.title for row in workspace.articles.list()]
    assert len(titles) == FILES and len(set(titles)) == FILES
