"""Real servers for the publish tests, started on 127.0.0.1 in a temporary folder: OpenSSH
sshd with its own configuration, host key, throwaway user and client key."""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

SSHD = shutil.which("sshd") or "/usr/sbin/sshd"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 10.0) -> None:
    """Wait until something listens on the port (or the process died)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


@dataclass
class SshServer:
    """A running sshd and how to log in."""

    port: int
    user: str
    password: str
    key: Path  # the client's private key (no passphrase)
    home: Path  # the user's folder, where targets go
    host_key: str  # the server's public host key, OpenSSH format
    process: subprocess.Popen

    def folder(self, name: str) -> Path:
        """A fresh folder the user owns, for one target."""
        path = self.home / name
        path.mkdir()
        entry = pwd.getpwnam(self.user)
        os.chown(path, entry.pw_uid, entry.pw_gid)
        return path

    def url(self, folder: Path, *, key: bool = True) -> str:
        """The sftp:// URL of a folder."""
        query = f"?key={self.key}" if key else ""
        return f"sftp://{self.user}@127.0.0.1:{self.port}{folder}{query}"


def start_sshd(base: Path) -> SshServer:
    """Create a throwaway user and start sshd for it (needs root)."""
    user = f"ndpub{os.getpid() % 100000}"
    password = secrets.token_urlsafe(12)
    home = base / "home"
    home.mkdir()
    os.chmod(base, 0o755)
    subprocess.run(["userdel", user], capture_output=True)
    subprocess.run(
        ["useradd", "--no-create-home", "--home-dir", str(home), "--shell", "/bin/sh", user],
        check=True,
        capture_output=True,
    )
    subprocess.run(["chpasswd"], input=f"{user}:{password}", text=True, check=True)
    entry = pwd.getpwnam(user)
    os.chown(home, entry.pw_uid, entry.pw_gid)
    keygen = ["ssh-keygen", "-q", "-t", "ed25519", "-N", ""]
    subprocess.run([*keygen, "-f", str(base / "host_ed25519")], check=True)
    subprocess.run([*keygen, "-f", str(base / "client_ed25519")], check=True)
    keys = base / "authorized"
    keys.mkdir()
    shutil.copy(base / "client_ed25519.pub", keys / user)
    os.chmod(keys / user, 0o644)
    port = free_port()
    config = base / "sshd_config"
    config.write_text(
        "\n".join(
            [
                f"Port {port}",
                "ListenAddress 127.0.0.1",
                f"HostKey {base / 'host_ed25519'}",
                f"PidFile {base / 'sshd.pid'}",
                f"AuthorizedKeysFile {keys}/%u",
                "PasswordAuthentication yes",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                f"AllowUsers {user}",
                "Subsystem sftp internal-sftp",
                "LogLevel ERROR",
                "MaxStartups 50",
                "MaxSessions 50",
            ]
        )
        + "\n"
    )
    Path("/run/sshd").mkdir(exist_ok=True)
    process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stderr=subprocess.PIPE)
    wait_for_port(port, process)
    host_key = (base / "host_ed25519.pub").read_text().split()
    return SshServer(
        port,
        user,
        password,
        base / "client_ed25519",
        home,
        f"{host_key[0]} {host_key[1]}",
        process,
    )


def stop_sshd(server: SshServer) -> None:
    """Stop sshd and remove the throwaway user."""
    server.process.terminate()
    try:
        server.process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        server.process.kill()
    subprocess.run(["userdel", server.user], capture_output=True)
