"""What the running application keeps of its last export into a folder
(`editor.publish.recorded`): the export state rows and the manifest's encoded entries. The
next export takes them instead of reading the state and encoding every file again, writes
the bundle a fresh export writes, and reads the state again when another process exported
into the folder meanwhile or when an export failed half way."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from editor.content import catalog as catalog_queries
from editor.publish import delta
from editor.publish import export as export_module
from editor.publish.bundle import ManifestMemo, manifest_bytes
from editor.publish.export import Exporter
from editor.publish.publisher import Publisher
from tests.publish import changes


def _manifest(out) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_a_manifest_memo_brought_up_to_date_encodes_what_a_fresh_one_does():
    draw = random.Random(14)
    files = {f"s{draw.randrange(9)}/{n}.html": (f"{n:064x}", n) for n in range(300)}
    memo = ManifestMemo(dict(files))
    articles = {n: f"栏目/2024/0101/{n}.html" for n in range(50)}
    memo.manifest("站", list(articles.items()), {}, {})  # (remembers the addresses)
    for round_number in range(5):
        removed = draw.sample(sorted(files), 20)
        for path in removed:
            del files[path]
        changed = {path: ("f" * 64, 7) for path in draw.sample(sorted(files), 15)}
        changed |= {f"new{round_number}/{n}.html": ("e" * 64, n) for n in range(10)}
        changed["0-first.html"] = ("d" * 64, 1)  # (sorts before every other path)
        files.update(changed)
        memo.update(changed, removed + ["never-there.html"])
        articles = {n + round_number: page for n, page in articles.items()}  # (pages move)
        articles[1000 + round_number] = "新/2024/0102/1.html"
        sections, pages = {"1": ["x/index.html"]}, {"about": "about.html"}
        made = memo.manifest('儒经网"', list(articles.items()), sections, pages)
        assert made == manifest_bytes('儒经网"', files, articles, sections, pages)
        assert made == json.dumps(  # (what the encoder writes entry by entry)
            {
                "generator": "Newsdesk",
                "site": '儒经网"',
                "files": {
                    p: {"sha256": sha, "size": size} for p, (sha, size) in sorted(files.items())
                },
                "articles": {str(aid): page for aid, page in articles.items()},
                "sections": sections,
                "pages": pages,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
        # the same articles again, then with new ones on top
        again = memo.manifest('儒经网"', list(articles.items()), sections, pages)
        assert again == made
        articles = {2000 + round_number: "新/2024/0103/1.html", 3000: "新/2024/0103/2.html"} | {
            aid: page for aid, page in articles.items() if aid != 3000
        }
        made = memo.manifest('儒经网"', list(articles.items()), sections, pages)
        assert made == manifest_bytes('儒经网"', files, articles, sections, pages)
    assert memo.order == sorted(files)


def _new_section_slug(ws) -> None:
    """A section's address changes: every article page in it moves."""
    node = ws.sections.tree().resolve(changes.SECTION)
    with ws.edit():
        ws.sections.rename(node.id, node.name, slug="moved-section")


def _exported(ws, tmp_path) -> tuple[Publisher, Path, Path]:
    """The demo site grown and exported once by the application's publisher (returned),
    into tmp_path/out; tmp_path/fresh is where a fresh export to compare with goes."""
    changes.grown(ws)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    publisher = Publisher(ws)
    publisher.export(out, workers=1)
    return publisher, out, fresh


def _as_a_fresh_export(ws, out: Path, fresh: Path) -> None:
    """The bundle in `out` is, file for file and byte for byte, a fresh export's."""
    Exporter(ws, workers=1).run(fresh)
    assert changes.files(out) == changes.files(fresh)


def _answers(monkeypatch, owner, name: str) -> list:
    """What `owner.name` answers from now on, call by call."""
    answers: list = []
    real = getattr(owner, name)

    def spy(*args, **kwargs):
        answers.append(real(*args, **kwargs))
        return answers[-1]

    monkeypatch.setattr(owner, name, spy)
    return answers


def _spy_state_reads(monkeypatch) -> list[str]:
    reads: list[str] = []
    real = catalog_queries.load_export_state

    def spy(out_dir):
        reads.append(out_dir)
        return real(out_dir)

    monkeypatch.setattr(catalog_queries, "load_export_state", spy)
    return reads


@pytest.mark.parametrize(
    "edit",
    [
        changes.new_article,
        changes.edited_title,
        changes.deleted_article,
        changes.edited_body,
        changes.changed_section,
        changes.renamed_section,
        changes.changed_settings,
        _new_section_slug,
    ],
    ids=lambda f: f.__name__.strip("_"),
)
def test_the_application_exports_from_what_it_recorded_the_bundle_a_fresh_export_writes(
    demo_workspace, tmp_path, monkeypatch, edit
):
    ws = demo_workspace
    publisher, out, fresh = _exported(ws, tmp_path)
    reads = _spy_state_reads(monkeypatch)
    edit(ws)
    result = publisher.export(out, workers=1)
    assert result.written >= 1 and reads == []  # the state was not read back
    record = publisher._records[str(out.resolve())]
    assert record.rows == catalog_queries.load_export_state(str(out.resolve()))
    view = publisher._view  # the sketch kept for the next export: its entries made afresh
    kept = publisher._sketches[str(out.resolve())].articles
    assert kept == {aid: delta.article_entry(view, aid) for aid in view.cards}
    _as_a_fresh_export(ws, out, fresh)  # the manifest's bytes too


def test_an_export_by_another_process_into_the_folder_makes_the_state_read_again(
    demo_workspace, tmp_path, monkeypatch
):
    ws = demo_workspace
    publisher, out, fresh = _exported(ws, tmp_path)
    changes.new_article(ws)
    Exporter(ws, workers=1).run(out)  # the command line, say: it records its own state
    reads = _spy_state_reads(monkeypatch)
    changes.edited_title(ws)
    publisher.export(out, workers=1)
    assert reads == [str(out.resolve())]
    _as_a_fresh_export(ws, out, fresh)
    assert _manifest(out) == _manifest(fresh)


def test_a_failed_export_drops_the_record_and_the_next_one_reads_the_state(
    demo_workspace, tmp_path, monkeypatch
):
    ws = demo_workspace
    publisher, out, fresh = _exported(ws, tmp_path)
    changes.new_article(ws)

    def broken(self):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(export_module.Staging, "commit", broken)
        with pytest.raises(export_module.ExportError):
            publisher.export(out, workers=1)
    assert str(out.resolve()) not in publisher._records
    reads = _spy_state_reads(monkeypatch)
    publisher.export(out, workers=1)
    assert reads == [str(out.resolve())]
    _as_a_fresh_export(ws, out, fresh)


def test_the_next_view_takes_the_addresses_and_sitemap_lines_of_unchanged_articles(
    demo_workspace, tmp_path
):
    ws = demo_workspace
    publisher, out, fresh = _exported(ws, tmp_path)
    prior = publisher._view
    moved, kept = changes.published(ws)[1], changes.published(ws)[5]
    changes.changed_section(ws)  # (moves the second newest article: a new address)
    publisher.export(out, workers=1)
    view = publisher._view
    assert view is not prior and view.cards[kept] is prior.cards[kept]
    assert view.article_url[kept] is prior.article_url[kept]
    assert view.sitemap_lines[kept] is prior.sitemap_lines[kept]
    assert view.article_url[moved] != prior.article_url[moved]
    assert view.article_url[moved] in view.sitemap_lines[moved][1]
    _as_a_fresh_export(ws, out, fresh)


def _two_new_articles(ws) -> None:
    changes.new_article(ws)
    changes.new_older_article(ws)


def _new_article_with_a_new_tag(ws) -> None:
    from tests.publish.test_preview_slice import _add

    _add(ws, "又一篇新稿", days=0.001, tags=["从未用过的标签"])


def _tags_already_in_use(ws) -> None:
    """An article's tags changed to tags other articles have (no new tag: no new frame)."""
    from editor.content.catalog import load_catalog

    cards = load_catalog().articles
    aid = changes.published(ws)[6]
    used = sorted({tag for card in cards.values() for tag in card.tags} - set(cards[aid].tags))
    assert len(used) >= 2
    changes._edit(ws, aid, tags=used[:2])


def _new_article_with_many_hits(ws) -> None:
    from tests.publish.test_preview_slice import _add

    _add(ws, "一发就热的稿件", days=0.001, hits=5_000)


def _new_pinned_article(ws) -> None:
    from tests.publish.test_preview_slice import _add

    _add(ws, "一发就置顶", days=0.001, hot_pin=1)


def _new_excluded_article(ws) -> None:
    from tests.publish.test_preview_slice import _add

    _add(ws, "不进排行的新稿", days=0.001, hits=90_000, hot_exclude=True)


# (edit, whether the view's lists were made from the prior view's (None: not tried, the
# site was read afresh), whether its 热门排行 were taken from the prior view)
@pytest.mark.parametrize(
    "edit, indexed_from_prior, ranked_by_prior",
    [
        (changes.new_article, True, True),  # (no hits: below every full ranking)
        (_new_article_with_many_hits, True, False),
        (_new_pinned_article, True, False),
        (_new_excluded_article, True, True),
        (changes.new_older_article, False, False),
        (changes.edited_title, True, True),
        (changes.edited_body, True, True),
        (changes.changed_hits, True, False),
        (_two_new_articles, False, False),  # (one of them older than the newest)
        (_new_article_with_a_new_tag, None, False),  # (a new tag: the site is read afresh)
        (changes.changed_tags, None, False),
        (_tags_already_in_use, False, False),
        (changes.changed_section, False, False),
        (changes.deleted_article, False, False),
    ],
    ids=lambda value: value.__name__.strip("_") if callable(value) else str(value),
)
def test_a_view_indexed_from_the_prior_one_is_the_view_indexed_afresh(
    demo_workspace, tmp_path, monkeypatch, edit, indexed_from_prior, ranked_by_prior
):
    from editor.publish.context import SiteView

    ws = demo_workspace
    publisher, out, _fresh = _exported(ws, tmp_path)
    edit(ws)
    taken = _answers(monkeypatch, SiteView, "_index_from")
    ranked = _answers(monkeypatch, SiteView, "_hot_from")
    publisher.export(out, workers=1)
    view = publisher._view
    assert taken == ([] if indexed_from_prior is None else [indexed_from_prior])
    assert any(found is not None for found in ranked) is ranked_by_prior
    fresh = SiteView(view.catalog, view.theme)
    assert view.order == fresh.order and view.position == fresh.position
    assert view.article_url == fresh.article_url
    assert view.in_section == fresh.in_section and view.by_tag == fresh.by_tag
    assert list(view.in_subtree.items()) == list(fresh.in_subtree.items())
    assert (view.hot_site, view.hot_by_top, view.hot_keys, view.hot_floors) == (
        fresh.hot_site,
        fresh.hot_by_top,
        fresh.hot_keys,
        fresh.hot_floors,
    )
    assert view.chrome_key == fresh.chrome_key


def test_an_export_into_a_folder_emptied_by_hand_records_only_its_own_files(
    demo_workspace, tmp_path
):
    import shutil

    ws = demo_workspace
    publisher, out, fresh = _exported(ws, tmp_path)
    shutil.rmtree(out)  # the bundle removed by hand
    changes.deleted_article(ws)  # (its page is not in the next bundle)
    publisher.export(out, workers=1)
    key = str(out.resolve())
    assert publisher._records[key].rows == catalog_queries.load_export_state(key)
    changes.edited_title(ws)
    app = publisher.export(out, workers=1, delta_zip_path=tmp_path / "app.zip")
    assert app.deleted_paths == []  # (the removed article's page went with the old bundle)
    _as_a_fresh_export(ws, out, fresh)
    changes.new_article(ws)
    command_line = Exporter(ws, workers=1).run(out, delta_zip_path=tmp_path / "cli.zip")
    assert command_line.deleted_paths == []


def test_a_new_article_with_as_many_hits_as_a_ranking_s_last_is_ranked_again(
    demo_workspace, tmp_path, monkeypatch
):
    from editor.publish.context import SiteView
    from tests.publish.test_preview_slice import _add

    ws = demo_workspace
    publisher, out, _fresh = _exported(ws, tmp_path)
    floor = publisher._view.hot_floors[None]
    assert floor is not None  # (a full site ranking: the demo site has enough articles)
    _add(ws, "同分新稿", days=0.001, hits=floor)  # newer, so ahead of the last at equal hits
    ranked = _answers(monkeypatch, SiteView, "_hot_from")
    publisher.export(out, workers=1)
    view = publisher._view
    assert ranked == [None]  # (not taken from the prior view)
    fresh = SiteView(view.catalog, view.theme)
    assert (view.hot_site, view.hot_by_top) == (fresh.hot_site, fresh.hot_by_top)


def test_the_prior_rankings_are_taken_only_below_every_floor_a_new_article_meets():
    from types import SimpleNamespace

    from editor.publish.context import SiteView

    new = SimpleNamespace(hits=5, hot_pin=0, hot_exclude=False, section_id=3)
    view = SimpleNamespace(
        options={"hot_size": 10},
        cards={9: new},
        _edited=[],
        order=[9, 1],
        article_url={9: "s/2024/0101/9.html"},
        top_of={3: 2},
    )
    prior = SimpleNamespace(options={"hot_size": 10}, cards={}, order=[1], hot_site=[1])
    prior.hot_by_top = {2: [1]}
    for floors, taken in [
        ({None: 6, 2: 6}, True),
        ({None: 5, 2: 4}, False),  # as many hits as the site ranking's last
        ({None: 6, 2: 5}, False),  # as many as its top-level section's last
        ({None: 6, 2: None}, False),  # a ranking that is not full
    ]:
        prior.hot_floors = floors
        assert (SiteView._hot_from(view, prior) is not None) is taken, floors
    new.hot_exclude = True  # (never ranked)
    prior.hot_floors = {None: 1, 2: 1}
    assert SiteView._hot_from(view, prior) == (prior.hot_site, prior.hot_by_top, prior.hot_floors)
