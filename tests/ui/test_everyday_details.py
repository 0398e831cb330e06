"""Small things an editor meets every day: publishing acts on the selection and asks for
many, 放弃修改 asks, deleting a section says what happens to its articles, no third section
level, search hits marked in the list, the zip choice kept, help beyond About, and a check
that names missing system libraries before the window opens."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from editor.i18n import LANGUAGE_ENV
from editor.ui.section_tree import ROOT_ID


def _answer(monkeypatch, answers, seen):
    def box(*args, **kwargs):
        seen.append(args[2])
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", box)
    monkeypatch.setattr(QMessageBox, "information", box)
    monkeypatch.setattr(QMessageBox, "warning", box)


def test_publish_revert_and_sections(qtbot, window, monkeypatch):
    ws = window.workspace
    seen: list[str] = []
    Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    drafts = [row.id for row in ws.articles.list() if row.status == "draft"]
    window.open_article(drafts[0])
    window.articles.table.clearSelection()
    _answer(monkeypatch, [QMessageBox.StandardButton.Ok], seen)
    window.actions["publish"].trigger()  # nothing selected: said, the open article untouched
    assert "没有选中的文章" in seen[-1]
    assert ws.articles.get(drafts[0]).status == "draft"

    window.articles.table.selectAll()
    total = len(window.articles.selected_ids())
    before = {row.id: row.status for row in ws.articles.list()}
    _answer(monkeypatch, [No], seen)
    window.actions["publish"].trigger()  # many: asked first, and No publishes nothing
    assert f"发布所选的 {total} 篇文章" in seen[-1]
    assert {row.id: row.status for row in ws.articles.list()} == before

    window.open_article(drafts[0])
    window.editor.title.setText("改过的标题")
    _answer(monkeypatch, [No], seen)
    window.actions["revert"].trigger()
    assert "放弃对“改过的标题”的修改" in seen[-1] and window.editor.is_dirty
    _answer(monkeypatch, [Yes], seen)
    window.actions["revert"].trigger()
    assert not window.editor.is_dirty and window.editor.title.text() != "改过的标题"

    tree = ws.sections.tree()
    counts = ws.sections.article_counts()

    def held_in(node):
        return sum(counts.get(sid, 0) for sid in tree.descendant_ids(node.id))

    top = next(n for n in tree.roots if n.children and held_in(n))
    child = top.children[0]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("第三级", True))
    _answer(monkeypatch, [QMessageBox.StandardButton.Ok], seen)
    monkeypatch.setenv(LANGUAGE_ENV, "zh_CN")  # service messages in the UI language
    window.add_section(child.id)
    monkeypatch.delenv(LANGUAGE_ENV)
    assert "栏目只有两级" in seen[-1]
    assert "第三级" not in [n.name for n in ws.sections.tree()]

    held = held_in(top)
    target = next(n.path for n in tree if n.id not in tree.descendant_ids(top.id))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (target, True))
    _answer(monkeypatch, [No], seen)
    window.delete_section(top.id)
    assert f"{held} 篇文章将移到“{target}”" in seen[-1]
    assert f"{len(top.children)} 个子栏目" in seen[-1]
    assert top.id in ws.sections.tree().nodes  # No kept it


def test_search_hits_zip_choice_help_and_runtime_check(qtbot, window, tmp_path):
    from editor.runtime_check import missing_libraries
    from editor.ui.dialogs.export_dialog import ExportDialog
    from editor.ui.dialogs.help_dialogs import ShortcutsDialog, UserGuideDialog
    from editor.ui.highlight import HIT_COLOUR

    window.tree.select_section(ROOT_ID)
    window.articles.search.setText("茶馆")
    window.articles._apply_search()
    model = window.articles.model
    assert model.total() >= 1
    title_column = 0
    index = model.index(0, title_column)
    delegate = window.articles.table.itemDelegateForColumn(title_column)
    assert f'background-color:{HIT_COLOUR}">茶馆</span>' in delegate.html(index)

    ws = window.workspace
    first = ExportDialog(ws, window)
    qtbot.addWidget(first)
    assert not first.zip_check.isChecked()
    first.zip_check.setChecked(True)
    second = ExportDialog(ws, window)
    qtbot.addWidget(second)
    assert second.zip_check.isChecked()  # remembered

    help_menu = window.menuBar().actions()[-1].menu()
    assert [a.text() for a in help_menu.actions() if a.text()] == [
        "使用指南",
        "键盘快捷键",
        "关于编辑台",
    ]
    guide = UserGuideDialog(window)
    qtbot.addWidget(guide)
    assert guide.titles.count() >= 5
    assert "编辑台" in guide.page.toPlainText()
    keys = ShortcutsDialog(list(window.actions.values()), window)
    qtbot.addWidget(keys)
    rows = {
        keys.table.item(r, 0).text(): keys.table.item(r, 1).text()
        for r in range(keys.table.rowCount())
    }
    assert rows["保存文章"] == "Ctrl+S"

    assert missing_libraries({"c": "libc6", "no-such-library-xyz": "libnone0"}) == {
        "no-such-library-xyz": "libnone0"
    }
