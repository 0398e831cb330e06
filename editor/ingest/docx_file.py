"""Word manuscripts (.docx) through mammoth: Markdown body, images stored as assets."""

from __future__ import annotations

import hashlib
import io
import re

from editor.errors import ValidationError
from editor.i18n import tr
from editor.ingest import clean
from editor.ingest.fields import ExtractedArticle, take_credits

STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='标题'] => h1:fresh
p[style-name='Subtitle'] => p.subtitle:fresh
p[style-name='副标题'] => p.subtitle:fresh
p[style-name='Caption'] => p.caption:fresh
p[style-name='题注'] => p.caption:fresh
p[style-name='图注'] => p.caption:fresh
"""
_FIRST_HEADING = re.compile(r"^#{1,6}\s+(.+)$")


def extract_docx(data: bytes, origin: str = "", stem: str = "") -> ExtractedArticle:
    """Read a .docx manuscript into fields; its images wait in `assets` until saved."""
    import mammoth

    article = ExtractedArticle(format="docx", origin=origin)

    def store_image(image):
        with image.open() as stream:
            blob = stream.read()
        digest = hashlib.sha256(blob).hexdigest()
        extension = (image.content_type or "image/png").split("/")[-1].replace("jpeg", "jpg")
        article.assets[digest] = (
            blob,
            f"{stem or 'image'}-{len(article.assets) + 1}.{extension}",
            image.alt_text or "",
        )
        return {"src": f"asset:{digest}", "alt": image.alt_text or ""}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            style_map=STYLE_MAP,
            convert_image=mammoth.images.img_element(store_image),
        )
    except Exception as exc:  # a damaged package: zipfile, KeyError, XML errors
        raise ValidationError(
            tr(
                "The Word file cannot be read ({problem}).",
                problem=exc.__class__.__name__,
            )
        ) from None
    html = result.value
    subtitle = ""
    match = re.search(r'<p class="subtitle">(.*?)</p>', html, re.S)
    if match:
        subtitle = clean.normalize_space(re.sub(r"<[^>]+>", "", match.group(1)))
        html = html.replace(match.group(0), "", 1)
    markdown = clean.html_to_markdown(html)
    blocks = [b for b in markdown.split("\n\n") if b.strip()]
    if not blocks:
        raise ValidationError(tr("The Word file has no text."))
    first = blocks[0].strip()
    heading = _FIRST_HEADING.match(first)
    if heading:
        title = heading.group(1)
        blocks.pop(0)
    elif not first.startswith("![") and len(clean.unescape_text(first)) <= 80:
        title = first.strip("*")
        blocks.pop(0)
    else:
        title = stem
    plain = [clean.unescape_text(b) for b in blocks]
    remaining, credits = take_credits(plain)
    blocks = blocks[: len(remaining)]
    if remaining and remaining[-1] != plain[len(remaining) - 1]:
        blocks[-1] = clean.escape_text(remaining[-1])
    article.fields.update(
        title=clean.unescape_text(title).strip(),
        subtitle=subtitle,
        body="\n\n".join(blocks) + "\n" if blocks else "",
        reporters=credits.reporters,
        photographers=credits.photographers,
        responsible_editor=credits.editor,
        source="",
        source_url="",
        publish_time=None,
    )
    article.reporter_affiliation = credits.affiliation
    used = set(re.findall(r"asset:([0-9a-f]{64})", article.fields["body"]))
    article.assets = {k: v for k, v in article.assets.items() if k in used}
    if not article.fields["title"]:
        raise ValidationError(tr("The Word file has no title."))
    warnings = [m.message for m in result.messages if m.type == "error"]
    article.warnings.extend(warnings[:5])
    return article
