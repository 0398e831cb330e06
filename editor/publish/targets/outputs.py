"""The upload-target protocol: where an exported bundle goes.

Every output takes the bundle an export left (`ExportedBundle`: the folder and what the
export changed) and delivers it somewhere, returning a `Delivery`. Today's outputs are its
first implementations — the export folder itself, the whole-bundle zip and the delta zip —
and a publish target on a host (`HostTarget`, SFTP, FTP(S), S3 or a mounted folder) is the
next one. The zips are written by `editor.publish.bundle.write_zip`, byte for byte as
`newsdesk export --zip/--delta-zip` always wrote them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from editor.publish import bundle as bundle_files


@dataclass
class ExportedBundle:
    """A bundle folder and the delta of the export that wrote it."""

    folder: Path
    changed: list[str] = field(default_factory=list)  # files whose bytes changed
    deleted: list[str] = field(default_factory=list)
    export: object | None = None  # the ExportResult, when this process exported

    @classmethod
    def from_export(cls, result) -> ExportedBundle:
        """The bundle an `ExportResult` describes."""
        return cls(Path(result.out), list(result.changed_paths), list(result.deleted_paths), result)


@dataclass
class Delivery:
    """What an output did with a bundle."""

    output: str  # "folder", "zip", "delta-zip", or the host target's name
    location: str
    files: int = 0
    detail: object | None = None  # a host target's PublishResult

    def as_dict(self) -> dict:
        """JSON-ready values."""
        return {"output": self.output, "location": self.location, "files": self.files}


@runtime_checkable
class UploadTarget(Protocol):
    """Anything a bundle can be delivered to."""

    kind: str

    def deliver(
        self,
        bundle: ExportedBundle,
        *,
        dry_run: bool = False,
        progress: Callable | None = None,
        cancel=None,
    ) -> Delivery:
        """Deliver the bundle; a dry run says what would happen and changes nothing."""
        ...


class FolderOutput:
    """The export folder itself: exporting writes it (`produce`); delivering it is done."""

    kind = "folder"

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder).expanduser().resolve()

    def produce(
        self, workspace, *, full: bool = False, progress=None, cancel=None
    ) -> ExportedBundle:
        """Export the site into the folder (incremental unless `full`)."""
        result = workspace.publisher.export(
            self.folder, full=full, progress=progress, cancel=cancel
        )
        return ExportedBundle.from_export(result)

    def deliver(self, bundle, *, dry_run=False, progress=None, cancel=None) -> Delivery:
        """The bundle is in place once exported into this folder."""
        count = sum(1 for p in bundle.folder.rglob("*") if p.is_file())
        return Delivery(self.kind, str(bundle.folder), count)


class ZipOutput:
    """The whole bundle as one zip file."""

    kind = "zip"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def deliver(self, bundle, *, dry_run=False, progress=None, cancel=None) -> Delivery:
        """Write the zip (under a temporary name first)."""
        location = str(self.path.resolve())
        if dry_run:
            return Delivery(self.kind, location)
        if progress is not None:
            progress("writing the zip", 0, 1, 0, 0)
        count = bundle_files.write_zip(bundle.folder, self.path)
        return Delivery(self.kind, location, count)


class DeltaZipOutput:
    """The files the last export changed, plus deleted.txt listing what it removed."""

    kind = "delta-zip"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def deliver(self, bundle, *, dry_run=False, progress=None, cancel=None) -> Delivery:
        """Write the delta zip."""
        location = str(self.path.resolve())
        if dry_run:
            return Delivery(self.kind, location, len(bundle.changed))
        count = bundle_files.write_zip(
            bundle.folder, self.path, paths=sorted(bundle.changed), deleted=bundle.deleted
        )
        return Delivery(self.kind, location, count)
