"""Import speed: N news pages (the shared fixture pages, each copy with its own title and
original URL) into a new site, one transaction per page. Prints one JSON document.

    .venv/bin/python benchmarks/bench_import.py [--pages 1000] [--fixtures DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_FIXTURES = ROOT.parent / "shared" / "fixtures" / "cn-news-pages"


def make_pages(fixtures: Path, count: int, out: Path) -> list[Path]:
    """`count` page files: fixture i % n with a numbered title and its own canonical URL."""
    sources = sorted(fixtures.glob("*.html"))
    if not sources:
        raise SystemExit(f"No fixture pages in {fixtures}")
    from editor.ingest.reader import Reader

    texts = [s.read_bytes().decode("utf-8", errors="replace") for s in sources]
    reader = Reader()
    titles = [reader.read_path(s).fields["title"] for s in sources]
    pages = []
    for i in range(count):
        text = texts[i % len(texts)]
        tag = f"〔{i}〕"
        title = titles[i % len(texts)]
        if title and title in text:  # wherever the page prints its headline
            text = text.replace(title, tag + title)
        text = re.sub(r"(<title[^>]*>\s*)", rf"\g<1>{tag}", text, count=1, flags=re.I)
        text = re.sub(r"(<h[12](?:\s[^>]*)?>\s*)", rf"\g<1>{tag}", text, flags=re.I)
        text = re.sub(r'(<meta[^>]+og:title[^>]+content=")', rf"\g<1>{tag}", text, flags=re.I)
        text = re.sub(r'<link[^>]+rel="?canonical[^>]*>', "", text, flags=re.I)
        text = re.sub(r'(<meta[^>]+og:url[^>]+content=")[^"]*', r"\g<1>", text, flags=re.I)
        text = re.sub(
            r"(<head(?:\s[^>]*)?>)",
            rf'\g<1><link rel="canonical" href="https://bench.example.cn/a/{i}.html">',
            text,
            count=1,
            flags=re.I,
        )
        path = out / f"{i:04d}-{sources[i % len(sources)].name}"
        path.write_text(text, encoding="utf-8")
        pages.append(path)
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES)
    args = parser.parse_args()

    from editor.ingest.reader import Reader
    from editor.workspace import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "pages")
        folder.mkdir()
        pages = make_pages(args.fixtures, args.pages, folder)
        size = sum(p.stat().st_size for p in pages)

        reader = Reader()
        started = time.perf_counter()
        for page in pages[: min(len(pages), 200)]:
            reader.read_path(page)
        extract_per_page = (time.perf_counter() - started) / min(len(pages), 200)

        workspace = Workspace.open(str(Path(tmp, "bench.newsdesk")), create=True, user="bench")
        try:
            started = time.perf_counter()
            report = workspace.importer.import_paths([str(folder)])
            seconds = time.perf_counter() - started
            data = report.as_dict()
        finally:
            workspace.close()
    failures = [r for r in data["results"] if r["status"] == "failed"][:5]
    print(
        json.dumps(
            {
                "benchmark": "import_html_pages",
                "pages": len(pages),
                "megabytes": round(size / 1048576, 1),
                "seconds": round(seconds, 2),
                "pages_per_second": round(len(pages) / seconds, 1),
                "ms_per_page": round(seconds * 1000 / len(pages), 1),
                "extract_only_ms_per_page": round(extract_per_page * 1000, 1),
                "imported": data["imported"],
                "duplicates": data["duplicates"],
                "failed": data["failed"],
                "first_failures": failures,
                "budget_seconds_per_1000": 60,
            },
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
