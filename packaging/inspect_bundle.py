"""Checks on a built bundle that need no window: contents, leaks of build paths, screenshots.

    inspect_bundle.py bundle DIR VERSION [--forbid PATH]...   the unpacked newsdesk/ folder
    inspect_bundle.py screenshot PNG                           a window picture is not blank

Exit code 1 with one line per problem on stderr. Runs with the build machine's Python
(PyInstaller reads the executable's embedded archive, Pillow reads the PNG).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REQUIRED_FILES = (
    "newsdesk",
    "INSTALL.txt",
    "install.sh",
    "share/applications/newsdesk.desktop",
    "share/icons/hicolor/scalable/apps/newsdesk.svg",
    *(f"share/icons/hicolor/{n}x{n}/apps/newsdesk.png" for n in (16, 32, 48, 64, 128, 256, 512)),
    "_internal/resources/themes",
    "_internal/resources/demo/site.json",
    "_internal/resources/rich_editor/editor.html",
    "_internal/resources/rich_editor/editor.js",
    "_internal/resources/rich_editor/THIRD_PARTY_LICENSES.txt",
    "_internal/PySide6/Qt/libexec/QtWebEngineProcess",
    "_internal/PySide6/Qt/resources/qtwebengine_resources.pak",
    "_internal/PySide6/Qt/translations/qtbase_zh_CN.qm",
    "_internal/PySide6/Qt/translations/qtwebengine_locales/zh-CN.pak",
    "_internal/PySide6/Qt/translations/qtwebengine_locales/en-US.pak",
    "_internal/PySide6/Qt/plugins/platforms/libqxcb.so",
    "_internal/PySide6/Qt/plugins/platforms/libqwayland.so",
    "_internal/PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
)
# Parts the trimming removes; their return means bundle_filters stopped working.
UNWANTED_GLOBS = (
    "_internal/PySide6/Qt/qml",
    "_internal/PySide6/Qt/lib/libQt63D*",
    "_internal/PySide6/Qt/lib/libQt6Multimedia*",
    "_internal/PySide6/Qt/lib/libQt6Charts*",
    "_internal/PySide6/Qt/translations/qtbase_de.qm",
    "_internal/PySide6/Qt/translations/qtwebengine_locales/de.pak",
    "_internal/PySide6/Qt/resources/qtwebengine_devtools_resources.pak",
    "_internal/tkinter",
    "_internal/pytest",
)


def check_bundle(folder: Path, version: str, forbidden: list[str]) -> list[str]:
    """Problems with the unpacked bundle (an empty list when it is fine)."""
    problems = [f"missing {name}" for name in REQUIRED_FILES if not (folder / name).exists()]
    for pattern in UNWANTED_GLOBS:
        problems += [
            f"should have been left out: {p.relative_to(folder)}" for p in folder.glob(pattern)
        ]
    metadata = [
        *folder.glob("_internal/newsdesk-*.dist-info/METADATA"),
        *folder.glob("_internal/newsdesk*.egg-info/PKG-INFO"),
    ]
    if not metadata:
        problems.append("missing the newsdesk package metadata (copy_metadata)")
    elif f"\nVersion: {version}\n" not in metadata[0].read_text(encoding="utf-8"):
        problems.append(f"bundled metadata is not version {version}: {metadata[0].parent.name}")
    problems += _check_code(folder / "newsdesk")
    needles = [path.encode() for path in forbidden if path]
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and needles:
            data = path.read_bytes()
            problems += [
                f"{path.relative_to(folder)} mentions the build path {n.decode()}"
                for n in needles
                if n in data
            ]
    return problems


def _check_code(executable: Path) -> list[str]:
    """The application's modules are in the archive, with no absolute source paths."""
    from PyInstaller.archive.readers import CArchiveReader

    try:
        archive = CArchiveReader(str(executable))
        pyz_name = next(name for name in archive.toc if name.endswith(".pyz"))
        pyz = archive.open_embedded_archive(pyz_name)
    except Exception as exc:  # noqa: BLE001 (report any unreadable archive)
        return [f"cannot read the archive in {executable.name}: {exc}"]
    names = [name for name in pyz.toc if name == "editor" or name.startswith("editor.")]
    problems = [
        f"module {m} is not in the bundle"
        for m in ("editor.cli", "editor.ui.app", "editor.publish", "editor.ingest")
        if m not in names
    ]
    for name in names:
        code = pyz.extract(name)
        filename = getattr(code, "co_filename", "")
        if filename.startswith("/") or ":\\" in filename:
            problems.append(f"{name} carries the absolute source path {filename}")
    return problems


def check_screenshot(png: Path) -> list[str]:
    """Problems with a window picture: missing, tiny or one flat colour."""
    from PIL import Image

    if not png.is_file() or png.stat().st_size == 0:
        return [f"no screenshot at {png}"]
    with Image.open(png) as image:
        width, height = image.size
        if width < 640 or height < 400:
            return [f"screenshot is only {width}x{height}"]
        colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
    if colours is not None and len(colours) < 64:
        return [f"screenshot looks blank: {len(colours)} colours"]
    return []


def main(argv: list[str] | None = None) -> int:
    """Command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    bundle = commands.add_parser("bundle")
    bundle.add_argument("folder", type=Path)
    bundle.add_argument("version")
    bundle.add_argument("--forbid", action="append", default=[])
    shot = commands.add_parser("screenshot")
    shot.add_argument("png", type=Path)
    args = parser.parse_args(argv)
    if args.command == "bundle":
        problems = check_bundle(args.folder, args.version, args.forbid)
    else:
        problems = check_screenshot(args.png)
    for problem in problems:
        print(f"inspect_bundle: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
