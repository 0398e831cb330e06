"""Planning from the last export's sketch (`editor.publish.delta`) gives exactly the full
plan: every path with the same fingerprint, the same manifest maps, after every kind of
edit. A page the invalidation missed would keep its old fingerprint here and fail."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from editor.content.catalog import load_catalog
from editor.publish import delta, kinds, sketch
from editor.publish.context import SiteView, digest
from editor.publish.export import MANIFEST
from editor.publish.markdown import RENDERER_VERSION
from editor.publish.plan import manifest_maps, plan_outputs
from editor.publish.render import PageRenderer
from editor.publish.theme import load_theme
from tests.publish import changes

ARTICLE_EDITS = [
    changes.new_article,
    changes.new_older_article,
    changes.edited_title,
    changes.edited_body,
    changes.edited_summary,
    changes.changed_section,
    changes.deleted_article,
    changes.unpublished_article,
    changes.changed_tags,
    changes.changed_hits,
]
FRAME_EDITS = [
    changes.changed_settings,
    changes.renamed_section,
    changes.edited_page,
    changes.edited_partner,
]


def _site(ws) -> None:
    """The demo site grown, with short list pages (so that an edit shifts pages)."""
    changes.grown(ws)
    with ws.edit():
        for node in ws.sections.tree():
            ws.sections.update(node.id, page_size=3)


def _plans(ws, out, moment=None):
    """(delta plan or None, full plan) of the site now against the last export into out."""
    from editor.content import catalog as catalog_queries

    moment = moment or datetime.now().replace(microsecond=0)
    catalog = load_catalog(moment)
    theme = load_theme(catalog.site.get("templates_dir") or "")
    view = SiteView(catalog, theme)
    renderer = PageRenderer(view)
    frame_key = digest(catalog.frame_signature, theme.version, RENDERER_VERSION, moment.year)
    state_key = str(out.resolve())
    found = sketch.load_sketch(ws.target.location, state_key)
    previous = catalog_queries.load_export_state(state_key)
    assert found is not None and previous.get(MANIFEST)[0] == found.run_key
    replanned: dict = {}
    planned = delta.delta_outputs(view, renderer, found, frame_key, previous, replanned=replanned)
    if planned is not None:  # only the paths planned again can be written or deleted
        outputs = planned[0]
        differ = {p for p, o in outputs.items() if previous.get(p, ("",))[0] != o.fingerprint}
        gone = {p for p in previous if p not in outputs and p != MANIFEST}
        assert differ and differ | gone <= set(replanned)
    full = plan_outputs(view, renderer)
    return planned, (full, manifest_maps(full))


def _same(planned, full) -> None:
    outputs, maps = planned
    expected, expected_maps = full
    assert {p: o.fingerprint for p, o in outputs.items()} == {
        p: o.fingerprint for p, o in expected.items()
    }
    assert maps == expected_maps
    assert list(maps[0]) == list(expected_maps[0])  # (the manifest keeps this order)


@pytest.mark.parametrize("edit", ARTICLE_EDITS, ids=lambda f: f.__name__)
def test_the_delta_plan_is_the_full_plan_after_an_article_edit(demo_workspace, tmp_path, edit):
    ws = demo_workspace
    _site(ws)
    out = tmp_path / "site"
    ws.publisher.export(out, workers=1)
    edit(ws)
    planned, full = _plans(ws, out)
    assert planned is not None
    _same(planned, full)
    ws.publisher.export(out, workers=1)
    edit(ws)  # twice: from a sketch the delta plan itself left
    planned, full = _plans(ws, out)
    _same(planned, full)
    ws.publisher.export(out, workers=1)
    fresh = tmp_path / "fresh"
    ws.publisher.export(fresh, full=True, workers=1)
    assert changes.files(out) == changes.files(fresh)


@pytest.mark.parametrize("edit", FRAME_EDITS, ids=lambda f: f.__name__)
def test_an_edit_of_the_frame_plans_everything(demo_workspace, tmp_path, edit):
    ws = demo_workspace
    _site(ws)
    out = tmp_path / "site"
    ws.publisher.export(out, workers=1)
    edit(ws)
    planned, _full = _plans(ws, out)
    assert planned is None


def test_a_scheduled_article_whose_time_came_is_planned(demo_workspace, tmp_path):
    ws = demo_workspace
    _site(ws)
    when = changes.scheduled(ws)
    out = tmp_path / "site"
    ws.publisher.export(out, workers=1)
    planned, full = _plans(ws, out, when + timedelta(minutes=1))
    assert planned is not None
    _same(planned, full)
    shown = [o for o in planned[0].values() if o.kind == "article"]
    assert any(ws.articles.get(o.key).title == "定时发布的稿件" for o in shown)


def test_new_people_tags_and_sources_need_no_full_plan_renamed_ones_do(demo_workspace, tmp_path):
    ws = demo_workspace
    _site(ws)
    out = tmp_path / "site"
    ws.publisher.export(out, workers=1)
    changes.new_article(ws)
    aid = changes.published(ws)[0]
    changes._edit(ws, aid, reporters="新来的记者", source="新的来源", tags=["全新的标签"])
    planned, full = _plans(ws, out)
    assert planned is not None
    _same(planned, full)
    ws.publisher.export(out, workers=1)
    person = next(p for p in ws.people.list() if p.name == "新来的记者")
    with ws.edit():
        ws.people.update(person.id, name="改名的记者")
    planned, _full = _plans(ws, out)
    assert planned is None
    ws.publisher.export(out, workers=1)
    fresh = tmp_path / "fresh"
    ws.publisher.export(fresh, full=True, workers=1)
    assert changes.files(out) == changes.files(fresh)
    assert "改名的记者" in (out / planned_page(out, aid)).read_text("utf-8")


def planned_page(out, aid) -> str:
    """The page of an article in the manifest of the bundle in `out`."""
    import json

    return json.loads((out / "manifest.json").read_text("utf-8"))["articles"][str(aid)]


def test_a_planner_that_misses_a_page_is_caught(demo_workspace, tmp_path, monkeypatch):
    ws = demo_workspace
    _site(ws)
    out = tmp_path / "site"
    ws.publisher.export(out, workers=1)
    changes.new_article(ws)
    monkeypatch.setattr(delta, "ALWAYS", ("feed", "sitemap"))  # home forgotten
    planned, full = _plans(ws, out)
    with pytest.raises(AssertionError):
        _same(planned, full)
    assert kinds.kind("home")


@pytest.mark.parametrize("edit", ARTICLE_EDITS, ids=lambda f: f.__name__)
def test_the_warm_catalog_is_the_catalog_read_afresh(demo_workspace, edit):
    from editor.content.site_stamp import change_stamp
    from editor.publish.warm import WarmCatalog

    ws = demo_workspace
    _site(ws)
    warm = WarmCatalog()
    moment = datetime.now().replace(microsecond=0)
    warm.load(moment, change_stamp(moment))
    assert not warm.reused
    edit(ws)
    moment = datetime.now().replace(microsecond=0)
    kept = warm.load(moment, change_stamp(moment))
    fresh = load_catalog(moment)
    assert warm.reused is (edit is not changes.changed_tags)  # (a new tag: read afresh)
    assert list(kept.articles.items()) == list(fresh.articles.items())
    assert kept.frame_signature == fresh.frame_signature
    assert (kept.site, kept.partners, kept.pages, kept.assets) == (
        fresh.site,
        fresh.partners,
        fresh.pages,
        fresh.assets,
    )
    edit(ws)  # again: compared with the versions the last load read
    moment = datetime.now().replace(microsecond=0)
    kept = warm.load(moment, change_stamp(moment))
    assert warm.reused  # (the tags too: they exist now)
    assert list(kept.articles.items()) == list(load_catalog(moment).articles.items())


@pytest.mark.parametrize("edit", FRAME_EDITS, ids=lambda f: f.__name__)
def test_the_warm_catalog_reads_everything_after_a_frame_edit(demo_workspace, edit):
    from editor.content.site_stamp import change_stamp
    from editor.publish.warm import WarmCatalog

    ws = demo_workspace
    _site(ws)
    warm = WarmCatalog()
    moment = datetime.now().replace(microsecond=0)
    warm.load(moment, change_stamp(moment))
    edit(ws)
    moment = datetime.now().replace(microsecond=0)
    kept = warm.load(moment, change_stamp(moment))
    assert not warm.reused
    assert kept.signature == load_catalog(moment).signature


def test_an_edit_no_other_page_shows_plans_only_the_article(demo_workspace, tmp_path, monkeypatch):
    from editor.publish.kinds import SectionPage

    ws = demo_workspace
    _site(ws)
    out = tmp_path / "site"
    ws.publisher.export(out, workers=1)
    planned_sections = []
    original = SectionPage.plan_section

    def spy(self, view, node):
        planned_sections.append(node.id)
        return original(self, view, node)

    monkeypatch.setattr(SectionPage, "plan_section", spy)
    read_back = []
    monkeypatch.setattr(sketch, "load_sketch", lambda *a: read_back.append(a))
    changes.edited_body(ws)
    result = ws.publisher.export(out, workers=1)
    assert planned_sections == [] and read_back == []  # (the sketch was kept in memory)
    others = set(result.written_paths) - {"manifest.json", "sitemap.xml"}  # (lastmod dates)
    assert len(others) == 1 and others.pop().endswith(".html")  # the article's own page
    changes.edited_title(ws)
    ws.publisher.export(out, workers=1)
    assert planned_sections  # a title shows in lists: its sections are planned again
    fresh = tmp_path / "fresh"
    ws.publisher.export(fresh, full=True, workers=1)
    assert changes.files(out) == changes.files(fresh)


def test_the_warm_catalog_puts_a_new_top_article_and_edits_in_place_and_sorts_otherwise():
    from types import SimpleNamespace

    from editor.publish.warm import _in_place

    start = datetime(2024, 5, 1, 9, 0)

    def card(aid, hours, section=1, title=""):
        return SimpleNamespace(
            id=aid, publish_time=start + timedelta(hours=hours), section_id=section, title=title
        )

    kept = {3: card(3, 3), 2: card(2, 2), 1: card(1, 1)}
    nodes = {1: None}
    newest, edited = card(9, 4), card(2, 2, title="改")
    placed = _in_place(kept, {9: newest, 2: edited}, [], nodes)
    assert list(placed) == [9, 3, 2, 1] and placed[2] is edited
    assert _in_place(kept, {8: card(8, 2.5)}, [], nodes) is None  # new, not the newest
    assert _in_place(kept, {2: card(2, 5)}, [], nodes) is None  # its time changed
    assert _in_place(kept, {2: card(2, 2, section=7)}, [], nodes) is None  # out of the tree
    assert _in_place(kept, {}, [1], nodes) is None  # one went
