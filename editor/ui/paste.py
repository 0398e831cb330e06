"""Pasted HTML (Word, WPS, web pages) as the house Markdown, for the rich editor.

The HTML is tidied of office markup (editor/ingest/office_html.py), converted by the
importer's cleaner, and every embedded or local image (data: and file: addresses, as Word
and WPS put on the clipboard) is stored as an asset like any inserted picture.
"""

from __future__ import annotations

import base64
import logging
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

log = logging.getLogger(__name__)

IMAGE = re.compile(r'!\[(?P<alt>[^\]]*)\]\((?P<src>[^\s)]+)(?P<title>\s+"[^"]*")?\)')


def _image_bytes(src: str) -> tuple[bytes, str] | None:
    """The bytes and a file name of a data: or file: image address; None otherwise."""
    if src.startswith("data:image/") and ";base64," in src:
        head, data = src.split(",", 1)
        suffix = head[len("data:image/") :].split(";", 1)[0] or "png"
        return base64.b64decode(data), f"pasted.{suffix}"
    if src.startswith("file:"):
        path = Path(unquote(urlparse(src).path))
        if path.is_file():
            return path.read_bytes(), path.name
    return None


class PasteCleaner:
    """Turns clipboard HTML into Markdown; keeps the images it stored in `stored`."""

    def __init__(self) -> None:
        self.stored: list[str] = []

    def markdown(self, html: str, media=None) -> str:
        """Clean Markdown for pasted HTML; images stored in `media` when it is given."""
        # The importer's cleaner (lxml) is loaded with the first paste, not with the window.
        from editor.ingest.clean import html_to_markdown
        from editor.ingest.office_html import tidy_office_html

        markdown = html_to_markdown(tidy_office_html(html))
        if media is None:
            return markdown

        def store(match: re.Match) -> str:
            src = match.group("src")
            try:
                found = _image_bytes(src)
            except (OSError, ValueError):
                found = None
            if found is None:
                return match.group(0)
            asset = media.add(found[0], found[1])
            self.stored.append(asset.sha256)
            ref = media.short_ref(asset)
            return f"![{match.group('alt')}](asset:{ref}{match.group('title') or ''})"

        return IMAGE.sub(store, markdown)
