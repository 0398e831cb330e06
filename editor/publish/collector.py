"""Python's cycle collector held back while an export reads and indexes the site.

Reading a large site builds hundreds of thousands of small objects (cards, their lists and
tuples, the export state's rows, the indexes of `SiteView`), all kept until the export
ends. Each allocation burst makes the collector walk the young objects again and again to
find no garbage: on a 10,000-article site that was a fifth of the time of loading the
catalog. Those reads make no reference cycles worth collecting early, so the collector is
paused around them and resumed after (rendering, which may make short-lived cycles, runs
with it)."""

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
