"""The quick answer to an incremental export with nothing to do.

An incremental export that finds nothing changed still loaded and fingerprinted the whole
site (`Catalog.signature`) to know it, after the program had imported its rendering code
and run the site's checks. This module answers first, from what is cheap to read:

- the site's change stamp (`editor.content.site_stamp.change_stamp`: a few small queries),
- the sizes and modification times of the theme's files (built-in and the site's own
  folder) and of the program's own modules (`code_stamp`),
- the bundle's manifest.json on disk, whose SHA-256 must be the one the last export wrote
  and recorded in the export state (so a bundle changed by anything else, or a database
  restored from a backup, goes the long way).

When all of these equal what the last complete export into the same folder left in its
quick record (`remember`, a small JSON file in the user's cache folder beside the export
sketch), the bundle is current: nothing is planned, checked or logged. Anything missing,
unreadable or different means "not known to be current", and the export runs as before.
Exports that ask for a zip always run as before (the zip must be written).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs

from editor.config import APP_AUTHOR, APP_NAME, resource
from editor.content.site_stamp import change_stamp, export_state_entry
from editor.publish.result import ExportResult

FORMAT = 1
MANIFEST = "manifest.json"
_PROGRAM = Path(__file__).resolve().parent.parent  # the editor package


def record_path(database: str, out_dir: str) -> Path:
    """The quick record of one database and bundle folder."""
    name = hashlib.blake2b(f"{database}\x1f{out_dir}".encode(), digest_size=16).hexdigest()
    folder = Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)) / "exports"
    return folder / f"{name}.quick.json"


def code_stamp(templates: str) -> str:
    """Sizes and modification times of every file that decides a page's bytes besides the
    database: the themes shipped with the program, the site's own templates folder and the
    program's modules (the executable itself when frozen)."""
    roots = [resource("themes")]
    if templates:
        roots.append(Path(templates).expanduser())
    if getattr(sys, "frozen", False):
        roots.append(Path(sys.executable))
    else:
        roots.append(_PROGRAM)
    entries = []
    for root in roots:
        try:
            if root.is_file():
                stat = root.stat()
                entries.append((str(root), stat.st_size, stat.st_mtime_ns))
                continue
        except OSError:
            entries.append((str(root), -1, -1))
            continue
        # the program's own editor/ui does not shape pages; a theme's or the site's templates
        # may hold a folder of that name (and symlinked folders, as the theme's glob follows)
        skipped = ("__pycache__", "ui") if root == _PROGRAM else ("__pycache__",)
        for folder, subfolders, files in os.walk(root, followlinks=root != _PROGRAM):
            subfolders[:] = sorted(d for d in subfolders if d not in skipped)
            for name in sorted(files):
                if name.endswith((".pyc", ".pyo")):
                    continue
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                entries.append((path, stat.st_size, stat.st_mtime_ns))
        if not entries or entries[-1][0] == str(root):
            entries.append((str(root), 0, 0))
    return hashlib.blake2b(repr(entries).encode(), digest_size=16).hexdigest()


def stamps(moment: datetime) -> tuple[str, str]:
    """(change stamp of the site at `moment`, code stamp) for the record of an export."""
    stamp = change_stamp(moment)
    return stamp.key, code_stamp(stamp.templates)


def _manifest_sha(out: Path) -> str | None:
    try:
        with open(out / MANIFEST, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def _pending_work(out: Path) -> bool:
    """An interrupted export left a journal, a staging folder or an old bundle beside the
    folder: the long way tidies it up."""
    try:
        names = os.listdir(out.parent)
    except OSError:
        return True
    prefix = f".{out.name}."
    return any(name.startswith(prefix) for name in names)


def unchanged(
    workspace: Any,
    out_dir: str | Path,
    site_stamps: tuple[str, str],
    progress: Callable | None = None,
) -> ExportResult | None:
    """The result of an incremental export into `out_dir` when the bundle there is known to
    be current (see the module docstring); None when the export has to run. `site_stamps`
    are `stamps()` of now."""
    started = time.perf_counter()
    out = Path(out_dir).expanduser().resolve()
    try:
        with open(record_path(workspace.target.location, str(out)), encoding="utf-8") as handle:
            record = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        return None
    if site_stamps != (record.get("stamp"), record.get("code")):
        return None  # (first: after an edit, reading the manifest back is not needed)
    if _pending_work(out) or _manifest_sha(out) != record.get("manifest_sha"):
        return None
    entry = export_state_entry(str(out), MANIFEST)
    if entry is None or entry[0] != record.get("run_key") or entry[1] != record["manifest_sha"]:
        return None
    if progress is not None:
        progress(1, 1, "nothing changed")
    result = ExportResult(out=str(out), unchanged=int(record.get("outputs", 0)) + 1)
    result.run_key, result.manifest_sha = entry[0], entry[1]
    result.outputs = int(record.get("outputs", 0))
    result.seconds = time.perf_counter() - started
    return result


def remember(workspace: Any, result: ExportResult, site_stamps: tuple[str, str]) -> None:
    """Keep the quick record of a complete export (`site_stamps` taken before it read the
    site); an export whose pages came from another moment of the site forgets it. Written
    whole or not at all; a failure only costs speed."""
    path = record_path(workspace.target.location, result.out)
    if not result.run_key or not result.manifest_sha:
        forget(path)
        return
    record = {
        "format": FORMAT,
        "stamp": site_stamps[0],
        "code": site_stamps[1],
        "run_key": result.run_key,
        "manifest_sha": result.manifest_sha,
        "outputs": result.outputs,
    }
    partial = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", dir=path.parent, prefix=path.name, suffix=".part", delete=False
        ) as handle:
            partial = handle.name
            json.dump(record, handle)
        os.replace(partial, path)
    except OSError:
        if partial is not None:
            Path(partial).unlink(missing_ok=True)
        forget(path)


def forget(path: Path) -> None:
    """Drop a quick record (the next export runs)."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass
