"""Messages of the Qt-free layers go through the catalog: every template has a Chinese entry
with the same placeholders, no error is raised with a bare f-string, and the language follows
set_language and NEWSDESK_LANG."""

from __future__ import annotations

import ast
import builtins
import json
import string
from pathlib import Path

import pytest

from editor import i18n
from editor.config import resource
from editor.errors import ConflictError, ConflictInfo, SectionNotFoundError, ValidationError

PACKAGE = Path(__file__).resolve().parent.parent / "editor"
CATALOG = resource("translations", "messages_zh_CN.json")
# The layers whose user-facing messages must go through editor.i18n.tr. The content modules
# catalog.py (export catalog, no messages) and demo.py (demo data) are not message sources.
MESSAGE_SOURCES = ("errors.py", "cli/", "store/", "content/", "ingest/", "publish/")
NOT_MESSAGE_SOURCES = ("content/catalog.py", "content/demo.py")


def _modules(prefixes: tuple[str, ...], skip: tuple[str, ...] = ()):
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(prefixes) and relative not in skip:
            yield relative, ast.parse(path.read_text(encoding="utf-8"))


def _tr_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr":
            yield node


def _templates() -> dict[str, str]:
    """Every literal template passed to tr() in the message sources, with where it is."""
    found: dict[str, str] = {}
    for name, tree in _modules(MESSAGE_SOURCES, NOT_MESSAGE_SOURCES):
        for call in _tr_calls(tree):
            first = call.args[0] if call.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.setdefault(first.value, f"{name}:{call.lineno}")
    return found


def _placeholders(template: str) -> set[str]:
    names = set()
    for _, field, _, _ in string.Formatter().parse(template):
        if field is not None:
            names.add(field.split(".")[0].split("[")[0])
    return names


def _catalog() -> dict[str, str]:
    return json.loads(CATALOG.read_text(encoding="utf-8"))


@pytest.fixture
def language_reset(monkeypatch):
    """No language from the environment; the explicit choice is undone afterwards."""
    for name in (i18n.LANGUAGE_ENV, *i18n.LOCALE_ENVS):
        monkeypatch.delenv(name, raising=False)
    yield
    i18n.set_language(None)


def test_the_sources_use_the_catalog():
    templates = _templates()
    assert len(templates) > 100  # the walk really found the messages
    assert "No article with id {article_id}." in templates


def test_every_tr_call_has_a_literal_template():
    offenders = []
    for name, tree in _modules(MESSAGE_SOURCES, NOT_MESSAGE_SOURCES):
        for call in _tr_calls(tree):
            first = call.args[0] if call.args else None
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                offenders.append(f"{name}:{call.lineno}")
    assert offenders == []


def test_every_template_has_a_chinese_entry():
    catalog = _catalog()
    missing = [f"{where}: {text}" for text, where in _templates().items() if text not in catalog]
    assert missing == []


def test_catalog_placeholders_match_their_templates():
    catalog = _catalog()
    wrong = [
        template
        for template, chinese in catalog.items()
        if _placeholders(template) != _placeholders(chinese)
    ]
    assert wrong == []
    assert all(chinese.strip() and chinese != template for template, chinese in catalog.items())


def test_templates_format_with_their_own_placeholders():
    templates = _templates()
    assert len(templates) > 100
    broken = []
    for template in templates:
        names = _placeholders(template)
        try:
            filled = template.format(**{name: f"«{name}»" for name in names})
        except ValueError:  # a numeric format such as {seconds:.2f}
            filled = template.format(**dict.fromkeys(names, 1.0))
            names = set()
        except (KeyError, IndexError):
            broken.append(template)
            continue
        if any(f"«{name}»" not in filled for name in names):
            broken.append(template)
    assert broken == []


def test_catalog_has_no_stale_entries():
    used = set()
    for _, tree in _modules(("",), ("ui/",)):
        used.update(
            call.args[0].value
            for call in _tr_calls(tree)
            if call.args and isinstance(call.args[0], ast.Constant)
        )
    assert sorted(set(_catalog()) - used) == []


def _raised_fstrings(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            name = getattr(node.exc.func, "id", getattr(node.exc.func, "attr", ""))
            if isinstance(getattr(builtins, name, None), type):
                continue  # ValueError and friends mark bugs, not messages for the user
            for arg in [*node.exc.args, *(k.value for k in node.exc.keywords)]:
                if isinstance(arg, ast.JoinedStr):
                    yield node.lineno
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "append"
            and isinstance(node.func.value, ast.Attribute)
            and node.func.value.attr == "warnings"
            and any(isinstance(arg, (ast.JoinedStr, ast.Constant)) for arg in node.args)
        ):
            yield node.lineno


def test_no_error_or_warning_skips_the_catalog():
    offenders = [
        f"{name}:{line}"
        for name, tree in _modules(MESSAGE_SOURCES, NOT_MESSAGE_SOURCES)
        for line in _raised_fstrings(tree)
    ]
    assert offenders == []


def test_validation_error_follows_the_chosen_language(language_reset, workspace):
    i18n.set_language("zh_CN")
    with pytest.raises(ValidationError) as caught:
        workspace.sections.create("")
    assert caught.value.message == "栏目需要名称。"
    i18n.set_language("en")
    with pytest.raises(ValidationError) as caught:
        workspace.sections.create("")
    assert caught.value.message == "A section needs a name."


def test_messages_fill_in_their_values(language_reset):
    i18n.set_language("zh_CN")
    error = SectionNotFoundError("华商走世界/川商", ["华商走世界/川商走世界", "华商走世界"])
    assert (
        str(error)
        == "没有名为“华商走世界/川商”的栏目。您是不是要找：华商走世界/川商走世界、华商走世界？"
    )
    conflict = ConflictError(ConflictInfo(7, 3, "王编辑", None))
    assert "文章 7" in conflict.message and "王编辑" in conflict.message
    assert "草稿" in conflict.message and "版本 3" in conflict.message
    i18n.set_language("en")
    assert str(SectionNotFoundError("a/b", [])) == "No section named “a/b”."


def test_the_language_comes_from_the_environment(language_reset, monkeypatch):
    assert i18n.language() == "en"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.language() == "zh_CN"
    i18n.set_language("en")  # the GUI's choice beats the locale
    assert i18n.language() == "en"
    monkeypatch.setenv("NEWSDESK_LANG", "zh_CN")  # and NEWSDESK_LANG beats both
    assert i18n.language() == "zh_CN"
    monkeypatch.setenv("NEWSDESK_LANG", "en")
    assert i18n.tr("No file {path}.", path="a.txt") == "No file a.txt."
    monkeypatch.setenv("NEWSDESK_LANG", "zh_CN")
    assert i18n.tr("No file {path}.", path="a.txt") == "没有文件 a.txt。"
    assert i18n.tr("A template nobody translated: {n}", n=1) == "A template nobody translated: 1"


def test_a_broken_translation_falls_back_to_english(language_reset, monkeypatch):
    i18n.set_language("zh_CN")
    monkeypatch.setitem(i18n.catalog("zh_CN"), "Broken {name}.", "坏了 {other}。")
    assert i18n.tr("Broken {name}.", name="x") == "Broken x."


def test_the_command_line_prints_chinese_errors_when_asked(
    language_reset, monkeypatch, tmp_path, capsys
):
    from editor.cli import main

    missing = tmp_path / "nowhere.newsdesk"
    assert main(["--db", str(missing), "sections"]) == 1
    english = capsys.readouterr().err
    assert english.startswith("newsdesk: No Newsdesk site at")

    monkeypatch.setenv("NEWSDESK_LANG", "zh_CN")
    assert main(["--db", str(missing), "sections"]) == 1
    chinese = capsys.readouterr().err
    assert chinese.startswith("newsdesk: ") and "没有 Newsdesk 站点" in chinese
    assert str(missing) in chinese

    site = tmp_path / "site.newsdesk"
    assert main(["--db", str(site), "init"]) == 0
    assert "创建新站点（0 个栏目，0 篇文章）" in capsys.readouterr().out
    assert main(["--db", str(site), "show", "999"]) == 1
    assert capsys.readouterr().err == "newsdesk: 没有编号为 999 的文章。\n"
    assert main(["--db", str(site), "articles", "--limit", "0"]) == 2
    assert "--limit: 须为 1 到 100000 之间的整数" in capsys.readouterr().err


def test_the_ui_language_also_sets_the_message_language(
    language_reset, request, workspace, tmp_path
):
    pytest.importorskip("PySide6")
    import PySide6.QtWebEngineWidgets  # noqa: F401  (before any QApplication)

    request.getfixturevalue("qapp")
    from editor.ui.i18n import install_language

    manuscript = tmp_path / "稿件.txt"
    manuscript.write_text("成都举办川商大会\n\n来自各地的川商齐聚成都,共商合作发展。\n", "utf-8")
    try:
        install_language("zh_CN")
        assert i18n.language() == "zh_CN"
        assert "文本中没有找到发布时间。" in workspace.importer.extract(str(manuscript)).warnings
        install_language("en")
        assert i18n.language() == "en"
        assert (
            "No publish time found in the text."
            in workspace.importer.extract(str(manuscript)).warnings
        )
    finally:
        install_language("zh_CN")
