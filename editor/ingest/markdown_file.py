"""Markdown files with a YAML front matter (title, date, section, source, source_url,
original_title, reporters, photographers, editor, tags, status, hits)."""

from __future__ import annotations

import re
from datetime import date, datetime

from editor.content.demo import FRONT_MATTER
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
    "original_title": "original_title",
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
# `---` then what reads as YAML (`title: …`, `- item`): a front matter, closed or not; a
# `---` followed by prose is a thematic break.
_OPENING = re.compile(r"\A---[ \t]*\r?\n\s*(?:[\w\u4e00-\u9fff-]+[ \t]*:|- )")


def split_front_matter(text: str) -> tuple[dict, str]:
    """(front matter, body); refuses a front matter that is never closed or is not a
    mapping, rather than importing it as the body."""
    import yaml

    text = text.lstrip("\ufeff")
    match = FRONT_MATTER.match(text)
    if match is None:
        if _OPENING.match(text):
            raise ValidationError(
                tr(
                    "The front matter opened by “---” on the first line is never closed by a "
                    "“---” line: close it, or remove the first line."
                )
            )
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise ValidationError(tr("The front matter is not valid YAML: {exc}.", exc=exc)) from None
    if meta is None:
        return {}, match.group(2)
    if not isinstance(meta, dict):
        shape = tr("a list") if isinstance(meta, list) else tr("plain text")
        raise ValidationError(
            tr(
                "The front matter is {shape}, not “key: value” lines (title: …, date: …).",
                shape=shape,
            )
        )
    return meta, match.group(2)


def extract_markdown(text: str, origin: str = "", stem: str = "") -> ExtractedArticle:
    """Read a Markdown file into fields for review."""
    if not text.strip():
        raise ValidationError(tr("The file is empty."))
    meta, body = split_front_matter(text)
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
        elif isinstance(value, (list, dict)):  # `title: [a, b]` is no title
            article.warnings.append(
                tr(
                    "“{key}” in the front matter is not text but {value}; ignored.",
                    key=key,
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
