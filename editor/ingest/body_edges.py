"""The edges of an extracted body: page furniture, video placeholders and credit lines.

A body cut out of a page still starts and ends with the page's own lines: 原标题, 来源,
`[视频-…]` player links, pagination, `责任编辑：…`, a byline. They are dropped here, and what
they name goes into the article's fields (reporters, photographers, 责编, 来源).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from editor.i18n import tr
from editor.ingest import clean
from editor.ingest.fields import (
    ExtractedArticle,
    find_byline,
    find_editor,
    lead_byline,
    split_people,
)

PUNCTUATION = re.compile(r"[，。！？；：、,.!?;“”]")
NOT_NAMES = frozenset(
    {
        "未知",
        "佚名",
        "网易",
        "网友",
        "小编",
        "admin",
        "本站",
        "系统管理员",
        "管理员",
        "网络整理",
        "整合",
        "综合",
        "报道",
        "编辑",
        "实习生",
        "通讯员",
    }
)
STOP_AT = re.compile(
    r"\s{2,}|[|丨]|\s(?=(?:作者|编辑|责任编辑|发布|时间|阅读|字号|分享|评论|"
    r"参与|我要|\d{4}[-年]))|(?:作者|编辑|责任编辑|发布时间|时间|原标题|记者)[:：]|"
    r"(?:19|20)\d\d[-年/]|\d+\s*人参与|举报|调整字体|字号|打印|关注|分享"
)
# Lines that belong to the page furniture, not to the article.
JUNK_LINE = re.compile(
    r"^(?:[\[【(（]?\s*(?:责任编辑|责编|编辑|原标题|原题为|原题|本文来源|文章来源|来源|声明|免责声明|版权声明|"
    r"特别声明|本文系|本文为|本文来自|转载请|图片来源|纠错|举报|分享到|分享|扫一扫|扫码|长按|点击|"
    r"关注|返回|打开|下载|相关阅读|相关新闻|延伸阅读|推荐阅读|热门推荐|猜你喜欢|更多精彩|"
    r"阅读原文|阅读全文|展开全文|收起全文|查看原文|网友评论|我要评论|参与评论|微信|微博|"
    r"标签|关键词|上一篇|下一篇|版权所有|copyright|Copyright|看都看完了|点【在看】)"
    r"|.*(?:ICP备|版权所有|返回搜狐|查看更多|未经授权|禁止转载|All Rights Reserved|"
    r"Copyright ?©|客户端|APP下载|下载APP).*$)",
    re.I,
)
PAGINATION = re.compile(
    r"^(?:\s*(?:【\d+】|\[\d+\]|\\\[\d+\\\]|上一页|下一页|首页|尾页|\d{1,2}))+\s*$"
)
TRAILING_JUNK = re.compile(
    r"\s*\\?\[?(?:返回\S{0,10}首页|返回\S{0,6}[，,]?\s*查看更多|点击查看更多|进入\S{0,8}专题)"
    r"\\?\]?(?:\([^)\s]*\))?\s*(?:>>|&gt;&gt;|》》|>)?\s*$"
)
_LINK = r"\**\[[^\]]+\]\([^)\s]+\)\**"  # a Markdown link, maybe in bold
# Above the lede, a paragraph that is only a link (a live stream, a topic page) is no text.
LINK_ONLY = re.compile(f"^{_LINK}$")
# The last lines of a body that only link elsewhere: a topic page or an earlier report.
RELATED_LINK = re.compile(
    rf"^(?:(?:此前|相关|前期|往期|更多)(?:报道|资讯|阅读)(?:请关注)?\s*[:：]\s*)?{_LINK}$"
)
# An account's sign-off near the end: what follows is its menu (回复【…】查看…) or its QR code.
FOLLOW_PROMPT = re.compile(r"二维码|公众号|回复【[^】]{1,12}】")
# A site's disclaimer under a reposted article (of any length): only furniture follows it.
DISCLAIMER = re.compile(r"^[\[【(（]?\s*(?:免责声明|版权声明|特别声明|郑重声明)\s*[:：】\]）)]")
HEAD_JUNK = re.compile(
    r"^(?:(?:本文)?原标题[:：]|原创[:：]|图集$|导读[:：]?$|\[?编者按\]?$|\S{0,12}讯\s*$|"
    r"(?:本文|本篇)?(?:转载自|转自)\s*[:：]?\s*\S{2,30}$|"
    r"(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$)"
)


# A line that is only a link to a video (the player's title bar): `[视频-…](http://video.…)`.
VIDEO_LINK = re.compile(
    r"^\**\[(?P<text>[^\]]+)\]\((?P<href>[^)\s]+)\)\**\s*"
    r"(?P<note>[（(][^（()）]{0,24}[）)])?$"
)
VIDEO_HOSTS = ("v.", "video.", "tv.", "vod.", "vid.", "live.")
VIDEO_FILES = (".mp4", ".m3u8", ".flv", ".mov", ".webm")
VIDEO_TEXT = re.compile(r"^(?:[\[【(（]\s*)?视频\s*[】\])）]?\s*[-—:：|丨]?")


def is_video_placeholder(block: str) -> bool:
    """A paragraph that only names a video the page plays (its link or `视频：…` label)."""
    match = VIDEO_LINK.match(block.strip())
    if match:
        text = clean.unescape_text(match.group("text"))
        parts = urlsplit(match.group("href"))
        host, path = (parts.hostname or "").lower(), parts.path.lower()
        return bool(
            VIDEO_TEXT.match(text)
            or host.startswith(VIDEO_HOSTS)
            or "/video/" in path
            or path.endswith(VIDEO_FILES)
            or "视频" in (match.group("note") or "")
        )
    plain = clean.unescape_text(block.replace("**", "")).strip()
    return len(plain) <= 60 and bool(VIDEO_TEXT.match(plain)) and not plain.endswith("。")


def is_person(name: str) -> bool:
    """A name that reads like a person (not a site, a role or a placeholder)."""
    return (
        bool(name)
        and name not in NOT_NAMES
        and "网" not in name
        and "." not in name
        and not name.endswith(("作者", "记者", "部", "中心", "办公室"))
    )


def trim_body(markdown: str, article: ExtractedArticle) -> str:
    """Drop furniture lines and video placeholders; take 责编 and bylines into the fields."""
    blocks = [b for b in markdown.split("\n\n") if b.strip()]
    while blocks and HEAD_JUNK.match(clean.unescape_text(blocks[0])):
        blocks.pop(0)
    for index in (0, 1):  # a byline paragraph at the top: 澎湃新闻记者 段彦超 廖艳
        if index < len(blocks):
            credits = lead_byline(clean.unescape_text(blocks[index].lstrip("#").replace("**", "")))
            if credits:
                article.fields.setdefault("reporters", credits.reporters)
                article.fields.setdefault("photographers", credits.photographers)
                article.reporter_affiliation = article.reporter_affiliation or credits.affiliation
                blocks.pop(index)
                break
    kept: list[str] = []
    end_mark = None  # after a closing 责编/作者 line near the end come only cards and ads
    blocks = [TRAILING_JUNK.sub("", b) for b in blocks]
    for index, block in enumerate(blocks):
        if not block.strip():
            continue
        plain = MD_LINK.sub(r"\1", clean.unescape_text(block.replace("**", ""))).strip()
        near_end = index >= len(blocks) * 0.6
        editor = find_editor(plain)
        if editor and len(plain) - len(editor[1].group(0)) < 12:
            article.fields.setdefault("responsible_editor", editor[0])
            end_mark = len(kept) if near_end else end_mark
            continue
        if PAGINATION.match(plain):
            continue
        if near_end and (
            DISCLAIMER.match(plain) or (len(plain) < 40 and FOLLOW_PROMPT.search(plain))
        ):
            end_mark = len(kept)
            continue
        if is_video_placeholder(block):
            if kept and kept[-1].startswith("![") and '"' not in kept[-1]:
                kept.pop()  # the player's poster frame, shown without a caption
            continue
        if len(plain) < 80 and (META_LINE.match(plain) or JUNK_LINE.match(plain.lstrip("#> "))):
            if editor:
                article.fields.setdefault("responsible_editor", editor[0])
            if _take_meta_line(plain, article) and near_end:
                end_mark = len(kept)
            continue
        if LINK_ONLY.match(block.strip()) and all(b.startswith("![") for b in kept):
            continue  # above the lede: a link to a live stream or a topic page
        kept.append(block)
    if end_mark is not None:
        kept = kept[:end_mark]
    while kept and RELATED_LINK.match(kept[-1].strip()):  # 此前报道：[…](…), a topic's link
        kept.pop()
    while kept and len(clean.unescape_text(kept[-1])) < 16 and not kept[-1].startswith("!["):
        tail = clean.unescape_text(kept[-1])
        if PUNCTUATION.search(tail[:-1]) or tail.endswith("。"):
            break
        kept.pop()
    if kept and _take_credit_line(clean.unescape_text(kept[-1]), article):
        kept.pop()
    if kept:
        byline = find_byline(clean.unescape_text(kept[-1]))
        if byline:
            article.fields.setdefault("reporters", byline.reporters)
            article.fields.setdefault("photographers", byline.photographers)
            article.reporter_affiliation = byline.affiliation
            text = clean.unescape_text(kept[-1])[: byline.start].rstrip()
            kept[-1] = clean.escape_text(text) if text else ""
    return "\n\n".join(b for b in kept if b) + "\n" if any(kept) else ""


META_LINE = re.compile(
    r"^[\[【(（]?\s*(?:本文|文章|信息)?(来源|作者|采写|撰文)\s*[:：]\s*(.+?)\s*[\]】)）]?$"
)


MD_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")


def _take_meta_line(line: str, article: ExtractedArticle) -> bool:
    """`来源：无锡交警`, `作者：余毅菁 向雪妮` at the edge of a body fill the fields."""
    match = META_LINE.match(line)
    if not match:
        return False
    label, value = match.groups()
    value = re.split(r"返回|查看|点击", value)[0]
    if label == "来源":
        value = STOP_AT.split(value, maxsplit=1)[0].strip()
        if value and len(value) <= 30:
            article.fields.setdefault("_source", value)
    else:
        names = [n for n in split_people(re.sub(r"^\S{0,8}记者\s*", "", value)) if is_person(n)]
        if names:
            article.fields.setdefault("reporters", names)
    return True


CREDIT = re.compile(
    r"(?P<label>文字|文|图片|图|摄影|摄|编辑|责编|责任编辑|审核|校对|监制)\s*[/／:：]\s*"
    r"(?P<names>[\u4e00-\u9fa5·]{2,5}(?:[、，,][\u4e00-\u9fa5·]{2,5}){0,3})(?=\s|$)"
)
CONTRIBUTED = re.compile(r"\S{2,30}(?:供稿|供图)(?=\s|$)")


def _take_credit_line(line: str, article: ExtractedArticle) -> bool:
    """A closing line of credits only, `药剂科供稿 摄影/张艳 编辑/苏芳` or `文/张三 图/李四`:
    the names go to reporters, photographers and 责编."""
    line = line.strip()
    credits = list(CREDIT.finditer(line))
    rest = CONTRIBUTED.sub("", CREDIT.sub("", line)).strip(" 。")
    if not credits or rest or len(line) > 80:
        return False
    for match in credits:
        names = [n for n in split_people(match.group("names")) if is_person(n)]
        label = match.group("label")
        if not names:
            continue
        if label in ("文字", "文"):
            article.fields.setdefault("reporters", names)
        elif label in ("图片", "图", "摄影", "摄"):
            article.fields.setdefault("photographers", names)
        elif label in ("编辑", "责编", "责任编辑"):
            article.fields.setdefault("responsible_editor", names[0])
    return True


def fields_source(article: ExtractedArticle) -> str:
    """The 来源 read from a line of the body, if the info line had none."""
    return article.fields.pop("_source", "") or ""


SHORT_BODY = 200  # characters: fewer, and the extraction probably missed the article
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK_TEXT = re.compile(r"\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")


def body_findings(markdown: str) -> list[str]:
    """Warnings the editor must see about an extracted body: too short to be the whole
    article, or mostly link text (a list of links, not the article)."""
    plain = _IMAGE.sub("", markdown or "")
    links = sum(len(re.sub(r"\s", "", m.group(1))) for m in _LINK_TEXT.finditer(plain))
    text = clean.unescape_text(_LINK_TEXT.sub(r"\1", plain))
    characters = len(re.sub(r"[\s#>*_`|-]", "", text))
    findings = []
    if characters < SHORT_BODY:
        findings.append(
            tr(
                "The body is only {characters} characters long: check that the whole article "
                "was found.",
                characters=characters,
            )
        )
    if characters and links > characters * 0.5:
        findings.append(
            tr(
                "Most of the body's text is links ({share:.0%}): check that the article, not a "
                "list of links, was found.",
                share=links / characters,
            )
        )
    return findings
