"""Every action icon is drawn from the one icon font loaded alone, without importing
qtawesome (whose qtpy star-imports QtOpenGL and QtDataVisualization and makes every Qt class
and enum of QtCore, QtGui and QtWidgets at once: about 20 MB with the editor open)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QColor, QIcon

from editor.ui.icons import GLYPHS, glyph_font, icon

ROOT = Path(__file__).resolve().parents[2]


def _inked(image) -> int:
    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if QColor(image.pixelColor(x, y)).alpha() > 0
    )


def test_every_glyph_draws_from_the_single_font(qapp):
    font = glyph_font()
    assert font is not None
    assert set(font.chars) == {glyph.split(".", 1)[1] for glyph in GLYPHS.values()}
    for name in GLYPHS:
        image = icon(name).pixmap(24, 24).toImage()
        assert not image.isNull(), name
        assert _inked(image) > 8, name  # a drawn glyph, not an empty square
    assert icon("no such action").isNull()


def test_disabled_icons_are_greyed(qapp):
    normal = icon("save").pixmap(24, 24, QIcon.Mode.Normal).toImage()
    disabled = icon("save").pixmap(24, 24, QIcon.Mode.Disabled).toImage()
    assert _inked(disabled) > 8
    ink = [
        (QColor(normal.pixelColor(x, y)), QColor(disabled.pixelColor(x, y)))
        for x in range(24)
        for y in range(24)
        if QColor(normal.pixelColor(x, y)).alpha() == 255
    ]
    assert ink, "the glyph has solid pixels"
    assert all(a.rgb() != b.rgb() for a, b in ink)


def test_icons_need_neither_qtawesome_nor_qtpy():
    script = (
        "import sys\n"
        "from editor.ui.app import application\n"
        "app = application()\n"
        "from editor.ui.icons import GLYPHS, icon\n"
        "import editor.ui.main_window\n"
        "assert all(not icon(name).isNull() for name in GLYPHS)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('qtawesome', 'qtpy')"
        " or m in ('PySide6.QtOpenGL', 'PySide6.QtDataVisualization')))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QTWEBENGINE_DISABLE_SANDBOX="1")
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
