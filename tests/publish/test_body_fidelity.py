"""Fidelity of edited bodies: blocks, the rendering judge and the blocks given back."""

from __future__ import annotations

from editor.publish.fidelity import (
    compare,
    keep_unchanged_blocks,
    rendering_difference,
    split_blocks,
)

TABLE = "|项目|金额|\n|:-|-:|\n|补贴|10|"
PADDED = "| 项目 | 金额 |\n| :--- | ---: |\n| 补贴 | 10 |"


def test_blocks_keep_boxes_and_fences_whole():
    body = "甲\n\n:::box 新闻拓展\n一\n\n二\n:::\n\n```\nx\n\ny\n```\n\n乙\n"
    assert split_blocks(body) == [
        "甲",
        ":::box 新闻拓展\n一\n\n二\n:::",
        "```\nx\n\ny\n```",
        "乙",
    ]


def test_compare_renders_only_rewritten_blocks_and_vouches_for_them():
    original = f"第一段。\n\n{TABLE}\n\n第三段。\n"
    returned = f"第一段。\n\n{PADDED}\n\n第三段。\n"
    reason, exact = compare(original, returned)
    assert reason is None and exact == {PADDED: TABLE}
    edited = returned.replace("第三段", "第三段新增")
    assert keep_unchanged_blocks(original, returned, edited, exact) == original.replace(
        "第三段", "第三段新增"
    )
    assert keep_unchanged_blocks(original, returned, returned, exact) == original


def test_compare_names_what_would_change():
    reason, exact = compare("<div>手写</div>\n", "手写\n")
    assert exact is None
    assert reason and "div" in reason
    assert rendering_difference("甲\n", "甲\n") is None


def test_without_vouched_blocks_the_merge_is_checked_by_rendering():
    original = f"{TABLE}\n"
    returned = f"{PADDED}\n"
    assert keep_unchanged_blocks(original, returned, f"{PADDED}\n\n新段。\n") == (
        f"{TABLE}\n\n新段。\n"
    )
