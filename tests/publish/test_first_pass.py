"""An export that publishes first the pages a reader needs to find the edited articles
(`Publisher.export(first=…)`, `Exporter.run(first=True)`): the first pass leaves a whole
bundle (its manifest true to its files, every link leading to a file) holding the edited
articles' pages and every list, home page, feed and sitemap that lists them; the second
writes the rest, and the bundle is then a fresh export's byte for byte. A second pass that
never ran is made up by the next export, in this process or another."""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path

import pytest

from editor.content import catalog as catalog_queries
from editor.publish import export as export_module
from editor.publish.export import FIRST_PASS, Exporter
from editor.publish.publisher import Publisher
from tests.publish import changes
from tests.publish.test_preview_slice import _add

LINK = re.compile(rb'(?:href|src)="([^"#?]+)')


def _links_lead_to_files(bundle: dict[str, bytes]) -> int:
    """Every relative link of the bundle's HTML pages names one of its files; returns
    how many links were followed."""
    followed = 0
    for path, data in bundle.items():
        if not path.endswith(".html"):
            continue
        for match in LINK.finditer(data):
            target = match.group(1).decode()
            if ":" in target or target.startswith("/"):
                continue  # (absolute addresses: the feeds' and canonical links)
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            assert resolved in bundle, f"{path} links to {target}, which is not in the bundle"
            followed += 1
    return followed


def _manifest_is_true(bundle: dict[str, bytes]) -> None:
    manifest = json.loads(bundle["manifest.json"])
    listed = {path: entry["sha256"] for path, entry in manifest["files"].items()}
    assert set(listed) == set(bundle) - {"manifest.json"}
    for path, sha in listed.items():
        assert hashlib.sha256(bundle[path]).hexdigest() == sha, path


def _newest(ws) -> int:
    return changes.published(ws)[0]


def _page_of(publisher: Publisher, aid: int) -> str:
    return publisher._view.article_url[aid]


def _exported(ws, tmp_path) -> tuple[Publisher, Path, Path]:
    changes.grown(ws)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    publisher = Publisher(ws)
    publisher.export(out, workers=1)
    return publisher, out, fresh


def _is_a_fresh_export(ws, out: Path, fresh: Path) -> None:
    """The bundle in `out` is, file for file and byte for byte, a fresh export's."""
    Exporter(ws, workers=1).run(fresh)
    assert changes.files(out) == changes.files(fresh)


def _first_bundles(publisher: Publisher, out: Path) -> tuple:
    """Export with a first pass; returns (the bundle as the first pass left it, that
    pass's result, the whole export's result)."""
    seen: dict = {}

    def first(result) -> None:
        seen["bundle"], seen["result"] = changes.files(out), result

    whole = publisher.export(out, workers=1, first=first)
    return seen.get("bundle"), seen.get("result"), whole


def _listing_pages(bundle: dict[str, bytes], page: str) -> list[str]:
    """The list pages (index*.html) that link to the article page `page`."""
    name = posixpath.basename(page).encode()
    return [
        path
        for path, data in bundle.items()
        if posixpath.basename(path).startswith("index")
        and path.endswith(".html")
        and b"/" + name in data
        and any(
            posixpath.normpath(posixpath.join(posixpath.dirname(path), m.group(1).decode())) == page
            for m in LINK.finditer(data)
        )
    ]


def _plans(monkeypatch) -> list:
    """The delta plans made from now on."""
    made: list = []
    real = Exporter._delta_plan

    def spy(self, *args):
        made.append(real(self, *args))
        return made[-1]

    monkeypatch.setattr(Exporter, "_delta_plan", spy)
    return made


def test_a_new_article_is_published_with_its_lists_first_and_the_rest_after(
    demo_workspace, tmp_path, monkeypatch
):
    ws = demo_workspace
    publisher, out, fresh = _exported(ws, tmp_path)
    before = changes.files(out)
    changes.new_article(ws)
    plans = _plans(monkeypatch)
    first_bundle, first, whole = _first_bundles(publisher, out)
    assert len(plans) == 1  # the second pass wrote the rest of the first one's plan
    assert first is not None and first.pending > 0 and first.run_key == ""
    aid = _newest(ws)
    page = _page_of(publisher, aid)
    # the first pass: the new page, the lists that list it, home, feeds and sitemap
    assert page in first_bundle and page not in before
    assert "新发的稿件".encode() in first_bundle["index.html"]
    assert first_bundle["sitemap.xml"] != before["sitemap.xml"]
    assert "新发的稿件".encode() in first_bundle["rss.xml"]
    assert len(_listing_pages(first_bundle, page)) >= 2  # its section's and its parent's
    _manifest_is_true(first_bundle)
    assert _links_lead_to_files(first_bundle) > 100
    # what it left: other articles' pages whose 相关新闻 now show it
    left = [p for p in first_bundle if p in before and first_bundle[p] == before[p]]
    after = changes.files(out)
    waited = [p for p in left if after[p] != before[p]]
    assert len(waited) == first.pending
    assert all(p.endswith(".html") and not p.startswith("index") for p in waited)
    # the whole export: as one pass would have written it, recorded as one
    assert whole.first is first and whole.pending == 0 and whole.run_key
    assert set(first.written_paths) | set(waited) <= set(whole.written_paths)
    state = catalog_queries.load_export_state(str(out.resolve()))
    assert publisher._records[str(out.resolve())].rows == state
    assert not state["manifest.json"][0].startswith(FIRST_PASS)
    Exporter(ws, workers=1).run(fresh)
    assert after == changes.files(fresh)
    _manifest_is_true(after)


@pytest.mark.parametrize(
    "edit",
    [
        changes.edited_title,
        changes.new_older_article,
        changes.changed_tags,
        changes.changed_hits,
    ],
    ids=lambda f: f.__name__,
)
def test_after_a_first_pass_the_bundle_is_a_fresh_export_s(demo_workspace, tmp_path, edit):
    ws = demo_workspace
    publisher, out, fresh = _exported(ws, tmp_path)
    edit(ws)
    first_bundle, first, whole = _first_bundles(publisher, out)
    assert first is not None and first.pending > 0 and whole.first is first
    _manifest_is_true(first_bundle)
    _links_lead_to_files(first_bundle)
    _is_a_fresh_export(ws, out, fresh)


@pytest.mark.parametrize(
    "edit",
    [changes.deleted_article, changes.changed_section, changes.edited_body],
    ids=lambda f: f.__name__,
)
def test_an_export_that_removes_files_or_changes_only_must_show_pages_is_one_pass(
    demo_workspace, tmp_path, edit
):
    ws = demo_workspace
    publisher, out, fresh = _exported(ws, tmp_path)
    edit(ws)
    first_bundle, first, whole = _first_bundles(publisher, out)
    assert first is None and whole.first is None and whole.written >= 1
    _is_a_fresh_export(ws, out, fresh)


def _second_pass_fails(monkeypatch) -> None:
    """The second commit of the bundle fails, as a full disk would fail it."""
    real = export_module.Staging.commit
    calls = []

    def commit(self):
        calls.append(self)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(self)

    monkeypatch.setattr(export_module.Staging, "commit", commit)


@pytest.mark.parametrize("next_export", ["same publisher", "another process"])
def test_what_a_failed_second_pass_left_the_next_export_writes(
    demo_workspace, tmp_path, monkeypatch, next_export
):
    ws = demo_workspace
    publisher, out, fresh = _exported(ws, tmp_path)
    changes.new_article(ws)
    firsts = []
    with monkeypatch.context() as patched:
        _second_pass_fails(patched)
        with pytest.raises(export_module.ExportError):
            publisher.export(out, workers=1, first=firsts.append)
    assert len(firsts) == 1 and firsts[0].pending > 0
    page = _page_of(publisher, _newest(ws)) if publisher._view else None
    state = catalog_queries.load_export_state(str(out.resolve()))
    assert state["manifest.json"][0].startswith(FIRST_PASS)
    _manifest_is_true(changes.files(out))
    if next_export == "same publisher":
        result = publisher.export(out, workers=1)
    else:
        result = Exporter(ws, workers=1).run(out)  # the command line, say
    assert result.written >= firsts[0].pending
    _is_a_fresh_export(ws, out, fresh)
    assert page is None or page in changes.files(out)


def test_a_first_pass_is_never_taken_for_a_current_bundle(demo_workspace, tmp_path):
    """Nothing changed since a first pass, and yet the next export writes what it left
    (neither the quick answer nor the run key says the bundle is current)."""
    ws = demo_workspace
    publisher, out, fresh = _exported(ws, tmp_path)
    _add(ws, "只做了第一遍", days=0.01)
    first = Exporter(ws, workers=1).run(out, first=True)
    assert first.pending > 0 and first.run_key == ""
    again = publisher.export(out, workers=1)
    assert again.written >= first.pending
    _is_a_fresh_export(ws, out, fresh)
    assert publisher.export(out, workers=1).written == 0


def test_an_edit_saved_between_the_passes_is_in_the_second(demo_workspace, tmp_path, monkeypatch):
    ws = demo_workspace
    publisher, out, fresh = _exported(ws, tmp_path)
    changes.new_article(ws)
    plans = _plans(monkeypatch)
    whole = publisher.export(out, workers=1, first=lambda _result: changes.edited_title(ws))
    assert whole.first is not None and len(plans) == 2  # (planned again: the site moved)
    _is_a_fresh_export(ws, out, fresh)
    assert publisher.export(out, workers=1).written == 0


def test_exports_from_two_threads_run_one_after_the_other(demo_workspace, tmp_path, monkeypatch):
    """The export dialog and the export after 发布 share one publisher."""
    import threading

    ws = demo_workspace
    publisher, out, fresh = _exported(ws, tmp_path)
    changes.new_article(ws)
    running: list[int] = []
    overlapped: list[bool] = []
    real = publisher._run_export

    def watched(*args, **kwargs):
        running.append(1)
        overlapped.append(len(running) > 1)
        try:
            return real(*args, **kwargs)
        finally:
            running.pop()

    monkeypatch.setattr(publisher, "_run_export", watched)
    failures: list[BaseException] = []

    def export() -> None:
        try:
            publisher.export(out, workers=1, first=lambda _result: None)
        except BaseException as exc:  # (reported below)
            failures.append(exc)
        finally:
            ws.db.close()  # (this thread's connection)

    threads = [threading.Thread(target=export) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == [] and overlapped and not any(overlapped)
    _is_a_fresh_export(ws, out, fresh)


def _unpublished_newest(ws) -> None:
    with ws.edit():
        ws.articles.unpublish(changes.published(ws)[0])


def _title_put_back(ws) -> None:
    aid = changes.published(ws)[3]
    changes._edit(ws, aid, title=ws.articles.get(aid).title.removesuffix("（改）"))


def _hits_put_back(ws) -> None:
    changes._edit(ws, changes.published(ws)[-1], hits=3)


def _edited_title(ws) -> None:
    aid = changes.published(ws)[3]
    changes._edit(ws, aid, title=ws.articles.get(aid).title + "（改）")


def _raised_hits(ws) -> None:
    aid = changes.published(ws)[-1]
    changes._edit(ws, aid, hits=3)
    changes._edit(ws, aid, hits=999_999)


UNDONE = [  # (an edit, an edit after the first pass that undoes it)
    (changes.new_article, _unpublished_newest),
    (_edited_title, _title_put_back),
    (_raised_hits, _hits_put_back),
]


@pytest.mark.parametrize("edit, undo", UNDONE, ids=["new, taken back", "title", "hits"])
@pytest.mark.parametrize("when", ["between the passes", "after a first pass alone"])
def test_an_edit_undone_after_a_first_pass_is_planned_again(
    demo_workspace, tmp_path, edit, undo, when
):
    """The pages a first pass wrote from the edit are written again, though the site is
    then as the last complete export read it."""
    ws = demo_workspace
    publisher, out, fresh = _exported(ws, tmp_path)
    if edit is _raised_hits:  # (the hits the undo puts back are the last export's)
        changes._edit(ws, changes.published(ws)[-1], hits=3)
        publisher.export(out, workers=1)
    edit(ws)
    if when == "between the passes":
        whole = publisher.export(out, workers=1, first=lambda _result: undo(ws))
        assert whole.first is not None
    else:  # (its second pass never ran: cancelled, failed, or another process's)
        assert Exporter(ws, workers=1).run(out, first=True).pending > 0
        undo(ws)
        Exporter(ws, workers=1).run(out)  # (from the sketch that pass left on disk)
    _is_a_fresh_export(ws, out, fresh)
    assert publisher.export(out, workers=1).written == 0
    assert Exporter(ws, workers=1).run(out).written == 0


def test_the_pages_of_both_passes_are_in_the_publish_log(demo_workspace, tmp_path):
    import hashlib

    from editor.store.models import PublishLog

    ws = demo_workspace
    publisher, out, _fresh = _exported(ws, tmp_path)
    changes.new_article(ws)
    whole = publisher.export(out, workers=1, first=lambda _result: None)
    assert whole.first is not None and whole.first.pending > 0
    logged = {}
    rows = PublishLog.select().where(PublishLog.destination == str(out.resolve()))
    for row in rows.order_by(PublishLog.id):
        logged[row.article_id] = row.file_sha256
    pages = {  # article id -> the page the export wrote
        int(path.rsplit("/", 1)[-1][:-5]): path
        for path in whole.written_paths
        if path.rsplit("/", 1)[-1][:-5].isdigit()
    }
    later = set(whole.written_paths) - set(whole.first.written_paths)
    assert len(pages) > 2 and later & set(pages.values())  # (the second pass wrote some)
    for aid, path in sorted(pages.items()):
        assert logged.get(aid) == hashlib.sha256((out / path).read_bytes()).hexdigest(), path


def test_a_second_pass_planned_again_runs_the_site_s_checks_again(workspace, tmp_path):
    """An article signed off (终审) and edited between the passes without a new sign-off:
    the second pass is refused, as any export would be, and publishes nothing of it."""
    from editor.errors import ValidationError
    from tests.review.helpers import new_article, newsroom, step

    ws = workspace
    newsroom(ws)  # (people, 三审)

    def signed(title: str) -> int:
        aid = new_article(ws, title)
        step(ws, "submit", aid, "rep")
        for user in ("ed", "head", "chief"):
            step(ws, "sign", aid, user)
        return aid

    edited = signed("签发过的稿件")
    for number in range(3):
        signed(f"稿件{number}")
    out = tmp_path / "out"
    ws.publisher.export(out, workers=1)
    signed("新签发的稿件")

    def unsigned_edit(_result) -> None:
        article = ws.articles.get(edited)
        with ws.edit():
            ws.articles.update(edited, {"body": "未经终审的改动。"}, article.version)

    with pytest.raises(ValidationError):
        ws.publisher.export(out, workers=1, first=unsigned_edit)
    assert "新签发的稿件".encode() in (out / "index.html").read_bytes()  # (the first pass)
    pages = list(out.rglob(f"{edited}.html"))
    assert pages and all("未经终审的改动" not in p.read_text("utf-8") for p in pages)


def test_an_export_waiting_for_another_can_be_cancelled(demo_workspace, tmp_path):
    import threading

    from editor.publish.export import ExportCancelled

    ws = demo_workspace
    publisher, out, _fresh = _exported(ws, tmp_path)
    cancel = threading.Event()
    cancel.set()
    with publisher._exporting:  # (another export runs)
        with pytest.raises(ExportCancelled):
            publisher.export(out, workers=1, cancel=cancel)
    assert publisher.export(out, workers=1).written == 0  # (the lock was given back)


def test_a_read_only_site_is_not_exported(demo_workspace, tmp_path, monkeypatch):
    from editor.errors import ReadOnlySiteError

    ws = demo_workspace
    publisher, out, _fresh = _exported(ws, tmp_path)
    changes.new_article(ws)
    before = changes.files(out)
    monkeypatch.setattr(type(ws), "read_only", property(lambda _self: True))
    with pytest.raises(ReadOnlySiteError):
        publisher.export(out, workers=1)
    assert changes.files(out) == before
