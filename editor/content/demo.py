"""The demo site: settings, the section tree, a partner, static pages and sample articles.

Everything comes from `resources/demo/`: `site.json`, `pages/*.md` and `articles/*.md`
(Markdown with a YAML front matter). Article dates are given as days before today, so the
demo always looks current.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

import yaml

from editor.config import resource

FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n?(.*)\Z", re.S)


def split_front_matter(text: str) -> tuple[dict, str]:
    """(front matter, body) of a Markdown file; an empty dict when there is none."""
    match = FRONT_MATTER.match(text.lstrip("\ufeff"))
    if not match:
        return {}, text
    meta = yaml.safe_load(match.group(1)) or {}
    if not isinstance(meta, dict):
        return {}, text
    return meta, match.group(2)


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
        workspace.pages.save(path.stem, meta.get("title", path.stem), body.strip(),
                             position=int(meta.get("position", 0)))
    today = datetime.now().replace(second=0, microsecond=0)
    for path in sorted((root / "articles").glob("*.md")):
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        when = today - timedelta(days=float(meta.get("days_ago", 0)),
                                 hours=float(meta.get("hours_ago", 0)))
        fields = {
            "title": meta["title"],
            "subtitle": meta.get("subtitle", ""),
            "summary": meta.get("summary", ""),
            "body": body.strip() + "\n",
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
        workspace.articles.create(fields, author="demo")
