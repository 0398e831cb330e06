"""Exports that fail half way (a full disk while zipping, a kill): the message says what
happened, a delta zip never loses a change, and the next export removes what was left."""

from __future__ import annotations

import errno
import hashlib
import json
import subprocess
import sys
import zipfile

import pytest

from editor.errors import NewsdeskError
from editor.publish import bundle as bundle_module


class Killed(BaseException):
    """Stands for the process being killed: no cleanup code runs."""


def _edit_first_article(workspace, body: str) -> str:
    article = next(
        a for a in workspace.articles.list() if a.status == "published" and not a.scheduled
    )
    full = workspace.articles.get(article.id)
    with workspace.edit():
        workspace.articles.update(article.id, {"body": body}, full.version)
    return article.url


def _full_disk_while_zipping(monkeypatch):
    def no_space(self, filename, arcname=None, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(filename))

    monkeypatch.setattr(zipfile.ZipFile, "write", no_space)


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_delta_zip_that_fails_is_not_recorded_and_the_next_delta_holds_the_change(
    demo_workspace, bundle, tmp_path, monkeypatch
):
    out, _first = bundle
    url = _edit_first_article(demo_workspace, "满盘之后的正文。")
    delta = tmp_path / "delta.zip"
    _full_disk_while_zipping(monkeypatch)
    with pytest.raises(NewsdeskError) as caught:
        demo_workspace.publisher.export(out, workers=1, delta_zip_path=delta)
    message = str(caught.value)
    assert "disk is full" in message
    assert "up to date" in message and "not recorded" in message
    assert "left as it was" not in message  # the bundle was replaced: say so
    assert "满盘之后的正文" in (out / url).read_text(encoding="utf-8")
    assert not delta.exists()
    assert not list(tmp_path.glob("*.part"))
    assert not [p for p in out.parent.iterdir() if ".zip-part-" in p.name]
    monkeypatch.undo()
    result = demo_workspace.publisher.export(out, workers=1, delta_zip_path=delta)
    with zipfile.ZipFile(delta) as archive:
        names = set(archive.namelist())
    assert url in names  # the change reaches the host with this delta
    assert "manifest.json" in names
    assert result.delta_zip_path == str(delta.resolve())
    again = demo_workspace.publisher.export(out, workers=1, delta_zip_path=delta)
    with zipfile.ZipFile(delta) as archive:
        assert archive.namelist() == ["deleted.txt"]  # recorded now: nothing new
    assert again.written == 0


def test_a_full_zip_that_fails_says_the_bundle_was_updated(
    demo_workspace, bundle, tmp_path, monkeypatch
):
    out, _first = bundle
    with demo_workspace.edit():
        demo_workspace.site.update(slogan="全量压缩包失败")
    _full_disk_while_zipping(monkeypatch)
    with pytest.raises(NewsdeskError, match="not recorded") as caught:
        demo_workspace.publisher.export(out, workers=1, zip_path=tmp_path / "site.zip")
    assert "site.zip" in str(caught.value)
    assert "全量压缩包失败" in (out / "index.html").read_text(encoding="utf-8")
    monkeypatch.undo()
    result = demo_workspace.publisher.export(out, workers=1, zip_path=tmp_path / "site.zip")
    assert result.written > 0  # not recorded before: compared with the last complete export
    with zipfile.ZipFile(tmp_path / "site.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert set(archive.namelist()) - {"manifest.json"} == set(manifest["files"])


def test_a_kill_while_zipping_leaves_nothing_after_the_next_export(
    demo_workspace, bundle, tmp_path, monkeypatch
):
    out, _first = bundle
    zips = tmp_path / "zips"
    zips.mkdir()

    def killed(self, *args, **kwargs):
        raise Killed

    monkeypatch.setattr(zipfile.ZipFile, "write", killed)
    with pytest.raises(Killed):
        demo_workspace.publisher.export(out, workers=1, zip_path=zips / "site-1130.zip")
    assert (zips / "site-1130.zip.part").exists()  # what a kill leaves
    monkeypatch.undo()
    foreign = zips / "someone-elses.zip.part"
    foreign.write_bytes(b"not ours")
    demo_workspace.publisher.export(out, workers=1)  # no zip asked for this time
    assert not (zips / "site-1130.zip.part").exists()
    assert foreign.exists()
    assert not [p for p in out.parent.iterdir() if ".zip-part-" in p.name]


def test_leftovers_of_dead_exports_are_removed_and_others_kept(demo_workspace, bundle):
    out, _first = bundle
    parent = out.parent
    dead = _dead_pid()
    stale = parent / f".site.staging-{dead}"
    (stale / "sub").mkdir(parents=True)
    (stale / "sub" / "page.html").write_text("half")
    old = parent / f".site.old-{dead}"
    old.mkdir()
    live = parent / f".site.staging-{_live_pid()}"  # an export still running
    live.mkdir()
    not_ours = parent / ".site.staging-backup"
    not_ours.mkdir()
    demo_workspace.publisher.export(out, workers=1)
    assert not stale.exists()
    assert not old.exists()
    assert live.exists()
    assert not_ours.exists()


def _live_pid() -> int:
    import os

    return os.getppid()  # the process that started the tests is running


def test_a_first_export_onto_a_full_disk_leaves_no_staging_folder(
    demo_workspace, tmp_path, monkeypatch
):
    from editor.publish import worker

    def full_disk(self, relative, data):
        raise OSError(errno.ENOSPC, "No space left on device", relative)

    monkeypatch.setattr(worker.BatchRenderer, "write", full_disk)
    out = tmp_path / "site"
    for _attempt in range(2):
        with pytest.raises(NewsdeskError, match="disk is full"):
            demo_workspace.publisher.export(out, workers=1)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []
    assert not out.exists()


def test_a_kill_while_the_journal_is_applied_keeps_the_old_manifest_until_rolled_forward(
    demo_workspace, bundle, monkeypatch
):
    out, _first = bundle
    old_manifest = (out / "manifest.json").read_bytes()
    with demo_workspace.edit():
        demo_workspace.site.update(slogan="日志应用中断")
    moved = []
    original = bundle_module.os.replace

    def slow_replace(source, target, *args, **kwargs):
        if str(target).startswith(str(out) + "/"):
            if len(moved) == 3:
                raise Killed  # killed after three files of the bundle were replaced
            moved.append(target)
        return original(source, target, *args, **kwargs)

    monkeypatch.setattr(bundle_module.os, "replace", slow_replace)
    with pytest.raises(Killed):
        demo_workspace.publisher.export(out, workers=1)
    monkeypatch.undo()
    assert len(moved) == 3
    assert (out / "manifest.json").read_bytes() == old_manifest  # the manifest goes last
    demo_workspace.publisher.export(out, workers=1)  # rolls the journal forward
    manifest = json.loads((out / "manifest.json").read_bytes())
    assert (out / "manifest.json").read_bytes() != old_manifest
    for path, entry in manifest["files"].items():
        assert hashlib.sha256((out / path).read_bytes()).hexdigest() == entry["sha256"], path
    assert "日志应用中断" in (out / "index.html").read_text(encoding="utf-8")


def test_a_patch_is_staged_side_by_side_and_a_journal_of_folders_still_rolls_forward(
    demo_workspace, bundle, monkeypatch
):
    out, _first = bundle
    staged = []

    def kept_apart(out_dir, journal):
        data = json.loads(journal.read_text(encoding="utf-8"))
        folder = out_dir.parent / data["staging"]
        staged.extend(sorted(p.name for p in folder.iterdir()))
        raise Killed  # the process dies right after writing the journal

    with demo_workspace.edit():
        demo_workspace.site.update(slogan="并排暂存")
    monkeypatch.setattr(bundle_module, "_apply_journal", kept_apart)
    with pytest.raises(Killed):
        demo_workspace.publisher.export(out, workers=1)
    monkeypatch.undo()
    journal = out.parent / f".{out.name}{bundle_module.FLAT_JOURNAL_MARK}"
    data = json.loads(journal.read_text(encoding="utf-8"))
    assert data["flat"] and "index.html" in data["write"]
    assert not (out.parent / f".{out.name}{bundle_module.JOURNAL_MARK}").exists()
    assert staged == sorted(bundle_module.staged_name(p) for p in data["write"])
    bundle_module.recover(out)
    assert "并排暂存" in (out / "index.html").read_text(encoding="utf-8")
    # a journal an older version left: its files staged under their paths, in folders
    staging = out.parent / ".site.staging-older"
    (staging / "about").mkdir(parents=True)
    (staging / "about" / "new.html").write_text("<p>旧版暂存</p>", encoding="utf-8")
    (staging / "index.html").write_text("<p>首页</p>", encoding="utf-8")
    older = {"staging": staging.name, "write": ["about/new.html", "index.html"], "delete": []}
    journal = out.parent / f".{out.name}{bundle_module.JOURNAL_MARK}"
    journal.write_text(json.dumps(older), encoding="utf-8")
    bundle_module.recover(out)
    assert (out / "about" / "new.html").read_text(encoding="utf-8") == "<p>旧版暂存</p>"
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>首页</p>"
    assert not journal.exists() and not staging.exists()
