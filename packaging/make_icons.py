"""Render the application icon (packaging/icons/newsdesk.svg) for every platform.

Writes into OUT (default build/icons):
  hicolor/<N>x<N>/apps/newsdesk.png for N in 16 32 48 64 128 256 512,
  hicolor/scalable/apps/newsdesk.svg, newsdesk.ico (Windows), newsdesk.icns (macOS).
The SVG is the single source; Qt's QSvgRenderer draws it, Pillow writes ICO and ICNS.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE_SVG = HERE / "icons" / "newsdesk.svg"
APP_ID = "newsdesk"
HICOLOR_SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZE = 1024


def render_png(svg: Path, size: int, out: Path) -> None:
    """Draw the SVG into a transparent size x size PNG."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"make_icons: cannot write {out}")


def make_icons(out_dir: Path, svg: Path = SOURCE_SVG) -> list[Path]:
    """Write all icon files into out_dir; return their paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (kept alive)
    written: list[Path] = []
    hicolor = out_dir / "hicolor"
    for size in HICOLOR_SIZES:
        target = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        render_png(svg, size, target)
        written.append(target)
    scalable = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    written.append(scalable)

    frames_dir = out_dir / "frames"
    frames = []
    for size in ICO_SIZES:  # each ICO size drawn from the vector source, not scaled down
        frame_path = frames_dir / f"{size}.png"
        render_png(svg, size, frame_path)
        with Image.open(frame_path) as frame:
            frames.append(frame.convert("RGBA"))
    ico = out_dir / f"{APP_ID}.ico"
    frames[-1].save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=frames[:-1])
    written.append(ico)

    large_path = frames_dir / f"{ICNS_SIZE}.png"
    render_png(svg, ICNS_SIZE, large_path)
    icns = out_dir / f"{APP_ID}.icns"
    with Image.open(large_path) as large:
        large.convert("RGBA").save(icns, format="ICNS")  # Pillow derives 16…512@2x from 1024 px
    written.append(icns)
    shutil.rmtree(frames_dir, ignore_errors=True)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: make_icons.py [--out DIR]."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="build/icons", help="output folder (default build/icons)")
    args = parser.parse_args(argv)
    for path in make_icons(Path(args.out)):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
