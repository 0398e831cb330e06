"""Traditional characters in simplified copy (`script.mixed`, an error; a wholly traditional
text is one `script.traditional` warning), found with OpenCC; the names of the site's
people and 来源 are excepted. Registered into `editor.content.checks` (stage `article`)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any, ClassVar

from editor.content.checks import ARTICLE, ERROR, WARNING, CheckContext, Finding, registered
from editor.content.copy_checks import _excerpt, _finding, _texts
from editor.i18n import tr

_converter_lock = threading.Lock()
_converters: dict[str, Any] = {}
TRADITIONAL_SHARE = 0.5  # above this share of convertible characters, the text is traditional


def _convert(config: str, text: str) -> str:
    with _converter_lock:
        converter = _converters.get(config)
        if converter is None:
            import opencc

            converter = _converters[config] = opencc.OpenCC(config)
    return converter.convert(text)


def to_simplified(text: str) -> str:
    """`text` in simplified characters (OpenCC t2s, loaded once)."""
    return _convert("t2s", text)


def traditional_share(text: str, traditional: int) -> float:
    """The share of traditional characters among the characters whose two forms differ."""
    as_traditional = _convert("s2t", text)
    if len(as_traditional) != len(text):
        as_traditional = "".join(_convert("s2t", char) for char in text)
    simplified = sum(1 for a, b in zip(text, as_traditional, strict=True) if a != b)
    return traditional / max(1, traditional + simplified)


def traditional_positions(text: str) -> list[tuple[int, str, str]]:
    """(offset, character, simplified form) of every traditional character in `text`."""
    simplified = to_simplified(text)
    if len(simplified) != len(text):  # a phrase conversion changed the length: by character
        simplified = "".join(to_simplified(char) for char in text)
    return [
        (offset, char, simple)
        for offset, (char, simple) in enumerate(zip(text, simplified, strict=True))
        if char != simple
    ]


@registered
class ScriptCheck:
    """Traditional characters inside simplified copy (names of people and 来源 excepted)."""

    rule = "script"
    stages: ClassVar[frozenset[str]] = frozenset({ARTICLE})

    def run(self, context: CheckContext) -> Iterator[Finding]:
        from editor.store.models import Person, Source

        names = [n for (n,) in Person.select(Person.name).tuples()]
        names += [n for (n,) in Source.select(Source.name).tuples()]
        for article, field, text in _texts(context):
            found = traditional_positions(text)
            if not found:
                continue
            shielded = set()
            for name in names:
                if name and name in text and to_simplified(name) != name:
                    start = text.find(name)
                    while start >= 0:
                        shielded.update(range(start, start + len(name)))
                        start = text.find(name, start + 1)
            found = [hit for hit in found if hit[0] not in shielded]
            if found and traditional_share(text, len(found)) > TRADITIONAL_SHARE:
                yield _finding(
                    "script.traditional",
                    WARNING,
                    tr("The text is in traditional characters; the site publishes simplified."),
                    article,
                    field,
                    excerpt=text[:20],
                    offset=found[0][0],
                    suggestion=to_simplified(text[:200]),
                )
                continue
            for offset, char, simple in found:
                yield _finding(
                    "script.mixed",
                    ERROR,
                    tr(
                        "Traditional “{char}” in simplified text; write “{simple}”.",
                        char=char,
                        simple=simple,
                    ),
                    article,
                    field,
                    excerpt=_excerpt(text, offset, offset + 1),
                    offset=offset,
                    matched=char,
                    suggestion=simple,
                )
