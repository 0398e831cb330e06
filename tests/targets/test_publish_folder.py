"""Publishing to a local folder target (file://) in release and in-place mode: first
publish, one changed article, no change, deletions, verify over HTTP, rollback, the lock,
and resuming a publish that died at random points."""

from __future__ import annotations

import hashlib
import json
import os
import random
import threading
import urllib.request
from pathlib import Path

import pytest
from target_helpers import edit_article, first_article

from editor.errors import NewsdeskError
from editor.publish.targets.engine import PublishError
from editor.publish.targets.service import HostPublisher
from editor.publish.targets.state import LOCK, TargetLockedError
from editor.publish.targets.transport import LocalTransport, TargetError


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _live_matches_manifest(root: Path) -> dict:
    """The live release: every file its manifest lists, whole; returns the manifest."""
    live = root / "current"
    manifest = json.loads((live / "manifest.json").read_text(encoding="utf-8"))
    bad = [
        path
        for path, entry in manifest["files"].items()
        if not (live / path).is_file() or _sha(live / path) != entry["sha256"]
    ]
    assert bad == []
    return manifest


@pytest.fixture
def release_target(site, tmp_path):
    host = HostPublisher(site)
    host.add_target("live", f"file://{tmp_path / 'www'}")
    return host, tmp_path / "www"


def test_first_publish_then_no_change_sends_nothing(release_target):
    host, root = release_target
    first = host.publish("live")
    assert first.sent > 50 and first.unchanged == 0 and first.release
    assert (root / "current").is_symlink()
    manifest = _live_matches_manifest(root)
    assert len(manifest["files"]) + 1 == first.sent
    again = host.publish("live")
    assert again.sent == 0 and again.bytes == 0
    assert again.release == first.release
    history = host.history("live")
    assert [entry.sent for entry in history] == [0, first.sent]
    assert all(entry.result == "ok" for entry in history)


def test_one_changed_article_sends_its_page_and_dependents_links_the_rest(release_target):
    host, root = release_target
    first = host.publish("live")
    article_id = first_article(host.workspace)
    edit_article(host.workspace, article_id, "\n\n新增的一段。")
    second = host.publish("live")
    assert second.release != first.release
    assert 1 < second.sent < 15  # the page, lists that show it, feeds, the manifest
    assert second.unchanged == first.sent - second.sent
    manifest = _live_matches_manifest(root)
    page = manifest["articles"][str(article_id)]
    assert "新增的一段" in (root / "current" / page).read_text(encoding="utf-8")
    old_page = root / "releases" / first.release / page
    assert "新增的一段" not in old_page.read_text(encoding="utf-8")
    # unchanged files are hard links to the previous release's, not copies
    still = next(p for p in manifest["files"] if p.startswith("static/"))
    before = root / "releases" / first.release / still
    assert os.stat(root / "current" / still).st_ino == os.stat(before).st_ino


def test_deleted_article_leaves_the_new_release(release_target):
    host, root = release_target
    host.publish("live")
    article_id = first_article(host.workspace)
    page = json.loads((root / "current" / "manifest.json").read_text())["articles"][str(article_id)]
    with host.workspace.edit():
        host.workspace.articles.delete(article_id)
    result = host.publish("live")
    assert result.deleted >= 1
    assert not (root / "current" / page).exists()
    _live_matches_manifest(root)


def test_rollback_and_forward_switch_current(release_target):
    host, root = release_target
    first = host.publish("live")
    edit_article(host.workspace, first_article(host.workspace), "\n\n第二版。")
    second = host.publish("live")
    rows = host.releases("live")
    assert [r["id"] for r in rows] == [second.release, first.release]
    assert rows[0]["current"] and not rows[1]["current"]
    back = host.rollback("live")
    assert back.release == first.release and back.previous == second.release
    assert os.readlink(root / "current") == f"releases/{first.release}"
    forward = host.rollback("live", second.release)
    assert forward.release == second.release
    _live_matches_manifest(root)
    with pytest.raises(PublishError):
        host.rollback("live", "19990101-000000-dead")


def test_old_releases_are_pruned_but_never_the_previous(release_target):
    host, root = release_target
    releases = []
    for number in range(5):
        edit_article(host.workspace, first_article(host.workspace), f"\n\n第{number}版。")
        releases.append(host.publish("live").release)
    # keep 2: the current and the previous one stay, older ones go
    from editor.store.models import PublishTarget

    with host.workspace.edit():
        PublishTarget.update(keep=2).execute()
    edit_article(host.workspace, first_article(host.workspace), "\n\n最后一版。")
    last = host.publish("live")
    kept = sorted(os.listdir(root / "releases"))
    assert kept == sorted([releases[-1], last.release])


def test_verify_over_http_and_switch_back_on_mismatch(site, tmp_path, http_folder, monkeypatch):
    import editor.publish.targets.engine as engine_module

    root = tmp_path / "www"
    root.mkdir()
    base = http_folder(root / "current")
    host = HostPublisher(site)
    host.add_target("live", f"file://{root}", base_url=base)
    first = host.publish("live")
    assert first.verified is True
    # a server that serves something else: the publish is switched back
    edit_article(site, first_article(site), "\n\n核对。")
    engine_fetch = []

    def stale_cache(url, timeout=10.0):  # a proxy in front of the site serving old pages
        engine_fetch.append(url)
        return b"<html>stale cache</html>"

    monkeypatch.setattr(engine_module, "fetch_url", stale_cache)
    with pytest.raises(PublishError, match="switched back"):
        host.publish("live")
    assert base + "index.html" in engine_fetch
    assert os.readlink(root / "current") == f"releases/{first.release}"
    assert host.history("live")[0].result == "failed"


def test_a_lock_held_elsewhere_is_shown_and_broken_only_on_purpose(release_target):
    host, root = release_target
    host.publish("live")
    holder = {
        "user": "王编辑",
        "host": "desk-7",
        "pid": 1,
        "time": "2026-11-30 09:15:00",
        "token": "x",
    }
    (root / LOCK).write_text(json.dumps(holder, ensure_ascii=False), encoding="utf-8")
    edit_article(host.workspace, first_article(host.workspace), "\n\n锁。")
    with pytest.raises(TargetLockedError) as caught:
        host.publish("live")
    assert "王编辑" in str(caught.value) and "desk-7" in str(caught.value)
    assert "2026-11-30 09:15:00" in str(caught.value)
    result = host.publish("live", break_lock=True)
    assert result.sent > 0
    assert not (root / LOCK).exists()


class FlakyTransport(LocalTransport):
    """A folder transport whose connection drops after `budget` operations."""

    def __init__(self, root, budget):
        super().__init__(root)
        self.budget = budget

    def _spend(self):
        self.budget -= 1
        if self.budget < 0:
            raise TargetError("connection lost")

    def write(self, path, data):
        self._spend()
        if self.budget == 0 and len(data) > 1:  # die halfway through a file
            super().write(path, data[: len(data) // 2])
            raise TargetError("connection lost")
        super().write(path, data)

    def rename(self, source, target):
        self._spend()
        super().rename(source, target)

    def link_one(self, source, target):
        self._spend()
        super().link_one(source, target)

    def symlink(self, target, path):
        self._spend()
        super().symlink(target, path)


@pytest.mark.parametrize("mode", ["release", "in-place"])
def test_a_publish_dying_at_random_points_resumes_without_resending(
    site, tmp_path, monkeypatch, mode
):
    """20 publishes cut off at random operations, each resumed: a file recorded as sent is
    never missing or wrong, and in release mode the live site is always one whole release."""
    import editor.publish.targets.service as service

    root = tmp_path / "www"
    host = HostPublisher(site)
    host.add_target("live", f"file://{root}", mode=mode)
    host.publish("live")
    journal_path = host.home / "journal" / "live.jsonl"
    chance = random.Random(16)
    budget = {"n": 0}
    monkeypatch.setattr(
        service, "open_transport", lambda spec, secret, **kw: FlakyTransport(spec.path, budget["n"])
    )
    article_id = first_article(site)
    failures = 0
    for round_number in range(20):
        edit_article(site, article_id, f"\n\n第{round_number}轮。")
        budget["n"] = chance.randint(0, 12)
        try:
            host.publish("live")
        except NewsdeskError:
            failures += 1
            bundle = host.bundle_dir
            for line in journal_path.read_text(encoding="utf-8").splitlines()[1:]:
                entry = json.loads(line)
                if "path" not in entry:
                    continue
                header = json.loads(journal_path.read_text(encoding="utf-8").splitlines()[0])
                folder = root / "releases" / header["release"] if mode == "release" else root
                assert _sha(folder / entry["path"]) == entry["sha"], entry["path"]
                assert entry["sha"] == _sha(bundle / entry["path"])
            if mode == "release":
                _live_matches_manifest(root)
        budget["n"] = 10_000
        resumed = host.publish("live")
        assert resumed.sent <= 20
        if mode == "release":
            _live_matches_manifest(root)
        else:
            state = json.loads((root / ".newsdesk" / "manifest.json").read_text())
            assert all(_sha(root / p) == e["sha256"] for p, e in state["files"].items())
    assert failures >= 10  # the random budgets really cut publishes off


def test_a_reader_never_sees_a_broken_page_during_50_publishes(site, tmp_path, http_folder):
    root = tmp_path / "www"
    host = HostPublisher(site)
    host.add_target("live", f"file://{root}")
    host.publish("live")
    base = http_folder(root)
    manifest = json.loads((root / "current" / "manifest.json").read_text())
    article_id = first_article(site)
    page = manifest["articles"][str(article_id)]
    pages = ["index.html", page, *list(manifest["articles"].values())[:5]]
    stop = threading.Event()
    reads = {"ok": 0, "broken": []}

    def reader():
        while not stop.is_set():
            for path in pages:
                try:
                    with urllib.request.urlopen(f"{base}current/{path}", timeout=5) as response:
                        body = response.read().decode("utf-8")
                except Exception as exc:  # any failed read is a broken page
                    reads["broken"].append(f"{path}: {exc}")
                    continue
                if not body.rstrip().endswith("</html>"):
                    reads["broken"].append(f"{path}: cut off")
                else:
                    reads["ok"] += 1

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for number in range(50):
            edit_article(site, article_id, f"\n\n读者测试 {number}。")
            host.publish("live")
    finally:
        stop.set()
        thread.join()
    assert reads["broken"] == []
    assert reads["ok"] > 50


def test_in_place_uploads_in_dependency_order_and_deletes_last(site, tmp_path, monkeypatch):
    import editor.publish.targets.service as service

    root = tmp_path / "www"
    host = HostPublisher(site)
    host.add_target("flat", f"file://{root}", mode="in-place")
    host.publish("flat")
    assert not (root / "current").exists() and (root / "index.html").is_file()
    operations: list[tuple[str, str]] = []

    class Recording(LocalTransport):
        def rename(self, source, target):
            operations.append(("put", target))
            super().rename(source, target)

        def remove(self, path):
            operations.append(("remove", path))
            super().remove(path)

    monkeypatch.setattr(service, "open_transport", lambda spec, secret, **kw: Recording(spec.path))
    from editor.content.articles import ArticleQuery

    articles = site.articles.list(ArticleQuery(status="published", limit=3))
    manifest = json.loads((root / "manifest.json").read_text())
    removed_page = manifest["articles"][str(articles[0].id)]
    changed_page = manifest["articles"][str(articles[1].id)]
    with site.edit():
        site.articles.delete(articles[0].id)
    edit_article(site, articles[1].id, "\n\n就地更新。")
    result = host.publish("flat")
    assert result.deleted >= 1
    puts = [path for op, path in operations if op == "put"]
    order = [changed_page, "index.html", "rss.xml", "manifest.json", ".newsdesk/manifest.json"]
    positions = [puts.index(path) for path in order]
    assert positions == sorted(positions)
    first_removal = next(
        i for i, (op, path) in enumerate(operations) if op == "remove" and path == removed_page
    )
    assert first_removal > operations.index(("put", ".newsdesk/manifest.json"))
    assert not (root / removed_page).exists()


def test_in_place_stops_at_the_first_failed_group(site, tmp_path, monkeypatch):
    import editor.publish.targets.service as service

    root = tmp_path / "www"
    host = HostPublisher(site)
    host.add_target("flat", f"file://{root}", mode="in-place")
    host.publish("flat")
    before_home = (root / "index.html").read_bytes()
    before_state = (root / ".newsdesk" / "manifest.json").read_bytes()

    class FullDisk(LocalTransport):
        def write(self, path, data):
            if "/" in path and path.endswith(".html.part") and not path.startswith(".newsdesk"):
                raise TargetError("the disk is full")
            super().write(path, data)

    monkeypatch.setattr(service, "open_transport", lambda spec, secret, **kw: FullDisk(spec.path))
    edit_article(site, first_article(site), "\n\n磁盘满。")
    with pytest.raises(PublishError, match="changed articles") as caught:
        host.publish("flat")
    assert "the disk is full" in str(caught.value)
    assert (root / "index.html").read_bytes() == before_home  # later groups not sent
    assert (root / ".newsdesk" / "manifest.json").read_bytes() == before_state
    journal = host.home / "journal" / "flat.jsonl"
    recorded = [json.loads(line) for line in journal.read_text().splitlines()[1:]]
    assert all(not e.get("path", "").endswith(".html") for e in recorded)
    assert host.history("flat")[0].result == "failed"


def test_in_place_rollback_republishes_the_kept_release(site, tmp_path):
    root = tmp_path / "www"
    host = HostPublisher(site)
    host.add_target("flat", f"file://{root}", mode="in-place")
    first = host.publish("flat")
    article_id = first_article(site)
    page = json.loads((root / "manifest.json").read_text())["articles"][str(article_id)]
    original = (root / page).read_bytes()
    edit_article(site, article_id, "\n\n回滚前。")
    second = host.publish("flat")
    assert (root / page).read_bytes() != original
    back = host.rollback("flat")
    assert back.release == first.release and back.sent >= 1
    assert (root / page).read_bytes() == original
    assert [r["id"] for r in host.releases("flat") if r["current"]] == [first.release]
    forward = host.rollback("flat", second.release)
    assert forward.release == second.release
    assert b"\xe5\x9b\x9e\xe6\xbb\x9a\xe5\x89\x8d" in (root / page).read_bytes()  # 回滚前


def test_a_rename_refusing_target_writes_in_place(site, tmp_path, monkeypatch):
    import editor.publish.targets.service as service

    class NoRename(LocalTransport):
        can_rename = False

        def rename(self, source, target):
            raise TargetError("RNTO refused")

    monkeypatch.setattr(service, "open_transport", lambda spec, secret, **kw: NoRename(spec.path))
    root = tmp_path / "www"
    host = HostPublisher(site)
    host.add_target("flat", f"file://{root}", mode="in-place")
    result = host.publish("flat")
    assert result.sent > 50
    assert not list(root.rglob("*.part"))
    state = json.loads((root / ".newsdesk" / "manifest.json").read_text())
    assert all(_sha(root / p) == e["sha256"] for p, e in state["files"].items())


KILLED_PUBLISH = """
import sys, time
from editor.publish.targets import service, transport
from editor.publish.targets.service import HostPublisher
from editor.workspace import Workspace

class Slow(transport.LocalTransport):
    def write(self, path, data):
        time.sleep(0.01)  # room for the kill to land mid-upload
        super().write(path, data)

service.open_transport = lambda spec, secret, **kw: Slow(spec.path)
with Workspace.open(sys.argv[1], user="tester") as workspace:
    HostPublisher(workspace).publish("live")
"""


def test_a_killed_publish_process_resumes_and_never_records_a_missing_file(site, tmp_path):
    """The publishing process is killed (SIGKILL) at random moments during uploads, then
    publishing runs again: what the journal records is on the target, the live site is
    always one whole release, and the resumed publish finishes the same release."""
    import subprocess
    import sys
    import time

    root = tmp_path / "www"
    host = HostPublisher(site)
    host.add_target("live", f"file://{root}")
    location = site.target.location
    journal = host.home / "journal" / "live.jsonl"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    chance = random.Random(9)
    article_id = first_article(site)
    killed = 0
    for round_number in range(3):
        for other in range(6):  # a wide change: many pages to send
            edit_article(site, article_id + other, f"\n\n第{round_number}轮改动。")
        process = subprocess.Popen(
            [sys.executable, "-c", KILLED_PUBLISH, location], env=env, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 60
        while not journal.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(chance.uniform(0.0, 0.15))
        if process.poll() is None:
            process.kill()
            killed += 1
        process.wait()
        if journal.exists():
            lines = journal.read_text(encoding="utf-8").splitlines()
            release = json.loads(lines[0])["release"]
            for line in lines[1:]:
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue  # a line cut by the kill
                if "path" in entry:
                    assert _sha(root / "releases" / release / entry["path"]) == entry["sha"]
        if (root / "current").exists():
            _live_matches_manifest(root)
        resumed = host.publish("live")
        assert resumed.release
        _live_matches_manifest(root)
        assert not journal.exists()
    assert killed >= 2


def test_the_live_release_manifest_is_read_once_then_remembered(site, tmp_path, monkeypatch):
    import editor.publish.targets.service as service

    root = tmp_path / "www"
    reads: list[str] = []

    class Counting(LocalTransport):
        def read(self, path):
            reads.append(path)
            return super().read(path)

    monkeypatch.setattr(service, "open_transport", lambda spec, secret, **kw: Counting(spec.path))
    host = HostPublisher(site)
    host.add_target("live", f"file://{root}")
    first = host.publish("live")
    reads.clear()
    assert host.publish("live").sent == 0
    assert not any(path.endswith("manifest.json") for path in reads)  # remembered
    # another workstation publishes: the live release is not the remembered one any more
    other = HostPublisher(site)
    (other.home / "journal" / "live.live.json").unlink()
    edit_article(site, first_article(site), "\n\n另一台电脑。")
    second = other.publish("live")
    edit_article(site, first_article(site), "\n\n这一台。")
    (host.home / "journal" / "live.live.json").write_text(
        json.dumps({"release": first.release, "files": {}}), encoding="utf-8"
    )
    reads.clear()
    third = host.publish("live")
    assert f"releases/{second.release}/manifest.json" in reads
    assert third.sent < 15
    _live_matches_manifest(root)
