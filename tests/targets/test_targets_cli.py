"""The targets, publish, releases and rollback commands, target URLs, and secrets kept only
in the OS keyring (an in-memory backend here, and once the real Secret Service of GNOME
Keyring on a private D-Bus session)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from target_helpers import edit_article, first_article

from editor.cli import main
from editor.errors import ValidationError
from editor.publish.targets import secrets
from editor.publish.targets.urls import parse_target_url

ROOT = Path(__file__).resolve().parents[2]


def _json(capsys, argv) -> object:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def site_file(site, tmp_path):
    location = site.target.location
    site.close()
    return location


def test_targets_add_list_test_publish_releases_rollback(site_file, tmp_path, capsys):
    db = ["--db", site_file]
    www = tmp_path / "www"
    added = _json(capsys, [*db, "targets", "add", "live", f"file://{www}", "--json"])
    assert added == {"name": "live", "url": f"file://{www}", "mode": "release", "default": True}
    _json(
        capsys,
        [
            *db,
            "targets",
            "add",
            "flat",
            f"file://{tmp_path / 'flat'}",
            "--mode",
            "in-place",
            "--base-url",
            "http://127.0.0.1:9/",
            "--json",
        ],
    )
    listed = _json(capsys, [*db, "targets", "--json"])
    assert [(t["name"], t["mode"], t["default"]) for t in listed] == [
        ("live", "release", True),
        ("flat", "in-place", False),
    ]
    tested = _json(capsys, [*db, "targets", "test", "live", "--json"])
    assert tested["login"] and tested["write"] and tested["rename"] and tested["symlink"]
    assert tested["modes"] == ["release", "in-place"]
    dry = _json(capsys, [*db, "publish", "--dry-run", "--json"])
    assert dry["dry_run"] is True and dry["sent"] == len(dry["files"]) > 50
    assert dry["files"][-1] == "manifest.json" and not www.joinpath("current").exists()
    first = _json(capsys, [*db, "publish", "live", "--json"])
    assert set(first) == {
        "target",
        "release",
        "sent",
        "unchanged",
        "deleted",
        "bytes",
        "seconds",
        "verified",
    }
    assert first["target"] == "live" and first["sent"] == dry["sent"] and first["verified"] is None
    none = _json(capsys, [*db, "publish", "--json"])
    assert none["sent"] == 0 and none["release"] == first["release"]
    from editor.workspace import Workspace

    with Workspace.open(site_file) as ws:
        edit_article(ws, first_article(ws), "\n\n命令行。")
    second = _json(capsys, [*db, "publish", "live", "--json"])
    assert 0 < second["sent"] < 15
    releases = _json(capsys, [*db, "releases", "live", "--json"])
    assert [(r["id"], r["current"]) for r in releases] == [
        (second["release"], True),
        (first["release"], False),
    ]
    assert set(releases[0]) == {"id", "time", "user", "files", "current"}
    back = _json(capsys, [*db, "rollback", "live", "--json"])
    assert back["release"] == first["release"]
    assert os.readlink(www / "current") == f"releases/{first['release']}"
    assert main([*db, "rollback", "live", second["release"]]) == 0
    assert second["release"] in capsys.readouterr().out
    assert main([*db, "publish", "nowhere"]) == 1
    assert "nowhere" in capsys.readouterr().err


def test_bad_target_urls_get_clear_messages(site_file, capsys):
    db = ["--db", site_file]
    assert main([*db, "targets", "add", "x", "gopher://host/path"]) == 1
    assert "not a target URL" in capsys.readouterr().err
    assert main([*db, "targets", "add", "x", "sftp://bob:hunter2@example.com/srv"]) == 1
    err = capsys.readouterr().err
    assert "Leave the password out of the URL" in err and "hunter2" not in err
    assert main([*db, "targets", "add", "bad name", "file:///tmp/x"]) == 1
    assert main([*db, "targets", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_target_urls_parse_and_never_show_a_secret():
    spec = parse_target_url("sftp://deploy@example.com:2222/srv/site?key=/home/me/.ssh/id_ed25519")
    assert (spec.user, spec.host, spec.port, spec.path) == (
        "deploy",
        "example.com",
        2222,
        "/srv/site",
    )
    assert spec.query == {"key": "/home/me/.ssh/id_ed25519"} and not spec.needs_password
    assert parse_target_url("sftp://deploy@example.com/srv").needs_password
    assert parse_target_url("file:///srv/www/").describe() == "file:///srv/www"
    s3 = parse_target_url("s3://bucket/news?endpoint=http://127.0.0.1:9000&region=cn-north-1")
    assert s3.host == "bucket" and s3.path == "/news" and s3.query["region"] == "cn-north-1"
    with pytest.raises(ValidationError):
        parse_target_url("file://relative/path")


def test_no_keyring_backend_is_said_never_plain_text(monkeypatch, tmp_path):
    monkeypatch.setattr(secrets, "_backend", lambda: None)
    monkeypatch.delenv(secrets.SECRET_ENV, raising=False)
    assert not secrets.keyring_available()
    with pytest.raises(secrets.KeyringUnavailableError, match="No system keyring"):
        secrets.store_secret("abc", "hunter2")
    with pytest.raises(secrets.KeyringUnavailableError):
        secrets.load_secret("abc", required=True)
    assert secrets.load_secret("abc", required=False) is None
    monkeypatch.setenv(secrets.SECRET_ENV, "for-one-run")
    assert secrets.load_secret("abc", required=True) == "for-one-run"


def test_secrets_round_trip_through_the_keyring_backend(memory_keyring):
    secrets.store_secret("k", "密码")
    assert secrets.load_secret("k", required=True) == "密码"
    secrets.delete_secret("k")
    assert secrets.load_secret("k", required=False) is None


@pytest.mark.skipif(
    not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")),
    reason="needs dbus and gnome-keyring (Debian packages dbus, gnome-keyring)",
)
def test_a_secret_is_kept_in_the_real_secret_service(tmp_path):
    """gnome-keyring-daemon on a private D-Bus session, unlocked with a throwaway password;
    the secret comes back in a second process and is not in the keyring files as text."""
    script = textwrap.dedent(
        """
        import sys
        from editor.publish.targets import secrets
        if sys.argv[1] == "store":
            secrets.store_secret("target-key", "测试-hunter2")
        print(secrets.load_secret("target-key", required=True))
        """
    )
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "NEWSDESK_TARGET"))}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), PYTHONPATH=str(ROOT))
    command = (
        "echo -n throwaway | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; "
        f'"{sys.executable}" -c "$SCRIPT" store && "{sys.executable}" -c "$SCRIPT" load'
    )
    env["SCRIPT"] = script
    done = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", command],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["测试-hunter2", "测试-hunter2"]
    stored = b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())
    assert stored and b"hunter2" not in stored


def test_targets_and_their_history_are_kept_in_the_site(workspace):
    """On SQLite and, with NEWSDESK_TEST_PG, on PostgreSQL (schema 8)."""
    from editor.errors import NotFoundError

    targets = workspace.targets
    with workspace.edit():
        first = targets.add("正式站", "sftp://deploy@example.com/srv/site", mode="release")
        targets.add("backup", "file:///mnt/backup", mode="in-place", base_url="https://x.cn")
    assert first.default and len(first.secret_key) == 32
    assert [(t.name, t.default) for t in targets.list()] == [("正式站", True), ("backup", False)]
    assert targets.get("backup").base_url == "https://x.cn/"
    with workspace.edit():
        targets.set_default("backup")
        targets.pin_host_key("正式站", "ssh-ed25519 AAAA")
        targets.record("backup", release="r1", sent=3, bytes=100, result="ok", user="tester")
        targets.record("backup", action="rollback", release="r0", result="failed", message="x")
    assert targets.get().name == "backup"
    assert targets.get("正式站").host_key == "ssh-ed25519 AAAA"
    assert [(e.action, e.result) for e in targets.history("backup")] == [
        ("rollback", "failed"),
        ("publish", "ok"),
    ]
    with workspace.edit():
        targets.remove("backup")
    assert targets.get().name == "正式站"  # another target became the default
    with pytest.raises(NotFoundError):
        targets.get("backup")
    with pytest.raises(ValidationError):
        targets.add("正式站", "file:///x", mode="release")
