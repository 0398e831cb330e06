"""Regenerate the demo site's sample images in resources/demo/images/.

Each image is a 960×540 JPEG: a soft two-colour gradient, a simple shape and a short
caption in WenQuanYi Micro Hei. Run with the project's Python:

    .venv/bin/python resources/demo/make_images.py
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
SIZE = (960, 540)
OUT = Path(__file__).resolve().parent / "images"

# file name, top colour, bottom colour, shape, caption
IMAGES = [
    ("tea-garden.jpg", (214, 232, 200), (96, 142, 92), "hills", "蒙顶山茶园 · 川茶出海"),
    ("spice-market.jpg", (252, 226, 196), (196, 82, 52), "sun", "川味调料 · 走进南洋"),
    ("autumn-valley.jpg", (250, 222, 168), (176, 96, 48), "peaks", "川西秋色 · 高原金秋"),
    ("science-park.jpg", (206, 224, 246), (58, 92, 150), "towers", "科创园区 · 成果转化"),
    ("celadon-bowl.jpg", (236, 240, 232), (150, 176, 160), "bowl", "宋代青瓷 · 器以载道"),
]


def gradient(top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    """A vertical gradient from `top` to `bottom`."""
    width, height = SIZE
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / (height - 1)
        column.putpixel(
            (0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        )
    return column.resize(SIZE)


def shade(colour: tuple[int, int, int], factor: float) -> tuple[int, int, int]:
    """`colour` made lighter (factor > 1) or darker (factor < 1)."""
    return tuple(max(0, min(255, round(c * factor))) for c in colour)


def draw_shape(image: Image.Image, shape: str, base: tuple[int, int, int]) -> None:
    """Draw one simple, soft motif over the gradient."""
    width, height = SIZE
    layer = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    if shape == "hills":
        for row, factor in enumerate((1.15, 0.95, 0.8)):
            top = 260 + row * 70
            points = [(0, height)]
            for x in range(0, width + 20, 20):
                points.append((x, top + 38 * math.sin(x / 140 + row * 1.7)))
            points.append((width, height))
            draw.polygon(points, fill=(*shade(base, factor), 200))
    elif shape == "sun":
        draw.ellipse((620, 90, 820, 290), fill=(255, 240, 214, 190))
        draw.ellipse((660, 130, 780, 250), fill=(255, 214, 170, 220))
    elif shape == "peaks":
        draw.polygon([(80, 470), (330, 150), (560, 470)], fill=(*shade(base, 0.75), 210))
        draw.polygon([(330, 150), (280, 214), (360, 214)], fill=(255, 250, 240, 230))
        draw.polygon([(420, 470), (680, 210), (930, 470)], fill=(*shade(base, 0.9), 200))
        draw.polygon([(680, 210), (636, 254), (716, 254)], fill=(255, 250, 240, 220))
    elif shape == "towers":
        for index, (x, h) in enumerate(
            ((140, 240), (260, 320), (380, 200), (520, 360), (660, 260), (780, 300))
        ):
            fill = (*shade(base, 1.3 - index % 2 * 0.25), 200)
            draw.rectangle((x, height - 60 - h, x + 90, height - 60), fill=fill)
    elif shape == "bowl":
        draw.pieslice((330, 90, 630, 390), 0, 180, fill=(*shade(base, 0.85), 230))
        draw.rectangle((440, 388, 520, 410), fill=(*shade(base, 0.75), 230))
        draw.ellipse((330, 225, 630, 255), fill=(*shade(base, 1.15), 230))
    layer = layer.filter(ImageFilter.GaussianBlur(1.2))
    image.paste(layer, (0, 0), layer)


def draw_caption(image: Image.Image, text: str) -> None:
    """A short caption on a translucent band along the bottom edge."""
    width, height = SIZE
    band = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(band)
    draw.rectangle((0, height - 72, width, height), fill=(20, 24, 28, 120))
    image.paste(band, (0, 0), band)
    font = ImageFont.truetype(FONT, 34)
    draw = ImageDraw.Draw(image)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x = (width - (right - left)) // 2
    y = height - 36 - (bottom - top) // 2 - top
    draw.text((x, y), text, font=font, fill=(250, 250, 246))


def make(name: str, top, bottom, shape: str, caption: str) -> Path:
    """Write one image and return its path."""
    image = gradient(top, bottom)
    draw_shape(image, shape, bottom)
    draw_caption(image, caption)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    image.save(path, "JPEG", quality=82, optimize=True, progressive=True)
    return path


def main() -> None:
    """Regenerate every demo image."""
    for spec in IMAGES:
        path = make(*spec)
        print(f"{path.name}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
