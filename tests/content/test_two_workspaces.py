"""Two sites open in one process: inside `a.activate()` every read and write, the export's
bulk reads included, goes to A, whichever site the models were bound to before."""

from __future__ import annotations

from datetime import datetime

from editor.workspace import Workspace


def _site(path, title: str) -> Workspace:
    ws = Workspace.open(str(path), create=True, user="tester")
    with ws.edit():
        ws.sections.create("新闻")
        ws.articles.create(
            {"title": title, "section": "新闻", "status": "published", "body": "正文"}
        )
    return ws


def test_services_and_catalog_read_the_activated_site(tmp_path):
    from editor.content import article_slice, catalog

    a = _site(tmp_path / "a.newsdesk", "甲站的文章")
    b = _site(tmp_path / "b.newsdesk", "乙站的文章")  # opened last: the default binding
    try:
        later = datetime(2100, 1, 1)
        with a.activate():
            assert [row.title for row in a.articles.list()] == ["甲站的文章"]
            cards = catalog.load_cards(later)
            assert [card.title for card in cards.values()] == ["甲站的文章"]
            (card,) = cards.values()
            sliced = article_slice.load_slice_cards(later, [card.id])
            assert [c.title for c in sliced.values()] == ["甲站的文章"]
            assert [c.title for c in catalog.load_catalog(later).articles.values()] == [
                "甲站的文章"
            ]
            catalog.store_rendered_bodies([(card.id, "<p>甲</p>", "key-a")])
            assert catalog.load_bodies([card.id])[card.id][1] == "<p>甲</p>"
        assert [c.title for c in catalog.load_cards(later).values()] == ["乙站的文章"]
        assert catalog.load_bodies([card.id])[card.id][1] == ""  # B's body cache untouched
    finally:
        a.close()
        b.close()
