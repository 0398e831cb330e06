"""The SFTP transport (asyncssh): key or password login, the host key pinned on the first
connection and required to match afterwards, many requests in flight.

Release mode on SFTP: hard links (`link`, OpenSSH's hardlink extension), symbolic links
and `posix_rename` (OpenSSH's posix-rename extension, which replaces the target in one
step). Where the account may also run commands, a new release is made as one `cp -al` of
the current one and old releases go with one `rm -rf`; SFTP-only accounts get the same
result with one request per file.

The transport is synchronous for the engine: it owns an event loop and runs each call to
completion on it, in the thread that opened it.
"""

from __future__ import annotations

import asyncio
import posixpath
import shlex
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

from editor.errors import NewsdeskError
from editor.i18n import tr
from editor.publish.targets.transport import (
    PART,
    Done,
    LinkRefused,
    RemoteTransport,
    TargetError,
    UploadJob,
)
from editor.publish.targets.urls import TargetURL

T = TypeVar("T")
IN_FLIGHT = 64  # SFTP requests kept in flight at once


class HostKeyError(NewsdeskError):
    """The server's host key is not the one pinned for the target."""


class SftpTransport(RemoteTransport):
    """An SFTP server, rooted at the target URL's path."""

    scheme = "sftp"
    can_symlink = True

    def __init__(self, spec: TargetURL, secret: str | None, **options) -> None:
        super().__init__(spec, secret, **options)
        self.loop: asyncio.AbstractEventLoop | None = None
        self.conn = None
        self.sftp = None
        self.can_exec: bool | None = None  # found out on first use

    # ---- plumbing ----------------------------------------------------------------------

    def _run(self, coroutine: Awaitable[T], timeout: float | None = None) -> T:
        if self.loop is None:
            raise TargetError(tr("The SFTP connection is not open."))
        limit = self.timeout if timeout is None else timeout
        try:
            return self.loop.run_until_complete(asyncio.wait_for(coroutine, limit))
        except TimeoutError as exc:
            raise TargetError(
                tr(
                    "The SFTP server {host} did not answer within {seconds} s.",
                    host=self.spec.host,
                    seconds=int(limit),
                )
            ) from exc

    def _path(self, path: str) -> str:
        return posixpath.join(self.root, path) if path else self.root

    def _fail(self, exc: Exception, action: str, path: str) -> TargetError:
        import asyncssh

        if isinstance(exc, asyncssh.SFTPNoSpaceOnFilesystem):
            reason = tr("the disk is full")
        elif isinstance(exc, asyncssh.SFTPPermissionDenied):
            reason = tr("permission denied")
        elif isinstance(exc, asyncssh.SFTPNoSuchFile):
            reason = tr("no such file or folder")
        elif isinstance(exc, asyncssh.DisconnectError | asyncssh.ChannelOpenError | OSError):
            reason = tr("the connection was lost")
        else:
            reason = getattr(exc, "reason", "") or str(exc) or type(exc).__name__
        return TargetError(
            tr(
                "The SFTP server refused to {action} {path}: {reason}.",
                action=action,
                path=path,
                reason=reason,
            )
        )

    # ---- connection --------------------------------------------------------------------

    def open(self) -> None:
        """Connect, check or pin the host key, log in and start SFTP."""
        self.loop = asyncio.new_event_loop()
        try:
            self._run(self._open(), timeout=self.timeout * 2)
        except BaseException:
            self.close()
            raise

    async def _open(self) -> None:
        import asyncssh

        spec = self.spec
        options: dict = {
            "username": spec.user,
            "connect_timeout": self.timeout,
            "login_timeout": self.timeout,
            "config": [],
            "agent_path": None,
        }
        if self.host_key:
            try:
                options["known_hosts"] = ([asyncssh.import_public_key(self.host_key)], [], [])
            except (asyncssh.KeyImportError, ValueError):
                options["known_hosts"] = ([], [], [])
        else:
            options["known_hosts"] = None  # first connection: the key is pinned below
        key_file = spec.query.get("key")
        if key_file:
            try:
                options["client_keys"] = [
                    asyncssh.read_private_key(key_file, passphrase=self.secret or None)
                ]
            except (OSError, asyncssh.KeyImportError, asyncssh.KeyEncryptionError) as exc:
                raise TargetError(
                    tr(
                        "The key file {path} cannot be used: {reason} (a key with a passphrase "
                        "needs it as the target's password).",
                        path=key_file,
                        reason=getattr(exc, "strerror", None) or str(exc),
                    )
                ) from exc
            options["password"] = None
        else:
            options["client_keys"] = None
            options["password"] = self.secret or ""
        where = f"{spec.host}:{spec.port}"
        try:
            self.conn = await asyncssh.connect(spec.host, spec.port, **options)
        except asyncssh.HostKeyNotVerifiable as exc:
            raise HostKeyError(
                tr(
                    "The server {host} presented a host key that differs from the one pinned "
                    "when the target was first used. Someone may be intercepting the "
                    "connection; if the server was reinstalled, remove the target and add it "
                    "again.",
                    host=where,
                )
            ) from exc
        except asyncssh.PermissionDenied as exc:
            raise TargetError(
                tr(
                    "The server {host} refused the login of {user}: wrong password or key.",
                    host=where,
                    user=spec.user,
                )
            ) from exc
        except (OSError, asyncssh.Error) as exc:
            reason = getattr(exc, "strerror", None) or getattr(exc, "reason", "") or str(exc)
            raise TargetError(
                tr("Cannot connect to {host}: {reason}.", host=where, reason=reason)
            ) from exc
        seen = self.conn.get_server_host_key()
        if seen is not None and not self.host_key and self.pin is not None:
            self.host_key = seen.export_public_key("openssh").decode("ascii").strip()
            self.pin(self.host_key)
        try:
            self.sftp = await self.conn.start_sftp_client()
        except asyncssh.Error as exc:
            raise TargetError(
                tr("The server {host} does not offer SFTP: {reason}.", host=where, reason=exc)
            ) from exc

    def close(self) -> None:
        """Disconnect."""
        if self.loop is None:
            return
        try:
            if self.sftp is not None:
                self.sftp.exit()
            if self.conn is not None:
                self.conn.close()
                self.loop.run_until_complete(
                    asyncio.wait_for(self.conn.wait_closed(), self.timeout)
                )
        except Exception:  # closing a dead connection: nothing left to do
            pass
        finally:
            self.sftp = self.conn = None
            self.loop.close()
            self.loop = None

    # ---- single operations -------------------------------------------------------------

    async def _read(self, path: str) -> bytes | None:
        import asyncssh

        try:
            async with self.sftp.open(self._path(path), "rb") as handle:
                return await handle.read()
        except asyncssh.SFTPNoSuchFile:
            return None

    def read(self, path: str) -> bytes | None:
        """A file's bytes, or None."""
        self.requests += 1
        try:
            return self._run(self._read(path))
        except TargetError:
            raise
        except Exception as exc:
            raise self._fail(exc, tr("read"), path) from exc

    async def _write(self, path: str, data: bytes, mode: str = "wb") -> None:
        async with self.sftp.open(self._path(path), mode) as handle:
            await handle.write(data)

    def write(self, path: str, data: bytes) -> None:
        """Write a file."""
        self.requests += 1
        self.bytes_sent += len(data)
        try:
            self._run(self._write_with_parents(path, data))
        except TargetError:
            raise
        except Exception as exc:
            raise self._fail(exc, tr("write"), path) from exc

    async def _write_with_parents(self, path: str, data: bytes) -> None:
        import asyncssh

        try:
            await self._write(path, data)
        except asyncssh.SFTPNoSuchFile:
            await self._makedirs(self._path(posixpath.dirname(path)))
            await self._write(path, data)

    def create_exclusive(self, path: str, data: bytes) -> bool:
        """Create a file only if it is not there (SFTP's exclusive open)."""
        import asyncssh

        self.requests += 1

        async def create() -> bool:
            try:
                handle = await self.sftp.open(self._path(path), "xb")
            except asyncssh.SFTPNoSuchFile:  # the state folder is not there yet
                await self._makedirs(self._path(posixpath.dirname(path)))
                handle = await self.sftp.open(self._path(path), "xb")
            except asyncssh.SFTPFailure:
                if await self.sftp.exists(self._path(path)):
                    return False
                raise
            try:
                async with handle:
                    await handle.write(data)
            except Exception:  # a full disk: leave no empty lock behind
                await self._remove(path)
                raise
            return True

        try:
            return self._run(create())
        except TargetError:
            raise
        except Exception as exc:
            raise self._fail(exc, tr("write"), path) from exc

    async def _size(self, path: str) -> int | None:
        import asyncssh

        try:
            return (await self.sftp.stat(self._path(path))).size
        except asyncssh.SFTPNoSuchFile:
            return None

    def size(self, path: str) -> int | None:
        """A file's size, or None."""
        self.requests += 1
        return self._call(self._size(path), tr("read"), path)

    def _call(self, coroutine: Awaitable[T], action: str, path: str) -> T:
        try:
            return self._run(coroutine)
        except TargetError:
            raise
        except Exception as exc:
            raise self._fail(exc, action, path) from exc

    def rename(self, source: str, target: str) -> None:
        """Rename over an existing file (posix-rename)."""
        self.requests += 1
        self._call(
            self.sftp.posix_rename(self._path(source), self._path(target)), tr("rename"), target
        )

    async def _remove(self, path: str) -> None:
        import asyncssh

        try:
            await self.sftp.remove(self._path(path))
        except asyncssh.SFTPNoSuchFile:
            pass

    def remove(self, path: str) -> None:
        """Remove a file or link."""
        self.requests += 1
        self._call(self._remove(path), tr("remove"), path)

    def remove_tree(self, path: str) -> None:
        """Remove a folder: one `rm -rf` where commands run, else file by file."""
        self.requests += 1
        if self._exec(f"rm -rf -- {shlex.quote(self._path(path))}"):
            return
        self._call(self.sftp.rmtree(self._path(path), ignore_errors=True), tr("remove"), path)

    def listdir(self, path: str) -> list[str]:
        """The names in a folder."""
        import asyncssh

        self.requests += 1

        async def names() -> list[str]:
            try:
                found = await self.sftp.listdir(self._path(path))
            except asyncssh.SFTPNoSuchFile:
                return []
            return sorted(str(n) for n in found if n not in (".", ".."))

        return self._call(names(), tr("read"), path)

    async def _makedirs(self, path: str) -> None:
        """mkdir, making missing parents first (one request when the parent exists); a
        folder made meanwhile by a parallel request is fine."""
        import asyncssh

        try:
            await self.sftp.mkdir(path)
            return
        except asyncssh.SFTPNoSuchFile:
            parent = posixpath.dirname(path)
            if not parent or parent == path:
                raise
            await self._makedirs(parent)
        except asyncssh.SFTPFailure:
            if await self.sftp.isdir(path):
                return
            raise
        try:
            await self.sftp.mkdir(path)
        except asyncssh.SFTPFailure:
            if not await self.sftp.isdir(path):
                raise

    def makedirs(self, path: str) -> None:
        """Create a folder and its parents."""
        self.requests += 1
        self._call(self._makedirs(self._path(path)), tr("create"), path)

    def prepare_dirs(self, folders: list[str]) -> None:
        """Create folders, those of one depth in flight together."""
        import asyncssh

        async def make(folder: str) -> None:
            try:
                await self.sftp.mkdir(self._path(folder))
            except asyncssh.SFTPFailure:
                pass  # it exists

        by_depth: dict[int, list[str]] = {}
        for folder in folders:
            by_depth.setdefault(folder.count("/"), []).append(folder)
        for depth in sorted(by_depth):
            self.requests += len(by_depth[depth])
            self._call(self._gather(make, by_depth[depth]), tr("create"), by_depth[depth][0])

    def symlink(self, target: str, path: str) -> None:
        """A symbolic link `path` → `target` (relative targets stay relative)."""
        self.requests += 1
        self._call(self.sftp.symlink(target, self._path(path)), tr("link"), path)

    def readlink(self, path: str) -> str | None:
        """Where a link points, or None."""
        import asyncssh

        self.requests += 1

        async def read() -> str | None:
            try:
                return str(await self.sftp.readlink(self._path(path)))
            except (asyncssh.SFTPNoSuchFile, asyncssh.SFTPFailure, asyncssh.SFTPBadMessage):
                return None

        return self._call(read(), tr("read"), path)

    def link_one(self, source: str, target: str) -> None:
        """A hard link (OpenSSH hardlink extension)."""
        self.link([(source, target)], lambda *_: None)

    def clone_tree(self, source: str, target: str) -> bool:
        """`cp -al` on the server, where the account may run commands."""
        self.requests += 1
        command = (
            f"rm -rf -- {shlex.quote(self._path(target))} && "
            f"cp -al -- {shlex.quote(self._path(source))} {shlex.quote(self._path(target))}"
        )
        return self._exec(command)

    def _exec(self, command: str) -> bool:
        """Run a shell command on the server; False when commands are not allowed."""
        if self.can_exec is False:
            return False

        async def run() -> bool:
            try:
                done = await self.conn.run(command, check=False)
            except Exception:  # no shell (SFTP-only account): use SFTP requests
                return False
            return done.exit_status == 0

        ok = self._run(run(), timeout=max(self.timeout, 120))
        if self.can_exec is None:
            self.can_exec = ok
        return ok

    # ---- batches -----------------------------------------------------------------------

    async def _gather(self, work: Callable[[Any], Awaitable[None]], items: Iterable[Any]) -> None:
        """Run `work(item)` for each item, IN_FLIGHT at a time; the first error is raised
        after the requests in flight have finished."""
        queue = list(items)
        failures: list[BaseException] = []

        async def worker() -> None:
            while queue and not failures:
                item = queue.pop()
                try:
                    await work(item)
                except Exception as exc:  # stop taking new work, report below
                    failures.append(exc)

        await asyncio.gather(*(worker() for _ in range(min(IN_FLIGHT, len(queue)) or 1)))
        if failures:
            raise failures[0]

    def upload(
        self, jobs: Iterable[UploadJob], done: Done, cancel: Callable[[], bool] | None = None
    ) -> None:
        """Upload files many at a time: `.part`, size check, posix-rename; each finished
        file is reported as it completes."""
        import asyncssh

        jobs = list(jobs)[::-1]  # popped from the end: the given order

        async def one(job: UploadJob) -> None:
            if cancel is not None and cancel():
                return
            data = job.source.read_bytes()
            if len(data) != job.size:
                raise TargetError(
                    tr("{path} changed on this computer while publishing.", path=job.path)
                )
            temporary = job.path + PART
            await self._write_with_parents(temporary, data)
            self.requests += 3
            self.bytes_sent += len(data)
            seen = await self._size(temporary)
            if seen != job.size:
                await self._remove(temporary)
                raise TargetError(
                    tr(
                        "{path} arrived with {seen} bytes instead of {size}.",
                        path=job.path,
                        seen=seen,
                        size=job.size,
                    )
                )
            await self.sftp.posix_rename(self._path(temporary), self._path(job.path))
            done(job.path, job.size)

        try:
            self._run(self._gather(one, jobs), timeout=self._batch_timeout(len(jobs)))
        except TargetError:
            raise
        except asyncssh.SFTPFailure as exc:
            if self._disk_full():  # OpenSSH answers a full disk with a plain "Failure"
                raise TargetError(
                    tr(
                        "The SFTP server refused to {action} {path}: {reason}.",
                        action=tr("write"),
                        path=self.root,
                        reason=tr("the disk is full"),
                    )
                ) from exc
            raise self._fail(exc, tr("write"), self.root) from exc
        except Exception as exc:
            raise self._fail(exc, tr("write"), self.root) from exc

    def _disk_full(self) -> bool:
        """Whether the target's file system has (almost) no room left."""
        try:
            room = self._run(self.sftp.statvfs(self.root))
        except Exception:  # the server has no statvfs extension: cannot tell
            return False
        return room.bavail * room.frsize < 64 * 1024

    def link(
        self, pairs: Iterable[tuple[str, str]], done: Done, cancel: Callable[[], bool] | None = None
    ) -> None:
        """Hard-link many files at once; LinkRefused when the server has no hardlink."""
        import asyncssh

        pairs = list(pairs)[::-1]

        async def one(pair: tuple[str, str]) -> None:
            if cancel is not None and cancel():
                return
            source, target = pair
            try:
                await self.sftp.link(self._path(source), self._path(target))
            except asyncssh.SFTPFailure:  # already there (a resumed release): link again
                await self._remove(target)
                await self.sftp.link(self._path(source), self._path(target))
            self.requests += 1
            done(target, 0)

        try:
            self._run(self._gather(one, pairs), timeout=self._batch_timeout(len(pairs)))
        except asyncssh.SFTPOpUnsupported as exc:
            raise LinkRefused() from exc
        except TargetError:
            raise
        except Exception as exc:
            raise self._fail(exc, tr("link"), self.root) from exc

    def remove_many(self, paths: Iterable[str]) -> None:
        """Remove many files at once."""
        paths = list(paths)
        self.requests += len(paths)
        self._call(self._gather(self._remove, paths), tr("remove"), self.root)

    def _batch_timeout(self, count: int) -> float:
        return self.timeout + count * 0.5
