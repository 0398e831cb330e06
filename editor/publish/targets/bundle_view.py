"""The exported bundle as a publish sees it: every file with its sha256 and size (read from
the bundle's manifest.json, so nothing is hashed again), and the groups of the in-place
upload order."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from editor.errors import NewsdeskError
from editor.i18n import tr
from editor.publish.bundle import MANIFEST, is_bundle

# in-place upload order: a page never goes live before what it shows
GROUPS = ("assets", "new articles", "changed articles", "lists", "home", "feeds", "manifest")
HOME = "index.html"
FEEDS_SUFFIXES = (".xml",)
FEEDS_NAMES = ("robots.txt",)


@dataclass
class LocalBundle:
    """A bundle folder and what its manifest says."""

    folder: Path
    files: dict[str, tuple[str, int]]  # manifest.json included
    articles: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, folder: str | Path) -> LocalBundle:
        """Read the bundle at `folder`; raises when it is not a Newsdesk bundle."""
        folder = Path(folder)
        if not is_bundle(folder):
            raise NewsdeskError(tr("{folder} holds no exported site.", folder=folder))
        raw = (folder / MANIFEST).read_bytes()
        data = json.loads(raw.decode("utf-8"))
        files = {
            path: (entry["sha256"], int(entry["size"]))
            for path, entry in data.get("files", {}).items()
        }
        files[MANIFEST] = (hashlib.sha256(raw).hexdigest(), len(raw))
        articles = {str(url) for url in data.get("articles", {}).values()}
        return cls(folder, files, articles)

    def group_of(self, path: str, remote: dict) -> int:
        """The index in GROUPS of a file to send."""
        if path == MANIFEST:
            return 6
        if path == HOME:
            return 4
        if path.endswith(FEEDS_SUFFIXES) or path in FEEDS_NAMES:
            return 5
        if path in self.articles:
            return 2 if path in remote else 1
        if path.endswith(".html"):
            return 3
        return 0

    def ordered(self, paths, remote: dict) -> list[tuple[str, list[str]]]:
        """`paths` in groups, in upload order (empty groups left out)."""
        grouped: list[list[str]] = [[] for _ in GROUPS]
        for path in paths:
            grouped[self.group_of(path, remote)].append(path)
        return [(GROUPS[i], sorted(group)) for i, group in enumerate(grouped) if group]


def group_label(group: str) -> str:
    """The name of an upload group in the message language."""
    labels = {
        "assets": tr("assets"),
        "new articles": tr("new articles"),
        "changed articles": tr("changed articles"),
        "lists": tr("lists"),
        "home": tr("home page"),
        "feeds": tr("feeds and sitemap"),
        "manifest": tr("manifest"),
    }
    return labels.get(group, group)


def snapshot(bundle: LocalBundle, snapshots: Path, release: str, keep: int) -> None:
    """Keep the published files on this computer (hard links) for an in-place rollback,
    the newest `keep` releases."""
    target = snapshots / release
    if target.resolve() == bundle.folder.resolve():
        return
    if not target.exists():
        partial = snapshots / f".{release}.part"
        shutil.rmtree(partial, ignore_errors=True)
        for path in bundle.files:
            out = partial / path
            out.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(bundle.folder / path, out)
            except OSError:
                shutil.copyfile(bundle.folder / path, out)
        os.replace(partial, target)
    kept = sorted(p.name for p in snapshots.iterdir() if not p.name.startswith("."))
    for old in kept[:-keep]:
        if old != release:
            shutil.rmtree(snapshots / old, ignore_errors=True)
