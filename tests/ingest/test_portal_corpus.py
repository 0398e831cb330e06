"""Our own corpus of portal-template pages (tests/ingest/corpus): info bars with unlabelled
来源, trailing navigation links beside 责编 and titles, meta and JSON-LD evidence, pages stored
as GBK, GB18030, Big5 without a declaration, UTF-8 declared as gb2312 and GBK declared as
UTF-8. Every page's title, publish time, 来源 and 责编 must come out exactly as the table says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editor.ingest.reader import Reader

CORPUS = Path(__file__).resolve().parent / "corpus"
FIELDS = ("title", "publish_time", "source", "responsible_editor")
DECLARATION = re.compile(r"<meta[^>]*charset[^>]*>", re.I)


def _table() -> list[tuple[str, str, dict[str, str]]]:
    rows = []
    for line in (CORPUS / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, stored, title, when, source, editor = line.split("\t")
        rows.append((name, stored, dict(zip(FIELDS, (title, when, source, editor), strict=True))))
    return rows


ROWS = _table()


def stored_bytes(name: str, stored: str) -> bytes:
    """The page as the table says it is stored, made from its UTF-8 source."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    bare = DECLARATION.sub("", text)
    if stored == "utf-8":
        return text.encode("utf-8")
    if stored in ("gbk", "gb18030"):
        return bare.encode(stored)
    if stored == "big5":
        return bare.encode("big5hkscs")
    if stored == "utf8-declared-gb2312":
        return DECLARATION.sub('<meta charset="gb2312">', text).encode("utf-8")
    if stored == "gbk-declared-utf8":
        return text.encode("gbk")
    raise AssertionError(f"unknown storage {stored}")


def _read(name: str, stored: str) -> dict[str, str]:
    article = Reader().read_bytes(stored_bytes(name, stored), name, str(CORPUS / name))
    when = article.fields.get("publish_time")
    return {
        "title": article.fields.get("title") or "",
        "publish_time": when.strftime("%Y-%m-%d %H:%M") if when else "",
        "source": article.fields.get("source") or "",
        "responsible_editor": article.fields.get("responsible_editor") or "",
    }


def test_the_corpus_has_thirty_pages_and_every_storage():
    assert len(ROWS) >= 30
    assert {stored for _, stored, _ in ROWS} == {
        "utf-8",
        "gbk",
        "gb18030",
        "big5",
        "utf8-declared-gb2312",
        "gbk-declared-utf8",
    }


def test_field_accuracy_on_the_corpus_is_total():
    right = {field: 0 for field in FIELDS}
    wrong = []
    for name, stored, expected in ROWS:
        got = _read(name, stored)
        for field in FIELDS:
            if got[field] == expected[field]:
                right[field] += 1
            else:
                wrong.append(f"{name} ({stored}) {field}: {got[field]!r} != {expected[field]!r}")
    accuracy = {field: right[field] / len(ROWS) for field in FIELDS}
    print("field accuracy:", ", ".join(f"{f} {a:.1%}" for f, a in accuracy.items()))
    assert wrong == []
    assert all(a == 1.0 for a in accuracy.values())


@pytest.mark.parametrize("name", [name for name, _, _ in ROWS])
def test_every_page_reads_alike_in_every_chinese_encoding(name):
    """Each page, whatever the table stores it as, also reads the same from undeclared
    GB18030 (and Big5 where its text is representable) as from its UTF-8 source."""
    reference = _read(name, "utf-8")
    assert _read(name, "gb18030") == reference
    text = (CORPUS / name).read_text(encoding="utf-8")
    try:
        text.encode("big5hkscs")
    except UnicodeEncodeError:
        return
    assert _read(name, "big5") == reference


def test_bodies_hold_every_paragraph_and_nothing_else():
    """Body recall and precision against the pages' own paragraphs (by characters), and no
    warning: every page is a whole article."""
    found = expected_total = kept = kept_total = 0
    problems = []
    for name, stored, _ in ROWS:
        html = (CORPUS / name).read_text(encoding="utf-8")
        expected = re.findall(r"<p>([^<]{30,})</p>", html)
        article = Reader().read_bytes(stored_bytes(name, stored), name, name)
        got = [b.strip() for b in article.fields["body"].split("\n\n") if b.strip()]
        found += sum(len(p) for p in expected if p in got)
        expected_total += sum(len(p) for p in expected)
        kept += sum(len(b) for b in got if b in expected)
        kept_total += sum(len(b) for b in got)
        problems += [f"{name}: {w}" for w in article.warnings]
        problems += [f"{name}: extra {b!r}" for b in got if b not in expected]
    recall, precision = found / expected_total, kept / kept_total
    print(f"body recall {recall:.3f}, precision {precision:.3f}")
    assert problems == []
    assert recall == precision == 1.0
