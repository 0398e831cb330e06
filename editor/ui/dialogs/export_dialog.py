"""Export the site as a static bundle: folder, full or incremental, zip and delta zip;
runs off the GUI thread with a progress bar and cancel; ends with a summary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.ui import settings
from editor.ui.icons import icon
from editor.ui.live_export import folder_key
from editor.ui.tasks import BackgroundTask

KEY_ZIP = "export/zip"
KEY_DELTA = "export/delta_zip"
FIRST_PASS_STEP = "first pass"  # (a progress key of this dialog's own: the first pass is out)


class ExportDialog(QDialog):
    """Choose where and how, watch it run, then open the result."""

    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.worker: BackgroundTask | None = None
        self.first_text = ""  # what the first pass of an export published (`_progressed`)
        self.result_data: dict | None = None
        self.setWindowTitle(self.tr("导出站点"))
        self.setWindowIcon(icon("export"))
        key = folder_key(workspace.location)
        self._folder_key = key
        default = settings.value(key) or str(Path.home() / "newsdesk-export")
        self.folder = QLineEdit(str(default), self)
        self.incremental = QRadioButton(self.tr("增量导出（只重写有变化的页面）"), self)
        self.full = QRadioButton(self.tr("全部重新生成"), self)
        self.incremental.setChecked(True)
        self.zip_check = QCheckBox(self.tr("同时打包为 zip"), self)
        self.zip_path = QLineEdit(self)
        self.delta_check = QCheckBox(self.tr("同时生成增量包（变化的文件和删除清单）"), self)
        self.delta_path = QLineEdit(self)
        self._suggest_zips(str(default))
        self.folder.textEdited.connect(self._suggest_zips)
        self.zip_path.setEnabled(False)
        self.delta_path.setEnabled(False)
        self.zip_check.toggled.connect(self.zip_path.setEnabled)
        self.delta_check.toggled.connect(self.delta_path.setEnabled)
        for check, key in ((self.zip_check, KEY_ZIP), (self.delta_check, KEY_DELTA)):
            check.setChecked(str(settings.value(key, "false")).lower() == "true")  # as last time
            check.toggled.connect(lambda on, key=key: settings.set_value(key, bool(on)))

        self.options = QWidget(self)
        form = QFormLayout(self.options)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("导出到文件夹"), self._with_browse(self.folder, folder=True))
        form.addRow(self.tr("方式"), self.incremental)
        form.addRow("", self.full)
        form.addRow(self.zip_check, self._with_browse(self.zip_path))
        form.addRow(self.delta_check, self._with_browse(self.delta_path))

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("%v / %m"))
        self.status = QLabel(self.tr("准备就绪"), self)
        self.status.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.hide()

        self.start_button = QPushButton(icon("export"), self.tr("开始导出"), self)
        self.start_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("取消导出"), self)
        self.cancel_button.setEnabled(False)
        self.open_folder = QPushButton(icon("open"), self.tr("打开文件夹"), self)
        self.open_browser = QPushButton(icon("browser"), self.tr("在浏览器中打开"), self)
        self.close_button = QPushButton(self.tr("关闭"), self)
        for button in (self.open_folder, self.open_browser):
            button.hide()
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self.open_folder.clicked.connect(lambda: QDesktopServices.openUrl(self.folder_url()))
        self.open_browser.clicked.connect(lambda: QDesktopServices.openUrl(self.index_url()))
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_folder)
        buttons.addWidget(self.open_browser)
        buttons.addStretch(1)
        for button in (self.start_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.options)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(620, 340)

    def _suggest_zips(self, folder: str) -> None:
        """Zip names next to the export folder, until the editor picks others."""
        folder = folder.rstrip("/") or "."
        if not self.zip_path.isModified():
            self.zip_path.setText(f"{folder}.zip")
        if not self.delta_path.isModified():
            self.delta_path.setText(f"{folder}-delta.zip")

    def _with_browse(self, line: QLineEdit, folder: bool = False) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(line, 1)
        browse = QToolButton(box)
        browse.setText("…")
        browse.clicked.connect(lambda: self._browse(line, folder))
        row.addWidget(browse)
        return box

    def _browse(self, line: QLineEdit, folder: bool) -> None:
        if folder:
            path = QFileDialog.getExistingDirectory(self, self.tr("导出到文件夹"), line.text())
        else:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("zip 文件"), line.text(), "*.zip")
        if path:
            line.setText(path)
            if folder:
                self._suggest_zips(path)
            else:
                line.setModified(True)

    def folder_url(self) -> QUrl:
        return QUrl.fromLocalFile(self.folder.text())

    def index_url(self) -> QUrl:
        return QUrl.fromLocalFile(str(Path(self.folder.text()) / "index.html"))

    # ---- running ----------------------------------------------------------------------------

    def start(self) -> None:
        out = self.folder.text().strip()
        if not out:
            self.status.setText(self.tr("请选择导出文件夹。"))
            return
        settings.set_value(self._folder_key, out)
        self.options.setEnabled(False)
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.close_button.setEnabled(False)
        self.summary.hide()
        self.first_text = ""
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("正在导出…"))
        from editor.publish.export import ExportCancelled

        zip_path = self.zip_path.text().strip() if self.zip_check.isChecked() else ""
        delta_path = self.delta_path.text().strip() if self.delta_check.isChecked() else ""
        options = dict(
            full=self.full.isChecked(), zip_path=zip_path or None, delta_zip_path=delta_path or None
        )

        def job(task: BackgroundTask) -> dict:
            def first(result) -> None:  # the pages that must show the edits are out
                task.report(0, 0, FIRST_PASS_STEP, f"{result.written}\t{result.seconds:.3f}")

            result = task.workspace.publisher.export(
                out, progress=task.report, cancel=task.stop, first=first, **options
            )
            data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
            if getattr(result, "first", None) is not None:
                data["first"] = {"written": result.first.written, "seconds": result.first.seconds}
            return data

        self.worker = BackgroundTask(
            self.workspace, job, self, name="export", cancel_errors=(ExportCancelled,)
        )
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(self._cancelled)
        self.worker.finished.connect(self._finished)
        self.worker.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.stop.set()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("正在取消…"))

    def _progressed(self, done: int, total: int, message: str, detail: str = "") -> None:
        if message == FIRST_PASS_STEP:  # (the rest follows: the bar keeps moving)
            written, _tab, seconds = detail.partition("\t")
            self.first_text = self.tr(
                "已先发布必须显示改动的 {written} 个文件（{seconds:.2f} 秒），"
            ).format(written=written, seconds=float(seconds or 0))
            self.status.setText(self.first_text + self.tr("正在更新其余页面…"))
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        text = self._step_text(message)
        if self.first_text:
            text = self.first_text + text
        self.status.setText(
            text or self.tr("已处理 {done} / {total}").format(done=done, total=total)
        )

    def _step_text(self, step: str) -> str:
        """The words for one of the export's steps (`Publisher.export`'s progress keys)."""
        texts = {
            "planning": self.tr("正在比较上次导出…"),
            "static files": self.tr("正在复制主题文件和图片…"),
            "rendering pages": self.tr("正在生成页面…"),
            "replacing the bundle": self.tr("正在替换导出的文件…"),
            "writing the zip": self.tr("正在写入 zip 文件…"),
            "nothing changed": self.tr("没有变化。"),
            "done": self.tr("导出完成。"),
        }
        return texts.get(step, step)

    def _succeeded(self, data: dict) -> None:
        self.result_data = data
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.status.setText(self.tr("导出完成。"))
        text = self.tr(
            "写入 {written} 个文件，未变 {unchanged} 个，删除 {deleted} 个，用时 {seconds:.2f} 秒。\n{out}"
        ).format(
            written=data.get("written", 0),
            unchanged=data.get("unchanged", 0),
            deleted=data.get("deleted", 0),
            seconds=float(data.get("seconds", 0)),
            out=data.get("out", self.folder.text()),
        )
        first = data.get("first")
        if first:
            text = (
                self.tr("必须显示改动的 {written} 个文件先发布，用时 {seconds:.2f} 秒。").format(
                    written=first["written"], seconds=float(first["seconds"])
                )
                + "\n"
                + text
            )
        self.summary.setText(text)
        self.summary.show()
        self.open_folder.show()
        self.open_browser.show()

    def _failed(self, message: str) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        if self.first_text:  # (what the first pass published stays)
            text = self.tr("必须显示改动的页面已发布，其余页面没有更新：{message}")
        else:
            text = self.tr("导出失败：{message}")
        self.status.setText(text.format(message=message))

    def _cancelled(self) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        if self.first_text:
            self.status.setText(
                self.tr("已取消；必须显示改动的页面已发布，其余页面在下次导出时更新。")
            )
        else:
            self.status.setText(self.tr("已取消；上一次导出的文件保持不变。"))

    def _finished(self) -> None:
        self.options.setEnabled(True)
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.close_button.setEnabled(True)
        self.worker = None

    def is_running(self) -> bool:
        return self.worker is not None

    def reject(self) -> None:
        if self.worker is not None:  # never leave a thread writing behind a closed dialog
            self.cancel()
            self.worker.wait()
        super().reject()
