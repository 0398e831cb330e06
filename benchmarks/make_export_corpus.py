"""Make a site database for the export benchmark: N published articles over S sections.

    python benchmarks/make_export_corpus.py [--articles 10000] [--sections 200] [--out PATH]

Sections, sources, people and the partner go through the services; articles (about 1,500
Chinese characters each, with summary, 来源, reporter, photographer, 责编, tags and hits)
are bulk-inserted with the columns the article service writes. Every article is published
in the past. The corpus is reused when it already exists with the same size (--force
rebuilds). Prints JSON: path, articles, sections, seconds.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_OUT = ROOT / "benchmarks" / "data" / "export-10k.newsdesk"
CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下"
    "过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体"
    "制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数"
    "正心反明看原又么利比或但质气第向道命此变条只没结解问意建月公无系很情者最立代想已通并提直题"
    "程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手"
)
WORDS = (
    "成都 上海 北京 重庆 杭州 四川 浙江 企业 发展 创新 科技 平台 合作 项目 建设 经济 文化 旅游 "
    "市场 产业 投资 城市 高校 研究院 成果 转化 人才 服务 华商 川商 浙商 海外 国际 交流 非遗 收藏"
).split()
SOURCES = ["成都日报", "四川日报", "浙江日报", "人民日报", "新华社", "华西都市报", "本网"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红梅雪松麟潇怡竞晨灏"


def sentence(rng: random.Random) -> str:
    text = "".join(
        rng.choice(WORDS) if rng.random() < 0.25 else rng.choice(CHARS)
        for _ in range(rng.randint(14, 30))
    )
    return text + rng.choice(",。。")


def body(rng: random.Random, target: int = 1500) -> str:
    paragraphs, length = [], 0
    while length < target:
        paragraph = "".join(sentence(rng) for _ in range(rng.randint(4, 7)))
        if rng.random() < 0.1:
            paragraphs.append("## " + "".join(rng.choices(WORDS, k=4)))
        paragraphs.append(paragraph.rstrip(",") + "。")
        length += len(paragraph)
    return "\n\n".join(paragraphs) + "\n"


def person(rng: random.Random, index: int) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=2)) + str(index)


def build(out: Path, articles: int, sections: int, seed: int = 11) -> dict:
    """Create the corpus at `out`; returns the figures."""
    from editor.content.text import text_stats
    from editor.workspace import Workspace

    rng = random.Random(seed)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{out}{suffix}").unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    ws = Workspace.open(str(out), create=True, user="generator")
    with ws.edit():
        ws.site.update(
            name="基准门户",
            domain="Bench.Example",
            slogan="导出基准站点",
            base_url="https://bench.example.cn/",
            founded_year=2006,
            icp_number="蜀ICP备00000000号-1",
            tech_support="基准技术",
            submission_email="tips@bench.example.cn",
            submission_contact="编辑部",
            rights_notice="基准门户版权所有",
        )
        partner = ws.partners.create(
            "基准交流平台", units=["基准研究会", "基准书院"], contact="李女士", wechat="10000000000"
        )
        tops = max(1, sections // 10)
        leaves = []
        for t in range(tops):
            top = ws.sections.create(
                f"栏目{t + 1:02d}{WORDS[t % len(WORDS)]}", partner=partner.id if t == 0 else None
            )
            leaves.append(top.id)
            for c in range(sections // tops - 1):
                leaves.append(ws.sections.create(f"子栏目{t + 1}-{c + 1}", top).id)
        for slug, title in (
            ("about", "关于基准门户"),
            ("feedback", "意见反馈"),
            ("contact", "联系我们"),
        ):
            ws.pages.save(slug, title, f"{title}的内容。")
        sources = [ws.sources.ensure(name).id for name in SOURCES]
        reporters = [ws.people.ensure(person(rng, i), "reporter").id for i in range(200)]
        photographers = [ws.people.ensure(person(rng, i), "photographer").id for i in range(50)]
        editors = [ws.people.ensure("网宣" + person(rng, i), "editor").id for i in range(20)]
        tag_ids = []
        for i in range(300):
            ws.db.execute_sql(
                "INSERT INTO tag (name, slug) VALUES (?, ?)", (f"{rng.choice(WORDS)}{i}", f"t{i}")
            )
            tag_ids.append(i + 1)
    columns = (
        "section_id, title, subtitle, summary, body, body_html, body_html_key, source_id, "
        "source_url, responsible_editor_id, is_headline, is_featured, is_slideshow, is_pinned, "
        "status, publish_time, hits, hot_exclude, version, created_at, updated_at, updated_by, "
        "search_names, char_count, partner_id, cover_id, hot_pin, original_title"
    )
    marks = ", ".join("?" * 28)
    first = datetime(2018, 1, 1, 8, 0)
    span = int((datetime(2026, 10, 1) - first).total_seconds())
    db = ws.db
    with db.atomic():
        cursor = db.cursor()
        for start in range(0, articles, 2000):
            rows, credits, tags = [], [], []
            for aid in range(start + 1, min(articles, start + 2000) + 1):
                text = body(rng)
                when = first + timedelta(seconds=rng.randrange(span))
                title = "".join(rng.choices(WORDS, k=rng.randint(4, 8)))
                rows.append(
                    (
                        rng.choice(leaves),
                        title,
                        "",
                        text[3:60].replace("#", ""),
                        text,
                        "",
                        "",
                        rng.choice(sources),
                        f"https://news.example.cn/{aid}.html",
                        rng.choice(editors),
                        rng.random() < 0.001,
                        rng.random() < 0.01,
                        rng.random() < 0.002,
                        rng.random() < 0.001,
                        "published",
                        when,
                        int(rng.paretovariate(1.2) * 20),
                        False,
                        1,
                        when,
                        when,
                        "generator",
                        "",
                        text_stats(text).characters,
                        None,
                        None,
                        None,
                        "",
                    )
                )
                credits.append((aid, rng.choice(reporters), "reporter", 0))
                credits.append((aid, rng.choice(photographers), "photographer", 0))
                for position, tag in enumerate(rng.sample(tag_ids, 2)):
                    tags.append((aid, tag, position))
            cursor.executemany(f"INSERT INTO article ({columns}) VALUES ({marks})", rows)
            cursor.executemany(
                "INSERT INTO article_person (article_id, person_id, role, position)"
                " VALUES (?, ?, ?, ?)",
                credits,
            )
            cursor.executemany(
                "INSERT INTO article_tag (article_id, tag_id, position) VALUES (?, ?, ?)", tags
            )
        from editor.store import search_index

        search_index.rebuild_index(db)
    ws.close()
    return {
        "path": str(out),
        "articles": articles,
        "sections": sections,
        "seconds": round(time.perf_counter() - started, 2),
    }


def existing(out: Path, articles: int, sections: int) -> bool:
    """Whether a corpus of that size is already there."""
    if not out.exists():
        return False
    import sqlite3

    connection = sqlite3.connect(out)
    try:
        count = connection.execute("SELECT COUNT(*) FROM article").fetchone()[0]
        count_sections = connection.execute("SELECT COUNT(*) FROM section").fetchone()[0]
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()
    return count == articles and count_sections == sections


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--sections", type=int, default=200)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)
    if not args.force and existing(args.out, args.articles, args.sections):
        result = {
            "path": str(args.out),
            "articles": args.articles,
            "sections": args.sections,
            "seconds": 0.0,
            "reused": True,
        }
    else:
        result = build(args.out, args.articles, args.sections)
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
