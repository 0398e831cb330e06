"""Icons of the application: glyphs of the Material Design Icons font that qtawesome ships,
by action name, with a blank fallback.

The glyphs are drawn here from that one font file: importing qtawesome brings in qtpy, which
star-imports QtCore, QtGui, QtWidgets, QtOpenGL and QtDataVisualization (every Qt class and
enum of those modules made at once, and two Qt libraries the application never uses loaded):
about 20 MB with the editor open. qtawesome itself stays the fallback when its font files
are not where this expects them.
"""

from __future__ import annotations

import json
import logging
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)

log = logging.getLogger(__name__)

FONT_PREFIX = "mdi6"
FONT_FILES = "materialdesignicons6-webfont"  # qtawesome/fonts/<this>-<version>.ttf + charmap
GLYPH_SHARE = 0.875  # of the icon height, as qtawesome draws them (room for the bearing)
COLOUR = "#37474f"
GLYPHS = {
    "new_article": "mdi6.file-document-plus-outline",
    "save": "mdi6.content-save-outline",
    "delete": "mdi6.trash-can-outline",
    "publish": "mdi6.send-check-outline",
    "unpublish": "mdi6.file-undo-outline",
    "move": "mdi6.folder-move-outline",
    "section": "mdi6.folder-outline",
    "section_open": "mdi6.folder-open-outline",
    "site": "mdi6.newspaper-variant-outline",
    "add_section": "mdi6.folder-plus-outline",
    "rename": "mdi6.form-textbox",
    "properties": "mdi6.tune-variant",
    "bold": "mdi6.format-bold",
    "italic": "mdi6.format-italic",
    "heading": "mdi6.format-header-2",
    "quote": "mdi6.format-quote-close",
    "bullets": "mdi6.format-list-bulleted",
    "numbers": "mdi6.format-list-numbered",
    "link": "mdi6.link-variant",
    "image": "mdi6.image-outline",
    "table": "mdi6.table",
    "box": "mdi6.card-text-outline",
    "rule": "mdi6.minus",
    "typeset": "mdi6.auto-fix",
    "source_mode": "mdi6.language-markdown-outline",
    "find": "mdi6.magnify",
    "replace": "mdi6.find-replace",
    "preview": "mdi6.eye-outline",
    "desktop": "mdi6.monitor",
    "phone": "mdi6.cellphone",
    "refresh": "mdi6.refresh",
    "export": "mdi6.export",
    "import": "mdi6.import",
    "open": "mdi6.folder-open-outline",
    "new_site": "mdi6.newspaper-plus",
    "settings": "mdi6.cog-outline",
    "partners": "mdi6.handshake-outline",
    "sources": "mdi6.newspaper",
    "people": "mdi6.account-group-outline",
    "revisions": "mdi6.history",
    "backup": "mdi6.database-export-outline",
    "restore": "mdi6.database-import-outline",
    "about": "mdi6.information-outline",
    "quit": "mdi6.exit-to-app",
    "close": "mdi6.close",
    "search": "mdi6.magnify",
    "language": "mdi6.translate",
    "recover": "mdi6.backup-restore",
    "browser": "mdi6.web",
    "upload": "mdi6.cloud-upload-outline",
    "warning": "mdi6.alert-outline",
}


@cache
def icon(name: str) -> QIcon:
    """The icon for an action name (see GLYPHS); an empty icon if no glyph can be drawn."""
    glyph = GLYPHS.get(name)
    if not glyph:
        return QIcon()
    try:
        font = glyph_font()
        if font is not None:
            char = font.chars.get(glyph.split(".", 1)[1])
            return QIcon(GlyphEngine(font.family, char, COLOUR)) if char else QIcon()
        import qtawesome

        return qtawesome.icon(glyph, color=COLOUR)
    except Exception:  # a missing font or glyph must not stop the application
        log.exception("icon %s not drawn", name)
        return QIcon()


class GlyphFont:
    """The icon font loaded into the application: its family and the glyphs GLYPHS names."""

    def __init__(self, family: str, chars: dict[str, str]) -> None:
        self.family = family
        self.chars = chars


def _font_files() -> tuple[Path, Path] | None:
    """qtawesome's Material Design Icons font and its glyph table, found without importing
    qtawesome (None when they are not there)."""
    spec = find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        fonts = Path(folder) / "fonts"
        for ttf in sorted(fonts.glob(f"{FONT_FILES}-*.ttf"), reverse=True):
            version = ttf.stem.removeprefix(f"{FONT_FILES}-")
            charmap = fonts / f"{FONT_FILES}-charmap-{version}.json"
            if charmap.is_file():
                return ttf, charmap
    return None


@cache
def glyph_font() -> GlyphFont | None:
    """The one icon font the glyphs come from, loaded alone and keeping only the glyphs the
    application names. None when it cannot be loaded here (then qtawesome.icon is used)."""
    files = _font_files()
    if files is None or QGuiApplication.instance() is None:
        return None
    ttf, charmap = files
    try:
        font_id = QFontDatabase.addApplicationFontFromData(ttf.read_bytes())
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        codes = json.loads(charmap.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not families:
        return None
    wanted = {glyph.split(".", 1)[1] for glyph in GLYPHS.values()}
    chars = {name: chr(int(codes[name], 16)) for name in wanted if name in codes}
    return GlyphFont(families[0], chars)


class GlyphEngine(QIconEngine):
    """Draws one glyph of the icon font in the icon's rectangle (greyed when disabled)."""

    def __init__(self, family: str, char: str, colour: str) -> None:
        super().__init__()
        self.family, self.char, self.colour = family, char, colour

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        if mode == QIcon.Mode.Disabled:
            app = QGuiApplication.instance()
            colour = (
                app.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
                if app is not None
                else QColor(150, 150, 150)
            )
        else:
            colour = QColor(self.colour)
        painter.setPen(colour)
        font = QFont(self.family)
        font.setPixelSize(max(1, round(GLYPH_SHARE * rect.height())))
        painter.setFont(font)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return GlyphEngine(self.family, self.char, self.colour)
