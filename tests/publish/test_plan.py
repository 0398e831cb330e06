"""Planning: the registered page kinds, the outputs they plan and which fingerprints an edit
changes."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from editor.publish import kinds
from editor.publish.context import SiteView, digest
from editor.publish.kinds import Output, PageKind
from editor.publish.plan import BodyCache, manifest_maps, plan_outputs, render_output
from editor.publish.render import PageRenderer

BUILT_IN = ["static", "asset", "article", "section", "home", "page", "404", "feed", "sitemap"]


def _plan(workspace):
    from editor.content.catalog import load_catalog

    catalog = load_catalog(datetime.now().replace(microsecond=0))
    view = SiteView(catalog, workspace.publisher.theme())
    renderer = PageRenderer(view)
    return view, renderer, plan_outputs(view, renderer)


def test_the_built_in_kinds_are_registered_in_planning_order():
    assert list(kinds.KINDS)[: len(BUILT_IN) + 1] == [*BUILT_IN, "robots"]
    assert {name for name, k in kinds.KINDS.items() if k.copied} == {"static", "asset"}
    assert [name for name, k in kinds.KINDS.items() if k.needs_bodies] == ["article"]
    for name, page_kind in kinds.KINDS.items():
        assert page_kind.name == name
        assert (
            page_kind.copied
            or page_kind.template
            or type(page_kind).render is not (PageKind.render)
        ), name


def test_every_kind_plans_the_files_an_export_writes(demo_workspace, bundle):
    out, _result = bundle
    _view, _renderer, outputs = _plan(demo_workspace)
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert set(outputs) == written - {"manifest.json"}
    planned_kinds = {output.kind for output in outputs.values()}
    assert planned_kinds == set(kinds.KINDS)  # the demo has a file of every kind
    for path, output in outputs.items():
        assert output.path == path
        assert len(output.fingerprint) >= 32
    assert outputs["index.html"].kind == "home"
    assert outputs["404.html"].kind == "404"
    assert outputs["static/css/portal.css"].kind == "static"


def test_paths_first_then_fingerprints_give_what_a_whole_plan_gives(demo_workspace):
    _view, _renderer, whole = _plan(demo_workspace)
    view, renderer, _again = _plan(demo_workspace)  # (a view of its own: nothing cached)
    view = SiteView(view.catalog, view.theme)
    renderer = PageRenderer(view)
    later = plan_outputs(view, renderer, fingerprints=False)
    assert list(later) == list(whole)  # the same paths, in the same order
    assert [(o.kind, o.key) for o in later.values()] == [(o.kind, o.key) for o in whole.values()]
    pending = {path for path, output in later.items() if output.fingerprint is None}
    assert {later[path].kind for path in pending} == {"article", "section"}
    assert pending == {
        path for path, output in whole.items() if kinds.kind(output.kind).fingerprint_later
    }
    assert all(later[p].fingerprint == whole[p].fingerprint for p in set(later) - pending)
    for path in pending:
        output = later[path]
        output.fingerprint = kinds.kind(output.kind).fingerprint(view, renderer, output)
    assert {p: o.fingerprint for p, o in later.items()} == {
        p: o.fingerprint for p, o in whole.items()
    }
    with pytest.raises(NotImplementedError):
        kinds.kind("home").fingerprint(view, renderer, whole["index.html"])


def test_manifest_maps_come_from_the_section_and_page_kinds(demo_workspace, bundle):
    out, _result = bundle
    _view, _renderer, outputs = _plan(demo_workspace)
    sections, pages = manifest_maps(outputs)
    manifest = json.loads((out / "manifest.json").read_bytes())
    assert sections == manifest["sections"]
    assert (
        pages
        == manifest["pages"]
        == {
            "about": "about.html",
            "contact": "contact.html",
            "feedback": "feedback.html",
        }
    )


def _changed(before: dict[str, Output], after: dict[str, Output]) -> set[str]:
    return {
        path
        for path in set(before) | set(after)
        if path not in before
        or path not in after
        or before[path].fingerprint != after[path].fingerprint
    }


def test_a_body_edit_changes_only_its_page_and_the_sitemap(demo_workspace):
    ws = demo_workspace
    _view, _renderer, before = _plan(ws)
    article = next(a for a in ws.articles.list() if a.status == "published" and not a.scheduled)
    full = ws.articles.get(article.id)
    with ws.edit():
        ws.articles.update(article.id, {"body": "新的正文。"}, full.version)
    _view, _renderer, after = _plan(ws)
    changed = _changed(before, after)
    assert article.url in changed
    assert changed <= {article.url, "sitemap.xml"}  # (the sitemap shows the date of the edit)


def test_a_title_edit_reaches_the_lists_that_show_it_and_no_others(demo_workspace):
    ws = demo_workspace
    view, _renderer, before = _plan(ws)
    article = next(a for a in ws.articles.list() if a.status == "published" and not a.scheduled)
    full = ws.articles.get(article.id)
    with ws.edit():
        ws.articles.update(article.id, {"title": "改过的标题"}, full.version)
    _view, _renderer, after = _plan(ws)
    changed = _changed(before, after)
    assert article.url in changed
    tree = ws.sections.tree()
    own = tree.nodes[full.section_id]
    assert f"{own.slug_path}/index.html" in changed
    assert "rss.xml" in changed
    unrelated = [
        node
        for node in tree
        if node.id not in {n.id for n in tree.ancestors(full.section_id)}
        and not view.in_subtree.get(node.id)
    ]
    assert unrelated  # empty sections: nothing there shows the title
    for node in unrelated:
        assert f"{node.slug_path}/index.html" not in changed
    for path in changed:
        assert before.get(path) is None or before[path].kind != "static"


@pytest.fixture
def humans_kind():
    """A page kind registered for one test (humans.txt, rendered without a template)."""

    @kinds.register
    class Humans(PageKind):
        name = "humans"

        def plan(self, view, renderer):
            yield self.output("humans.txt", digest(view.site.get("name")), None)

        def render(self, view, renderer, output, bodies):
            return f"/* TEAM */\nSite: {view.site.get('name')}\n".encode()

    yield Humans
    kinds.KINDS.pop("humans")


def test_a_registered_kind_is_planned_rendered_and_kept_in_the_manifest(
    demo_workspace, humans_kind, tmp_path
):
    out = tmp_path / "site"
    demo_workspace.publisher.export(out, workers=1)
    assert (out / "humans.txt").read_text(encoding="utf-8") == "/* TEAM */\nSite: 儒经网\n"
    manifest = json.loads((out / "manifest.json").read_bytes())
    assert "humans.txt" in manifest["files"]
    again = demo_workspace.publisher.export(out, workers=1)
    assert again.written == 0
    with demo_workspace.edit():
        demo_workspace.site.update(name="新名字")
    result = demo_workspace.publisher.export(out, workers=1)
    assert "humans.txt" in result.written_paths
    assert (out / "humans.txt").read_text(encoding="utf-8").endswith("Site: 新名字\n")


def test_render_output_refuses_copied_and_unknown_kinds(demo_workspace):
    view, renderer, outputs = _plan(demo_workspace)
    with pytest.raises(ValueError, match="static"):
        render_output(view, renderer, outputs["static/css/portal.css"], BodyCache())
    with pytest.raises(ValueError, match="no page kind"):
        render_output(view, renderer, Output("x.html", "", "gallery", None), BodyCache())
    with pytest.raises(ValueError, match="needs a name"):
        kinds.register(type("Nameless", (PageKind,), {}))


def test_reserved_paths_are_never_planned_for_static_pages(demo_workspace):
    ws = demo_workspace
    with ws.edit():
        ws.pages.save("index", "假首页", "不应出现")
        ws.pages.save("404", "假404", "不应出现")
    _view, _renderer, outputs = _plan(ws)
    assert outputs["index.html"].kind == "home"
    assert outputs["404.html"].kind == "404"
