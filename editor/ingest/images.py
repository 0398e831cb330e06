"""An imported article's pictures made the site's own: every body image (and the cover
candidate) is downloaded, or read from the saved page's `_files` folder, and the body then
refers to the stored copy as `asset:<sha256>`.

Hot-link protection, mixed content and deleted originals would otherwise break published
pages. Downloads use the URL import's timeout and size limit, send the page as Referer,
run on a bounded pool of threads, and are checked like every stored file (a decoded raster
image, see editor.content.media). A picture that cannot be fetched keeps its link and
becomes a warning. Nothing is written here: the bytes wait in `ExtractedArticle.assets`
until the article is saved, with the address they came from in `ExtractedArticle.origins`.
"""

from __future__ import annotations

import hashlib
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from editor.errors import NewsdeskError
from editor.i18n import tr
from editor.ingest.download import EMPTY, STATUS, TIMEOUT, TOO_LARGE, FetchFailure, download
from editor.ingest.fields import ExtractedArticle

MAX_IMAGE_BYTES = 20 * 1024 * 1024
POOL_SIZE = 4  # concurrent downloads per importer
# ![alt](address "caption") in the house Markdown; the address has no spaces.
IMAGE = re.compile(r"(!\[(?P<alt>[^\]]*)\]\()(?P<src>[^)\s]+)(?P<rest>(?:\s+\"[^\"]*\")?\))")


class ImageFetcher:
    """Downloads the pictures of imported articles on a bounded pool of threads."""

    def __init__(self, timeout: float = 15.0, max_bytes: int = MAX_IMAGE_BYTES) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._pool: ThreadPoolExecutor | None = None

    def close(self) -> None:
        """Stop the pool's threads (they are started again on the next use)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def localise(self, article: ExtractedArticle) -> None:
        """Replace the body's image addresses (and the cover candidate's) by stored copies in
        `article.assets`; each picture that cannot be had keeps its address and is a warning."""
        if article.pictures_fetched:
            return
        article.pictures_fetched = True
        body = article.fields.get("body") or ""
        wanted = list(dict.fromkeys(m.group("src") for m in IMAGE.finditer(body)))
        cover = article.cover_candidate
        targets = [src for src in [*wanted, cover] if src and _needs_copy(src)]
        targets = list(dict.fromkeys(targets))
        if not targets:
            return
        folder = Path(article.origin).parent if _is_local(article.origin) else None
        page = article.fields.get("source_url") or ""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(POOL_SIZE, thread_name_prefix="image-fetch")
        jobs = {src: self._pool.submit(self._get, src, folder, page) for src in targets}
        got: dict[str, str] = {}
        for src, job in jobs.items():
            try:
                data, name = job.result()
            except NewsdeskError as exc:
                article.warnings.append(
                    tr(
                        "The image {url} was not stored ({reason}); it stays linked.",
                        url=src,
                        reason=exc.message,
                    )
                )
            else:
                digest = hashlib.sha256(data).hexdigest()
                article.assets[digest] = (data, name, "")
                article.origins[digest] = _absolute(src, page)
                got[src] = digest

        def swap(match: re.Match) -> str:
            digest = got.get(match.group("src"))
            if digest is None:
                return match.group(0)
            return f"{match.group(1)}asset:{digest}{match.group('rest')}"

        article.fields["body"] = IMAGE.sub(swap, body)
        if cover in got:
            article.cover_asset = got[cover]

    def _get(self, src: str, folder: Path | None, page: str) -> tuple[bytes, str]:
        """(bytes, file name) of one picture: a file beside the saved page or a download."""
        from editor.content.media import kind_of

        saved = _saved_copy(src, folder)
        if saved is not None:
            data = saved
        elif src.startswith(("http://", "https://", "//")):
            data = self._download(_absolute(src, page), page)
        else:
            data = _local(src, folder)
        name = Path(unquote(urlsplit(src).path)).name or "image"
        try:
            kind_of(data, "")
        except NewsdeskError as exc:
            raise NewsdeskError(exc.message) from None
        return data, name

    def _download(self, url: str, page: str) -> bytes:
        headers = {"Accept": "image/*,*/*;q=0.5"}
        if page.startswith(("http://", "https://")):
            headers["Referer"] = page  # hot-link protection wants the page as the referrer
        try:
            return download(url, headers, self.timeout, self.max_bytes)[0]
        except FetchFailure as failure:
            raise NewsdeskError(self._reason(failure)) from None

    def _reason(self, failure: FetchFailure) -> str:
        if failure.kind == STATUS:
            return tr("answered {code} {reason}", code=failure.code, reason=failure.detail)
        if failure.kind == TIMEOUT:
            return self._late()
        if failure.kind == TOO_LARGE:
            return tr("larger than {megabytes} MB", megabytes=self.max_bytes // 1048576)
        if failure.kind == EMPTY:
            return tr("empty")
        return str(failure.detail)

    def _late(self) -> str:
        return tr("no answer within {seconds:g} seconds", seconds=self.timeout)


def fetch_picture(url: str, referer: str = "", timeout: float = 15.0) -> tuple[bytes, str]:
    """(bytes, file name) of one picture on the web (an http, https or `//` address), checked
    as a stored image would be; NewsdeskError with a short reason when it cannot be had. Used
    for pictures pasted into the rich editor; safe to call from a worker thread."""
    if not url.startswith(("http://", "https://", "//")):
        raise NewsdeskError(tr("not a web address"))
    return ImageFetcher(timeout)._get(url, None, referer)


def _needs_copy(src: str) -> bool:
    return not src.startswith(("asset:", "data:", "#"))


def _is_local(origin: str) -> bool:
    return (
        bool(origin) and not origin.startswith(("http://", "https://")) and Path(origin).is_file()
    )


def _absolute(src: str, page: str) -> str:
    if src.startswith("//"):
        scheme = urlsplit(page).scheme if page.startswith("http") else "https"
        return f"{scheme}:{src}"
    return urljoin(page, src) if page else src


def _saved_copy(src: str, folder: Path | None) -> bytes | None:
    """The copy a browser saved beside the page (`页面_files/x.jpg`), even when the page's
    canonical address turned the reference into a web address."""
    if folder is None:
        return None
    parts = [p for p in unquote(urlsplit(src).path).split("/") if p not in ("", ".")]
    if len(parts) < 2 or not parts[-2].endswith(("_files", ".files")):
        return None
    try:
        return _local("/".join(parts[-2:]), folder)
    except NewsdeskError:
        return None


def _local(src: str, folder: Path | None) -> bytes:
    """A picture saved beside the page (`页面_files/1.jpg`), never outside its folder."""
    if folder is None:
        raise NewsdeskError(tr("a relative address, and the page's folder is unknown"))
    path = (folder / unquote(urlsplit(src).path)).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise NewsdeskError(tr("outside the saved page's folder"))
    try:
        data = path.read_bytes()
    except OSError:
        raise NewsdeskError(tr("no file {path}", path=path)) from None
    if len(data) > MAX_IMAGE_BYTES:
        raise NewsdeskError(tr("larger than {megabytes} MB", megabytes=MAX_IMAGE_BYTES // 1048576))
    return data
