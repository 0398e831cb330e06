"""Publishing over SFTP to OpenSSH sshd started by the tests on 127.0.0.1: key and password
login, the host key pinned on first connect and checked after, release and in-place mode,
rollback, a reader during publishes, and clear failures (wrong password, another host key,
a silent server, a full disk) that record nothing as done."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
import urllib.request

import pytest
from target_helpers import edit_article, first_article

from editor.errors import NewsdeskError
from editor.publish.targets.service import HostPublisher
from editor.publish.targets.sftp import HostKeyError
from editor.publish.targets.transport import TargetError


def _whole(live) -> dict:
    import hashlib

    manifest = json.loads((live / "manifest.json").read_text(encoding="utf-8"))
    for path, entry in manifest["files"].items():
        assert hashlib.sha256((live / path).read_bytes()).hexdigest() == entry["sha256"], path
    return manifest


def test_release_mode_over_sftp_with_a_key(site, sshd):
    root = sshd.folder("key-release")
    host = HostPublisher(site)
    host.add_target("ssh", sshd.url(root))
    tested = host.test("ssh")
    assert tested["login"] and tested["rename"] and tested["symlink"] and tested["link"]
    assert tested["modes"] == ["release", "in-place"]
    assert site.targets.get("ssh").host_key == sshd.host_key  # pinned on first connect
    first = host.publish("ssh")
    assert first.sent > 50
    manifest = _whole(root / "current")
    assert os.stat(root / "current" / "index.html").st_uid != 0  # written as the SSH user
    assert host.publish("ssh").sent == 0
    article_id = first_article(site)
    edit_article(site, article_id, "\n\n远程更新。")
    second = host.publish("ssh")
    assert 1 < second.sent < 15 and second.release != first.release
    page = manifest["articles"][str(article_id)]
    assert "远程更新" in (root / "current" / page).read_text(encoding="utf-8")
    static = next(p for p in manifest["files"] if p.startswith("static/"))
    assert (root / "current" / static).stat().st_ino == (
        root / "releases" / first.release / static
    ).stat().st_ino  # hard-linked, not sent again
    assert [r["id"] for r in host.releases("ssh")] == [second.release, first.release]
    back = host.rollback("ssh")
    assert back.release == first.release
    assert os.readlink(root / "current") == f"releases/{first.release}"
    assert "远程更新" not in (root / "current" / page).read_text(encoding="utf-8")
    host.rollback("ssh", second.release)
    _whole(root / "current")


def test_password_login_from_the_keyring_and_in_place_mode(site, sshd, memory_keyring):
    root = sshd.folder("password-flat")
    host = HostPublisher(site)
    host.add_target("flat", sshd.url(root, key=False), mode="in-place", secret=sshd.password)
    assert sshd.password in memory_keyring.secrets.values()
    from editor.store.models import PublishTarget

    stored = [str(v) for row in PublishTarget.select().dicts() for v in row.values()]
    assert not any(sshd.password in value for value in stored)  # never in the database
    first = host.publish("flat")
    assert first.sent > 50 and (root / "index.html").is_file()
    state = json.loads((root / ".newsdesk" / "manifest.json").read_text())
    assert state["release"] == first.release
    edit_article(site, first_article(site), "\n\n就地。")
    assert 1 < host.publish("flat").sent < 15
    assert not list(root.rglob("*.part"))


def test_wrong_password_is_a_clear_message_and_nothing_is_recorded(site, sshd, memory_keyring):
    root = sshd.folder("wrong-password")
    host = HostPublisher(site)
    host.add_target("ssh", sshd.url(root, key=False), secret="not the password")
    with pytest.raises(TargetError, match="refused the login"):
        host.publish("ssh")
    assert list(root.iterdir()) == []
    assert host.history("ssh")[0].result == "failed"
    assert not (host.home / "journal" / "ssh.jsonl").exists()


def test_a_different_host_key_is_refused(site, sshd):
    root = sshd.folder("other-host-key")
    host = HostPublisher(site)
    host.add_target("ssh", sshd.url(root))
    other = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
    with site.edit():
        site.targets.pin_host_key("ssh", other)
    with pytest.raises(HostKeyError, match="differs from the one pinned"):
        host.publish("ssh")
    assert list(root.iterdir()) == []
    assert site.targets.get("ssh").host_key == other  # not silently re-pinned


def test_a_silent_server_times_out_with_a_message(site, sshd):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)  # accepts connections, never says a word
    try:
        host = HostPublisher(site)
        host.timeout = 1.0
        port = listener.getsockname()[1]
        host.add_target("mute", f"sftp://{sshd.user}@127.0.0.1:{port}/srv?key={sshd.key}")
        with pytest.raises(NewsdeskError) as caught:
            host.publish("mute")
        assert "127.0.0.1" in str(caught.value)
        assert host.history("mute")[0].result == "failed"
    finally:
        listener.close()


def test_a_full_disk_on_the_server_stops_the_publish_and_keeps_the_live_site(site, sshd):
    root = sshd.folder("full-disk")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(root)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        import pwd

        entry = pwd.getpwnam(sshd.user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
        host = HostPublisher(site)
        host.add_target("ssh", sshd.url(root))
        first = host.publish("ssh")  # the demo bundle is about 0.6 MB
        live_before = os.readlink(root / "current")
        filler = root / "filler"
        handle = os.open(filler, os.O_WRONLY | os.O_CREAT)  # take what space is left
        try:
            while True:
                os.write(handle, b"\0" * 4096)
        except OSError:
            pass
        finally:
            os.close(handle)
        os.truncate(filler, filler.stat().st_size - 48 * 1024)  # room for the lock and a page
        edit_article(site, first_article(site), "\n\n磁盘已满。" * 6000)
        with pytest.raises(TargetError, match="the disk is full"):
            host.publish("ssh")
        assert os.readlink(root / "current") == live_before == f"releases/{first.release}"
        _whole(root / "current")
        journal = host.home / "journal" / "ssh.jsonl"
        lines = journal.read_text().splitlines()
        release = json.loads(lines[0])["release"]
        for line in lines[1:]:
            entry = json.loads(line)
            if "path" in entry:
                assert (root / "releases" / release / entry["path"]).is_file()
        filler.unlink()
        resumed = host.publish("ssh")
        assert resumed.release == release
        _whole(root / "current")
    finally:
        subprocess.run(["umount", str(root)], capture_output=True)


def test_a_reader_sees_no_broken_page_during_publishes_over_sftp(site, sshd, http_folder):
    root = sshd.folder("reader")
    host = HostPublisher(site)
    host.add_target("ssh", sshd.url(root))
    host.publish("ssh")
    base = http_folder(root)
    manifest = json.loads((root / "current" / "manifest.json").read_text())
    article_id = first_article(site)
    pages = ["index.html", manifest["articles"][str(article_id)]]
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
                if body.rstrip().endswith("</html>"):
                    reads["ok"] += 1
                else:
                    reads["broken"].append(f"{path}: cut off")

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for number in range(10):
            edit_article(site, article_id, f"\n\n第{number}次。")
            host.publish("ssh")
    finally:
        stop.set()
        thread.join()
    assert reads["broken"] == [] and reads["ok"] > 10


def test_a_cancelled_export_does_not_wait_for_the_login(site, sshd, monkeypatch):
    """A publish logs in while it exports; cancelled during the export, it returns without
    waiting for a server that does not answer, and the login closes what it opened."""
    from editor.publish.targets import service

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)  # accepts connections, never says a word
    logins = []
    login = service.Login
    monkeypatch.setattr(service, "Login", lambda t: logins.append(login(t)) or logins[-1])
    try:
        host = HostPublisher(site)
        host.timeout = 2.0
        port = listener.getsockname()[1]
        host.add_target("mute", f"sftp://{sshd.user}@127.0.0.1:{port}/srv?key={sshd.key}")
        cancel = threading.Event()
        cancel.set()
        with pytest.raises(NewsdeskError):
            host.publish("mute", cancel=cancel)
        assert len(logins) == 1 and logins[0].thread.is_alive()  # not waited for
        logins[0].thread.join()
        assert logins[0].transport.loop is None  # closed once the login gave up
        assert host.history("mute")[0].result == "cancelled"
    finally:
        listener.close()
