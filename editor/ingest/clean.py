"""Clean HTML into the house Markdown: paragraphs, `##` sub-headings, images with captions.

Used by the news-page importer (on the article's body element) and by the body editor when
an editor pastes HTML from a web page or from Word (`html_to_markdown`). Scripts, styles,
forms, navigation, share buttons, ads and comment boxes are dropped; text is kept exactly,
with the whitespace rules browsers apply to Chinese text.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from editor.ingest.blocks import (  # noqa: F401 (is_subheading is part of this module's API)
    BOLD_ONLY,
    Block,
    attach_captions,
    is_subheading,
    render_blocks,
    settle_headings,
)

# Elements that never hold article text.
DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "input",
        "button",
        "select",
        "option",
        "textarea",
        "nav",
        "aside",
        "footer",
        "svg",
        "canvas",
        "template",
        "link",
        "meta",
        "title",
        "head",
        "audio",
        "video",
        "map",
        "area",
        "dialog",
        "label",
        "menu",
    }
)
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "figure",
        "figcaption",
        "center",
        "address",
        "hr",
        "details",
        "summary",
        "fieldset",
        "legend",
        "body",
        "html",
    }
)
# Parts of class/id names (split at '-', '_' and spaces) that mark page furniture.
BOILERPLATE_PARTS = frozenset(
    {
        "nav",
        "navi",
        "navbar",
        "menu",
        "menubar",
        "breadcrumb",
        "breadcrumbs",
        "crumb",
        "crumbs",
        "share",
        "sharebox",
        "bdshare",
        "social",
        "comment",
        "comments",
        "cmt",
        "reply",
        "footer",
        "foot",
        "sidebar",
        "aside",
        "ad",
        "ads",
        "adv",
        "advert",
        "advertisement",
        "adsense",
        "banner",
        "guanggao",
        "sponsor",
        "recommend",
        "recommendation",
        "related",
        "relate",
        "hot",
        "hotnews",
        "rank",
        "ranking",
        "toolbar",
        "copyright",
        "login",
        "register",
        "subscribe",
        "qrcode",
        "ewm",
        "erweima",
        "pagination",
        "pager",
        "topbar",
        "dialog",
        "modal",
        "popup",
    }
)
# Parts of class/id names of video players and their title bars (a video is not article text).
VIDEO_PARTS = frozenset(
    {"video", "videos", "videoinfo", "videobox", "videolist", "player", "vplayer", "flashvideo"}
)
# A gallery's `1/10` counter: an element with one of these class parts and only that text.
COUNTER_PARTS = frozenset({"index", "count", "counter", "num", "number", "pagenum", "current"})
_COUNTER = re.compile(r"^\s*\d{1,3}\s*/\s*\d{1,3}\s*$")
CAPTION_HINTS = (
    "caption",
    "desc",
    "pictext",
    "pic_txt",
    "pic-txt",
    "pictxt",
    "imgtxt",
    "img-txt",
    "img_txt",
    "picinfo",
    "pic_info",
    "pic-info",
    "img_descr",
    "illustration",
    "tuzhu",
    "photo_text",
    "picnote",
    "imgnote",
)
IMAGE_SKIP_HINTS = (
    "icon",
    "logo",
    "avatar",
    "emoji",
    "qrcode",
    "ewm",
    "erweima",
    "loading",
    "spacer",
    "blank.gif",
    "pixel",
    "share",
    "next_page",
    "nextpage",
    "prev_page",
)
LAZY_SRC_ATTRS = (
    "data-original",
    "data-src",
    "data-lazy-src",
    "data-actualsrc",
    "data-url",
    "original",
    "src",
)

CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2018-\u201f"
_SEGMENT_BREAK = re.compile(rf"(?<=[{CJK}])[ \t\xa0]*\n\s*(?=[{CJK}])")
_SPACES = re.compile(r"\s+")
_BOLD_SEAM = re.compile(r"(?<![*\\])\*{4}(?!\*)")
_ESCAPE = re.compile(r"([\\`*_\[\]])")
_UNESCAPE = re.compile(r"\\([\\`*_\[\]])")
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_ORDERED_START = re.compile(r"^(\d+)\.(?=\s|$)")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CENTER_STYLE = re.compile(r"text-align\s*:\s*center", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_TINY_IMAGE = re.compile(r"[_/\-]w\d{1,2}_h\d{1,2}[_./]")  # ifeng-style size in the name
_CLIPBOARD_HEADER = re.compile(r"\AVersion:\d[\s\S]*?(?=<)")


def parse_html(html: str) -> lxml.html.HtmlElement | None:
    """Parse a whole page or a fragment; None when there is nothing to parse."""
    html = _CLIPBOARD_HEADER.sub("", html.lstrip("\ufeff"))
    html = _XML_DECL.sub("", html)
    if not html.strip():
        return None
    try:
        if re.search(r"<(html|body|head)[\s>]", html[:4000], re.I):
            return _adopt_strays(lxml.html.document_fromstring(html))
        return lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return None


def _adopt_strays(root):
    """Move what a broken page puts after </html> (libxml2 keeps it beside the root) into
    the body, so the article there is not lost."""
    body = root.find("body")
    sibling = root.getnext()
    while sibling is not None:
        following = sibling.getnext()
        if isinstance(sibling.tag, str):
            if body is None:
                body = lxml.html.Element("body")
                root.append(body)
            body.append(sibling)
        sibling = following
    return root


def class_parts(element) -> set[str]:
    """The lower-case parts of an element's class and id ('main-nav top' -> main, nav, top)."""
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    return set(filter(None, re.split(r"[\s_\-]+", names)))


def remove_element(element) -> None:
    """Remove an element but keep its tail text in the document."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def clean_tree(root, drop_boilerplate: bool = True) -> None:
    """Drop scripts, styles, forms, hidden elements and (optionally) page furniture in place."""
    total = len(root.text_content()) if drop_boilerplate else 0
    doomed = []
    for element in root.iter():
        tag = element.tag
        if not isinstance(tag, str):  # comments, processing instructions
            doomed.append(element)
            continue
        tag = tag.lower()
        if tag in DROP_TAGS or ":" in tag:  # Word's o:p, v:shape, w:sdt ...
            doomed.append(element)
        elif tag == "form" and len(element.text_content()) < 200:  # CMSs wrap articles in forms
            doomed.append(element)
        elif element.get("hidden") is not None or _HIDDEN_STYLE.search(element.get("style", "")):
            if len(element.text_content()) < 200:  # WeChat hides the whole article until JS runs
                doomed.append(element)
        elif drop_boilerplate and tag not in ("html", "body"):
            parts = class_parts(element)
            if parts & BOILERPLATE_PARTS or parts & VIDEO_PARTS:
                size = len(element.text_content())
                if not (size > 200 and size > total * 0.5):  # never the article itself
                    doomed.append(element)
            elif parts & COUNTER_PARTS and _COUNTER.match(element.text_content()):
                doomed.append(element)
    for element in doomed:  # a child of an already removed element goes with it: harmless
        remove_element(element)


def escape_text(text: str) -> str:
    """Escape characters that Markdown would read as markup inside a line."""
    text = _ESCAPE.sub(r"\\\1", text)
    text = _ENTITY_LIKE.sub("&amp;", text)
    return _TAG_LIKE.sub("&lt;", text)


def unescape_text(text: str) -> str:
    """Undo `escape_text`'s backslashes (for image captions and field values)."""
    return _UNESCAPE.sub(r"\1", text)


def normalize_space(text: str) -> str:
    """Collapse whitespace like a browser; a line break between Chinese characters vanishes."""
    return _SPACES.sub(" ", _SEGMENT_BREAK.sub("", text)).strip()


def _escape_line_start(text: str) -> str:
    match = _ORDERED_START.match(text)
    if match:
        return f"{match.group(1)}\\.{text[match.end() :]}"
    if text.startswith(":::"):
        return "&#58;" + text[1:]
    if text[:1] in "#>+" or text.startswith("- ") or text.startswith("---") or text == "-":
        return "\\" + text
    return text


class MarkdownWriter:
    """Walks a cleaned element tree and collects Markdown blocks."""

    def __init__(self, base_url: str = "") -> None:
        self.base_url = base_url
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.centered = False
        self.caption_like = False

    # ---- driving --------------------------------------------------------------------------

    def convert(self, element) -> str:
        self.block(element)
        self.flush()
        return render_blocks(attach_captions(settle_headings(self.blocks)))

    def flush(self, heading_level: int = 0) -> None:
        text = _BOLD_SEAM.sub("", normalize_space("".join(self.parts)))  # **a****b** -> **ab**
        self.parts = []
        if not text:
            return
        if heading_level:
            plain = BOLD_ONLY.sub(r"\1", text)
            self.blocks.append(Block("h", plain, level=heading_level))
            return
        bold = BOLD_ONLY.match(text)
        if bold and is_subheading(unescape_text(bold.group(1))):
            self.blocks.append(
                Block("h", bold.group(1).strip(), level=2, from_bold=True, centered=self.centered)
            )
            return
        self.blocks.append(
            Block(
                "p",
                _escape_line_start(text),
                centered=self.centered,
                caption_like=self.caption_like,
            )
        )

    def children(self, element) -> None:
        if element.text:
            self.text(element.text)
        for child in element:
            self.node(child)
            if child.tail:
                self.text(child.tail)

    def node(self, element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or tag in DROP_TAGS:
            return
        if tag == "br":
            self.flush()
        elif tag == "img":
            self.image(element)
        elif tag in BLOCK_TAGS:
            self.block(element)
        else:
            self.inline(element, tag)

    def text(self, text: str) -> None:
        self.parts.append(escape_text(text))

    # ---- blocks ---------------------------------------------------------------------------

    def block(self, element) -> None:
        tag = element.tag.lower()
        self.flush()
        saved = (self.centered, self.caption_like)
        if _is_centered(element):
            self.centered = True
        if any(
            hint in f"{element.get('class', '')} {element.get('id', '')}".lower()
            for hint in CAPTION_HINTS
        ):
            self.caption_like = True
        try:
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.children(element)
                self.flush(heading_level=min(4, max(2, int(tag[1]))))
            elif tag in ("ul", "ol"):
                self.list(element, ordered=tag == "ol")
            elif tag == "table":
                self.table(element)
            elif tag == "blockquote":
                inner = MarkdownWriter(self.base_url)
                inner.children(element)
                inner.flush()
                text = render_blocks(attach_captions(inner.blocks)).strip()
                if text:
                    self.blocks.append(
                        Block("raw", "\n".join(("> " + line).rstrip() for line in text.split("\n")))
                    )
            elif tag == "pre":
                self.pre(element)
            elif tag == "figure":
                self.figure(element)
            elif tag == "hr":
                pass
            else:
                self.children(element)
            self.flush()
        finally:
            self.centered, self.caption_like = saved

    def pre(self, element) -> None:
        for br in element.iter("br"):
            br.tail = "\n" + (br.tail or "")
        lines = [c for c in element if isinstance(c.tag, str) and c.tag.lower() == "code"]
        if len(lines) > 1:  # one <code> per line (WeChat)
            code = "\n".join(c.text_content() for c in lines)
        else:
            code = element.text_content().strip("\n")
        if not code.strip():
            return
        fence = "```"
        while fence in code:
            fence += "`"
        self.blocks.append(Block("raw", f"{fence}\n{code}\n{fence}"))

    def figure(self, element) -> None:
        captions = [c for c in element.iter("figcaption")]
        caption = normalize_space(" ".join(c.text_content() for c in captions))
        for c in captions:
            remove_element(c)
        start = len(self.blocks)
        self.children(element)
        self.flush()
        images = [b for b in self.blocks[start:] if b.kind == "img"]
        if images and caption:
            images[-1].caption = caption
            images[-1].alt = images[-1].alt or caption
        elif caption:
            self.blocks.append(Block("p", escape_text(caption), centered=True, caption_like=True))

    def list(self, element, ordered: bool) -> None:
        items = [li for li in element if isinstance(li.tag, str) and li.tag.lower() == "li"]
        rendered = []
        for number, item in enumerate(items, 1):
            inner = MarkdownWriter(self.base_url)
            inner.block(item)
            inner.flush()
            blocks = attach_captions(inner.blocks)
            if blocks and all(b.kind == "img" for b in blocks):
                self.blocks.extend(blocks)  # an image strip laid out as a list
                continue
            text = render_blocks(blocks).strip()
            if not text:
                continue
            marker = f"{number}. " if ordered else "- "
            lines = text.split("\n")
            rendered.append(
                marker
                + lines[0]
                + "".join("\n" + ("   " if line else "") + line for line in lines[1:])
            )
        if rendered:
            self.blocks.append(Block("raw", "\n".join(rendered)))

    def table(self, element) -> None:
        rows = [tr for tr in element.iter("tr")]
        layout = any(
            isinstance(d.tag, str)
            and d.tag.lower() in ("p", "div", "img", "table", "ul", "ol", "h1", "h2", "h3", "h4")
            for d in element.iterdescendants()
        )
        cells = [
            [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
            for tr in rows
        ]
        width = max((len(r) for r in cells), default=0)
        if layout or width < 2 or len(rows) < 2:
            for row in cells:
                for cell in row:
                    self.block(cell)
            if not rows:
                self.children(element)
            return
        lines = []
        for index, row in enumerate(cells):
            texts = []
            for cell in row:
                inner = MarkdownWriter(self.base_url)
                inner.children(cell)
                texts.append(normalize_space("".join(inner.parts)).replace("|", "\\|"))
            texts += [""] * (width - len(texts))
            lines.append("| " + " | ".join(texts) + " |")
            if index == 0:
                lines.append("|" + " --- |" * width)
        self.blocks.append(Block("raw", "\n".join(lines)))

    def image(self, element) -> None:
        src = image_source(element, self.base_url)
        if not src:
            return
        self.flush()
        alt = normalize_space(element.get("alt") or element.get("title") or "")
        self.blocks.append(Block("img", src=src, alt=alt, centered=self.centered))

    # ---- inline ---------------------------------------------------------------------------

    def inline(self, element, tag: str) -> None:
        if tag in ("strong", "b", "em", "i") and not _contains_block(element):
            marker = "**" if tag in ("strong", "b") else "*"
            self.wrapped(element, marker, marker)
        elif tag == "a" and not _contains_block(element):
            href = link_target(element.get("href", ""), self.base_url)
            if href:
                self.wrapped(element, "[", f"]({href})")
            else:
                self.children(element)
        elif tag == "code" and not _contains_block(element):
            code = element.text_content()
            if code.strip():
                tick = "``" if "`" in code else "`"
                self.parts.append(f"{tick}{code}{tick}")
        else:
            self.children(element)

    def wrapped(self, element, before: str, after: str) -> None:
        outer = self.parts
        self.parts = []
        self.children(element)
        inner = "".join(self.parts)
        self.parts = outer
        core = inner.strip()
        if not core:
            self.parts.append(inner)
            return
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()) :]
        if before in ("**", "*") and core.startswith(before[0]) and core.endswith(before[0]):
            self.parts.append(inner)  # already emphasised (<b><strong>x</strong></b>)
            return
        self.parts.append(f"{lead}{before}{core}{after}{trail}")


def _is_centered(element) -> bool:
    if element.tag.lower() == "center" or (element.get("align") or "").lower() == "center":
        return True
    if _CENTER_STYLE.search(element.get("style", "")):
        return True
    return "center" in (element.get("class") or "").lower()


def _contains_block(element) -> bool:
    for descendant in element.iterdescendants():
        tag = descendant.tag
        if isinstance(tag, str) and (tag.lower() in BLOCK_TAGS or tag.lower() == "img"):
            return True
    return False


def link_target(href: str, base_url: str) -> str:
    """An absolute http(s)/mailto link for a Markdown link, or '' to keep only the text."""
    href = (href or "").strip()
    if not href or href.startswith("#") or href.lower().startswith(("javascript:", "data:")):
        return ""
    if href.startswith("//"):
        href = "https:" + href
    elif base_url:
        href = urljoin(base_url, href)
    if not href.lower().startswith(("http://", "https://", "mailto:")):
        return ""
    return href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def image_source(element, base_url: str = "") -> str:
    """The real address of an image (lazy-loading attributes first), or '' to skip it."""
    src = ""
    for attr in LAZY_SRC_ATTRS:
        value = (element.get(attr) or "").strip()
        if value and not (value.startswith("data:") and len(value) < 200):
            src = value
            break
    if not src:
        return ""
    lowered = src.lower()
    if lowered.startswith(("file:", "about:", "javascript:", "blob:", "cid:")):
        return ""
    hints = f"{lowered} {(element.get('class') or '').lower()} {(element.get('id') or '').lower()}"
    if any(hint in hints for hint in IMAGE_SKIP_HINTS) and not lowered.startswith("data:"):
        return ""
    if _TINY_IMAGE.search(lowered):
        return ""
    for attr in ("width", "height"):
        size = (element.get(attr) or "").strip().rstrip("px")
        if size.isdigit() and int(size) <= 2:
            return ""
    if lowered.startswith("data:"):
        return src
    if src.startswith("//"):
        src = "https:" + src
    elif base_url:
        src = urljoin(base_url, src)
    return src.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def element_to_markdown(element, base_url: str = "") -> str:
    """Markdown of an already cleaned element (the article body of a page)."""
    return MarkdownWriter(base_url).convert(element)


def html_to_markdown(html: str, base_url: str = "") -> str:
    """Clean Markdown from pasted or fetched HTML: no scripts, styles, navigation or ads."""
    root = parse_html(html or "")
    if root is None:
        return ""
    if not base_url:
        base = root.find(".//base[@href]")
        if base is not None:
            base_url = base.get("href", "")
    clean_tree(root)  # drops <head>; text after a stray </body> or </html> is kept
    return element_to_markdown(root, base_url)
