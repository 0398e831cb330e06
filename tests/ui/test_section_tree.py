"""The section tree model and view: structure, rename, drag and drop, context actions."""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QMimeData, Qt

from editor.ui.section_tree import (
    ARTICLES_MIME,
    ROOT_ID,
    SECTION_MIME,
    ArticleCountRole,
    SectionTreeModel,
)


def _model(ws) -> SectionTreeModel:
    model = SectionTreeModel()
    model.reload(ws.site.get().name, ws.sections.tree(), ws.sections.article_counts())
    return model


def test_model_passes_qtmodeltester(qapp, qtmodeltester, ui_workspace):
    qtmodeltester.check(_model(ui_workspace))


def test_root_holds_top_level_sections_with_counts(ui_workspace):
    model = _model(ui_workspace)
    root = model.index(0, 0)
    tree = ui_workspace.sections.tree()
    assert model.rowCount(root) == len(tree.roots)
    assert model.data(root, ArticleCountRole) == ui_workspace.summary()["articles"]
    first = model.index(0, 0, root)
    assert model.data(first, Qt.ItemDataRole.EditRole) == tree.roots[0].name
    huashang = model.index_of(tree.resolve("华商走世界").id)
    counts = ui_workspace.sections.article_counts()
    expected = sum(counts.get(i, 0) for i in tree.descendant_ids(tree.resolve("华商走世界").id))
    assert model.data(huashang, ArticleCountRole) == expected
    assert f"({expected})" in model.data(huashang)
    child = model.index_of(tree.resolve("华商走世界/川商走世界").id)
    assert model.parent(child) == huashang


def test_rename_by_editing_asks_for_it(qtbot, ui_workspace):
    model = _model(ui_workspace)
    section = ui_workspace.sections.tree().roots[1]
    with qtbot.waitSignal(model.sectionRenameRequested) as blocker:
        assert model.setData(model.index_of(section.id), "新名字")
    assert blocker.args == [section.id, "新名字"]


def _section_mime(*ids) -> QMimeData:
    mime = QMimeData()
    mime.setData(SECTION_MIME, QByteArray(json.dumps(list(ids)).encode()))
    return mime


def test_drop_asks_to_move_and_refuses_cycles(qtbot, ui_workspace):
    model = _model(ui_workspace)
    tree = ui_workspace.sections.tree()
    parent = tree.resolve("华商走世界")
    child = tree.resolve("华商走世界/川商走世界")
    culture = tree.resolve("文旅")
    mime = model.mimeData([model.index_of(parent.id)])
    assert not model.canDropMimeData(
        mime, Qt.DropAction.MoveAction, -1, 0, model.index_of(child.id)
    )
    with qtbot.waitSignal(model.sectionMoveRequested) as blocker:
        model.dropMimeData(
            _section_mime(child.id), Qt.DropAction.MoveAction, 0, 0, model.index_of(culture.id)
        )
    assert blocker.args == [child.id, culture.id, 0]
    with qtbot.waitSignal(model.sectionMoveRequested) as blocker:  # to the top level, last
        model.dropMimeData(
            _section_mime(child.id), Qt.DropAction.MoveAction, -1, 0, model.index(0, 0)
        )
    assert blocker.args == [child.id, ROOT_ID, len(tree.roots)]


def test_dropping_articles_on_a_section(qtbot, ui_workspace):
    model = _model(ui_workspace)
    section = ui_workspace.sections.tree().resolve("文旅")
    mime = QMimeData()
    mime.setData(ARTICLES_MIME, QByteArray(b"[1, 2]"))
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, model.index(0, 0))
    with qtbot.waitSignal(model.articlesMoveRequested) as blocker:
        model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, model.index_of(section.id))
    assert blocker.args == [[1, 2], section.id]


def test_window_moves_renames_adds_and_deletes_sections(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    ws = window.workspace
    tree = ws.sections.tree()
    child = tree.resolve("华商走世界/川商走世界")
    culture = tree.resolve("文旅")
    window.tree_model.sectionMoveRequested.emit(child.id, culture.id, 0)
    model = window.tree_model
    qtbot.waitUntil(lambda: model.index_of(child.id).parent() == model.index_of(culture.id))
    assert ws.sections.tree().get(child.id).path == "文旅/川商走世界"

    window.tree_model.setData(window.tree_model.index_of(culture.id), "文化旅游")
    qtbot.waitUntil(lambda: ws.sections.tree().get(culture.id).name == "文化旅游")

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("新栏目", True))
    window.add_section(ROOT_ID)
    added = ws.sections.tree().resolve("新栏目")
    assert window.tree.current_section() == added.id

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.delete_section(added.id)
    assert "新栏目" not in ws.sections.tree().by_path


def test_selecting_a_section_filters_the_list(qtbot, window):
    ws = window.workspace
    section = ws.sections.tree().resolve("华商走世界")
    window.tree.select_section(section.id)
    from editor.content.articles import ArticleQuery

    assert window.articles.model.total() == ws.articles.count(ArticleQuery(section=section.id))
    window.tree.select_section(ROOT_ID)
    assert window.articles.model.total() == ws.summary()["articles"]


def test_dragging_a_section_up_among_its_siblings(qtbot, window):
    ws = window.workspace
    parent = ws.sections.tree().resolve("中国故事")
    children = [c.id for c in parent.children]
    last = children[-1]
    model = window.tree_model
    model.dropMimeData(
        model.mimeData([model.index_of(last)]),
        Qt.DropAction.MoveAction,
        0,
        0,
        model.index_of(parent.id),
    )
    qtbot.waitUntil(lambda: [c.id for c in ws.sections.tree().get(parent.id).children][0] == last)
    assert [c.id for c in ws.sections.tree().get(parent.id).children] == [last, *children[:-1]]
    first = children[0]
    model.dropMimeData(
        model.mimeData([model.index_of(first)]),
        Qt.DropAction.MoveAction,
        len(children),
        0,
        model.index_of(parent.id),
    )  # to the end
    qtbot.waitUntil(lambda: [c.id for c in ws.sections.tree().get(parent.id).children][-1] == first)
