"""Slugs for sections and tags: pinyin by default, always `[a-z0-9-]` and never empty."""

from __future__ import annotations

import re

from editor.errors import ValidationError
from editor.i18n import tr

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG_LENGTH = 60
FALLBACK_SLUG = "section"


def slugify(text: str, fallback: str = FALLBACK_SLUG) -> str:
    """A slug from Chinese or Latin text: 川商走世界 → chuanshangzoushijie."""
    from pypinyin import Style, lazy_pinyin  # imported on use: its dictionaries are large

    pieces = lazy_pinyin(text or "", style=Style.NORMAL, errors=lambda chars: list(chars))
    joined = "".join(piece.lower() for piece in pieces)
    slug = re.sub(r"[^a-z0-9]+", "-", joined).strip("-")
    slug = re.sub(r"-{2,}", "-", slug)[:MAX_SLUG_LENGTH].strip("-")
    return slug or fallback


def pinyin_key(text: str) -> tuple[str, str]:
    """A sort key putting Chinese names in pinyin order (黄雪松 before 李明 before 王岚),
    tones breaking ties, Latin names among them by their letters (see pinyin_order: no
    phrase dictionaries are loaded for it)."""
    from editor.content.pinyin_order import name_key

    return name_key(text)


def validate_slug(slug: str) -> str:
    """Return the slug if it is `[a-z0-9-]` and not empty; else raise ValidationError."""
    slug = (slug or "").strip()
    if not slug:
        raise ValidationError(tr("A slug cannot be empty."))
    if len(slug) > MAX_SLUG_LENGTH or not SLUG_PATTERN.match(slug):
        raise ValidationError(
            tr(
                "“{slug}” is not a valid slug: use lower-case letters, digits and single hyphens, "
                "at most {limit} characters.",
                slug=slug,
                limit=MAX_SLUG_LENGTH,
            )
        )
    return slug


def unique_slug(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… whichever is not taken."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
