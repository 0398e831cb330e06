"""Export: the bundle's files, manifest, incremental runs, zips, atomicity and errors."""

from __future__ import annotations

import hashlib
import json
import threading
import zipfile
from datetime import datetime, timedelta

import pytest

from editor.errors import NewsdeskError
from editor.publish.export import ExportCancelled
from tests.publish import changes


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_bundle_has_every_page_type_and_a_true_manifest(demo_workspace, bundle):
    out, result = bundle
    files = _files(out)
    for path in (
        "index.html",
        "404.html",
        "about.html",
        "feedback.html",
        "contact.html",
        "rss.xml",
        "sitemap.xml",
        "robots.txt",
        "manifest.json",
        "static/css/portal.css",
        "static/js/portal.js",
    ):
        assert path in files, path
    manifest = json.loads(files["manifest.json"])
    assert manifest["generator"] == "Newsdesk"
    assert set(manifest["files"]) == set(files) - {"manifest.json"}
    for path, entry in manifest["files"].items():
        assert entry["sha256"] == hashlib.sha256(files[path]).hexdigest()
        assert entry["size"] == len(files[path])
    tree = demo_workspace.sections.tree()
    for node in tree:
        assert f"{node.slug_path}/index.html" in files
        assert f"{node.slug_path}/index.html" in manifest["sections"][str(node.id)]
    for root in tree.roots:
        assert f"{root.slug_path}/rss.xml" in files
    visible = [
        row
        for row in demo_workspace.articles.list()
        if row.status == "published" and not row.scheduled
    ]
    assert visible
    for row in visible:
        assert manifest["articles"][str(row.id)] == row.url
        assert row.url in files
    assert manifest["pages"] == {
        "about": "about.html",
        "feedback": "feedback.html",
        "contact": "contact.html",
    }
    assert result.written == len(files) and result.deleted == 0


def test_feeds_sitemap_and_robots_use_the_base_url(bundle):
    out, _result = bundle
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://www.sccsbbs.com/index.html</loc>" in sitemap
    assert sitemap.count("<url>") > 40
    rss = (out / "rss.xml").read_text(encoding="utf-8")
    assert rss.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"')
    assert "<link>https://www.sccsbbs.com/" in rss and "<pubDate>" in rss
    robots = (out / "robots.txt").read_text()
    assert "Sitemap: https://www.sccsbbs.com/sitemap.xml" in robots
    import xml.dom.minidom

    xml.dom.minidom.parseString(rss.encode())
    xml.dom.minidom.parseString(sitemap.encode())


def test_second_export_writes_nothing(demo_workspace, bundle):
    out, first = bundle
    before = _files(out)
    again = demo_workspace.publisher.export(out, workers=1)
    assert again.written == 0 and again.deleted == 0
    assert again.unchanged == first.written
    assert _files(out) == before


def test_body_edit_rewrites_only_that_article_page(demo_workspace, bundle):
    out, _first = bundle
    row = next(
        r for r in demo_workspace.articles.list() if r.status == "published" and not r.scheduled
    )
    article = demo_workspace.articles.get(row.id)
    with demo_workspace.edit():
        demo_workspace.articles.update(
            row.id, {"body": article.body + "\n\n新增的一段。\n"}, article.version
        )
    result = demo_workspace.publisher.export(out, workers=1)
    assert row.url in result.written_paths
    assert set(result.written_paths) <= {row.url, "manifest.json", "sitemap.xml"}
    assert "新增的一段" in (out / row.url).read_text(encoding="utf-8")


def test_title_change_reaches_lists_and_unpublish_removes_the_page(demo_workspace, bundle):
    out, _first = bundle
    rows = [
        r for r in demo_workspace.articles.list() if r.status == "published" and not r.scheduled
    ]
    renamed, dropped = rows[0], rows[1]
    with demo_workspace.edit():
        demo_workspace.articles.update(renamed.id, {"title": "改过的标题XYZ"}, None)
        demo_workspace.articles.unpublish(dropped.id)
    delta = out.parent / "delta.zip"
    result = demo_workspace.publisher.export(out, workers=1, delta_zip_path=delta)
    assert dropped.url in result.deleted_paths
    assert not (out / dropped.url).exists()
    assert "改过的标题XYZ" in (out / "index.html").read_text(encoding="utf-8")
    pages = {path: data for path, data in _files(out).items() if path.endswith((".html", ".xml"))}
    assert "index.html" in pages and "sitemap.xml" in pages and len(pages) > 20
    assert [path for path, data in pages.items() if dropped.title.encode() in data] == []
    with zipfile.ZipFile(delta) as archive:
        names = set(archive.namelist())
        deleted = archive.read("deleted.txt").decode().split()
    assert dropped.url in deleted  # with the images only that article showed
    assert all(p == dropped.url or p.startswith("assets/") for p in deleted)
    assert deleted == result.deleted_paths
    assert renamed.url in names and "manifest.json" in names
    assert names - {"deleted.txt"} == set(result.written_paths)


def test_full_export_and_zip(demo_workspace, bundle, tmp_path):
    out, first = bundle
    archive_path = tmp_path / "bundle.zip"
    (out / "about.html").write_text("changed by hand")
    (out / "404.html").unlink()
    result = demo_workspace.publisher.export(out, full=True, zip_path=archive_path, workers=1)
    assert result.full and result.rendered == first.rendered  # everything rendered again
    assert sorted(result.written_paths) == ["404.html", "about.html"]  # only repairs written
    assert "关于儒经网" in (out / "about.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(archive_path) as archive:
        assert set(archive.namelist()) == set(_files(out))


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_parallel_full_export_matches_a_serial_one(demo_workspace, tmp_path, monkeypatch, method):
    import sys

    from editor.publish import export as export_module
    from editor.publish.export import Exporter

    if method == "fork" and not sys.platform.startswith("linux"):
        pytest.skip("render workers are forked on Linux only")
    serial = tmp_path / "serial"
    demo_workspace.publisher.export(serial, workers=1)
    monkeypatch.setattr(export_module, "start_method", lambda: method)
    exporter = Exporter(demo_workspace, workers=2)
    exporter.parallel_threshold = 1
    parallel = tmp_path / "parallel"
    result = exporter.run(parallel, full=True)
    assert _files(parallel) == _files(serial)
    assert result.written == len(_files(serial))
    # the parent's database connection still works after the workers read bodies
    assert demo_workspace.articles.list()
    with demo_workspace.edit():
        demo_workspace.site.update(slogan="并行之后")
    again = exporter.run(parallel)
    assert "index.html" in again.written_paths


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_a_full_export_s_workers_fingerprint_what_they_render_while_the_parent_copies(
    demo_workspace, tmp_path, monkeypatch, method
):
    import sys

    from editor.content.catalog import load_catalog, load_export_state
    from editor.publish import bundle, kinds
    from editor.publish import export as export_module
    from editor.publish.context import SiteView
    from editor.publish.export import Exporter
    from editor.publish.plan import plan_outputs
    from editor.publish.render import PageRenderer

    if method == "fork" and not sys.platform.startswith("linux"):
        pytest.skip("render workers are forked on Linux only")
    monkeypatch.setattr(export_module, "start_method", lambda: method)
    events: list = []
    made_here: list[str] = []  # fingerprints made in this process (a worker's stay in it)
    for name in ("article", "section"):
        cls = type(kinds.kind(name))

        def fingerprint(self, view, renderer, output, real=cls.fingerprint):
            made_here.append(output.path)
            return real(self, view, renderer, output)

        monkeypatch.setattr(cls, "fingerprint", fingerprint)
    from_workers: dict[str, str | None] = {}
    hand_out = Exporter._pool_results

    def handed(pool, batches):
        events.append("pages handed out")
        return received(hand_out(pool, batches))

    def received(results):
        for rendered, *rest in results:
            from_workers.update((row[0], row[4]) for row in rendered)
            yield (rendered, *rest)

    monkeypatch.setattr(Exporter, "_pool_results", staticmethod(handed))
    write = bundle.Staging.write

    def staged(self, relative, data):
        if relative.startswith(("static/", "assets/")):  # (not manifest.json)
            events.append(("copied", relative))
        write(self, relative, data)

    monkeypatch.setattr(bundle.Staging, "write", staged)
    exporter = Exporter(
        demo_workspace, workers=2, progress=lambda _done, _total, message: events.append(message)
    )
    exporter.parallel_threshold = 1
    out = tmp_path / "out"
    exporter.run(out, full=True)
    # the workers made the fingerprints of article and list pages, this process none
    assert not made_here
    view = SiteView(load_catalog(datetime.now().replace(microsecond=0)), exporter.view.theme)
    planned = plan_outputs(view, PageRenderer(view))
    later = {p for p, o in planned.items() if kinds.kind(o.kind).fingerprint_later}
    assert {o.kind for p, o in planned.items() if p in later} == {"article", "section"}
    assert from_workers == {
        path: planned[path].fingerprint if path in later else None
        for path, output in planned.items()
        if not kinds.kind(output.kind).copied
    }
    recorded = load_export_state(str(out.resolve()))
    assert {path: recorded[path][0] for path in planned} == {
        path: output.fingerprint for path, output in planned.items()
    }
    # the theme's files and the stored images are written while the workers render
    first_back = events.index("rendering pages")
    copied = [i for i, event in enumerate(events) if event[0] == "copied"]
    assert len(copied) == len([p for p in _files(out) if p.startswith(("static/", "assets/"))])
    assert events.index("pages handed out") < min(copied) and max(copied) < first_back
    changes.edited_body(demo_workspace)
    again = exporter.run(out)  # incremental: planned with every fingerprint, compared
    assert again.rendered == 1  # the edited article's page: every other fingerprint matched
    events.clear()
    made_here.clear()
    Exporter(
        demo_workspace, workers=1, progress=lambda _done, _total, message: events.append(message)
    ).run(tmp_path / "serial", full=True)
    assert sorted(made_here) == sorted(later)  # rendered here: fingerprinted here
    rendering = [i for i, event in enumerate(events) if event == "rendering pages"]
    copied = [i for i, event in enumerate(events) if event[0] == "copied"]
    assert rendering and copied and max(copied) < rendering[0]  # the copies first
    assert _files(tmp_path / "serial") == _files(out)


def test_render_batches_hold_every_page_once_and_end_in_small_batches():
    from editor.publish.export import ARTICLE_BATCH, PAGE_BATCH, TAIL_BATCH, TAIL_PAGES, _batches
    from editor.publish.kinds import Output

    articles = [Output(f"s{i % 7}/2026/0101/{i}.html", "", "article", i) for i in range(2010)]
    lists = [Output(f"s{i % 7}/index_{i}.html", "", "section", (i % 7, i)) for i in range(1000)]
    batches = _batches(lists[:500] + articles + lists[500:], {"s3/2026/0101/3.html": "old"})
    rendered = [item for batch in batches for item in batch]
    # article pages by path (a section's together), then the others in planned order
    assert [item[0] for item in rendered] == sorted(o.path for o in articles) + [
        o.path for o in lists
    ]
    assert {item[0]: item[3] for item in rendered}["s3/2026/0101/3.html"] == "old"
    assert all(item[1] == "section" for batch in batches[-3:] for item in batch)
    assert max(map(len, batches)) == ARTICLE_BATCH
    assert all(len(batch) <= PAGE_BATCH for batch in batches if batch[0][1] == "section")
    tail = []
    for batch in reversed(batches):
        if len(batch) > TAIL_BATCH:
            break
        tail.extend(batch)
    assert TAIL_PAGES - PAGE_BATCH < len(tail) <= TAIL_PAGES  # the last pages, in small batches
    few = sorted(articles[:30], key=lambda o: o.path)
    assert _batches(articles[:30], {}) == [[(o.path, o.kind, o.key, None, False) for o in few]]
    pending = [Output(o.path, None, o.kind, o.key) for o in articles[:3]]
    assert [item[4] for item in _batches(pending, {})[0]] == [True] * 3  # fingerprint them


def test_render_workers_read_bodies_through_a_small_page_cache(tmp_path):
    from editor.publish.worker import READER_CACHE_KIB, _reader
    from editor.workspace import Workspace

    location = str(tmp_path / "site.newsdesk")
    Workspace.open(location, create=True, user="tester").close()
    connection = _reader("sqlite", location)
    try:
        (size,) = connection.execute_sql("PRAGMA cache_size").fetchone()
    finally:
        connection.close()
    assert size == -READER_CACHE_KIB and READER_CACHE_KIB <= 4096


def test_the_command_line_forks_render_workers_and_the_gui_spawns_them():
    import subprocess
    import sys

    probe = (
        "import sys; from editor.publish.export import start_method; print(start_method()); "
        "import PySide6.QtCore; print(start_method())"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    expected_first = "fork" if sys.platform.startswith("linux") else "spawn"
    assert out == [expected_first, "spawn"]


def test_hidden_articles_appear_nowhere(demo_workspace, tmp_path):
    section = "华商走世界/川商走世界"
    hidden = {
        "草稿标题AAA": {"status": "draft"},
        "待审标题BBB": {"status": "review"},
        "归档标题CCC": {"status": "archived"},
        "定时标题DDD": {"status": "published", "publish_time": datetime.now() + timedelta(days=3)},
    }
    with demo_workspace.edit():
        for title, extra in hidden.items():
            demo_workspace.articles.create(
                {
                    "title": title,
                    "section": section,
                    "body": "正文",
                    "flags": ["headline", "featured", "slideshow"],
                    "hits": 999999,
                    **extra,
                }
            )
    out = tmp_path / "site"
    demo_workspace.publisher.export(out, workers=1)
    files = _files(out)
    assert "index.html" in files and "rss.xml" in files and len(files) > 20
    showing = [
        (title, path) for path, data in files.items() for title in hidden if title.encode() in data
    ]
    assert showing == []


def test_failure_mid_export_leaves_the_previous_bundle_whole(demo_workspace, bundle, monkeypatch):
    out, _first = bundle
    before = _files(out)
    with demo_workspace.edit():
        demo_workspace.site.update(slogan="新的口号")
    from editor.publish import worker

    calls = {"n": 0}
    original = worker.render_output

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] > 5:
            raise RuntimeError("renderer crashed")
        return original(*args, **kwargs)

    monkeypatch.setattr(worker, "render_output", flaky)
    with pytest.raises(RuntimeError):
        demo_workspace.publisher.export(out, workers=1)
    assert _files(out) == before
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".site.")]
    monkeypatch.setattr(worker, "render_output", original)
    result = demo_workspace.publisher.export(out, workers=1)
    assert result.written > 10
    assert "新的口号" in (out / "index.html").read_text(encoding="utf-8")


def test_disk_full_is_reported_and_the_bundle_stays(demo_workspace, bundle, monkeypatch):
    out, _first = bundle
    before = _files(out)
    with demo_workspace.edit():
        demo_workspace.site.update(slogan="磁盘已满时")
    import errno

    from editor.publish import worker

    def full_disk(self, relative, data):
        raise OSError(errno.ENOSPC, "No space left on device", relative)

    monkeypatch.setattr(worker.BatchRenderer, "write", full_disk)
    with pytest.raises(NewsdeskError) as caught:
        demo_workspace.publisher.export(out, workers=1)
    assert "disk is full" in str(caught.value)
    assert "previous bundle" in str(caught.value)
    assert _files(out) == before


def test_refuses_a_folder_that_is_not_a_bundle(demo_workspace, tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "letter.txt").write_text("keep me")
    with pytest.raises(NewsdeskError, match="not empty"):
        demo_workspace.publisher.export(folder, workers=1)
    assert (folder / "letter.txt").read_text() == "keep me"


def test_progress_and_cancel(demo_workspace, tmp_path, bundle):
    out, _first = bundle
    seen = []
    demo_workspace.publisher.export(
        tmp_path / "other",
        workers=1,
        progress=lambda done, total, message: seen.append((done, total, message)),
    )
    assert seen and seen[-1][0] == seen[-1][1]
    assert any(message == "rendering pages" for _d, _t, message in seen)
    before = _files(out)
    with demo_workspace.edit():
        demo_workspace.site.update(slogan="取消前")
    stop = threading.Event()
    stop.set()
    with pytest.raises(ExportCancelled):
        demo_workspace.publisher.export(out, workers=1, cancel=stop)
    assert _files(out) == before


def test_interrupted_incremental_commit_is_rolled_forward(demo_workspace, bundle, monkeypatch):
    out, _first = bundle
    with demo_workspace.edit():
        demo_workspace.site.update(slogan="中途断电")
    from editor.publish import bundle as bundle_module

    def killed(out_dir, journal):
        raise KeyboardInterrupt  # the process dies right after writing the journal

    monkeypatch.setattr(bundle_module, "_apply_journal", killed)
    with pytest.raises(KeyboardInterrupt):
        demo_workspace.publisher.export(out, workers=1)
    monkeypatch.undo()
    journal = out.parent / ".site.patch-journal"
    assert journal.exists()
    bundle_module.recover(out)
    assert "中途断电" in (out / "index.html").read_text(encoding="utf-8")
    assert not journal.exists() and not (out.parent / ".site.journal").exists()


def test_stored_images_of_visible_articles_are_written_into_the_bundle(demo_workspace, tmp_path):
    from io import BytesIO

    from PIL import Image

    def png(colour) -> bytes:
        buffer = BytesIO()
        Image.new("RGB", (4, 3), colour).save(buffer, "PNG")
        return buffer.getvalue()

    ws = demo_workspace
    with ws.edit():
        shown = ws.media.add(png((10, 20, 30)), "shown.png", alt="现场")
        cover = ws.media.add(png((40, 50, 60)), "cover.png")
        secret = ws.media.add(png((70, 80, 90)), "secret.png")
        ws.articles.create(
            {
                "title": "有图的文章",
                "section": "华商走世界/川商走世界",
                "body": f'![现场](asset:{shown.sha256} "签约现场")',
                "cover": cover.id,
                "status": "published",
            }
        )
        ws.articles.create(
            {
                "title": "草稿里的图",
                "section": "华商走世界/川商走世界",
                "body": f"![x](asset:{secret.sha256})",
                "status": "draft",
            }
        )
    out = tmp_path / "site"
    ws.publisher.export(out, workers=1)
    for asset, data in ((shown, png((10, 20, 30))), (cover, png((40, 50, 60)))):
        assert (out / "assets" / ws.media.file_name(asset)).read_bytes() == data
    assert not (out / "assets" / ws.media.file_name(secret)).exists()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    page = (
        out
        / next(
            p
            for aid, p in manifest["articles"].items()
            if "有图的文章" in (out / p).read_text(encoding="utf-8")
        )
    ).read_text(encoding="utf-8")
    assert f'src="../../../../assets/{ws.media.file_name(shown)}"' in page
    assert "<figcaption>签约现场</figcaption>" in page


def test_render_workers_import_nothing_from_the_ui():
    import subprocess
    import sys

    code = (
        "import sys, editor.publish.worker, editor.publish.export;"
        "bad = [m for m in sys.modules if m.startswith(('editor.ui', 'PySide6', 'qtawesome'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_pages_rendered_from_another_moment_render_again(demo_workspace, tmp_path):
    from editor.publish import worker

    original = worker.BatchRenderer.run

    def from_an_older_database(self, batch):
        results, bodies, _signature = original(self, batch)
        return results, bodies, "another moment"

    out = tmp_path / "site"
    # (a patch of its own: undoing the test's monkeypatch would bring back the real user
    # folders the fixtures moved away)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(worker.BatchRenderer, "run", from_an_older_database)
        first = demo_workspace.publisher.export(out, workers=1)
    again = demo_workspace.publisher.export(out, workers=1)
    pages = [
        p
        for p in first.written_paths
        if not p.startswith(("static/", "assets/")) and p != "manifest.json"
    ]
    assert again.rendered == len(pages) > 50
    assert again.written == 0


def test_not_found_page_links_absolutely_when_the_base_url_is_known(demo_workspace, bundle):
    out, _result = bundle
    page = (out / "404.html").read_text(encoding="utf-8")
    assert 'href="https://www.sccsbbs.com/static/css/portal.css"' in page
    assert 'href="https://www.sccsbbs.com/index.html"' in page
    assert 'rel="canonical"' not in page


def test_a_static_page_cannot_replace_home_or_404(demo_workspace, tmp_path):
    with demo_workspace.edit():
        demo_workspace.pages.save("index", "冒名首页", "不应覆盖首页")
    out = tmp_path / "site"
    demo_workspace.publisher.export(out, workers=1)
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "冒名首页" not in home and "page-home" in home
