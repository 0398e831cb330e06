"""Plain prose bodies skip Python-Markdown: the shortcut must give the parser's bytes for
every body it takes, and leave every other body to the parser."""

from __future__ import annotations

import random

import pytest

from editor.publish.markdown import (
    parse_markdown,
    plain_paragraphs,
    render_markdown,
    sanitize,
)
from tests.shared_fixtures import SHARED, missing

PAGES = SHARED / "fixtures" / "cn-news-pages"
SEED = SHARED / "seeds" / "000_3021b4d87fc04072.txt"

# every ASCII character and some that look like syntax or space in other scripts
CHARACTERS = [chr(code) for code in range(128)] + list(
    "甲，。、“”‘’：；！？（）《》—…·•＃＊＿｜［］é😀\u0301\u3000\u00a0\u2028\u200b\ufeff１٣²"
)
# each character at the start, middle and end of lines and paragraphs, doubled, tripled,
# before list-like dots and spaces, and on a line of its own under a paragraph
SHAPES = [
    "{c}",
    "{c}{c}{c}",
    "甲{c}",
    "{c}甲",
    "甲{c}乙",
    "甲 {c}乙",
    "甲{c} 乙",
    "甲{c}{c}{c}乙",
    "甲{c}\n乙",
    "甲\n{c}乙",
    "甲\n{c}\n乙",
    "甲\n{c}{c}{c}",
    "甲\n\n{c}",
    "{c}\n\n甲",
    "甲\n\n{c}{c}{c}\n\n乙",
    "{c}. 甲",
    "{c}.甲",
    "{c} 甲",
    "{c}{c} 甲",
    "{c}{c}. 甲",
    "1{c}. 甲",
    "{c}1. 甲",
    "甲\n{c}. 乙",
    "甲\n1{c}. 乙",
    "{c}\n===",
    "12{c}",
]


def _same_as_parser(text: str) -> bool:
    """Whether the shortcut took `text`; fails when it took it with other bytes."""
    shortcut = plain_paragraphs(text)
    if shortcut is None:
        return False
    assert shortcut == parse_markdown(text), repr(text)
    assert render_markdown(text) == sanitize(parse_markdown(text)), repr(text)
    return True


def test_every_character_in_every_position_gives_the_parsers_html():
    taken = [_same_as_parser(shape.format(c=c)) for c in CHARACTERS for shape in SHAPES]
    assert taken.count(True) > 1000  # letters, digits, CJK text and prose punctuation
    assert taken.count(False) > 1000  # syntax, whitespace and controls go to the parser


def test_the_sanitiser_gives_plain_paragraphs_back_unchanged_for_every_character():
    checked = 0
    # every code point of the basic plane, every seventh of the others
    for code in [*range(0x10000), *range(0x10000, 0x110000, 7)]:
        html = plain_paragraphs(f"甲{chr(code)}乙\n丙\n\n丁")
        if html is not None:
            assert sanitize(html) == html, hex(code)
            checked += 1
    assert checked > 150000
    assert plain_paragraphs("甲\ud800乙") is None  # the sanitiser refuses lone surrogates


def test_random_prose_gives_the_parsers_html():
    rng = random.Random(14)
    alphabet = list("甲乙丙丁，。、“”：；！？（）１٣") + list("abXZ0189 ,.;:?%/()'\"+=@$-\n")
    taken = 0
    for _ in range(20000):
        taken += _same_as_parser("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))))
    assert taken > 2000


@pytest.mark.parametrize(
    "text",
    [
        "1. 第一条\n\n2. 第二条",  # a numbered list
        "１. 全角数字也是列表",
        "　　首行缩进的段落",  # ideographic spaces are stripped by the parser
        "甲  \n乙",  # a hard line break
        "## 小标题",
        "**重点**",
        "![图](asset:0123456789ab)",
        ":::box 新闻拓展\n内容\n:::",
        "甲 & 乙",
        "<b>甲</b>",
        "甲\r\n乙",
        "甲\t乙",
    ],
)
def test_bodies_with_syntax_or_odd_space_go_to_the_parser(text):
    assert plain_paragraphs(text) is None


def test_typical_news_paragraphs_take_the_shortcut():
    body = (
        "9月3日，2019中国国际智能产业博览会在重庆开幕。\n\n"
        "据介绍，本届博览会共有 500 余家企业参展，展出面积达 18.5 万平方米。\n"
        "记者在现场看到，5G、AI 等新技术吸引了不少观众（见下图说明）。\n\n"
        "Smart China Expo 2019 runs until Sept. 5.\n"
    )
    assert _same_as_parser(body)
    assert plain_paragraphs(body).count("<p>") == 3


def test_demo_site_bodies_render_as_the_parser_renders_them(demo_workspace):
    from editor.content.catalog import load_bodies, load_catalog

    catalog = load_catalog()
    bodies = [body for body, _html, _key in load_bodies(list(catalog.articles)).values()]
    bodies += [page.body or "" for page in catalog.pages]
    assert bodies
    for body in bodies:
        assert render_markdown(body) == sanitize(parse_markdown(body))


def test_real_news_pages_and_generated_bodies_render_as_the_parser_renders_them():
    from editor.ingest.html_page import extract_html

    if not PAGES.is_dir() or not SEED.is_file():
        missing(f"the shared news pages are not at {PAGES}")
    bodies = []
    for page in sorted(PAGES.glob("*.html")):
        raw = page.read_bytes()
        try:
            html = raw.decode("utf-8")
        except UnicodeDecodeError:
            html = raw.decode("gb18030", errors="replace")
        bodies.append(extract_html(html).fields.get("body") or "")
    # bodies shaped like the export benchmark's: paragraphs of the seed page's characters
    characters = [c for c in SEED.read_text(encoding="utf-8") if "\u4e00" <= c <= "\u9fff"]
    rng = random.Random(7)
    for _ in range(50):
        paragraphs = [
            "".join(rng.choice(characters) for _ in range(rng.randint(60, 180))) + "。"
            for _ in range(rng.randint(1, 12))
        ]
        bodies.append("\n\n".join(paragraphs) + "\n")
    taken = [_same_as_parser(body) for body in bodies]
    assert taken.count(True) >= 50
    for body in bodies:
        assert render_markdown(body) == sanitize(parse_markdown(body))
