"""What an export did (`ExportResult`), in a module of its own so that the quick answer
to an export with nothing to do (`editor.publish.quick`) needs none of the rendering code.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field


@dataclass
class ExportResult:
    """What an export did."""

    out: str
    written: int = 0
    unchanged: int = 0
    deleted: int = 0
    seconds: float = 0.0
    changed: int = 0  # files whose bytes differ from the previous export (the delta)
    rendered: int = 0
    full: bool = False
    zip_path: str | None = None
    delta_zip_path: str | None = None
    written_paths: list[str] = field(default_factory=list)
    deleted_paths: list[str] = field(default_factory=list)
    changed_paths: list[str] = field(default_factory=list)  # the delta zip's files
    phases: dict[str, float] = field(default_factory=dict)  # seconds per step
    # What the next export compares with (not part of `export --json`): the fingerprint of
    # this export's inputs ("" when a page was rendered from another moment of the site),
    # the manifest's SHA-256 and the number of outputs besides the manifest.
    run_key: str = ""
    manifest_sha: str = ""
    outputs: int = 0
    # pages a first pass left for the next export (`Exporter.run(first=True)`)
    pending: int = 0
    first: ExportResult | None = None  # that first pass, when the export made one

    def then(self, rest: ExportResult) -> ExportResult:
        """This first pass and the export `rest` that followed it, as one export (the
        first pass's figures are kept as `first`)."""
        written = sorted(set(self.written_paths) | set(rest.written_paths))
        changed = sorted(set(self.changed_paths) | set(rest.changed_paths))
        deleted = sorted(set(self.deleted_paths) | set(rest.deleted_paths))
        merged = dataclasses.replace(
            rest,
            written=len(written),
            written_paths=written,
            changed=len(changed),
            changed_paths=changed,
            deleted=len(deleted),
            deleted_paths=deleted,
            unchanged=rest.outputs + 1 - len(written),
            rendered=self.rendered + rest.rendered,
            seconds=self.seconds + rest.seconds,
            phases={
                name: round(self.phases.get(name, 0) + rest.phases.get(name, 0), 3)
                for name in {**self.phases, **rest.phases}
            },
        )
        merged.first = self
        return merged

    def as_dict(self) -> dict:
        """The `export --json` shape."""
        return {
            "out": self.out,
            "written": self.written,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "seconds": round(self.seconds, 3),
            "changed": self.changed,
            "rendered": self.rendered,
            "full": self.full,
            "zip": self.zip_path,
            "delta_zip": self.delta_zip_path,
            "phases": self.phases,
        }
