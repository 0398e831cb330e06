"""CJK-aware text statistics: characters (not words), paragraphs, reading time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from editor.store.search_index import CJK_CLASS

# Han ideographs alone (no kana): the class the copy checks and 一键排版 read Chinese text by.
CJK_IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_READING_SPEED = 400  # characters a minute, a common figure for Chinese news
LATIN_READING_SPEED = 200  # words a minute


# The patterns are compiled when text is first counted, not when the module loads (a command
# that counts nothing, such as an export, would pay for the CJK classes' tables).
@cache
def _cjk_char() -> re.Pattern:
    return re.compile(f"[{CJK_CLASS}]")


@cache
def _latin_word() -> re.Pattern:
    return re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:[.'’-][A-Za-z0-9\u00c0-\u024f]+)*")


@cache
def _markup() -> tuple[tuple[re.Pattern, str], ...]:
    return (
        (re.compile(r"```.*?```", re.S), " "),  # fenced code
        (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images keep their alt text
        (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links keep their text
        (re.compile(r"<[^>]+>"), " "),  # inline HTML tags
        (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)]|:::\w*|:::)\s?", re.M), ""),  # block marks
        (re.compile(r"[*_`~|]"), ""),
    )


@dataclass(frozen=True)
class TextStats:
    """How long a text is, the way a Chinese newsroom counts."""

    characters: int  # CJK characters plus Latin words (the 字数 editors expect)
    cjk_characters: int
    latin_words: int
    paragraphs: int
    reading_minutes: int


def plain_text(markdown: str) -> str:
    """The readable text of a Markdown body, markup removed."""
    text = markdown or ""
    for pattern, replacement in _markup():
        text = pattern.sub(replacement, text)
    return text


def count_characters(text: str) -> int:
    """字数: each CJK character counts one, each Latin word or number counts one."""
    return len(_cjk_char().findall(text)) + len(_latin_word().findall(text))


def text_stats(markdown: str) -> TextStats:
    """Statistics of a Markdown body."""
    text = plain_text(markdown)
    cjk = len(_cjk_char().findall(text))
    latin = len(_latin_word().findall(text))
    paragraphs = sum(1 for block in re.split(r"\n\s*\n", text) if block.strip())
    minutes = cjk / CJK_READING_SPEED + latin / LATIN_READING_SPEED
    reading = 0 if cjk + latin == 0 else max(1, round(minutes))
    return TextStats(cjk + latin, cjk, latin, paragraphs, reading)
