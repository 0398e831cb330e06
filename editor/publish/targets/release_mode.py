"""Release mode of the publish engine (mixed into `engine.Engine`).

The target holds `releases/<id>/` folders and `current -> releases/<id>`. A publish:

1. takes the lock; the live release is read again and, where the server left one, the
   spare copy of it (`releases/.spare-<id>`, a whole tree of hard links) is claimed by
   renaming it to the new release — both sent along with the lock's write;
2. without a spare, clones the live release (`cp -al` where the account may run commands,
   else one hard link per file, copies where links are refused);
3. removes from the new release what the bundle dropped and the old manifest, and uploads
   the changed files (`name.part`, size checked, renamed) together; the new manifest goes
   with them but is renamed into place last, once every other file is whole;
4. switches `current` atomically (a symlink under a temporary name renamed over it), with
   the pruning of old releases (renamed to `.trash-*` where the server removes them in the
   background) and the read of the lock in the same round trip; then drops the lock and
   leaves the server making the spare copy of the new release for the next publish.

The journal records each file only once it is whole in the new release, and the steps
("clone", "files", "switched"), so a killed publish resumes where it stopped.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from editor.i18n import tr
from editor.publish.bundle import MANIFEST
from editor.publish.targets.bundle_view import LocalBundle
from editor.publish.targets.state import LOCK, RELEASES, LiveCache, RemoteLock, TargetLockedError
from editor.publish.targets.transport import LinkRefused, TargetError, UploadJob

if TYPE_CHECKING:
    from editor.publish.targets.engine import PublishResult

CURRENT = "current"
RELEASES_DIR = "releases"
SPARE = ".spare-"  # releases/.spare-<id>: a whole hard-link copy of release <id>
TRASH = ".trash-"  # releases/.trash-<id>: a pruned release the server removes


def link_release(link: str | None) -> str:
    """The release id a `current` link points to ("" when there is none)."""
    return link.rstrip("/").rsplit("/", 1)[-1] if link else ""


class ReleaseMode:
    """Publishing and rolling back in release mode (see the module docstring)."""

    def _publish_release(
        self, bundle: LocalBundle, seen: tuple[str, dict], lock: RemoteLock, break_lock: bool
    ) -> PublishResult:
        from editor.publish.targets.engine import PublishError, PublishResult

        seen_current, remote = seen
        release = self._resumable(seen_current, bundle)
        fresh = not release
        if fresh:
            release = self._start_journal(seen_current)
        then = [("readlink", (CURRENT,))]
        if fresh and seen_current:
            spare = f"{RELEASES_DIR}/{SPARE}{seen_current}"
            then.append(("rename", (spare, f"{RELEASES_DIR}/{release}")))
        try:
            answers = lock.acquire(break_lock=break_lock, then=then)
        except TargetLockedError:
            if fresh:
                self.journal.finish()
            raise
        if isinstance(answers[0], TargetError):
            raise answers[0]
        current = link_release(answers[0])
        claimed = len(answers) > 1 and not isinstance(answers[1], Exception)
        if current != seen_current:  # another workstation published in between
            if claimed:
                self._unclaim(seen_current, release)
                claimed = False
            remote = self._remote_files(current)
            self.journal.finish()
            release = self._resume(current, bundle)
        changed, deleted = self._delta(bundle, remote)
        total = len(bundle.files)
        if current and not changed and not deleted:
            if claimed:
                self._unclaim(current, release)
            self.journal.finish()
            return PublishResult(self.name, release=current, unchanged=total, previous=current)
        folder = f"{RELEASES_DIR}/{release}"
        done = self.journal.done
        to_send = [p for p in changed if done.get(p) != bundle.files[p][0]]
        self._files_total = len(to_send) + 1
        self._bytes_total = sum(bundle.files[p][1] for p in to_send) + bundle.files[MANIFEST][1]
        self._report("linking")
        if claimed:
            self.journal.mark("clone")
            cloned = True
        else:
            cloned, linked = self._clone(bundle, current, folder, changed)
            to_send.extend(p for p in linked if p not in self.journal.done)
            self._files_total = len(to_send) + 1
        self._report("uploading")
        order = [p for _group, paths in bundle.ordered(to_send, remote) for p in paths]
        if not cloned:
            self._prepare_dirs(folder, [*order, MANIFEST])
        # what the new release drops, and the old manifest it was cloned with
        removals = [f"{folder}/{p}" for p in [*deleted, MANIFEST]] if current else []
        facts = self._remember(release, bundle, current)
        jobs = [UploadJob(f"{folder}/{p}", bundle.folder / p, bundle.files[p][1]) for p in order]
        last = UploadJob(
            f"{folder}/{MANIFEST}", bundle.folder / MANIFEST, bundle.files[MANIFEST][1]
        )
        try:
            self.t.upload_release(
                [*jobs, facts], self._done(bundle), self._cancelled, last=last, removals=removals
            )
        finally:
            self.journal.flush()
        self._check_cancel()
        self.journal.mark("files")
        sent = self._files_done
        result = PublishResult(
            self.name,
            release=release,
            sent=sent,
            unchanged=total - sent,
            deleted=len(deleted),
            bytes=self._bytes_done,
            previous=current,
        )
        self._report("switching")
        cache = LiveCache(self.journal.path)
        known = cache.releases(current) if current else []
        if self.base_url:  # the pages are checked before anything else changes
            self._raise_first(self.t.batch(self._switch_calls(release)))
            self.journal.mark("switched")
            self._verify(bundle, changed, result)
            if result.verified is False and current:
                self._raise_first(self.t.batch(self._switch_calls(current)))
                self.journal.finish()
                raise PublishError(
                    tr(
                        "The published pages do not match the export at {urls}; the site was "
                        "switched back to release {release}.",
                        urls=", ".join(result.mismatches),
                        release=current,
                    )
                )
            self._report("pruning")
            kept = self._finish_release(release, current, known, lock, switch=False)
        else:
            kept = self._finish_release(release, current, known, lock, switch=True)
        cache.save(release, bundle.files, skip=MANIFEST, releases=kept, previous=current)
        self.journal.finish()
        return result

    def _resumable(self, base: str, bundle: LocalBundle) -> str:
        """The release of an unfinished publish based on `base` ("" when there is none)."""
        if not self.journal.load():
            return ""
        header = self.journal.header
        if header.get("mode") != self.mode or header.get("base") != base:
            return ""
        release = str(header.get("release", ""))
        if not self.t.listdir(f"{RELEASES_DIR}/{release}"):
            return ""
        self.journal.done = {
            path: sha
            for path, sha in self.journal.done.items()
            if bundle.files.get(path, ("",))[0] == sha
        }
        return release

    def _start_journal(self, base: str) -> str:
        from editor.publish.targets.engine import new_release_id

        self.journal.start({"mode": self.mode, "base": base, "release": new_release_id()})
        return self.journal.header["release"]

    def _unclaim(self, base: str, release: str) -> None:
        """Give a claimed spare back (the live release changed under it)."""
        folder = f"{RELEASES_DIR}/{release}"
        if isinstance(
            self.t.batch([("rename", (folder, f"{RELEASES_DIR}/{SPARE}{base}"))])[0], Exception
        ):
            self.t.remove_tree(folder)

    def _clone(self, bundle: LocalBundle, current: str, folder: str, changed: list[str]):
        """Make the new release a copy of the live one; (cloned whole, files to upload
        because the target refused hard links)."""
        marks, done = self.journal.marks, self.journal.done
        cloned = False
        if current and not done and not marks:
            cloned = self.t.clone_tree(f"{RELEASES_DIR}/{current}", folder)
        if not cloned:
            self.t.makedirs(folder)
        if not current or "clone" in marks:
            return cloned or "clone" in marks, []
        if cloned:
            self.journal.mark("clone")
            return True, []
        changed_set = set(changed)
        missing = [
            p for p in bundle.files if p not in changed_set and p != MANIFEST and p not in done
        ]
        self._prepare_dirs(folder, missing)
        refused: list[str] = []
        try:
            self.t.link(
                [(f"{RELEASES_DIR}/{current}/{p}", f"{folder}/{p}") for p in missing],
                self._done_quiet(bundle),
                self._cancelled,
            )
        except LinkRefused:
            refused = missing
        self._check_cancel()
        self.journal.mark("clone")
        return False, refused

    def _done_quiet(self, bundle: LocalBundle):
        def done(path: str, _size: int) -> None:
            relative = path.split("/", 2)[2]
            self.journal.record(relative, bundle.files.get(relative, ("", 0))[0])

        return done

    def _switch_calls(self, release: str) -> list[tuple[str, tuple]]:
        temporary = f".{CURRENT}-{release}-{uuid.uuid4().hex[:6]}"
        return [
            ("symlink", (f"{RELEASES_DIR}/{release}", temporary)),
            ("rename", (temporary, CURRENT)),
        ]

    def _switch(self, release: str) -> None:
        self._raise_first(self.t.batch(self._switch_calls(release)))

    @staticmethod
    def _raise_first(results: list) -> None:
        for result in results:
            if isinstance(result, Exception):
                raise result

    def _finish_release(
        self, release: str, previous: str, known: list[str], lock: RemoteLock, *, switch: bool
    ) -> list[str]:
        """(The switch,) the pruning and the read of the lock in one round trip; then the
        lock is dropped and the server starts on the spare copy. Returns the releases kept."""
        if known:
            kept = sorted({*known, release})
        else:
            kept = sorted(i for i in self.t.listdir(RELEASES_DIR) if not i.startswith("."))
        gone = []
        if len(kept) > self.keep:
            keep = set(kept[-self.keep :]) | {release, previous}
            gone = [old for old in kept if old not in keep]
        background = self.t.cleans_in_background
        calls = self._switch_calls(release) if switch else []
        if background:
            calls += [
                ("rename", (f"{RELEASES_DIR}/{o}", f"{RELEASES_DIR}/{TRASH}{o}")) for o in gone
            ]
        calls += [("remove", (f"{RELEASES}/{old}.json",)) for old in gone]
        calls.append(("read", (LOCK,)))
        results = self.t.batch(calls)
        if switch:
            self._raise_first(results[:2])
            self.journal.mark("switched")
        if not background:
            for old in gone:
                self.t.remove_tree(f"{RELEASES_DIR}/{old}")
        self.t.prepare_spare(RELEASES_DIR, release)  # on its way while the lock is dropped
        lock_data = results[-1]
        lock.release_read(lock_data if isinstance(lock_data, bytes) else None)
        return [k for k in kept if k not in gone]

    # ---- rollback ----------------------------------------------------------------------

    def _rollback_release(self, release: str | None, lock: RemoteLock) -> PublishResult:
        """Switch back to a kept release: the lock, the live link and the check that the
        release is whole go together, then the switch with the read of the lock."""
        from editor.publish.targets.engine import PublishError, PublishResult

        cache = LiveCache(self.journal.path)
        guess_current = cache.latest()
        guess_previous, known = cache.previous(guess_current)
        guess = release or guess_previous
        started = False
        then = [("readlink", (CURRENT,))]
        if guess:
            then.append(("size", (f"{RELEASES_DIR}/{guess}/{MANIFEST}",)))
            # a kept release never changes: its spare copy can be started right away
            started = self.t.prepare_spare(RELEASES_DIR, guess)
        answers = lock.acquire(then=then)
        self._raise_first(answers)
        current = link_release(answers[0])
        if guess and (release or (current == guess_current and guess_previous in known)):
            target, whole = guess, answers[1] is not None
        else:
            target = release or self._previous_of(current)
            if not target:
                raise PublishError(tr("There is no earlier release to roll back to."))
            whole = self.t.size(f"{RELEASES_DIR}/{target}/{MANIFEST}") is not None
        if not whole:
            raise PublishError(tr("Release {release} is not kept on the target.", release=target))
        results = self.t.batch([*self._switch_calls(target), ("read", (LOCK,))])
        self._raise_first(results[:2])
        if not (guess == target and started):
            self.t.prepare_spare(RELEASES_DIR, target)
        lock.release_read(results[2] if isinstance(results[2], bytes) else None)
        return PublishResult(self.name, release=target, previous=current)
