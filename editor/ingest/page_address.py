"""Where a saved page came from, when it was saved without its address.

Image paths of such a page are relative (`/NMediaFile/…`, `./W0…jpg`). A `<base href>` gives
the address outright; a link to a page of the same folder (`./t2019_1.shtml`) written out in
full elsewhere on the page (`http://www.shanxi.gov.cn/yw/sxyw/201909/t2019_1.shtml`) gives
the folder (a TRS page names itself in `<meta name="Url">`); the site most of the page's links and frames go to gives at least the origin, enough for
paths that start with `/`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

_PAGE_NAME = re.compile(r"^(?:\./)?([\w.\-]+\.(?:s?html?|php|aspx?|jsp))$", re.I)
_SECOND_LEVEL = frozenset({"com", "net", "org", "gov", "edu", "ac", "co"})
_SCRIPT_URL = re.compile(r"https?://[^\s'\"<>\\]+")
_ROOT_IMAGE = re.compile(r"(!\[[^\]]*\]\()(/(?!/)[^)\s]*)")
MIN_SITE_LINKS = 3


@dataclass
class PageAddress:
    """What the page reveals of its own address: a folder-exact base or only the origin."""

    url: str
    exact: bool  # True: resolves `./x.jpg` too; False: only paths from the site's root


def site_key(host: str) -> str:
    """The site a host belongs to: culture.people.com.cn -> people.com.cn."""
    labels = host.lower().split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def page_address(root) -> PageAddress | None:
    """The page's address as far as its markup reveals it (call before cleaning the tree)."""
    base = root.find(".//base[@href]")
    if base is not None and base.get("href", "").strip().lower().startswith(
        ("http://", "https://")
    ):
        return PageAddress(base.get("href").strip(), True)
    absolute: list[str] = []
    names: set[str] = set()
    hosts: Counter[str] = Counter()
    for element in root.iter("a", "link", "img", "script", "iframe", "area", "meta"):
        for attr in ("href", "src", "content"):
            value = (element.get(attr) or "").strip()
            if not value:
                continue
            if value.lower().startswith(("http://", "https://")):
                absolute.append(value)
                if (element.tag, attr) in (("a", "href"), ("iframe", "src")):
                    host = (urlsplit(value).hostname or "").lower()
                    if "." in host:
                        hosts[host] += 1
            else:
                name = _PAGE_NAME.match(value)
                if name and element.tag in ("a", "meta", "link"):
                    names.add(name.group(1))
        if element.tag == "script" and element.text and names:  # share buttons spell it out
            absolute.extend(_SCRIPT_URL.findall(element.text))
    for value in absolute:  # the same page linked both ways: its folder is this page's folder
        path = urlsplit(value).path
        if path.rsplit("/", 1)[-1] in names:
            return PageAddress(value, True)
    return _site_origin(hosts)


def _site_origin(hosts: Counter[str]) -> PageAddress | None:
    sites: Counter[str] = Counter()
    for host, count in hosts.items():
        sites[site_key(host)] += count
    if not sites:
        return None
    site, count = sites.most_common(1)[0]
    if count < MIN_SITE_LINKS or count < sum(sites.values()) * 0.4:
        return None
    host = max((h for h in hosts if site_key(h) == site), key=lambda h: hosts[h])
    return PageAddress(f"http://{host}/", False)


def resolve_root_images(markdown: str, origin: str) -> str:
    """Images whose path starts at the site's root (`/img/a.jpg`) get the site's origin."""
    return _ROOT_IMAGE.sub(lambda m: m.group(1) + urljoin(origin, m.group(2)), markdown)
