"""Helpers for publishing tests: walking a bundle's HTML the way a browser reads it."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href"}
DANGEROUS_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "frame",
    "frameset",
    "base",
    "meta-refresh",
}


class PageScan(HTMLParser):
    """Collects tags, attributes, links and text of one HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        self.tags.append((tag, values))
        for name, value in values.items():
            if name in URL_ATTRIBUTES:
                self.links.append(value)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.text.append(data)


def scan(html: str) -> PageScan:
    parser = PageScan()
    parser.feed(html)
    parser.close()
    return parser


def unsafe_parts(html: str, allowed_scripts: set[str]) -> list[str]:
    """Scripts (other than allowed src values), event handlers, javascript: URLs, frames,
    SVG and style attributes found in a page."""
    problems = []
    for tag, attrs in scan(html).tags:
        if tag == "script":
            if attrs.get("src", "").rsplit("/", 1)[-1] not in allowed_scripts:
                problems.append(f"script {attrs}")
            continue
        if tag in DANGEROUS_TAGS:
            problems.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append(f"{tag} {name}={value}")
            if name in URL_ATTRIBUTES and value.strip().lower().replace("\t", "").startswith(
                ("javascript:", "vbscript:", "data:text")
            ):
                problems.append(f"{tag} {name}={value}")
            if name == "style" and value.replace(" ", "") not in (
                "text-align:left",
                "text-align:right",
                "text-align:center",
            ):
                problems.append(f"{tag} style={value}")
    return problems


def internal_targets(page: Path, root: Path) -> list[tuple[str, Path | None]]:
    """(link, file it points to) for every bundle-internal href/src of a page; None for a
    link that leaves the bundle root."""
    result = []
    for link in scan(page.read_text(encoding="utf-8")).links:
        parsed = urlparse(link)
        if parsed.scheme or link.startswith(("//", "#")) or not link:
            continue
        target = (page.parent / unquote(parsed.path)).resolve() if parsed.path else page
        try:
            target.relative_to(root.resolve())
        except ValueError:
            result.append((link, None))
            continue
        result.append((link, target))
    return result
