"""Site settings (the one Site row)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from editor.errors import ValidationError
from editor.i18n import tr
from editor.store.models import Site

EDITABLE = (
    "name",
    "domain",
    "slogan",
    "base_url",
    "founded_year",
    "icp_number",
    "icp_url",
    "tech_support",
    "tech_support_url",
    "submission_email",
    "submission_contact",
    "rights_notice",
    "footer_links",
    "language",
    "templates_dir",
    "settings",
)

_HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_URL_PATH = re.compile(r"[A-Za-z0-9._~!$&()*+,;=:@%/-]*")


def is_base_url(value: str) -> bool:
    """Whether `value` is an http(s) address with a host name (and optional port and
    path) and nothing that could leave an attribute or a line: no spaces, quotes, angle
    brackets, query or fragment."""
    value = (value or "").strip()
    if any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in value):
        return False
    try:
        parts = urlsplit(value)
        port = parts.port
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        return False
    if parts.scheme not in ("http", "https") or not host or parts.query or parts.fragment:
        return False
    if "?" in value or "#" in value or parts.username or parts.password:
        return False
    if port is not None and not 0 < port < 65536:
        return False
    labels = host.rstrip(".").split(".")
    if not all(_HOST_LABEL.fullmatch(label) for label in labels):
        return False
    expected = f"{parts.scheme}://{parts.netloc}"
    return value.lower().startswith(expected.lower()) and bool(_URL_PATH.fullmatch(parts.path))


def check_base_url(value: str) -> str:
    """The site's base URL ending in "/", or a ValidationError."""
    base = (value or "").strip()
    if not is_base_url(base):
        raise ValidationError(
            tr(
                "The base URL must be a web address such as https://www.example.com/ "
                "(http or https, a host name, no spaces, quotes or angle brackets)."
            )
        )
    return base.rstrip("/") + "/"


class SiteService:
    """Read and change the site settings."""

    def get(self) -> Site:
        site = Site.select().order_by(Site.id).first()
        return site if site is not None else Site.create()

    def update(self, **fields) -> Site:
        unknown = set(fields) - set(EDITABLE)
        if unknown:
            raise ValidationError(
                tr(
                    "Unknown site settings: {unknown}.",
                    unknown=", ".join(sorted(unknown)),
                )
            )
        site = self.get()
        if "founded_year" in fields and fields["founded_year"] not in (None, ""):
            try:
                fields["founded_year"] = int(fields["founded_year"])
            except (TypeError, ValueError):
                raise ValidationError(
                    tr("The founding year must be a year such as 2006.")
                ) from None
        elif "founded_year" in fields:
            fields["founded_year"] = None
        if "base_url" in fields and fields["base_url"]:
            fields["base_url"] = check_base_url(fields["base_url"])
        if "footer_links" in fields:
            links = fields["footer_links"] or []
            for link in links:
                if not isinstance(link, dict) or not link.get("title"):
                    raise ValidationError(tr("Each footer link needs a title."))
        for key, value in fields.items():
            setattr(site, key, value if value is not None or key == "founded_year" else "")
        site.save()
        return site
