"""The info bar under a headline read as one unit, and the weaker evidence of a 来源.

Portal templates print the publish time and the outlet side by side, often without a 来源
label: `<span class="time">2023-05-06 09:30</span><span class="ly">四川日报</span>`, or with
no telling class at all beside a reporter's name and a font-size toggle. A short item of that
bar is the 来源 when its class says so (source, ly, laiyuan, origin, media, jgname …) or,
without a telling class, when it names an organisation; never a navigation or byline word.
When the page shows none, a `source` meta tag, an `author` meta tag that names an outlet,
JSON-LD's `publisher` and, for a 转载, the origin's name are weighed, in that order.
"""

from __future__ import annotations

import json
import re

from lxml import etree

from editor.ingest import clean
from editor.ingest.fields import DATE_TIME, NAVIGATION, cut_navigation

# Parts of class names that mark the element holding the 来源 (split at '-', '_', spaces).
SOURCE_CLASSES = frozenset(
    {"source", "ly", "laiyuan", "origin", "media", "jgname", "copyfrom", "comefrom", "medianame"}
)
# An organisation's name: a news outlet, a government body, an institution, a company.
ORGANISATION = re.compile(
    r"^[\u4e00-\u9fa5·]{1,20}(?:报|网|社|台|新闻|日报|晚报|周刊|杂志|电视台|客户端|时报|之声|频道|"
    r"传媒|报业|融媒|局|厅|委|委员会|办|办公室|政府|中心|院|部|署|协会|学会|联合会|集团|公司|"
    r"银行|大学|学院|医院|研究所|研究院|馆|站|处)$"
)
SOURCE_LABEL = re.compile(
    r"^(?:文章来源|信息来源|本文来源|来源于|来源|稿源|出处|发布机构|发布单位|文章來源|來源|出處)"
    r"\s*[:：]?\s*"
)
# Items of an info bar that are never the 来源: bylines, counters, tools.
NOT_SOURCE = re.compile(
    r"作者|记者|編輯|编辑|责编|通讯员|摄影|阅读|浏览|点击|评论|参与|次数|人气|字号|字體|分享|打印|"
    r"收藏|纠错|举报|关注|订阅|发布时间|时间|日期|^(?:原创|转载|独家|昨天|今天|前天|刚刚)$|前$|[:：|]|"
    r"^\d+$"
)
# Classes of the element holding (or, for an icon, preceding) an author's name, a channel or
# a counter: what follows is not the 来源.
BYLINE_CLASSES = frozenset(
    {"user", "author", "writer", "editor", "zuozhe", "byline", "reporter", "list", "category"}
    | {"catalog", "channel", "column", "lanmu", "tag", "tags", "eye", "comment", "views"}
)
REPRINT = re.compile(
    r"(?:本文|本篇|此文)?(?:转载自|转自|转载于|摘自|轉載自)\s*[:：]?\s*"
    r"(?:[《「“]?)(?P<name>[\u4e00-\u9fa5·A-Za-z0-9]{2,20}?)(?:[》」”]|[，。；,;）)\s]|$)"
)
_BLOCKS = frozenset(
    {"div", "p", "td", "tr", "li", "dd", "dt", "section", "header", "article", "table", "ul", "h1"}
)


def boundary_text(element, blocks: bool = True) -> str:
    """An element's text with a space wherever one element ends and another begins, and ` | `
    between blocks, so that a field never runs into what follows it (`责编：崔某` then a
    `返回首页>>` link, `责任编辑：` then an unrelated paragraph)."""
    if element is None:
        return ""
    pieces: list[str] = []
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if not isinstance(node.tag, str):
            text = node.tail if event == "end" else ""
        else:
            if blocks and node.tag.lower() in _BLOCKS | {"br", "blockquote"}:
                pieces.append("|")
            text = node.text if event == "start" else (node.tail if node is not element else "")
        text = clean.normalize_space(text or "")
        if text:
            pieces.append(text)
    joined = " ".join(pieces)
    return re.sub(r"(?:\s*\|)+\s*", " | ", joined).strip(" |")


def _walk(root, title: str, content):
    """From the headline to the body: (element, None) as each element opens, (element, text)
    for each text piece with the element it is in."""
    started = not title
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if element is content:
            return
        if not isinstance(element.tag, str):
            continue
        owner = element if event == "start" else element.getparent()
        text = clean.normalize_space((element.text if event == "start" else element.tail) or "")
        if started and event == "start":
            yield element, None
        if not text:
            continue
        if not started:
            started = title in text or (len(text) > 3 and text in title)
            continue
        if clean.class_parts(element) & BYLINE_CLASSES:
            continue  # a name after an author icon (`<i class="fa-user"></i>富达传媒`)
        yield owner, text


def _source_class(element) -> bool:
    """A class or id that says the element holds the 来源: `ly`, `source`, `article-source`,
    `media-name` (a telling word first or last; `rich_media_meta` is not one)."""
    for token in f"{element.get('class', '')} {element.get('id', '')}".lower().split():
        parts = [p for p in re.split(r"[_\-]+", token) if p]
        if parts and (parts[0] in SOURCE_CLASSES or parts[-1] in SOURCE_CLASSES):
            return True
    return False


def _as_source(text: str, hinted: bool) -> str:
    """The 来源 an info bar item names, or ''."""
    text = cut_navigation(SOURCE_LABEL.sub("", clean.normalize_space(text)))
    if not 2 <= len(text) <= 30 or DATE_TIME.search(text) or NOT_SOURCE.search(text):
        return ""
    if hinted:
        return text if re.search(r"[\u4e00-\u9fa5A-Za-z]", text) else ""
    return text if ORGANISATION.match(text) else ""


def info_bar_source(root, title: str, content) -> str:
    """The 来源 the info bar between the headline and the body shows without a label."""
    pieces = []
    for owner, text in _walk(root, title, content):
        if text is None:
            if _source_class(owner):
                found = _as_source(boundary_text(owner, blocks=False), hinted=True)
                if found:
                    return found
            continue
        pieces.append((owner, text))
        if len(pieces) > 60:
            break
    for owner, text in pieces:
        match = DATE_TIME.search(text)
        if not match:
            continue
        rest = _as_source(text[match.end() :], hinted=False)
        if rest:
            return rest
        bar = owner
        while bar is not None and (not isinstance(bar.tag, str) or bar.tag.lower() not in _BLOCKS):
            bar = bar.getparent()
        members = [
            t for o, t in pieces if bar is not None and (o is bar or bar in o.iterancestors())
        ]
        for item in members:
            found = _as_source(item, hinted=False)
            if found:
                return found
        return ""
    return ""


def json_ld_publisher(root) -> str:
    """The publisher's name in a page's JSON-LD (`"publisher": {"name": "澎湃新闻"}`)."""
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            publisher = item.get("publisher") if isinstance(item, dict) else None
            if isinstance(publisher, list) and publisher:
                publisher = publisher[0]
            name = publisher.get("name") if isinstance(publisher, dict) else publisher
            if isinstance(name, str) and 2 <= len(name.strip()) <= 30:
                return name.strip()
    return ""


def meta_outlet(meta: dict[str, str]) -> str:
    """An `author` meta tag that names an outlet rather than a person."""
    author = cut_navigation(meta.get("author", "").strip())
    return author if ORGANISATION.match(author) else ""


def reprint_origin(text: str) -> str:
    """The origin a reprint names (`本文转载自深圳特区报`)."""
    match = REPRINT.search(text or "")
    if not match:
        return ""
    name = cut_navigation(match.group("name"))
    return name if 2 <= len(name) <= 20 and not NAVIGATION.search(name) else ""
