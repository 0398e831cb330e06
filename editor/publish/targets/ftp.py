"""The FTP and FTPS transport (ftplib): in-place mode only (FTP has no symbolic links).

- FTPS is explicit TLS (AUTH TLS) with a protected data channel. Servers such as vsftpd
  require the data connection to resume the control connection's TLS session ("522 session
  reuse required"), which Python's FTP_TLS does not do by itself: `_ReusingFTP_TLS` passes
  the control session to each data connection. The server's certificate is pinned on the
  first connection (its SHA-256) and must match afterwards, like an SSH host key; a
  self-signed certificate, common on small hosts, is accepted that way.
- Renaming over an existing file (RNTO) works on most servers but not all: the transport
  probes it when it connects, and writes files in place where it is refused.
- A full disk (452/552), a refused login (530) and a silent server become clear messages.
"""

from __future__ import annotations

import ftplib
import hashlib
import io
import posixpath
import socket
import ssl
from collections.abc import Callable

from editor.errors import NewsdeskError
from editor.i18n import tr
from editor.publish.targets.transport import RemoteTransport, TargetError
from editor.publish.targets.urls import TargetURL

PROBE = ".newsdesk/rename-probe"


class CertificateError(NewsdeskError):
    """The FTPS server's certificate is not the one pinned for the target."""


class _ReusingFTP_TLS(ftplib.FTP_TLS):
    """FTP_TLS whose data connections resume the control connection's TLS session."""

    def ntransfercmd(self, cmd: str, rest: int | str | None = None) -> tuple[socket.socket, int]:
        """Open the data connection, in TLS resuming the control session when protected."""
        conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
        if self._prot_p:
            conn = self.context.wrap_socket(
                conn, server_hostname=self.host, session=self.sock.session
            )
        return conn, size


class FtpTransport(RemoteTransport):
    """An FTP or FTPS server, rooted at the target URL's path."""

    can_symlink = False
    atomic_exclusive = False

    def __init__(self, spec: TargetURL, secret: str | None, **options) -> None:
        super().__init__(spec, secret, **options)
        self.scheme = spec.scheme
        self.ftp: ftplib.FTP | None = None
        self._dirs: set[str] = set()

    # ---- connection --------------------------------------------------------------------

    def open(self) -> None:
        """Connect, (FTPS) check or pin the certificate, log in, probe renaming."""
        where = f"{self.spec.host}:{self.spec.port}"
        try:
            if self.scheme == "ftps":
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE  # checked against the pinned key below
                ftp = _ReusingFTP_TLS(context=context, timeout=self.timeout)
            else:
                ftp = ftplib.FTP(timeout=self.timeout)
            ftp.connect(self.spec.host, self.spec.port)
            if self.scheme == "ftps":
                ftp.auth()
                self._check_certificate(ftp, where)
            ftp.login(self.spec.user, self.secret)
            if self.scheme == "ftps":
                ftp.prot_p()
            ftp.voidcmd("TYPE I")
        except ftplib.error_perm as exc:
            if str(exc).startswith("530"):
                raise TargetError(
                    tr(
                        "The server {host} refused the login of {user}: wrong password or key.",
                        host=where,
                        user=self.spec.user,
                    )
                ) from exc
            raise TargetError(
                tr("Cannot connect to {host}: {reason}.", host=where, reason=exc)
            ) from exc
        except TimeoutError as exc:
            raise TargetError(
                tr(
                    "The FTP server {host} did not answer within {seconds} s.",
                    host=where,
                    seconds=int(self.timeout),
                )
            ) from exc
        except (OSError, EOFError, ftplib.Error) as exc:
            raise TargetError(
                tr("Cannot connect to {host}: {reason}.", host=where, reason=exc)
            ) from exc
        self.ftp = ftp
        self.can_rename = self._probe_rename()

    def _check_certificate(self, ftp: ftplib.FTP_TLS, where: str) -> None:
        der = ftp.sock.getpeercert(binary_form=True) or b""
        seen = "sha256:" + hashlib.sha256(der).hexdigest()
        if not self.host_key:
            self.host_key = seen
            if self.pin is not None:
                self.pin(seen)
        elif self.host_key != seen:
            ftp.close()
            raise CertificateError(
                tr(
                    "The FTPS server {host} presented a certificate that differs from the one "
                    "pinned when the target was first used. Someone may be intercepting the "
                    "connection; if the certificate was renewed, remove the target and add it "
                    "again.",
                    host=where,
                )
            )

    def close(self) -> None:
        """Log out (quietly)."""
        if self.ftp is None:
            return
        try:
            self.ftp.quit()
        except Exception:  # the connection is gone already
            self.ftp.close()
        self.ftp = None

    def _probe_rename(self) -> bool:
        """Whether the server renames over an existing file."""
        try:
            self.write(PROBE, b"1")
            self.write(PROBE + ".new", b"22")
            self.rename(PROBE + ".new", PROBE)
            works = self.size(PROBE) == 2
        except TargetError:
            works = False
        for path in (PROBE, PROBE + ".new"):
            try:
                self.remove(path)
            except TargetError:
                pass
        return works

    # ---- plumbing ----------------------------------------------------------------------

    def _path(self, path: str) -> str:
        return posixpath.join(self.root, path) if path else self.root

    def _fail(self, exc: Exception, action: str, path: str) -> TargetError:
        text = str(exc)
        if text[:3] in ("452", "552"):
            reason = tr("the disk is full")
        elif text[:3] == "553" or text[:3] == "550" and "ermission" in text:
            reason = tr("permission denied")
        elif isinstance(exc, TimeoutError | socket.timeout):
            reason = tr("the server did not answer in time")
        elif isinstance(exc, OSError | EOFError):
            reason = tr("the connection was lost")
        else:
            reason = text
        return TargetError(
            tr(
                "The FTP server refused to {action} {path}: {reason}.",
                action=action,
                path=path,
                reason=reason,
            )
        )

    def _call(self, action: str, path: str, work: Callable[[], object]) -> object:
        if self.ftp is None:
            raise TargetError(tr("The FTP connection is not open."))
        self.requests += 1
        try:
            return work()
        except (ftplib.Error, OSError, EOFError) as exc:
            raise self._fail(exc, action, path) from exc

    @staticmethod
    def _missing(exc: ftplib.Error) -> bool:
        return str(exc).startswith("550")

    # ---- operations --------------------------------------------------------------------

    def read(self, path: str) -> bytes | None:
        """A file's bytes, or None."""
        buffer = io.BytesIO()

        def fetch() -> bytes | None:
            try:
                self.ftp.retrbinary(f"RETR {self._path(path)}", buffer.write)
            except ftplib.error_perm as exc:
                if self._missing(exc):
                    return None
                raise
            return buffer.getvalue()

        return self._call(tr("read"), path, fetch)

    def write(self, path: str, data: bytes) -> None:
        """Write a file (parent folders made first)."""
        folder = posixpath.dirname(path)
        if folder and folder not in self._dirs:
            self.makedirs(folder)
        self.bytes_sent += len(data)
        self._call(
            tr("write"),
            path,
            lambda: self.ftp.storbinary(f"STOR {self._path(path)}", io.BytesIO(data)),
        )

    def create_exclusive(self, path: str, data: bytes) -> bool:
        """FTP cannot create exclusively: write only when absent (the lock then reads its
        token back to be sure it won)."""
        if self.size(path) is not None:
            return False
        self.write(path, data)
        return True

    def size(self, path: str) -> int | None:
        """A file's size (SIZE), or None."""

        def ask() -> int | None:
            try:
                return self.ftp.size(self._path(path))
            except ftplib.error_perm as exc:
                if self._missing(exc):
                    return None
                raise

        return self._call(tr("read"), path, ask)

    def rename(self, source: str, target: str) -> None:
        """RNFR/RNTO."""
        self._call(
            tr("rename"), target, lambda: self.ftp.rename(self._path(source), self._path(target))
        )

    def remove(self, path: str) -> None:
        """DELE; quiet when missing."""

        def delete() -> None:
            try:
                self.ftp.delete(self._path(path))
            except ftplib.error_perm as exc:
                if not self._missing(exc):
                    raise

        self._call(tr("remove"), path, delete)

    def listdir(self, path: str) -> list[str]:
        """NLST names; empty when the folder is missing."""

        def names() -> list[str]:
            try:
                found = self.ftp.nlst(self._path(path))
            except ftplib.error_perm as exc:
                if self._missing(exc) or str(exc).startswith("450"):
                    return []
                raise
            return sorted(posixpath.basename(n.rstrip("/")) for n in found)

        return self._call(tr("read"), path, names)

    def makedirs(self, path: str) -> None:
        """MKD each missing level."""
        parts = [p for p in path.split("/") if p]
        for depth in range(1, len(parts) + 1):
            folder = "/".join(parts[:depth])
            if folder in self._dirs:
                continue

            def make(folder: str = folder) -> None:
                try:
                    self.ftp.mkd(self._path(folder))
                except ftplib.error_perm as exc:
                    if not self._missing(exc):  # 550: it exists already
                        raise

            self._call(tr("create"), folder, make)
            self._dirs.add(folder)

    def remove_tree(self, path: str) -> None:
        """Remove a folder and what it holds."""
        for name in self.listdir(path):
            child = f"{path}/{name}"
            if self._is_folder(child):
                self.remove_tree(child)
            else:
                self.remove(child)

        def rmd() -> None:
            try:
                self.ftp.rmd(self._path(path))
            except ftplib.error_perm as exc:
                if not self._missing(exc):
                    raise

        self._call(tr("remove"), path, rmd)

    def _is_folder(self, path: str) -> bool:
        def probe() -> bool:
            try:
                self.ftp.cwd(self._path(path))
            except ftplib.error_perm:
                return False
            self.ftp.cwd("/")
            return True

        return bool(self._call(tr("read"), path, probe))
