"""Where the shared real-world pages live (next to the checkout); tests skip without them."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared"
PAGES = SHARED / "fixtures" / "cn-news-pages"
SEED = SHARED / "seeds" / "000_3021b4d87fc04072.txt"


def page_names() -> list[str]:
    return sorted(p.stem for p in PAGES.glob("*.html")) if PAGES.is_dir() else []


@pytest.fixture
def pages_dir() -> Path:
    if not PAGES.is_dir():
        pytest.skip(f"the shared news pages are not at {PAGES}")
    return PAGES


@pytest.fixture
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"the seed page is not at {SEED}")
    return SEED.read_text(encoding="utf-8")
