"""The user's reference page (../shared/seeds/000_3021b4d87fc04072.txt), read as data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tests.shared_fixtures import SHARED

SEED = SHARED / "seeds" / "000_3021b4d87fc04072.txt"
BYLINE = re.compile(
    r"[((](?P<aff>[^()()]*?)记者 (?P<reporters>[^()()]*?) 摄影 "
    r"(?P<photographers>[^()()]*?)[))]\s*$"
)


@dataclass
class SeedPage:
    header: str = ""
    nav: list[tuple[str, list[str]]] = field(default_factory=list)
    breadcrumb: str = ""
    title: str = ""
    date: str = ""
    source: str = ""
    font_toggle: str = ""
    paragraphs: list[str] = field(default_factory=list)  # body, in order
    box_title: str = ""
    box_start: int = 0  # index in paragraphs where the box begins
    affiliation: str = ""
    reporters: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    byline: str = ""
    editor_line: str = ""
    partner_lines: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    hot: list[str] = field(default_factory=list)
    footer_links: str = ""
    mailbox: str = ""
    rights: str = ""
    copyright: str = ""
    back_to_top: str = ""


def is_heading(text: str) -> bool:
    """A short line without closing punctuation: a sub-heading of the body."""
    return len(text) <= 30 and not text.endswith(("。", "”", "!", "?", "!", "?", ")", ")"))


def read_seed() -> SeedPage:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    page = SeedPage(header=lines[0].strip())
    index = 1
    while not lines[index].strip().startswith("首页 >"):
        text = lines[index].strip()
        if text.startswith("•"):
            name = text.lstrip("• ").strip()
            if lines[index].startswith("  • ") and not lines[index].startswith("    "):
                page.nav.append((name, []))
            elif page.nav:
                page.nav[-1][1].extend(n for n in re.split(r"\s{2,}", name) if n)
        index += 1
    page.breadcrumb = lines[index].strip()
    rest = [line.strip() for line in lines[index + 1 :]]
    content = [line for line in rest if line]
    page.title = content[0]
    match = re.match(r"(\d{4}-\d{2}-\d{2}) \| 来源:(.+)", content[1])
    page.date, page.source = match.group(1), match.group(2)
    page.font_toggle = content[2]
    position = 3
    while not content[position].startswith("(责编"):
        page.paragraphs.append(content[position])
        position += 1
    page.editor_line = content[position]
    last = page.paragraphs[-1]
    byline = BYLINE.search(last)
    page.paragraphs[-1] = last[: byline.start()].rstrip()
    page.byline = byline.group(0).strip()
    page.affiliation = byline.group("aff")
    page.reporters = byline.group("reporters").split()
    page.photographers = byline.group("photographers").split()
    box = page.paragraphs.index("新闻拓展")
    page.box_title = page.paragraphs.pop(box)
    page.box_start = box
    position += 1
    while content[position] != "相关新闻":
        page.partner_lines.append(content[position])
        position += 1
    position += 1
    while content[position] != "热门排行":
        page.related.append(content[position].lstrip("• ").strip())
        position += 1
    position += 1
    while content[position].startswith("•"):
        page.hot.append(re.sub(r"^•\s*\d+", "", content[position]))
        position += 1
    page.footer_links, page.mailbox = content[position], content[position + 1]
    page.rights, page.copyright = content[position + 2], content[position + 3]
    page.back_to_top = content[position + 4]
    return page


def body_markdown(page: SeedPage) -> str:
    """The seed's body as the importer would write it: `##` sub-headings and the box."""
    blocks = []
    for index, text in enumerate(page.paragraphs):
        if index == page.box_start:
            blocks.append(f":::box {page.box_title}")
        inside = index >= page.box_start
        blocks.append(text if inside or not is_heading(text) else f"## {text}")
    blocks.append(":::")
    return "\n\n".join(blocks) + "\n"
