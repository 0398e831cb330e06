"""What a file is and how its bytes are encoded.

Chinese pages are often GBK/GB2312/GB18030 or Big5 and sometimes lie about it (a page saved
as UTF-8 still says `charset=gb2312`, a page saved by a crawler drops its `<meta charset>`).
Order of trust: a byte-order mark, valid UTF-8, the declared charset when its text reads as
Chinese, GB18030 and Big5-HKSCS decoded strictly and judged by what the text looks like, the
declared charset, then charset-normalizer's guess when it is not Latin mojibake. Bytes that
no candidate makes readable are refused: a Chinese reader never gets `şŁÍâÁôŃ§Éú`.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass
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
    """(text, codec name) of text bytes; raises ValidationError for binary data and for
    bytes that read as text in no encoding (rather than storing mojibake)."""
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
    codec = None if codec == "utf-8" else codec
    said = _strict(data, codec) if codec else None
    if said is not None and codec in CHINESE_CODECS and looks_chinese(said):
        return said, codec
    readings = [
        (chinese_score(text), name)
        for name in CHINESE_CODECS
        if name != codec and (text := _strict(data, name)) is not None and looks_chinese(text)
    ]
    if readings:
        name = max(readings)[1]
        return data.decode(name), name
    if said is not None and not looks_like_mojibake(said):
        return said, codec
    # Not Chinese: the web's fallback for undeclared pages (Western European), else a guess.
    for guess in ("cp1252", _detect(data)):
        if not guess or guess in CHINESE_CODECS:
            continue
        text = _strict(data, guess)
        if text is not None and not looks_like_mojibake(text):
            return text, guess
    # Mostly UTF-8 with a few broken bytes (a truncated download): keep what is readable.
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(8, len(text) // 100):
        return text, "utf-8"
    raise ValidationError(
        tr(
            "The file holds invalid bytes: it is not UTF-8, and read as GB18030 or Big5 it is "
            "not Chinese text either. Save it as UTF-8 or declare its charset."
        )
    )


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


# Judging a decode by its looks. The hundred commonest characters of Chinese text (simplified,
# from charset-normalizer's frequency table) and their traditional forms: right decodes of
# Chinese prose are a quarter or more of them; a wrong GB/Big5 decode gives rare characters,
# kana, Greek, bopomofo or private-use points instead.
COMMON_HANZI = frozenset(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年"
    "过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她"
    "本前开但因只从想实"
    "這個們來為國說時會對於著過發後裡經麼學現當沒動麵還進樣開從實"
)
CHINESE_CODECS = ("gb18030", "big5hkscs")
CHINESE_PUNCTUATION = frozenset("，。、；：？！“”‘’（）《》〈〉【】…—·「」『』〔〕～")
_IDEOGRAPH = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
# Non-ASCII that Chinese pages use besides ideographs: CJK and full-width punctuation, general
# punctuation, arrows, circled numbers, shapes, the no-break space, ©, ®, °, ×, emoji.
_CHINESE_COMPANY = re.compile(
    "[\u3000-\u303f\uff01-\uff5e\uffe0-\uffe6\u2000-\u206f\u2190-\u21ff"
    "\u2460-\u24ff\u2500-\u257f\u25a0-\u27bf\u00a0\u00a9\u00ae\u00b0\u00b7\u00d7"
    "\u00f7\ufe30-\ufe4f\U0001f000-\U0001faff\u2100-\u214f\u2160-\u217f]"
)
_LATIN_HIGH = re.compile("[\u00a1-\u024f\u02c0-\u02ff]")
_LATIN_RUN = re.compile("[\u00a1-\u024f\u02c0-\u02ff\u2018-\u203a]{2,}")


@dataclass
class Looks:
    """What the non-ASCII characters of a decoded text are."""

    other: int  # non-ASCII characters in all
    ideographs: int
    common: int  # of the ideographs, among the commonest hundred
    punctuation: int  # Chinese punctuation
    odd: int  # neither ideograph nor what Chinese text uses beside them


def looks(text: str) -> Looks:
    """Counts of what a decoded text's non-ASCII characters are (the first 200,000)."""
    sample = text[:200_000]
    other = ideographs = common = punctuation = odd = 0
    for char in sample:
        if char < "\x80":
            continue
        other += 1
        if _IDEOGRAPH.match(char):
            ideographs += 1
            common += char in COMMON_HANZI
        elif char in CHINESE_PUNCTUATION:
            punctuation += 1
        elif not _CHINESE_COMPANY.match(char):
            odd += 1
    return Looks(other, ideographs, common, punctuation, odd)


def looks_chinese(text: str) -> bool:
    """A plausible decode of Chinese text: ideographs, mostly common ones, Chinese punctuation
    and next to nothing a Chinese page would not hold (kana, Greek, Latin-1 letter runs)."""
    seen = looks(text)
    if seen.ideographs < 2 or seen.odd > seen.other * 0.04 + 1:
        return False
    if seen.ideographs >= 30:
        return seen.common >= seen.ideographs * 0.12
    # A short text: a common character or Chinese punctuation must vouch for it.
    return seen.common + seen.punctuation >= max(1, seen.ideographs // 10)


def chinese_score(text: str) -> float:
    """How much a decode reads like Chinese (higher is better), to choose between two
    plausible ones."""
    seen = looks(text)
    if not seen.other:
        return 0.0
    return (seen.common + seen.punctuation - 4 * seen.odd) / seen.other


def looks_like_mojibake(text: str) -> bool:
    """Chinese (or any multi-byte) text decoded with a Latin code page: accented letters and
    symbols in runs (`şŁÍâÁôŃ§Éú`), where real European text has them one at a time."""
    high = len(_LATIN_HIGH.findall(text[:200_000]))
    if high < 8:
        return False
    in_runs = sum(len(run) for run in _LATIN_RUN.findall(text[:200_000]))
    return in_runs > high * 0.5


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
