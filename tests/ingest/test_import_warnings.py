"""What the editor must check is said: a body too short or mostly links is a warning in the
extraction, in the batch result, on the command line and in `import --json`."""

from __future__ import annotations

import json

import pytest

from editor.cli import main
from editor.ingest.body_edges import body_findings
from editor.ingest.reader import Reader
from tests.ingest.helpers import PARAGRAPH, news_page


def _page_with_body(title: str, body: str) -> str:
    return (
        f'<html><head><meta charset="utf-8"><title>{title}_示例网</title></head><body>'
        f'<div class="nav"><a href="/">首页</a></div><h1>{title}</h1>'
        '<div class="info">2023-11-23 10:00 来源：成都日报</div>'
        f'<div class="article-content">{body}</div></body></html>'
    )


SHORT = _page_with_body("短讯标题文字", f"<p>{PARAGRAPH}</p><p>（责任编辑：张三）</p>")
# A list page saved by mistake: a lede, then a column of headlines that link elsewhere.
LINKS = _page_with_body(
    "成都市重点项目集中开工",
    f"<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p><ul>"
    + "".join(
        f'<li><a href="https://news.example.cn/{i}.html">成都市第{i}批重点项目集中开工，'
        f"总投资超过百亿元，涉及产业、民生等多个领域</a></li>"
        for i in range(12)
    )
    + "</ul>",
)


def test_findings_of_bodies():
    assert body_findings("正文。" * 100) == []
    short = body_findings("一段很短的正文。")
    assert len(short) == 1 and "8 characters" in short[0]
    links = body_findings(
        "".join(f"[第{i}条链接的文字比较长](https://x.cn/{i})\n\n" for i in range(30))
    )
    assert len(links) == 1 and "links" in links[0]


def test_a_short_body_is_a_warning_of_the_extraction():
    article = Reader().read_bytes(SHORT.encode(), "short.html", "short.html")
    assert any("characters long" in w for w in article.warnings)
    normal = Reader().read_bytes(news_page().encode(), "a.html", "a.html")
    assert not any("characters long" in w or "links" in w for w in normal.warnings)


def test_a_body_of_links_is_a_warning():
    article = Reader().read_bytes(LINKS.encode(), "links.html", "links.html")
    assert any("Most of the body's text is links" in w for w in article.warnings)


@pytest.fixture
def site(tmp_path, capsys):
    path = tmp_path / "site.newsdesk"
    assert main(["--db", str(path), "init"]) == 0
    capsys.readouterr()
    return str(path)


def test_the_command_line_prints_import_warnings(site, tmp_path, capsys):
    page = tmp_path / "short.html"
    page.write_text(SHORT, encoding="utf-8")
    assert main(["--db", site, "import", str(page)]) == 0
    out = capsys.readouterr().out
    assert "! The body is only" in out
    other = tmp_path / "links.html"
    other.write_text(LINKS, encoding="utf-8")
    assert main(["--db", site, "import", str(other), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (result,) = data["results"]
    assert result["status"] == "imported"
    assert any("links" in w for w in result["warnings"])
