"""SimHash fingerprints of article text and a banded index for near-duplicate search.

A fingerprint is 64 bits over the text's CJK bigrams and Latin words (Charikar's SimHash);
two texts whose fingerprints differ in at most `NEAR` bits are near-duplicates. The index
keeps four 16-bit bands: by the pigeonhole principle two fingerprints within 3 bits share a
band, so a search looks up four buckets instead of every article.

The `duplicates.near` check (a warning, never blocking) keeps one index per open database
in the process, brought up to date from the articles' versions before each search.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any, ClassVar

from editor.content.checks import ARTICLE, WARNING, CheckContext, Finding, registered
from editor.i18n import tr
from editor.store.models import Article, active_database

BITS = 64
NEAR = 3
BANDS = 4
MIN_CHARACTERS = 200  # shorter texts (briefs, notices) resemble each other by nature
_MASK = (1 << BITS) - 1
_hashes: dict[str, int] = {}


def _feature_hash(feature: str) -> int:
    value = _hashes.get(feature)
    if value is None:
        value = int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "big")
        if len(_hashes) < 500_000:
            _hashes[feature] = value
    return value


def _features(text: str) -> Iterator[str]:
    for run in re.findall(r"[\u3400-\u9fff]+|[A-Za-z0-9]+", text):
        if run.isascii():
            yield run.lower()
        else:
            for start in range(len(run) - 1):
                yield run[start : start + 2]


def fingerprint(text: str) -> int:
    """The 64-bit SimHash of `text` (0 for a text without features)."""
    counts: dict[str, int] = defaultdict(int)
    for feature in _features(text):
        counts[feature] += 1
    weights = [0] * BITS
    for feature, count in counts.items():
        value = _feature_hash(feature)
        for bit in range(BITS):
            weights[bit] += count if value >> bit & 1 else -count
    result = 0
    for bit, weight in enumerate(weights):
        if weight > 0:
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
    """The index of the bound database's articles, updated for articles saved since."""
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


@registered
class NearDuplicateCheck:
    """An article that reads almost like an earlier one (warns and names it)."""

    rule = "duplicates.near"
    stages: ClassVar[frozenset[str]] = frozenset({ARTICLE})
    whole_site = True  # the first run fingerprints every article: not after each save

    def run(self, context: CheckContext) -> Iterator[Finding]:
        """One warning per earlier article within `NEAR` bits."""
        if not context.articles:
            return
        index = site_index()
        for article_id in context.articles:
            value = index.prints.get(article_id)
            if value is None:
                continue
            for other, _bits in index.near(value):
                if other == article_id:
                    continue
                title = Article.select(Article.title).where(Article.id == other).scalar()
                yield Finding(
                    self.rule,
                    WARNING,
                    tr("Reads almost like article {other} “{title}”.", other=other, title=title),
                    article=article_id,
                    suggestion=str(other),
                )
