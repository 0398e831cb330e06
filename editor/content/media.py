"""Images and files, stored once by their SHA-256 in the database.

Only what cannot run script in a reader's browser is stored: raster images that Pillow
decodes (PNG, JPEG, GIF, WebP, BMP) and an allow-list of document types whose bytes start
as their type does (PDF, Word, Excel, PowerPoint, OpenDocument, plain text, ZIP, MP3, MP4).
SVG (which may carry script) and anything else are refused with a reason. In an export an
asset keeps a suffix that matches what it is; an old stored file that is neither is not
served.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from editor.content.checks import (
    ARTICLE,
    PUBLISH,
    SITE,
    WARNING,
    CheckContext,
    Finding,
    registered,
)
from editor.errors import NotFoundError, ValidationError, unreadable
from editor.i18n import tr
from editor.store.models import Asset

MAX_ASSET_BYTES = 50 * 1024 * 1024
SHORT_REF_DIGITS = 12
"""Leading SHA-256 digits of the reference the editor writes (`asset:3f9a12c4d5e6`)."""
MAX_IMAGE_PIXELS = 100_000_000  # a decompression bomb beyond this is refused
# Raster formats browsers show: Pillow's format -> (MIME type, suffixes, the usual suffix).
RASTER = {
    "PNG": ("image/png", (".png",)),
    "JPEG": ("image/jpeg", (".jpg", ".jpeg", ".jpe")),
    "GIF": ("image/gif", (".gif",)),
    "WEBP": ("image/webp", (".webp",)),
    "BMP": ("image/bmp", (".bmp",)),
}
RASTER_SUFFIXES = {mime: suffixes for mime, suffixes in RASTER.values()}
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
_ZIP = (b"PK\x03\x04",)
# Documents an article may link to: suffix -> (MIME type, how the bytes must start).
DOCUMENTS = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".doc": ("application/msword", _OLE),
    ".xls": ("application/vnd.ms-excel", _OLE),
    ".ppt": ("application/vnd.ms-powerpoint", _OLE),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ZIP,
    ),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ZIP,
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", _ZIP),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", _ZIP),
    ".odp": ("application/vnd.oasis.opendocument.presentation", _ZIP),
    ".zip": ("application/zip", _ZIP),
    ".mp3": ("audio/mpeg", (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2")),
    ".mp4": ("video/mp4", ()),  # checked by its `ftyp` box
    ".txt": ("text/plain", ()),  # checked as text without markup
    ".csv": ("text/csv", ()),
}
_MARKUP = re.compile(
    rb"<\s*(?:script|html|svg|iframe|object|embed|body|!doctype)\b|javascript:", re.I
)
_SVG = re.compile(rb"<svg[\s>]", re.I)


class MediaService:
    """Add and fetch assets; the same bytes are stored once."""

    def add(
        self, data: bytes, original_name: str = "", alt: str = "", source_url: str = ""
    ) -> Asset:
        """Store a file (once per content) and return its asset; `source_url` records where
        an imported picture came from."""
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
            if source_url and not existing.source_url:
                existing.source_url = source_url[:2000]
                existing.save(only=[Asset.source_url])
            return existing
        mime, width, height = kind_of(data, original_name)
        return Asset.create(
            sha256=digest,
            original_name=original_name,
            mime=mime,
            size=len(data),
            width=width,
            height=height,
            alt=alt,
            source_url=source_url[:2000],
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
        """The name an asset gets in an export: its hash and a suffix that says what it is
        (`.bin`, never `.svg` or `.html`, for an old stored file that is neither an image nor
        an allowed document)."""
        return f"{asset.sha256[:16]}{safe_suffix(asset)}"

    @staticmethod
    def servable(asset: Asset) -> bool:
        """Whether an export may serve the asset (a decoded image or an allowed document)."""
        return safe_suffix(asset) != ".bin"


def safe_suffix(asset) -> str:
    """The export suffix of a stored asset: its own when it matches its type, else the type's;
    `.bin` for what is neither a decoded raster image nor an allowed document."""
    own = Path(asset.original_name or "").suffix.lower()
    raster = RASTER_SUFFIXES.get(asset.mime or "")
    if raster and asset.width and asset.height:
        return own if own in raster else raster[0]
    document = DOCUMENTS.get(own)
    if document and document[0] == asset.mime:
        return own
    return ".bin"


def kind_of(data: bytes, original_name: str = "") -> tuple[str, int | None, int | None]:
    """(MIME type, width, height) of bytes that may be stored; ValidationError otherwise."""
    name = original_name or tr("the file")
    suffix = Path(original_name).suffix.lower()
    head = data[:1024]
    if suffix in (".svg", ".svgz") or _SVG.search(head):
        raise ValidationError(
            tr(
                "“{name}” is an SVG image, which can carry scripts: save it as PNG or JPEG and "
                "add that instead.",
                name=name,
            )
        )
    image = _raster(data, name)
    if image is not None:
        return image
    document = DOCUMENTS.get(suffix)
    if document is not None:
        mime, starts = document
        if suffix == ".mp4":
            fits = data[4:8] == b"ftyp"
        elif suffix in (".txt", ".csv"):
            fits = _plain_text(data)
        else:
            fits = data.startswith(starts)
        if fits:
            return mime, None, None
        raise ValidationError(
            tr(
                "“{name}” is not a {suffix} file: its content is something else.",
                name=name,
                suffix=suffix,
            )
        )
    raise ValidationError(
        tr(
            "“{name}” cannot be stored: only images (PNG, JPEG, GIF, WebP, BMP) and documents "
            "(PDF, Word, Excel, PowerPoint, OpenDocument, text, ZIP, MP3, MP4) are accepted.",
            name=name,
        )
    )


def _raster(data: bytes, name: str) -> tuple[str, int, int] | None:
    """(MIME type, width, height) when Pillow decodes the bytes as a raster image."""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = RASTER.get(image.format or "")
                if kind is None:
                    return None
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise Image.DecompressionBombError(image.size)
                image.load()  # decode it all: a header alone proves nothing
                return kind[0], image.width, image.height
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            tr("“{name}” is too large an image to decode safely.", name=name)
        ) from None
    except Exception:  # not an image Pillow can decode
        return None


def _plain_text(data: bytes) -> bool:
    """Text (UTF-8 or GB18030) without HTML or script in it."""
    if b"\x00" in data[:8192] or _MARKUP.search(data):
        return False
    for codec in ("utf-8", "gb18030"):
        try:
            data.decode(codec)
            return True
        except UnicodeDecodeError:
            continue
    return False


# ---- the pre-publish finding ----------------------------------------------------------------

_REMOTE_PICTURE = re.compile(r"!\[[^\]]*\]\((https?://[^)\s]+)")


@registered
class RemotePictureCheck:
    """A picture an article shows from another site (an import that could not store it):
    hot-link protection, mixed content or a deleted original will break the page."""

    rule = "articles.remote_pictures"
    stages: ClassVar[frozenset[str]] = frozenset({SITE, PUBLISH, ARTICLE})
    warns_only = True  # (reads every published body: the export's own run leaves it out)

    def run(self, context: CheckContext) -> Iterator[Finding]:
        """One warning per article whose body shows pictures by another site's address."""
        from editor.store.models import Article

        query = Article.select(Article.id, Article.title, Article.body).where(
            Article.body.contains("](http")
        )
        if context.stage == PUBLISH:
            query = query.where(Article.status == "published")
        for article_id, title, body in context.only_articles(query).order_by(Article.id).tuples():
            found = list(_REMOTE_PICTURE.finditer(body or ""))
            if found:
                yield Finding(
                    self.rule,
                    WARNING,
                    tr(
                        "“{title}” shows {count} picture(s) from other sites ({url} …): store "
                        "them with the article, or the page breaks when those sites block or "
                        "delete them.",
                        title=title,
                        count=len(found),
                        url=found[0].group(1),
                    ),
                    article=article_id,
                    excerpt=found[0].group(0),
                    offset=found[0].start(),
                )
