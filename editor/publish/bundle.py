"""The bundle folder on disk: staging, atomic swap, manifest and zips.

An export never writes into the live bundle. It fills a staging folder next to it (a full
export starts empty; an incremental one starts as hard links to the current files, so only
changed files cost a write), then swaps staging and bundle in one step (`renameat2` with
RENAME_EXCHANGE on Linux, two renames elsewhere). A failure or a kill before the swap leaves
the previous bundle untouched; leftovers are cleaned up by the next export.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import json
import os
import shutil
import zipfile
from pathlib import Path

from editor.errors import NewsdeskError

MANIFEST = "manifest.json"
GENERATOR = "Newsdesk"
STAGING_MARK = ".staging-"
OLD_MARK = ".old-"
DELETED_LIST = "deleted.txt"


class ExportError(NewsdeskError):
    """The bundle could not be written (disk full, no permission…); the old one stays."""


def describe_os_error(exc: OSError, action: str) -> ExportError:
    """A clear message for a failed write."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EACCES: "permission denied",
        errno.EPERM: "the operation is not permitted",
        errno.EROFS: "the disk is read-only",
        errno.ENAMETOOLONG: "a file name is too long",
    }
    reason = reasons.get(exc.errno, exc.strerror or str(exc))
    where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
    return ExportError(
        f"Export failed while {action}: {reason}{where}. The previous bundle was left as it was."
    )


def _siblings(out: Path, mark: str) -> list[Path]:
    parent = out.parent
    if not parent.is_dir():
        return []
    prefix = f".{out.name}{mark}"
    return [p for p in parent.iterdir() if p.name.startswith(prefix)]


def recover(out: Path) -> None:
    """Tidy up after an export that was killed: bring back a bundle caught mid-swap and
    remove stale staging folders."""
    olds = _siblings(out, OLD_MARK)
    if not out.exists() and olds:
        os.rename(olds[0], out)
        olds = olds[1:]
    for leftover in [*olds, *_siblings(out, STAGING_MARK)]:
        shutil.rmtree(leftover, ignore_errors=True)


def is_bundle(out: Path) -> bool:
    """Whether a folder holds a bundle this program wrote."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("generator") == GENERATOR


def check_target(out: Path) -> bool:
    """Refuse to replace a folder that holds something else; True if a bundle is there."""
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file, not a folder: choose a folder to export into.")
    if not out.exists():
        return False
    if is_bundle(out):
        return True
    if any(out.iterdir()):
        raise ExportError(
            f"{out} is not empty and holds no Newsdesk bundle: choose an empty folder "
            "(an export replaces the folder's contents)."
        )
    return False


class Staging:
    """A staging folder next to the bundle."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = out.parent / f".{out.name}{STAGING_MARK}{os.getpid()}"
        self._dirs: set[str] = set()

    def create(self, link_from: Path | None = None, skip: set[str] | None = None) -> set[str]:
        """Make the folder; with `link_from`, hard-link every file of that bundle into it
        (copy where the file system has no hard links), except the paths in `skip`.
        Returns the paths linked."""
        linked: set[str] = set()
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            if self.path.exists():
                shutil.rmtree(self.path)
            self.path.mkdir()
            if link_from is None:
                return linked
            skip = skip or set()
            base = str(link_from)
            cut = len(base) + 1
            for folder, dirs, files in os.walk(base):
                relative = folder[cut:]
                target = os.path.join(self.path, relative) if relative else str(self.path)
                if relative:
                    os.mkdir(target)
                    self._dirs.add(relative)
                for name in files:
                    rel = f"{relative}/{name}" if relative else name
                    if rel in skip:
                        continue
                    source = os.path.join(folder, name)
                    linked.add(rel)
                    try:
                        os.link(source, os.path.join(target, name))
                    except OSError as exc:
                        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES):
                            raise
                        shutil.copy2(source, os.path.join(target, name))
        except OSError as exc:
            self.discard()
            raise describe_os_error(exc, "preparing the staging folder") from exc
        return linked

    def write(self, relative: str, data: bytes) -> None:
        """Write one file (replacing any hard link to the old bundle's copy)."""
        target = os.path.join(self.path, relative)
        folder = os.path.dirname(relative)
        if folder and folder not in self._dirs:
            os.makedirs(os.path.join(self.path, folder), exist_ok=True)
            self._dirs.add(folder)
        try:
            os.unlink(target)
        except FileNotFoundError:
            pass
        with open(target, "wb") as handle:
            handle.write(data)

    def copy_in(self, relative: str, source: Path) -> None:
        """Copy a file (a theme's static file) into the bundle."""
        self.write(relative, source.read_bytes())

    def remove(self, relative: str) -> None:
        """Delete a file that the new bundle no longer has, and its emptied folders."""
        target = self.path / relative
        target.unlink(missing_ok=True)
        folder = target.parent
        while folder != self.path:
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent

    def commit(self) -> None:
        """Put the staging folder in the bundle's place, in one step where possible."""
        try:
            if self.out.exists():
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
            raise describe_os_error(exc, "replacing the bundle") from exc

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux renameat2(RENAME_EXCHANGE); False if unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def manifest_bytes(site_name: str, files: dict[str, tuple[str, int]], articles: dict,
                   sections: dict, pages: dict) -> bytes:
    """manifest.json: every file's sha256 and size, and which page each article, section
    and static page became."""
    data = {
        "generator": GENERATOR,
        "site": site_name,
        "files": {path: {"sha256": sha, "size": size} for path, (sha, size) in sorted(files.items())},
        "articles": articles,
        "sections": sections,
        "pages": pages,
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False).encode("utf-8")


def write_zip(bundle: Path, zip_path: Path, paths: list[str] | None = None,
              deleted: list[str] | None = None) -> int:
    """Zip the bundle (or only `paths`, plus deleted.txt listing `deleted`); returns the
    number of files stored. Written to a temporary name first."""
    zip_path = Path(zip_path).resolve()
    partial = zip_path.with_name(zip_path.name + ".part")
    count = 0
    try:
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
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
        raise describe_os_error(exc, f"writing {zip_path.name}") from exc
    return count
