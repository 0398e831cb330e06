"""What a publish keeps on the target and on this computer.

On the target, in `.newsdesk/` under the target's root:
- `lock`: who is publishing (user, host, process, time); two workstations never publish at
  once. A lock left by a publish of this computer whose process is gone is taken over (the
  journal resumes it); any other is shown with who took it and when, and broken only on
  purpose (`break_lock`).
- `releases/<id>.json`: each release's facts (id, time, user, files, bytes, previous).
- `manifest.json` (in-place mode): every file on the server with its sha256 and size. In
  release mode each release's own `manifest.json` (the bundle's) plays that part.

On this computer, the journal of the running publish (`Journal`): a header naming the
release and what it was based on, then one line per file that is whole on the target.
A killed or disconnected publish resumes from it without sending those files again, and a
file is written to it only after the target confirmed it, never before.
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from editor.errors import NewsdeskError
from editor.i18n import tr
from editor.publish.targets.transport import Transport

STATE_DIR = ".newsdesk"
LOCK = f"{STATE_DIR}/lock"
RELEASES = f"{STATE_DIR}/releases"  # one <id>.json per release
REMOTE_MANIFEST = f"{STATE_DIR}/manifest.json"


class TargetLockedError(NewsdeskError):
    """Someone else is publishing to the target (or a publish died holding its lock)."""

    def __init__(self, holder: dict) -> None:
        super().__init__(
            tr(
                "The target is locked: {user} on {host} started publishing at {time}. If that "
                "publish is no longer running, break the lock (publish --break-lock).",
                user=holder.get("user", "?"),
                host=holder.get("host", "?"),
                time=holder.get("time", "?"),
            )
        )
        self.holder = holder


@dataclass
class RemoteLock:
    """The lock of one publish on a target."""

    transport: Transport
    user: str
    token: str = ""
    held: bool = False

    def acquire(self, *, break_lock: bool = False, then: list[tuple[str, tuple]] = ()) -> list:
        """Take the lock, then run the operations `then` (see `Transport.batch`) and return
        their results: where creating the lock is atomic, they travel with its write, after
        the server granted it. Raises TargetLockedError when someone else holds it."""
        self.token = uuid.uuid4().hex
        body = json.dumps(
            {
                "user": self.user,
                "host": socket.gethostname(),
                "pid": os.getpid(),
                "time": datetime.now().replace(microsecond=0).isoformat(sep=" "),
                "token": self.token,
            },
            ensure_ascii=False,
        ).encode("utf-8")
        atomic = self.transport.atomic_exclusive
        for _attempt in range(2):
            created, results = self.transport.lock_then(LOCK, body, list(then) if atomic else [])
            if created:
                if atomic:
                    self.held = True
                    return results
                if self._holder().get("token") == self.token:  # the token read back decides
                    self.held = True
                    return self.transport.batch(list(then))
                raise TargetLockedError(self._holder())
            holder = self._holder()
            if not holder and self.transport.size(LOCK) is not None:
                holder = {"user": "?", "host": "?", "time": "?"}
            if break_lock or _abandoned_here(holder):
                self.transport.remove(LOCK)
                continue
            raise TargetLockedError(holder)
        raise TargetLockedError(self._holder())

    def _holder(self) -> dict:
        data = self.transport.read(LOCK)
        try:
            return json.loads(data.decode("utf-8")) if data else {}
        except ValueError:
            return {}

    def release(self) -> None:
        """Drop the lock if it is still ours."""
        if not self.held:
            return
        try:
            self.release_read(self.transport.read(LOCK))
        except Exception:  # the connection is gone: the lock is taken over next time
            pass

    def release_read(self, data) -> None:
        """Drop the lock, given what it held when read (read along with other operations,
        e.g. a switch): only if it is still ours."""
        if not self.held:
            return
        self.held = False
        try:
            holder = json.loads(data.decode("utf-8")) if isinstance(data, bytes) else {}
        except ValueError:
            holder = {}
        if isinstance(holder, dict) and holder.get("token") == self.token:
            self.transport.remove(LOCK)


def _abandoned_here(holder: dict) -> bool:
    """A lock taken on this computer by a process that is no longer running."""
    if holder.get("host") != socket.gethostname():
        return False
    try:
        pid = int(holder.get("pid", 0))
    except (TypeError, ValueError):
        return False
    if pid <= 0 or pid == os.getpid():
        return pid == os.getpid()
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def read_json(transport: Transport, path: str, default):
    """A JSON file on the target, or `default` when missing or unreadable."""
    data = transport.read(path)
    if data is None:
        return default
    try:
        return json.loads(data.decode("utf-8"))
    except ValueError:
        return default


def write_json(transport: Transport, path: str, value) -> None:
    """Write a JSON file on the target under a temporary name, then rename it in place."""
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if transport.can_rename:
        transport.write(path + ".part", data)
        transport.rename(path + ".part", path)
    else:
        transport.write(path, data)


def manifest_files(data) -> dict[str, tuple[str, int]]:
    """path → (sha256, size) from a manifest document (bundle or remote)."""
    if not isinstance(data, dict):
        return {}
    files = data.get("files")
    if not isinstance(files, dict):
        return {}
    result = {}
    for path, entry in files.items():
        if isinstance(entry, dict) and "sha256" in entry:
            result[path] = (str(entry["sha256"]), int(entry.get("size", 0)))
    return result


class Journal:
    """The local journal of one target's publish in progress (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.header: dict = {}
        self.done: dict[str, str] = {}  # path → sha256 whole on the target
        self.marks: set[str] = set()  # steps finished ("clone", "manifest", …)
        self._handle = None

    def load(self) -> bool:
        """Read an unfinished journal; True if there is one."""
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (FileNotFoundError, UnicodeDecodeError):
            return False
        for number, line in enumerate(lines):
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # a line cut by a kill
            if number == 0:
                self.header = entry
            elif "path" in entry:
                self.done[entry["path"]] = entry.get("sha", "")
            elif "mark" in entry:
                self.marks.add(entry["mark"])
        return bool(self.header)

    def start(self, header: dict) -> None:
        """Begin a new journal."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.header = header
        self.done = {}
        self.marks = set()
        with open(self.path, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(header, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def _append(self, entry: dict) -> None:
        if self._handle is None:
            self._handle = open(self.path, "a", encoding="utf-8")  # noqa: SIM115
        self._handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._handle.flush()  # in the OS's hands: survives a killed process

    def record(self, path: str, sha: str) -> None:
        """A file is whole on the target."""
        self.done[path] = sha
        self._append({"path": path, "sha": sha})

    def mark(self, step: str) -> None:
        """A step is finished."""
        self.marks.add(step)
        self._append({"mark": step})
        self.flush()

    def flush(self) -> None:
        """Make the recorded lines durable."""
        if self._handle is not None:
            self._handle.flush()
            os.fsync(self._handle.fileno())

    def finish(self) -> None:
        """The publish ended: drop the journal."""
        self.close()
        self.path.unlink(missing_ok=True)

    def close(self) -> None:
        """Flush and close (the journal stays for a resume)."""
        if self._handle is not None:
            try:
                self.flush()
            finally:
                self._handle.close()
                self._handle = None


class LiveCache:
    """The files of the release this computer last published to a target. A finished
    release never changes, so while it is live its manifest need not be fetched again."""

    def __init__(self, journal: Path) -> None:
        self.path = journal.with_name(f"{journal.stem}.live.json")

    def load(self, release: str) -> dict[str, tuple[str, int]] | None:
        """The files of `release`, or None when this computer does not know them."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("release") != release:
            return None
        return {path: (sha, int(size)) for path, (sha, size) in data["files"].items()}

    def previous(self, release: str) -> tuple[str, list[str]]:
        """The release that was live before `release` was published from here, and the
        releases kept then (("", []) when unknown)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return "", []
        if not isinstance(data, dict) or data.get("release") != release:
            return "", []
        return str(data.get("previous", "")), [str(r) for r in data.get("releases", [])]

    def latest(self) -> str:
        """The release this computer published last ("" when none)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return ""
        return str(data.get("release", "")) if isinstance(data, dict) else ""

    def releases(self, release: str) -> list[str]:
        """The releases on the target when `release` was published from here ([] when
        unknown)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        if not isinstance(data, dict) or data.get("release") != release:
            return []
        return [str(r) for r in data.get("releases", [])]

    def save(
        self,
        release: str,
        files: dict[str, tuple[str, int]],
        skip: str = "",
        releases: list[str] = (),
        previous: str = "",
    ) -> None:
        """Remember the files of a release just published, the releases kept and the one
        live before."""
        kept = {path: list(entry) for path, entry in files.items() if path != skip}
        partial = self.path.with_name(self.path.name + ".part")
        document = {
            "release": release,
            "files": kept,
            "releases": list(releases),
            "previous": previous,
        }
        try:
            partial.write_text(json.dumps(document), encoding="utf-8")
            os.replace(partial, self.path)
        except OSError:  # only a cache: the manifest is read from the target next time
            partial.unlink(missing_ok=True)
