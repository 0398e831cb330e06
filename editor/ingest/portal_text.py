"""Scraped text of a portal article page (what "select all, copy" gives from a browser).

Recognises the anatomy of such a page: site header, two-level navigation (`  • 栏目` and
`    •    子栏目   子栏目`), breadcrumb (`首页 > 华商走世界 > 川商走世界 >`), title, the meta
line (`2023-11-23 | 来源:成都日报`), the font-size toggle, the body with sub-headings and a
boxed side note (`新闻拓展`), the `(…记者 … 摄影 …)` byline, `(责编:…)`, the section's partner
block, 相关新闻, 热门排行 and the footer.
"""

from __future__ import annotations

import re

from editor.errors import ValidationError
from editor.i18n import tr
from editor.ingest import clean
from editor.ingest.fields import (
    DATE_TIME,
    ExtractedArticle,
    clean_title,
    find_editor,
    parse_datetime,
    take_credits,
)

BULLET = re.compile(r"^(?P<indent>\s*)[•·●▪◦]\s*(?P<text>.*)$")
BREADCRUMB = re.compile(
    r"^\s*(?:首页|主页|网站首页|当前位置[:：]?\s*首页)\s*(?:>|›|»|→|/)\s*(?P<rest>.*)$"
)
SOURCE = re.compile(r"(?:来源|稿源|出处|來源|出處)\s*[:：]\s*(?P<name>[^|丨\s]+)")
AUTHOR = re.compile(r"(?:作者|记者)\s*[:：]\s*(?P<name>[^|丨]+?)\s*(?:[|丨]|$)")
TOGGLES = frozenset(
    {
        "小字号",
        "大字号",
        "中字号",
        "字号",
        "打印",
        "关闭",
        "分享",
        "分享到",
        "收藏",
        "A+",
        "A-",
        "【大 中 小】",
        "[大 中 小]",
        "大 中 小",
    }
)
BOX_LABELS = (
    "新闻拓展",
    "新闻链接",
    "背景链接",
    "相关链接",
    "知识链接",
    "记者手记",
    "小贴士",
    "背景资料",
    "延伸阅读",
    "新闻背景",
    "链接",
)
END_MARKERS = re.compile(
    r"^\s*(?:相关新闻|相关阅读|相关文章|热门排行|热门文章|热点推荐|推荐阅读|猜你喜欢|上一篇|"
    r"下一篇|网友评论|我要评论|返回顶部)\s*[:：]?\s*$"
)
FOOTER = re.compile(r"ICP备|备案号|版权所有|版 权 所 有|Copyright|关于我们|联系我们|投稿邮箱")
PARTNER = re.compile(r"战略合作单位|合作单位|联系人\s*[:：]|微信号\s*[:：]")
SENTENCE_END = tuple('。！？!?；;：:，,、…”"）)')


def parse_navigation(lines: list[str]) -> list[tuple[str, list[str]]]:
    """The two-level section tree of the navigation bullets (首页 left out)."""
    tree: list[tuple[str, list[str]]] = []
    base = None
    for line in lines:
        match = BULLET.match(line)
        if not match:
            if tree and line.strip():
                break  # the navigation is the first run of bullets; later lists are 相关新闻 etc.
            continue
        indent = len(match.group("indent").expandtabs(4))
        names = [
            n.strip() for n in re.split(r"\s{2,}|\t", match.group("text").strip()) if n.strip()
        ]
        if not names:
            continue
        if base is None:
            base = indent
        if indent <= base:
            for name in names:
                if name not in ("首页", "主页"):
                    tree.append((name, []))
        elif tree:
            tree[-1][1].extend(n for n in names if n not in tree[-1][1])
    return tree


def _is_subheading(line: str) -> bool:
    return (
        2 <= len(line) <= 30
        and not line.endswith(SENTENCE_END)
        and not line.startswith(("(", "（"))
    )


def extract_portal_text(text: str, origin: str = "") -> ExtractedArticle:
    """Read a scraped article page into fields for review."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if not any(line.strip() for line in lines):
        raise ValidationError(tr("The file is empty."))
    article = ExtractedArticle(format="text", origin=origin)
    article.navigation = parse_navigation(lines)
    crumb_index, crumbs = None, []
    for index, line in enumerate(lines):
        match = BREADCRUMB.match(line)
        if match and (">" in line or "›" in line or "»" in line):
            crumbs = [
                c.strip() for c in re.split(r"\s*(?:>|›|»|→)\s*", match.group("rest")) if c.strip()
            ]
            crumb_index = index
            break
    meta_index = None
    start = (crumb_index + 1) if crumb_index is not None else 0
    for index in range(start, min(len(lines), start + 40)):
        line = lines[index].strip()
        if (
            DATE_TIME.search(line)
            and len(line) <= 120
            and ("来源" in line or "|" in line or len(line) <= 40)
        ):
            meta_index = index
            break
    title_index = None
    search_from = meta_index if meta_index is not None else start + 1
    for index in range(search_from - 1, start - 1, -1):
        line = lines[index].strip()
        if line and not BULLET.match(lines[index]) and line not in TOGGLES:
            title_index = index
            break
    if title_index is None:
        for index in range(start, len(lines)):
            line = lines[index].strip()
            if line and not BULLET.match(lines[index]):
                title_index = index
                break
    if title_index is None:
        raise ValidationError(tr("No title found in the text."))
    title = clean_title(lines[title_index])
    if len(title) > 200:
        raise ValidationError(
            tr(
                "No title found in the text (the first line is a whole paragraph).",
            )
        )
    fields = article.fields
    fields["title"] = title
    fields["publish_time"] = None
    fields["source"] = ""
    fields["reporters"] = []
    if meta_index is not None:
        meta = lines[meta_index]
        fields["publish_time"] = parse_datetime(meta)
        source = SOURCE.search(meta)
        if source:
            fields["source"] = source.group("name").strip()
        author = AUTHOR.search(meta)
        if author:
            fields["reporters"] = [n for n in re.split(r"[\s、,，]+", author.group("name")) if n]
    body_start = max(i for i in (title_index, meta_index) if i is not None) + 1
    body_lines, rest_lines = _split_body(lines[body_start:])
    paragraphs, credits = take_credits(body_lines)
    fields["reporters"] = credits.reporters or fields["reporters"]
    fields["photographers"] = credits.photographers
    fields["responsible_editor"] = credits.editor
    article.reporter_affiliation = credits.affiliation
    for line in rest_lines:
        editor = find_editor(line)
        if editor and not fields["responsible_editor"]:
            fields["responsible_editor"] = editor[0]
    article.partner_text = _partner_block(rest_lines)
    fields["body"] = _to_markdown(paragraphs)
    fields["source_url"] = ""
    if not fields["body"].strip():
        raise ValidationError(tr("No article text found under the title."))
    if crumbs:
        article.section_candidates.append(crumbs)
    channel = re.match(r"^([^:：]{2,10})[:：]", title)
    if channel:
        article.section_candidates.append([channel.group(1)])
    if not fields["publish_time"]:
        article.warnings.append(tr("No publish time found in the text."))
    return article


def _split_body(lines: list[str]) -> tuple[list[str], list[str]]:
    """(body paragraphs, what follows the body) of the lines under the meta line."""
    body: list[str] = []
    for index, raw in enumerate(lines):
        line = raw.strip().strip("\u3000")
        if not line or line in TOGGLES:
            continue
        if END_MARKERS.match(line) or FOOTER.search(line) or PARTNER.search(line):
            return body, [rest.strip() for rest in lines[index:] if rest.strip()]
        body.append(line)
        editor = find_editor(line)
        if editor and len(line) - len(editor[1].group(0)) < 4:
            return body, [rest.strip() for rest in lines[index + 1 :] if rest.strip()]
    return body, []


def _partner_block(lines: list[str]) -> str:
    """The partner block's text (platform, 战略合作单位, contact), if the page shows one."""
    block = []
    for line in lines:
        if END_MARKERS.match(line) or FOOTER.search(line):
            break
        if PARTNER.search(line) or block:
            block.append(line)
    return "\n".join(block)


def _to_markdown(paragraphs: list[str]) -> str:
    """House Markdown: `##` sub-headings, a `:::box` block for a side note."""
    blocks: list[str] = []
    box: list[str] | None = None
    box_label = ""
    for index, line in enumerate(paragraphs):
        if line in BOX_LABELS and index < len(paragraphs) - 1:
            if box is not None:
                blocks.append(_box(box_label, box))
            box, box_label = [], line
            continue
        text = _escape_start(clean.escape_text(line))
        if box is not None:
            box.append(text)
        elif index > 0 and clean.is_subheading(line) and _is_subheading(line):
            blocks.append(f"## {text}")
        else:
            blocks.append(text)
    if box is not None:
        blocks.append(_box(box_label, box))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _box(label: str, paragraphs: list[str]) -> str:
    return f":::box {label}\n" + "\n\n".join(paragraphs) + "\n:::"


def _escape_start(text: str) -> str:
    if re.match(r"^\d+\.\s", text):
        return re.sub(r"^(\d+)\.", r"\1\\.", text)
    if text[:1] in "#>+" or text.startswith(("- ", ":::")):
        return "\\" + text
    return text
