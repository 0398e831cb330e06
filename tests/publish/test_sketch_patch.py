"""The export sketch on disk: written whole, then as a patch of the articles changed since
while they are few; read back (whole copy with its patch) it is the sketch the export
made, and the next process plans from it what a full plan gives."""

from __future__ import annotations

import json
from dataclasses import replace

from editor.publish import delta, sketch
from editor.publish.publisher import Publisher
from tests.publish import changes


def _manifest(out) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def _comparable(found: sketch.ExportSketch) -> sketch.ExportSketch:
    return replace(found, base="", touched=None)


def test_a_sketch_is_patched_and_read_back_as_the_export_made_it(
    demo_workspace, tmp_path, monkeypatch
):
    ws = demo_workspace
    changes.grown(ws)
    monkeypatch.setattr(sketch, "PATCH_SHARE", 0.5)  # (the demo site is small)
    database, out, fresh = ws.target.location, tmp_path / "out", tmp_path / "fresh"
    key = str(out.resolve())
    Publisher(ws).export(out, workers=1)
    whole = sketch.sketch_path(database, key)
    patch = sketch.patch_path(database, key)
    written_whole = whole.read_bytes()
    assert not patch.exists()
    planned = []
    real_plan = delta.delta_outputs
    monkeypatch.setattr(
        delta, "delta_outputs", lambda *a: planned.append(real_plan(*a)) or planned[-1]
    )
    for number, edit in enumerate(
        [changes.new_article, changes.edited_title, changes.deleted_article, changes.new_article]
    ):
        edit(ws)
        publisher = Publisher(ws)  # a new process: the sketch comes from the disk
        result = publisher.export(out, workers=1)
        assert len(planned) == number + 1 and planned[-1] is not None  # from the sketch
        made = publisher._sketches[key]
        assert patch.is_file() and whole.read_bytes() == written_whole  # only the patch
        read_back = sketch.load_sketch(database, key)
        assert read_back is not None and _comparable(read_back) == _comparable(made)
        assert read_back.run_key == result.run_key and read_back.touched
        Publisher(ws).export(fresh, workers=1, full=True)
        assert _manifest(out)["files"] == _manifest(fresh)["files"]


def _patched(ws, tmp_path, monkeypatch):
    """(database, bundle folder, its state key, the sketch's patch) after a full export of
    the grown demo site and one new article's export, which wrote the patch."""
    changes.grown(ws)
    database, out = ws.target.location, tmp_path / "out"
    key = str(out.resolve())
    monkeypatch.setattr(sketch, "PATCH_SHARE", 0.5)  # (the demo site is small)
    Publisher(ws).export(out, workers=1)
    changes.new_article(ws)
    Publisher(ws).export(out, workers=1)
    return database, out, key, sketch.patch_path(database, key)


def test_a_sketch_is_written_whole_again_when_many_articles_changed(
    demo_workspace, tmp_path, monkeypatch
):
    database, out, key, patch = _patched(demo_workspace, tmp_path, monkeypatch)
    ws = demo_workspace
    assert patch.is_file()
    monkeypatch.setattr(sketch, "PATCH_SHARE", 0.0)  # any change is too many
    changes.edited_title(ws)
    publisher = Publisher(ws)
    publisher.export(out, workers=1)
    assert not patch.exists()  # written whole: the old patch went with it
    read_back = sketch.load_sketch(database, key)
    assert read_back is not None and read_back.touched == set()
    assert _comparable(read_back) == _comparable(publisher._sketches[key])


def test_a_patch_of_another_whole_copy_is_not_applied(demo_workspace, tmp_path, monkeypatch):
    database, out, key, patch = _patched(demo_workspace, tmp_path, monkeypatch)
    ws = demo_workspace
    kept_patch = patch.read_bytes()
    monkeypatch.setattr(sketch, "PATCH_SHARE", 0.0)
    changes.edited_title(ws)
    publisher = Publisher(ws)
    publisher.export(out, workers=1)  # whole again (and the patch removed)
    patch.write_bytes(kept_patch)  # a patch made on the earlier whole copy turns up
    read_back = sketch.load_sketch(database, key)
    assert _comparable(read_back) == _comparable(publisher._sketches[key])
    patch.write_bytes(b"not a pickle")
    read_back = sketch.load_sketch(database, key)
    assert _comparable(read_back) == _comparable(publisher._sketches[key])
