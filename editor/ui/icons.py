"""Icons of the application: qtawesome glyphs by action name, with a blank fallback."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

FONT_PREFIX = "mdi6"
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
    """The icon for an action name (see GLYPHS); an empty icon if qtawesome fails."""
    glyph = GLYPHS.get(name)
    if not glyph:
        return QIcon()
    try:
        font = _glyph_font()
        if font is not None:
            return font.icon(glyph, color=COLOUR)
        import qtawesome

        return qtawesome.icon(glyph, color=COLOUR)
    except Exception:  # a missing font or glyph must not stop the application
        return QIcon()


@cache
def _glyph_font():
    """The one icon font the glyphs come from (Material Design Icons 6), loaded alone:
    qtawesome's own loader reads every bundled font and its glyph table (about 10 MB more).
    None when qtawesome's font list is not what this expects (then qtawesome.icon is used)."""
    try:
        import qtawesome
        from qtawesome.iconic_font import IconicFont

        spec = next(f for f in qtawesome._BUNDLED_FONTS if f[0] == FONT_PREFIX)
        return IconicFont(spec)
    except Exception:  # an older or newer qtawesome: the general loader still works
        return None
