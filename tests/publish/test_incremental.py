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
    articles = {str(n): f"栏目/2024/0101/{n}.html" for n in range(20)}
    sections = {"1": ["x/index.html", "x/index_2.html"]}
    pages = {"about": "about.html"}
    expected = {
        "generator": "Newsdesk",
        "site": '儒经网"\n',
        "files": {p: {"sha256": sha, "size": size} for p, (sha, size) in sorted(files.items())},
        "articles": articles,
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
