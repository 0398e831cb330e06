"""The application icon: one SVG rendered to every size the desktops ask for."""

from __future__ import annotations

import pytest
from packaging_scripts import PACKAGING, load
from PIL import Image

make_icons = load("make_icons")


@pytest.fixture(scope="module")
def icons(tmp_path_factory):
    out = tmp_path_factory.mktemp("icons")
    make_icons.make_icons(out)
    return out


@pytest.mark.parametrize("size", [16, 32, 48, 64, 128, 256, 512])
def test_hicolor_png_at_every_size(icons, size):
    path = icons / "hicolor" / f"{size}x{size}" / "apps" / "newsdesk.png"
    with Image.open(path) as image:
        assert image.size == (size, size)
        rgba = image.convert("RGBA")
        # The red square fills the middle; the rounded corners stay transparent.
        red, green, blue, alpha = rgba.getpixel((size // 2, size // 8))
        assert alpha == 255 and red > 150 and green < 80 and blue < 80
        assert rgba.getpixel((0, 0))[3] == 0
        # The white character is drawn, not just the square.
        colours = rgba.getcolors(maxcolors=1 << 20)
        assert any(r > 230 and g > 230 and b > 230 and a == 255 for _, (r, g, b, a) in colours)


def test_scalable_svg_is_the_source(icons):
    svg = icons / "hicolor" / "scalable" / "apps" / "newsdesk.svg"
    assert svg.read_bytes() == (PACKAGING / "icons" / "newsdesk.svg").read_bytes()


def test_windows_ico_holds_all_sizes(icons):
    with Image.open(icons / "newsdesk.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])


def test_macos_icns_holds_retina_sizes(icons):
    with Image.open(icons / "newsdesk.icns") as icns:
        assert icns.size == (1024, 1024)
        assert (512, 512, 2) in icns.info["sizes"]
        assert (16, 16, 1) in icns.info["sizes"] or (16, 16, 2) in icns.info["sizes"]
