"""SFTP batches: many requests in flight instead of one round trip each.

An SFTP server answers requests in the order they arrive, so requests sent together cost
one round trip and still act in that order: `batch` sends several operations at once (the
lock and the read of the live release, the two halves of a switch), `upload` keeps 64 files
on their way (`.part`, its size as stored, posix-rename), `upload_release` also removes what
a new release drops and sends its manifest alongside, renaming it last.

Where the account may run commands, the next release is prepared ahead: after a switch,
`prepare_spare` leaves a `cp -al` running on the server (detached, after this connection
is gone) that makes `releases/.spare-<id>`, a hard-link copy of the live release, and the
next publish claims it with one rename instead of waiting for the copy.
"""

from __future__ import annotations

import asyncio
import posixpath
import shlex
import uuid
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from editor.i18n import tr
from editor.publish.targets.transport import PART, Done, LinkRefused, TargetError, UploadJob

IN_FLIGHT = 64  # SFTP requests kept in flight at once
SPARE = ".spare-"  # releases/.spare-<id>: a whole hard-link copy of release <id>


def spare_command(releases: str, release: str) -> str:
    """The detached shell command that prepares the spare copy of `release` in the folder
    `releases`: it removes what pruning renamed to `.trash-*` and the spares of other
    releases (each renamed away first, so a publish claiming one at that moment gets it
    whole or not at all), then copies under a temporary name and renames the copy into
    place."""
    spare = shlex.quote(SPARE + release)
    temporary = shlex.quote(f"{SPARE}tmp-{uuid.uuid4().hex[:8]}")
    script = (
        f"cd {shlex.quote(releases)} || exit 1; "
        'for old in .trash-*; do [ -e "$old" ] && rm -rf -- "$old"; done; '
        f'for old in {SPARE}*; do case "$old" in {spare}|{SPARE}tmp-*|"{SPARE}*") ;; '
        '*) mv -T -- "$old" ".trash-$$-${old#.}" 2>/dev/null && '
        'rm -rf -- ".trash-$$-${old#.}";; esac; done; '
        f"find . -maxdepth 1 -name '{SPARE}tmp-*' -mmin +60 -exec rm -rf -- {{}} + ; "
        f"[ -e {spare} ] && exit 0; "
        f"cp -al -- {shlex.quote(release)} {temporary} && mv -T -- {temporary} {spare} "
        f"|| rm -rf -- {temporary}"
    )
    return f"nohup sh -c {shlex.quote(script)} </dev/null >/dev/null 2>&1 &"


class SftpBatches:
    """The batch operations of `SftpTransport` (mixed into it)."""

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

    def lock_then(self, path: str, data: bytes, calls: list[tuple[str, tuple]]) -> tuple:
        """The exclusive create of the lock; once the server granted it, its write and
        close and the `calls` go together (two round trips in all)."""
        import asyncssh

        async def run() -> tuple:
            self.requests += 3
            try:
                handle = await self.sftp.open(self._path(path), "xb", block_size=0)
            except asyncssh.SFTPNoSuchFile:  # the state folder is not there yet
                await self._makedirs(self._path(posixpath.dirname(path)))
                handle = await self.sftp.open(self._path(path), "xb", block_size=0)
            except asyncssh.SFTPFailure:
                if await self.sftp.exists(self._path(path)):
                    return False, None
                raise
            answers = await asyncio.gather(
                handle.write(data, 0), handle.close(), self._calls(calls), return_exceptions=True
            )
            for answer in answers[:2]:
                if isinstance(answer, BaseException):  # a full disk: no empty lock left
                    await self._remove(path)
                    raise answer
            if isinstance(answers[2], BaseException):
                raise answers[2]
            return True, answers[2]

        created, answers = self._call(run(), tr("write"), path)
        return created, (self._results(calls, answers) if created else None)

    async def _calls(self, calls: list[tuple[str, tuple]]) -> list:
        operations = {
            "create_exclusive": self._create_exclusive,
            "read": self._read,
            "readlink": self._readlink,
            "remove": self._remove,
            "rename": self._rename,
            "size": self._size,
            "symlink": self._symlink,
        }

        return await asyncio.gather(
            *(operations[name](*args) for name, args in calls), return_exceptions=True
        )

    def batch(self, calls: list[tuple[str, tuple]]) -> list:
        """Several operations sent together (one round trip where each is one request);
        results in order, an operation that failed gives its TargetError instead."""
        return self._results(calls, self._run(self._calls(calls)))

    def _results(self, calls: list[tuple[str, tuple]], answers: list) -> list:
        results = []
        for (name, args), answer in zip(calls, answers, strict=True):
            if not isinstance(answer, BaseException):
                results.append(answer)
                if name == "rename" and args[0].rsplit("/", 1)[-1].startswith(SPARE):
                    self.can_exec = True  # a spare is only made where commands run
            elif isinstance(answer, TargetError):
                results.append(answer)
            elif isinstance(answer, Exception):
                results.append(self._fail(answer, _ACTIONS[name](), args[-1]))
            else:
                raise answer
        return results

    async def _send(self, job: UploadJob, cancel: Callable[[], bool] | None) -> bool:
        """Put a file under `name.part` and check the size the server has; False when
        cancelled before it started."""
        if cancel is not None and cancel():
            return False
        data = job.source.read_bytes()
        if len(data) != job.size:
            raise TargetError(
                tr("{path} changed on this computer while publishing.", path=job.path)
            )
        temporary = job.path + PART
        seen = await self._write(temporary, data)
        self.bytes_sent += len(data)
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
        return True

    def upload(
        self, jobs: Iterable[UploadJob], done: Done, cancel: Callable[[], bool] | None = None
    ) -> None:
        """Upload files many at a time: `.part`, size check, posix-rename; each finished
        file is reported as it completes."""
        self.upload_release(jobs, done, cancel)

    def upload_release(
        self,
        jobs: Iterable[UploadJob],
        done: Done,
        cancel: Callable[[], bool] | None = None,
        *,
        last: UploadJob | None = None,
        removals: Iterable[str] = (),
    ) -> None:
        """Remove `removals` and upload `jobs` together; `last` travels with them but is
        renamed into place only after every other file is whole (see the base class)."""
        jobs = list(jobs)[::-1]  # popped from the end: the given order
        removals = list(removals)

        finished = []

        async def one(job: UploadJob) -> None:
            if await self._send(job, cancel):
                await self._rename(job.path + PART, job.path)
                done(job.path, job.size)
                finished.append(job)

        async def run() -> None:
            side = []
            if removals:
                side.append(asyncio.ensure_future(self._gather(self._remove, removals)))
            if last is not None:
                side.append(asyncio.ensure_future(self._send(last, cancel)))
            try:
                await self._gather(one, jobs)
            finally:
                answers = await asyncio.gather(*side, return_exceptions=True)
            for answer in answers:
                if isinstance(answer, BaseException):
                    raise answer
            whole = len(finished) == len(jobs) and not (cancel is not None and cancel())
            if last is not None and answers[-1] is True and whole:
                await self._rename(last.path + PART, last.path)
                done(last.path, last.size)

        count = len(jobs) + len(removals) + (last is not None)
        self._run_batch(run(), count, tr("write"))

    def _run_batch(self, coroutine: Awaitable, count: int, action: str) -> None:
        import asyncssh

        try:
            self._run(coroutine, timeout=self._batch_timeout(count))
        except TargetError:
            raise
        except asyncssh.SFTPFailure as exc:
            if self._disk_full():  # OpenSSH answers a full disk with a plain "Failure"
                raise TargetError(
                    tr(
                        "The SFTP server refused to {action} {path}: {reason}.",
                        action=action,
                        path=self.root,
                        reason=tr("the disk is full"),
                    )
                ) from exc
            raise self._fail(exc, action, self.root) from exc
        except Exception as exc:
            raise self._fail(exc, action, self.root) from exc

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
        self._call(self._gather(self._remove, list(paths)), tr("remove"), self.root)

    def prepare_spare(self, releases: str, release: str) -> bool:
        """Start preparing the spare copy of `release` (see the module docstring) and
        removing the releases pruning renamed to `.trash-*`, on the server, going on after
        this connection is gone; True when a command was started. Only `close` waits for
        the command to have started."""
        if self.can_exec is False:
            return False
        self.requests += 1
        command = spare_command(self._path(releases), release)
        self._background(self._command(command))
        return True

    def _batch_timeout(self, count: int) -> float:
        return self.timeout + count * 0.5


_ACTIONS = {
    "create_exclusive": lambda: tr("write"),
    "read": lambda: tr("read"),
    "readlink": lambda: tr("read"),
    "remove": lambda: tr("remove"),
    "rename": lambda: tr("rename"),
    "size": lambda: tr("read"),
    "symlink": lambda: tr("link"),
}
