"""What a file is and how its bytes are encoded.

Chinese pages are often GBK/GB2312/GB18030 or Big5 and sometimes lie about it (a page saved
as UTF-8 still says `charset=gb2312`). Order of trust: a byte-order mark, valid UTF-8, the
declared charset if the bytes decode with it, then charset-normalizer's detection.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from io import BytesIO

from editor.errors import ValidationError
from editor.i18n import tr

FORMATS = ("html", "text", "markdown", "docx")
MAX_IMPORT_BYTES = 20 * 1024 * 1024  # a news page or manuscript; anything larger is refused

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_DECLARED = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", re.I)
_HTML_SIGNS = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<div[\s>]|<p[\s>]|<article[\s>]",
    re.I,
)
_FRONT_MATTER = re.compile(r"\A\ufeff?---\s*\n.*?\n---\s*\n", re.S)
_MARKDOWN_SIGNS = re.compile(r"^(#{1,6} |\* |- |> |```|!\[)|\]\(http", re.M)
# Chinese code pages: decode with the widest superset so rare characters survive.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "x-big5": "big5hkscs",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def codec_for(label: str) -> str | None:
    """The Python codec for a charset label (the superset for Chinese code pages)."""
    label = (label or "").strip().lower()
    if not label:
        return None
    label = _SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a meta tag or XML declaration, if any."""
    head = data[:4096]
    match = _DECLARED.search(head) or _XML_DECLARED.search(head)
    return codec_for(match.group(1).decode("ascii", "ignore")) if match else None


def is_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (images, archives ...)."""
    sample = data[:8192]
    if not sample:
        return False
    if any(sample.startswith(bom) for bom, _ in _BOMS[1:]):
        return False  # UTF-16/32 text holds NUL bytes
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > len(sample) * 0.05


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, codec name) of text bytes; raises ValidationError for binary data."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace").lstrip("\ufeff"), name
    if is_binary(data):
        raise ValidationError(tr("The file is binary, not text or HTML."))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    codec = declared or declared_charset(data)
    if codec and codec != "utf-8":
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            pass
    guess = _detect(data)
    if guess:
        try:
            return data.decode(guess), guess
        except UnicodeDecodeError:
            return data.decode(guess, errors="replace"), guess
    # Mostly UTF-8 with a few broken bytes (a truncated download): keep what is readable.
    return data.decode(codec or "utf-8", errors="replace"), codec or "utf-8"


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=None).best()
    if best is None:
        return None
    return codec_for(best.encoding)


def is_docx(data: bytes) -> bool:
    """A Word .docx package (a zip holding word/document.xml)."""
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            return "word/document.xml" in package.namelist()
    except zipfile.BadZipFile:
        return False


def sniff_format(name: str, data: bytes | None = None, text: str | None = None) -> str:
    """One of FORMATS from the file name and, where that says nothing, the content."""
    lowered = name.lower()
    if lowered.endswith(".docx"):
        return "docx"
    if lowered.endswith((".md", ".markdown")):
        return "markdown"
    if lowered.endswith((".html", ".htm", ".shtml", ".xhtml", ".mht")) or lowered.startswith(
        ("http://", "https://")
    ):
        return "html"
    if data is not None and is_docx(data):
        return "docx"
    if text is None:
        return "text"
    head = text[:5000]
    if _FRONT_MATTER.match(text):
        return "markdown"
    if _HTML_SIGNS.search(head):
        return "html"
    if lowered.endswith(".txt"):
        return "text"
    return "markdown" if len(_MARKDOWN_SIGNS.findall(head)) >= 2 else "text"
