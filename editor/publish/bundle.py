"""The bundle folder on disk: staging, atomic swap, manifest and zips.

An export never writes into the live bundle while it renders. The first export into a
folder fills an empty staging folder next to it and renames it into place (swapped with an
existing empty folder in one step: `renameat2` with RENAME_EXCHANGE on Linux, two renames
elsewhere). An export into a folder that holds a bundle (incremental or full) stages only
the files whose bytes differ from the bundle's, side by side under names made from their
paths (`staged_name`: no folders to make and remove), and moves them in under a journal
(`Staging.commit`). A failure or a kill before the rename or the journal leaves the
previous bundle untouched.

What a kill can leave, and what the next export into the same folder does with it:
- `.NAME.staging-PID` (a staging folder) and `.NAME.old-PID` (the old bundle after a swap):
  removed; an `.old-` folder is put back first when the bundle itself is missing.
- `.NAME.patch-journal` (`.NAME.journal` from older versions, files staged in folders):
  the journal is applied again (rolled forward), so the bundle becomes the new one. While
  a journal is being applied (normally milliseconds: renames of the changed files,
  manifest.json last, then deletions), and after a kill in that step until the next
  export, the folder holds some new and some old files with the old manifest. A web
  server that serves this folder directly can show that mix; uploading releases to a host
  avoids the window altogether.
- `NAME.zip.part` (a zip being written): removed, wherever the zip was going; each
  partial zip is named in a marker `.NAME.zip-part-PID` beside the bundle until it is
  complete.
Only leftovers of this program are touched: names with these marks whose process (PID) is
no longer running.
"""

from __future__ import annotations

import bisect
import errno
import hashlib
import json
import os
import shutil
from pathlib import Path

from editor.errors import NewsdeskError, os_error_reason
from editor.i18n import tr

MANIFEST = "manifest.json"
GENERATOR = "Newsdesk"
STAGING_MARK = ".staging-"
OLD_MARK = ".old-"
JOURNAL_MARK = ".journal"  # (files staged in folders: written by older versions)
# files staged side by side (`staged_name`): a name older versions do not know, so that
# one run on a folder this version left mid-commit leaves the journal (and the old bundle)
# alone instead of skipping files it cannot find
FLAT_JOURNAL_MARK = ".patch-journal"
ZIP_PART_MARK = ".zip-part-"
PART_SUFFIX = ".part"
DELETED_LIST = "deleted.txt"
_MANIFEST_HEAD = ('{"generator":' + json.dumps(GENERATOR) + ",").encode()


class ExportError(NewsdeskError):
    """The bundle could not be written (disk full, no permission…); the old one stays."""


def _where(exc: OSError) -> str:
    return f" ({exc.filename})" if getattr(exc, "filename", None) else ""


def describe_os_error(exc: OSError, action: str) -> ExportError:
    """A clear message for a write that failed before the bundle was replaced."""
    return ExportError(
        tr(
            "Export failed while {action}: {reason}{where}. "
            "The previous bundle was left as it was.",
            action=action,
            reason=os_error_reason(exc),
            where=_where(exc),
        )
    )


def _siblings(out: Path, mark: str) -> list[Path]:
    """Leftovers `.NAME<mark>PID` beside the bundle whose process is no longer running."""
    parent = out.parent
    if not parent.is_dir():
        return []
    prefix = f".{out.name}{mark}"
    return sorted(
        p
        for p in parent.iterdir()
        if p.name.startswith(prefix) and _finished(p.name[len(prefix) :])
    )


def _finished(pid_text: str) -> bool:
    """Whether the process that left a leftover is gone (our own process counts as gone:
    it is not writing that leftover any more)."""
    if not pid_text.isdigit():
        return False  # not a name this program makes
    pid = int(pid_text)
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OSError, OverflowError):
        return False
    return False


def recover(out: Path) -> None:
    """Tidy up after an export that was killed: roll a journal forward, bring back a bundle
    caught mid-swap, remove stale staging folders and partial zips (see the module doc)."""
    for mark in (JOURNAL_MARK, FLAT_JOURNAL_MARK):
        journal = out.parent / f".{out.name}{mark}"
        if journal.exists() and out.is_dir():
            _apply_journal(out, journal)
    olds = _siblings(out, OLD_MARK)
    if not out.exists() and olds:
        os.rename(olds[0], out)
        olds = olds[1:]
    for leftover in [*olds, *_siblings(out, STAGING_MARK)]:
        shutil.rmtree(leftover, ignore_errors=True)
    for marker in _siblings(out, ZIP_PART_MARK):
        _remove_partial_zip(marker)


def _remove_partial_zip(marker: Path) -> None:
    """Delete the partial zip a marker names (only a `*.zip.part` file), then the marker."""
    try:
        partial = Path(marker.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        partial = None
    if partial is not None and partial.name.endswith(PART_SUFFIX) and partial.is_absolute():
        partial.unlink(missing_ok=True)
    marker.unlink(missing_ok=True)


def is_bundle(out: Path) -> bool:
    """Whether a folder holds a bundle this program wrote."""
    try:
        with open(out / MANIFEST, "rb") as handle:
            if handle.read(len(_MANIFEST_HEAD)) == _MANIFEST_HEAD:
                return True  # written by `manifest_bytes`: no need to parse it all
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("generator") == GENERATOR


def check_target(out: Path) -> bool:
    """Refuse to replace a folder that holds something else; True if a bundle is there."""
    if out.exists() and not out.is_dir():
        raise ExportError(
            tr("{out} is a file, not a folder: choose a folder to export into.", out=out)
        )
    if not out.exists():
        return False
    if is_bundle(out):
        return True
    if any(out.iterdir()):
        raise ExportError(
            tr(
                "{out} is not empty and holds no Newsdesk bundle: choose an empty folder "
                "(an export replaces the folder's contents).",
                out=out,
            )
        )
    return False


class Staging:
    """A staging folder next to the bundle.

    Into a folder without a bundle (`patch=False`) the whole bundle is staged and renamed
    into place (swapped with the folder, when one is there). Into a bundle (`patch=True`)
    only the changed files are staged, side by side (`flat`); `commit` writes a journal,
    moves them over the old ones (manifest.json last) and deletes what went away, then
    drops the journal. A kill during that short step leaves the folder partly new,
    with the old manifest, until the next export rolls the journal forward (`recover`).
    """

    def __init__(self, out: Path, *, patch: bool = False) -> None:
        self.out = out
        self.patch = patch
        self.path = out.parent / f".{out.name}{STAGING_MARK}{os.getpid()}"
        self.written: list[str] = []
        self.deleted: list[str] = []
        self._dirs: set[str] = set()
        self._decided = False

    @property
    def flat(self) -> bool:
        """Whether files are staged side by side under their `staged_name`s (a patch's are:
        no folder is made for them or removed after; on some disks that costs more than
        the files)."""
        return self.patch

    def create(self) -> None:
        """Make the (empty) staging folder."""
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            if self.path.exists():
                shutil.rmtree(self.path)
            self.path.mkdir()
        except OSError as exc:
            self.discard()
            raise describe_os_error(exc, tr("preparing the staging folder")) from exc

    def write(self, relative: str, data: bytes) -> None:
        """Write one file into the staging folder."""
        with open(staged_path(self.path, relative, self.flat, self._dirs), "wb") as handle:
            handle.write(data)
        self.written.append(relative)

    def note_written(self, paths: list[str]) -> None:
        """Record files that a worker process wrote into the staging folder."""
        self.written.extend(paths)

    def remove(self, relative: str) -> None:
        """A file that the new bundle no longer has."""
        self.deleted.append(relative)

    def commit(self) -> None:
        """Put the new bundle in place."""
        try:
            if self.patch:
                mark = FLAT_JOURNAL_MARK if self.flat else JOURNAL_MARK
                journal = self.out.parent / f".{self.out.name}{mark}"
                data = {
                    "staging": self.path.name,
                    "flat": self.flat,
                    "write": self.written,
                    "delete": self.deleted,
                }
                partial = journal.with_name(journal.name + ".part")
                with open(partial, "w", encoding="utf-8") as handle:
                    json.dump(data, handle, ensure_ascii=False)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(partial, journal)
                self._decided = True  # from here on the change is rolled forward, not back
                _apply_journal(self.out, journal)
            elif self.out.exists():
                old = self.out.parent / f".{self.out.name}{OLD_MARK}{os.getpid()}"
                if _exchange(self.path, self.out):
                    os.rename(self.path, old)  # staging now holds the old bundle
                else:
                    os.rename(self.out, old)
                    os.rename(self.path, self.out)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.rename(self.path, self.out)
        except OSError as exc:
            raise describe_os_error(exc, tr("replacing the bundle")) from exc

    def discard(self) -> None:
        """Drop the staging folder, unless a journal already committed to its files."""
        if not self._decided:
            shutil.rmtree(self.path, ignore_errors=True)


def _apply_journal(out: Path, journal: Path) -> None:
    """Move a journal's staged files into the bundle and delete its removed files; then
    drop the journal and the staging folder. Safe to repeat after a kill."""
    data = json.loads(journal.read_text(encoding="utf-8"))
    staging = out.parent / data["staging"]
    flat = data.get("flat", False)  # (a journal of an older version: staged in folders)
    # manifest.json last: until it is in place the bundle describes itself as the old one
    for relative in sorted(data["write"], key=lambda path: path == MANIFEST):
        source = os.path.join(staging, staged_name(relative) if flat else relative)
        target = os.path.join(out, relative)
        try:
            os.replace(source, target)
        except FileNotFoundError:
            if not os.path.exists(source):
                continue  # moved in before a kill: the journal is being applied again
            os.makedirs(os.path.dirname(target), exist_ok=True)  # (a new folder)
            os.replace(source, target)
    for relative in data["delete"]:
        target = out / relative
        target.unlink(missing_ok=True)
        folder = target.parent
        while folder != out:
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent
    journal.unlink()
    shutil.rmtree(staging, ignore_errors=True)


def staged_path(staging: str | Path, relative: str, flat: bool, folders: set[str]) -> str:
    """Where a bundle file is staged: side by side under its `staged_name` (`flat`), or
    under its path, its folder made once (`folders`: those made so far)."""
    if flat:
        return os.path.join(staging, staged_name(relative))
    folder = os.path.dirname(relative)
    if folder and folder not in folders:
        os.makedirs(os.path.join(staging, folder), exist_ok=True)
        folders.add(folder)
    return os.path.join(staging, relative)


def staged_name(relative: str) -> str:
    """The name of a bundle file staged for a patch (`Staging.flat`): one name per path,
    of any length and depth of the path."""
    return hashlib.blake2b(relative.encode("utf-8"), digest_size=16).hexdigest()


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux renameat2(RENAME_EXCHANGE); False if unsupported."""
    import ctypes  # (with ctypes.util: imported by the swap alone, not by every export)
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def manifest_bytes(
    site_name: str,
    files: dict[str, tuple[str, int]],
    articles: dict[int, str],
    sections: dict,
    pages: dict,
) -> bytes:
    """manifest.json: every file's sha256 and size, and which page each article (`articles`
    by id), section and static page became.

    The same bytes as `json.dumps(data, ensure_ascii=False, separators=(",", ":"))`, with
    the two large maps (a site's every file and article) written entry by entry: several
    times faster than the generic encoder, which matters for small incremental exports."""
    return ManifestMemo(files).manifest(site_name, list(articles.items()), sections, pages)


class ManifestMemo:
    """The encoded entries of a bundle's manifest, kept by the running application so that
    the manifest of its next export into the same folder encodes only the files and article
    addresses that changed (`update`); the bytes are those `manifest_bytes` makes.

    `sha` names the manifest the entries belong to ("" while they are being changed): the
    memo stands for the next export only when the bundle's recorded manifest has that sha."""

    def __init__(self, files: dict[str, tuple[str, int]]) -> None:
        self.order = sorted(files)  # the manifest lists files by path
        self.entries = {path: _file_entry(path, *files[path]) for path in self.order}
        self.addresses: dict[int, tuple[str, str]] = {}  # article id -> (page, entry)
        self._listed: list[tuple[int, str]] = []  # the (id, page) pairs last encoded
        self._listed_text = ""  # and their text
        self.sha = ""

    def update(self, changed: dict[str, tuple[str, int]], removed: list[str]) -> None:
        """Files written or recorded again (path -> (sha256, size)), and files gone."""
        self.sha = ""
        order, entries = self.order, self.entries
        for path in removed:
            if entries.pop(path, None) is not None:
                del order[bisect.bisect_left(order, path)]
        for path, (sha, size) in changed.items():
            if path not in entries:
                bisect.insort(order, path)
            entries[path] = _file_entry(path, sha, size)

    def manifest(
        self, site_name: str, articles: list[tuple[int, str]], sections: dict, pages: dict
    ) -> bytes:
        """The manifest's bytes, with `articles` as (id, page) pairs in the manifest's
        order (newest first)."""
        file_entries = ",".join(map(self.entries.__getitem__, self.order))
        compact = {"ensure_ascii": False, "separators": (",", ":")}
        # (encoded piece by piece: one string of them all would be as wide as its widest
        # character, the site's Chinese name, and the site's every path encoded from that)
        pieces = [
            f'{{"generator":{encode_text(GENERATOR)},"site":{json.dumps(site_name, **compact)}'
            ',"files":{',
            file_entries,
            '},"articles":{',
            self._articles_text(articles),
            f'}},"sections":{json.dumps(sections, **compact)}'
            f',"pages":{json.dumps(pages, **compact)}}}',
        ]
        return b"".join(piece.encode("utf-8") for piece in pieces)

    def _articles_text(self, articles: list[tuple[int, str]]) -> str:
        """The entries of the manifest's article map: the last text again when the pairs
        are the last ones, or the last ones with new ones before them (new articles on
        top); else made entry by entry, each remembered by its page."""
        last, new = self._listed, len(articles) - len(self._listed)
        if last and new >= 0 and articles[new:] == last:
            text = self._listed_text
            if new:
                head = ",".join(self._entries(articles[:new]))
                text = f"{head},{text}" if text else head
        else:
            text = ",".join(self._entries(articles))
            known = self.addresses
            if len(known) > 2 * len(articles) + 100:  # (articles gone from the site)
                self.addresses = {aid: known[aid] for aid, _page in articles}
        self._listed, self._listed_text = articles, text
        return text

    def _entries(self, articles: list[tuple[int, str]]) -> list[str]:
        known, listed = self.addresses, []
        for aid, page in articles:
            entry = known.get(aid)
            if entry is None or entry[0] != page:
                entry = known[aid] = (page, f'"{aid:d}":{encode_text(page)}')
            listed.append(entry[1])
        return listed


def _file_entry(path: str, sha: str, size: int) -> str:
    return f'{encode_text(path)}:{{"sha256":{encode_text(sha)},"size":{int(size):d}}}'


def encode_text(value: str) -> str:
    """A string as JSON text, exactly as `json.dumps(value, ensure_ascii=False)`."""
    return _ENCODE_TEXT(value)


_ENCODE_TEXT = json.encoder.encode_basestring


class ZipWriteError(ExportError):
    """A zip could not be written (no partial file is left); the bundle is not affected."""


def write_zip(
    bundle: Path, zip_path: Path, paths: list[str] | None = None, deleted: list[str] | None = None
) -> int:
    """Zip the bundle (or only `paths`, plus deleted.txt listing `deleted`); returns the
    number of files stored. Written to `NAME.zip.part` first, which a marker beside the
    bundle names until the zip is complete (a kill leaves nothing the next export does
    not remove). Raises ZipWriteError."""
    import zipfile  # (imported by the exports that write a zip alone)

    bundle = Path(bundle)
    zip_path = Path(zip_path).resolve()
    partial = zip_path.with_name(zip_path.name + PART_SUFFIX)
    marker = bundle.parent / f".{bundle.name}{ZIP_PART_MARK}{os.getpid()}"
    count = 0
    try:
        marker.write_text(str(partial), encoding="utf-8")
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        # a delta (a few pages and the manifest) is zipped for an upload right away: the
        # fastest level costs a tenth more bytes and half the time
        level = 6 if paths is None else 1
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
            if paths is None:
                paths = sorted(
                    p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()
                )
            for relative in paths:
                archive.write(bundle / relative, relative)
                count += 1
            if deleted is not None:
                archive.writestr(DELETED_LIST, "".join(f"{p}\n" for p in sorted(deleted)))
        os.replace(partial, zip_path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        marker.unlink(missing_ok=True)
        raise ZipWriteError(
            tr(
                "{name} could not be written: {reason}{where}.",
                name=zip_path.name,
                reason=os_error_reason(exc),
                where=_where(exc),
            )
        ) from exc
    marker.unlink(missing_ok=True)
    return count
