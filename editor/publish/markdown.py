"""Article Markdown to safe HTML, the way the portal shows it.

Python-Markdown with tables, footnotes, attribute lists, fenced code, sane lists and a table
of contents, plus two newsroom conventions shared with the importer and the editor toolbar:

* a boxed side note (the “新闻拓展” of Chinese news pages)::

      :::box 新闻拓展
      body lines (Markdown)
      :::

* an image alone in its paragraph becomes a centred figure, with a caption when the image
  has a title::

      ![alt text](asset:<ref> "caption")
      ![alt text](asset:<ref>)

  `<ref>` is the SHA-256 of a stored image or a leading part of it (at least 8 hex
  digits). The editor inserts the short form (`MediaService.short_ref`, 12 digits), old
  bodies keep working with the full 64-digit hash.

The result is sanitised with nh3 against an allow-list, so whatever an article body holds,
no script, event handler, `javascript:` URL or stray `style` survives. Images stored in the
site keep their `asset:<sha256>` address in the cached HTML; `resolve_assets` turns them into
bundle paths when a page is written.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

RENDERER_VERSION = "portal-md-4"
"""Bump when the HTML produced for the same Markdown changes: every cached body re-renders."""

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "sub",
    "sup",
    "small",
    "mark",
    "abbr",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "a",
    "img",
    "figure",
    "figcaption",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "code",
    "pre",
    "aside",
    "div",
    "span",
    "nav",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"style", "colspan", "rowspan"},
    "td": {"style", "colspan", "rowspan"},
    "ol": {"start"},
    "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel", "asset"}
ASSET_REF = re.compile(r'(src|href)="asset:([0-9a-fA-F]{8,64})"')
_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def body_key(body: str) -> str:
    """The cache key of a rendered body: the Markdown text and the renderer version."""
    return hashlib.sha256(f"{RENDERER_VERSION}\n{body}".encode()).hexdigest()


def sanitize(html: str) -> str:
    """Keep only allow-listed tags, attributes and URL schemes."""
    import nh3

    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        filter_style_properties={"text-align"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


# A line of plain prose: it starts with a letter or a digit of any script but not with a
# list number ("1. "), so no block syntax starts it; it holds no whitespace but single
# spaces between other characters (no hard break at its end, no indent) and no ASCII
# character that an enabled extension gives a meaning inside a line (emphasis, code,
# links, images, HTML, entities, escapes, attribute lists, footnotes, tables, fences), and
# no lone surrogate (the sanitiser refuses those).
_PROSE = r"[^\s\x00-\x1f\x7f!#&*<>\[\\\]^_`{|}~\ud800-\udfff]"
_PLAIN_LINE = (
    r"(?!\d+\. )[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\s\ud800-\udfff]"
    rf"{_PROSE}*+(?: {_PROSE}++)*+"
)
_PLAIN_BODY = re.compile(rf"(?:\n|{_PLAIN_LINE}(?:\n|\Z))*+")


def plain_paragraphs(text: str) -> str | None:
    """The HTML Python-Markdown makes of a body of plain prose paragraphs (lines of
    `_PLAIN_LINE`, paragraphs parted by empty lines): each paragraph in `<p>`, its lines
    kept, paragraphs one per line. None for any other body. Plain prose (typed or imported
    text without pictures, headings or marks) skips the parser, ten times slower, and no
    byte changes: tests compare both character by character and on the demo site, real
    news pages and generated corpora. The sanitiser gives this HTML back unchanged (it
    holds no markup but `<p>` and no character it would escape; tested for every code
    point), so it is not run on it either."""
    if _PLAIN_BODY.fullmatch(text) is None:
        return None
    paragraphs = (paragraph.strip("\n") for paragraph in text.split("\n\n"))
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs if paragraph)


def parse_markdown(text: str) -> str:
    """Python-Markdown's HTML of a body with the newsroom extensions, not yet sanitised."""
    # Python-Markdown (with xml.etree and an HTML parser) loads with the first body that
    # needs it: an export whose bodies are cached or plain prose never does.
    from editor.publish.markdown_parser import converter

    parser = converter()
    parser.reset()
    return parser.convert(text)


def render_markdown(text: str) -> str:
    """Markdown body to sanitised HTML (asset references kept as `asset:<sha256>`)."""
    text = text or ""
    html = plain_paragraphs(text)
    return sanitize(parse_markdown(text)) if html is None else html


def asset_refs(html: str) -> set[str]:
    """The SHA-256 prefixes of stored images a rendered body refers to."""
    return {match.group(2).lower() for match in ASSET_REF.finditer(html or "")}


def resolve_assets(html: str, url_for: Callable[[str], str | None]) -> str:
    """Replace `asset:<sha256>` addresses with bundle URLs (`url_for(sha) -> url or None`).

    An address naming no stored image becomes an empty data URL, never a broken link.
    """
    if "asset:" not in html:
        return html

    def swap(match: re.Match) -> str:
        url = url_for(match.group(2).lower())
        return f'{match.group(1)}="{url if url else "data:,"}"'

    return ASSET_REF.sub(swap, html)


def _text_of(html: str) -> str:
    from html import unescape

    return _SPACE.sub(" ", unescape(_TAGS.sub(" ", html))).strip()


def plain_text(html: str, limit: int | None = None) -> str:
    """The text of an HTML fragment, whitespace collapsed, cut at `limit` characters.

    With a limit, the text of a leading part of the HTML is tried first (a page's
    description needs 120 characters of a body ten times longer). That part ends just after
    a ">", so no tag, entity or run of spaces is cut differently: its text is the start of
    the whole text, and once longer than `limit` it is cut to the same characters."""
    html = html or ""
    text = None
    if limit is not None:
        size = 4 * limit + 64
        while text is None and size < len(html):
            end = html.find(">", size)
            if end < 0:
                break
            start = _text_of(html[: end + 1])
            if len(start) > limit:
                text = start
            size *= 4
    if text is None:
        text = _text_of(html)
    if limit is not None and len(text) > limit:
        text = text[: max(0, limit - 1)].rstrip() + "…"
    return text
