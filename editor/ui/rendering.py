"""The preview's renderer: the publisher's article preview, or a plain page while the site
has no publisher (a checkout without editor/publish)."""

from __future__ import annotations

import html
import logging
from pathlib import Path

import markdown

from editor.config import resource

log = logging.getLogger(__name__)


def theme_base_url() -> str:
    """The theme's static folder as a file URL (ending in /)."""
    return Path(resource("themes", "portal", "static")).resolve().as_uri() + "/"


def publisher_of(workspace):
    """The workspace's publisher, or None when the publish package is not available."""
    try:
        publisher = workspace.publisher
    except ImportError:
        return None
    return publisher if hasattr(publisher, "render_article_preview") else None


def preview_base(publisher) -> str:
    """The base URL the preview page resolves its CSS, scripts and images against."""
    for name in ("preview_base_url", "static_base_url", "base_url_for_preview"):
        value = getattr(publisher, name, None)
        if value is not None:
            value = value() if callable(value) else value
            text = value.as_uri() if isinstance(value, Path) else str(value)
            return text if text.endswith("/") else text + "/"
    for name in ("preview_base_dir", "static_dir", "theme_static_dir"):
        value = getattr(publisher, name, None)
        if value is not None:
            value = value() if callable(value) else value
            return Path(value).resolve().as_uri() + "/"
    return theme_base_url()


def render_preview(workspace, fields: dict) -> tuple[str, str]:
    """(html, base URL) of the article page for these (unsaved) fields."""
    publisher = publisher_of(workspace)
    if publisher is not None:
        result = publisher.render_article_preview(fields)
        if isinstance(result, tuple):
            return result[0], str(result[1])
        return result, preview_base(publisher)
    return plain_preview(fields), theme_base_url()


def plain_preview(fields: dict) -> str:
    """A simple article page: title, meta line, body, byline, 责编."""
    body = markdown.markdown(fields.get("body") or "", extensions=["tables"])
    reporters = " ".join(fields.get("reporters") or [])
    photographers = " ".join(fields.get("photographers") or [])
    byline = ""
    if reporters or photographers:
        byline = f"(记者 {reporters}" + (f" 摄影 {photographers}" if photographers else "") + ")"
    editor = fields.get("responsible_editor") or ""
    when = (fields.get("publish_time") or "")[:10]
    source = fields.get("source") or ""
    esc = html.escape
    return f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:"WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;max-width:760px;
margin:0 auto;padding:16px;line-height:1.8;color:#222}}h1{{font-size:1.6em;line-height:1.4}}
.meta{{color:#888;font-size:.9em;border-bottom:1px solid #eee;padding-bottom:8px}}
img{{max-width:100%}}</style></head><body>
<h1>{esc(fields.get("title") or "")}</h1>
<p class="meta">{esc(when)} | 来源:{esc(source)}</p>
<article>{body}</article>
<p>{esc(byline)}</p><p>{"(责编:" + esc(editor) + ")" if editor else ""}</p>
</body></html>"""
