"""Markdown blocks of a converted page and the rules that look at their neighbours.

A wholly bold short line may be a sub-heading (`##`) or only emphasis: a line that carries
on the sentence before it, opens a bold passage set line by line, credits a quotation (`——（汉）东方朔`)
or names the writers (`执笔/…`) stays a bold paragraph. A short paragraph after an image
becomes the image's caption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BOLD_ONLY = re.compile(r"^\*\*([^*]+)\*\*$")
SENTENCE_END = tuple("。！？；：，、,.!?;:…")
# A bold line after one of these marks finishes the sentence before it (not a heading).
_CONTINUED = tuple("，、；;,")
_UNESCAPE = re.compile(r"\\([\\`*_\[\]])")
# `执笔/张三`, `文｜李四`, `编辑：王五`: a credit line, never a heading.
_CREDIT = re.compile(
    r"^(?:执笔|主笔|撰文|撰稿|文|作者|编辑|编译|统筹|策划|监制|图|摄影|摄像|图片|视频|"
    r"校对|审核|美编|设计|制图|出品)\s*[/／|｜丨:：]"
)
_ATTRIBUTION = ("—", "－", "–", "-", "~", "～")
CAPTION_STARTS = (
    "图为",
    "图:",
    "图：",
    "▲",
    "△",
    "↑",
    "(图",
    "（图",
    "图片",
    "上图",
    "下图",
    "左图",
    "右图",
    "资料图",
)


def _plain(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text.replace("**", "")).strip()


@dataclass
class Block:
    """One Markdown block while a page is converted."""

    kind: str  # "p", "h", "img", "raw"
    text: str = ""
    level: int = 2
    centered: bool = False
    caption_like: bool = False
    src: str = ""
    alt: str = ""
    caption: str = ""
    from_bold: bool = False  # a heading guessed from a wholly bold paragraph

    def render(self) -> str:
        if self.kind == "h":
            return "#" * self.level + " " + self.text
        if self.kind == "img":
            alt = self.alt.replace("[", "(").replace("]", ")")
            if self.caption:
                return f'![{alt}]({self.src} "{self.caption.replace(chr(34), chr(39))}")'
            return f"![{alt}]({self.src})"
        return self.text


def is_subheading(text: str) -> bool:
    """A short, wholly bold paragraph without closing punctuation reads as a sub-heading
    (not a quotation's attribution `——（宋）陆游` nor a credit line `执笔/…`)."""
    text = text.strip()
    return (
        0 < len(text) <= 32
        and not text.rstrip('”’"」』').endswith(SENTENCE_END)
        and not text.startswith(("(", "（", "记者", "来源", "责编", "编辑", "原标题", "图"))
        and not text.startswith(_ATTRIBUTION)
        and not _CREDIT.match(text)
        and "记者" not in text
        and "http" not in text
    )


def _is_bold_line(block: Block) -> bool:
    return (block.kind == "p" and bool(BOLD_ONLY.match(block.text))) or (
        block.kind == "h" and block.from_bold
    )


def settle_headings(blocks: list[Block]) -> list[Block]:
    """Turn guessed headings back into bold paragraphs where the text around shows they are
    emphasis: the paragraph before breaks off mid-sentence (`请大家互相转告通知，`), or the
    next line is bold too and breaks off mid-sentence (a bold passage set line by line)."""
    for index, block in enumerate(blocks):
        if block.kind != "h" or not block.from_bold:
            continue
        before = blocks[index - 1] if index else None
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        continued = (
            before is not None
            and before.kind in ("p", "h")
            and _plain(before.text).endswith(_CONTINUED)
        )
        run = after is not None and _is_bold_line(after) and _plain(after.text).endswith(_CONTINUED)
        if continued or run:
            blocks[index] = Block("p", f"**{block.text}**", centered=block.centered)
    return _number_headings(blocks)


_ORDINAL = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[IVX]{1,4})[.、．]?$")


def _number_headings(blocks: list[Block]) -> list[Block]:
    """A section number set as a heading of its own above the section's heading
    (`## 1` then `## 全国名校长…`) joins it: `## 1 全国名校长…`."""
    result: list[Block] = []
    for block in blocks:
        previous = result[-1] if result else None
        if (
            block.kind == "h"
            and previous is not None
            and previous.kind == "h"
            and _ORDINAL.match(previous.text.strip())
        ):
            result[-1] = Block(
                "h",
                f"{previous.text.strip()} {block.text}",
                level=block.level,
                from_bold=block.from_bold,
                centered=block.centered,
            )
            continue
        result.append(block)
    return result


def attach_captions(blocks: list[Block]) -> list[Block]:
    """Give each image the short caption paragraph that follows it (and drop that paragraph)."""
    result: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        result.append(block)
        index += 1
        if block.kind != "img" or block.caption or index >= len(blocks):
            continue
        following = blocks[index]
        if following.kind == "p" and _looks_like_caption(following, block):
            block.caption = _UNESCAPE.sub(r"\1", following.text.replace("**", ""))
            if not block.alt:
                block.alt = block.caption[:60]
            index += 1
    return result


def _looks_like_caption(paragraph: Block, image: Block) -> bool:
    plain = _UNESCAPE.sub(r"\1", paragraph.text.replace("**", "")).strip()
    if len(plain) > 90 or "![" in plain or "](" in plain:
        return False
    if paragraph.caption_like or plain.startswith(CAPTION_STARTS) or plain == image.alt:
        return True
    return paragraph.centered and len(plain) <= 70


def render_blocks(blocks: list[Block]) -> str:
    """Join blocks with blank lines; repeated identical images are kept once."""
    out: list[str] = []
    for block in blocks:
        text = block.render().strip("\n")
        if text and not (out and block.kind == "img" and out[-1] == text):
            out.append(text)
    return "\n\n".join(out) + "\n" if out else ""
