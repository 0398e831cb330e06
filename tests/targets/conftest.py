"""Fixtures for publishing to hosts: the demo site, an in-memory keyring, an HTTP server
serving a target folder, and helpers to edit an article."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest


class MemoryKeyring:
    """A keyring backend that keeps secrets in this process only (tests)."""

    priority = 10

    def __init__(self) -> None:
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, user):
        return self.secrets.get((service, user))

    def set_password(self, service, user, password):
        self.secrets[(service, user)] = password

    def delete_password(self, service, user):
        self.secrets.pop((service, user), None)


@pytest.fixture
def memory_keyring(monkeypatch):
    """Secrets go to a dictionary instead of the system keyring."""
    from editor.publish.targets import secrets

    store = MemoryKeyring()
    monkeypatch.setattr(secrets, "_backend", lambda: store)
    monkeypatch.delenv(secrets.SECRET_ENV, raising=False)
    return store


@pytest.fixture
def site(tmp_path, memory_keyring):
    """The demo site in a SQLite file (what is published does not depend on the database
    server), exported in this process."""
    from editor.content.demo import load_demo
    from editor.publish import publisher
    from editor.workspace import Workspace

    workspace = Workspace.open(str(tmp_path / "site.newsdesk"), create=True, user="tester")
    with workspace.edit():
        load_demo(workspace)
    original = publisher.Publisher.export

    def export(self, out_dir, **kwargs):
        kwargs.setdefault("workers", 1)
        return original(self, out_dir, **kwargs)

    publisher.Publisher.export = export
    yield workspace
    publisher.Publisher.export = original
    workspace.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def http_folder():
    """Serve a folder over HTTP on 127.0.0.1: call with the folder, get the base URL."""
    servers = []

    def serve(folder) -> str:
        handler = functools.partial(_Quiet, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def server_account():
    """A throwaway system user (and its folder) for the servers the tests start."""
    import os
    import shutil
    import tempfile
    from pathlib import Path

    from servers import create_account, delete_account

    if os.geteuid() != 0:
        pytest.skip("starting servers for a throwaway user needs root (as on CI)")
    base = Path(tempfile.mkdtemp(prefix="newsdesk-servers-"))  # readable by that user
    account = create_account(base)
    yield account
    delete_account(account)
    # the mounts a test left (read from the table: the server may still be removing
    # folders it renamed away after a publish, so walking the tree can race it)
    with open("/proc/mounts", encoding="utf-8") as table:
        mounts = [line.split()[1] for line in table if line.split()[1].startswith(str(base))]
    for mount in mounts:
        os.system(f"umount {mount}")
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def sshd(server_account):
    """OpenSSH sshd on 127.0.0.1 with its own config and keys, for the throwaway user."""
    import os
    import shutil

    from servers import start_sshd, stop

    if not shutil.which("sshd") and not os.path.exists("/usr/sbin/sshd"):
        pytest.fail("sshd is missing: install the Debian package openssh-server")
    server = start_sshd(server_account.home.parent, server_account)
    yield server
    stop(server.process)


@pytest.fixture(scope="session")
def vsftpd(server_account):
    """vsftpd on 127.0.0.1 with TLS (explicit FTPS, session reuse required)."""
    import os
    import shutil

    from servers import start_vsftpd, stop

    if not shutil.which("vsftpd") and not os.path.exists("/usr/sbin/vsftpd"):
        pytest.fail("vsftpd is missing: install the Debian package vsftpd")
    server = start_vsftpd(server_account.home.parent, server_account)
    yield server
    stop(server.process)


@pytest.fixture
def rename_refusing_ftp(tmp_path):
    """pyftpdlib on 127.0.0.1 whose RNTO refuses to replace an existing file, as some
    hosting servers do; yields (url of its root, password)."""
    import os
    import threading

    from pyftpdlib.authorizers import DummyAuthorizer
    from pyftpdlib.handlers import FTPHandler
    from pyftpdlib.servers import FTPServer

    root = tmp_path / "ftp-root"
    root.mkdir()
    authorizer = DummyAuthorizer()
    authorizer.add_user("editor", "ftp-secret", str(root), perm="elradfmwMT")

    class RefusingHandler(FTPHandler):
        def ftp_RNTO(self, path):
            if os.path.exists(path):
                self._rnfr = None
                self.respond("553 Renaming over an existing file is not allowed.")
                return None
            return super().ftp_RNTO(path)

    RefusingHandler.authorizer = authorizer
    server = FTPServer(("127.0.0.1", 0), RefusingHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"timeout": 0.2}, daemon=True)
    thread.start()
    port = server.address[1]
    yield root, f"ftp://editor@127.0.0.1:{port}/", "ftp-secret"
    server.close_all()
    thread.join(5)


@pytest.fixture(scope="session")
def moto_s3():
    """moto's S3 server on 127.0.0.1: an emulator of S3, not a real storage service.
    Yields its endpoint URL."""
    from moto.server import ThreadedMotoServer
    from servers import free_port

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_bucket(moto_s3, request):
    """A fresh bucket on the emulator; yields (endpoint, bucket, boto3 client)."""
    import json
    import re

    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=moto_s3,
        region_name="us-east-1",
        aws_access_key_id="testing-key",
        aws_secret_access_key="testing-secret",
    )
    bucket = re.sub(r"[^a-z0-9-]", "-", request.node.name.lower())[:50].strip("-")
    client.create_bucket(Bucket=bucket)
    public_read = {  # a bucket that serves a website lets anyone read its objects
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }
    client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(public_read))
    return moto_s3, bucket, client
