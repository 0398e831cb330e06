"""The SFTP transport (asyncssh): key or password login, the host key pinned on the first
connection and required to match afterwards, many requests in flight.

Release mode on SFTP: hard links (`link`, OpenSSH's hardlink extension), symbolic links
and `posix_rename` (OpenSSH's posix-rename extension, which replaces the target in one
step). Where the account may also run commands, a new release is made as one `cp -al` of
the current one (or prepared ahead, see `sftp_batch`) and old releases go with one
`rm -rf`; SFTP-only accounts get the same result with one request per file. Requests that
do not depend on each other's answers are sent together (`sftp_batch`): a small file is
written as open, then write + size + close in one round trip.

The transport is synchronous for the engine: it owns an event loop and runs each call to
completion on it, in one thread at a time (a publish logs in on a thread of its own while
the export runs, then goes on in the caller's).
"""

from __future__ import annotations

import asyncio
import posixpath
import shlex
from collections.abc import Awaitable
from typing import TypeVar

from editor.errors import NewsdeskError
from editor.i18n import tr
from editor.publish.targets.sftp_batch import SftpBatches
from editor.publish.targets.transport import RemoteTransport, TargetError
from editor.publish.targets.urls import TargetURL

T = TypeVar("T")
SMALL = 128 * 1024  # files up to this size go in one write or read request


class HostKeyError(NewsdeskError):
    """The server's host key is not the one pinned for the target."""


class SftpTransport(SftpBatches, RemoteTransport):
    """An SFTP server, rooted at the target URL's path."""

    scheme = "sftp"
    can_symlink = True

    def __init__(self, spec: TargetURL, secret: str | None, **options) -> None:
        super().__init__(spec, secret, **options)
        self.loop: asyncio.AbstractEventLoop | None = None
        self.conn = None
        self.sftp = None
        self.can_exec: bool | None = None  # found out on first use
        self.pending: set[asyncio.Future] = set()  # requests nobody waits for (closes)

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

    @property
    def cleans_in_background(self) -> bool:
        """Commands run on this server: pruned releases are removed there after the
        publish (see `prepare_spare`)."""
        return self.can_exec is True

    def _background(self, coroutine: Awaitable) -> None:
        """Send a request whose answer nobody waits for (it goes along with the next
        ones; `close` waits for what is left)."""
        task = asyncio.ensure_future(coroutine, loop=self.loop)
        self.pending.add(task)
        task.add_done_callback(self._settled)

    def _settled(self, task: asyncio.Future) -> None:
        self.pending.discard(task)
        if not task.cancelled():
            task.exception()  # seen: a failed close of a read handle changes nothing

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
            if self.pending:
                self.loop.run_until_complete(asyncio.wait(list(self.pending), timeout=self.timeout))
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

    # ---- single operations (each an awaitable for batches, and a call for the engine) -

    async def _read(self, path: str) -> bytes | None:
        """Open, then the size and the first block in one round trip; the close goes
        along with the next requests."""
        import asyncssh

        self.requests += 3
        try:
            handle = await self.sftp.open(self._path(path), "rb", block_size=0)
        except asyncssh.SFTPNoSuchFile:
            return None
        try:
            attrs, data = await asyncio.gather(handle.stat(), handle.read(SMALL, 0))
            size = attrs.size or 0
            if len(data) < size:  # a large file: the rest, many blocks in flight
                async with self.sftp.open(self._path(path), "rb") as rest:
                    data += await rest.read(size - len(data), len(data))
        finally:
            self._background(handle.close())
        return data

    def read(self, path: str) -> bytes | None:
        """A file's bytes, or None."""
        return self._call(self._read(path), tr("read"), path)

    async def _put(self, path: str, data: bytes) -> int:
        """Write a file: open, then the data, its size as stored and the close in one
        round trip. Returns the size the server has."""
        self.requests += 4
        if len(data) > SMALL:  # many blocks in flight, then the size with the close
            large = await self.sftp.open(self._path(path), "wb")
            try:
                await large.write(data, 0)
            except BaseException:
                await large.close()
                raise
            attrs, _closed = await asyncio.gather(large.stat(), large.close())
            return attrs.size
        handle = await self.sftp.open(self._path(path), "wb", block_size=0)
        answers = await asyncio.gather(
            handle.write(data, 0), handle.stat(), handle.close(), return_exceptions=True
        )
        for answer in answers:
            if isinstance(answer, BaseException):
                raise answer
        return answers[1].size

    async def _write(self, path: str, data: bytes) -> int:
        import asyncssh

        try:
            return await self._put(path, data)
        except asyncssh.SFTPNoSuchFile:
            await self._makedirs(self._path(posixpath.dirname(path)))
            return await self._put(path, data)

    def write(self, path: str, data: bytes) -> None:
        """Write a file (parents created)."""
        self.bytes_sent += len(data)
        self._call(self._write(path, data), tr("write"), path)

    async def _create_exclusive(self, path: str, data: bytes) -> bool:
        import asyncssh

        self.requests += 3
        try:
            handle = await self.sftp.open(self._path(path), "xb", block_size=0)
        except asyncssh.SFTPNoSuchFile:  # the state folder is not there yet
            await self._makedirs(self._path(posixpath.dirname(path)))
            handle = await self.sftp.open(self._path(path), "xb", block_size=0)
        except asyncssh.SFTPFailure:
            if await self.sftp.exists(self._path(path)):
                return False
            raise
        try:
            await asyncio.gather(handle.write(data, 0), handle.close())
        except Exception:  # a full disk: leave no empty lock behind
            await handle.close()
            await self._remove(path)
            raise
        return True

    def create_exclusive(self, path: str, data: bytes) -> bool:
        """Create a file only if it is not there (SFTP's exclusive open)."""
        return self._call(self._create_exclusive(path, data), tr("write"), path)

    async def _size(self, path: str) -> int | None:
        import asyncssh

        self.requests += 1
        try:
            return (await self.sftp.stat(self._path(path))).size
        except asyncssh.SFTPNoSuchFile:
            return None

    def size(self, path: str) -> int | None:
        """A file's size, or None."""
        return self._call(self._size(path), tr("read"), path)

    def _call(self, coroutine: Awaitable[T], action: str, path: str) -> T:
        try:
            return self._run(coroutine)
        except TargetError:
            raise
        except Exception as exc:
            raise self._fail(exc, action, path) from exc

    async def _rename(self, source: str, target: str) -> None:
        self.requests += 1
        await self.sftp.posix_rename(self._path(source), self._path(target))

    def rename(self, source: str, target: str) -> None:
        """Rename over an existing file (posix-rename)."""
        self._call(self._rename(source, target), tr("rename"), target)

    async def _remove(self, path: str) -> None:
        import asyncssh

        self.requests += 1
        try:
            await self.sftp.remove(self._path(path))
        except asyncssh.SFTPNoSuchFile:
            pass

    def remove(self, path: str) -> None:
        """Remove a file or link."""
        self._call(self._remove(path), tr("remove"), path)

    def remove_tree(self, path: str) -> None:
        """Remove a folder: one `rm -rf` where commands run, else file by file."""
        self.requests += 1
        if self._exec(f"rm -rf -- {shlex.quote(self._path(path))}"):
            return
        self._call(self.sftp.rmtree(self._path(path), ignore_errors=True), tr("remove"), path)

    async def _listdir(self, path: str) -> list[str]:
        import asyncssh

        self.requests += 1
        try:
            found = await self.sftp.listdir(self._path(path))
        except asyncssh.SFTPNoSuchFile:
            return []
        return sorted(str(n) for n in found if n not in (".", ".."))

    def listdir(self, path: str) -> list[str]:
        """The names in a folder."""
        return self._call(self._listdir(path), tr("read"), path)

    async def _makedirs(self, path: str) -> None:
        """mkdir, making missing parents first (one request when the parent exists); a
        folder made meanwhile by a parallel request is fine."""
        import asyncssh

        self.requests += 1
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

    async def _symlink(self, target: str, path: str) -> None:
        self.requests += 1
        await self.sftp.symlink(target, self._path(path))

    def symlink(self, target: str, path: str) -> None:
        """A symbolic link `path` → `target` (relative targets stay relative)."""
        self._call(self._symlink(target, path), tr("link"), path)

    async def _readlink(self, path: str) -> str | None:
        import asyncssh

        self.requests += 1
        try:
            return str(await self.sftp.readlink(self._path(path)))
        except (asyncssh.SFTPNoSuchFile, asyncssh.SFTPFailure, asyncssh.SFTPBadMessage):
            return None

    def readlink(self, path: str) -> str | None:
        """Where a link points, or None."""
        return self._call(self._readlink(path), tr("read"), path)

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
        ok = self._run(self._command(command), timeout=max(self.timeout, 120))
        if self.can_exec is None:
            self.can_exec = ok
        return ok

    async def _command(self, command: str) -> bool:
        try:
            done = await self.conn.run(command, check=False)
        except Exception:  # no shell (SFTP-only account): use SFTP requests
            return False
        return done.exit_status == 0
