"""From a path, a URL or pasted text to an ExtractedArticle (nothing is saved here).

Refuses what cannot be an article with a reason the editor can act on: an empty, binary,
oversized or truncated file, bytes that are text in no known encoding, a site that does
not answer in time.
"""

from __future__ import annotations

import re
from pathlib import Path

from editor.errors import NewsdeskError, ValidationError, unreadable
from editor.i18n import tr
from editor.ingest import detect
from editor.ingest.body_edges import body_findings
from editor.ingest.docx_file import extract_docx
from editor.ingest.download import (
    EMPTY,
    STATUS,
    TIMEOUT,
    TOO_LARGE,
    UNREACHABLE,
    FetchFailure,
    download,
)
from editor.ingest.fields import ExtractedArticle, settle_editor
from editor.ingest.html_page import extract_html
from editor.ingest.markdown_file import extract_markdown
from editor.ingest.portal_text import extract_portal_text

IMPORT_SUFFIXES = (
    ".html",
    ".htm",
    ".shtml",
    ".xhtml",
    ".txt",
    ".text",
    ".md",
    ".markdown",
    ".docx",
)
_READABLE = re.compile(
    r"[\u0020-\u007e\s\u00a0-\u00ff\u2000-\u206f\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
    r"\u3000-\u303f\u2460-\u24ff\u25a0-\u27bf]"
)


def is_url(text: str) -> bool:
    """An http(s) address (what the importer fetches rather than opens)."""
    return bool(re.match(r"^https?://\S+$", (text or "").strip(), re.I))


def expand(paths) -> list[str]:
    """Files and URLs to import: folders are walked (sorted, hidden files skipped)."""
    items: list[str] = []
    for raw in paths:
        raw = str(raw)
        if is_url(raw):
            items.append(raw.strip())
            continue
        path = Path(raw).expanduser()
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                relative = found.relative_to(path).parts
                if (
                    found.is_file()
                    and found.suffix.lower() in IMPORT_SUFFIXES
                    and not any(p.startswith(".") for p in relative)
                ):
                    items.append(str(found))
        else:
            items.append(str(path))
    return items


class Reader:
    """Turns one source into an ExtractedArticle."""

    def __init__(self, fetch_timeout: float = 15.0, max_bytes: int = detect.MAX_IMPORT_BYTES):
        self.fetch_timeout = fetch_timeout
        self.max_bytes = max_bytes

    def read(self, source: str, format: str = "auto") -> ExtractedArticle:
        """A path, a URL, or raw HTML/text."""
        if format not in ("auto", *detect.FORMATS):
            raise ValidationError(
                tr(
                    "Unknown format “{format}”: use auto, {formats}.",
                    format=format,
                    formats=", ".join(detect.FORMATS),
                )
            )
        if is_url(source):
            return self.read_url(source.strip(), format)
        if "\n" not in source and len(source) < 4096 and "<" not in source:
            path = Path(source).expanduser()
            if path.exists() or path.suffix.lower() in IMPORT_SUFFIXES:
                return self.read_path(path, format)
        return self.read_bytes(source.encode("utf-8"), "", "", format)

    def read_path(self, path: Path, format: str = "auto") -> ExtractedArticle:
        try:
            if path.is_dir():
                raise ValidationError(tr("{path} is a folder.", path=path))
            size = path.stat().st_size
        except FileNotFoundError:
            raise ValidationError(tr("No file {path}.", path=path)) from None
        except OSError as exc:
            raise unreadable(path, exc) from None
        if size == 0:
            raise ValidationError(tr("The file is empty."))
        if size > self.max_bytes:
            raise ValidationError(
                tr(
                    "The file is {size:.0f} MB; files over {megabytes} MB are not news pages or "
                    "manuscripts.",
                    size=size / 1048576,
                    megabytes=self.max_bytes // 1048576,
                )
            )
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise unreadable(path, exc) from None
        return self.read_bytes(data, path.name, str(path), format)

    def read_url(self, url: str, format: str = "auto") -> ExtractedArticle:
        data, charset, final = self.fetch(url)
        article = self.read_bytes(
            data,
            url,
            url,
            "html" if format == "auto" else format,
            declared=detect.codec_for(charset or ""),
            url=final or url,
        )
        if not article.fields.get("source_url"):
            article.fields["source_url"] = url
        return article

    def fetch(self, url: str) -> tuple[bytes, str | None, str]:
        """(bytes, charset from the headers, final URL) of a page, within the timeout."""
        accept = {"Accept": "text/html,text/plain,*/*"}
        try:
            return download(url, accept, self.fetch_timeout, self.max_bytes)
        except FetchFailure as failure:
            raise self._fetch_error(url, failure) from None

    def _fetch_error(self, url: str, failure: FetchFailure) -> NewsdeskError:
        if failure.kind == STATUS:
            return NewsdeskError(
                tr(
                    "{url} answered {code} {reason}.",
                    url=url,
                    code=failure.code,
                    reason=failure.detail,
                )
            )
        if failure.kind == TIMEOUT:
            return NewsdeskError(self._timeout_message(url))
        if failure.kind == UNREACHABLE:
            return NewsdeskError(
                tr("Cannot fetch {url}: {reason}.", url=url, reason=failure.detail)
            )
        if failure.kind == TOO_LARGE:
            return ValidationError(
                tr(
                    "{url} is larger than {megabytes} MB.",
                    url=url,
                    megabytes=self.max_bytes // 1048576,
                )
            )
        if failure.kind == EMPTY:
            return ValidationError(tr("{url} sent an empty page.", url=url))
        return NewsdeskError(tr("Cannot fetch {url}: {exc}.", url=url, exc=failure.detail))

    def _timeout_message(self, url: str) -> str:
        return tr(
            "{url} did not answer within {seconds:g} seconds.", url=url, seconds=self.fetch_timeout
        )

    def read_bytes(
        self,
        data: bytes,
        name: str,
        origin: str,
        format: str = "auto",
        declared: str | None = None,
        url: str = "",
    ) -> ExtractedArticle:
        """The article in a file's bytes; the format from the name and content when auto."""
        if not data.strip():
            raise ValidationError(tr("The file is empty."))
        stem = Path(name).stem if name and not is_url(name) else ""
        if format == "docx" or (
            format == "auto" and (name.lower().endswith(".docx") or detect.is_docx(data))
        ):
            article = extract_docx(data, origin, stem)
            article.encoding = "docx"
            settle_editor(article)
            return article
        text, encoding = detect.decode(data, declared)
        replaced = check_readable(text)
        if encoding.startswith("utf-8"):  # U+FFFD written in the file itself is not our doing
            replaced = max(0, replaced - data.count("\ufffd".encode()))
        kind = format if format != "auto" else detect.sniff_format(name, None, text)
        if kind == "docx":
            raise ValidationError(tr("The file is not a Word .docx package."))
        if kind == "html":
            check_complete(text)
            article = extract_html(text, url)
            article.origin = origin
        elif kind == "markdown":
            article = extract_markdown(text, origin, stem)
        else:
            article = extract_portal_text(text, origin)
        if kind != "markdown":  # a page or scraped text: say when the body looks cut wrong
            article.warnings.extend(body_findings(article.fields.get("body", "")))
        article.encoding = encoding
        settle_editor(article)
        if replaced:
            article.warnings.append(
                tr(
                    "{replaced} unreadable bytes were replaced with “\ufffd”.",
                    replaced=replaced,
                )
            )
        return article


def check_readable(text: str) -> int:
    """Refuse text that no encoding made readable; return how many bytes were replaced."""
    replaced = text.count("\ufffd")
    if replaced > max(8, len(text) // 100):
        raise ValidationError(
            tr(
                "The file holds invalid bytes: it is not text in UTF-8, GBK/GB18030, Big5 or any "
                "other encoding found.",
            )
        )
    sample = text[:20000]
    if len(sample) >= 40:
        readable = len(_READABLE.findall(sample))
        if readable < len(sample) * 0.85:
            raise ValidationError(tr("The file holds invalid bytes: it does not read as text."))
    return replaced


def check_complete(html: str) -> None:
    """Refuse a page that was cut off (it opens <html> but never closes body or html)."""
    if re.search(r"<html[\s>]", html[:8192], re.I) and not re.search(
        r"</(?:html|body)\s*>", html[-65536:], re.I
    ):
        raise ValidationError(
            tr(
                "The page is incomplete: it ends before </body></html>. Save or download it again.",
            )
        )
