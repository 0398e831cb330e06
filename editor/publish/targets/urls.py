"""Target URLs: where a site is published, without any secret.

file:///srv/www/site                      a local or mounted folder
sftp://user@host[:port]/path[?key=FILE]   SSH file transfer (key or password)
ftp://user@host[:port]/path, ftps://…     FTP, FTP over explicit TLS
s3://bucket/prefix?endpoint=URL&region=R[&addressing=path|virtual]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from editor.errors import ValidationError
from editor.i18n import tr

SCHEMES = ("file", "sftp", "ftp", "ftps", "s3")
DEFAULT_PORTS = {"sftp": 22, "ftp": 21, "ftps": 21}
# the modes a kind of target can use: release mode needs symlinks and renames
MODES = {
    "file": ("release", "in-place"),
    "sftp": ("release", "in-place"),
    "ftp": ("in-place",),
    "ftps": ("in-place",),
    "s3": ("in-place",),
}


@dataclass(frozen=True)
class TargetURL:
    """A parsed target URL."""

    scheme: str
    user: str = ""
    host: str = ""
    port: int | None = None
    path: str = ""
    query: dict[str, str] = field(default_factory=dict)

    @property
    def needs_password(self) -> bool:
        """Whether publishing needs a secret from the keyring (a key file may still have a
        passphrase, which is then optional)."""
        if self.scheme in ("sftp", "ftp", "ftps"):
            return not self.query.get("key")
        return self.scheme == "s3"

    def describe(self) -> str:
        """The URL as shown to the editor (it never holds a secret)."""
        if self.scheme == "file":
            return f"file://{self.path}"
        if self.scheme == "s3":
            query = f"?{urlencode(self.query)}" if self.query else ""
            return f"s3://{self.host}{self.path}{query}"
        user = f"{self.user}@" if self.user else ""
        port = f":{self.port}" if self.port and self.port != DEFAULT_PORTS[self.scheme] else ""
        query = f"?{urlencode(self.query)}" if self.query else ""
        return f"{self.scheme}://{user}{self.host}{port}{self.path}{query}"


def parse_target_url(url: str) -> TargetURL:
    """Parse and check a target URL; a password inside the URL is refused (it belongs in
    the keyring)."""
    text = (url or "").strip()
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise ValidationError(
            tr(
                "“{url}” is not a target URL: use sftp://, ftp://, ftps://, s3:// or file:///.",
                url=text,
            )
        )
    try:
        port = parts.port
    except ValueError:
        raise ValidationError(tr("“{url}” has an invalid port.", url=text)) from None
    if parts.password:
        raise ValidationError(
            tr(
                "Leave the password out of the URL: it is asked for (or read from "
                "NEWSDESK_TARGET_SECRET) and kept in the system keyring."
            )
        )
    query = dict(parse_qsl(parts.query))
    path = unquote(parts.path)
    if scheme == "file":
        if parts.netloc not in ("", "localhost") or not path.startswith("/"):
            raise ValidationError(
                tr("A folder target is file:///absolute/path, not “{url}”.", url=text)
            )
        return TargetURL("file", path=path.rstrip("/") or "/")
    if not parts.hostname:
        raise ValidationError(tr("“{url}” names no host.", url=text))
    if scheme == "s3":
        return TargetURL("s3", host=parts.hostname, path=path.rstrip("/"), query=query)
    if not parts.username:
        raise ValidationError(tr("“{url}” names no user (user@host).", url=text))
    return TargetURL(
        scheme,
        user=unquote(parts.username),
        host=parts.hostname,
        port=port or DEFAULT_PORTS[scheme],
        path=path.rstrip("/") or "/",
        query=query,
    )
