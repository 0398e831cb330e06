"""Bounded inputs: a Word package that unpacks to far more than it weighs, or keeps the
parser busy, fails with a reason; a front matter that is never closed or not a mapping is
refused instead of becoming the body; `title: [a, b]` is a warning, printed by the CLI."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from editor.cli import main
from editor.errors import ValidationError
from editor.ingest import docx_file
from editor.ingest.reader import Reader
from tests.ingest.helpers import docx_bytes, png_bytes

PARAGRAPH = "<w:p><w:r><w:t>正文段落内容，一遍又一遍。</w:t></w:r></w:p>"


def _docx_with_document(write_document) -> bytes:
    """The small manuscript of the helpers with word/document.xml written by the caller."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes(png_bytes())))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                head, tail = source.read(info.filename).decode().split("<w:body>")
                with package.open("word/document.xml", "w", force_zip64=True) as part:
                    part.write(f"{head}<w:body>".encode())
                    write_document(part)
                    part.write(tail.encode())
            else:
                package.writestr(info.filename, source.read(info.filename))
    return buffer.getvalue()


def test_a_docx_that_unpacks_to_hundreds_of_megabytes_is_refused_before_parsing():
    chunk = (PARAGRAPH * 1000).encode()

    def bomb(part):
        for _ in range(150 * 1024 * 1024 // len(chunk)):
            part.write(chunk)

    data = _docx_with_document(bomb)
    assert len(data) < 2 * 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        Reader().read_bytes(data, "bomb.docx", "bomb.docx")
    assert "unpacks to 150 MB" in refused.value.message


def test_a_docx_with_too_many_elements_is_refused():
    def many(part):
        part.write((PARAGRAPH * (docx_file.MAX_ELEMENTS // 3 + 10)).encode())

    with pytest.raises(ValidationError) as refused:
        Reader().read_bytes(_docx_with_document(many), "many.docx", "many.docx")
    assert "XML elements" in refused.value.message


def test_a_docx_declaring_entities_is_refused():
    source = zipfile.ZipFile(io.BytesIO(docx_bytes(png_bytes())))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "word/document.xml":
                body = body.replace(
                    b"?>", b'?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>', 1
                )
            package.writestr(info.filename, body)
    with pytest.raises(ValidationError) as refused:
        Reader().read_bytes(buffer.getvalue(), "x.docx", "x.docx")
    assert "entities" in refused.value.message


def test_a_conversion_past_its_deadline_is_stopped(monkeypatch):
    import mammoth

    def stalls(*args, **kwargs):
        while True:
            pass

    monkeypatch.setattr(mammoth, "convert_to_html", stalls)
    monkeypatch.setattr(docx_file, "PARSE_SECONDS", 0.2)
    with pytest.raises(ValidationError) as stopped:
        Reader().read_bytes(docx_bytes(png_bytes()), "a.docx", "a.docx")
    assert "took longer than 0.2 seconds" in stopped.value.message


def test_an_ordinary_manuscript_still_imports():
    article = Reader().read_bytes(docx_bytes(png_bytes()), "稿件.docx", "稿件.docx")
    assert article.fields["title"] == "川商走世界：一篇Word稿件"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("---\ntitle: 没有结束的前置信息\ndate: 2024-01-02\n\n正文第一段。\n", "never closed"),
        ("---\n- 第一项\n- 第二项\n---\n正文第一段。\n", "is a list"),
    ],
)
def test_a_broken_front_matter_is_refused_not_imported_as_body(text, words):
    with pytest.raises(ValidationError) as refused:
        Reader().read_bytes(text.encode(), "note.md", "note.md")
    assert words in refused.value.message


def test_a_leading_rule_is_no_front_matter():
    article = Reader().read_bytes("---\n\n正文第一段。\n".encode(), "note.md", "note.md")
    assert article.fields["body"] == "---\n\n正文第一段。\n"


def test_a_list_title_is_a_warning_and_the_cli_prints_it(tmp_path, capsys):
    path = tmp_path / "稿件.md"
    path.write_text("---\ntitle: [a, b]\ndate: 2024-01-02\n---\n正文第一段。\n", encoding="utf-8")
    article = Reader().read_path(path)
    assert article.fields["title"] == "稿件"
    assert any("“title” in the front matter is not text" in w for w in article.warnings)
    site = str(tmp_path / "site.newsdesk")
    assert main(["--db", site, "init"]) == 0
    capsys.readouterr()
    assert main(["--db", site, "import", str(path)]) == 0
    assert "! “title” in the front matter is not text but ['a', 'b']" in capsys.readouterr().out
    other = tmp_path / "另一篇.md"
    other.write_text("---\ntitle: {a: 1}\n---\n另一篇正文。\n", encoding="utf-8")
    assert main(["--db", site, "import", str(other), "--json"]) == 0
    (result,) = json.loads(capsys.readouterr().out)["results"]
    assert result["status"] == "imported"
    assert any("“title” in the front matter" in w for w in result["warnings"])
