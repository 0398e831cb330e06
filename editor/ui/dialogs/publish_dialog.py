"""发布到网站: publish the site to one of its targets, off the GUI thread, with the phase,
files and bytes as it runs and a cancel button; before a target's first publish, the list
of files it would send is shown for confirmation (a dry run). Below: the target's kept
releases (roll back to any in one action) and its publish history."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from editor.errors import NewsdeskError
from editor.ui.icons import icon
from editor.ui.tasks import BackgroundTask

if TYPE_CHECKING:
    from editor.content.targets import PublishEntry
    from editor.workspace import Workspace


def _size(value: int) -> str:
    for unit in ("B", "KB", "MB"):
        if value < 1024 or unit == "MB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return str(value)


def _cancel_errors() -> tuple:
    from editor.publish.export import ExportCancelled
    from editor.publish.targets.engine import PublishCancelled

    return (ExportCancelled, PublishCancelled)


class PublishDialog(QDialog):
    """Targets, publishing with progress and cancel, releases and rollback, history."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from editor.publish.targets.service import HostPublisher

        self.workspace = workspace
        self.host = HostPublisher(workspace)
        self.worker: BackgroundTask | None = None
        self.last_result: dict | None = None
        self.pending_files: list[str] = []
        self._after = None  # what to run once the running task has finished
        self._show_confirm = False
        self.setWindowTitle(self.tr("发布到网站"))
        self.setWindowIcon(icon("publish"))

        self.target = QComboBox(self)
        self.target.currentIndexChanged.connect(self.refresh)
        self.add_button = QPushButton(icon("add_section"), self.tr("添加目标…"), self)
        self.remove_button = QPushButton(self.tr("删除目标"), self)
        self.default_button = QPushButton(self.tr("设为默认"), self)
        self.test_button = QPushButton(self.tr("测试连接"), self)
        self.add_button.clicked.connect(self.add_target)
        self.remove_button.clicked.connect(self.remove_target)
        self.default_button.clicked.connect(self.make_default)
        self.test_button.clicked.connect(self.test_target)
        self.target_info = QLabel(self)
        self.target_info.setWordWrap(True)

        self.phase = QLabel(self.tr("准备就绪"), self)
        self.phase.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("%v / %m 个文件"))
        self.bytes_label = QLabel(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.plan_label = QLabel(self)
        self.plan_label.setWordWrap(True)
        self.plan = QListWidget(self)
        for widget in (self.plan_label, self.plan):
            widget.hide()

        self.releases = self._table(
            [self.tr("版本"), self.tr("时间"), self.tr("发布人"), self.tr("文件"), self.tr("当前")]
        )
        self.rollback_button = QPushButton(self.tr("回滚到所选版本"), self)
        self.rollback_button.clicked.connect(self.rollback)
        release_page = QWidget(self)
        release_layout = QVBoxLayout(release_page)
        release_layout.addWidget(self.releases)
        release_layout.addWidget(self.rollback_button)
        self.history = self._table(
            [
                self.tr("时间"),
                self.tr("操作"),
                self.tr("发布人"),
                self.tr("发送"),
                self.tr("字节"),
                self.tr("用时（秒）"),
                self.tr("结果"),
            ]
        )
        self.tabs = QTabWidget(self)
        self.tabs.addTab(release_page, self.tr("版本与回滚"))
        self.tabs.addTab(self.history, self.tr("发布记录"))

        self.dry_button = QPushButton(self.tr("预演（只列出文件）"), self)
        self.publish_button = QPushButton(icon("publish"), self.tr("发布"), self)
        self.publish_button.setDefault(True)
        self.confirm_button = QPushButton(self.tr("确认发布"), self)
        self.confirm_button.hide()
        self.cancel_button = QPushButton(self.tr("取消发布"), self)
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.dry_button.clicked.connect(lambda: self.start(dry_run=True))
        self.publish_button.clicked.connect(self.publish)
        self.confirm_button.clicked.connect(lambda: self.start(dry_run=False))
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("目标"), self))
        top.addWidget(self.target, 1)
        for button in (self.add_button, self.remove_button, self.default_button, self.test_button):
            top.addWidget(button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.dry_button)
        buttons.addStretch(1)
        for button in (
            self.publish_button,
            self.confirm_button,
            self.cancel_button,
            self.close_button,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.target_info)
        layout.addWidget(self.phase)
        layout.addWidget(self.progress)
        layout.addWidget(self.bytes_label)
        layout.addWidget(self.summary)
        layout.addWidget(self.plan_label)
        layout.addWidget(self.plan, 2)
        layout.addWidget(self.tabs, 3)
        layout.addLayout(buttons)
        self.resize(820, 640)
        self.load_targets()

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def phase_text(self, phase: str) -> str:
        """A publish phase in the UI language."""
        return {
            "exporting": self.tr("正在导出站点…"),
            "connecting": self.tr("正在连接目标…"),
            "comparing": self.tr("正在与目标上的清单比较…"),
            "linking": self.tr("正在链接未改动的文件…"),
            "uploading": self.tr("正在上传…"),
            "switching": self.tr("正在切换到新版本…"),
            "verifying": self.tr("正在从网站核对页面…"),
            "deleting": self.tr("正在删除已撤下的文件…"),
            "pruning": self.tr("正在清理旧版本…"),
            "done": self.tr("完成"),
        }.get(phase, phase)

    # ---- targets ---------------------------------------------------------------------------

    def current_name(self) -> str | None:
        """The chosen target's name, or None when there is none."""
        return self.target.currentData()

    def load_targets(self, select: str | None = None) -> None:
        """Fill the target list (the default first) and select one."""
        self.target.blockSignals(True)
        self.target.clear()
        for info in self.workspace.targets.list():
            label = info.name + (self.tr("（默认）") if info.default else "")
            self.target.addItem(label, info.name)
        if select is not None:
            self.target.setCurrentIndex(max(0, self.target.findData(select)))
        self.target.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Show the chosen target, its history, and whether anything can be done."""
        name = self.current_name()
        has = name is not None
        for widget in (
            self.remove_button,
            self.default_button,
            self.test_button,
            self.dry_button,
            self.publish_button,
            self.rollback_button,
        ):
            widget.setEnabled(has and self.worker is None)
        self.confirm_button.hide()
        self.plan.hide()
        self.plan_label.hide()
        if not has:
            self.target_info.setText(self.tr("还没有发布目标：请先添加一个。"))
            self.history.setRowCount(0)
            self.releases.setRowCount(0)
            return
        info = self.workspace.targets.get(name)
        mode = self.tr("版本模式") if info.mode == "release" else self.tr("就地更新")
        self.target_info.setText(
            self.tr("{url}　{mode}　核对网址：{base}").format(
                url=info.url, mode=mode, base=info.base_url or self.tr("未设置")
            )
        )
        self._fill_history(self.host.history(name))

    def _fill_history(self, entries: list[PublishEntry]) -> None:
        results = {"ok": self.tr("成功"), "failed": self.tr("失败"), "cancelled": self.tr("已取消")}
        actions = {
            "publish": self.tr("发布"),
            "dry-run": self.tr("预演"),
            "rollback": self.tr("回滚"),
        }
        self.history.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            values = [
                entry.started_at.strftime("%Y-%m-%d %H:%M:%S"),
                actions.get(entry.action, entry.action),
                entry.user,
                str(entry.sent),
                _size(entry.bytes),
                f"{entry.seconds:.2f}",
                results.get(entry.result, entry.result)
                + (f"：{entry.message}" if entry.message else ""),
            ]
            for column, value in enumerate(values):
                self.history.setItem(row, column, QTableWidgetItem(value))

    def _fill_releases(self, rows: list[dict]) -> None:
        self.releases.setRowCount(len(rows))
        for row, release in enumerate(rows):
            values = [
                release["id"],
                release["time"],
                release["user"],
                str(release["files"]),
                self.tr("● 当前") if release["current"] else "",
            ]
            for column, value in enumerate(values):
                self.releases.setItem(row, column, QTableWidgetItem(value))

    def add_target(self) -> None:
        """Ask for a new target and add it."""
        from editor.ui.dialogs.target_dialog import AddTargetDialog

        dialog = AddTargetDialog(self.host, self)
        if dialog.exec() and dialog.added is not None:
            self.load_targets(dialog.added.name)

    def remove_target(self) -> None:
        """Remove the chosen target (its files on the server stay)."""
        name = self.current_name()
        answer = QMessageBox.question(
            self,
            self.tr("删除目标"),
            self.tr("删除发布目标“{name}”？服务器上的文件不会被删除。").format(name=name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._guard(lambda: self.host.remove_target(name))
            self.load_targets()

    def make_default(self) -> None:
        """Make the chosen target the default one."""
        name = self.current_name()

        def change() -> None:
            with self.workspace.edit():
                self.workspace.targets.set_default(name)

        self._guard(change)
        self.load_targets(name)

    def _guard(self, action: Callable[[], object]) -> None:
        try:
            action()
        except NewsdeskError as exc:
            QMessageBox.warning(self, self.tr("发布到网站"), str(exc))

    # ---- background work -------------------------------------------------------------------

    def _run(
        self, job: Callable[[BackgroundTask], object], done: Callable[[object], None], label: str
    ) -> None:
        self.summary.clear()
        self.phase.setText(label)
        self.progress.setRange(0, 0)
        for widget in (
            self.publish_button,
            self.dry_button,
            self.confirm_button,
            self.rollback_button,
            self.test_button,
            self.add_button,
            self.remove_button,
            self.default_button,
            self.target,
        ):
            widget.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.close_button.setEnabled(False)
        self.worker = BackgroundTask(
            self.workspace, job, self, name="publish", cancel_errors=_cancel_errors()
        )
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(done)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(self._cancelled)
        self.worker.finished.connect(self._finished)
        self.worker.start()

    def _progressed(self, done: int, total: int, phase: str, detail: str) -> None:
        self.phase.setText(self.phase_text(phase))
        if phase == "exporting" or total <= 0:
            self.progress.setRange(0, 0)
            self.progress.setFormat(self.tr("%v / %m 个文件"))
        else:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        if detail:
            sent, _, size = detail.partition("/")
            self.bytes_label.setText(
                self.tr("已发送 {sent} / {size}").format(
                    sent=_size(int(sent)), size=_size(int(size))
                )
            )

    def publish(self) -> None:
        """Publish; a target's first publish shows the dry-run list to confirm first."""
        name = self.current_name()
        if not any(e.result == "ok" and e.action == "publish" for e in self.host.history(name)):
            self.start(dry_run=True, confirm=True)
        else:
            self.start(dry_run=False)

    def start(self, *, dry_run: bool, confirm: bool = False, break_lock: bool = False) -> None:
        """Run a publish (or a dry run) of the chosen target in the background."""
        from editor.publish.targets.service import HostPublisher
        from editor.publish.targets.state import TargetLockedError

        name = self.current_name()
        self.confirm_button.hide()

        def job(task: BackgroundTask) -> dict:
            def progress(phase: str, files: int, total: int, sent: int, size: int) -> None:
                task.report(files, total, phase, f"{sent}/{size}" if size else "")

            host = HostPublisher(task.workspace)
            try:
                result = host.publish(
                    name,
                    dry_run=dry_run,
                    break_lock=break_lock,
                    progress=progress,
                    cancel=task.stop,
                )
            except TargetLockedError as exc:
                return {"locked": str(exc)}
            return {
                **result.as_dict(),
                "files": result.files,
                "deletions": result.deletions,
                "confirm": confirm,
                "dry_run": dry_run,
            }

        label = self.tr("正在预演…") if dry_run else self.tr("正在发布…")
        self._run(job, self._published, label)

    def _published(self, data: dict) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        if "locked" in data:
            self.phase.setText(self.tr("目标被锁定。"))
            answer = QMessageBox.question(
                self,
                self.tr("目标被锁定"),
                data["locked"]
                + "\n\n"
                + self.tr("如果那次发布已不在运行，可以解除锁定后发布。解除锁定？"),
            )
            if answer == QMessageBox.StandardButton.Yes:
                self._after = lambda: self.start(dry_run=False, break_lock=True)
            return
        self.last_result = data
        if data["dry_run"]:
            self.pending_files = data["files"]
            self.plan.clear()
            self.plan.addItems([f"+ {p}" for p in data["files"]])
            self.plan.addItems([f"− {p}" for p in data["deletions"]])
            self.plan_label.setText(
                self.tr("将发送 {sent} 个文件（{size}），删除 {deleted} 个：").format(
                    sent=data["sent"], size=_size(data["bytes"]), deleted=data["deleted"]
                )
            )
            self.plan_label.show()
            self.plan.show()
            self.phase.setText(self.tr("预演完成，目标上没有任何改动。"))
            self._show_confirm = bool(data["confirm"])
            return
        self.phase.setText(self.tr("发布完成。"))
        self.progress.setRange(0, max(int(data["sent"]), 1))
        self.progress.setValue(int(data["sent"]))
        verified = {
            True: self.tr("网站页面核对一致"),
            False: self.tr("网站页面核对不一致"),
            None: self.tr("未核对（没有网站地址）"),
        }[data["verified"]]
        self.summary.setText(
            self.tr(
                "版本 {release}：发送 {sent} 个文件（{size}），未改动 {unchanged} 个，删除 {deleted} 个，"
                "用时 {seconds:.1f} 秒；{verified}。"
            ).format(
                release=data["release"],
                sent=data["sent"],
                size=_size(data["bytes"]),
                unchanged=data["unchanged"],
                deleted=data["deleted"],
                seconds=float(data["seconds"]),
                verified=verified,
            )
        )

    def _failed(self, message: str) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.phase.setText(self.tr("发布失败：{message}").format(message=message))

    def _cancelled(self) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.phase.setText(self.tr("已取消；线上网站保持原样，再次发布会从停下的地方继续。"))

    def _finished(self) -> None:
        self.worker = None
        self.cancel_button.setEnabled(False)
        self.close_button.setEnabled(True)
        self.add_button.setEnabled(True)
        self.target.setEnabled(True)
        show_confirm = getattr(self, "_show_confirm", False)
        self._show_confirm = False
        self.refresh()
        if show_confirm:
            self.plan_label.show()
            self.plan.show()
            self.confirm_button.show()
            self.confirm_button.setEnabled(True)
            self.publish_button.setEnabled(False)  # confirm the list, or run a new dry run
        elif self.last_result is not None and self.last_result.get("dry_run"):
            self.plan_label.show()
            self.plan.show()
        self.load_releases()
        after = getattr(self, "_after", None)
        self._after = None
        if after is not None:
            after()

    def load_releases(self) -> None:
        """Fetch the target's kept releases in the background."""
        from editor.publish.targets.service import HostPublisher

        name = self.current_name()
        if name is None or self.worker is not None:
            return

        def job(task: BackgroundTask) -> list:
            return HostPublisher(task.workspace).releases(name)

        task = BackgroundTask(self.workspace, job, self, name="releases")
        task.succeeded.connect(self._fill_releases)
        task.failed.connect(
            lambda message: self.summary.setText(
                self.tr("无法读取目标上的版本：{message}").format(message=message)
            )
        )
        task.finished.connect(task.deleteLater)
        self._releases_task = task
        task.start()

    def test_target(self) -> None:
        """Check login, writing, renaming and links on the chosen target."""
        from editor.publish.targets.service import HostPublisher

        name = self.current_name()

        def job(task: BackgroundTask) -> dict:
            return HostPublisher(task.workspace).test(name)

        def done(data: dict) -> None:
            yes, no = self.tr("是"), self.tr("否")
            lines = [
                f"{label}：{yes if data[key] else no}"
                for key, label in (
                    ("login", self.tr("登录")),
                    ("write", self.tr("写入")),
                    ("rename", self.tr("改名覆盖")),
                    ("symlink", self.tr("符号链接")),
                    ("link", self.tr("硬链接")),
                )
            ]
            modes = {"release": self.tr("版本模式"), "in-place": self.tr("就地更新")}
            lines.append(
                self.tr("可用模式：{modes}").format(
                    modes="、".join(modes[m] for m in data["modes"]) or self.tr("无")
                )
            )
            self.progress.setRange(0, 1)
            self.phase.setText(self.tr("连接测试完成。"))
            self.summary.setText("　".join(lines))

        self._run(job, done, self.tr("正在测试连接…"))

    def rollback(self) -> None:
        """Make the selected kept release live again."""
        from editor.publish.targets.service import HostPublisher

        name = self.current_name()
        row = self.releases.currentRow()
        release = self.releases.item(row, 0).text() if row >= 0 else None
        answer = QMessageBox.question(
            self,
            self.tr("回滚"),
            self.tr("让版本 {release} 重新上线？").format(
                release=release or self.tr("（上一个版本）")
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def job(task: BackgroundTask) -> dict:
            result = HostPublisher(task.workspace).rollback(name, release)
            return {"release": result.release, "previous": result.previous}

        def done(data: dict) -> None:
            self.progress.setRange(0, 1)
            self.phase.setText(
                self.tr("已回滚：现在上线的是版本 {release}（原为 {previous}）。").format(**data)
            )

        self._run(job, done, self.tr("正在回滚…"))

    def cancel(self) -> None:
        """Ask the running publish to stop after the files in flight."""
        if self.worker is not None:
            self.worker.stop.set()
            self.cancel_button.setEnabled(False)
            self.phase.setText(self.tr("正在取消…"))

    def is_running(self) -> bool:
        """Whether a publish, test or rollback is running."""
        return self.worker is not None

    def reject(self) -> None:
        """Close; a running publish is cancelled first (never left writing behind)."""
        if self.worker is not None:
            self.cancel()
            self.worker.wait()
        task = getattr(self, "_releases_task", None)
        if task is not None:
            try:
                task.wait()
            except RuntimeError:  # already deleted
                pass
        super().reject()
