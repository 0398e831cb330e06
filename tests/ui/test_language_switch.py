"""Switching the UI language keeps the open article and the expanded tree branches, and
asks about unsaved changes in the language the window still speaks."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


def test_language_switch_keeps_article_and_tree(qtbot, ui_site, monkeypatch):
    from editor.ui.app import Session, application
    from editor.ui.i18n import install_language

    session = Session(application())
    try:
        assert session.open(ui_site)
        window = session.window
        window.drafts_offered = True
        tree = window.workspace.sections.tree()
        parent = next(node for node in tree if node.parent_id is None and node.children)
        window.tree.expand(window.tree_model.index_of(parent.id))
        child = parent.children[0]
        window.tree.select_section(child.id)
        article_id = window.workspace.articles.list()[0].id
        window.open_article(article_id)
        window.editor.title.setText(window.editor.title.text() + "（改）")
        assert window.editor.is_dirty

        asked = []

        def question(parent_widget, title, text, *args, **kwargs):
            asked.append((title, text))
            return QMessageBox.StandardButton.Discard

        monkeypatch.setattr(QMessageBox, "question", question)
        session.change_language("en")
        assert asked and asked[0][0] == "未保存的修改"  # asked before the switch, in Chinese
        new = session.window
        assert new is not window
        new.drafts_offered = True
        assert new.menuBar().actions()[0].text() == "&File"
        assert new.editor.article_id == article_id
        assert not new.editor.is_dirty
        assert parent.id in new.tree.expanded_ids()
        assert new.tree.current_section() == child.id
    finally:
        install_language("zh_CN")
        if session.window is not None:
            session.window.editor.mark_clean()
            session.window.drafts_offered = True
        session.close()
