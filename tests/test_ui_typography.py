"""Chinese UI text uses full-width punctuation: a half-width , ( ) : ; ? ! next to Chinese
in the zh_CN messages or in the Chinese source strings of the widgets fails here."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parents[1] / "resources" / "translations"
CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’"
# what keeps its half-width marks: {placeholders}, (&F) menu mnemonics, (*.png) file
# filters, addresses and markup
KEPT = re.compile(
    r"\{[^}]*\}|\(&[A-Za-z]\)|\(\*\.[^)]*\)|[a-z0-9]+://\S*|<[^>]*>|http\(s\)|\?[a-z_]+="
)
HALF_WIDTH_NEXT_TO_CHINESE = re.compile(rf"[{CJK}] *[,():;?!]|[,():;?!] *[{CJK}]")


def half_width_marks(text: str) -> list[str]:
    """The places in `text` where a half-width mark touches a Chinese character."""
    stripped = KEPT.sub("\x00", text or "")
    return [m.group(0) for m in HALF_WIDTH_NEXT_TO_CHINESE.finditer(stripped)]


def test_the_rule_catches_half_width_marks_and_keeps_placeholders():
    assert half_width_marks("新文章,尚未保存") == ["章,"]
    assert half_width_marks("副标题(可选)") == ["题(", "选)"]
    assert half_width_marks("栏目属性:{path}") == ["性:"]
    assert half_width_marks("全部文章 ({count})") == ["章 ("]
    assert half_width_marks("文件(&F)") == []
    assert half_width_marks("图片 (*.png *.jpg)") == []
    assert half_width_marks("用时 {seconds:.1f} 秒，共 {n} 篇（草稿 {d}）") == []


def test_chinese_messages_use_full_width_punctuation():
    catalog = json.loads((TRANSLATIONS / "messages_zh_CN.json").read_text(encoding="utf-8"))
    wrong = {
        english: chinese
        for english, chinese in catalog.items()
        if isinstance(chinese, str) and half_width_marks(chinese)
    }
    assert len(catalog) > 100
    assert wrong == {}


def test_chinese_widget_strings_use_full_width_punctuation():
    tree = ET.parse(TRANSLATIONS / "newsdesk_en.ts")
    sources = [m.find("source").text or "" for m in tree.iter("message")]
    wrong = sorted({source for source in sources if half_width_marks(source)})
    assert len(sources) > 100
    assert wrong == []
