"""Planning only what the edits since the last export can have changed.

A full plan fingerprints every output of the bundle. When the last export into the same
folder left a sketch (`editor.publish.sketch`) and nothing but articles changed since (same
frame key: settings, sections, partners, static pages, images, theme, renderer and year;
no 来源, person or tag renamed or removed), every output keeps its recorded fingerprint except these, which
are planned again from the current site view:

- the pages of the articles that were added or edited (their version differs), and, for
  those that other pages show differently (added, removed, or a change of what a list
  shows of them: `shown_key`), of every article whose page may show one: articles of the
  same section (相关新闻 takes the section's newest), articles sharing a tag with one,
  articles that pick one; and every article of a top-level section whose 热门排行 changed;
- the list pages of the sections (and their ancestors) such an article sits or sat in,
  and of every section of a top-level section whose 热门排行 changed;
- home, the feeds and the sitemap (cheap, and they show the newest of everything);
- the stored images, when an added, edited or removed article shows any.

Outputs that disappear (a removed article's page, a moved article's old page, list pages
past the new last page) are left out, so the export deletes them. The result equals a full
plan path for path and fingerprint for fingerprint: `tests/publish/test_delta.py` checks it
after every kind of edit.
"""

from __future__ import annotations

from typing import Any

from editor.publish import kinds
from editor.publish.bundle import MANIFEST
from editor.publish.context import SiteView, digest
from editor.publish.kinds import Output
from editor.publish.sketch import ExportSketch

ALWAYS = ("home", "feed", "sitemap")  # kinds planned again after any edit
ASSETS = "assets/"


def article_entry(view: SiteView, aid: int) -> tuple:
    """What the sketch keeps of one article (see `ExportSketch.articles`)."""
    card = view.cards[aid]
    return (
        card.version,
        card.section_id,
        tuple(card.tags),
        view.article_url.get(aid),
        bool(card.has_assets or card.cover_id),
        shown_key(view, aid),
    )


def shown_key(view: SiteView, aid: int) -> str:
    """What pages other than an article's own show of it: its list entry (title, page,
    summary, 来源, cover), its place (time, section, tags, the flags of home and lists).
    Its 热门排行 place is compared through the rankings' keys."""
    card = view.cards[aid]
    return digest(
        view.card_key(aid),
        card.publish_time,
        card.section_id,
        card.tags,
        card.cover_id,
        card.is_headline,
        card.is_featured,
        card.is_slideshow,
        card.is_pinned,
    )


def delta_outputs(
    view: SiteView,
    renderer: Any,
    sketch: ExportSketch,
    frame_key: str,
    previous: dict,
    kept: dict[str, Output] | None = None,
    differing: set[int] | None = None,
    replanned: dict[str, None] | None = None,
) -> tuple[dict[str, Output], tuple[dict, dict]] | None:
    """(outputs, manifest maps) planned from the sketch of the last export and the recorded
    export state `previous` (path -> (fingerprint, sha256, size)); None when the frame
    changed and everything must be planned. `kept`: the recorded outputs already made
    (`Recorded.kept`; copied, not changed). `differing`, when given, gets the articles
    whose sketch entries may differ (added, saved or gone since the sketch); `replanned`
    the paths planned again or left out, in planning order (every other output keeps its
    recorded fingerprint: only these can be written or deleted)."""
    if sketch.frame_key != frame_key or sketch.names != names_key(view.catalog.names, sketch.names):
        return None
    cards = view.cards
    old = sketch.articles
    changed = {aid for aid, card in cards.items() if old.get(aid, (None,))[0] != card.version}
    gone = set(old) - set(cards)
    touched = changed | gone
    if differing is not None:
        differing.update(touched)
    tree = view.tree
    direct: set[int] = set()  # sections an article of `touched` sits or sat in
    tags: set[str] = set()
    with_images = False
    loud: set[int] = set()  # touched articles that other pages show differently
    for aid in touched:
        if aid in cards:
            card = cards[aid]
            with_images = with_images or bool(card.has_assets or card.cover_id)
        if aid in old:
            with_images = with_images or old[aid][4]
        if aid in cards and aid in old and old[aid][5] == shown_key(view, aid):
            continue  # (only its own page, the sitemap and the feeds' dates can differ)
        loud.add(aid)
        if aid in cards:
            direct.add(cards[aid].section_id)
            tags.update(cards[aid].tags)
        if aid in old:
            direct.add(old[aid][1])
            tags.update(old[aid][2])
    hot_changed = {  # (the site-wide ranking is shown on home only)
        top
        for top in tree_tops(view)
        if top is not None and view.hot_keys.get(top) != sketch.hot_keys.get(top)
    }
    sections = {sid for sid in direct if sid in tree.nodes}
    for sid in list(sections):
        sections.update(node.id for node in tree.ancestors(sid))
    for top in hot_changed:
        sections.update(tree.descendant_ids(top))

    again_paths: dict[str, None] = replanned if replanned is not None else {}
    if kept is not None:
        outputs = dict(kept)
    else:
        outputs = {
            path: Output(path, fingerprint, "kept")
            for path, (fingerprint, _sha, _size) in previous.items()
            if path != MANIFEST
        }
    if len(outputs) != sketch.total:
        return None
    # article pages
    candidates = set(changed)
    order = view.order
    for sid in direct:
        candidates.update(order[index] for index in view.in_section.get(sid, ()))
    for tag in tags:
        candidates.update(order[index] for index in view.by_tag.get(tag, ()))
    if loud:  # (few articles pick others: the test of `picks` first)
        candidates.update(
            aid for aid, card in cards.items() if card.picks and not loud.isdisjoint(card.picks)
        )
    for top in hot_changed:
        candidates.update(view.in_subtree.get(top, ()))
    for aid in touched:
        page = old[aid][3] if aid in old else None
        if page and page != view.article_url.get(aid):
            outputs.pop(page, None)  # a removed article's page, a moved one's old page
            again_paths[page] = None
    article_kind = kinds.kind("article")
    for aid in candidates:
        if aid in cards and view.article_url.get(aid):
            output = article_kind.output_for(view, aid)
            outputs[output.path] = output
            again_paths[output.path] = None
    # list pages
    section_map = {key: list(paths) for key, paths in sketch.sections.items()}  # (in order)
    section_kind = kinds.kind("section")
    for sid in sections:
        if str(sid) not in section_map:
            return None
        for path in section_map[str(sid)]:
            outputs.pop(path, None)
            again_paths[path] = None
        planned = list(section_kind.plan_section(view, tree.nodes[sid]))
        for output in planned:
            outputs[output.path] = output
            again_paths[output.path] = None
        section_map[str(sid)] = sorted((o.path for o in planned), key=lambda p: (len(p), p))
    # home, feeds, sitemap; stored images
    again = [kinds.kind(name) for name in ALWAYS]
    if with_images:
        for path in [p for p in outputs if p.startswith(ASSETS)]:
            del outputs[path]
            again_paths[path] = None
        again.append(kinds.kind("asset"))
    for page_kind in again:
        for output in page_kind.plan(view, renderer):
            outputs[output.path] = output
            again_paths[output.path] = None
    return outputs, (section_map, dict(sketch.pages))


def names_key(names: dict, upto: dict | None = None) -> dict:
    """For the 来源 outlets, people and tags of a catalog (`Catalog.names`): their highest
    id and a digest of their rows up to it, or up to the ids recorded in `upto` (the last
    export's key): rows added since then are left out, changed or removed ones are not."""
    key = {}
    for table in ("sources", "people", "tags"):
        rows = names.get(table, {})
        limit = upto[table][0] if upto and table in upto else max(rows, default=0)
        kept = sorted((rid, value) for rid, value in rows.items() if rid <= limit)
        key[table] = (limit, digest(kept))
    return key


def tree_tops(view: SiteView) -> list:
    """The keys of the hot rankings: each top-level section's id, and None (site-wide)."""
    return [None, *(root.id for root in view.tree.roots)]
