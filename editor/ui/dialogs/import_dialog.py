"""Import articles: files, a folder, a URL or pasted HTML/text.

One source is read into its fields (title, section, 来源, original link, reporters,
photographers, 责编, publish time, body shown rendered) as soon as it is chosen, for the
editor to check and correct before saving. Several files or a folder are recognised in
the background into a table whose title, section, 来源 and publish time the editor can
correct in place; 全部导入 then saves them off the GUI thread, counting the real files,
and every saved article is announced at once (the main window's list fills as they
arrive). The chosen 栏目 is remembered.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor.errors import NewsdeskError
from editor.ui import settings
from editor.ui.dialogs.import_table import ImportTable, shown_time
from editor.ui.tasks import BackgroundTask

FILE_FILTER = "*.html *.htm *.shtml *.txt *.md *.markdown *.docx"
NAME_JOIN = "、"
KEY_SECTION = "import/section"


class ImportDialog(QDialog):
    """Bring articles in from news pages, scraped text, Markdown and Word files."""

    articleImported = Signal(int)  # noqa: N815 (Qt signal names)
    batchFinished = Signal(dict)  # noqa: N815
    extracted = Signal(object)

    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.task: BackgroundTask | None = None
        self.current = None  # the ExtractedArticle under review
        self.reviewable = False  # fields shown and not yet saved
        self.setWindowTitle(self.tr("导入文章"))
        self.resize(980, 720)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._files_tab(), self.tr("文件"))
        self.tabs.addTab(self._folder_tab(), self.tr("文件夹"))
        self.tabs.addTab(self._url_tab(), self.tr("网址"))
        self.tabs.addTab(self._paste_tab(), self.tr("粘贴"))

        self.section = QComboBox(self)
        self.status_choice = QComboBox(self)
        for code, label in (
            ("draft", self.tr("草稿")),
            ("review", self.tr("待审")),
            ("published", self.tr("已发布")),
        ):
            self.status_choice.addItem(label, code)
        self.learn = QCheckBox(self.tr("按导航和面包屑新建栏目"), self)
        self.results = ImportTable(self)
        self.reload_sections()
        self.editor_section = settings.value(KEY_SECTION) or None  # the editor's own choice
        self.select_section(self.editor_section)
        self.section.activated.connect(self._section_chosen)
        options = QHBoxLayout()
        options.addWidget(QLabel(self.tr("栏目"), self))
        options.addWidget(self.section, 2)
        options.addWidget(QLabel(self.tr("状态"), self))
        options.addWidget(self.status_choice)
        options.addWidget(self.learn)

        self.review = self._review_panel()
        self.results.itemSelectionChanged.connect(self._review_row)
        self._recognised: dict[int, object] = {}  # row -> article or error text, from the thread
        self._outcomes: dict[int, tuple] = {}  # row -> (status, article id, reason)
        lower = QSplitter(self)
        lower.addWidget(self.review)
        lower.addWidget(self.results)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("%v / %m"))
        self.message = QLabel(self.tr("选择文件、文件夹、网址，或粘贴网页内容。"), self)
        self.message.setWordWrap(True)

        self.extract_button = QPushButton(self.tr("识别"), self)
        self.save_button = QPushButton(self.tr("保存为文章"), self)
        self.save_button.setEnabled(False)
        self.batch_button = QPushButton(self.tr("全部导入"), self)
        self.stop_button = QPushButton(self.tr("停止"), self)
        self.stop_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.extract_button.clicked.connect(self.extract_current)
        self.save_button.clicked.connect(self.save_current)
        self.batch_button.clicked.connect(self.import_batch)
        self.stop_button.clicked.connect(self.stop)
        self.close_button.clicked.connect(self.reject)
        self.tabs.currentChanged.connect(self._tab_changed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.extract_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.batch_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(options)
        layout.addWidget(lower, 4)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._tab_changed(0)

    # ---- source tabs ------------------------------------------------------------------------

    def _files_tab(self) -> QWidget:
        page = QWidget(self)
        self.file_list = QListWidget(page)
        self.file_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.file_list.itemSelectionChanged.connect(self._selection_changed)
        add = QPushButton(self.tr("添加文件…"), page)
        remove = QPushButton(self.tr("移除"), page)
        add.clicked.connect(self._choose_files)
        remove.clicked.connect(self._remove_files)
        side = QVBoxLayout()
        side.addWidget(add)
        side.addWidget(remove)
        side.addStretch(1)
        row = QHBoxLayout(page)
        row.addWidget(self.file_list, 1)
        row.addLayout(side)
        return page

    def _folder_tab(self) -> QWidget:
        page = QWidget(self)
        self.folder = QLineEdit(page)
        self.folder.setPlaceholderText(
            self.tr("文件夹中的网页、文本、Markdown 和 Word 文件都会导入")
        )
        self.folder.editingFinished.connect(self.recognise_all)
        browse = QPushButton(self.tr("浏览…"), page)
        browse.clicked.connect(self._choose_folder)
        row = QHBoxLayout(page)
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        return page

    def _url_tab(self) -> QWidget:
        page = QWidget(self)
        self.url = QLineEdit(page)
        self.url.setPlaceholderText("https://")
        self.url.returnPressed.connect(self.extract_current)
        row = QHBoxLayout(page)
        row.addWidget(QLabel(self.tr("网址"), page))
        row.addWidget(self.url, 1)
        return page

    def _paste_tab(self) -> QWidget:
        page = QWidget(self)
        self.paste = QPlainTextEdit(page)
        self.paste.setPlaceholderText(self.tr("在此粘贴网页源代码或复制的网页文字"))
        from_clipboard = QPushButton(self.tr("从剪贴板粘贴网页"), page)
        from_clipboard.clicked.connect(self.paste_clipboard)
        column = QVBoxLayout(page)
        column.addWidget(self.paste, 1)
        column.addWidget(from_clipboard)
        return page

    def _review_panel(self) -> QWidget:
        panel = QWidget(self)
        form = QFormLayout(panel)
        self.title = QLineEdit(panel)
        self.source = QLineEdit(panel)
        self.source_url = QLineEdit(panel)
        self.reporters = QLineEdit(panel)
        self.photographers = QLineEdit(panel)
        self.editor_name = QLineEdit(panel)
        self.publish_time = QLineEdit(panel)
        self.publish_time.setPlaceholderText("2023-11-23 10:00")
        self.body = QPlainTextEdit(panel)
        self.body_view = QTextBrowser(panel)
        self.body_view.setOpenLinks(False)
        self.body_tabs = QTabWidget(panel)
        self.body_tabs.addTab(self.body_view, self.tr("排版效果"))
        self.body_tabs.addTab(self.body, self.tr("Markdown 源码"))
        self.body.textChanged.connect(self._render_body)
        self.warnings = QLabel(panel)
        self.warnings.setWordWrap(True)
        form.addRow(self.tr("标题"), self.title)
        form.addRow(self.tr("来源"), self.source)
        form.addRow(self.tr("原文链接"), self.source_url)
        form.addRow(self.tr("记者"), self.reporters)
        form.addRow(self.tr("摄影"), self.photographers)
        form.addRow(self.tr("责编"), self.editor_name)
        form.addRow(self.tr("发布时间"), self.publish_time)
        form.addRow(self.tr("正文"), self.body_tabs)
        form.addRow("", self.warnings)
        return panel

    def _tab_changed(self, index: int) -> None:
        batch = index in (0, 1)
        self.batch_button.setEnabled(batch and self.task is None)

    # ---- choosing sources -------------------------------------------------------------------

    def reload_sections(self) -> None:
        """Fill the section picker (automatic placement first, then every section path),
        keeping the section that was chosen."""
        chosen = self.section.currentData()
        blocked = self.section.blockSignals(True)
        self.section.clear()
        self.section.addItem(self.tr("自动（按面包屑或频道，否则“待分类”）"), None)
        for node in self.workspace.sections.tree():
            self.section.addItem(("    " * node.depth) + node.name, node.path)
        self.section.setCurrentIndex(max(0, self.section.findData(chosen)) if chosen else 0)
        self.section.blockSignals(blocked)
        self.results.set_sections(
            [
                (self.section.itemText(i), self.section.itemData(i))
                for i in range(self.section.count())
            ]
        )

    def _section_chosen(self) -> None:
        """The editor picked a 栏目: kept for the next saves and the next time."""
        self.editor_section = self.section.currentData()
        settings.set_value(KEY_SECTION, self.editor_section or "")
        self.results.set_section_for_all(self.editor_section)

    def _render_body(self) -> None:
        from editor.publish.markdown import render_markdown

        self.body_view.setHtml(render_markdown(self.body.toPlainText()))

    def select_section(self, path: str | None) -> None:
        index = self.section.findData(path) if path else 0
        self.section.setCurrentIndex(max(0, index))

    def add_files(self, paths) -> None:
        """Queue files for import (the “添加文件…” button and drops end here): one file is
        recognised for review at once, several in the background into the table."""
        present = {self.file_list.item(i).text() for i in range(self.file_list.count())}
        added = []
        for path in paths:
            if str(path) not in present:
                present.add(str(path))
                self.file_list.addItem(str(path))
                added.append(str(path))
        self.tabs.setCurrentIndex(0)
        if self.file_list.count() == 1 and added:
            self.file_list.setCurrentRow(0)  # recognised on selection
        elif len(added) and self.file_list.count() > 1:
            self.recognise_all()

    def _selection_changed(self) -> None:
        """Recognise a file as soon as it is the one selected."""
        if len(self.file_list.selectedItems()) == 1 and self.task is None:
            self.extract_current()

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("选择要导入的文件"),
            "",
            self.tr("网页、文本、Markdown、Word") + f" ({FILE_FILTER})",
        )
        self.add_files(paths)

    def _remove_files(self) -> None:
        for item in self.file_list.selectedItems():
            self.file_list.takeItem(self.file_list.row(item))

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("选择文件夹"), self.folder.text())
        if path:
            self.folder.setText(path)
            self.recognise_all()

    def paste_clipboard(self) -> None:
        """Take the clipboard's HTML (or its text) into the paste tab."""
        data = QGuiApplication.clipboard().mimeData()
        text = (
            data.html()
            if data is not None and data.hasHtml()
            else (data.text() if data is not None else "")
        )
        self.paste.setPlainText(text)
        self.tabs.setCurrentIndex(3)

    def current_source(self) -> str:
        """What “识别” reads: the selected file, the URL or the pasted text."""
        index = self.tabs.currentIndex()
        if index == 0:
            items = self.file_list.selectedItems() or (
                [self.file_list.item(0)] if self.file_list.count() else []
            )
            return items[0].text() if items else ""
        if index == 2:
            return self.url.text().strip()
        if index == 3:
            return self.paste.toPlainText()
        return ""

    def batch_paths(self) -> list[str]:
        if self.tabs.currentIndex() == 1:
            return [self.folder.text().strip()] if self.folder.text().strip() else []
        return [self.file_list.item(i).text() for i in range(self.file_list.count())]

    # ---- reading one source for review ------------------------------------------------------

    def extract_current(self) -> None:
        source = self.current_source()
        if not source.strip():
            self.message.setText(self.tr("没有可识别的内容：请先选择文件、输入网址或粘贴内容。"))
            return
        self.message.setText(self.tr("正在识别…"))
        self._start(
            lambda task: self.workspace.importer.extract(source), self._extracted, recognition=True
        )

    def _extracted(self, article) -> None:
        self.current = article
        fields = article.fields
        self.title.setText(fields.get("title", ""))
        self.source.setText(fields.get("source", ""))
        self.source_url.setText(fields.get("source_url", ""))
        self.reporters.setText(NAME_JOIN.join(fields.get("reporters") or []))
        self.photographers.setText(NAME_JOIN.join(fields.get("photographers") or []))
        self.editor_name.setText(fields.get("responsible_editor", ""))
        self.publish_time.setText(shown_time(fields.get("publish_time")))
        self.body.setPlainText(fields.get("body", ""))
        if not self.editor_section:  # the page's own section, unless the editor chose one
            self.select_section(fields.get("section"))
        self.warnings.setText("\n".join(article.warnings))
        self.reviewable = True
        self.message.setText(self.tr("请核对识别出的内容，修改后保存。"))
        self.extracted.emit(article)

    def reviewed_fields(self) -> dict:
        """The fields as the editor left them in the form."""
        fields = dict(self.current.fields) if self.current is not None else {}
        fields.update(
            title=self.title.text().strip(),
            source=self.source.text().strip(),
            source_url=self.source_url.text().strip(),
            reporters=_names(self.reporters.text()),
            photographers=_names(self.photographers.text()),
            responsible_editor=self.editor_name.text().strip(),
            publish_time=self.publish_time.text().strip() or None,
            body=self.body.toPlainText(),
        )
        fields.pop("section", None)
        return fields

    def save_current(self) -> None:
        if self.current is None:
            return
        self.current.fields = self.reviewed_fields()
        article = self.current
        self.message.setText(self.tr("正在下载图片…"))
        # the pictures are fetched off the GUI thread, then the article is saved here
        self._start(lambda task: self.workspace.importer.fetch_pictures(article), self._save)

    def _save(self, fetched) -> None:
        section = self.section.currentData()
        try:
            article = self.workspace.importer.save(
                fetched,
                section=section,
                status=self.status_choice.currentData(),
                learn_sections=self.learn.isChecked(),
            )
        except NewsdeskError as exc:
            self.message.setText(self.tr("未保存：") + str(exc))
            return
        self.reviewable = False
        self.save_button.setEnabled(False)
        self.reload_sections()
        self.message.setText(self.tr("已保存为文章 %1。").replace("%1", str(article.id)))
        self.warnings.setText("\n".join(fetched.warnings))
        self.articleImported.emit(article.id)

    # ---- batches ----------------------------------------------------------------------------

    def _batch_items(self) -> list[str]:
        """The files and addresses of the batch (a folder walked)."""
        from editor.ingest.reader import expand

        return expand(self.batch_paths())

    def recognise_all(self) -> None:
        """Read every file of the batch in the background into the table, for correcting
        before 全部导入 (nothing is saved)."""
        items = self._batch_items()
        if not items or self.task is not None:
            return
        self.results.set_paths(items)
        self.results.set_section_for_all(self.section.currentData())
        self._recognised = {}
        self.progress.setRange(0, len(items))
        self.progress.setValue(0)
        self.message.setText(self.tr("正在识别 %1 个文件…").replace("%1", str(len(items))))
        importer = self.workspace.importer

        def job(task: BackgroundTask) -> int:
            for row, item in enumerate(items):
                try:
                    self._recognised[row] = importer.extract(item)
                except NewsdeskError as exc:
                    self._recognised[row] = exc.message
                if not task.report(row + 1, len(items), item, str(row)):
                    break
            return len(items)

        self._start(job, self._recognition_done, self._row_recognised, recognition=True)

    def _row_recognised(self, done: int, total: int, item: str, row: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        found = self._recognised.get(int(row))
        if isinstance(found, str):
            self.results.show_unreadable(int(row), found)
        elif found is not None:
            self.results.show_extracted(int(row), found)

    def _review_row(self) -> None:
        """A recognised row chosen in the table is shown in full in the review form."""
        rows = {index.row() for index in self.results.selectedIndexes()}
        if len(rows) == 1 and (row := rows.pop()) in self.results.extracted:
            self._extracted(self.results.extracted[row])

    def _recognition_done(self, _count) -> None:
        if self.results.extracted and not self.reviewable:
            self.results.selectRow(min(self.results.extracted))
        self.message.setText(
            self.tr(
                "已识别 %1 个文件：可以在表格中修改标题、栏目、来源和发布时间，然后“全部导入”。"
            ).replace("%1", str(len(self.results.extracted)))
        )

    def import_batch(self) -> None:
        """Save every file of the batch (with the corrections made in the table) as an
        article, off the GUI thread; each saved article is announced as it arrives."""
        self._interrupt()  # a recognition still running: what it found is kept
        items = self._batch_items()
        if not items:
            self.message.setText(self.tr("请先添加文件或选择文件夹。"))
            return
        if items != self.results.paths:
            self.results.set_paths(items)
            self.results.set_section_for_all(self.section.currentData())
        rows = []
        for row, item in enumerate(items):
            fields, section = self.results.row_choices(row)
            rows.append((item, self.results.extracted.get(row), fields, section))
        self._outcomes = {}
        self.progress.setRange(0, len(items))
        self.progress.setValue(0)
        self.message.setText(self.tr("正在导入…"))
        status = self.status_choice.currentData()
        learn = self.learn.isChecked()
        importer = self.workspace.importer

        def job(task: BackgroundTask) -> dict:
            from editor.ingest.importer import DuplicateArticleError

            for row, (item, article, fields, section) in enumerate(rows):
                try:
                    article = article if article is not None else importer.extract(item)
                    article.fields.update(fields)
                    saved = importer.save(
                        article, section=section, status=status, learn_sections=learn
                    )
                    outcome = ("imported", saved.id, "；".join(article.warnings))
                except DuplicateArticleError as exc:
                    outcome = ("duplicate", exc.article_id, exc.message)
                except NewsdeskError as exc:
                    outcome = ("failed", None, exc.message)
                self._outcomes[row] = outcome
                if not task.report(row + 1, len(rows), item, str(row)):
                    break
            return {
                "imported": sum(1 for o in self._outcomes.values() if o[0] == "imported"),
                "duplicates": sum(1 for o in self._outcomes.values() if o[0] == "duplicate"),
                "failed": sum(1 for o in self._outcomes.values() if o[0] == "failed"),
                "results": [
                    {"path": rows[r][0], "status": o[0], "id": o[1], "reason": o[2]}
                    for r, o in sorted(self._outcomes.items())
                ],
            }

        self._start(job, self._batch_done, self._row_imported)

    def _row_imported(self, done: int, total: int, item: str, row: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.message.setText(
            self.tr("正在导入 %1 / %2：%3")
            .replace("%1", str(done))
            .replace("%2", str(total))
            .replace("%3", item if "://" in item else Path(item).name)
        )
        outcome = self._outcomes.get(int(row))
        if outcome is None:
            return
        words = {
            "imported": self.tr("已导入"),
            "duplicate": self.tr("重复"),
            "failed": self.tr("失败"),
        }
        status, article_id, reason = outcome
        self.results.show_result(int(row), words[status], article_id, reason)
        if status == "imported":
            self.articleImported.emit(article_id)  # the main window's list shows it now

    def _batch_done(self, data: dict) -> None:
        self.message.setText(
            self.tr("完成：导入 %1 篇，重复 %2 篇，失败 %3 篇。")
            .replace("%1", str(data["imported"]))
            .replace("%2", str(data["duplicates"]))
            .replace("%3", str(data["failed"]))
        )
        self.reload_sections()
        self.batchFinished.emit(data)

    def stop(self) -> None:
        if self.task is not None:
            self.task.stop.set()
            self.message.setText(self.tr("正在停止…"))

    # ---- running tasks ----------------------------------------------------------------------

    def _start(self, job, done, on_progress=None, recognition: bool = False) -> None:
        """Run `job` in the background; its signals count only while it is `self.task` (a
        recognition that 全部导入 interrupted says nothing more). 全部导入 stays enabled
        during a recognition."""
        if self.task is not None:
            return
        task = BackgroundTask(self.workspace, job, self, name="import")
        self.task = task

        def current() -> bool:
            return self.task is task

        task.succeeded.connect(lambda result: current() and done(result))
        task.failed.connect(lambda message: current() and self._failed(message))
        if on_progress is not None:
            task.progressed.connect(lambda *args: current() and on_progress(*args))
        task.finished.connect(lambda: self._task_finished(task))
        for button in (self.extract_button, self.batch_button, self.save_button):
            button.setEnabled(button is self.batch_button and recognition)
        self.stop_button.setEnabled(on_progress is not None)
        task.start()

    def _interrupt(self) -> None:
        """Stop the running task and forget it (what it found so far stays)."""
        task = self.task
        if task is None:
            return
        task.stop.set()
        task.wait(60000)
        self._task_finished(task)

    def _failed(self, message: str) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.message.setText(self.tr("出错了：") + message)

    def _task_finished(self, task: BackgroundTask) -> None:
        if task is not self.task:
            return
        self.task = None
        task.deleteLater()
        self.extract_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self._tab_changed(self.tabs.currentIndex())
        self.save_button.setEnabled(self.reviewable)

    def done(self, result: int) -> None:  # closing waits for a running task
        if self.task is not None:
            self.task.stop.set()
            self.task.wait(30000)
        super().done(result)


def _names(text: str) -> list[str]:
    from editor.content.articles import split_names

    return split_names(text)
