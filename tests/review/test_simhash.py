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


def _reference_fingerprint(text: str) -> int:
    """SimHash the plain way: one weight per bit, + or - the count of each feature."""
    from collections import Counter

    from editor.content.simhash import _feature_hash, _features

    weights = [0] * 64
    for feature, count in Counter(_features(text)).items():
        value = _feature_hash(feature)
        for bit in range(64):
            weights[bit] += count if value >> bit & 1 else -count
    return sum(1 << bit for bit, weight in enumerate(weights) if weight > 0)


def test_the_fast_fingerprint_is_the_plain_simhash():
    rng = random.Random(3)
    alphabet = BODY + "Newsdesk 2024 CMS"
    for _ in range(50):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 900)))
        assert fingerprint(text) == _reference_fingerprint(text)


def _near(ws, article_id: int, quick: bool = False) -> list[str]:
    found = ws.checks.run(checks.ARTICLE, [article_id], quick=quick)
    return [f.suggestion for f in found if f.rule == "duplicates.near"]


def test_the_fingerprints_are_kept_in_the_site_and_follow_each_save(workspace):
    from datetime import timedelta

    from editor.content import simhash
    from editor.store.models import Article, Meta, SimhashPrint

    ws = workspace
    with ws.edit():
        section = ws.sections.create("要闻", slug="news").id
        first = ws.articles.create({"title": "大气污染防治", "section": section, "body": BODY})
        short = ws.articles.create({"title": "简讯", "section": section, "body": "简讯。"})
    assert _near(ws, short.id, quick=True) == []  # never fingerprinted: a quick run waits
    assert SimhashPrint.select().where(SimhashPrint.article_id == first.id).count() == 0
    assert _near(ws, short.id) == []  # the full run fingerprints the site once
    kept = {row.article_id: row for row in SimhashPrint.select()}
    assert kept[first.id].value is not None and kept[short.id].value is None
    assert Meta.get(Meta.key == simhash.SYNCED_KEY).value
    with ws.edit():
        copy = ws.articles.create(
            {"title": "转载", "section": section, "body": BODY.replace("昨天", "今天")}
        )
    assert _near(ws, copy.id, quick=True) == [str(first.id)]  # now after each save too
    with ws.edit():
        current = ws.articles.get(first.id)
        ws.articles.update(first.id, {"body": "四川茶企在阿拉木图开设门店。" * 20}, current.version)
    assert _near(ws, copy.id, quick=True) == []  # the earlier text changed: fingerprinted again
    # a save whose clock ran a few minutes behind the last sync is still picked up
    with ws.edit():
        current = ws.articles.get(first.id)
        ws.articles.update(first.id, {"body": BODY}, current.version)
    mark = Meta.get(Meta.key == simhash.SYNCED_KEY)
    late = ws.articles.get(first.id).updated_at - timedelta(minutes=1)
    Article.update(updated_at=late).where(Article.id == first.id).execute()
    Meta.update(value=(late + timedelta(minutes=1)).isoformat()).where(
        Meta.key == simhash.SYNCED_KEY
    ).execute()
    assert mark.value and _near(ws, copy.id, quick=True) == [str(first.id)]
    with ws.edit():
        ws.articles.delete(first.id)
    assert _near(ws, copy.id, quick=True) == []  # a deleted article's print is left out


def test_a_search_in_the_site_is_a_band_lookup(workspace):
    from editor.content.simhash import _keep, near_in_site, print_row

    rng = random.Random(11)
    rows = []
    for key in range(1, 3001):
        row = print_row(key, 1, None, "")
        value = rng.getrandbits(64)
        row["value"] = value - (1 << 64) if value >> 63 else value
        row.update({f"band{b}": value >> (16 * b) & 0xFFFF for b in range(4)})
        rows.append(row)
    _keep(rows)
    target = rows[99]["value"] & ((1 << 64) - 1)
    probe = target ^ (1 << 5) ^ (1 << 60)
    assert near_in_site(probe) == [(100, 2)]
    assert near_in_site(probe ^ 0xFFFF_0000_0000) == []  # a different text
