"""Near-duplicates by SimHash: a lightly edited copy is found (a warning naming the earlier
article), different articles are not, and the banded index finds what a scan finds."""

from __future__ import annotations

import random

from editor.content import checks
from editor.content.simhash import NEAR, SimHashIndex, distance, fingerprint

BODY = (
    "成都市政府昨天召开常务会议，研究部署今年秋冬季大气污染防治工作。会议指出，"
    "要坚持精准治污、科学治污、依法治污，聚焦重点区域、重点时段和重点行业，"
    "推动空气质量持续改善。会议要求，各区县要压实属地责任，加强工地扬尘、"
    "机动车尾气和餐饮油烟治理，完善重污染天气应急预案，确保各项措施落地见效。"
) * 2


def test_a_lightly_edited_copy_is_near_and_another_text_is_not():
    edited = BODY.replace("昨天", "今天").replace("各区县", "各区（市）县")
    other = "四川茶企在阿拉木图开设门店，带去蒙顶甘露和竹叶青。" * 8
    assert distance(fingerprint(BODY), fingerprint(edited)) <= NEAR
    assert distance(fingerprint(BODY), fingerprint(other)) > NEAR


def test_the_banded_index_finds_what_a_scan_finds():
    rng = random.Random(7)
    index = SimHashIndex()
    prints = {key: rng.getrandbits(64) for key in range(5000)}
    for key, value in prints.items():
        index.add(key, value)
    probe = prints[42] ^ (1 << 3) ^ (1 << 40)  # two bits away
    scan = sorted(k for k, v in prints.items() if distance(v, probe) <= NEAR)
    assert [key for key, _ in index.near(probe)] == scan == [42]
    index.remove(42)
    assert index.near(probe) == []


def test_the_check_warns_and_names_the_earlier_article(workspace):
    ws = workspace
    with ws.edit():
        section = ws.sections.create("要闻", slug="news").id
        first = ws.articles.create({"title": "大气污染防治", "section": section, "body": BODY})
        copy = ws.articles.create(
            {"title": "转：大气污染防治", "section": section, "body": BODY.replace("昨天", "今天")}
        )
        other = ws.articles.create(
            {"title": "茶企", "section": section, "body": "四川茶企在阿拉木图开设门店。" * 20}
        )
    found = [f for f in ws.checks.article(copy.id) if f.rule == "duplicates.near"]
    assert [(f.level, f.suggestion) for f in found] == [(checks.WARNING, str(first.id))]
    assert "大气污染防治" in found[0].message
    assert [f for f in ws.checks.article(other.id) if f.rule == "duplicates.near"] == []
