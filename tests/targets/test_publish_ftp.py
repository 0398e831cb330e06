"""Publishing over FTP and FTPS (in-place mode) to vsftpd started by the tests on
127.0.0.1 (TLS with session reuse on the data connection, as vsftpd requires), and to a
pyftpdlib server that refuses to rename over an existing file."""

from __future__ import annotations

import hashlib
import json

import pytest
from target_helpers import edit_article, first_article

from editor.publish.targets.ftp import CertificateError
from editor.publish.targets.service import HostPublisher
from editor.publish.targets.transport import TargetError


def _whole(root) -> dict:
    state = json.loads((root / ".newsdesk" / "manifest.json").read_text(encoding="utf-8"))
    for path, entry in state["files"].items():
        assert hashlib.sha256((root / path).read_bytes()).hexdigest() == entry["sha256"], path
    return state


@pytest.mark.parametrize("scheme", ["ftps", "ftp"])
def test_in_place_publishing_over_vsftpd(site, vsftpd, scheme):
    root = vsftpd.account.folder(f"vsftpd-{scheme}")
    host = HostPublisher(site)
    host.add_target("ftp", vsftpd.url(root, scheme), secret=vsftpd.account.password)
    assert site.targets.get("ftp").mode == "in-place"
    tested = host.test("ftp")
    assert tested["login"] and tested["write"] and tested["rename"]
    assert not tested["symlink"] and tested["modes"] == ["in-place"]
    if scheme == "ftps":
        assert site.targets.get("ftp").host_key.startswith("sha256:")  # certificate pinned
    first = host.publish("ftp")
    assert first.sent > 50
    state = _whole(root)
    assert host.publish("ftp").sent == 0
    article_id = first_article(site)
    page = json.loads((root / "manifest.json").read_text())["articles"][str(article_id)]
    edit_article(site, article_id, "\n\nFTP 更新。")
    second = host.publish("ftp")
    assert 1 < second.sent < 15
    assert "FTP 更新" in (root / page).read_text(encoding="utf-8")
    with site.edit():
        site.articles.delete(article_id)
    third = host.publish("ftp")
    assert third.deleted >= 1 and not (root / page).exists()
    assert page not in _whole(root)["files"] and state["release"] != third.release
    assert not list(root.rglob("*.part"))


def test_ftp_release_mode_is_refused_with_a_reason(site, vsftpd):
    host = HostPublisher(site)
    with pytest.raises(Exception, match="cannot use release mode"):
        host.add_target("ftp", vsftpd.url(vsftpd.account.home), mode="release", secret="x")


def test_wrong_ftp_password_and_another_certificate_are_clear(site, vsftpd, memory_keyring):
    root = vsftpd.account.folder("vsftpd-refused")
    host = HostPublisher(site)
    host.add_target("bad", vsftpd.url(root), secret="not the password")
    with pytest.raises(TargetError, match="refused the login"):
        host.publish("bad")
    host.add_target("pinned", vsftpd.url(root), secret=vsftpd.account.password)
    with site.edit():
        site.targets.pin_host_key("pinned", "sha256:" + "0" * 64)
    with pytest.raises(CertificateError, match="differs from the one"):
        host.publish("pinned")
    assert list(root.iterdir()) == []
    assert [e.result for e in host.history("pinned")] == ["failed"]


def test_a_server_refusing_rename_over_a_file_gets_files_written_in_place(
    site, rename_refusing_ftp
):
    root, url, password = rename_refusing_ftp
    host = HostPublisher(site)
    host.add_target("strict", url, secret=password)
    tested = host.test("strict")
    assert tested["write"] and not tested["rename"] and tested["modes"] == ["in-place"]
    first = host.publish("strict")
    assert first.sent > 50
    edit_article(site, first_article(site), "\n\n不能改名。")
    assert 1 < host.publish("strict").sent < 15
    _whole(root)
    assert not list(root.rglob("*.part"))
