"""Pinyin order of people's names without loading pypinyin's phrase dictionaries.

`pypinyin.lazy_pinyin` needs the package's phrase dictionary and its segmenter, about 55 MB
of memory, and the main window sorts its reporter and editor pickers as it opens. A name
needs no phrases: each character's first reading from pypinyin's single-character table
(read as a file, without importing the package) gives the same order, and a short table
of polyphonic surnames puts 曾, 单, 区, 查… where a newsroom looks for them.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from array import array
from bisect import bisect_left
from functools import cache
from pathlib import Path

# combining tone marks (after NFD) -> the tone number of pypinyin's TONE3 style
TONES = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
# readings of polyphonic characters as the first character of a name (a surname)
SURNAMES = {
    "曾": "zeng1",
    "单": "shan4",
    "区": "ou1",
    "查": "zha1",
    "解": "xie4",
    "仇": "qiu2",
    "朴": "piao2",
    "乐": "yue4",
    "盖": "ge3",
    "覃": "qin2",
    "缪": "miao4",
    "翟": "zhai2",
    "尉": "yu4",
    "种": "chong2",
    "员": "yun4",
}
TABLE_ENTRY = re.compile(r'"(\d+)"\s*:\s*"([^",]*)')  # a code point and its first reading
COMPOUND_SURNAMES = {
    "诸葛": ["zhu1", "ge3"],
    "尉迟": ["yu4", "chi2"],
    "万俟": ["mo4", "qi2"],
    "长孙": ["zhang3", "sun1"],
    "单于": ["chan2", "yu2"],
}


def tone3(syllable: str) -> str:
    """`zēng` -> `zeng1`, `nǚ` -> `nv3` (pypinyin's TONE3 style); no number for neutral."""
    letters: list[str] = []
    tone = ""
    for char in unicodedata.normalize("NFD", syllable):
        if char in TONES:
            tone = TONES[char]
        elif char == "\u0308" and letters:  # ü
            letters[-1] = "v"
        elif not unicodedata.combining(char):
            letters.append(char)
    return "".join(letters) + tone


class Readings:
    """Character -> its first reading in TONE3 style, kept compact: the code points in one
    sorted array, the index of each one's syllable in another (about 300 KB in all)."""

    def __init__(self, table: str) -> None:
        """`table`: the text of pypinyin's pinyin_dict.json ({"code point": "readings"}),
        read entry by entry (a parsed copy of all of it would cost several MB for good)."""
        syllables: dict[str, int] = {}
        pairs = sorted(
            (int(m[1]), syllables.setdefault(tone3(m[2]), len(syllables)))
            for m in TABLE_ENTRY.finditer(table)
        )
        self.codes = array("I", (code for code, _ in pairs))
        self.ids = array("H", (index for _, index in pairs))
        self.syllables = list(syllables)

    def get(self, char: str, default: str) -> str:
        code = ord(char)
        at = bisect_left(self.codes, code)
        if at < len(self.codes) and self.codes[at] == code:
            return self.syllables[self.ids[at]]
        return default


@cache
def readings() -> Readings | None:
    """The readings of pypinyin's single-character table; None when the table cannot be
    found (then pypinyin itself is used)."""
    spec = importlib.util.find_spec("pypinyin")  # finds the package without importing it
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        table = Path(folder) / "pinyin_dict.json"
        if table.is_file():
            return Readings(table.read_text(encoding="utf-8"))
    return None


def name_key(text: str) -> tuple[str, str]:
    """A sort key putting Chinese names in pinyin order (黄雪松 before 李明 before 王岚),
    tones breaking ties, Latin names among them by their letters."""
    text = text or ""
    table = readings()
    if table is None:
        from pypinyin import Style, lazy_pinyin

        pieces = lazy_pinyin(text, style=Style.TONE3, errors=lambda chars: list(chars))
    else:
        start = COMPOUND_SURNAMES.get(text[:2]) or (
            [SURNAMES[text[0]]] if text[:1] in SURNAMES else []
        )
        pieces = start + [table.get(char, char) for char in text[len(start) :]]
    return (" ".join(piece.lower() for piece in pieces), text)
