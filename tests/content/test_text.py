"""CJK-aware text statistics."""

from __future__ import annotations

from editor.content.text import count_characters, text_stats


def test_chinese_counts_characters_not_words():
    assert count_characters("成都与上海交大") == 7
    assert count_characters("共建5个平台,iPhone 15 发布") == 10  # 7 CJK + "5", "iPhone", "15"


def test_markdown_markup_is_not_counted_and_paragraphs_are():
    body = '## 小标题\n\n第一段**加粗**。\n\n![图](asset:abc "图注")\n\n[链接](http://x.cn)'
    stats = text_stats(body)
    assert stats.cjk_characters == len("小标题第一段加粗图链接")
    assert stats.paragraphs == 4


def test_reading_time_for_a_long_article():
    stats = text_stats("字" * 1500)
    assert stats.characters == 1500
    assert stats.reading_minutes == 4
    assert text_stats("").reading_minutes == 0
