"""News pages: the article out of a Chinese portal's HTML, with its newsroom fields.

The body is found by known containers of the big portals first, then by scoring text
density (paragraph text with Chinese punctuation, less link text) the way readability and
GeneralNewsExtractor do. Metadata comes from meta tags, the line under the title
(`2019-09-07 10:00 来源：成都日报 作者：…`) and the end of the body (`责任编辑：…`).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from lxml import etree

from editor.errors import ValidationError
from editor.i18n import tr
from editor.ingest import clean
from editor.ingest.body_edges import STOP_AT, fields_source, is_person, trim_body
from editor.ingest.fields import (
    ExtractedArticle,
    clean_title,
    cut_navigation,
    date_from_url,
    find_editor,
    lead_byline,
    parse_datetime,
    split_people,
    strip_site_suffix,
)
from editor.ingest.info_bar import (
    NAVIGATION,
    boundary_text,
    info_bar_source,
    json_ld_publisher,
    meta_outlet,
    reprint_origin,
)
from editor.ingest.page_address import page_address, resolve_root_images

# Body containers of the portals in daily use (id or class), most specific first.
CONTENT_SELECTORS = (
    "//*[@id='js_content']",
    "//*[@id='endText']",
    "//*[contains(@class,'post_body')]",
    "//*[@id='artibody']",
    "//*[@id='article_content']",
    "//*[@id='rwb_zw']",
    "//*[contains(@class,'rm_txt_con')]",
    "//*[contains(@class,'news_txt')]",
    "//*[@id='p-detail']",
    "//*[contains(@class,'content-article')]",
    "//*[contains(@class,'article-content')]",
    "//*[contains(@class,'main_content')]",
    "//*[contains(@class,'article_content')]",
    "//*[@id='detail']",
    "//*[contains(@class,'TRS_Editor')]",
    "//*[@id='zoom']",
    "//article",
)
TIME_META = (
    "article:published_time",
    "og:release_date",
    "og:time",
    "publishdate",
    "pubdate",
    "publish_date",
    "publishtime",
    "ptime",
    "apub:time",
    "datepublished",
    "weibo: article:create_at",
    "dc.date",
    "firstpublishedtime",
    "og:article:published_time",
    "article:publish_time",
    "releasedate",
    "dateupdate",
    "weibo: article:update_at",
)
PARAGRAPH_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "td",
        "li",
        "blockquote",
        "pre",
        "dd",
        "center",
        "font",
        "span",
    }
)
SENTENCE_MARKS = re.compile(r"[，。！？；、“”]")
FURNITURE_PARTS = clean.BOILERPLATE_PARTS | {"bottom", "copy", "links", "link", "list", "tags"}
SOURCE_LABEL = re.compile(
    r"(?:文章来源|信息来源|本文来源|来源于|来源|稿源|出处|文章來源|資訊來源|本文來源|來源|出處)"
    r"\s*(?:[:：]|(?=\x1f))\s*"
)
_CJK_NAME = r"[\u4e00-\u9fa5]{1,3}(?:·[\u4e00-\u9fa5]{1,6}|[\u4e00-\u9fa5])(?![\u4e00-\u9fa5])"
_NAME = rf"(?:{_CJK_NAME}(?:[ 、，,]{_CJK_NAME}){{0,3}}|[A-Za-z][A-Za-z .]{{1,24}})"
AUTHOR_LABEL = re.compile(
    rf"(?:作者|撰文|编译|文)\s*[:：/／|丨]\s*(?P<a>{_NAME})"
    rf"|[（(]\s*(?:本报|本台|本网)?(?:特约)?记者\s*[:：]?\s*(?P<b>{_NAME})"
    rf"|记者\s*[:：]\s*(?P<c>{_NAME})"
)


def meta_values(root) -> dict[str, str]:
    """Meta tags by lower-case name, property or itemprop (first one wins)."""
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        key = key.strip().lower()
        content = (meta.get("content") or "").strip()
        if key and content and key not in values:
            values[key] = content
    return values


def _text(element) -> str:
    return clean.normalize_space(element.text_content()) if element is not None else ""


TITLE_LABELS = frozenset({"原创", "独家", "置顶", "热", "荐", "图", "视频", "推荐", "转载"})


def _heading_text(heading) -> str:
    """A heading's text without label badges such as <span>原创</span>."""
    text = _text(heading)
    for child in heading.iterdescendants():
        label = _text(child) if isinstance(child.tag, str) else ""
        if label in TITLE_LABELS and text.startswith(label):
            text = text[len(label) :].strip()
        elif label and NAVIGATION.fullmatch(label.strip("【】[] ")) and text.endswith(label):
            text = text[: -len(label)].strip()  # a 打印 or 【纠错】 link inside the headline
    return text


def find_title(root, meta: dict[str, str]) -> str:
    """The headline: an <h1> the <title> agrees with, else og:title or <title> unsuffixed."""
    head_title = _text(root.find(".//title"))
    og = meta.get("og:title") or meta.get("twitter:title") or meta.get("title") or ""
    references = [t for t in (head_title, og) if t]
    best = ""
    for tag in ("h1", "h2"):
        for heading in root.iter(tag):
            text = _heading_text(heading)
            if not 4 <= len(text) <= 120:
                continue
            if any(text in ref or strip_site_suffix(ref) in text for ref in references):
                if len(text) > len(best):
                    best = text
        if best:
            return clean_title(best)
    if og:
        return clean_title(strip_site_suffix(og))
    if head_title:
        return clean_title(strip_site_suffix(head_title))
    for tag in ("h1", "h2"):
        for heading in root.iter(tag):
            text = _text(heading)
            if 4 <= len(text) <= 120:
                return clean_title(text)
    return ""


def _own_text(element) -> str:
    """Text of an element outside its block children (what it shows as its own paragraphs)."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag and tag not in clean.BLOCK_TAGS:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return "".join(parts)


def _link_text_length(element) -> int:
    return sum(len((a.text_content() or "").strip()) for a in element.iter("a"))


def find_content(root):
    """The element that holds the article body: a known portal container, narrowed to its
    densest part when the container also holds a side column."""
    scope = None
    for selector in CONTENT_SELECTORS:
        for found in root.xpath(selector):
            text = found.text_content()
            if len(SENTENCE_MARKS.findall(text)) >= 3 and len(text.strip()) >= 60:
                scope = found
                break
        if scope is not None:
            break
    best = _densest(scope if scope is not None else root)
    if scope is None or best is None:
        return best if best is not None else scope
    inner, total = _marks_outside_links(best), _marks_outside_links(scope)
    return best if inner >= total * 0.6 else scope


def _marks_outside_links(element) -> int:
    """Sentence punctuation in an element's own prose (link texts left out)."""
    marks = len(SENTENCE_MARKS.findall(element.text_content()))
    return marks - sum(len(SENTENCE_MARKS.findall(a.text_content())) for a in element.iter("a"))


def _densest(root):
    """The element with the most paragraph text and the least link text (readability-like)."""
    scores: dict = {}
    for element in root.iter():
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag not in PARAGRAPH_TAGS:
            continue
        own = _own_text(element).strip()
        if len(own) < 12:
            continue
        punctuation = len(SENTENCE_MARKS.findall(own))
        if punctuation == 0 and len(own) < 40:
            continue
        score = 1 + punctuation + min(len(own) / 60, 5)
        holder = element if tag in ("div", "section", "article", "td") else element.getparent()
        if holder is None:
            continue
        if clean.class_parts(holder) & FURNITURE_PARTS:
            score *= 0.2
        scores[holder] = scores.get(holder, 0) + score
        parent = holder.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + score / 2
    best, best_score = None, 0.0
    for element, score in scores.items():
        length = len(element.text_content()) or 1
        score *= 1 - min(_link_text_length(element) / length, 1)
        if score > best_score:
            best, best_score = element, score
    return best


SEGMENT = "\x1f"  # joins the text pieces of the info line; names never cross it


def _segments(root, title: str, content) -> list[str]:
    """Text pieces (element texts and tails, in reading order) from the headline to the body."""
    pieces: list[str] = []
    started = not title
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if element is content:
            break
        text = element.text if event == "start" else element.tail
        if event == "start" and not isinstance(element.tag, str):
            continue
        text = clean.normalize_space(text or "")
        if not text:
            continue
        if not started and (title in text or (len(text) > 3 and text in title)):
            started = True
            pieces.clear()
            continue
        pieces.append(text)
        if started and len(pieces) > 80:
            break
    return pieces[-60:] if not started else pieces[:80]


def _info_window(root, title: str, content) -> tuple[str, str]:
    """The text between the headline and the body (date, 来源, 作者 live there), with the
    body's first lines (they often hold 来源 and 记者 too); and that text without them."""
    pieces = _segments(root, title, content)
    header = SEGMENT.join(pieces)
    if content is not None:
        lead = [clean.normalize_space(t) for t in content.itertext()]
        pieces += [t for t in lead if t][:6]
    return SEGMENT.join(pieces), header


def find_source(root, window: str, meta: dict[str, str], bar: str = "") -> tuple[str, str]:
    """(来源 outlet, its link) from the info line, else the info bar's unlabelled item `bar`,
    else meta tags."""
    name = ""
    match = SOURCE_LABEL.search(window)
    if match:
        rest = window[match.end() :].lstrip(SEGMENT + " ")
        piece = rest.split(SEGMENT, 1)[0]
        name = cut_navigation(STOP_AT.split(piece, maxsplit=1)[0]).strip(" ：:，,")
        if len(name) > 30:
            name = ""
    name = name or bar
    if not name:
        for key in ("source", "og:site_name", "mediaid", "article:author"):
            value = SOURCE_LABEL.sub("", meta.get(key, "")).strip()
            if value and not value.isdigit() and not value.startswith("http"):
                name = value.split()[0]
                break
    name = re.sub(r"\s+", " ", name)[:40]
    link = ""
    if name:
        for anchor in root.iter("a"):
            if clean.normalize_space(anchor.text_content()) == name:
                href = anchor.get("href", "")
                parent_text = _text(anchor.getparent())
                if href.startswith(("http", "//")) and (
                    "来源" in parent_text or len(parent_text) < 40
                ):
                    link = clean.link_target(href, "")
                    break
    return name, link


OUTLET = re.compile(
    r"^[\u4e00-\u9fa5·]{2,14}(?:报|网|社|新闻|日报|晚报|周刊|杂志|电视台|客户端|时报|之声)$"
)
SLASH_BYLINE = re.compile(
    r"^(?P<name>[\u4e00-\u9fa5·]{2,4})\s*[/／]\s*(?P<outlet>[\u4e00-\u9fa5·]{2,14})$"
)


def outlet_near_date(window: str) -> tuple[str, list[str]]:
    """(来源, reporters) from an unlabelled info line: `石佳/中国青年报 2019-09-24 09:10` or
    `原创 南方都市报 2019-09-09 16:01:46`."""
    pieces = window.split(SEGMENT)
    for index, piece in enumerate(pieces[:30]):
        if not DATE_ONLY.match(piece):
            continue
        for near in (pieces[index - 1] if index else "", *pieces[index + 1 : index + 2]):
            near = near.strip()
            slash = SLASH_BYLINE.match(near)
            if slash and OUTLET.match(slash.group("outlet")):
                return slash.group("outlet"), [slash.group("name")]
            if OUTLET.match(near):
                return near, []
        break
    return "", []


INFO_PIECE = re.compile(
    r"(?:发布时间|发布日期|时间|来源于?)[:：]|^\s*(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}"
)


def title_near_date(root, content) -> str:
    """The line printed just above the first date/来源 line before the body, if any."""
    pieces = _segments(root, "\x00", content)
    for index, piece in enumerate(pieces):
        if INFO_PIECE.search(piece):
            for before in reversed(pieces[max(0, index - 3) : index]):
                before = before.strip()
                if 6 <= len(before) <= 80 and SENTENCE_MARKS.findall(before).__len__() <= 4:
                    return clean_title(before)
            return ""
    return ""


def find_authors(window: str, meta: dict[str, str]) -> list[str]:
    """Author or reporter names from the info line or the author meta tag."""
    for match in AUTHOR_LABEL.finditer(window):
        text = match.group("a") or match.group("b") or match.group("c") or ""
        names = [n for n in split_people(text) if is_person(n)]
        if names:
            return names
    for piece in window.split(SEGMENT)[:40]:  # a byline line of its own: 澎湃新闻记者 贺梨萍
        credits = lead_byline(piece) if len(piece) <= 30 else None
        if credits:
            names = [n for n in credits.reporters if is_person(n)]
            if names:
                return names
    author = meta.get("author", "")
    if author and not author.isdigit() and not author.startswith("http") and len(author) <= 20:
        return [n for n in split_people(author) if is_person(n)]
    return []


DATE_ONLY = re.compile(
    r"^\s*(?:发布时间[:：]?\s*)?(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
)
LABELLED_TIME = re.compile(
    r"(?:发布日期|发布时间|时间)[:：]\s*(?:19|20)\d\d[-/.年][^\s]*(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)
SCRIPT_TIME = re.compile(r"""\b(?:var\s+)?(?:ct|publish_time|pubtime)\s*=\s*["']?(\d{10})["']?""")


def find_publish_time(
    meta: dict[str, str],
    window: str,
    root,
    url: str,
    html: str = "",
    header: str | None = None,
    tail: str = "",
) -> datetime | None:
    """When the page says it was published: meta tags, <time>, the info line, a labelled
    `发布日期：` under the body, the URL, a script; a date the body's first sentence mentions
    (`2019年2月27日下午，…`) only when the page labels none."""
    shown = parse_datetime(window.replace(SEGMENT, " "))
    for key in TIME_META:
        found = parse_datetime(meta.get(key, ""))
        if found:
            if shown and shown.date() == found.date() and (shown.hour or shown.minute):
                return shown  # the time the page shows its readers
            return found
    for time in root.iter("time"):
        found = parse_datetime(time.get("datetime", "") or _text(time))
        if found:
            return found
    found = parse_datetime((window if header is None else header).replace(SEGMENT, " "))
    labelled = LABELLED_TIME.search(tail)
    if found is None and labelled:
        found = parse_datetime(labelled.group(0))
    found = found or parse_datetime(window.replace(SEGMENT, " ")) or date_from_url(url)
    found = found or _marked_time(root)
    if found is None and html:  # WeChat writes the time into a script: var ct = "1581470000"
        stamp = SCRIPT_TIME.search(html)
        if stamp:
            found = datetime.fromtimestamp(int(stamp.group(1)), BEIJING).replace(tzinfo=None)
    return found


TIME_PARTS = frozenset({"time", "date", "pubtime", "pubdate", "publish", "ptime"})
FULL_TIME = re.compile(
    r"^\s*(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s+\d{1,2}:\d{2}(?::\d{2})?\s*$"
)


def _marked_time(root) -> datetime | None:
    """A full date and time alone in an element marked as the time (`<span class="time">`),
    wherever the page lays it out (a gallery prints it under the pictures)."""
    for element in root.iter("span", "div", "p", "em", "i"):
        if clean.class_parts(element) & TIME_PARTS:
            text = _text(element)
            if FULL_TIME.match(text):
                return parse_datetime(text)
    return None


BEIJING = timezone(timedelta(hours=8))  # Chinese pages mean Beijing time


def extract_html(html: str, url: str = "") -> ExtractedArticle:
    """Read a news page into fields for review; raises ValidationError without an article."""
    root = clean.parse_html(html)
    if root is None:
        raise ValidationError(tr("The page is empty."))
    meta = meta_values(root)
    canonical = ""
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href", "").startswith(
            "http"
        ):
            canonical = link.get("href")
            break
    original = canonical or (
        meta.get("og:url") if meta.get("og:url", "").startswith("http") else ""
    )
    original = original or url
    base = url or original
    address = None if base else page_address(root)  # a page saved without its address
    if address is not None and address.exact:
        base = address.url
    title = find_title(root, meta)
    publisher = json_ld_publisher(root)
    # An HTML5 article's own <footer> (dropped with the page's) may credit the 责编.
    credits = " | ".join(boundary_text(f) for f in root.xpath("//article//footer"))
    clean.clean_tree(root, drop_boilerplate=False)
    body_root = root  # not <body>: broken pages put the article after </body> or </html>
    content = find_content(body_root)
    near = title_near_date(body_root, content)
    if near and (len(title) < 6 or (near != title and near in title)):
        title = near  # the headline printed above the date line, not the channel name
    window, header = _info_window(body_root, title, content)
    article = ExtractedArticle(format="html", origin=url)
    if content is None:
        raise ValidationError(tr("No article text found on the page."))
    # Metadata that sits inside the body container goes with the furniture.
    for heading in content.iter("h1"):
        if _text(heading) == title:
            clean.remove_element(heading)
    furniture = boundary_text(content)[-600:]  # a 责编 in the container's own footer
    clean.clean_tree(content, drop_boilerplate=True)
    body = trim_body(clean.element_to_markdown(content, base), article)
    if address is not None and not address.exact:
        body = resolve_root_images(body, address.url)
    if not title:
        raise ValidationError(tr("The page has no title."))
    bar = info_bar_source(body_root, title, content)
    source, source_link = find_source(body_root, window, meta, bar)
    if not source:
        source, source_link = find_source(
            body_root, SEGMENT.join(_segments(body_root, "\x00", content)), {}
        )
    source = source or fields_source(article)
    if not source:
        source, credited = outlet_near_date(window)
        if credited:
            article.fields.setdefault("reporters", credited)
    if not source or source == "微信公众平台":  # a self-media account is its posts' 来源
        source = account_name(root) or source
    tail = _tail_text(body_root, content)
    editor = find_editor(window) or find_editor(tail) or find_editor(f"{furniture} | {credits}")
    if not source:  # some blogs print 来源 and the date under the article
        source, source_link = find_source(body_root, SEGMENT + tail.replace(" ", SEGMENT), {})
    # Weaker evidence: an outlet named as author, JSON-LD's publisher, a reprint's origin.
    source = source or meta_outlet(meta) or publisher or reprint_origin(f"{window} {tail}")
    fields = article.fields
    fields.pop("_source", None)
    fields.setdefault("reporters", find_authors(window, meta))
    fields.setdefault("photographers", [])
    if editor:
        fields.setdefault("responsible_editor", editor[0])
    fields.setdefault("responsible_editor", "")
    fields.update(
        title=title,
        body=body,
        source=source,
        source_url=original,
        publish_time=find_publish_time(meta, window, root, original, html, header, tail),
        summary=(meta.get("description") or meta.get("og:description") or "")[:300],
        tags=[],
    )
    article.source_link = source_link if _has_host(source_link) else ""
    picture = meta.get("og:image") or meta.get("twitter:image") or ""
    article.cover_candidate = clean.link_target(picture, base) if picture else ""
    if re.search(r"!\[[^\]]*\]\((?!https?:|data:|asset:)", body):
        if address is not None:  # the site is known, the page's folder is not
            article.warnings.append(
                tr(
                    "Some images have addresses relative to the page's folder on {url}; give the "
                    "page's URL to resolve them.",
                    url=address.url,
                )
            )
        else:
            article.warnings.append(
                tr(
                    "Some images have relative addresses; give the page's URL to resolve them.",
                )
            )
    if fields["summary"] and fields["summary"] in title:
        fields["summary"] = ""
    if not fields["publish_time"]:
        article.warnings.append(tr("No publish time found on the page."))
    if not source:
        article.warnings.append(tr("No 来源 found on the page."))
    crumbs = breadcrumb(body_root)
    if crumbs:
        article.section_candidates.append(crumbs)
    return article


ACCOUNT_CLASSES = ("author-name", "account-name", "media-name")


def account_name(root) -> str:
    """The account a self-media page belongs to (WeChat `#js_name`, Baijiahao
    `.author-name`): plain text, not a link to a column."""
    account = root.find(".//*[@id='js_name']")
    if account is not None and _text(account):
        return _text(account)
    for element in root.iter("p", "span", "div"):
        names = (element.get("class") or "").lower().split()
        if any(name in ACCOUNT_CLASSES for name in names):
            text = _text(element)
            if 2 <= len(text) <= 20 and element.find(".//a") is None:
                return text
    return ""


def _has_host(url: str) -> bool:
    from urllib.parse import urlsplit

    return "." in (urlsplit(url).hostname or "") if url else False


def _tail_text(body_root, content) -> str:
    """Text right after the body container (where many portals print 责任编辑)."""
    parts = []
    node = content
    for _ in range(4):
        sibling = node.getnext()
        while sibling is not None and len(" ".join(parts)) < 300:
            if isinstance(sibling.tag, str):
                parts.append(boundary_text(sibling))
            sibling = sibling.getnext()
        node = node.getparent()
        if node is None or node is body_root:
            break
    return " ".join(parts)[:600]


def breadcrumb(root) -> list[str]:
    """Section names of a `首页 > 频道 > 栏目` trail, when the page shows one."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        parts = clean.class_parts(element)
        if parts & {"breadcrumb", "crumb", "crumbs", "position", "location", "path", "weizhi"}:
            names = [_text(a) for a in element.iter("a")]
            names = [n for n in names if n and n not in ("首页", "主页", "网站首页", "正文")]
            if 0 < len(names) <= 4:
                return names
    return []
