"""Golden export: the demo site, exported on a fixed clock, compared file by file with the
reference files in tests/publish/golden/.

Any change in what an export writes shows here, so a refactor of editor/publish/ that
claims to change nothing can prove it. When an output change is intended (a template, the
theme's CSS, a new field on the article page), regenerate the reference files on purpose
and commit them with the change:

    make golden
    # or: NEWSDESK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/publish/test_golden.py

What is kept: every text file of the bundle (pages, feeds, sitemap, robots.txt and the
manifest, pretty-printed) under golden/demo/, and the SHA-256 of every file (images and
theme files included) in golden/demo.sha256. What is masked: the dates that follow the
real clock of the save (sitemap `<lastmod>`) and, in the manifest, the checksum and size
of the files that hold them. The demo's dates ("days ago") and the export moment are read
from a fixed clock, so article paths, RSS dates and the copyright year never drift; the
time zone is UTC.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import time
from datetime import datetime
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
REFERENCE = GOLDEN / "demo"
CHECKSUMS = GOLDEN / "demo.sha256"
UPDATE_ENV = "NEWSDESK_UPDATE_GOLDEN"
FIXED_NOW = datetime(2026, 3, 15, 10, 30)
TEXT_SUFFIXES = {".html", ".xml", ".txt", ".json"}
# the clock's modules: the demo's "days ago" and the export's moment
CLOCK_MODULES = ("editor.content.demo", "editor.publish.export")
MASKS = [
    (re.compile(r"<lastmod>\d{4}-\d{2}-\d{2}</lastmod>"), "<lastmod>(date)</lastmod>"),
]
MASKED = "(masked)"
REGENERATE = (
    "If this change of output is intended (a template, the theme, a new article field), "
    "regenerate the reference files with `make golden` (or NEWSDESK_UPDATE_GOLDEN=1 "
    ".venv/bin/python -m pytest tests/publish/test_golden.py), look at `git diff "
    "tests/publish/golden` and commit them with the change."
)


class _FixedClock(datetime):
    """`datetime` whose now() is FIXED_NOW (and returns a plain datetime)."""

    @classmethod
    def now(cls, tz=None):
        return FIXED_NOW if tz is None else FIXED_NOW.replace(tzinfo=tz)


@pytest.fixture
def fixed_clock(monkeypatch):
    """Demo dates and the export moment from FIXED_NOW, local time UTC."""
    import importlib

    for name in CLOCK_MODULES:
        monkeypatch.setattr(importlib.import_module(name), "datetime", _FixedClock)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield FIXED_NOW
    monkeypatch.undo()
    time.tzset()


def _mask(data: bytes) -> bytes:
    text = data.decode("utf-8")
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    return text.encode("utf-8")


def normalized_bundle(out: Path) -> dict[str, bytes]:
    """path -> bytes of every file, masked; the manifest checked against the files and
    pretty-printed (a readable diff), with the checksums of masked files masked."""
    files = {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }
    masked: set[str] = set()
    result: dict[str, bytes] = {}
    for path, data in files.items():
        if Path(path).suffix in TEXT_SUFFIXES and path != "manifest.json":
            result[path] = _mask(data)
            if result[path] != data:
                masked.add(path)
        else:
            result[path] = data
    raw = files["manifest.json"]
    manifest = json.loads(raw)
    # the manifest's own bytes: compact JSON in this key order, every entry true
    assert raw == json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).encode()
    assert set(manifest["files"]) == set(files) - {"manifest.json"}
    for path, entry in manifest["files"].items():
        assert entry == {
            "sha256": hashlib.sha256(files[path]).hexdigest(),
            "size": len(files[path]),
        }
        if path in masked:
            manifest["files"][path] = {"sha256": MASKED, "size": MASKED}
    result["manifest.json"] = (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode()
    return result


def _checksums(files: dict[str, bytes]) -> str:
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {path}\n" for path, data in files.items())


def _is_text(path: str) -> bool:
    return Path(path).suffix in TEXT_SUFFIXES


def write_reference(files: dict[str, bytes]) -> None:
    """Replace the reference files with this export."""
    if REFERENCE.exists():
        for old in sorted(REFERENCE.rglob("*"), reverse=True):
            old.unlink() if old.is_file() else old.rmdir()
    for path, data in files.items():
        if _is_text(path):
            target = REFERENCE / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    CHECKSUMS.write_text(_checksums(files), encoding="utf-8")


def differences(files: dict[str, bytes]) -> list[str]:
    """What differs from the reference files, as readable lines (empty: identical)."""
    expected_sums = {}
    for line in CHECKSUMS.read_text(encoding="utf-8").splitlines():
        sha, path = line.split("  ", 1)
        expected_sums[path] = sha
    problems = []
    missing = sorted(set(expected_sums) - set(files))
    extra = sorted(set(files) - set(expected_sums))
    if missing:
        problems.append(f"missing from the export: {', '.join(missing)}")
    if extra:
        problems.append(f"not in the reference files: {', '.join(extra)}")
    changed = [
        path
        for path in files
        if path in expected_sums and hashlib.sha256(files[path]).hexdigest() != expected_sums[path]
    ]
    if changed:
        problems.append(f"{len(changed)} file(s) differ: {', '.join(changed)}")
    shown = 0
    for path in changed:
        reference = REFERENCE / path
        if not _is_text(path) or not reference.is_file() or shown >= 3:
            continue
        shown += 1
        diff = difflib.unified_diff(
            reference.read_text(encoding="utf-8").splitlines(),
            files[path].decode("utf-8").splitlines(),
            f"golden/demo/{path}",
            f"export/{path}",
            lineterm="",
        )
        problems.append("\n".join(list(diff)[:40]))
    return problems


def test_demo_export_matches_the_reference_files(site_location, fixed_clock, tmp_path):
    from editor.content.demo import load_demo
    from editor.workspace import Workspace

    workspace = Workspace.open(site_location, create=True, user="tester")
    try:
        with workspace.edit():
            load_demo(workspace)
        out = tmp_path / "site"
        workspace.publisher.export(out, workers=1)
        files = normalized_bundle(out)
    finally:
        workspace.close()
    assert any(path.endswith(".html") and "/20" in path for path in files)  # articles exist
    if os.environ.get(UPDATE_ENV):
        if not site_location.startswith("postgresql"):
            write_reference(files)
        return
    assert CHECKSUMS.is_file(), "No reference files yet. " + REGENERATE
    problems = differences(files)
    assert not problems, "The demo export differs from tests/publish/golden:\n\n" + (
        "\n\n".join(problems) + "\n\n" + REGENERATE
    )


def test_reference_files_cover_every_text_file():
    """The reference folder holds exactly the text files the checksum list names."""
    listed = {line.split("  ", 1)[1] for line in CHECKSUMS.read_text(encoding="utf-8").splitlines()}
    stored = {p.relative_to(REFERENCE).as_posix() for p in REFERENCE.rglob("*") if p.is_file()}
    assert stored == {path for path in listed if _is_text(path)}
    assert {"index.html", "rss.xml", "sitemap.xml", "manifest.json", "404.html"} <= stored
