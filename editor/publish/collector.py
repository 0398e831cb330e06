"""Python's cycle collector held back while an export reads and indexes the site.

Reading a large site builds hundreds of thousands of small objects (cards, their lists and
tuples, the export state's rows, the indexes of `SiteView`), all kept until the export
ends. Each allocation burst makes the collector walk the young objects again and again to
find no garbage: on a 10,000-article site that was a fifth of the time of loading the
catalog. Those reads make no reference cycles worth collecting early, so the collector is
paused around them and resumed after (rendering, which may make short-lived cycles, runs
with it).

Resumed, the collector would still walk all of them: they were made while it was paused,
so they all sit in its youngest generation, and the first few collections of rendering
move them up generation by generation (a tenth of a small export's time). `set_aside`
moves what exists at that moment out of its reach (`gc.freeze`) until `give_back`, which
puts it all in the oldest generation, as if it had been collected meanwhile. Objects set
aside are still freed when nothing refers to them; only cycles among them wait for a
collection after `give_back`."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block (left as it was if already paused)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def set_aside() -> bool:
    """Keep every object that exists now out of the cycle collector's walks until
    `give_back` (see the module docstring); False (nothing done) when objects are set aside
    already: the caller that set them aside gives them back."""
    if gc.get_freeze_count():
        return False
    gc.freeze()
    return True


def give_back(aside: bool) -> None:
    """Return what `set_aside` kept out (when it did) to the collector's oldest generation."""
    if aside:
        gc.unfreeze()
