"""发布到网站 in the GUI: add a target, the dry-run list before the first publish, publishing
with progress, history and releases, rollback, and cancel."""

from __future__ import annotations

import os
import threading

from PySide6.QtWidgets import QMessageBox


def _add_target(dialog, root, mode_index=0):
    from editor.ui.dialogs.target_dialog import AddTargetDialog

    adder = AddTargetDialog(dialog.host, dialog)
    adder.name.setText("正式站")
    adder.url.setText(f"file://{root}")
    adder.mode.setCurrentIndex(mode_index)
    adder.accept()
    assert adder.added is not None, adder.error.text()
    dialog.load_targets(adder.added.name)


def _edit(workspace):
    from editor.content.articles import ArticleQuery

    article = workspace.articles.list(ArticleQuery(status="published", limit=1))[0]
    fields = workspace.articles.fields_of(article.id)
    with workspace.edit():
        workspace.articles.update(
            article.id, {**fields, "body": fields["body"] + "\n\n改动。"}, fields["version"]
        )


def test_publish_from_the_dialog_with_a_first_dry_run_history_and_rollback(
    qtbot, ui_workspace, tmp_path, monkeypatch
):
    from editor.ui.dialogs.publish_dialog import PublishDialog

    dialog = PublishDialog(ui_workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.publish_button.isEnabled()
    assert "还没有发布目标" in dialog.target_info.text()
    root = tmp_path / "www"
    _add_target(dialog, root)
    assert dialog.current_name() == "正式站" and "file://" in dialog.target_info.text()
    phases = []
    dialog.publish()  # the first publish: a dry run and the list to confirm
    dialog.worker.progressed.connect(lambda *args: phases.append(args[2]))
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60000)
    assert dialog.confirm_button.isVisible() and dialog.plan.count() > 50
    assert dialog.plan.item(dialog.plan.count() - 1).text() == "+ manifest.json"
    assert not (root / "current").exists()  # nothing sent by the dry run
    dialog.confirm_button.click()
    dialog.worker.progressed.connect(lambda *args: phases.append(args[2]))
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60000)
    assert "发布完成" in dialog.phase.text(), dialog.phase.text()
    assert "uploading" in phases and "switching" in phases
    assert (root / "current" / "index.html").is_file()
    assert "已发送" in dialog.bytes_label.text()
    qtbot.waitUntil(lambda: dialog.releases.rowCount() == 1, timeout=20000)
    first = dialog.releases.item(0, 0).text()
    assert dialog.history.rowCount() == 2  # the dry run and the publish
    _edit(ui_workspace)
    dialog.publish()  # not the first any more: publishes at once
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60000)
    assert not dialog.confirm_button.isVisible()
    assert "发布完成" in dialog.phase.text()
    qtbot.waitUntil(lambda: dialog.releases.rowCount() == 2, timeout=20000)
    assert dialog.releases.item(0, 4).text() and not dialog.releases.item(1, 4).text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.releases.selectRow(1)
    dialog.rollback()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60000)
    assert "已回滚" in dialog.phase.text(), dialog.phase.text()
    assert os.readlink(root / "current") == f"releases/{first}"
    assert dialog.history.item(0, 1).text() == "回滚"


def test_a_publish_can_be_cancelled_and_leaves_the_live_site_alone(
    qtbot, ui_workspace, tmp_path, monkeypatch
):
    from editor.publish.targets import transport
    from editor.ui.dialogs.publish_dialog import PublishDialog

    dialog = PublishDialog(ui_workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    root = tmp_path / "www"
    _add_target(dialog, root)
    started = threading.Event()
    original = transport.LocalTransport.write

    def slow_write(self, path, data):
        if path.endswith(".part"):
            started.set()
            dialog.worker.stop.wait(5)  # hold until the dialog cancels
        original(self, path, data)

    monkeypatch.setattr(transport.LocalTransport, "write", slow_write)
    dialog.start(dry_run=False)
    qtbot.waitUntil(started.is_set, timeout=60000)
    dialog.cancel()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60000)
    assert "已取消" in dialog.phase.text(), dialog.phase.text()
    assert not (root / "current").exists()
    assert dialog.history.item(0, 6).text().startswith("已取消")
