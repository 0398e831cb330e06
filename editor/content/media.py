"""Images and files, stored once by their SHA-256 in the database."""

from __future__ import annotations

import hashlib
import io
import mimetypes
from pathlib import Path

from editor.errors import NotFoundError, ValidationError, unreadable
from editor.i18n import tr
from editor.store.models import Asset

MAX_ASSET_BYTES = 50 * 1024 * 1024
SHORT_REF_DIGITS = 12
"""Leading SHA-256 digits of the reference the editor writes (`asset:3f9a12c4d5e6`)."""


class MediaService:
    """Add and fetch assets; the same bytes are stored once."""

    def add(self, data: bytes, original_name: str = "", alt: str = "") -> Asset:
        if not data:
            raise ValidationError(tr("The file is empty."))
        if len(data) > MAX_ASSET_BYTES:
            raise ValidationError(
                tr(
                    "The file is larger than {megabytes} MB.",
                    megabytes=MAX_ASSET_BYTES // (1024 * 1024),
                )
            )
        digest = hashlib.sha256(data).hexdigest()
        existing = Asset.get_or_none(Asset.sha256 == digest)
        if existing is not None:
            return existing
        mime = mimetypes.guess_type(original_name)[0] or "application/octet-stream"
        width = height = None
        try:
            from PIL import Image

            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                mime = Image.MIME.get(image.format, mime)
        except Exception:  # not an image: stored as a plain file
            pass
        return Asset.create(
            sha256=digest,
            original_name=original_name,
            mime=mime,
            size=len(data),
            width=width,
            height=height,
            alt=alt,
            data=data,
        )

    def add_file(self, path: str | Path, alt: str = "") -> Asset:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise unreadable(path, exc) from exc
        return self.add(data, path.name, alt)

    def get(self, ref: int | str) -> Asset:
        """An asset by id, SHA-256 or the leading part of a SHA-256 (a short reference)."""
        ref = str(ref).strip().lower()
        if ref.isdigit():
            query = Asset.id == int(ref)
        elif len(ref) >= 64:
            query = Asset.sha256 == ref
        else:
            query = Asset.sha256.startswith(ref) if len(ref) >= 8 else Asset.id.is_null()
        asset = Asset.select().where(query).order_by(Asset.id).first()
        if asset is None:
            raise NotFoundError(tr("No image or file “{ref}”.", ref=ref))
        return asset

    def short_ref(self, asset: Asset) -> str:
        """The reference a body uses for `asset`: the shortest leading part of its SHA-256
        (12 digits or more) that names no other stored file. The renderer resolves it like
        the full hash, which older bodies keep using."""
        digits = SHORT_REF_DIGITS
        while digits < 64:
            prefix = asset.sha256[:digits]
            others = Asset.select(Asset.id).where(
                Asset.sha256.startswith(prefix), Asset.id != asset.id
            )
            if not others.exists():
                return prefix
            digits += 4
        return asset.sha256

    @staticmethod
    def file_name(asset: Asset) -> str:
        """The name an asset gets in an export: its hash and the original extension."""
        suffix = Path(asset.original_name).suffix.lower() or (
            mimetypes.guess_extension(asset.mime) or ""
        )
        return f"{asset.sha256[:16]}{suffix}"
