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
        query = Asset.id == int(ref) if str(ref).isdigit() else Asset.sha256 == str(ref)
        asset = Asset.get_or_none(query)
        if asset is None:
            raise NotFoundError(tr("No image or file “{ref}”.", ref=ref))
        return asset

    @staticmethod
    def file_name(asset: Asset) -> str:
        """The name an asset gets in an export: its hash and the original extension."""
        suffix = Path(asset.original_name).suffix.lower() or (
            mimetypes.guess_extension(asset.mime) or ""
        )
        return f"{asset.sha256[:16]}{suffix}"
