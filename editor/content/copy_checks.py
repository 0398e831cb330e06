"""Checks of an article's copy before it goes out (registered into `editor.content.checks`,
stage `article`: the editor after a save, `newsdesk check --article`, each submit and sign):

- `words.forbidden` / `words.cautioned`: the site's word lists (Aho-Corasick);
- `words.typo`: the 错别字 confusion list; a two-character hit counts only where the word
  segmenter (jieba) agrees it starts a word, so 既使 does not fire inside 既使用;
- punctuation per GB/T 15834-2011: `punct.halfwidth` (, ; : ? ! ( ) " next to Chinese;
  a warning, since much copy uses them), `punct.ellipsis` (`...`, `。。`), `punct.doubled`
  (，，), `punct.pairs` (unpaired “” 《》 （）; a quotation over several paragraphs opens
  each one and closes only in the last), `punct.ordinal` (1、 a warning);
- numbers per GB/T 15835-2011: `numbers.mixed` (二0二四), `numbers.range` (3-5% → 3%～5%);
- `title.period` (a title ending in 。), `title.length` (over the site's `review.title_max`,
  default 40 characters, a warning);
- `images.alt` (a picture without alt text, a warning), `images.missing` (a picture whose
  asset is not stored), `links.http` (an `http://` link, a warning);
- `script.mixed`: a traditional character in simplified copy (OpenCC; the names of the
  site's people and 来源 excepted); a wholly traditional text is one `script.traditional`
  warning;
- the fields an article names and its internal links: `editor.content.field_checks`.

Offsets are character offsets into the body (None for other fields); the body is read
through a view of the same length with the Markdown syntax blanked out.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from typing import Any, ClassVar

from editor.content.checks import ARTICLE, ERROR, WARNING, CheckContext, Finding, registered
from editor.content.text import CJK_IDEOGRAPHS
from editor.content.wordlists import WordListService
from editor.i18n import tr
from editor.store.models import Article, Asset, Site

CJK = CJK_IDEOGRAPHS
_CJK_CHAR = re.compile(f"[{CJK}]")
TITLE_MAX = 40
TITLE_MAX_KEY = "review.title_max"
SOURCES_KEY = "review.sources"
FIELDS = ("title", "subtitle", "summary", "body")

# ---- the body without its Markdown --------------------------------------------------------

_MARKUP = [
    re.compile(r"```.*?```", re.S),  # code
    re.compile(r"`[^`\n]*`"),
    re.compile(r"<[^>\n]+>"),  # HTML tags
    re.compile(r"^:::.*$", re.M),  # box fences
    re.compile(r"^\s{0,3}#{1,6}\s", re.M),  # headings
    re.compile(r"^\s{0,3}>\s?", re.M),  # quotes
    re.compile(r"^\s*[-*+]\s", re.M),  # list bullets
    re.compile(r"\*\*|__"),  # strong
]
_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(([^)\n]*)\)")
_BARE_URL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^\s<>()（）]+")


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def plain_view(body: str) -> str:
    """`body` with its Markdown syntax (links' targets, images, code, tags, heading marks)
    replaced by spaces: the same length, so offsets hold."""

    def link(match: re.Match) -> str:
        bang, text, _ = match.groups()
        keep = "" if bang else text
        return (
            " " * (len(bang) + 1) + keep + " " * (len(text) - len(keep) + 3 + len(match.group(3)))
        )

    text = _LINK.sub(link, body or "")
    text = _BARE_URL.sub(_blank, text)
    for pattern in _MARKUP:
        text = pattern.sub(_blank, text)
    return text


def _excerpt(text: str, start: int, end: int, around: int = 8) -> str:
    return text[max(0, start - around) : end + around].strip()


# ---- the word segmenter, loaded once -------------------------------------------------------

_segmenter_lock = threading.Lock()
_segmenter: Any = None


def segmenter() -> Any:
    """jieba's tokenizer, loaded on first use (about a second) and kept."""
    global _segmenter
    with _segmenter_lock:
        if _segmenter is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            _segmenter = tokenizer
    return _segmenter


def _word_starts(text: str) -> dict[int, int]:
    """The start offset of every word jieba cuts `text` into, with its end."""
    starts: dict[int, int] = {}
    position = 0
    for word in segmenter().cut(text, HMM=False):
        starts[position] = position + len(word)
        position += len(word)
    return starts


def _sentence_around(text: str, start: int, end: int) -> tuple[int, str]:
    """The stretch of text between punctuation around a hit, and where it starts."""
    left = start
    while left > 0 and _CJK_CHAR.match(text[left - 1]):
        left -= 1
    right = end
    while right < len(text) and _CJK_CHAR.match(text[right]):
        right += 1
    return left, text[left:right]


def on_word_boundary(text: str, start: int, end: int) -> bool:
    """Whether a hit at text[start:end] begins a word of the segmented sentence and does not
    end inside a word that began before it (既使 in 既使他: yes; in 既使用: no; 了望 in
    为了望见: no; in 了望台: yes)."""
    left, stretch = _sentence_around(text, start, end)
    starts = _word_starts(stretch)
    first, last = start - left, end - left
    if first not in starts:
        return False
    if last in starts or last == len(stretch):
        return True
    return starts[first] >= last  # the hit is the head of one longer word


# ---- the checks -------------------------------------------------------------------------


def _texts(context: CheckContext) -> Iterator[tuple[Article, str, str]]:
    """(article, field, text) for each checked field; the body as its plain view."""
    if context.articles is None:
        return
    query = Article.select().where(Article.id.in_(context.articles)).order_by(Article.id)
    for article in query:
        for field in FIELDS:
            value = getattr(article, field) or ""
            if value:
                yield article, field, plain_view(value) if field == "body" else value


def _finding(rule: str, level: str, message: str, article: Article, field: str, **where):
    labels = {"title": tr("Title"), "subtitle": tr("Subtitle"), "summary": tr("Summary")}
    prefix = "" if field == "body" else tr("{field}: ", field=labels[field])
    offset = where.get("offset") if field == "body" else None
    matched = where.get("matched", "")
    suggestion = where.get("suggestion", "")
    return Finding(
        rule,
        level,
        prefix + message,
        article=article.id,
        excerpt=where.get("excerpt", ""),
        offset=offset,
        suggestion=suggestion,
        field=field,
        start=where.get("offset"),
        matched=matched,
        fix=where.get("fix", suggestion if matched and suggestion else None),
    )


@registered
class WordListCheck:
    """Forbidden and cautioned words of the site's lists."""

    rule = "words"
    stages: ClassVar[frozenset[str]] = frozenset({ARTICLE})

    def run(self, context: CheckContext) -> Iterator[Finding]:
        matcher = WordListService().matcher(("forbidden", "cautioned"))
        for article, field, text in _texts(context):
            for hit in matcher.find(text):
                if hit.end - hit.start <= 2 and not on_word_boundary(text, hit.start, hit.end):
                    continue  # 回教 inside 回教室
                entry = hit.entry
                rule = "words.forbidden" if entry.kind == "forbidden" else "words.cautioned"
                note = f"（{entry.note}）" if entry.note else ""
                message = (
                    tr(
                        "“{word}” should be “{right}”{note}",
                        word=entry.word,
                        right=entry.replacement,
                        note=note,
                    )
                    if entry.replacement
                    else tr("“{word}”: use with care{note}", word=entry.word, note=note)
                )
                yield _finding(
                    rule,
                    entry.level,
                    message,
                    article,
                    field,
                    excerpt=_excerpt(text, hit.start, hit.end),
                    offset=hit.start,
                    matched=text[hit.start : hit.end],
                    suggestion=entry.replacement,
                )


@registered
class TypoCheck:
    """错别字 of the confusion list."""

    rule = "words.typo"
    stages: ClassVar[frozenset[str]] = frozenset({ARTICLE})

    def run(self, context: CheckContext) -> Iterator[Finding]:
        matcher = WordListService().matcher(("confusion",))
        for article, field, text in _texts(context):
            for hit in matcher.find(text):
                if hit.end - hit.start <= 2 and not on_word_boundary(text, hit.start, hit.end):
                    continue
                entry = hit.entry
                yield _finding(
                    self.rule,
                    entry.level,
                    tr(
                        "“{word}” is a misspelling of “{right}”.",
                        word=entry.word,
                        right=entry.replacement,
                    ),
                    article,
                    field,
                    excerpt=_excerpt(text, hit.start, hit.end),
                    offset=hit.start,
                    matched=text[hit.start : hit.end],
                    suggestion=entry.replacement,
                )


_HALF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_NEAR_CJK = re.compile(f"(?<=[{CJK}])[,;:?!()]|[,;:?!()](?=[{CJK}])")
_HALF_QUOTE = re.compile(f'(?<=[{CJK}，。：])"|"(?=[{CJK}])')
_ELLIPSIS = re.compile(r"\.{3,}|。{2,}")
_DOUBLED = re.compile(r"([，、；：！？])\1+")
_ORDINAL = re.compile(r"(?:(?<=^)|(?<=[\n\s（(]))(\d{1,2})、", re.M)
_PAIRS = (("“", "”"), ("《", "》"), ("（", "）"))


def _quote_for(text: str, offset: int) -> str:
    """The Chinese quotation mark a straight one at `offset` stands for: an opening one
    after an even number of straight quotes in its paragraph, a closing one after an odd."""
    start = max(text.rfind("\n\n", 0, offset), 0)
    return "“" if text.count('"', start, offset) % 2 == 0 else "”"


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    position = 0
    for part in re.split(r"(\n\s*\n)", text):
        if part.strip() and not re.fullmatch(r"\n\s*\n", part):
            yield position, part
        position += len(part)


@registered
class PunctuationCheck:
    """GB/T 15834-2011 in Chinese text."""

    rule = "punct"
    stages: ClassVar[frozenset[str]] = frozenset({ARTICLE})

    def run(self, context: CheckContext) -> Iterator[Finding]:
        for article, field, text in _texts(context):
            yield from self._marks(article, field, text)
            yield from self._pairs(article, field, text)

    def _marks(self, article: Article, field: str, text: str) -> Iterator[Finding]:
        for match in _HALF_NEAR_CJK.finditer(text):
            mark = match.group(0)
            yield _finding(
                "punct.halfwidth",
                WARNING,
                tr(
                    "Half-width “{mark}” in Chinese text; use “{full}”.",
                    mark=mark,
                    full=_HALF[mark],
                ),
                article,
                field,
                excerpt=_excerpt(text, match.start(), match.end()),
                offset=match.start(),
                matched=mark,
                suggestion=_HALF[mark],
            )
        for match in _HALF_QUOTE.finditer(text):
            yield _finding(
                "punct.halfwidth",
                WARNING,
                tr("Half-width quotation mark in Chinese text; use “ ”."),
                article,
                field,
                excerpt=_excerpt(text, match.start(), match.end()),
                offset=match.start(),
                matched='"',
                suggestion="“”",
                fix=_quote_for(text, match.start()),
            )
        for match in _ELLIPSIS.finditer(text):
            yield _finding(
                "punct.ellipsis",
                ERROR,
                tr("“{mark}” is not a Chinese ellipsis; use “……”.", mark=match.group(0)),
                article,
                field,
                excerpt=_excerpt(text, match.start(), match.end()),
                offset=match.start(),
                matched=match.group(0),
                suggestion="……",
            )
        for match in _DOUBLED.finditer(text):
            yield _finding(
                "punct.doubled",
                ERROR,
                tr("“{mark}” is doubled.", mark=match.group(0)),
                article,
                field,
                excerpt=_excerpt(text, match.start(), match.end()),
                offset=match.start(),
                matched=match.group(0),
                suggestion=match.group(1),
            )
        for match in _ORDINAL.finditer(text):
            yield _finding(
                "punct.ordinal",
                WARNING,
                tr(
                    "An Arabic ordinal takes a full stop: “{number}.”, not “{number}、”.",
                    number=match.group(1),
                ),
                article,
                field,
                excerpt=_excerpt(text, match.start(), match.end()),
                offset=match.start(),
                matched=match.group(0),
                suggestion=f"{match.group(1)}.",
            )

    def _pairs(self, article: Article, field: str, text: str) -> Iterator[Finding]:
        paragraphs = list(_paragraphs(text))
        for opening, closing in _PAIRS:
            carried = False  # a quotation still open from the paragraph before
            for index, (start, paragraph) in enumerate(paragraphs):
                depth = 0
                first_open = None
                for offset, char in enumerate(paragraph):
                    if char == opening:
                        depth += 1
                        first_open = start + offset if first_open is None else first_open
                    elif char == closing:
                        if depth == 0 and not carried:
                            yield self._unpaired(article, field, text, start + offset, char)
                        elif depth == 0:
                            carried = False
                        else:
                            depth -= 1
                if depth == 0:
                    carried = False
                    continue
                following = paragraphs[index + 1][1].lstrip() if index + 1 < len(paragraphs) else ""
                if opening == "“" and depth == 1 and following.startswith("“"):
                    carried = True  # the quotation goes on in the next paragraph
                    continue
                carried = False
                yield self._unpaired(article, field, text, first_open, opening)

    @staticmethod
    def _unpaired(article: Article, field: str, text: str, offset: int, mark: str) -> Finding:
        return _finding(
            "punct.pairs",
            ERROR,
            tr("“{mark}” has no partner in its paragraph.", mark=mark),
            article,
            field,
            excerpt=_excerpt(text, offset, offset + 1),
            offset=offset,
        )


_NUMERALS = "〇一二三四五六七八九"
_MIXED = re.compile(f"[{_NUMERALS}0-9]*(?:[{_NUMERALS}][0-9]|[0-9][{_NUMERALS}])[{_NUMERALS}0-9]*")
_RANGE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*[-~～—–]\s*(\d+(?:\.\d+)?)\s*%")


@registered
class NumberCheck:
    """GB/T 15835-2011 numbers."""

    rule = "numbers"
    stages: ClassVar[frozenset[str]] = frozenset({ARTICLE})

    def run(self, context: CheckContext) -> Iterator[Finding]:
        for article, field, text in _texts(context):
            for match in _MIXED.finditer(text):
                word = match.group(0)
                if len(word) < 3 or not re.search("[〇一二三四五六七八九]", word):
                    continue
                right = word.translate(str.maketrans("0123456789", _NUMERALS))
                yield _finding(
                    "numbers.mixed",
                    ERROR,
                    tr(
                        "“{word}” mixes Chinese and Arabic numerals; write “{right}”.",
                        word=word,
                        right=right,
                    ),
                    article,
                    field,
                    excerpt=_excerpt(text, match.start(), match.end()),
                    offset=match.start(),
                    matched=match.group(0),
                    suggestion=right,
                )
            for match in _RANGE.finditer(text):
                right = f"{match.group(1)}%～{match.group(2)}%"
                yield _finding(
                    "numbers.range",
                    ERROR,
                    tr("A range of percentages is written “{right}”.", right=right),
                    article,
                    field,
                    excerpt=_excerpt(text, match.start(), match.end()),
                    offset=match.start(),
                    matched=match.group(0),
                    suggestion=right,
                )


_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(([^)\s\n]+)")
_HTTP = re.compile(r"\]\((http://[^)\s]+)|(?<![\w/])(http://[^\s)<>]+)")


@registered
class LayoutCheck:
    """Title, pictures and links."""

    rule = "layout"
    stages: ClassVar[frozenset[str]] = frozenset({ARTICLE})

    def run(self, context: CheckContext) -> Iterator[Finding]:
        if context.articles is None:
            return
        site = Site.select(Site.settings).order_by(Site.id).first()
        limit = TITLE_MAX
        if site is not None:
            try:
                limit = int((site.settings or {}).get(TITLE_MAX_KEY) or TITLE_MAX)
            except (TypeError, ValueError):
                limit = TITLE_MAX
        for article in Article.select().where(Article.id.in_(context.articles)):
            title = (article.title or "").strip()
            if title.endswith("。"):
                yield _finding(
                    "title.period",
                    ERROR,
                    tr("A title does not end with “。”."),
                    article,
                    "title",
                    excerpt=title[-10:],
                    offset=len(title) - 1,
                    matched="。",
                    suggestion=title[:-1],
                    fix="",
                )
            if len(title) > limit:
                yield _finding(
                    "title.length",
                    WARNING,
                    tr(
                        "The title has {count} characters, more than {limit}.",
                        count=len(title),
                        limit=limit,
                    ),
                    article,
                    "title",
                    excerpt=title[:20],
                    offset=0,
                )
            body = article.body or ""
            for match in _IMAGE.finditer(body):
                alt, target = match.groups()
                if target.startswith("asset:"):
                    ref = target[len("asset:") :]
                    if not Asset.select().where(Asset.sha256.startswith(ref)).exists():
                        yield _finding(
                            "images.missing",
                            ERROR,
                            tr("A picture refers to {ref}, which is not stored.", ref=target),
                            article,
                            "body",
                            excerpt=match.group(0)[:40],
                            offset=match.start(),
                        )
                if not alt.strip():
                    yield _finding(
                        "images.alt",
                        WARNING,
                        tr("A picture has no alt text (for readers who cannot see it)."),
                        article,
                        "body",
                        excerpt=match.group(0)[:40],
                        offset=match.start(),
                    )
            for match in _HTTP.finditer(body):
                url = match.group(1) or match.group(2)
                where = match.start(1) if match.group(1) else match.start(2)
                yield _finding(
                    "links.http",
                    WARNING,
                    tr("An unencrypted http:// link: {url}", url=url),
                    article,
                    "body",
                    excerpt=url[:60],
                    offset=where,
                    matched="http://",
                    suggestion="https://" + url[len("http://") :],
                    fix="https://",
                )
