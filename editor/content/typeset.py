"""一键排版: tidy a body the way portal editors expect before publishing.

* empty paragraphs go (blank lines of full-width spaces, `&nbsp;` paragraphs);
* the leading 　　 of a paragraph goes (the theme indents first lines with CSS);
* spaces between two Chinese characters, or between a Chinese character and Chinese
  punctuation, go;
* half-width , ; : ? ! between Chinese characters become full-width, and half-width
  parentheses around Chinese text next to Chinese text become （）.

Code (fenced blocks and `inline code`) and link or image addresses are left alone, and
Markdown structure (headings, lists, quotes, tables, the side box) is kept.
"""

from __future__ import annotations

import re

from editor.content.text import CJK_IDEOGRAPHS

CJK = CJK_IDEOGRAPHS
CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201f\u2026\u2014"
_HAN = f"[{CJK}]"
_HAN_OR_PUNCT = f"[{CJK}{CJK_PUNCT}]"
FULL_WIDTH = {",": "\uff0c", ";": "\uff1b", ":": "\uff1a", "?": "\uff1f", "!": "\uff01"}

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_EMPTY_PARAGRAPH = re.compile(r"^(?:[ \t\u3000\u00a0]|&nbsp;|&#160;)*$")
_LEADING = re.compile(r"^[ \t]*[\u3000\u00a0][ \t\u3000\u00a0]*")  # not code indentation
_STRUCTURE = re.compile(r"^([ \t]*(?:[-*+]|\d+[.)])[ \t]+|[ \t]*(?:>[ \t]?)+|#{1,6}[ \t]+)")
_PROTECTED = re.compile(r"`[^`\n]*`|\]\([^)\n]*\)|<[^>\n]*>|https?://\S+")
_SPACE_BETWEEN = re.compile(f"(?<={_HAN_OR_PUNCT})[ \t\u00a0]+(?={_HAN_OR_PUNCT})")
_HALF_PUNCT = re.compile(f"(?<={_HAN})[,;:?!](?={_HAN})")
_SPACE_BEFORE_PUNCT = re.compile(f"(?<={_HAN})[ \t\u00a0]+(?=[,;:?!]{_HAN})")
_PARENS = re.compile(f"(?<={_HAN})\\(([^()\\n]*{_HAN}[^()\\n]*)\\)")


def _fix_text(text: str) -> str:
    text = _SPACE_BETWEEN.sub("", text)
    text = _SPACE_BEFORE_PUNCT.sub("", text)
    text = _HALF_PUNCT.sub(lambda m: FULL_WIDTH[m.group(0)], text)
    return _PARENS.sub(lambda m: f"\uff08{m.group(1)}\uff09", text)


def _fix_line(line: str) -> str:
    """One line outside code: its text fixed, code spans and addresses untouched."""
    mark = _STRUCTURE.match(line)
    head = mark.group(1) if mark else ""
    rest = line[len(head) :]
    if not head.strip().startswith(("-", "*", "+")) and not head.strip()[:1].isdigit():
        hard_break = rest.endswith("  ")
        rest = _LEADING.sub("", rest)
        if hard_break and not rest.endswith("  "):
            rest += "  "
    pieces, last = [], 0
    for match in _PROTECTED.finditer(rest):
        pieces.append(_fix_text(rest[last : match.start()]))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(_fix_text(rest[last:]))
    return head + "".join(pieces)


def typeset(body: str) -> str:
    """The body tidied for publishing (see the module notes); code is left as it is."""
    out: list[str] = []
    fence: str | None = None
    for line in body.split("\n"):
        if fence:
            out.append(line)
            if line.strip().startswith(fence):
                fence = None
            continue
        match = _FENCE.match(line)
        if match:
            fence = match.group(1)
            out.append(line)
            continue
        if _EMPTY_PARAGRAPH.match(line):
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(_fix_line(line))
    text = "\n".join(out).strip("\n")
    return text + "\n" if text else ""
