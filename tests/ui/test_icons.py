"""Every action icon is drawn from the one icon font loaded alone (not qtawesome's whole set
of fonts and glyph tables, about 10 MB more)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from editor.ui.icons import GLYPHS, _glyph_font, icon


def test_every_glyph_draws_from_the_single_font(qapp):
    assert _glyph_font() is not None
    for name in GLYPHS:
        image = icon(name).pixmap(24, 24).toImage()
        assert not image.isNull(), name
        inked = sum(
            1 for x in range(24) for y in range(24) if QColor(image.pixelColor(x, y)).alpha() > 0
        )
        assert inked > 8, name  # a drawn glyph, not an empty square
    assert icon("no such action").isNull()
