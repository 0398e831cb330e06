"""Nothing served from the bundle can run script: only decoded raster images and allowed
documents are stored, SVG is refused, and an old stored SVG/HTML "image" is never exported."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image

from editor.content.media import MediaService, kind_of
from editor.errors import ValidationError
from editor.store.models import Asset

SCRIPT = "alert('pwned-by-asset')"
SVG = (
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    f"<script>{SCRIPT}</script><rect width='10' height='10'/></svg>"
).encode()
HTML = f"<html><body><script>{SCRIPT}</script></body></html>".encode()


def _image(kind: str = "PNG", size=(6, 4), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "red" if mode == "RGB" else 1).save(buffer, kind)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (SVG, "logo.svg", "SVG"),
        (SVG, "logo.png", "SVG"),  # an SVG in a picture's clothes
        (HTML, "photo.png", "cannot be stored"),
        (HTML, "page.html", "cannot be stored"),
        (HTML, "report.pdf", "not a .pdf file"),
        (HTML, "notes.txt", "not a .txt file"),
        (b"MZ\x90\x00" + b"\x00" * 64, "setup.exe", "cannot be stored"),
        (_image("PNG")[:40], "cut.png", "cannot be stored"),  # a header, no picture
    ],
)
def test_what_could_run_or_is_no_image_is_refused(data, name, words):
    with pytest.raises(ValidationError) as refused:
        kind_of(data, name)
    assert words in refused.value.message


def test_raster_images_and_documents_are_accepted():
    assert kind_of(_image("PNG"), "a.png") == ("image/png", 6, 4)
    assert kind_of(_image("JPEG"), "a.jpeg") == ("image/jpeg", 6, 4)
    assert kind_of(_image("GIF"), "") == ("image/gif", 6, 4)
    assert kind_of(_image("WEBP"), "a.webp") == ("image/webp", 6, 4)
    assert kind_of(b"%PDF-1.7\n%...\n", "稿件.pdf") == ("application/pdf", None, None)
    assert kind_of("第一行，正文。\n".encode(), "说明.txt") == ("text/plain", None, None)


def test_an_image_bomb_is_refused():
    data = _image("PNG", size=(12_000, 9_000), mode="1")
    assert len(data) < 2_000_000
    with pytest.raises(ValidationError) as refused:
        kind_of(data, "bomb.png")
    assert "too large an image" in refused.value.message


def test_stored_image_names_say_what_they_are(workspace):
    with workspace.edit():
        disguised = workspace.media.add(_image("PNG"), "photo.html")
        jpeg = workspace.media.add(_image("JPEG"), "photo.jpeg")
        with pytest.raises(ValidationError):
            workspace.media.add(SVG, "logo.svg")
    assert disguised.mime == "image/png" and disguised.width == 6
    assert MediaService.file_name(disguised).endswith(".png")
    assert MediaService.file_name(jpeg).endswith(".jpeg")
    assert Asset.select().count() == 2


def test_an_old_stored_svg_is_not_exported(workspace, tmp_path):
    ws = workspace
    with ws.edit():
        ws.sections.create("新闻")
        shown = ws.media.add(_image("PNG"), "shown.png")
        old = {}
        for data, name, mime in ((SVG, "old.svg", "image/svg+xml"), (HTML, "old.png", "image/png")):
            digest = hashlib.sha256(data).hexdigest()
            # as stored before files were checked: the name's type, no size
            Asset.create(sha256=digest, original_name=name, mime=mime, size=len(data), data=data)
            old[name] = digest
        ws.articles.create(
            {
                "title": "带有旧图片的文章",
                "section": "新闻",
                "body": (
                    f"![新图](asset:{shown.sha256})\n\n![旧图](asset:{old['old.svg']})\n\n"
                    f"![旧图二](asset:{old['old.png']})\n"
                ),
                "status": "published",
            }
        )
    out = tmp_path / "site"
    ws.publisher.export(out, workers=1)
    files = [p for p in out.rglob("*") if p.is_file()]
    assert (out / "assets" / MediaService.file_name(shown)).is_file()
    assert not [p for p in files if p.suffix in (".svg", ".bin")]
    assert not [p for p in files if SCRIPT.encode() in p.read_bytes()]
    pages = [p for p in files if "带有旧图片的文章".encode() in p.read_bytes()]
    assert pages and any(shown.sha256[:16].encode() in p.read_bytes() for p in pages)
    for digest in old.values():  # no page links the old files
        assert not [p for p in files if digest[:16].encode() in p.read_bytes()]
