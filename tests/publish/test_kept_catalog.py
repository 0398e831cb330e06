"""The catalog an export leaves on disk for the next process (`WarmCatalog.keep` and
`restore`, what the command line does): taken up only when the export state says its
export was the last into the folder, and the bundle the next export writes from it is the
bundle a fresh read of the site gives. The cycle collector is paused only while the site
is read."""

from __future__ import annotations

import gc
import json
from datetime import datetime

import pytest

from editor.content.catalog import load_catalog
from editor.publish import warm as warm_module
from editor.publish.export import Exporter
from editor.publish.publisher import Publisher
from tests.publish import changes


def _manifest(out) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def _process(ws) -> Publisher:
    """The publisher of a new process on the same site (nothing kept in memory)."""
    return Publisher(ws)


@pytest.mark.parametrize(
    "edit",
    [changes.new_article, changes.edited_title, changes.deleted_article],
    ids=lambda f: f.__name__,
)
def test_the_next_process_exports_from_the_kept_catalog_what_a_fresh_read_gives(
    demo_workspace, tmp_path, edit, monkeypatch
):
    ws = demo_workspace
    changes.grown(ws)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    monkeypatch.setattr(warm_module, "PATCH_SHARE", 0.5)  # (the demo site is small)
    _process(ws).export(out, workers=1, keep_catalog=True)
    whole = warm_module.catalog_path(ws.target.location, str(out.resolve()))
    patch = warm_module.patch_path(ws.target.location, str(out.resolve()))
    written_whole = whole.read_bytes()
    edit(ws)
    second = _process(ws)
    second.export(out, workers=1, keep_catalog=True)
    assert second._warm.reused  # taken up from the disk and brought up to date
    _process(ws).export(fresh, workers=1)
    assert _manifest(out)["files"] == _manifest(fresh)["files"]
    # the change went into the patch: the whole copy with it is the site as read now
    assert patch.is_file() and whole.read_bytes() == written_whole
    taken = warm_module.WarmCatalog()
    assert taken.restore(ws.target.location, str(out.resolve()))
    fresh_cards = load_catalog(datetime.now().replace(microsecond=0)).articles
    assert dict(taken.catalog.articles) == dict(fresh_cards)
    changes.edited_summary(ws)
    third = _process(ws)
    third.export(out, workers=1, keep_catalog=True)
    assert third._warm.reused
    _process(ws).export(fresh, workers=1)
    assert _manifest(out)["files"] == _manifest(fresh)["files"]


def test_the_kept_catalog_holds_the_cards_as_read(demo_workspace, tmp_path):
    from editor.content.site_stamp import change_stamp

    ws = demo_workspace
    changes.grown(ws)
    out = tmp_path / "out"
    _process(ws).export(out, workers=1, keep_catalog=True)
    warm = warm_module.WarmCatalog()
    assert warm.restore(ws.target.location, str(out.resolve()))
    moment = datetime.now().replace(microsecond=0)
    kept = warm.load(moment, change_stamp(moment))
    assert warm.reused
    fresh = load_catalog(moment)
    assert list(kept.articles.items()) == list(fresh.articles.items())
    assert (kept.site, kept.partners, kept.pages, kept.assets, kept.names) == (
        fresh.site,
        fresh.partners,
        fresh.pages,
        fresh.assets,
        fresh.names,
    )


def test_a_kept_catalog_is_not_taken_after_another_export_or_when_damaged(
    demo_workspace, tmp_path, monkeypatch
):
    ws = demo_workspace
    monkeypatch.setattr(warm_module, "PATCH_SHARE", 0.5)  # (the demo site is small)
    out = tmp_path / "out"
    state_key = str(out.resolve())
    _process(ws).export(out, workers=1, keep_catalog=True)
    path = warm_module.catalog_path(ws.target.location, state_key)
    assert warm_module.WarmCatalog().restore(ws.target.location, state_key)
    changes.new_article(ws)
    Exporter(ws, workers=1).run(out)  # an export that kept nothing: the file is stale
    assert not warm_module.WarmCatalog().restore(ws.target.location, state_key)
    _process(ws).export(out, workers=1, keep_catalog=True)
    assert warm_module.WarmCatalog().restore(ws.target.location, state_key)
    changes.edited_title(ws)
    _process(ws).export(out, workers=1, keep_catalog=True)  # (a patch beside the whole)
    patch = warm_module.patch_path(ws.target.location, state_key)
    assert patch.is_file() and warm_module.WarmCatalog().restore(ws.target.location, state_key)
    patch.unlink()  # the whole copy alone is an older export's
    assert not warm_module.WarmCatalog().restore(ws.target.location, state_key)
    _process(ws).export(out, full=True, workers=1, keep_catalog=True)
    assert warm_module.WarmCatalog().restore(ws.target.location, state_key)
    path.write_bytes(path.read_bytes()[:100])  # cut short
    assert not warm_module.WarmCatalog().restore(ws.target.location, state_key)
    changes.edited_body(ws)
    result = _process(ws).export(out, workers=1, keep_catalog=True)  # reads the site
    assert result.written >= 1
    _process(ws).export(tmp_path / "fresh", workers=1)
    assert _manifest(out)["files"] == _manifest(tmp_path / "fresh")["files"]


def test_the_collector_is_paused_while_the_site_is_read_and_resumed_after(
    demo_workspace, tmp_path, monkeypatch
):
    ws = demo_workspace
    seen = []
    real = warm_module.WarmCatalog.load

    def load(self, moment, stamp):
        seen.append(gc.isenabled())
        return real(self, moment, stamp)

    monkeypatch.setattr(warm_module.WarmCatalog, "load", load)
    assert gc.isenabled()
    _process(ws).export(tmp_path / "out", workers=1)
    assert seen == [False] and gc.isenabled()
    changes.edited_title(ws)
    monkeypatch.setattr(warm_module.WarmCatalog, "load", lambda *a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        _process(ws).export(tmp_path / "out", workers=1)
    assert gc.isenabled()


def test_what_an_export_read_is_set_aside_from_the_collector_while_it_renders(
    demo_workspace, tmp_path, monkeypatch
):
    ws = demo_workspace
    frozen = []
    real = Exporter._produce

    def produce(self, *args, **kwargs):
        frozen.append(gc.get_freeze_count())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Exporter, "_produce", produce)
    assert gc.get_freeze_count() == 0
    _process(ws).export(tmp_path / "out", workers=1)
    assert len(frozen) == 1 and frozen[0] > 0  # the catalog, the view and the plan
    assert gc.get_freeze_count() == 0  # given back to the collector after the run
    changes.edited_title(ws)
    monkeypatch.setattr(Exporter, "_produce", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        _process(ws).export(tmp_path / "out", workers=1)
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    gc.freeze()  # set aside by someone else: left to them
    try:
        monkeypatch.setattr(Exporter, "_produce", produce)
        changes.edited_title(ws)
        _process(ws).export(tmp_path / "out", workers=1)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
