"""Real servers for the publish tests, started on 127.0.0.1 in a temporary folder: a
throwaway user, OpenSSH sshd with its own configuration, host key and client key, and vsftpd
with TLS and its own certificate."""

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


def tool(name: str) -> str:
    """A system program, found on PATH or in /usr/sbin (root's tools, where PATH may lack it)."""
    return shutil.which(name) or f"/usr/sbin/{name}"


SSHD = tool("sshd")


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
class Account:
    """A throwaway system user and its folder."""

    user: str
    password: str
    home: Path

    def folder(self, name: str) -> Path:
        """A fresh folder the user owns, for one target."""
        path = self.home / name
        path.mkdir()
        entry = pwd.getpwnam(self.user)
        os.chown(path, entry.pw_uid, entry.pw_gid)
        return path


def create_account(base: Path) -> Account:
    """A throwaway user with a random password, its home in `base` (needs root)."""
    user = f"ndpub{os.getpid() % 100000}"
    password = secrets.token_urlsafe(12)
    home = base / "home"
    home.mkdir()
    os.chmod(base, 0o755)
    subprocess.run([tool("userdel"), user], capture_output=True)
    subprocess.run(
        [tool("useradd"), "--no-create-home", "--home-dir", str(home), "--shell", "/bin/sh", user],
        check=True,
        capture_output=True,
    )
    subprocess.run([tool("chpasswd")], input=f"{user}:{password}", text=True, check=True)
    entry = pwd.getpwnam(user)
    os.chown(home, entry.pw_uid, entry.pw_gid)
    return Account(user, password, home)


def delete_account(account: Account) -> None:
    """Remove the throwaway user (once the work a server left running as that user, such
    as the spare copy made after a publish, has ended: userdel refuses before)."""
    for _attempt in range(100):
        done = subprocess.run([tool("userdel"), account.user], capture_output=True)
        if done.returncode != 8:  # 8: the user is still running something
            return
        time.sleep(0.1)


@dataclass
class SshServer:
    """A running sshd and how to log in."""

    port: int
    account: Account
    key: Path  # the client's private key (no passphrase)
    host_key: str  # the server's public host key, OpenSSH format
    process: subprocess.Popen

    @property
    def user(self) -> str:
        return self.account.user

    @property
    def password(self) -> str:
        return self.account.password

    @property
    def home(self) -> Path:
        return self.account.home

    def folder(self, name: str) -> Path:
        """A fresh folder the user owns, for one target."""
        return self.account.folder(name)

    def url(self, folder: Path, *, key: bool = True) -> str:
        """The sftp:// URL of a folder."""
        query = f"?key={self.key}" if key else ""
        return f"sftp://{self.user}@127.0.0.1:{self.port}{folder}{query}"


def start_sshd(base: Path, account: Account) -> SshServer:
    """Start sshd for the account."""
    keygen = ["ssh-keygen", "-q", "-t", "ed25519", "-N", ""]
    subprocess.run([*keygen, "-f", str(base / "host_ed25519")], check=True)
    subprocess.run([*keygen, "-f", str(base / "client_ed25519")], check=True)
    keys = base / "authorized"
    keys.mkdir()
    shutil.copy(base / "client_ed25519.pub", keys / account.user)
    os.chmod(keys / account.user, 0o644)
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
                f"AllowUsers {account.user}",
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
        port, account, base / "client_ed25519", f"{host_key[0]} {host_key[1]}", process
    )


def stop(process: subprocess.Popen) -> None:
    """Stop a server process."""
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()


@dataclass
class FtpServer:
    """A running vsftpd (FTP and explicit FTPS on one port)."""

    port: int
    account: Account
    process: subprocess.Popen

    def url(self, folder: Path, scheme: str = "ftps") -> str:
        """The ftp:// or ftps:// URL of a folder."""
        return f"{scheme}://{self.account.user}@127.0.0.1:{self.port}{folder}"


def start_vsftpd(base: Path, account: Account) -> FtpServer:
    """vsftpd on 127.0.0.1 with a self-signed certificate; TLS allowed, not forced, so one
    server answers both ftp:// and ftps:// targets; data connections must reuse the TLS
    session (vsftpd's default)."""
    folder = base / "vsftpd"
    folder.mkdir()
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=127.0.0.1",
            "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    port = free_port()
    passive = free_port()
    Path("/var/run/vsftpd/empty").mkdir(parents=True, exist_ok=True)
    config = folder / "vsftpd.conf"
    config.write_text(
        "\n".join(
            [
                "listen=YES",
                "listen_ipv6=NO",
                "listen_address=127.0.0.1",
                f"listen_port={port}",
                "background=NO",
                "anonymous_enable=NO",
                "local_enable=YES",
                "write_enable=YES",
                "local_umask=022",
                "seccomp_sandbox=NO",
                "pasv_enable=YES",
                "pasv_address=127.0.0.1",
                f"pasv_min_port={passive}",
                f"pasv_max_port={passive + 40}",
                "pam_service_name=vsftpd",
                "ssl_enable=YES",
                "allow_anon_ssl=NO",
                "force_local_data_ssl=NO",
                "force_local_logins_ssl=NO",
                "require_ssl_reuse=YES",
                f"rsa_cert_file={folder / 'cert.pem'}",
                f"rsa_private_key_file={folder / 'key.pem'}",
                "userlist_enable=YES",
                "userlist_deny=NO",
                f"userlist_file={folder / 'users'}",
                "xferlog_enable=NO",
                "max_per_ip=50",
            ]
        )
        + "\n"
    )
    (folder / "users").write_text(account.user + "\n")
    process = subprocess.Popen([tool("vsftpd"), str(config)], stderr=subprocess.PIPE)
    wait_for_port(port, process)
    return FtpServer(port, account, process)
