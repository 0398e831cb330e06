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
the editor reads a handful of rows.
"""

from __future__ import annotations

from datetime import datetime

from editor.content.catalog import Catalog, load_cards, load_catalog
from editor.content.site_stamp import SiteStamp, change_stamp, visible_versions
from editor.publish.context import digest


class WarmCatalog:
    """The catalog of the last export, kept up to date on demand."""

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.frame = ""  # the stamp's frame the kept catalog was read under
        self.reused = False  # whether the last load patched the kept catalog

    def forget(self) -> None:
        """Drop the kept catalog (the next load reads everything)."""
        self.catalog = None
        self.frame = ""

    def load(self, moment: datetime, stamp: SiteStamp) -> Catalog:
        """The visible site at `moment`, as `load_catalog(moment)` reads it."""
        kept = self.catalog
        self.reused = False
        if kept is None or stamp.frame != self.frame or kept.moment.year != moment.year:
            return self._whole(moment, stamp)
        versions = visible_versions(moment)
        now = change_stamp(moment)  # the caller's stamp may be older than its checks
        if now.frame != self.frame:
            return self._whole(moment, now)
        cards = kept.articles
        changed = [aid for aid, version in versions.items() if _version(cards, aid) != version]
        gone = [aid for aid in cards if aid not in versions]
        fresh = load_cards(moment, changed, asset_refs=bool(kept.assets)) if changed else {}
        if any(card.version != versions[aid] for aid, card in fresh.items()) or len(fresh) != len(
            changed
        ):
            return self._whole(moment, stamp)  # saved again meanwhile: read it all
        merged = dict(cards)
        for aid in gone:
            del merged[aid]
        merged.update(fresh)
        nodes = kept.tree.nodes
        oldest = datetime.min
        order = sorted(
            (card for card in merged.values() if card.section_id in nodes),
            key=lambda c: (c.publish_time or oldest, c.id),
            reverse=True,
        )
        catalog = Catalog(
            moment,
            kept.site,
            kept.tree,
            kept.partners,
            kept.pages,
            {card.id: card for card in order},
            kept.assets,
            digest("warm", stamp.frame, sorted(versions.items())),
            "",
            kept.frame_signature,
            kept.names,
        )
        self.catalog = catalog
        self.reused = True
        return catalog

    def _whole(self, moment: datetime, stamp: SiteStamp) -> Catalog:
        catalog = load_catalog(moment)
        self.catalog = catalog
        self.frame = stamp.frame
        return catalog


def _version(cards: dict, aid: int) -> int | None:
    card = cards.get(aid)
    return card.version if card is not None else None
