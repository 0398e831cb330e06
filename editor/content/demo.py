"""The demo site: settings, the section tree, a partner, static pages and sample articles.

Everything comes from `resources/demo/`: `site.json`, `pages/*.md`, `articles/*.md`
(Markdown with a YAML front matter) and `images/`. Article dates are given as days before
today (negative: a scheduled article), so the demo always looks current.

Front-matter keys of an article: title, subtitle, summary, section (path), source,
source_url, reporters, reporter_affiliation, photographers, editor, tags, flags, hits,
status, days_ago, hours_ago and cover (`images/<file>`). Images in the body written as
`![alt](images/<file> "图注")` are stored with the media service and referenced as
`asset:<sha256>`.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path

import yaml

from editor.config import current_user, resource, user_data_dir

DEMO_DB_NAME = "demo.newsdesk"

FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n?(.*)\Z", re.S)
# `![alt](images/file.jpg "caption")`: an image of the demo folder inside an article body
LOCAL_IMAGE = re.compile(r"!\[([^\]]*)\]\((images/[^\s)]+)((?:\s+\"[^\"]*\")?)\)")


def split_front_matter(text: str) -> tuple[dict, str]:
    """(front matter, body) of a Markdown file; an empty dict when there is none."""
    match = FRONT_MATTER.match(text.lstrip("\ufeff"))
    if not match:
        return {}, text
    meta = yaml.safe_load(match.group(1)) or {}
    if not isinstance(meta, dict):
        return {}, text
    return meta, match.group(2)


GUIDE_TAG = "使用指南"


def user_guide() -> list[tuple[str, str]]:
    """The demo's how-to articles (tagged 使用指南) as (title, Markdown body), in order:
    the user guide the 帮助 menu shows. Images stay `images/<file>` of resources/demo."""
    guide = []
    for path in sorted((resource("demo") / "articles").glob("*.md")):
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        if GUIDE_TAG in (meta.get("tags") or []):
            guide.append((str(meta.get("title", path.stem)), body.strip()))
    return guide


def demo_database() -> str:
    """Where the demo site lives: a SQLite file in the user data folder."""
    return str(user_data_dir() / DEMO_DB_NAME)


class _DemoSite:
    """The content services `load_demo` fills, on the database the models are bound to."""

    def __init__(self, user: str) -> None:
        from editor.content.articles import ArticleService
        from editor.content.media import MediaService
        from editor.content.pages import PageService
        from editor.content.people import PartnerService, PeopleService, SourceService
        from editor.content.sections import SectionService
        from editor.content.site import SiteService

        self.site = SiteService()
        self.sections = SectionService()
        self.pages = PageService()
        self.sources = SourceService()
        self.people = PeopleService()
        self.partners = PartnerService()
        self.media = MediaService()
        self.articles = ArticleService(self.sections, self.sources, self.people, user)


def ensure_demo() -> str:
    """Create the demo site on first use (an empty or missing file); return its location."""
    from editor.store import db as store_db
    from editor.store.models import ALL_MODELS, database

    location = demo_database()
    if store_db.inspect_sqlite_file(Path(location)) is None:
        db = store_db.open_database(store_db.parse_target(location), create=True)
        try:
            with db.bind_ctx(ALL_MODELS), db.atomic():
                load_demo(_DemoSite(current_user()))
        finally:
            db.close()
            if database.obj is db:
                database.initialize(None)
    return location


def load_demo(workspace) -> None:
    """Fill an empty workspace with the demo site (call inside `workspace.edit()`)."""
    root = resource("demo")
    data = json.loads((root / "site.json").read_text(encoding="utf-8"))
    workspace.site.update(**data["site"])
    partners = {}
    for partner in data.get("partners", []):
        fields = dict(partner)
        name = fields.pop("name")
        partners[name] = workspace.partners.create(name, **fields)
    for entry in data["sections"]:
        partner = partners.get(entry.get("partner", ""))
        parent = workspace.sections.create(entry["name"], partner=partner.id if partner else None)
        for child in entry.get("children", []):
            workspace.sections.create(child, parent)
    for path in sorted((root / "pages").glob("*.md")):
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        workspace.pages.save(
            path.stem,
            meta.get("title", path.stem),
            body.strip(),
            position=int(meta.get("position", 0)),
        )
    today = datetime.now().replace(second=0, microsecond=0)
    for path in sorted((root / "articles").glob("*.md")):
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        _create_article(workspace, root, meta, body, today)


def store_local_images(workspace, root: Path, body: str) -> str:
    """`body` with every `images/...` picture stored as an asset and linked as `asset:<sha256>`."""

    def replace(match: re.Match) -> str:
        alt, src, caption = match.groups()
        asset = workspace.media.add_file(root / src, alt=alt)
        return f"![{alt}](asset:{asset.sha256}{caption})"

    return LOCAL_IMAGE.sub(replace, body)


def _create_article(workspace, root: Path, meta: dict, body: str, today: datetime) -> None:
    """One demo article from its front matter and Markdown body."""
    when = today - timedelta(
        days=float(meta.get("days_ago", 0)), hours=float(meta.get("hours_ago", 0))
    )
    fields = {
        "title": meta["title"],
        "subtitle": meta.get("subtitle", ""),
        "summary": meta.get("summary", ""),
        "body": store_local_images(workspace, root, body.strip()) + "\n",
        "section": meta["section"],
        "source": meta.get("source", ""),
        "source_url": meta.get("source_url", ""),
        "reporters": meta.get("reporters", []),
        "photographers": meta.get("photographers", []),
        "responsible_editor": meta.get("editor", ""),
        "tags": meta.get("tags", []),
        "flags": meta.get("flags", []),
        "hits": int(meta.get("hits", 0)),
        "status": meta.get("status", "published"),
        "publish_time": when,
    }
    if meta.get("cover"):
        fields["cover"] = workspace.media.add_file(root / meta["cover"], alt=meta["title"]).id
    workspace.articles.create(fields, author="demo")
    affiliation = meta.get("reporter_affiliation", "")
    if affiliation:
        for name in fields["reporters"]:
            person = workspace.people.ensure(name, "reporter")
            workspace.people.update(person.id, affiliation=affiliation)
