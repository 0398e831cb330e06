"""The spare copy over SFTP (OpenSSH sshd started by the tests): after a switch the server
prepares `releases/.spare-<id>`, a hard-link copy of the live release, and the next publish
claims it with one rename instead of cloning; under someone else's lock it is left alone;
a publishing process killed at random moments while claiming and uploading resumes without
recording a missing file; pruned releases are removed by the server in the background."""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from target_helpers import edit_article, first_article

from editor.publish.targets import sftp
from editor.publish.targets.service import HostPublisher
from editor.publish.targets.state import TargetLockedError


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _live_is_whole(root: Path) -> dict:
    live = root / "current"
    manifest = json.loads((live / "manifest.json").read_text(encoding="utf-8"))
    bad = [
        path
        for path, entry in manifest["files"].items()
        if not (live / path).is_file() or _sha(live / path) != entry["sha256"]
    ]
    assert bad == []
    return manifest


def _wait_for(condition, what: str, seconds: float = 60.0) -> None:
    """Poll until the server's background work is visible (not a timing assertion)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"the server never finished: {what}")
        time.sleep(0.05)


def _spare(root: Path, release: str) -> Path:
    return root / "releases" / f".spare-{release}"


def test_the_next_publish_claims_the_spare_copy_instead_of_cloning(site, sshd, monkeypatch):
    root = sshd.folder("spare")
    host = HostPublisher(site)
    host.add_target("ssh", sshd.url(root))
    first = host.publish("ssh")
    _wait_for(lambda: _spare(root, first.release).is_dir(), "the spare of the first release")
    static = next(p for p in _live_is_whole(root)["files"] if p.startswith("static/"))
    assert (_spare(root, first.release) / static).stat().st_ino == (
        root / "releases" / first.release / static
    ).stat().st_ino  # hard links, no file data copied
    clones = []
    monkeypatch.setattr(sftp.SftpTransport, "clone_tree", lambda self, *a: clones.append(a))
    edit_article(site, first_article(site), "\n\n备用副本。")
    second = host.publish("ssh")
    assert clones == []  # the spare was claimed: no copy made while publishing
    assert not _spare(root, first.release).exists()
    manifest = _live_is_whole(root)
    assert os.readlink(root / "current") == f"releases/{second.release}"
    assert (root / "current" / static).stat().st_ino == (
        root / "releases" / first.release / static
    ).stat().st_ino
    assert "备用副本" in (
        root / "current" / manifest["articles"][str(first_article(site))]
    ).read_text(encoding="utf-8")
    assert not list((root / "releases" / second.release).rglob("*.part"))
    # the next spare is made from the new release, and a rollback makes one of its target
    _wait_for(lambda: _spare(root, second.release).is_dir(), "the spare of the second release")
    assert host.rollback("ssh").release == first.release
    _live_is_whole(root)
    _wait_for(
        lambda: _spare(root, first.release).is_dir() and not _spare(root, second.release).exists(),
        "the spare of the rolled-back release, and the other one removed",
    )
    assert [r["id"] for r in host.releases("ssh")] == [second.release, first.release]


def test_a_locked_target_leaves_the_spare_and_records_nothing(site, sshd):
    root = sshd.folder("spare-locked")
    host = HostPublisher(site)
    host.add_target("ssh", sshd.url(root))
    first = host.publish("ssh")
    _wait_for(lambda: _spare(root, first.release).is_dir(), "the spare of the first release")
    lock = {"user": "编辑乙", "host": "another-desk", "pid": 1, "time": "2026-11-30 09:00:00"}
    (root / ".newsdesk" / "lock").write_text(json.dumps(lock, ensure_ascii=False))
    edit_article(site, first_article(site), "\n\n被锁。")
    with pytest.raises(TargetLockedError, match="编辑乙"):
        host.publish("ssh")
    assert _spare(root, first.release).is_dir()  # not claimed without the lock
    assert sorted(os.listdir(root / "releases")) == [f".spare-{first.release}", first.release]
    assert not (host.home / "journal" / "ssh.jsonl").exists()
    (root / ".newsdesk" / "lock").unlink()
    second = host.publish("ssh")
    assert second.release != first.release and not _spare(root, first.release).exists()
    _live_is_whole(root)


def test_pruned_releases_are_removed_by_the_server(site, sshd):
    root = sshd.folder("spare-prune")
    host = HostPublisher(site)
    host.add_target("ssh", sshd.url(root))
    article_id = first_article(site)
    published = [host.publish("ssh").release]
    for number in range(6):
        edit_article(site, article_id, f"\n\n第{number}版。")
        published.append(host.publish("ssh").release)
    kept = [r["id"] for r in host.releases("ssh")]
    assert kept == sorted(published, reverse=True)[:5]

    def only_kept() -> bool:
        names = os.listdir(root / "releases")
        return sorted(n for n in names if not n.startswith(".spare-")) == sorted(kept)

    _wait_for(only_kept, "the pruned releases removed")
    assert sorted(os.listdir(root / ".newsdesk" / "releases")) == sorted(f"{r}.json" for r in kept)
    _live_is_whole(root)


KILLED_SFTP_PUBLISH = """
import asyncio, random, sys
from editor.publish.targets import sftp_batch
from editor.publish.targets.service import HostPublisher
from editor.workspace import Workspace

original = sftp_batch.SftpBatches._send

async def slow(self, job, cancel):
    await asyncio.sleep(random.uniform(0.0, 0.4))  # room for the kill to land mid-upload
    return await original(self, job, cancel)

sftp_batch.SftpBatches._send = slow
with Workspace.open(sys.argv[1], user="tester") as workspace:
    HostPublisher(workspace).publish("ssh")
"""


def test_a_publish_killed_while_claiming_and_uploading_resumes_over_sftp(site, sshd):
    """SIGKILL at random moments of publishes that claim the spare and upload: what the
    journal records is whole in the new release, the live site is always a whole release,
    and the next publish finishes."""
    root = sshd.folder("spare-killed")
    host = HostPublisher(site)
    host.add_target("ssh", sshd.url(root))
    current = host.publish("ssh").release
    journal = host.home / "journal" / "ssh.jsonl"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    chance = random.Random(16)
    article_id = first_article(site)
    killed = claimed = 0
    for round_number in range(5):
        _wait_for(lambda c=current: _spare(root, c).is_dir(), "the spare of the live release")
        for other in range(6):  # a wide change: many pages to send
            edit_article(site, article_id + other, f"\n\n第{round_number}轮。")
        process = subprocess.Popen(
            [sys.executable, "-c", KILLED_SFTP_PUBLISH, site.target.location],
            env=env,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while not journal.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(chance.uniform(0.05, 0.6))
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
                if entry.get("mark") == "clone":
                    claimed += 1
        _live_is_whole(root)
        resumed = host.publish("ssh")
        _live_is_whole(root)
        assert not journal.exists()
        assert not list((root / "releases" / resumed.release).rglob("*.part"))
        current = resumed.release
    assert killed >= 2 and claimed >= 1


def test_a_switch_by_someone_else_before_the_lock_gives_the_claimed_spare_back(
    site, sshd, monkeypatch
):
    """The live release changes between the first read and the lock (another workstation
    published): the spare of the release seen first is not used for the new release."""
    from editor.publish.targets.engine import Engine

    root = sshd.folder("spare-race")
    host = HostPublisher(site)
    host.add_target("ssh", sshd.url(root))
    first = host.publish("ssh")
    _wait_for(lambda: _spare(root, first.release).is_dir(), "the spare of the first release")
    other = "20991231-000000-000ff"  # sorts last: a release made elsewhere
    original = Engine._remote_state

    def remote_state_then_someone_publishes(self):
        seen = original(self)
        subprocess.run(
            ["cp", "-al", str(root / "releases" / first.release), str(root / "releases" / other)],
            check=True,
        )
        marker = root / "releases" / other / "elsewhere.txt"
        marker.write_text("另一台电脑", encoding="utf-8")
        owner = (root / "releases" / first.release / "index.html").stat()
        os.chown(marker, owner.st_uid, owner.st_gid)
        os.symlink(f"releases/{other}", root / ".current-elsewhere")
        os.replace(root / ".current-elsewhere", root / "current")
        return seen

    given_back = []
    unclaim = Engine._unclaim
    edit_article(site, first_article(site), "\n\n竞争。")
    with monkeypatch.context() as patch:
        patch.setattr(Engine, "_remote_state", remote_state_then_someone_publishes)
        patch.setattr(
            Engine, "_unclaim", lambda self, *a: (given_back.append(a), unclaim(self, *a))
        )
        second = host.publish("ssh")
    assert [base for base, _release in given_back] == [first.release]
    assert second.previous == other
    _live_is_whole(root)
    # made from the release live under the lock, not from the spare of the one seen first
    assert (root / "current" / "elsewhere.txt").read_text(encoding="utf-8") == "另一台电脑"
    assert {second.release, other, first.release} <= set(os.listdir(root / "releases"))
