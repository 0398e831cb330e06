"""Make a large site database for benchmarks: N articles of ~1,500 Chinese characters.

    python benchmarks/make_store_corpus.py [--articles 100000] [--sections 200] [--out PATH]
                                           [--db postgresql://…]

Sections, sources and people go through the services; articles are bulk-inserted with the
same columns the article service writes, then the search index is built in one pass. The
corpus is reused when it already exists with the same size (pass --force to rebuild).
With --db the corpus goes into that PostgreSQL database instead (its tables are replaced).
Prints JSON: path, articles, sections, seconds, bytes.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_OUT = ROOT / "benchmarks" / "data" / "store-100k.newsdesk"

WORDS = (
    "成都 上海 北京 重庆 杭州 深圳 四川 浙江 云南 广东 企业 发展 创新 科技 平台 合作 项目 建设 "
    "经济 文化 旅游 市场 产业 投资 城市 高校 研究院 成果 转化 人才 服务 推进 推动 实现 加快 "
    "提升 打造 举办 签署 协议 会议 活动 政府 部门 领导 专家 记者 采访 表示 介绍 目前 今年 "
    "去年 近年来 同比 增长 数据 显示 万元 亿元 百分之 工作 社会 群众 生活 健康 医疗 养老 教育 "
    "学校 学生 老师 农村 乡村 振兴 生态 环境 保护 绿色 能源 交通 铁路 航空 制造 智能 数字 "
    "网络 信息 电子 产品 品牌 消费 销售 出口 外贸 商会 华商 川商 浙商 海外 国际 交流 友好 "
    "传统 非遗 收藏 瓷器 书画 歌曲 演出 音乐 节目 作家 作品 故事 历史 文物 博物馆 展览 "
    "公园 景区 游客 美食 酒业 白酒 酿造 茶叶 水果 农业 种植 基地 园区 孵化 园区 中心 "
    "上海交大 清华大学 北京大学 四川大学 电子科大 西湖书院 研究会 联合会 协会 委员会"
).split()
COMMON = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下"
    "过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体"
    "制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数"
    "正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题"
    "党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手"
    "角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器"
    "压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具"
    "万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉"
)
PUNCTUATION = ",,,,。、;"
SOURCES = [
    "成都日报",
    "四川日报",
    "浙江日报",
    "人民日报",
    "新华社",
    "华西都市报",
    "本网",
    "经济日报",
    "科技日报",
    "中国新闻网",
]
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅雪松麟潇怡竞晨灏"


def vocabulary(rng: random.Random, size: int = 6000) -> tuple[list[str], list[float]]:
    """Made-up two- to four-character words with Zipf-like cumulative weights, plus WORDS."""
    words = list(
        dict.fromkeys(
            "".join(rng.choices(COMMON, k=rng.choice((2, 2, 2, 3, 4)))) for _ in range(size)
        )
    )
    words += [w for w in WORDS if w not in ("成都", "上海交大")]
    rng.shuffle(words)
    weights = [1.0 / (rank + 10) for rank in range(len(words))]
    return words, list(itertools.accumulate(weights))


_VOCABULARY: tuple[list[str], list[float]] | None = None


def sentence(rng: random.Random) -> str:
    global _VOCABULARY
    if _VOCABULARY is None:
        _VOCABULARY = vocabulary(random.Random(1))
    words = rng.choices(_VOCABULARY[0], cum_weights=_VOCABULARY[1], k=rng.randint(6, 14))
    if rng.random() < 0.004:
        words.insert(rng.randrange(len(words)), "成都")
    if rng.random() < 0.0006:
        words.insert(rng.randrange(len(words)), "上海交大")
    text = ""
    for word in words:
        text += word
        if rng.random() < 0.18:
            text += rng.choice(PUNCTUATION[:-2])
    return text.rstrip(",、") + "。"


def body(rng: random.Random, target: int = 1500) -> str:
    paragraphs, length = [], 0
    while length < target:
        paragraph = "".join(sentence(rng) for _ in range(rng.randint(3, 6)))
        if rng.random() < 0.12:
            paragraphs.append("## " + "".join(rng.choices(WORDS, k=4)))
        paragraphs.append(paragraph)
        length += len(paragraph)
    return "\n\n".join(paragraphs) + "\n"


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randint(1, 2)))


def build(out: Path | str, articles: int, sections: int, seed: int = 7) -> dict:
    """Create the corpus at `out` (a file, or a postgresql:// URL); returns the figures."""
    from editor.content.text import text_stats
    from editor.store import search_index
    from editor.workspace import Workspace

    rng = random.Random(seed)
    postgres = str(out).startswith("postgresql://")
    if postgres:
        _empty_postgres(str(out))
    else:
        out = Path(out)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{out}{suffix}").unlink(missing_ok=True)
        out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    ws = Workspace.open(str(out), create=True, user="generator")
    with ws.edit():
        ws.site.update(name="基准站点", base_url="https://bench.example.cn/")
        tops = max(1, sections // 10)
        leaf_ids = []
        for t in range(tops):
            top = ws.sections.create(f"栏目{t + 1:02d}{rng.choice(WORDS)}", slug=f"s{t + 1}")
            leaf_ids.append(top.id)
            for c in range(sections // tops - 1):
                child = ws.sections.create(
                    f"子栏目{t + 1}-{c + 1}{rng.choice(WORDS)}", top, slug=f"c{c + 1}"
                )
                leaf_ids.append(child.id)
        source_ids = [ws.sources.ensure(name).id for name in SOURCES]
        reporters = [ws.people.ensure(f"{person_name(rng)}{i}", "reporter").id for i in range(300)]
        editors = [ws.people.ensure(f"网宣{person_name(rng)}{i}", "editor").id for i in range(20)]
    people_names = {p.id: p.name for p in ws.people.list(limit=10000)}
    source_names = {s.id: s.name for s in ws.sources.list(limit=100)}
    db = ws.db
    start_time = datetime(2016, 1, 1, 8, 0)
    span = int((datetime(2026, 11, 1) - start_time).total_seconds())
    columns = (
        "section_id, title, subtitle, summary, body, body_html, body_html_key, source_id, "
        "source_url, responsible_editor_id, is_headline, is_featured, is_slideshow, is_pinned, "
        "status, publish_time, hits, hot_exclude, version, created_at, updated_at, updated_by, "
        "search_names, char_count, original_title"
    )
    mark = "%s" if postgres else "?"
    placeholders = ", ".join([mark] * 25)
    batch_size = 2000
    with db.atomic():
        cursor = db.cursor()
        next_id = 1
        for start in range(0, articles, batch_size):
            rows, credits = [], []
            for _ in range(min(batch_size, articles - start)):
                text = body(rng)
                when = start_time + timedelta(seconds=rng.randrange(span))
                source = rng.choice(source_ids)
                reporter = rng.choice(reporters)
                editor = rng.choice(editors)
                names = f"{source_names[source]} {people_names[reporter]} {people_names[editor]}"
                title = "".join(rng.choices(WORDS, k=rng.randint(4, 8)))
                rows.append(
                    (
                        rng.choice(leaf_ids),
                        title,
                        "",
                        "",
                        text,
                        "",
                        "",
                        source,
                        "",
                        editor,
                        rng.random() < 0.001,
                        rng.random() < 0.01,
                        rng.random() < 0.002,
                        False,
                        "published" if rng.random() < 0.95 else "draft",
                        when,
                        int(rng.paretovariate(1.2) * 20),
                        False,
                        1,
                        when,
                        when,
                        "generator",
                        names,
                        text_stats(text).characters,
                        "",
                    )
                )
                credits.append((next_id, reporter, "reporter", 0))
                next_id += 1
            cursor.executemany(f"INSERT INTO article ({columns}) VALUES ({placeholders})", rows)
            cursor.executemany(
                "INSERT INTO article_person (article_id, person_id, role, position) "
                f"VALUES ({mark}, {mark}, {mark}, {mark})",
                credits,
            )
        inserted = time.perf_counter()
        search_index.rebuild_index(db)
    db.execute_sql("ANALYZE")
    if postgres:
        size = db.execute_sql("SELECT pg_database_size(current_database())").fetchone()[0]
    else:
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        size = out.stat().st_size
    ws.close()
    finished = time.perf_counter()
    return {
        "path": str(out),
        "articles": articles,
        "sections": sections,
        "seconds": round(finished - started, 1),
        "insert_seconds": round(inserted - started, 1),
        "index_seconds": round(finished - inserted, 1),
        "bytes": size,
        "megabytes": round(size / 1e6, 1),
    }


def _postgres_articles(url: str) -> int | None:
    """How many articles the benchmark database holds (None: none, or no such database)."""
    import psycopg2

    try:
        with psycopg2.connect(url) as connection, connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM article")
            return cursor.fetchone()[0]
    except psycopg2.Error:
        return None


def _empty_postgres(url: str) -> None:
    """Drop every table of the benchmark database (it must be one made for benchmarks)."""
    import psycopg2

    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")


def ensure(
    out: Path | str = DEFAULT_OUT,
    articles: int = 100_000,
    sections: int = 200,
    force: bool = False,
) -> dict:
    """Reuse the corpus at `out` when it has the right size, else build it."""
    postgres = str(out).startswith("postgresql://")
    marker = (
        DEFAULT_OUT.with_name("store-postgres.json") if postgres else Path(out).with_suffix(".json")
    )
    exists = _postgres_articles(str(out)) == articles if postgres else Path(out).exists()
    if not force and exists and marker.exists():
        figures = json.loads(marker.read_text())
        same = figures.get("path") == str(out) if postgres else True
        if same and figures.get("articles") == articles and figures.get("sections") == sections:
            return {**figures, "reused": True}
    figures = build(out, articles, sections)
    marker.parent.mkdir(parents=True, exist_ok=True)  # a PostgreSQL corpus makes no file first
    marker.write_text(json.dumps(figures))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--sections", type=int, default=200)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--db", help="a postgresql:// URL of a database made for benchmarks")
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()
    target = args.db or args.out
    print(json.dumps(ensure(target, args.articles, args.sections, args.force), ensure_ascii=False))


if __name__ == "__main__":
    main()
