"""Imported pictures are the site's own: body images and the cover candidate of a page are
downloaded (from a page served on 127.0.0.1 by the test) or read from the saved page's
`_files` folder, stored as assets that remember their address, and the body refers to them
as `asset:`; a picture that cannot be had keeps its link and is a warning."""

from __future__ import annotations

import re

from editor.store.models import Asset
from tests.ingest.helpers import PARAGRAPH, http_server, png_bytes

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def _page(title: str, images: list[str], cover: str = "") -> bytes:
    pictures = "".join(
        f'<p><img src="{src}" alt="图{i}"></p><p>{PARAGRAPH}第{i}段。</p>'
        for i, src in enumerate(images)
    )
    meta = f'<meta property="og:image" content="{cover}">' if cover else ""
    return (
        f'<html><head><meta charset="utf-8"><title>{title}_示例新闻网</title>{meta}</head><body>'
        f'<h1>{title}</h1><div class="info">2023-11-23 10:00 来源：成都日报</div>'
        f'<div class="article-content"><p>{PARAGRAPH}</p>{pictures}'
        "<p>（责任编辑：网宣黄怡竞）</p></div></body></html>"
    ).encode()


def _refs(body: str) -> list[str]:
    return re.findall(r"!\[[^\]]*\]\(([^)\s]+)", body)


def test_a_served_page_imports_with_its_pictures_stored(workspace):
    red, blue, cover = png_bytes("red"), png_bytes("blue"), png_bytes("green")
    seen: list = []
    files = {
        "/img/red.png": (red, "image/png"),
        "/img/blue.png": (blue, "image/png"),
        "/img/cover.png": (cover, "image/png"),
        "/img/fake.png": (SVG, "image/png"),
    }
    with http_server(files, requests=seen) as base:
        page = _page(
            "带图片的新闻稿件标题",
            ["/img/red.png", f"{base}/img/blue.png", "/img/missing.png", "/img/fake.png"],
            cover="/img/cover.png",
        )
        files["/news/a.html"] = (page, "text/html; charset=utf-8")
        report = workspace.importer.import_paths([f"{base}/news/a.html"])
        (result,) = report.results
        assert result.status == "imported"
        fields = workspace.articles.fields_of(result.id)
        refs = _refs(fields["body"])
        stored = {a.sha256: a for a in Asset.select()}
        assert refs[:2] == [f"asset:{a.sha256}" for a in (_asset(red), _asset(blue))]
        assert refs[2:] == [f"{base}/img/missing.png", f"{base}/img/fake.png"]
        assert stored[_asset(red).sha256].source_url == f"{base}/img/red.png"
        assert stored[_asset(blue).sha256].source_url == f"{base}/img/blue.png"
        assert fields["cover"] == _asset(cover).id
        assert _asset(cover).source_url == f"{base}/img/cover.png"
        warned = " ".join(result.warnings)
        assert f"{base}/img/missing.png" in warned and "404" in warned
        assert f"{base}/img/fake.png" in warned and "SVG" in warned
        assert len(stored) == 3
        pictures = [h for path, h in seen if path.startswith("/img/")]
        assert pictures and all(h.get("Referer") == f"{base}/news/a.html" for h in pictures)
    # what stayed linked is a finding of the article's checks, and of the export's once published
    (finding,) = [f for f in workspace.checks.article(result.id) if f.rule.endswith("pictures")]
    assert finding.level == "warning" and "2 picture(s)" in finding.message
    assert not [f for f in workspace.checks.run("publish") if f.rule.endswith("pictures")]
    with workspace.edit():
        # 待分类 is never public: the article is filed under a section as it is published
        section = workspace.sections.create("新闻")
        workspace.articles.update(
            result.id, {"status": "published", "section": section.id}, fields["version"]
        )
    assert [f.article for f in workspace.checks.run("publish") if f.rule.endswith("pictures")] == [
        result.id
    ]


def _asset(data: bytes) -> Asset:
    import hashlib

    return Asset.get(Asset.sha256 == hashlib.sha256(data).hexdigest())


def test_a_saved_page_uses_the_copies_in_its_files_folder(workspace, tmp_path):
    folder = tmp_path / "新闻页面_files"
    folder.mkdir()
    (folder / "1.png").write_bytes(png_bytes("red"))
    page = _page("保存在本地的新闻页面标题", ["./新闻页面_files/1.png"]).replace(
        b"<head>", b'<head><link rel="canonical" href="https://news.example.cn/2023/a.html">'
    )
    path = tmp_path / "新闻页面.html"
    path.write_bytes(page)
    report = workspace.importer.import_paths([str(path)])
    (result,) = report.results
    body = workspace.articles.fields_of(result.id)["body"]
    assert _refs(body) == [f"asset:{_asset(png_bytes('red')).sha256}"]
    assert _asset(png_bytes("red")).source_url == (
        "https://news.example.cn/2023/新闻页面_files/1.png"
    )
    assert not [w for w in result.warnings if "image" in w]


def test_a_batch_fetches_every_page_s_pictures(workspace):
    colours = ["red", "blue", "yellow", "white", "black", "gray"]
    files = {f"/p/{c}.png": (png_bytes(c), "image/png") for c in colours}
    with http_server(files) as base:
        for n in range(3):
            images = [f"/p/{c}.png" for c in colours[n * 2 : n * 2 + 2]]
            files[f"/n/{n}.html"] = (_page(f"第{n}篇带图片的稿件标题", images), "text/html")
        report = workspace.importer.import_paths([f"{base}/n/{n}.html" for n in range(3)])
    assert [r.status for r in report.results] == ["imported"] * 3
    bodies = [workspace.articles.fields_of(r.id)["body"] for r in report.results]
    assert all(ref.startswith("asset:") for body in bodies for ref in _refs(body))
    assert sum(len(_refs(body)) for body in bodies) == 6
    assert Asset.select().count() == 6
