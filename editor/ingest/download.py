"""One HTTP download for the importer: news pages (reader) and their pictures (images).

Both callers need the same request, timeout, size cap and failure kinds; each words the
failure its own way (a page's error names its address, a picture's is a short reason)."""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Newsdesk/0.1"

# the kinds of FetchFailure
STATUS, TIMEOUT, UNREACHABLE, BROKEN, TOO_LARGE, EMPTY = (
    "status",
    "timeout",
    "unreachable",
    "broken",
    "too_large",
    "empty",
)


class FetchFailure(Exception):
    """Why a download failed: `kind` is one of the kinds above; `detail` the server's or the
    system's reason; `code` the HTTP status for STATUS."""

    def __init__(self, kind: str, detail: Any = None, code: int = 0) -> None:
        super().__init__(kind, detail, code)
        self.kind = kind
        self.detail = detail
        self.code = code


def download(
    url: str, headers: dict[str, str], timeout: float, max_bytes: int
) -> tuple[bytes, str | None, str]:
    """(bytes, charset from the headers, final URL) of `url`, at most `max_bytes` and within
    `timeout`; FetchFailure otherwise."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **headers})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            charset = response.headers.get_content_charset()
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        raise FetchFailure(STATUS, exc.reason, exc.code) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise FetchFailure(TIMEOUT) from None
        raise FetchFailure(UNREACHABLE, exc.reason) from None
    except TimeoutError:
        raise FetchFailure(TIMEOUT) from None
    except (OSError, ValueError) as exc:
        raise FetchFailure(BROKEN, exc) from None
    if len(data) > max_bytes:
        raise FetchFailure(TOO_LARGE)
    if not data:
        raise FetchFailure(EMPTY)
    return data, charset, final
