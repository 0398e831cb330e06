"""What an export leaves for the next one into the same folder, so that an incremental
export plans only what the edits since then can have changed (`editor.publish.delta`).

Planning fingerprints every output (a page's related news alone costs a merge per
article): most of the time of a small incremental export of a large site. Yet when the
catalog differs from the last export only in its articles (the `Catalog.frame_signature`
is unchanged: no setting, section, partner, static page or image changed, and no 来源,
person or tag was renamed or removed), only the pages that show an added, removed or edited article can change. The
sketch records what is needed to find them: the frame key of that export, each article's
version, section, tags, page and whether it shows stored images, the hot-ranking keys, the
manifest's section and page maps and the number of outputs.

It lives in the user's cache folder (one file per database and bundle folder) and is only
trusted when the export state recorded in the database says the last export into that
folder is the one that wrote it (`run_key`, the manifest's fingerprint there). Anything
unexpected (missing, unreadable, another format) means "no sketch": the export plans
everything, as it would without one.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from editor.config import APP_AUTHOR, APP_NAME
from editor.publish.context import digest

FORMAT = 3


@dataclass
class ExportSketch:
    """The last export into one folder, as the next export needs to know it."""

    run_key: str  # the manifest fingerprint that export recorded
    frame_key: str  # frame signature of its catalog with theme, renderer and year
    # article id -> (version, section id, tags, page path, shows stored images, what other
    # pages show of it: `delta.shown_key`)
    articles: dict[int, tuple] = field(default_factory=dict)
    hot_keys: dict = field(default_factory=dict)  # top-level section (None: site) -> key
    # "sources", "people", "tags" -> (highest id, digest of the rows up to it): rows added
    # since show only on saved (so re-versioned) articles; renamed or removed ones anywhere
    names: dict = field(default_factory=dict)
    sections: dict[str, list[str]] = field(default_factory=dict)  # manifest maps
    pages: dict[str, str] = field(default_factory=dict)
    total: int = 0  # outputs, manifest.json excluded
    format: int = FORMAT


def sketch_path(database: str, out_dir: str) -> Path:
    """The sketch file of one database and bundle folder."""
    folder = Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)) / "exports"
    return folder / f"{digest(database, out_dir)}.pickle"


def load_sketch(database: str, out_dir: str) -> ExportSketch | None:
    """The sketch left by the last export, or None."""
    try:
        with open(sketch_path(database, out_dir), "rb") as handle:
            sketch = pickle.load(handle)
    except Exception:  # missing, partial or from another version: plan everything
        return None
    if not isinstance(sketch, ExportSketch) or getattr(sketch, "format", None) != FORMAT:
        return None
    return sketch


def save_sketch(database: str, out_dir: str, sketch: ExportSketch) -> None:
    """Keep the sketch (written whole or not at all; a failure only costs speed)."""
    if not dump_whole(sketch_path(database, out_dir), sketch):
        forget_sketch(database, out_dir)


def dump_whole(path: Path, value: object) -> bool:
    """Pickle `value` into `path`, whole or not at all; False when it could not be written
    (a full disk, a read-only cache folder: the caller drops what it had there)."""
    partial = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "wb", dir=path.parent, prefix=path.name, suffix=".part", delete=False
        ) as handle:
            partial = handle.name
            pickle.dump(value, handle, protocol=5)
        os.replace(partial, path)
    except OSError:
        if partial is not None:
            Path(partial).unlink(missing_ok=True)
        return False
    return True


def forget_sketch(database: str, out_dir: str) -> None:
    """Drop the sketch (the next export plans everything)."""
    try:
        sketch_path(database, out_dir).unlink(missing_ok=True)
    except OSError:
        pass
