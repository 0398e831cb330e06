"""Where the shared real-world pages live (next to the checkout); tests skip without them,
except on CI, where they fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.shared_fixtures import SHARED, missing

PAGES = SHARED / "fixtures" / "cn-news-pages"
SEED = SHARED / "seeds" / "000_3021b4d87fc04072.txt"


def page_names() -> list[str]:
    return sorted(p.stem for p in PAGES.glob("*.html")) if PAGES.is_dir() else []


@pytest.fixture
def pages_dir() -> Path:
    if not PAGES.is_dir():
        missing(f"the shared news pages are not at {PAGES}")
    return PAGES


@pytest.fixture
def seed_text() -> str:
    if not SEED.is_file():
        missing(f"the seed page is not at {SEED}")
    return SEED.read_text(encoding="utf-8")
