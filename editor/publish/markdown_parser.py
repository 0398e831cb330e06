"""Python-Markdown with the newsroom's extensions, the parser behind
`editor.publish.markdown.parse_markdown` (the conventions are described there): the side-note
box and captioned figures.

A module of its own so that Python-Markdown, xml.etree and Python-Markdown's HTML parser load
only when a body first needs parsing: the export of a site whose bodies are cached (or plain
prose, see `plain_paragraphs`) never loads them.
"""

from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as etree

import markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

EXTENSIONS = ["tables", "footnotes", "attr_list", "fenced_code", "sane_lists", "toc"]


class _BoxProcessor(BlockProcessor):
    """`:::box TITLE` … `:::` becomes `<aside class="news-box">` with a heading."""

    START = re.compile(r"^:::box(?:[ \t]+(?P<title>[^\n]*))?[ \t]*(?:\n|$)")

    def test(self, parent: etree.Element, block: str) -> bool:
        return bool(self.START.match(block))

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        first = blocks.pop(0)
        match = self.START.match(first)
        title = (match.group("title") or "").strip()
        rest = first[match.end() :]
        inner: list[str] = []
        pending = rest
        closed = False
        while True:
            lines = pending.split("\n")
            for index, line in enumerate(lines):
                if line.strip() == ":::":
                    inner.append("\n".join(lines[:index]))
                    after = "\n".join(lines[index + 1 :]).strip("\n")
                    if after:
                        blocks.insert(0, after)
                    closed = True
                    break
            if closed:
                break
            inner.append(pending)
            if not blocks:
                break
            pending = blocks.pop(0)
        box = etree.SubElement(parent, "aside")
        box.set("class", "news-box")
        if title:
            heading = etree.SubElement(box, "p")
            heading.set("class", "news-box-title")
            heading.text = title
        self.parser.parseChunk(box, "\n\n".join(part for part in inner if part is not None))
        return True


class _FigureProcessor(Treeprocessor):
    """A paragraph holding only an image becomes a figure (the paragraph's first-line indent
    would push the image off-centre and past the column); its title becomes the caption."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag != "p" or len(child) != 1 or (child.text or "").strip():
                    continue
                image = child[0]
                if image.tag != "img" or (image.tail or "").strip():
                    continue
                caption = image.get("title", "").strip()
                image.attrib.pop("title", None)
                image.tail = None
                figure = etree.Element("figure")
                figure.set("class", "figure")
                figure.append(image)
                if caption:
                    figcaption = etree.SubElement(figure, "figcaption")
                    figcaption.text = caption
                parent.remove(child)
                parent.insert(index, figure)


class NewsroomExtension(Extension):
    """The side-note box and captioned figures."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown API)
        md.parser.blockprocessors.register(_BoxProcessor(md.parser), "news_box", 105)
        md.treeprocessors.register(_FigureProcessor(md), "news_figure", 5)


_local = threading.local()


def converter() -> markdown.Markdown:
    """This thread's Python-Markdown with the newsroom extensions (made once a thread)."""
    parser = getattr(_local, "converter", None)
    if parser is None:
        parser = markdown.Markdown(
            extensions=[*EXTENSIONS, NewsroomExtension()],
            extension_configs={"toc": {"permalink": False}, "footnotes": {"BACKLINK_TEXT": "↩"}},
            output_format="html",
        )
        _local.converter = parser
    return parser
