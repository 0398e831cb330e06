"""One publish of a bundle to a target, in release or in-place mode.

Release mode (a folder or SFTP server where the web root can be a symlink): the target
holds `releases/<id>/` folders and `current -> releases/<id>`; each publish makes a new
release (a spare hard-link copy the server prepared, or a clone of the live one, with the
changed files uploaded as `name.part`, size-checked and renamed, its manifest.json last)
and switches `current` atomically, so the live site is always one whole release. After the
switch the changed pages and the home page are fetched from the base URL; a mismatch
switches back. Old releases are pruned to the target's kept count, never the current or
previous one. See `release_mode`.

In-place mode (FTP, S3, SFTP without symlinks): changed files go straight to their places
in dependency order (`bundle_view.GROUPS`), each under a temporary name and renamed where
the protocol allows; the first failed group stops the publish before anything that depends
on it. The remote manifest is written after every group succeeded, then deletions (capped
per run) happen. Rollback re-publishes a kept release's files from a local snapshot.

Both modes hold the target's lock for the whole publish and keep a local journal, so a
publish that was killed resumes without sending finished files again.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from editor.errors import NewsdeskError
from editor.i18n import tr
from editor.publish.bundle import MANIFEST
from editor.publish.targets.bundle_view import HOME, LocalBundle, group_label, snapshot
from editor.publish.targets.release_mode import CURRENT, RELEASES_DIR, ReleaseMode, link_release
from editor.publish.targets.state import (
    RELEASES,
    REMOTE_MANIFEST,
    Journal,
    LiveCache,
    RemoteLock,
    manifest_files,
    read_json,
    write_json,
)
from editor.publish.targets.transport import TargetError, Transport, UploadJob

DELETE_CAP = 1000  # in-place deletions per run; the rest go next time
VERIFY_CAP = 20  # changed pages fetched after a publish (plus the home page)
Progress = Callable[[str, int, int, int, int], None]  # phase, files, of, bytes, of


class PublishError(NewsdeskError):
    """A publish stopped; the message says what was and was not done."""


class PublishCancelled(NewsdeskError):
    """The editor cancelled the publish; it resumes where it stopped next time."""


@dataclass
class PublishResult:
    """What a publish, dry run or rollback did."""

    target: str
    release: str = ""
    sent: int = 0
    unchanged: int = 0
    deleted: int = 0
    bytes: int = 0
    seconds: float = 0.0
    verified: bool | None = None  # None: no base URL to check against
    dry_run: bool = False
    previous: str = ""
    files: list[str] = field(default_factory=list)  # a dry run: what would be sent
    deletions: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The `publish --json` shape (a dry run adds the file lists)."""
        data = {
            "target": self.target,
            "release": self.release,
            "sent": self.sent,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "bytes": self.bytes,
            "seconds": round(self.seconds, 3),
            "verified": self.verified,
        }
        if self.dry_run:
            data["dry_run"] = True
            data["files"] = self.files
            data["deletions"] = self.deletions
        return data


def new_release_id() -> str:
    """A release id that sorts by time: 20261130-181502-417a3 (milliseconds, then two
    random hex digits for two workstations in the same millisecond)."""
    moment = datetime.now()
    return f"{moment:%Y%m%d-%H%M%S}-{moment.microsecond // 1000:03d}{uuid.uuid4().hex[:2]}"


def fetch_url(url: str, timeout: float = 10.0) -> bytes | None:
    """The bytes at `url`, or None when it cannot be fetched."""
    try:
        request = urllib.request.Request(url, headers={"Cache-Control": "no-cache"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except (urllib.error.URLError, OSError, ValueError):
        return None


class Engine(ReleaseMode):
    """Publishes bundles to one connected target (see the module docstring)."""

    def __init__(
        self,
        transport: Transport,
        *,
        name: str,
        mode: str,
        user: str,
        journal: Path,
        keep: int = 5,
        base_url: str = "",
        snapshots: Path | None = None,
        progress: Progress | None = None,
        cancel=None,
        fetch: Callable[[str], bytes | None] | None = None,
    ) -> None:
        self.t = transport
        self.name = name
        self.mode = mode
        self.user = user
        self.journal = Journal(journal)
        self.keep = max(2, keep)
        self.base_url = base_url
        self.snapshots = snapshots
        self.progress = progress
        self.cancel = cancel
        self.fetch = fetch
        self._files_total = self._files_done = self._bytes_total = self._bytes_done = 0
        self._phase = ""

    # ---- progress and cancel -----------------------------------------------------------

    def _cancelled(self) -> bool:
        cancel = self.cancel
        if cancel is None:
            return False
        return cancel.is_set() if hasattr(cancel, "is_set") else bool(cancel())

    def _check_cancel(self) -> None:
        if self._cancelled():
            raise PublishCancelled(
                tr(
                    "Publishing was cancelled; the live site was not changed by the unfinished "
                    "part. Publishing again resumes where it stopped."
                )
            )

    def _report(self, phase: str | None = None) -> None:
        if phase is not None:
            self._phase = phase
        if self.progress is not None:
            self.progress(
                self._phase,
                self._files_done,
                self._files_total,
                self._bytes_done,
                self._bytes_total,
            )

    def _done(self, bundle: LocalBundle) -> Callable[[str, int], None]:
        def done(path: str, size: int) -> None:
            if path.startswith(f"{RELEASES}/"):
                return  # the release's facts, not a file of the site
            relative = path.split("/", 2)[2] if path.startswith(f"{RELEASES_DIR}/") else path
            self.journal.record(relative, bundle.files.get(relative, ("", 0))[0])
            self._files_done += 1
            self._bytes_done += size
            self._report()

        return done

    # ---- public ------------------------------------------------------------------------

    def publish(
        self, bundle: LocalBundle, *, dry_run: bool = False, break_lock: bool = False
    ) -> PublishResult:
        """Publish `bundle`; a dry run only says what would be sent and deleted."""
        started = time.perf_counter()
        self._report("comparing")
        if dry_run:
            result = self._plan_only(bundle)
            result.seconds = time.perf_counter() - started
            return result
        # nothing to change: answer without taking the lock (it costs round trips)
        self._seen = self._remote_state()
        current = self._seen[0]
        if current and not any(self._delta(bundle, self._seen[1])) and not self.journal.load():
            result = PublishResult(
                self.name, release=current, unchanged=len(bundle.files), previous=current
            )
            result.seconds = time.perf_counter() - started
            self._report("done")
            return result
        lock = RemoteLock(self.t, self.user)
        try:
            if self.mode == "release":
                result = self._publish_release(bundle, self._seen, lock, break_lock)
            else:
                lock.acquire(break_lock=break_lock)
                result = self._publish_in_place(bundle)
        finally:
            self.journal.close()
            lock.release()
        result.seconds = time.perf_counter() - started
        self._report("done")
        return result

    def current_release(self) -> str:
        """The id of the live release ("" before the first publish)."""
        if self.mode == "release":
            return link_release(self.t.readlink(CURRENT))
        return str(read_json(self.t, REMOTE_MANIFEST, {}).get("release", ""))

    def releases(self, *, details: bool = True) -> list[dict]:
        """The kept releases, newest first: [{id, time, user, files, current}]."""
        current = self.current_release()
        if self.mode == "release":
            kept = [i for i in self.t.listdir(RELEASES_DIR) if not i.startswith(".")]
        else:
            kept = (
                sorted(os.listdir(self.snapshots))
                if self.snapshots and self.snapshots.is_dir()
                else []
            )
            kept = [k for k in kept if not k.startswith(".")]
            if current and current not in kept:
                kept.append(current)
        rows = []
        for release in sorted(set(kept), reverse=True):
            entry = self._entry(release) if details else {}
            rows.append(
                {
                    "id": release,
                    "time": entry.get("time", ""),
                    "user": entry.get("user", ""),
                    "files": entry.get("files", 0),
                    "current": release == current,
                }
            )
        return rows

    def rollback(self, release: str | None = None) -> PublishResult:
        """Make a kept release live again (the one before the current when not given)."""
        started = time.perf_counter()
        lock = RemoteLock(self.t, self.user)
        try:
            if self.mode == "release":
                result = self._rollback_release(release, lock)
            else:
                lock.acquire()
                current = self.current_release()
                target = release or self._previous_of(current)
                if not target:
                    raise PublishError(tr("There is no earlier release to roll back to."))
                snapshot = self.snapshots / target if self.snapshots else None
                if snapshot is None or not snapshot.is_dir():
                    raise PublishError(
                        tr(
                            "Release {release} is not kept on this computer, so it cannot be "
                            "published again.",
                            release=target,
                        )
                    )
                result = self._publish_in_place(LocalBundle.load(snapshot), release=target)
                result.previous = current
        finally:
            self.journal.close()
            lock.release()
        result.seconds = time.perf_counter() - started
        return result

    # ---- comparing ---------------------------------------------------------------------

    def _remote_state(self) -> tuple[str, dict[str, tuple[str, int]]]:
        """The live release and its files (one manifest read)."""
        if self.mode == "release":
            current = self.current_release()
            return current, self._remote_files(current)
        state = read_json(self.t, REMOTE_MANIFEST, {})
        current = str(state.get("release", "")) if isinstance(state, dict) else ""
        return current, manifest_files(state)

    def _remote_files(self, current: str) -> dict[str, tuple[str, int]]:
        if self.mode == "release":
            if not current:
                return {}
            cached = LiveCache(self.journal.path).load(current)
            if cached is not None:
                return cached
            return manifest_files(read_json(self.t, f"{RELEASES_DIR}/{current}/{MANIFEST}", {}))
        return manifest_files(read_json(self.t, REMOTE_MANIFEST, {}))

    def _delta(self, bundle: LocalBundle, remote: dict) -> tuple[list[str], list[str]]:
        changed = [
            path
            for path, (sha, _size) in bundle.files.items()
            if remote.get(path, ("",))[0] != sha
            and not (self.mode == "release" and path == MANIFEST)
        ]
        deleted = sorted(path for path in remote if path not in bundle.files)
        return changed, deleted

    def _plan_only(self, bundle: LocalBundle) -> PublishResult:
        current = self.current_release()
        remote = self._remote_files(current)
        changed, deleted = self._delta(bundle, remote)
        if self.mode == "release" and (changed or deleted or not current):
            changed.append(MANIFEST)
        order = [path for _group, paths in bundle.ordered(changed, remote) for path in paths]
        return PublishResult(
            self.name,
            release=current,
            sent=len(order),
            unchanged=len(bundle.files) - len(order),
            deleted=len(deleted),
            bytes=sum(bundle.files[p][1] for p in order),
            dry_run=True,
            files=order,
            deletions=deleted,
        )

    def _resume(self, base: str, bundle: LocalBundle) -> str:
        """The release id of an unfinished publish to resume, or a new one."""
        if self.journal.load():
            header = self.journal.header
            if header.get("mode") == self.mode and header.get("base") == base:
                release = str(header.get("release", ""))
                # files sent for an older bundle count only where their bytes are the same
                self.journal.done = {
                    path: sha
                    for path, sha in self.journal.done.items()
                    if bundle.files.get(path, ("",))[0] == sha
                }
                if self.mode != "release" or self.t.listdir(f"{RELEASES_DIR}/{release}"):
                    return release
        self.journal.start({"mode": self.mode, "base": base, "release": new_release_id()})
        return self.journal.header["release"]

    # ---- files -------------------------------------------------------------------------

    def _prepare_dirs(self, folder: str, paths: list[str]) -> None:
        dirs = {os.path.dirname(p) for p in paths} - {""}
        parents = set()
        for d in dirs:
            while d:
                parents.add(d)
                d = os.path.dirname(d)
        self.t.prepare_dirs([f"{folder}/{d}" if folder else d for d in sorted(parents)])

    def _upload(
        self,
        bundle: LocalBundle,
        folder: str,
        paths: list[str],
        make_dirs: bool = True,
        extra: list[UploadJob] = (),
    ) -> None:
        prefix = f"{folder}/" if folder else ""
        if folder and make_dirs:
            self._prepare_dirs(folder, paths)
        jobs = [UploadJob(prefix + p, bundle.folder / p, bundle.files[p][1]) for p in paths]
        jobs.extend(extra)
        try:
            self.t.upload(jobs, self._done(bundle), self._cancelled)
        finally:
            self.journal.flush()
        self._check_cancel()

    def _remember(self, release: str, bundle: LocalBundle, previous: str) -> UploadJob:
        """The upload of the release's facts (`.newsdesk/releases/<id>.json`)."""
        entry = {
            "id": release,
            "time": datetime.now().replace(microsecond=0).isoformat(sep=" "),
            "user": self.user,
            "files": len(bundle.files),
            "bytes": sum(size for _sha, size in bundle.files.values()),
            "previous": previous,
        }
        data = json.dumps(entry, ensure_ascii=False).encode("utf-8")
        local = self.journal.path.with_name(f"{self.journal.path.stem}.release.json")
        local.parent.mkdir(parents=True, exist_ok=True)
        local.write_bytes(data)
        return UploadJob(f"{RELEASES}/{release}.json", local, len(data))

    def _entry(self, release: str) -> dict:
        entry = read_json(self.t, f"{RELEASES}/{release}.json", {})
        return entry if isinstance(entry, dict) else {}

    def _previous_of(self, current: str) -> str:
        known = LiveCache(self.journal.path).releases(current) if self.mode == "release" else []
        kept = set(known) or {r["id"] for r in self.releases(details=False)}
        previous = self._entry(current).get("previous", "") if current else ""
        if previous and previous in kept:
            return previous
        older = sorted(r for r in kept if r < current)
        return older[-1] if older else ""

    # ---- verify ------------------------------------------------------------------------

    def _verify(self, bundle: LocalBundle, changed: list[str], result: PublishResult) -> None:
        if not self.base_url:
            return
        self._report("verifying")
        pages = [p for p in sorted(changed) if p.endswith(".html")][:VERIFY_CAP]
        if HOME not in pages:
            pages.append(HOME)
        for path in pages:
            url = self.base_url + quote(path)
            data = (self.fetch or fetch_url)(url)
            if data is None or hashlib.sha256(data).hexdigest() != bundle.files[path][0]:
                result.mismatches.append(url)
        result.verified = not result.mismatches

    # ---- in-place mode -----------------------------------------------------------------

    def _publish_in_place(self, bundle: LocalBundle, release: str | None = None) -> PublishResult:
        state = read_json(self.t, REMOTE_MANIFEST, {})
        current = str(state.get("release", "")) if isinstance(state, dict) else ""
        remote = manifest_files(state)
        changed, deleted = self._delta(bundle, remote)
        total = len(bundle.files)
        if current and not changed and not deleted and (release in (None, current)):
            return PublishResult(self.name, release=current, unchanged=total, previous=current)
        resumed = self._resume(current, bundle)
        if release is None:
            release = resumed
        else:
            self.journal.header["release"] = release
        done = self.journal.done
        to_send = [p for p in changed if done.get(p) != bundle.files[p][0]]
        self._files_total = len(to_send)
        self._bytes_total = sum(bundle.files[p][1] for p in to_send)
        self._report("uploading")
        for group, paths in bundle.ordered(to_send, remote):
            try:
                self._upload(bundle, "", paths)
            except TargetError as exc:
                raise PublishError(
                    tr(
                        "Publishing stopped in the group “{group}”: {reason} The later groups, "
                        "the remote manifest and the deletions were not sent; publishing again "
                        "resumes here.",
                        group=group_label(group),
                        reason=str(exc),
                    )
                ) from exc
        self._report("deleting")
        files = {p: {"sha256": sha, "size": size} for p, (sha, size) in bundle.files.items()}
        leftovers = {p: {"sha256": remote[p][0], "size": remote[p][1]} for p in deleted}
        write_json(self.t, REMOTE_MANIFEST, {"release": release, "files": {**files, **leftovers}})
        self.journal.mark("manifest")
        batch = deleted[:DELETE_CAP]
        if batch:
            self.t.remove_many(batch)
            for path in batch:
                leftovers.pop(path)
            write_json(
                self.t, REMOTE_MANIFEST, {"release": release, "files": {**files, **leftovers}}
            )
        self.t.upload([self._remember(release, bundle, current)], lambda *_: None)
        if self.snapshots is not None:
            snapshot(bundle, self.snapshots, release, self.keep)
        sent = self._files_done
        self.journal.finish()
        result = PublishResult(
            self.name,
            release=release,
            sent=sent,
            unchanged=total - sent,
            deleted=len(batch),
            bytes=self._bytes_done,
            previous=current,
        )
        self._verify(bundle, changed, result)  # in place there is nothing to switch back
        return result
