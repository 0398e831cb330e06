"""The running application's warm catalog: what the last export read, brought up to date
from the few rows that changed since, instead of reading the whole site again.

`WarmCatalog.load(moment, stamp)` answers what `catalog.load_catalog(moment)` would: when
the site's change stamp says the frame (settings, sections, partners, static pages,
images, 来源, people, tags) and the year are those of the catalog it keeps, it reads the
versions of the visible articles (one query), the cards of the articles added or edited
since (`load_cards` by id) and drops those no longer visible; otherwise, or when an
article changed again between those two reads, it loads the whole catalog. The cards of
unchanged articles are the kept ones: nothing they show can change without raising their
version or changing the frame.

The publisher keeps one per open site (`Publisher.export`), so an export after one edit in
the editor reads a handful of rows. A process that ends with its export (the command line)
leaves the catalog on disk beside the export sketch (`keep`), and the next process takes it
up (`restore`) under the sketch's rule: only when the export state recorded in the database
says the last export into that folder is the one whose catalog it is (its `run_key`). The
checks above then bring it up to date as they do in the running application; anything
unexpected in the file means reading the whole site, as without one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import operator
import pickle
from array import array
from datetime import datetime
from pathlib import Path

from editor.content.catalog import (
    ArticleCard,
    Catalog,
    load_cards,
    load_catalog,
    newest_first,
)
from editor.content.site_stamp import (
    SiteStamp,
    change_stamp,
    export_state_entry,
    visible_versions,
)
from editor.publish.collector import collector_paused
from editor.publish.context import digest
from editor.publish.quick import MANIFEST
from editor.publish.sketch import dump_whole, sketch_path

FORMAT = 1  # of the catalog kept on disk
# A kept catalog is written whole, then as the cards changed since (a patch beside it)
# while they are at most this share of the site: a new article rewrites a few kilobytes.
PATCH_SHARE = 0.05
_card_values = operator.attrgetter(*(field.name for field in dataclasses.fields(ArticleCard)))


def catalog_path(database: str, out_dir: str) -> Path:
    """The kept catalog of one database and bundle folder (beside its export sketch)."""
    path = sketch_path(database, out_dir)
    return path.with_name(f"{path.stem}.catalog.pickle")


def patch_path(database: str, out_dir: str) -> Path:
    """The cards changed since the kept catalog was written whole."""
    path = sketch_path(database, out_dir)
    return path.with_name(f"{path.stem}.catalog-patch.pickle")


class WarmCatalog:
    """The catalog of the last export, kept up to date on demand."""

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        # (the catalog a load made, the visible versions it read them at: `load`)
        self._versions: tuple[Catalog, dict[int, int]] | None = None
        self.frame = ""  # the stamp's frame the kept catalog was read under
        self.reused = False  # whether the last load patched the kept catalog
        self.on_disk = ""  # run key of the export whose catalog the disk copy holds
        self._base = ""  # run key of the catalog written whole on disk
        # ids whose card may differ from that whole copy (None: any may)
        self._touched: set[int] | None = None
        self._in_order = False  # whether the kept cards are newest first (a patch's are not)

    def forget(self) -> None:
        """Drop the kept catalog (the next load reads everything)."""
        self.catalog = None
        self._versions = None
        self.frame = ""
        self._touched = None
        self._in_order = False

    def restore(self, database: str, out_dir: str) -> bool:
        """Take up the catalog the last export into `out_dir` (resolved, as the export state
        names it) left on disk, when the export state says that export was the last one
        into the folder; False (nothing taken) otherwise."""
        if self.catalog is not None:
            return False
        entry = export_state_entry(out_dir, MANIFEST)
        if entry is None or not entry[0]:
            return False
        try:
            with collector_paused():
                taken = _read_kept(database, out_dir, entry[0])
        except Exception:  # missing, partial or from another version: read the site
            return False
        if taken is None:
            return False
        self.catalog, self.frame, self._base, self._touched = taken
        self._in_order = not self._touched  # (a patch's cards come after the whole copy's)
        self.on_disk = entry[0]
        return True

    def keep(self, database: str, out_dir: str, run_key: str) -> None:
        """Leave the catalog on disk for the next process's export into `out_dir`, as the
        catalog of the export recorded under `run_key` ("" or no catalog: remove it)."""
        if self.catalog is None or not run_key:
            self.on_disk = self._base = ""
            for path in (catalog_path(database, out_dir), patch_path(database, out_dir)):
                try:
                    path.unlink(missing_ok=True)
                except OSError:
                    pass
            return
        if run_key == self.on_disk:
            return  # the disk holds this catalog already
        cards = self.catalog.articles
        shell = dataclasses.replace(self.catalog, articles={})
        touched = self._touched
        with collector_paused():
            if self._base and touched is not None and len(touched) <= PATCH_SHARE * len(cards):
                changes = {
                    aid: _card_values(cards[aid]) if aid in cards else None for aid in touched
                }
                kept = (FORMAT, self._base, run_key, self.frame, shell, changes)
                written = dump_whole(patch_path(database, out_dir), kept)
            else:
                rows = list(map(_card_values, cards.values()))  # (a fifth of pickling cards)
                kept = (FORMAT, run_key, self.frame, shell, rows)
                written = dump_whole(catalog_path(database, out_dir), kept)
                if written:
                    self._base, self._touched = run_key, set()
        if written:
            self.on_disk = run_key
        else:
            self.keep(database, out_dir, "")

    def load(self, moment: datetime, stamp: SiteStamp) -> Catalog:
        """The visible site at `moment`, as `load_catalog(moment)` reads it."""
        kept = self.catalog
        self.reused = False
        if kept is None or stamp.frame != self.frame or kept.moment.year != moment.year:
            return self._whole(moment, stamp)
        versions = visible_versions(moment)
        # (the caller's stamp may be older than its checks; only the frame is compared)
        now = change_stamp(moment, articles=False)
        if now.frame != self.frame:
            return self._whole(moment, now)
        cards = kept.articles
        if self._versions is not None and self._versions[0] is kept:
            # (compared with the versions the kept cards were read at, in C)
            known = self._versions[1]
            changed = sorted(aid for aid, _version in versions.items() - known.items())
            gone = [aid for aid in known.keys() - versions.keys() if aid in cards]
        else:
            changed = [
                aid
                for aid, version in versions.items()
                if (card := cards.get(aid)) is None or card.version != version
            ]
            gone = [aid for aid in cards if aid not in versions]
        fresh = load_cards(moment, changed, asset_refs=bool(kept.assets)) if changed else {}
        if any(card.version != versions[aid] for aid, card in fresh.items()) or len(fresh) != len(
            changed
        ):
            return self._whole(moment, stamp)  # saved again meanwhile: read it all
        nodes = kept.tree.nodes
        articles = _in_place(cards, fresh, gone, nodes) if self._in_order else None
        if self._touched is not None:
            self._touched.update(changed, gone)
        if articles is None:
            merged = dict(cards)
            for aid in gone:
                del merged[aid]
            merged.update(fresh)
            order = newest_first(card for card in merged.values() if card.section_id in nodes)
            if self._touched is not None and len(order) != len(merged):
                # (cards of sections gone from the tree)
                self._touched.update(
                    aid for aid, card in merged.items() if card.section_id not in nodes
                )
            articles = {card.id: card for card in order}
        catalog = Catalog(
            moment,
            kept.site,
            kept.tree,
            kept.partners,
            kept.pages,
            articles,
            kept.assets,
            digest("warm", stamp.frame, _versions_key(versions)),
            "",
            kept.frame_signature,
            kept.names,
        )
        self.catalog = catalog
        self._versions = (catalog, versions)
        self.reused = True
        self._in_order = True
        return catalog

    def _whole(self, moment: datetime, stamp: SiteStamp) -> Catalog:
        catalog = load_catalog(moment)
        self.catalog = catalog
        self._versions = None  # (not read: the next load compares with the cards)
        self.frame = stamp.frame
        self._touched = None
        self._in_order = True
        return catalog


def _in_place(
    cards: dict[int, ArticleCard],
    fresh: dict[int, ArticleCard],
    gone: list[int],
    nodes: dict[int, object],
) -> dict[int, ArticleCard] | None:
    """The kept cards (newest first) with the fresh ones in, made without sorting when no
    card went and every fresh card keeps its place (an edited article with its time and a
    section in the tree) or is newer than all (a new article at the top); else None."""
    if gone or not cards:
        return None
    top = next(iter(cards.values()))
    if top.publish_time is None:
        return None
    top_key = (top.publish_time, top.id)
    newer = []
    for aid, card in fresh.items():
        if card.section_id not in nodes or card.publish_time is None:
            return None
        old = cards.get(aid)
        if old is None:
            if (card.publish_time, aid) <= top_key:
                return None
            newer.append(card)
        elif old.publish_time != card.publish_time:
            return None
    articles = {card.id: card for card in newest_first(newer)}
    articles.update(cards)
    articles.update(fresh)  # (the edited ones keep their places)
    return articles


def _read_kept(database: str, out_dir: str, run_key: str):
    """(catalog, frame, key of the whole copy, ids patched since) of the kept catalog of
    the export recorded under `run_key`: the whole copy, with the patch beside it applied
    when the whole copy is older; None when neither is that export's."""
    with open(catalog_path(database, out_dir), "rb") as handle:
        kept_format, base, frame, catalog, rows = pickle.load(handle)
    if kept_format != FORMAT:
        return None
    articles = {row[0]: row for row in rows}
    touched: set[int] = set()
    if base != run_key:
        with open(patch_path(database, out_dir), "rb") as handle:
            kept_format, patched_base, patched, frame, catalog, changes = pickle.load(handle)
        if kept_format != FORMAT or patched_base != base or patched != run_key:
            return None
        for aid, row in changes.items():
            if row is None:
                articles.pop(aid, None)
            else:
                articles[aid] = row
        touched = set(changes)
    catalog.articles = {aid: ArticleCard(*row) for aid, row in articles.items()}
    return catalog, frame, base, touched


def _versions_key(versions: dict[int, int]) -> str:
    """A fingerprint of the visible articles' ids and versions (their order aside)."""
    ids = sorted(versions)
    packed = array("q", ids).tobytes() + array("q", map(versions.__getitem__, ids)).tobytes()
    return hashlib.blake2b(packed, digest_size=16).hexdigest()
