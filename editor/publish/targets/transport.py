"""The file operations a publish needs from a target, and the local-folder transport.

A transport works on POSIX paths relative to the target's root folder. The publish engine
(`editor.publish.targets.engine`) only calls these methods, so a new protocol is one
subclass. Batch methods (`upload`, `link`, `remove_many`) have sequential defaults here;
network transports override them to keep many requests in flight.

`upload` writes each file under `name.part`, checks its size on the target and renames it
over `name` (where renaming over an existing file is refused, it writes in place), and
reports each finished file through `done(path, size)` before starting on the rest — so a
caller's journal only ever records files that are whole on the target.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from editor.errors import NewsdeskError, os_error_reason
from editor.i18n import tr
from editor.publish.targets.urls import TargetURL

PART = ".part"
Done = Callable[[str, int], None]


class TargetError(NewsdeskError):
    """A target refused an operation or could not be reached; nothing after it was done."""


class LinkRefused(Exception):
    """The target cannot hard-link (the engine copies or uploads instead)."""


@dataclass(frozen=True)
class UploadJob:
    """One file to put on the target: its remote path, local file and expected size."""

    path: str
    source: Path
    size: int


class Transport:
    """Base class: the operations of one connected target."""

    scheme = ""
    can_symlink = False  # release mode needs an atomic symlink switch
    can_rename = True  # rename over an existing file
    atomic_exclusive = True  # create_exclusive is one atomic step on the server
    cleans_in_background = False  # prepare_spare also removes releases renamed to .trash-*

    def __init__(self) -> None:
        self.requests = 0  # operations sent (for benchmarks)
        self.bytes_sent = 0

    # ---- connection --------------------------------------------------------------------

    def open(self) -> None:
        """Connect and log in."""

    def close(self) -> None:
        """Disconnect (quietly)."""

    def __enter__(self) -> Transport:
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- single operations -------------------------------------------------------------

    def read(self, path: str) -> bytes | None:
        """A file's bytes, or None when it does not exist."""
        raise NotImplementedError

    def write(self, path: str, data: bytes) -> None:
        """Write a file (parents created)."""
        raise NotImplementedError

    def create_exclusive(self, path: str, data: bytes) -> bool:
        """Create a file only if it does not exist; False if it does."""
        raise NotImplementedError

    def size(self, path: str) -> int | None:
        """A file's size, or None when it does not exist."""
        raise NotImplementedError

    def rename(self, source: str, target: str) -> None:
        """Rename `source` over `target` (replacing it)."""
        raise NotImplementedError

    def remove(self, path: str) -> None:
        """Remove a file; quiet when it is missing."""
        raise NotImplementedError

    def remove_tree(self, path: str) -> None:
        """Remove a folder and everything in it; quiet when it is missing."""
        raise NotImplementedError

    def listdir(self, path: str) -> list[str]:
        """The names in a folder; empty when it is missing."""
        raise NotImplementedError

    def makedirs(self, path: str) -> None:
        """Create a folder and its parents."""
        raise NotImplementedError

    def symlink(self, target: str, path: str) -> None:
        """Create a symbolic link `path` → `target`."""
        raise TargetError(tr("This target cannot make symbolic links."))

    def readlink(self, path: str) -> str | None:
        """Where a symbolic link points, or None when there is none."""
        return None

    def link_one(self, source: str, target: str) -> None:
        """Hard-link `target` to the file `source`; raises LinkRefused where unsupported."""
        raise LinkRefused()

    def clone_tree(self, source: str, target: str) -> bool:
        """Make `target` a tree of hard links to `source` in one step; False when the target
        cannot (the engine then links file by file)."""
        return False

    def copy_one(self, source: str, target: str) -> None:
        """Copy a file on the target (read and write it back when nothing better exists)."""
        data = self.read(source)
        if data is None:
            raise TargetError(tr("{path} is missing on the target.", path=source))
        self.write(target, data)

    # ---- batches -----------------------------------------------------------------------

    def upload(self, jobs: Iterable[UploadJob], done: Done, cancel=None) -> None:
        """Upload files one by one (see the module docstring); stops at the first failure."""
        for job in jobs:
            if cancel is not None and cancel():
                return
            self.upload_one(job)
            done(job.path, job.size)

    def upload_one(self, job: UploadJob) -> None:
        """Put one file on the target whole: `.part`, size check, rename."""
        data = job.source.read_bytes()
        if len(data) != job.size:
            raise TargetError(
                tr("{path} changed on this computer while publishing.", path=job.path)
            )
        temporary = job.path + PART if self.can_rename else job.path
        self.write(temporary, data)
        self.bytes_sent += len(data)
        seen = self.size(temporary)
        if seen != job.size:
            self.remove(temporary)
            raise TargetError(
                tr(
                    "{path} arrived with {seen} bytes instead of {size}.",
                    path=job.path,
                    seen=seen,
                    size=job.size,
                )
            )
        if temporary != job.path:
            self.rename(temporary, job.path)

    def link(self, pairs: Iterable[tuple[str, str]], done: Done, cancel=None) -> None:
        """Hard-link each (source, target); LinkRefused when the target cannot link."""
        for source, target in pairs:
            if cancel is not None and cancel():
                return
            self.link_one(source, target)
            done(target, 0)

    def upload_release(
        self,
        jobs: Iterable[UploadJob],
        done: Done,
        cancel=None,
        *,
        last: UploadJob | None = None,
        removals: Iterable[str] = (),
    ) -> None:
        """The files of a new release: remove `removals`, upload `jobs`, then `last` once
        every other file is whole (network transports do all three together and only
        hold back the final rename of `last`)."""
        self.remove_many(removals)
        self.upload(jobs, done, cancel)
        if last is not None and not (cancel is not None and cancel()):
            self.upload([last], done, cancel)

    def lock_then(self, path: str, data: bytes, calls: list[tuple[str, tuple]]) -> tuple:
        """Create `path` only if it does not exist; when created, run `calls` (see
        `batch`). Returns (created, their results or None). SFTP sends the calls along with
        the lock's write, after the server granted the exclusive create."""
        if not self.create_exclusive(path, data):
            return False, None
        return True, self.batch(calls)

    def batch(self, calls: list[tuple[str, tuple]]) -> list:
        """Run several single operations, in order: [(method name, arguments)] → their
        results, a TargetError in place of the result of one that failed. Network
        transports send them together (one round trip)."""
        results = []
        for name, args in calls:
            try:
                results.append(getattr(self, name)(*args))
            except TargetError as exc:
                results.append(exc)
        return results

    def prepare_spare(self, releases: str, release: str) -> bool:
        """Start making a spare hard-link copy of a finished release for the next publish
        (`releases/.spare-<id>`), on the server in the background; False where the target
        cannot (the next publish then clones the release itself)."""
        return False

    def prepare_dirs(self, folders: list[str]) -> None:
        """Create folders (parents listed before children)."""
        for folder in folders:
            self.makedirs(folder)

    def remove_many(self, paths: Iterable[str]) -> None:
        """Remove files."""
        for path in paths:
            self.remove(path)

    def capabilities(self) -> dict[str, bool]:
        """What a test connection found (login, write, rename-over, symlink, hard link)."""
        probe = f".newsdesk/probe-{os.getpid()}"
        result = {"login": True, "write": False, "rename": False, "symlink": False, "link": False}
        self.write(probe, b"probe")
        result["write"] = self.read(probe) == b"probe"
        try:
            self.write(probe + ".new", b"probe 2")
            try:
                self.rename(probe + ".new", probe)
                result["rename"] = self.read(probe) == b"probe 2"
            except (TargetError, OSError):
                self.remove(probe + ".new")
            if self.can_symlink:
                try:
                    self.symlink("probe-target", probe + ".link")
                    result["symlink"] = self.readlink(probe + ".link") == "probe-target"
                    self.remove(probe + ".link")
                except (TargetError, OSError):
                    pass
            try:
                self.link_one(probe, probe + ".hard")
                result["link"] = self.size(probe + ".hard") is not None
                self.remove(probe + ".hard")
            except (LinkRefused, TargetError, OSError):
                pass
        finally:
            self.remove(probe)
        return result


class RemoteTransport(Transport):
    """Base of the network transports: the target URL, the secret from the keyring, the
    pinned host key or certificate (and how to pin one seen first), the timeout and the root."""

    def __init__(
        self,
        spec: TargetURL,
        secret: str | None,
        *,
        host_key: str = "",
        pin: Callable[[str], None] | None = None,
        timeout: float = 15.0,
    ) -> None:
        super().__init__()
        self.spec = spec
        self.secret = secret or ""
        self.host_key = host_key
        self.pin = pin
        self.timeout = timeout
        self.root = spec.path.rstrip("/") or "/"


class LocalTransport(Transport):
    """A local or mounted folder (file:///path)."""

    scheme = "file"
    can_symlink = True

    def __init__(self, root: str | Path) -> None:
        super().__init__()
        self.root = Path(root)

    def _path(self, path: str) -> Path:
        return self.root / path if path else self.root

    def _fail(self, exc: OSError, action: str) -> TargetError:
        return TargetError(
            tr(
                "The folder target refused to {action} {path}: {reason}.",
                action=action,
                path=exc.filename or self.root,
                reason=os_error_reason(exc),
            )
        )

    def open(self) -> None:
        """Check that the folder exists or can be made (a mounted folder must be mounted)."""
        if not self.root.parent.is_dir():
            raise TargetError(
                tr(
                    "The folder {path} does not exist (is the drive mounted?).",
                    path=self.root.parent,
                )
            )
        try:
            self.root.mkdir(exist_ok=True)
        except OSError as exc:
            raise self._fail(exc, tr("create")) from exc

    def read(self, path: str) -> bytes | None:
        """A file's bytes, or None."""
        self.requests += 1
        try:
            return self._path(path).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise self._fail(exc, tr("read")) from exc

    def write(self, path: str, data: bytes) -> None:
        """Write a file (parents created)."""
        self.requests += 1
        target = self._path(path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise self._fail(exc, tr("write")) from exc

    def create_exclusive(self, path: str, data: bytes) -> bool:
        """Create a file only if it is not there."""
        self.requests += 1
        target = self._path(path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        except OSError as exc:
            raise self._fail(exc, tr("write")) from exc
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        return True

    def size(self, path: str) -> int | None:
        """A file's size, or None."""
        self.requests += 1
        try:
            return self._path(path).stat().st_size
        except FileNotFoundError:
            return None

    def rename(self, source: str, target: str) -> None:
        """Rename over an existing file."""
        self.requests += 1
        try:
            os.replace(self._path(source), self._path(target))
        except OSError as exc:
            raise self._fail(exc, tr("rename")) from exc

    def remove(self, path: str) -> None:
        """Remove a file or link."""
        self.requests += 1
        try:
            os.unlink(self._path(path))
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise self._fail(exc, tr("remove")) from exc

    def remove_tree(self, path: str) -> None:
        """Remove a folder."""
        self.requests += 1
        shutil.rmtree(self._path(path), ignore_errors=True)

    def listdir(self, path: str) -> list[str]:
        """The names in a folder."""
        self.requests += 1
        try:
            return sorted(os.listdir(self._path(path)))
        except FileNotFoundError:
            return []

    def makedirs(self, path: str) -> None:
        """Create a folder."""
        self.requests += 1
        try:
            self._path(path).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._fail(exc, tr("create")) from exc

    def symlink(self, target: str, path: str) -> None:
        """A symbolic link."""
        self.requests += 1
        try:
            os.symlink(target, self._path(path))
        except OSError as exc:
            raise self._fail(exc, tr("link")) from exc

    def readlink(self, path: str) -> str | None:
        """Where a link points."""
        self.requests += 1
        try:
            return os.readlink(self._path(path))
        except OSError:
            return None

    def link_one(self, source: str, target: str) -> None:
        """A hard link (a copy where the file system refuses links)."""
        self.requests += 1
        destination = self._path(target)
        try:
            try:
                os.link(self._path(source), destination)
            except FileExistsError:
                os.unlink(destination)
                os.link(self._path(source), destination)
            except FileNotFoundError:
                destination.parent.mkdir(parents=True, exist_ok=True)
                os.link(self._path(source), destination)
        except OSError as exc:
            if exc.errno in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.EOPNOTSUPP):
                shutil.copyfile(self._path(source), destination)
                return
            raise self._fail(exc, tr("link")) from exc

    def clone_tree(self, source: str, target: str) -> bool:
        """A tree of hard links (copies where links are refused)."""
        src = self._path(source)
        dst = self._path(target)
        try:
            for folder, _dirs, names in os.walk(src):
                relative = os.path.relpath(folder, src)
                out = dst if relative == "." else dst / relative
                out.mkdir(parents=True, exist_ok=True)
                for name in names:
                    try:
                        os.link(os.path.join(folder, name), out / name)
                    except FileExistsError:
                        continue
                    except OSError:
                        shutil.copyfile(os.path.join(folder, name), out / name)
        except OSError as exc:
            raise self._fail(exc, tr("link")) from exc
        self.requests += 1
        return True
