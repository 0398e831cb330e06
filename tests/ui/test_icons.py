"""Every action icon is drawn from the one icon font loaded alone, without importing
qtawesome (test_lean_window.py checks the window does not load it)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon

from editor.ui.icons import GLYPHS, glyph_font, icon


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
