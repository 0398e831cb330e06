"""The seed: a scraped article page of the portal, imported with every field."""

from __future__ import annotations

from datetime import datetime

from editor.ingest.portal_text import extract_portal_text, parse_navigation

BYLINE = "(成都日报锦观新闻记者 黄雪松 摄影 魏麟潇)"


def _seed_body_lines(seed: str) -> list[str]:
    lines = [line.strip() for line in seed.splitlines()]
    start = lines.index("小字号") + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("(责编"))
    body = [line for line in lines[start:end] if line]
    body[-1] = body[-1].removesuffix(BYLINE)
    return body


def _markdown_lines(body: str) -> tuple[list[str], list[str]]:
    """(paragraph texts in order, sub-headings) of the house Markdown, box markers dropped."""
    texts, headings = [], []
    for block in body.strip().split("\n\n"):
        for line in block.split("\n"):
            if line.startswith(":::box "):
                texts.append(line.removeprefix(":::box "))
            elif line == ":::":
                continue
            elif line.startswith("## "):
                headings.append(line[3:])
                texts.append(line[3:])
            else:
                texts.append(line)
    return texts, headings


def test_seed_fields(seed_text):
    article = extract_portal_text(seed_text)
    fields = article.fields
    assert fields["title"] == "川商走世界:成都与上海交大共建5个高能级研究平台"
    assert fields["publish_time"] == datetime(2023, 11, 23)
    assert fields["source"] == "成都日报"
    assert fields["reporters"] == ["黄雪松"]
    assert article.reporter_affiliation == "成都日报锦观新闻"
    assert fields["photographers"] == ["魏麟潇"]
    assert fields["responsible_editor"] == "网宣黄怡竞"
    assert article.section_candidates[0] == ["华商走世界", "川商走世界"]
    assert article.partner_text.startswith('儒经网"华商走世界"线上线下交流平台,战略合作单位')
    assert article.warnings == []


def test_seed_body_is_identical_with_subheadings_and_box(seed_text):
    body = extract_portal_text(seed_text).fields["body"]
    texts, headings = _markdown_lines(body)
    assert texts == _seed_body_lines(seed_text)
    assert headings == ["引育科技型企业50家 产值超过5亿元", "再度携手上海交大 市校合作“甜蜜”升级"]
    assert ":::box 新闻拓展\n成都已与20家高校\n\n签署市校合作协议\n\n记者从成都市科技局获悉" in body
    assert body.endswith("孵化培育科技型企业超200家。\n:::\n")
    for furniture in (
        "首页",
        "相关新闻",
        "热门排行",
        "备案号",
        "责编",
        "小字号",
        "战略合作单位",
        "记者 黄雪松",
    ):
        assert furniture not in body


def test_seed_navigation_is_the_two_level_tree(seed_text):
    tree = dict(parse_navigation(seed_text.splitlines()))
    assert list(tree)[:3] == ["中国故事", "中国收藏", "中国歌曲"]
    assert tree["华商走世界"] == ["浙商走世界", "川商走世界"]
    assert tree["社科"] == ["法制"]
    assert tree["黄晨灏文集"] == []
    assert len(tree) == 11 and "首页" not in tree


def test_plain_text_without_portal_furniture():
    text = "一篇稿件的标题\n\n2024年3月5日 10:30 来源：成都日报\n\n第一段正文，内容。\n\n小标题\n\n第二段正文。\n"
    article = extract_portal_text(text)
    assert article.fields["title"] == "一篇稿件的标题"
    assert article.fields["publish_time"] == datetime(2024, 3, 5, 10, 30)
    assert article.fields["source"] == "成都日报"
    assert article.fields["body"] == "第一段正文，内容。\n\n## 小标题\n\n第二段正文。\n"
