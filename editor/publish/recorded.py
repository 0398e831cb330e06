"""What the last export into a folder recorded, kept in memory by the running application.

An incremental export compares what it plans with the export state of its folder
(path -> fingerprint, sha256, size: `catalog.load_export_state`), and writes a manifest of
every file. On a big site reading the state back and encoding the manifest whole cost more
than the few pages an edit changes. The application's publisher keeps both from one export
to the next (`Recorded`): the rows as recorded, the outputs they stand for, and the
manifest's encoded entries (`bundle.ManifestMemo`).

They stand for the folder only while the export state's manifest row is still the one this
process recorded (`current`): an export by another process or workstation into the same
folder that changed anything records another row (another run key or manifest), and the
state is read again; one that changed nothing records the same rows.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from editor.publish.bundle import MANIFEST, ManifestMemo
from editor.publish.kinds import Output

Row = tuple[str, str, int]  # (fingerprint, sha256, size)


class Recorded:
    """The export state of one folder as this process recorded it."""

    def __init__(self, rows: dict[str, Row]) -> None:
        self.rows = rows  # path -> (fingerprint, sha256, size), manifest.json included
        self.manifest: ManifestMemo | None = None  # the entries of the recorded manifest
        self._kept: dict[str, Output] | None = None

    def current(self, entry: Row | None) -> bool:
        """Whether the manifest row recorded now (`entry`) is the one this process
        recorded last, with a run key (a run that read a moving site records none)."""
        mine = self.rows.get(MANIFEST)
        return entry is not None and bool(entry[0]) and mine is not None and tuple(entry) == mine

    def kept(self) -> dict[str, Output]:
        """Every recorded output but the manifest, as planned from the record ("kept")."""
        if self._kept is None:
            self._kept = {
                path: Output(path, row[0], "kept")
                for path, row in self.rows.items()
                if path != MANIFEST
            }
        return self._kept

    def manifest_for(self, sha: str | None) -> ManifestMemo | None:
        """The manifest's entries when they are those of the manifest with this sha."""
        memo = self.manifest
        return memo if memo is not None and sha and memo.sha == sha else None

    def record(
        self, rows: Iterable[tuple[str, str, str, int]], removed: Iterable[str], *, whole: bool
    ) -> None:
        """What `catalog.save_export_state` recorded: (path, fingerprint, sha256, size)
        rows and removed paths; `whole` when the rows replaced the record."""
        if whole:
            self.rows, self._kept = {}, None
        state, kept = self.rows, self._kept
        for path in removed:
            state.pop(path, None)
            if kept is not None:
                kept.pop(path, None)
        for path, fingerprint, sha, size in rows:
            state[path] = (fingerprint, sha, size)
            if kept is not None and path != MANIFEST:
                kept[path] = Output(path, fingerprint, "kept")


def verified_shas(out: Path, previous: dict) -> dict[str, str]:
    """Recorded hashes of files still on disk with their recorded size (others rewrite)."""
    kept = {}
    for path, (_fingerprint, sha, size) in previous.items():
        try:
            if os.stat(out / path).st_size == size:
                kept[path] = sha
        except OSError:
            continue
    return kept


class RecordedShas:
    """The recorded sha256 of each path of an export state (`get` alone: what the export
    asks of it), without copying ten thousand of them out."""

    __slots__ = ("_rows",)

    def __init__(self, rows: dict[str, tuple[str, str, int]]) -> None:
        self._rows = rows

    def get(self, path: str, default: str | None = None) -> str | None:
        row = self._rows.get(path)
        return default if row is None else row[1]
