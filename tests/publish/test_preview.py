"""The preview API the editor's preview pane uses."""

from __future__ import annotations

import re

from editor.content.demo import load_demo
from editor.workspace import Workspace
from tests.publish.helpers import scan

FIELDS = {
    "title": "川商走世界:成都与上海交大共建5个高能级研究平台",
    "subtitle": "",
    "summary": "市校合作再迎新进展",
    "body": "第一段。\n\n## 小标题\n\n:::box 新闻拓展\n补充内容\n:::\n",
    "section": "华商走世界/川商走世界",
    "source": "成都日报",
    "source_url": "https://www.cdrb.com.cn/a.html",
    "reporters": ["黄雪松"],
    "photographers": ["魏麟潇"],
    "responsible_editor": "网宣黄怡竞",
    "partner": None,
    "cover": None,
    "tags": ["校地合作"],
    "flags": [],
    "status": "draft",
    "publish_time": "2023-11-23T10:00:00",
    "related": [],
}


def test_preview_renders_unsaved_fields_with_the_export_templates(demo_workspace):
    publisher = demo_workspace.publisher
    html = publisher.render_article_preview(dict(FIELDS))
    assert '<h1 class="article-title">川商走世界:成都与上海交大共建5个高能级研究平台</h1>' in html
    assert "2023-11-23" in html and "成都日报" in html
    assert '<aside class="news-box">' in html
    assert "摄影 魏麟潇" in html and "(责编:网宣黄怡竞)" in html
    assert "战略合作单位" in html  # the section's partner block, inherited from 华商走世界
    assert 'rel="canonical"' not in html
    base = publisher.preview_base_dir()
    links = [link for link in scan(html).links if link.startswith("static/")]
    assert links and all((base / link).is_file() for link in links)


def test_preview_of_a_saved_article_excludes_itself_from_related(demo_workspace):
    row = next(
        r for r in demo_workspace.articles.list() if r.status == "published" and not r.scheduled
    )
    fields = demo_workspace.articles.fields_of(row.id)
    html = demo_workspace.publisher.render_article_preview(fields)
    related = (
        html.split('class="related box"')[1].split("</section>")[0]
        if ('class="related box"' in html)
        else ""
    )
    assert f">{row.title}<" not in related


def test_preview_shows_stored_images_from_the_base_folder(demo_workspace):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(buffer, "PNG")
    with demo_workspace.edit():
        asset = demo_workspace.media.add(buffer.getvalue(), "photo.png", alt="现场")
    fields = dict(FIELDS, body=f'![现场](asset:{asset.sha256} "签约现场")', cover=asset.id)
    publisher = demo_workspace.publisher
    html = publisher.render_article_preview(fields)
    sources = re.findall(r'<img[^>]* src="([^"]+)"', html)
    assert sources and all(s.startswith("assets/") for s in sources)
    assert all(
        (publisher.preview_base_dir() / s).read_bytes() == buffer.getvalue() for s in sources
    )
    assert "<figcaption>签约现场</figcaption>" in html


def test_write_article_preview_writes_a_file_in_the_base_folder(demo_workspace):
    path = demo_workspace.publisher.write_article_preview(dict(FIELDS))
    assert path.parent == demo_workspace.publisher.preview_base_dir()
    assert "news-box" in path.read_text(encoding="utf-8")


def test_closing_the_site_removes_the_preview_folder(site_location):
    ws = Workspace.open(site_location, create=True, user="tester")
    ws.close()  # a workspace that never previewed leaves nothing behind either
    with Workspace.open(site_location, user="tester") as ws:
        with ws.edit():
            load_demo(ws)
        folder = ws.publisher.write_article_preview(dict(FIELDS)).parent
        assert folder.is_dir()
    assert not folder.exists()


def test_preview_tolerates_half_typed_fields(demo_workspace):
    html = demo_workspace.publisher.render_article_preview(
        {"title": "", "body": "", "section": "华商走世界/不存在", "publish_time": "2023-1"}
    )
    assert "<h1" in html
