"""Never store mojibake: undeclared or mis-declared GB18030/GBK/Big5 pages and scraped text
read as Chinese, a Latin-1 page stays Latin-1, bytes nothing makes readable are refused."""

from __future__ import annotations

import re

import pytest

from editor.errors import ValidationError
from editor.ingest import detect
from editor.ingest.reader import Reader
from tests.ingest.conftest import PAGES, page_names
from tests.ingest.helpers import news_page
from tests.shared_fixtures import missing

NAMES = page_names()
DECLARATION = re.compile(r"<meta[^>]*charset[^>]*>|<\?xml[^>]*\?>", re.I)
# The page of the report: its title came back as `şŁÍâÁôŃ§Éúż´Á˝»á…` (cp1250).
TITLE = "海外留学生看两会：中国发展给世界带来机遇"
TRADITIONAL = (
    "<html><head><title>香港特區政府宣佈放寬防疫措施_港聞</title></head><body>"
    "<h1>香港特區政府宣佈放寬防疫措施</h1><div class='info'>2022-04-14 10:20 來源：香港商報</div>"
    "<div class='content'>"
    + "".join(
        f"<p>特區政府今日宣佈，由下週一起放寬社交距離措施，食肆堂食時間延長至凌晨十二時。"
        f"發言人表示，政府會密切留意疫情發展，並適時調整措施，第{n}段。</p>"
        for n in "一二三四"
    )
    + "</div></body></html>"
)


def _without_declaration(text: str) -> str:
    return DECLARATION.sub("", text)


@pytest.fixture(scope="module")
def originals():
    if not NAMES:
        missing(f"the shared news pages are not at {PAGES}")
    reader = Reader()
    return {name: reader.read_path(PAGES / f"{name}.html") for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_fixture_page_as_undeclared_gb18030_imports_identically(originals, name):
    text, _ = detect.decode((PAGES / f"{name}.html").read_bytes())
    data = _without_declaration(text).encode("gb18030")
    assert detect.declared_charset(data) is None
    again = Reader().read_bytes(data, f"{name}.html", name)
    assert again.encoding == "gb18030"
    assert again.fields == originals[name].fields


def test_no_fixture_page_is_representable_in_big5(originals):
    """The fixture pages are simplified Chinese; Big5 is checked on traditional pages."""
    representable = []
    for name in NAMES:
        text, _ = detect.decode((PAGES / f"{name}.html").read_bytes())
        try:
            text.encode("big5hkscs")
        except UnicodeEncodeError:
            continue
        representable.append(name)
    assert representable == []


def test_the_reported_page_reads_as_chinese_not_central_european():
    data = news_page(title=TITLE, charset=None).encode("gb18030")
    assert TITLE.encode("gb18030").decode("cp1250").startswith("şŁÍâÁôŃ§Éú")
    article = Reader().read_bytes(data, "page.html", "page.html")
    assert article.encoding == "gb18030"
    assert article.fields["title"] == TITLE and article.fields["source"] == "成都日报"


def test_undeclared_big5_page_reads_as_traditional_chinese():
    data = TRADITIONAL.encode("big5hkscs")
    article = Reader().read_bytes(data, "hk.html", "hk.html")
    assert article.encoding == "big5hkscs"
    assert article.fields["title"] == "香港特區政府宣佈放寬防疫措施"
    assert article.fields["source"] == "香港商報"
    assert "食肆堂食時間延長至凌晨十二時" in article.fields["body"]


def test_declared_gb2312_but_utf8_is_kept_as_utf8():
    data = news_page(charset="gb2312").encode("utf-8")
    article = Reader().read_bytes(data, "a.html", "a.html")
    assert article.encoding == "utf-8"
    assert article.fields["title"] == "成都与上海交大共建5个高能级研究平台"


def test_declared_utf8_but_gbk_reads_as_gbk():
    data = news_page(title=TITLE, charset="utf-8").encode("gbk")
    article = Reader().read_bytes(data, "a.html", "a.html")
    assert article.encoding == "gb18030"
    assert article.fields["title"] == TITLE


def test_declared_gb2312_but_big5_reads_as_big5():
    data = TRADITIONAL.replace("<head>", '<head><meta charset="gb2312">').encode("big5hkscs")
    article = Reader().read_bytes(data, "hk.html", "hk.html")
    assert article.encoding == "big5hkscs"
    assert article.fields["title"] == "香港特區政府宣佈放寬防疫措施"


def test_latin1_english_page_stays_latin1():
    text = (
        "<html><head><title>Caf\u00e9 society in Z\u00fcrich</title></head><body>"
        "<h1>Caf\u00e9 society in Z\u00fcrich</h1><p>2023-05-01 09:00</p><div class='content'>"
        + "<p>The caf\u00e9s of Z\u00fcrich serve cr\u00e8me br\u00fbl\u00e9e, and a na\u00efve "
        "d\u00e9butante reads her r\u00e9sum\u00e9 aloud, stressing its \u00e9l\u00e9gance. "
        "Se\u00f1or Garc\u00eda, a pi\u00f1ata maker, pays \u00a312 for it.</p>"
        * 4
        + "</div></body></html>"
    )
    data = text.encode("latin-1")
    encoding = detect.decode(data)[1]
    assert encoding in ("cp1252", "iso8859-1")
    article = Reader().read_bytes(data, "en.html", "en.html")
    assert article.fields["title"] == "Caf\u00e9 society in Z\u00fcrich"
    assert "cr\u00e8me br\u00fbl\u00e9e" in article.fields["body"]
    assert not re.search(r"[\u4e00-\u9fff]", article.fields["body"])


@pytest.mark.parametrize("codec", ["gb18030", "big5hkscs"])
def test_scraped_text_in_chinese_code_pages(codec):
    lines = (
        ["香港特區政府宣佈放寬防疫措施", "2022-04-14 10:20 來源：香港商報"]
        if codec == "big5hkscs"
        else [TITLE, "2023-03-05 10:20 来源：成都日报"]
    )
    paragraph = (
        "特區政府今日宣佈，由下週一起放寬社交距離措施，食肆堂食時間延長至凌晨十二時。"
        if codec == "big5hkscs"
        else "留学生们在海外关注两会，认为中国的发展给世界带来了新的机遇和动能。"
    )
    data = "\n".join([*lines, "", paragraph, paragraph]).encode(codec)
    article = Reader().read_bytes(data, "scraped.txt", "scraped.txt")
    assert article.encoding == codec
    assert article.fields["title"] == lines[0]
    assert paragraph in article.fields["body"]


def test_bytes_that_read_as_nothing_are_refused_with_a_reason():
    with pytest.raises(ValidationError) as failure:
        detect.decode(bytes(range(0x80, 0x100)) * 64)
    assert "invalid bytes" in failure.value.message


def test_a_mixed_batch_reads_every_file_in_its_own_encoding(workspace, tmp_path):
    utf8 = tmp_path / "a-utf8.html"
    utf8.write_bytes(news_page(title="第一篇稿件的标题文字", url="https://n.example.cn/1").encode())
    gbk = tmp_path / "b-gbk.html"
    gbk.write_bytes(
        news_page(title=TITLE, url="https://n.example.cn/2", charset=None).encode("gbk")
    )
    big5 = tmp_path / "c-big5.html"
    big5.write_bytes(TRADITIONAL.encode("big5hkscs"))
    scraped = tmp_path / "d-gb.txt"
    scraped.write_bytes(
        "\n".join(
            [
                "留学生看两会的第二篇稿件",
                "2023-03-06 08:00 来源：成都日报",
                "",
                "留学生们在海外关注两会，认为中国的发展给世界带来了新的机遇和动能。",
            ]
        ).encode("gb18030")
    )
    garbage = tmp_path / "e-garbage.txt"
    garbage.write_bytes(bytes(range(0x80, 0x100)) * 64)
    report = workspace.importer.import_paths([str(tmp_path)])
    by_name = {r.path.rsplit("/", 1)[-1]: r for r in report.results}
    assert [by_name[n].status for n in sorted(by_name)] == [
        "imported",
        "imported",
        "imported",
        "imported",
        "failed",
    ]
    titles = {n: workspace.articles.fields_of(r.id)["title"] for n, r in by_name.items() if r.id}
    assert titles == {
        "a-utf8.html": "第一篇稿件的标题文字",
        "b-gbk.html": TITLE,
        "c-big5.html": "香港特區政府宣佈放寬防疫措施",
        "d-gb.txt": "留学生看两会的第二篇稿件",
    }
    assert "invalid bytes" in by_name["e-garbage.txt"].reason
