"""People sort in pinyin order without pypinyin's phrase dictionaries (about 55 MB that the
main window would otherwise load as it opens)."""

from __future__ import annotations

import subprocess
import sys

from editor.content.pinyin_order import name_key, tone3
from editor.content.slugs import pinyin_key


def test_names_sort_in_pinyin_order_with_surname_readings():
    names = ["王岚", "曾小明", "黄雪松", "安娜", "李明", "单田芳", "周德文", "诸葛亮", "Anna"]
    ordered = sorted(names, key=pinyin_key)
    assert ordered == [
        "Anna",
        "安娜",
        "黄雪松",
        "李明",
        "单田芳",
        "王岚",
        "曾小明",
        "周德文",
        "诸葛亮",
    ]
    assert name_key("曾小明")[0] == "zeng1 xiao3 ming2"  # a surname's reading, not ceng
    assert name_key("诸葛亮")[0] == "zhu1 ge3 liang4"
    assert name_key("绿岛")[0].startswith("lv4 ")


def test_tones_break_ties_and_latin_names_keep_their_letters():
    assert tone3("zēng") == "zeng1" and tone3("nǚ") == "nv3" and tone3("de") == "de"
    assert pinyin_key("黎明") < pinyin_key("李明")  # li2 before li3
    assert name_key("Anna")[0] == "a n n a"


def test_sorting_names_loads_no_phrase_dictionary():
    script = (
        "import sys\n"
        "from editor.content.slugs import pinyin_key\n"
        "sorted(['王岚', '黄雪松', '曾小明'], key=pinyin_key)\n"
        "print(sorted(m for m in sys.modules if m.startswith('pypinyin')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"
