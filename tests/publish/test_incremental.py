"""The fast paths of small exports give the same bytes as the plain ones."""

from __future__ import annotations

import json

from editor.content.catalog import ArticleCard, load_catalog
from editor.publish.bundle import is_bundle, manifest_bytes
from editor.publish.context import SiteView
from editor.publish.theme import load_theme


def test_manifest_bytes_equal_the_json_encoder():
    files = {f'a/{n}"引号\\.html': (f"{n:064x}", n * 10) for n in range(30)} | {
        "static/css/portal.css": ("ab" * 32, 5)
    }
    articles = {n: f"栏目/2024/0101/{n}.html" for n in range(20)}
    sections = {"1": ["x/index.html", "x/index_2.html"]}
    pages = {"about": "about.html"}
    expected = {
        "generator": "Newsdesk",
        "site": '儒经网"\n',
        "files": {p: {"sha256": sha, "size": size} for p, (sha, size) in sorted(files.items())},
        "articles": {str(n): page for n, page in articles.items()},
        "sections": sections,
        "pages": pages,
    }
    data = manifest_bytes('儒经网"\n', files, articles, sections, pages)
    assert data == json.dumps(expected, ensure_ascii=False, separators=(",", ":")).encode()


def test_a_folder_with_a_foreign_manifest_is_no_bundle(tmp_path):
    (tmp_path / "manifest.json").write_text('{"generator":"Other"}', encoding="utf-8")
    assert not is_bundle(tmp_path)
    (tmp_path / "manifest.json").write_text('{"site":"x","generator":"Newsdesk"}', "utf-8")
    assert is_bundle(tmp_path)


def test_related_without_tags_or_picks_equals_the_general_merge(demo_workspace):
    from tests.publish.test_preview_slice import _grow

    _grow(demo_workspace, 40)
    view = SiteView(load_catalog(), load_theme(""))
    for card in list(view.cards.values())[:30]:
        bare = ArticleCard(
            card.id, card.section_id, card.title, "", "", card.publish_time, None, 0, None,
            False, False, False, False, False, "", "", "", "", "", None, None, 0, "", False,
            tags=["不存在的标签"],
        )  # fmt: skip
        plain = ArticleCard(
            card.id, card.section_id, card.title, "", "", card.publish_time, None, 0, None,
            False, False, False, False, False, "", "", "", "", "", None, None, 0, "", False,
        )  # fmt: skip
        assert view.related(plain) == view.related(bare)
        assert len(view.related(plain)) <= 10 and card.id not in view.related(plain)


def _files(folder) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _spy_quick(monkeypatch) -> list:
    """Records, for each export, whether it planned from the last export's sketch."""
    from editor.publish.export import Exporter

    taken = []
    original = Exporter._delta_plan

    def spy(self, *args):
        result = original(self, *args)
        taken.append(result is not None)
        return result

    monkeypatch.setattr(Exporter, "_delta_plan", spy)
    return taken


def _edit(ws, article_id, **fields):
    article = ws.articles.get(article_id)
    with ws.edit():
        ws.articles.update(article_id, fields, article.version)


def test_body_edits_skip_planning_and_give_the_bundle_a_full_export_gives(
    demo_workspace, tmp_path, monkeypatch
):
    from tests.publish.test_preview_slice import _grow

    ws = demo_workspace
    _grow(ws, 30)
    out = tmp_path / "site"
    ws.publisher.export(out, workers=1)
    taken = _spy_quick(monkeypatch)
    ids = [row.id for row in ws.articles.list() if row.status == "published" and not row.scheduled][
        :3
    ]
    for number, aid in enumerate(ids):
        _edit(ws, aid, body=f"改写的正文 {number}。\n\n## 小标题\n\n第二段。\n")
        result = ws.publisher.export(out, workers=1)
        assert taken[-1] is True
        page = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["articles"][str(aid)]
        assert set(result.written_paths) <= {page, "manifest.json", "sitemap.xml"}
        assert page in result.written_paths
        assert f"改写的正文 {number}" in (out / page).read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    ws.publisher.export(fresh, full=True, workers=1)
    assert _files(out) == _files(fresh)


def test_edits_that_lists_show_plan_from_the_sketch_too(demo_workspace, tmp_path, monkeypatch):
    ws = demo_workspace
    out = tmp_path / "site"
    ws.publisher.export(out, workers=1)
    taken = _spy_quick(monkeypatch)
    aid = next(
        row.id for row in ws.articles.list() if row.status == "published" and not row.scheduled
    )
    _edit(ws, aid, title="换了标题")
    result = ws.publisher.export(out, workers=1)
    assert taken[-1] is True and "index.html" in result.written_paths
    _edit(ws, aid, hits=123456)
    ws.publisher.export(out, workers=1)
    assert taken[-1] is True
    with ws.edit():
        ws.site.update(slogan="新的口号")  # every page's frame: planned whole
    ws.publisher.export(out, workers=1)
    assert taken[-1] is False
    _edit(ws, aid, body="只改正文。\n")  # the sketch of the last (full) plan is used
    ws.publisher.export(out, workers=1)
    assert taken[-1] is True
    fresh = tmp_path / "fresh"
    ws.publisher.export(fresh, full=True, workers=1)
    assert _files(out) == _files(fresh)


def test_a_body_edit_with_stored_images_plans_the_images_again(
    demo_workspace, tmp_path, monkeypatch
):
    from io import BytesIO

    from PIL import Image

    ws = demo_workspace
    out = tmp_path / "site"
    ws.publisher.export(out, workers=1)
    buffer = BytesIO()
    Image.new("RGB", (8, 6), (20, 130, 30)).save(buffer, "PNG")
    with ws.edit():
        asset = ws.media.add(buffer.getvalue(), "green.png", alt="绿")
    ws.publisher.export(out, workers=1)  # (a new image changes the frame: planned whole)
    taken = _spy_quick(monkeypatch)
    aid = next(
        row.id for row in ws.articles.list() if row.status == "published" and not row.scheduled
    )
    _edit(ws, aid, body=f'![绿](asset:{asset.sha256} "图")\n')
    result = ws.publisher.export(out, workers=1)
    assert taken[-1] is True
    assert any(path.startswith("assets/") for path in result.written_paths)
    fresh = tmp_path / "fresh"
    ws.publisher.export(fresh, full=True, workers=1)
    assert _files(out) == _files(fresh)
    assert any(name.startswith("assets/") for name in _files(out))
    _edit(ws, aid, body="不再有图片。\n")
    result = ws.publisher.export(out, workers=1)
    assert taken[-1] is True
    assert any(path.startswith("assets/") for path in result.deleted_paths)
    fresh = tmp_path / "fresh2"
    ws.publisher.export(fresh, full=True, workers=1)
    assert _files(out) == _files(fresh)


def test_a_sketch_from_another_export_state_is_not_trusted(demo_workspace, tmp_path, monkeypatch):
    from editor.content import catalog as catalog_queries

    ws = demo_workspace
    out = tmp_path / "site"
    ws.publisher.export(out, workers=1)
    catalog_queries.forget_export_state(str(out.resolve()))  # the state no longer matches
    taken = _spy_quick(monkeypatch)
    aid = next(
        row.id for row in ws.articles.list() if row.status == "published" and not row.scheduled
    )
    _edit(ws, aid, body="另一个正文。\n")
    ws.publisher.export(out, workers=1)
    assert taken[-1] is False
    fresh = tmp_path / "fresh"
    ws.publisher.export(fresh, full=True, workers=1)
    assert _files(out) == _files(fresh)


def test_a_small_incremental_export_starts_no_spawned_workers(
    demo_workspace, tmp_path, monkeypatch
):
    from editor.publish import export as export_module
    from editor.publish.export import Exporter

    ws = demo_workspace
    out = tmp_path / "site"
    ws.publisher.export(out, workers=1)
    monkeypatch.setattr(export_module, "start_method", lambda: "spawn")
    monkeypatch.setattr(export_module, "PARALLEL_THRESHOLD", 1)
    started = []
    monkeypatch.setattr(Exporter, "_start_pool", lambda self, *a: started.append(a))
    with ws.edit():
        ws.site.update(slogan="换了口号")  # every page changes
    result = ws.publisher.export(out, workers=2)
    assert result.written > 1 and started == []  # rendered here: fewer than the threshold
    fresh = tmp_path / "fresh"
    ws.publisher.export(fresh, full=True, workers=1)
    assert _files(out) == _files(fresh)
