"""HTML that Word and WPS put on the clipboard, tidied before the cleaner sees it.

Office HTML numbers its lists with literal text in `mso-list:Ignore` spans (“1.”, a
Wingdings “l”) on `MsoListParagraph` paragraphs instead of `<ol>`/`<ul>`, wraps the numbers
in `<![if !supportLists]>` markers, fills empty lines with `<o:p>&nbsp;</o:p>`, and points
images at local temporary files. This turns those paragraphs into real lists (nested by
their `level`), drops the numbering runs and the office-only elements, and inlines local
images as data: addresses so the paste can store them. Other HTML passes unchanged.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import lxml.html
from lxml import etree

OFFICE_HINTS = ("mso-", "urn:schemas-microsoft-com", "MsoNormal", "Kingsoft", "WPS")
_CONDITIONAL = re.compile(r"<!\[(?:if [^\]]*|endif)\]>", re.IGNORECASE)
_LIST_STYLE = re.compile(r"mso-list:\s*(?P<list>l\d+)\s+level(?P<level>\d+)", re.IGNORECASE)
_ORDERED = re.compile(
    r"^[(（]?(?:\d+|[一二三四五六七八九十百]+|[a-zA-Z]|[ivxlcIVXLC]+)[.、．)）]$|^[(（]\d+[)）]$"
)
_SPACE = re.compile(r"[\s\u00a0]+")
MAX_INLINE_IMAGE = 20 * 1024 * 1024


def is_office_html(html: str) -> bool:
    """Whether clipboard HTML came from Word, WPS or another office program."""
    head = html[:20000]
    return any(hint in head for hint in OFFICE_HINTS)


def _local_image_as_data(src: str) -> str | None:
    if not src.lower().startswith("file:"):
        return None
    path = Path(unquote(urlparse(src).path))
    try:
        if not path.is_file() or path.stat().st_size > MAX_INLINE_IMAGE:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    kind = mimetypes.guess_type(path.name)[0] or "image/png"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def _list_marker(paragraph) -> str | None:
    """Remove the numbering run of a list paragraph; return its text."""
    for span in paragraph.iter("span"):
        if "mso-list:ignore" in (span.get("style") or "").replace(" ", "").lower():
            marker = _SPACE.sub("", span.text_content())
            span.drop_tree()
            return marker
    return None


def _make_lists(root) -> None:
    """Consecutive `mso-list` paragraphs become nested `<ol>`/`<ul>` lists."""
    for paragraph in list(root.iter("p")):
        match = _LIST_STYLE.search(paragraph.get("style") or "")
        if match is None or paragraph.getparent() is None:
            continue
        marker = _list_marker(paragraph) or ""
        paragraph.set("data-level", match.group("level"))
        paragraph.set("data-list", match.group("list"))
        paragraph.set("data-ordered", "1" if _ORDERED.match(marker) else "0")
    for paragraph in list(root.iter("p")):
        if paragraph.get("data-level") is None or paragraph.getparent() is None:
            continue
        run = [paragraph]
        following = paragraph.getnext()
        while following is not None and following.tag == "p" and following.get("data-level"):
            run.append(following)
            following = following.getnext()
        _replace_run(run)


def _replace_run(run: list) -> None:
    parent = run[0].getparent()
    index = parent.index(run[0])
    stack: list = []  # (level, list element)
    top = None
    for paragraph in run:
        level = int(paragraph.get("data-level") or 1)
        tag = "ol" if paragraph.get("data-ordered") == "1" else "ul"
        while stack and stack[-1][0] > level:
            stack.pop()
        if stack and stack[-1][0] == level and stack[-1][1].tag != tag and len(stack) == 1:
            stack.pop()  # a different kind of list at the top level: a new list
        if not stack or stack[-1][0] < level:
            new_list = etree.Element(tag)
            if stack:
                items = stack[-1][1].findall("li")
                (items[-1] if items else stack[-1][1]).append(new_list)
            else:
                if top is not None:
                    index = parent.index(top) + 1
                parent.insert(index, new_list)
                top = new_list
            stack.append((level, new_list))
        item = etree.SubElement(stack[-1][1], "li")
        item.text = paragraph.text
        for child in list(paragraph):
            item.append(child)
        item.tail = "\n"
        tail = paragraph.tail
        parent.remove(paragraph)
        if tail and tail.strip() and top is not None:
            top.tail = (top.tail or "") + tail


def tidy_office_html(html: str) -> str:
    """Office clipboard HTML with real lists, no numbering runs, no `<o:p>`, and local images
    inlined; any other HTML is returned as it is."""
    if not html or not is_office_html(html):
        return html
    text = _CONDITIONAL.sub("", html)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return html
    for element in list(root.iter()):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.startswith("o:") or tag.startswith("v:") or tag.startswith("w:"):
            element.drop_tree()
    for image in root.iter("img"):
        inlined = _local_image_as_data(image.get("src") or "")
        if inlined:
            image.set("src", inlined)
    _make_lists(root)
    _flatten_cells(root)
    return lxml.html.tostring(root, encoding="unicode")


def _flatten_cells(root) -> None:
    """Office puts a paragraph in every table cell; the cleaner reads a table holding
    paragraphs as page layout, so a cell's paragraphs become its plain content."""
    for cell in [*root.iter("td"), *root.iter("th")]:
        paragraphs = [child for child in cell if child.tag == "p"]
        for index, paragraph in enumerate(paragraphs):
            if index:
                paragraph.text = " " + (paragraph.text or "")
            paragraph.drop_tag()
