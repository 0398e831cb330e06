"""An incremental export that finds nothing to do answers from the site's change stamp
(`editor.publish.quick`) without planning, and never when something did change."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from editor.publish import quick
from editor.publish.export import Exporter
from tests.publish import changes


def _current(ws, out) -> bool:
    """Whether the quick answer says the bundle in `out` is current."""
    stamps = quick.stamps(quick.datetime.now().replace(microsecond=0))
    return quick.unchanged(ws, out, stamps) is not None


def _runs(monkeypatch) -> list:
    """Records each time the long way (`Exporter.run`) is taken."""
    runs = []
    original = Exporter.run

    def spy(self, *args, **kwargs):
        runs.append(args[0])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Exporter, "run", spy)
    return runs


def test_an_unchanged_site_is_answered_without_exporting(demo_workspace, tmp_path, monkeypatch):
    ws = demo_workspace
    out = tmp_path / "site"
    first = ws.publisher.export(out, workers=1)
    runs = _runs(monkeypatch)
    seen = []
    again = ws.publisher.export(out, workers=1, progress=lambda *a: seen.append(a))
    assert runs == []
    assert seen == [(1, 1, "nothing changed")]
    assert again.written == 0 and again.unchanged == first.written
    assert again.as_dict().keys() == first.as_dict().keys()
    ws.publisher.export(out, workers=1, zip_path=tmp_path / "site.zip")  # a zip is written
    assert len(runs) == 1 and (tmp_path / "site.zip").is_file()


@pytest.mark.parametrize("edit", changes.EDITS, ids=lambda f: f.__name__)
def test_every_kind_of_edit_is_seen_and_exported_like_a_full_export(
    demo_workspace, tmp_path, monkeypatch, edit
):
    ws = demo_workspace
    changes.grown(ws)
    out = tmp_path / "site"
    ws.publisher.export(out, workers=1)
    assert _current(ws, out)
    edit(ws)
    assert not _current(ws, out)
    runs = _runs(monkeypatch)
    result = ws.publisher.export(out, workers=1)
    assert runs and result.written > 0
    fresh = tmp_path / "fresh"
    ws.publisher.export(fresh, full=True, workers=1)
    assert changes.files(out) == changes.files(fresh)
    assert _current(ws, out)


def test_a_scheduled_article_whose_time_came_is_exported(demo_workspace, tmp_path, monkeypatch):
    ws = demo_workspace
    when = changes.scheduled(ws)
    out = tmp_path / "site"
    ws.publisher.export(out, workers=1)
    assert _current(ws, out)

    class Later(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.now(tz) + (when - datetime.now() + timedelta(minutes=1))

    from editor.publish import export, publisher

    for module in (quick, export, publisher):
        monkeypatch.setattr(module, "datetime", Later)
    assert not _current(ws, out)
    result = ws.publisher.export(out, workers=1)
    assert any("定时发布的稿件" in (out / p).read_text("utf-8") for p in result.written_paths)
    assert _current(ws, out)


def test_a_bundle_changed_on_disk_or_a_changed_theme_takes_the_long_way(demo_workspace, tmp_path):
    ws = demo_workspace
    out = tmp_path / "site"
    ws.publisher.export(out, workers=1)
    manifest = out / "manifest.json"
    data = manifest.read_bytes()
    manifest.write_bytes(data.replace(b'"generator"', b'"generator" '))
    assert not _current(ws, out)
    manifest.write_bytes(data)
    assert _current(ws, out)
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    with ws.edit():
        ws.site.update(templates_dir=str(theme))
    ws.publisher.export(out, workers=1)
    assert _current(ws, out)
    (theme / "templates" / "404.html").write_text("<p>没有这个页面</p>\n", encoding="utf-8")
    assert not _current(ws, out)
    result = ws.publisher.export(out, workers=1)
    assert "404.html" in result.written_paths
    assert (out / "404.html").read_text("utf-8") == "<p>没有这个页面</p>\n"


def test_an_interrupted_export_or_a_missing_record_takes_the_long_way(demo_workspace, tmp_path):
    ws = demo_workspace
    out = tmp_path / "site"
    ws.publisher.export(out, workers=1)
    leftover = tmp_path / ".site.staging-999999"
    leftover.mkdir()
    assert not _current(ws, out)
    leftover.rmdir()
    quick.forget(quick.record_path(ws.target.location, str(out.resolve())))
    assert not _current(ws, out)


def test_the_publish_log_reads_only_pages_recorded_since_its_last_entry(demo_workspace, tmp_path):
    from editor.store.models import PublishLog

    ws = demo_workspace
    out = tmp_path / "site"
    ws.publisher.export(out, workers=1)

    def logged() -> list[int]:
        return [row.article_id for row in PublishLog.select().order_by(PublishLog.id)]

    first = logged()
    assert sorted(first) == sorted(changes.published(ws))
    aid, other = changes.published(ws)[:2]
    changes._edit(ws, aid, body="第二版正文。\n")
    ws.publisher.export(out, workers=1)
    assert logged() == [*first, aid]
    # an export that stopped before its log (the exporter alone): the next export logs it
    changes._edit(ws, other, body="没有记进日志的一版。\n")
    Exporter(ws, workers=1).run(out)
    assert logged() == [*first, aid]
    ws.publisher.export(out, workers=1)
    assert logged() == [*first, aid, other]


def test_a_template_folder_named_ui_is_watched_like_any_other(demo_workspace, tmp_path):
    """Only the program's own editor/ui is left out of the code stamp: a site's templates may
    keep partials in a folder of that name, and editing one must export again."""
    ws = demo_workspace
    out = tmp_path / "site"
    theme = tmp_path / "theme"
    (theme / "templates" / "ui").mkdir(parents=True)
    partial = theme / "templates" / "ui" / "note.html"
    partial.write_text("<p>旧</p>\n", encoding="utf-8")
    with ws.edit():
        ws.site.update(templates_dir=str(theme))
    ws.publisher.export(out, workers=1)
    assert _current(ws, out)
    partial.write_text("<p>新的页脚说明</p>\n", encoding="utf-8")
    assert not _current(ws, out)
