"""Markdown files with a YAML front matter (title, date, section, source, source_url,
reporters, photographers, editor, tags, status, hits)."""

from __future__ import annotations

import re
from datetime import date, datetime

from editor.content.demo import split_front_matter
from editor.errors import ValidationError
from editor.i18n import tr
from editor.ingest.fields import ExtractedArticle, parse_datetime, split_people

# front-matter key -> article field
KEYS = {
    "title": "title",
    "subtitle": "subtitle",
    "summary": "summary",
    "section": "section",
    "source": "source",
    "source_url": "source_url",
    "url": "source_url",
    "reporters": "reporters",
    "reporter": "reporters",
    "author": "reporters",
    "photographers": "photographers",
    "photographer": "photographers",
    "editor": "responsible_editor",
    "responsible_editor": "responsible_editor",
    "tags": "tags",
    "keywords": "tags",
    "status": "status",
    "hits": "hits",
    "flags": "flags",
    "date": "publish_time",
    "publish_time": "publish_time",
}
LIST_FIELDS = ("reporters", "photographers", "tags", "flags")
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


def extract_markdown(text: str, origin: str = "", stem: str = "") -> ExtractedArticle:
    """Read a Markdown file into fields for review."""
    if not text.strip():
        raise ValidationError(tr("The file is empty."))
    try:
        meta, body = split_front_matter(text)
    except Exception as exc:  # yaml.YAMLError and friends: a broken front matter
        raise ValidationError(tr("The front matter is not valid YAML: {exc}.", exc=exc)) from None
    article = ExtractedArticle(format="markdown", origin=origin)
    fields = article.fields
    for key, value in meta.items():
        target = KEYS.get(str(key).lower())
        if target is None or value is None:
            continue
        if target in LIST_FIELDS:
            value = value if isinstance(value, list) else split_people(str(value))
            value = [str(v).strip() for v in value if str(v).strip()]
        elif target == "publish_time":
            if isinstance(value, datetime):
                pass
            elif isinstance(value, date):
                value = datetime(value.year, value.month, value.day)
            else:
                parsed = parse_datetime(str(value))
                if parsed is None:
                    article.warnings.append(
                        tr(
                            "“{value}” is not a date; publish time left empty.",
                            value=value,
                        )
                    )
                value = parsed
        elif target == "hits":
            try:
                value = max(0, int(value))
            except (TypeError, ValueError):
                article.warnings.append(
                    tr(
                        "Hits “{value}” is not a number; ignored.",
                        value=value,
                    )
                )
                continue
        else:
            value = str(value).strip()
        fields[target] = value
    affiliation = meta.get("reporter_affiliation")
    if affiliation:
        article.reporter_affiliation = str(affiliation).strip()
    body = body.strip("\n")
    if not fields.get("title"):
        heading = _HEADING.search(body)
        if heading and not body[: heading.start()].strip():
            fields["title"] = heading.group(1).strip()
            body = body[heading.end() :].strip("\n")
        else:
            fields["title"] = stem
    if not fields.get("title"):
        raise ValidationError(
            tr(
                "The file has no title (front matter `title:` or a `# ` heading).",
            )
        )
    fields["body"] = body + "\n" if body else ""
    if not body.strip():
        raise ValidationError(tr("The file has no body text."))
    return article
