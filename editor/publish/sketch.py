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

A sketch is written whole, then, while the articles whose entries changed since are at most
`PATCH_SHARE` of the site, as a patch beside it (everything but the articles, and those
articles' entries): a new article writes a few kilobytes instead of a megabyte. Reading
takes the patch when it was made on the whole copy that is there.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from editor.config import APP_AUTHOR, APP_NAME
from editor.publish.context import digest

FORMAT = 5
PATCH_SHARE = 0.05  # of the articles, beyond which a sketch is written whole again


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
    # a first pass's sketch (`Exporter.run(first=True)`): the versions it read of the
    # articles it planned as edited (None: not visible), whose entries are the last
    # export's; the next export plans from it only while they are still those
    first_pass: dict[int, int | None] | None = None
    format: int = FORMAT
    # how this sketch stands to the whole copy on disk: that copy's run key ("" none) and
    # the articles whose entries may differ from it (None: any may); pickled as "" and
    # None, then set by `save_sketch` and `load_sketch` from what the disk holds
    base: str = ""
    touched: set[int] | None = None


def sketch_path(database: str, out_dir: str) -> Path:
    """The sketch file of one database and bundle folder."""
    folder = Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)) / "exports"
    return folder / f"{digest(database, out_dir)}.pickle"


def patch_path(database: str, out_dir: str) -> Path:
    """The patch of the sketch file (see the module docstring)."""
    path = sketch_path(database, out_dir)
    return path.with_name(f"{path.stem}.patch.pickle")


def load_sketch(database: str, out_dir: str) -> ExportSketch | None:
    """The sketch left by the last export, or None."""
    try:
        with open(sketch_path(database, out_dir), "rb") as handle:
            sketch = pickle.load(handle)
    except Exception:  # missing, partial or from another version: plan everything
        return None
    if not isinstance(sketch, ExportSketch) or getattr(sketch, "format", None) != FORMAT:
        return None
    sketch.base, sketch.touched = sketch.run_key, set()
    try:
        with open(patch_path(database, out_dir), "rb") as handle:
            kept_format, base, shell, changes = pickle.load(handle)
    except Exception:  # none (or unreadable): the whole copy is the last one written
        return sketch
    if kept_format != FORMAT or base != sketch.run_key or not isinstance(shell, ExportSketch):
        return sketch  # (a patch of an earlier whole copy: the whole copy is newer)
    articles = sketch.articles
    for aid, entry in changes.items():
        if entry is None:
            articles.pop(aid, None)
        else:
            articles[aid] = entry
    shell.articles, shell.base, shell.touched = articles, base, set(changes)
    return shell


def save_sketch(
    database: str,
    out_dir: str,
    sketch: ExportSketch,
    prior: ExportSketch | None = None,
    changed: set[int] | None = None,
) -> None:
    """Keep the sketch (written whole or not at all; a failure only costs speed). `prior`
    is the sketch it was made from, `changed` the articles whose entries differ from it:
    with both, it is written as a patch of the whole copy `prior` stands on while that
    stays small. Sets the sketch's `base` and `touched` to what the disk then holds."""
    sketch.base, sketch.touched = "", None
    if prior is not None and prior.base and prior.touched is not None and changed is not None:
        touched = prior.touched | changed
        if len(touched) <= PATCH_SHARE * len(sketch.articles):
            shell = dataclasses.replace(sketch, articles={})
            changes = {aid: sketch.articles.get(aid) for aid in touched}
            if dump_whole(patch_path(database, out_dir), (FORMAT, prior.base, shell, changes)):
                sketch.base, sketch.touched = prior.base, touched
            else:
                forget_sketch(database, out_dir)
            return
    if dump_whole(sketch_path(database, out_dir), sketch):
        _unlink(patch_path(database, out_dir))
        sketch.base, sketch.touched = sketch.run_key, set()
    else:
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
    _unlink(patch_path(database, out_dir))
    _unlink(sketch_path(database, out_dir))


def _unlink(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass
