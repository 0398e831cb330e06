"""SimHash fingerprints of article text and a banded index for near-duplicate search.

A fingerprint is 64 bits over the text's CJK bigrams and Latin words (Charikar's SimHash);
two texts whose fingerprints differ in at most `NEAR` bits are near-duplicates. The index
keeps four 16-bit bands: by the pigeonhole principle two fingerprints within 3 bits share a
band, so a search looks up four buckets instead of every article.

The fingerprints are kept in the site (`simhash_print`, the bands indexed), so a search is
four index lookups in the database and no process fingerprints the whole site again. They
are brought up to date from the articles saved since the last sync (`article.updated_at`,
with a margin for workstation clocks): the first sync of a site fingerprints every article
once; after that a sync reads the few articles saved meanwhile. The `duplicates.near` check
(a warning, never blocking) runs after each save too: that quick run syncs at most
`QUICK_SYNC` articles (a site not fingerprinted yet catches up in the review panel and
`newsdesk check`, off the GUI thread). A read-only site is searched with an index built in
the process, as before.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta
from operator import mul
from typing import Any, ClassVar

from editor.content.checks import ARTICLE, WARNING, CheckContext, Finding, registered
from editor.errors import StorageError
from editor.i18n import tr
from editor.store.models import SIMHASH_SYNCED, Article, Meta, SimhashPrint, active_database

BITS = 64
NEAR = 3
BANDS = 4
MIN_CHARACTERS = 200  # shorter texts (briefs, notices) resemble each other by nature
QUICK_SYNC = 200  # articles a quick check (after a save) fingerprints at most
CLOCK_MARGIN = timedelta(minutes=2)  # workstations' clocks differ: look back this far
SYNCED_KEY = SIMHASH_SYNCED
_MASK = (1 << BITS) - 1
_LANE = 24  # bits per counter when the 64 weights are summed in one big integer
_LANE_MASK = (1 << _LANE) - 1
_hashes: dict[str, int] = {}


def _feature_hash(feature: str) -> int:
    value = _hashes.get(feature)
    if value is None:
        value = int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "big")
        if len(_hashes) < 500_000:
            _hashes[feature] = value
    return value


def _byte_lanes(position: int) -> list[int]:
    """For each value of the hash's byte at `position`: its 8 bits in their lanes."""
    table = []
    for byte in range(256):
        value = 0
        for bit in range(8):
            if byte >> bit & 1:
                value |= 1 << ((position * 8 + bit) * _LANE)
        table.append(value)
    return table


_BYTE_LANES = [_byte_lanes(position) for position in range(BITS // 8)]


class _Spread(dict):
    """Feature → its 64 hash bits each in its own `_LANE`-bit lane of one integer, so that
    summing these integers counts, per bit, how many features have it set (made on first
    use, the most recent 500,000 kept)."""

    def __missing__(self, feature: str) -> int:
        digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()[::-1]  # low first
        value = sum(table[byte] for table, byte in zip(_BYTE_LANES, digest, strict=True))
        if len(self) < 500_000:
            self[feature] = value
        return value


_spread = _Spread()
_BIGRAMS = re.compile(r"(?=([\u3400-\u9fff]{2}))")
_WORDS = re.compile(r"[A-Za-z0-9]+")


def _features(text: str) -> Iterator[str]:
    """The text's features: the bigrams of each run of CJK characters, Latin words and
    numbers in lower case."""
    for run in re.findall(r"[\u3400-\u9fff]+|[A-Za-z0-9]+", text):
        if run.isascii():
            yield run.lower()
        else:
            for start in range(len(run) - 1):
                yield run[start : start + 2]


def fingerprint(text: str) -> int:
    """The 64-bit SimHash of `text` (0 for a text without features): a bit is set when
    more of the text's features (counted with their repeats) have it set than not."""
    counts = Counter(_BIGRAMS.findall(text))
    counts.update(word.lower() for word in _WORDS.findall(text))
    lanes = sum(map(mul, counts.values(), map(_spread.__getitem__, counts)))
    total = sum(counts.values())
    result = 0
    for bit in range(BITS):
        if 2 * (lanes >> (bit * _LANE) & _LANE_MASK) > total:
            result |= 1 << bit
    return result


def distance(a: int, b: int) -> int:
    """The number of bits two fingerprints differ in."""
    return ((a ^ b) & _MASK).bit_count()


class SimHashIndex:
    """Fingerprints by key, searchable for those within `NEAR` bits."""

    def __init__(self) -> None:
        self.prints: dict[Any, int] = {}
        self.bands: list[dict[int, set]] = [defaultdict(set) for _ in range(BANDS)]

    @staticmethod
    def _band_values(value: int) -> Iterator[tuple[int, int]]:
        width = BITS // BANDS
        for band in range(BANDS):
            yield band, value >> (band * width) & ((1 << width) - 1)

    def add(self, key: Any, value: int) -> None:
        """Keep `value` under `key` (replacing an earlier one)."""
        self.remove(key)
        self.prints[key] = value
        for band, part in self._band_values(value):
            self.bands[band][part].add(key)

    def remove(self, key: Any) -> None:
        """Forget `key`."""
        value = self.prints.pop(key, None)
        if value is not None:
            for band, part in self._band_values(value):
                self.bands[band][part].discard(key)

    def near(self, value: int, limit: int = NEAR) -> list[tuple[Any, int]]:
        """The keys within `limit` bits of `value`, nearest first."""
        found = set()
        for band, part in self._band_values(value):
            found |= self.bands[band].get(part, set())
        hits = [(key, distance(value, self.prints[key])) for key in found]
        return sorted((hit for hit in hits if hit[1] <= limit), key=lambda hit: (hit[1], hit[0]))


_indexes: dict[int, tuple[SimHashIndex, dict[int, int]]] = {}


def site_index() -> SimHashIndex:
    """An index of the bound database's articles built in the process (a read-only site,
    where the fingerprints cannot be kept), updated for articles saved since."""
    db = active_database()
    index, versions = _indexes.setdefault(id(db), (SimHashIndex(), {}))
    current = dict(Article.select(Article.id, Article.version).tuples())
    for gone in set(versions) - set(current):
        index.remove(gone)
        versions.pop(gone)
    stale = [aid for aid, version in current.items() if versions.get(aid) != version]
    for start in range(0, len(stale), 500):
        chunk = stale[start : start + 500]
        for aid, body, version in (
            Article.select(Article.id, Article.body, Article.version)
            .where(Article.id.in_(chunk))
            .tuples()
        ):
            if len(body or "") >= MIN_CHARACTERS:
                index.add(aid, fingerprint(body))
            else:
                index.remove(aid)
            versions[aid] = version
    return index


# ---- the fingerprints kept in the site ------------------------------------------------------


def _signed(value: int) -> int:
    return value - (1 << BITS) if value >> (BITS - 1) else value


def _unsigned(value: int) -> int:
    return value & _MASK


def _bands(value: int) -> list[int]:
    return [part for _, part in SimHashIndex._band_values(value)]


def print_row(article_id: int, version: int, stamp: datetime | None, body: str) -> dict:
    """The `simhash_print` row of an article's body (no value for a text too short)."""
    row = {"article_id": article_id, "version": version, "stamp": stamp, "value": None}
    bands = [None] * BANDS
    if len(body or "") >= MIN_CHARACTERS:
        value = fingerprint(body)
        row["value"] = _signed(value)
        bands = _bands(value)
    row.update({f"band{band}": part for band, part in enumerate(bands)})
    return row


def _keep(rows: list[dict]) -> None:
    if not rows:
        return
    columns = [
        SimhashPrint.version,
        SimhashPrint.stamp,
        SimhashPrint.value,
        *(getattr(SimhashPrint, f"band{band}") for band in range(BANDS)),
    ]
    for start in range(0, len(rows), 200):
        SimhashPrint.insert_many(rows[start : start + 200]).on_conflict(
            conflict_target=[SimhashPrint.article_id], preserve=columns
        ).execute()


def sync(limit: int | None = None) -> int:
    """Fingerprint the articles saved since the last sync (every article the first time);
    returns how many were fingerprinted. With `limit`, at most that many (oldest saves
    first); the rest wait for the next sync."""
    mark = Meta.get_or_none(Meta.key == SYNCED_KEY)
    if mark is None and limit is not None:
        return 0  # never fingerprinted: the whole site is for a full sync, not a quick one
    since = datetime.fromisoformat(mark.value) - CLOCK_MARGIN if mark else None
    query = Article.select(Article.id, Article.version, Article.updated_at)
    if since is not None:
        query = query.where(Article.updated_at >= since)
    saved = list(query.order_by(Article.updated_at, Article.id).tuples())
    kept_query = SimhashPrint.select(
        SimhashPrint.article_id, SimhashPrint.version, SimhashPrint.stamp
    )
    if len(saved) <= 2000:  # the usual case: a few saves since the last sync
        kept_query = kept_query.where(SimhashPrint.article_id.in_([row[0] for row in saved]))
    kept = {aid: (version, stamp) for aid, version, stamp in kept_query.tuples()}
    stale = [row for row in saved if kept.get(row[0]) != (row[1], row[2])]
    if limit is not None:
        stale = stale[:limit]
    for start in range(0, len(stale), 500):
        chunk = {row[0]: row for row in stale[start : start + 500]}
        bodies = Article.select(Article.id, Article.body).where(Article.id.in_(list(chunk)))
        _keep([print_row(*chunk[aid], body) for aid, body in bodies.tuples()])
    stamps = [row[2] for row in saved if row[2] is not None]
    if limit is None or len(stale) < limit:  # everything saved so far is fingerprinted
        newest = max(stamps, default=None) or (datetime.fromisoformat(mark.value) if mark else None)
        Meta.insert(key=SYNCED_KEY, value=(newest or datetime.min).isoformat()).on_conflict(
            conflict_target=[Meta.key], preserve=[Meta.value]
        ).execute()
    return len(stale)


def near_in_site(value: int, limit: int = NEAR) -> list[tuple[int, int]]:
    """The articles whose kept fingerprint is within `limit` bits of `value`, nearest
    first: four indexed band lookups, then the bits compared."""
    bands = _bands(value)
    where = (
        (SimhashPrint.band0 == bands[0])
        | (SimhashPrint.band1 == bands[1])
        | (SimhashPrint.band2 == bands[2])
        | (SimhashPrint.band3 == bands[3])
    )
    hits = []
    for aid, kept in (
        SimhashPrint.select(SimhashPrint.article_id, SimhashPrint.value).where(where).tuples()
    ):
        bits = distance(value, _unsigned(kept))
        if bits <= limit:
            hits.append((aid, bits))
    return sorted(hits, key=lambda hit: (hit[1], hit[0]))


@registered
class NearDuplicateCheck:
    """An article that reads almost like an earlier one (warns and names it)."""

    rule = "duplicates.near"
    stages: ClassVar[frozenset[str]] = frozenset({ARTICLE})

    def run(self, context: CheckContext) -> Iterator[Finding]:
        """One warning per other article within `NEAR` bits."""
        if not context.articles:
            return
        found = self._in_process(context) if context.read_only else self._in_site(context)
        for article_id, others in found:
            titles = dict(
                Article.select(Article.id, Article.title)
                .where(Article.id.in_([other for other, _ in others]))
                .tuples()
            )
            for other, _bits in others:
                if other not in titles:
                    continue  # a print of an article deleted since
                yield Finding(
                    self.rule,
                    WARNING,
                    tr(
                        "Reads almost like article {other} “{title}”.",
                        other=other,
                        title=titles[other],
                    ),
                    article=article_id,
                    suggestion=str(other),
                )

    @staticmethod
    def _in_site(context: CheckContext) -> list[tuple[int, list]]:
        try:
            sync(QUICK_SYNC if context.quick else None)
        except StorageError:  # another workstation writing: search what is kept
            pass
        found = []
        for aid, version, stamp, body in (
            Article.select(Article.id, Article.version, Article.updated_at, Article.body)
            .where(Article.id.in_(context.articles))
            .tuples()
        ):
            row = print_row(aid, version, stamp, body)
            try:
                _keep([row])
            except StorageError:
                pass
            if row["value"] is not None:
                hits = near_in_site(_unsigned(row["value"]))
                found.append((aid, [hit for hit in hits if hit[0] != aid]))
        return found

    @staticmethod
    def _in_process(context: CheckContext) -> list[tuple[int, list]]:
        if context.quick:
            return []  # building the index is for the review panel, not after each save
        index = site_index()
        found = []
        for article_id in context.articles:
            value = index.prints.get(article_id)
            if value is not None:
                found.append((article_id, [h for h in index.near(value) if h[0] != article_id]))
        return found
