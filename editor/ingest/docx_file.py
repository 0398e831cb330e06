"""Word manuscripts (.docx) through mammoth: Markdown body, images stored as assets.

A .docx is a zip: a file of under a megabyte can unpack to hundreds of megabytes of XML
that keep the parser busy for minutes. The package is measured before it is parsed (the
unpacked size of every part, the XML of the document part, its number of elements, no
DOCTYPE) and the parse itself has a deadline; what exceeds a cap fails with a reason.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import re
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

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
MAX_UNPACKED = 100 * 1024 * 1024  # all parts together (images included)
MAX_XML_PART = 16 * 1024 * 1024  # one XML part: the text of a book, not of a zip bomb
MAX_PARTS = 2000
MAX_ELEMENTS = 250_000  # XML elements of word/document.xml (a long manuscript has ~50,000)
PARSE_SECONDS = 60.0  # the conversion's deadline


class ParseTimeout(BaseException):
    """Raised inside the converting thread when its deadline passes (a BaseException, so
    that no `except Exception` of the parser swallows it)."""


def check_package(data: bytes) -> None:
    """Refuse a package that unpacks to more than the caps allow, before parsing it."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        parts = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(
            tr("The Word file cannot be read ({problem}).", problem=exc.__class__.__name__)
        ) from None
    unpacked = sum(part.file_size for part in parts)
    biggest_xml = max(
        (p.file_size for p in parts if p.filename.endswith((".xml", ".rels"))), default=0
    )
    if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED or biggest_xml > MAX_XML_PART:
        raise ValidationError(
            tr(
                "The Word file unpacks to {unpacked} MB in {parts} parts (at most {limit} MB, "
                "{xml_limit} MB of XML per part): it is not a manuscript, or it is damaged.",
                unpacked=round(unpacked / 1048576),
                parts=len(parts),
                limit=MAX_UNPACKED // 1048576,
                xml_limit=MAX_XML_PART // 1048576,
            )
        )
    if "word/document.xml" in package.namelist():
        _count_elements(package)


def _count_elements(package: zipfile.ZipFile) -> None:
    from lxml import etree

    with package.open("word/document.xml") as stream:
        if re.search(rb"<!DOCTYPE|<!ENTITY", stream.read(4096)):
            raise ValidationError(tr("The Word file declares XML entities; it is refused."))
    elements = 0
    try:
        with package.open("word/document.xml") as stream:
            for _event, element in etree.iterparse(
                stream, events=("end",), resolve_entities=False, no_network=True
            ):
                elements += 1
                element.clear(keep_tail=True)
                if elements > MAX_ELEMENTS:
                    raise ValidationError(
                        tr(
                            "The Word file's text has more than {limit} XML elements: too "
                            "complex for a manuscript, or built to stall the import.",
                            limit=MAX_ELEMENTS,
                        )
                    )
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError) as exc:
        raise ValidationError(
            tr("The Word file cannot be read ({problem}).", problem=exc.__class__.__name__)
        ) from None


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise ParseTimeout in this thread if the block runs longer than `seconds` (pure-Python
    work such as mammoth's is interrupted at its next bytecode)."""
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(target), ctypes.py_object(ParseTimeout)
                )

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["active"] = False
            if state["fired"]:  # clear an exception that has not been delivered yet
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)


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

    check_package(data)
    try:
        with deadline(PARSE_SECONDS):
            result = mammoth.convert_to_html(
                io.BytesIO(data),
                style_map=STYLE_MAP,
                convert_image=mammoth.images.img_element(store_image),
            )
    except ParseTimeout:
        raise ValidationError(
            tr(
                "Reading the Word file took longer than {seconds:g} seconds; it was stopped.",
                seconds=PARSE_SECONDS,
            )
        ) from None
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
