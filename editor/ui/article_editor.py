"""The article editor: title and subtitle, the Markdown body with its toolbar, and the
newsroom fields (section, 来源, people, 责编, partner, tags, summary) and publishing fields
(status, publish time, flags, hits, cover, related picks)."""

from __future__ import annotations

import re
from datetime import datetime

from PySide6.QtCore import QDateTime, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from editor.content.article_fields import ARTICLE_FIELDS
from editor.content.articles import split_names
from editor.content.text import text_stats
from editor.errors import NewsdeskError
from editor.ui.article_list import flag_labels, status_labels
from editor.ui.body_editor import BodyEditor, BodyFindBar
from editor.ui.icons import icon
from editor.ui.related_picker import RelatedPicker

TITLE_WARN_LENGTH = 30  # headlines longer than this are cut on the home page and in lists
STATS_DELAY_MS = 400
NAME_SEPARATOR = "、"
COVER_THUMB = 96  # pixels
STATUSES = ("draft", "review", "published", "archived")
# The field table's plain one-line texts (副标题, 原文链接, 原标题 …): each is the QLineEdit
# attribute of the same name, loaded and read the same way.
LINE_FIELDS = tuple(spec.name for spec in ARTICLE_FIELDS if spec.widget == "line")


def _top_aligned(page: QWidget, form: QFormLayout) -> QWidget:
    """Put a form at the top of a tab page (rows keep their natural height)."""
    layout = QVBoxLayout(page)
    layout.addLayout(form)
    layout.addStretch(1)
    return page


class NameListCompleter(QCompleter):
    """Completes the last name of a list such as “黄雪松、魏麟潇”."""

    def __init__(self, names: list[str], parent=None) -> None:
        super().__init__(parent)
        self.names = QStringListModel(names, self)
        self.setModel(self.names)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)

    def set_names(self, names: list[str]) -> None:
        self.names.setStringList(names)

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 (Qt API)
        return [re.split(r"[、,，;；\s]+", path)[-1]]

    def pathFromIndex(self, index) -> str:  # noqa: N802 (Qt API)
        text = self.widget().text() if self.widget() else ""
        head = re.split(r"([、,，;；\s]+)", text)
        kept = "".join(head[:-1]) if len(head) > 1 else ""
        return kept + str(index.data())


class ArticleEditor(QWidget):
    """The form of one article. It never saves by itself: it asks with saveRequested."""

    fieldsChanged = Signal()
    saveRequested = Signal()
    revisionsRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.article_id: int | None = None
        self.base_version: int | None = None
        self.recovered = False
        self._open = False
        self.media = None
        self._loading = False
        self._dirty = False
        self._cover: int | None = None
        self._statuses = status_labels(self)
        self._build()
        self.clear()

    # ---- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("标题"))
        font = self.title.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        self.title.setFont(font)
        self.title_count = QLabel(self)
        self.subtitle = QLineEdit(self)
        self.subtitle.setPlaceholderText(self.tr("副标题（可选）"))
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.title_count)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_body(), icon("box"), self.tr("正文"))
        self.tabs.addTab(self._build_details(), icon("sources"), self.tr("稿件信息"))
        self.tabs.addTab(self._build_publishing(), icon("publish"), self.tr("发布"))

        self.state_label = QLabel(self)
        self.state_label.setObjectName("editorState")
        self.save_button = QPushButton(icon("save"), self.tr("保存"), self)
        self.save_button.setToolTip(self.tr("保存文章（Ctrl+S）"))
        self.save_button.clicked.connect(self.saveRequested)
        self.revisions_button = QPushButton(icon("revisions"), self.tr("修订记录"), self)
        self.revisions_button.clicked.connect(self.revisionsRequested)
        bottom = QHBoxLayout()
        bottom.addWidget(self.state_label, 1)
        bottom.addWidget(self.revisions_button)
        bottom.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(title_row)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        self.related.changed.connect(self._changed)
        for line in (
            self.title,
            *(getattr(self, name) for name in LINE_FIELDS),
            self.source,
            self.reporters,
            self.photographers,
            self.responsible_editor,
            self.tags,
        ):
            line.textChanged.connect(self._changed)
        for combo in (self.section, self.partner, self.status):
            combo.currentIndexChanged.connect(self._changed)
        for box in (*self.flag_boxes.values(), self.has_time, self.hot_exclude):
            box.toggled.connect(self._changed)
        self.publish_time.dateTimeChanged.connect(self._changed)
        self.hits.valueChanged.connect(self._changed)
        self.hot_pin.valueChanged.connect(self._changed)
        self.summary.textChanged.connect(self._changed)
        self.body.textChanged.connect(self._changed)
        self.body.textChanged.connect(self._stats_timer.start)
        self.title.textChanged.connect(self._update_title_count)
        self.has_time.toggled.connect(self.publish_time.setEnabled)
        self.status.currentIndexChanged.connect(self._update_schedule_hint)
        self.publish_time.dateTimeChanged.connect(self._update_schedule_hint)
        self.has_time.toggled.connect(self._update_schedule_hint)

    def _build_body(self) -> QWidget:
        page = QWidget(self)
        self.body = BodyEditor(page)
        self.body.setPlaceholderText(
            self.tr("在此输入正文（Markdown）：## 小标题，**粗体**，> 引用")
        )
        self.find_bar = BodyFindBar(self.body, page)
        self.toolbar = QToolBar(page)
        self.toolbar.setIconSize(self.toolbar.iconSize() * 0.8)
        self.format_actions = {}
        for name, text, shortcut, slot in (
            ("bold", self.tr("粗体"), "Ctrl+B", self.body.make_bold),
            ("italic", self.tr("斜体"), "Ctrl+I", self.body.make_italic),
            ("heading", self.tr("小标题"), "Ctrl+2", self.body.make_heading),
            ("quote", self.tr("引用"), "Ctrl+Shift+Q", self.body.make_quote),
            ("bullets", self.tr("项目列表"), "Ctrl+Shift+8", self.body.make_bullets),
            ("numbers", self.tr("编号列表"), "Ctrl+Shift+7", self.body.make_numbers),
            ("link", self.tr("链接"), "Ctrl+K", self.body.insert_link),
            ("image", self.tr("图片…"), "Ctrl+Shift+I", self.choose_image),
            ("table", self.tr("表格"), "Ctrl+Shift+T", self.body.insert_table),
            ("box", self.tr("新闻拓展框"), "Ctrl+Shift+B", self.body.insert_box),
            ("rule", self.tr("分隔线"), "Ctrl+Shift+H", self.body.insert_rule),
            ("typeset", self.tr("一键排版"), "Ctrl+Shift+L", self.body.typeset),
            ("find", self.tr("查找"), QKeySequence.StandardKey.Find, self.find_bar.open_find),
            ("replace", self.tr("替换"), "Ctrl+H", lambda: self.find_bar.open_find(True)),
        ):
            action = QAction(icon(name), text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(
                f"{text} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
            )
            action.triggered.connect(slot)
            self.format_actions[name] = action
            self.toolbar.addAction(action)
            self.addAction(action)
            if name in ("italic", "numbers", "typeset"):
                self.toolbar.addSeparator()
        first = self.toolbar.actions()[0]  # 源码 first: the other mode is one click away
        self.toolbar.insertAction(first, self.body.mode_action)
        self.toolbar.insertSeparator(first)
        self.toolbar.widgetForAction(self.body.mode_action).setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        )
        self.addAction(self.body.mode_action)
        next_match = QAction(self)
        next_match.setShortcut(QKeySequence.StandardKey.FindNext)
        next_match.triggered.connect(self.find_bar.find_next)
        self.addAction(next_match)
        self.stats = QLabel(page)
        self._stats_timer = QTimer(self)
        self._stats_timer.setSingleShot(True)
        self._stats_timer.setInterval(STATS_DELAY_MS)
        self._stats_timer.timeout.connect(self.update_stats)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.stats)
        return page

    def _build_details(self) -> QWidget:
        page = QWidget(self)
        self.section = QComboBox(page)
        self.section.setMaxVisibleItems(20)
        self.source = QLineEdit(page)
        self.source.setPlaceholderText(self.tr("如：成都日报"))
        self.source_completer = NameListCompleter([], self.source)
        self.source_completer.splitPath = lambda path: [path]  # one outlet, not a list
        self.source_completer.pathFromIndex = lambda index: str(index.data())
        self.source.setCompleter(self.source_completer)
        self.source_url = QLineEdit(page)
        self.source_url.setPlaceholderText("https://")
        self.original_title = QLineEdit(page)
        self.original_title.setPlaceholderText(self.tr("转载稿件在原发媒体的标题"))
        self.reporters = QLineEdit(page)
        self.reporters.setPlaceholderText(self.tr("多人用顿号分隔：黄雪松、李明"))
        self.photographers = QLineEdit(page)
        self.photographers.setPlaceholderText(self.tr("多人用顿号分隔"))
        self.responsible_editor = QLineEdit(page)
        self.people_completers = [
            NameListCompleter([], w) for w in (self.reporters, self.photographers)
        ]
        self.reporters.setCompleter(self.people_completers[0])
        self.photographers.setCompleter(self.people_completers[1])
        self.editor_completer = QCompleter(self.responsible_editor)
        self.editor_names = QStringListModel([], self.editor_completer)
        self.editor_completer.setModel(self.editor_names)
        self.editor_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.responsible_editor.setCompleter(self.editor_completer)
        self.partner = QComboBox(page)
        self.tags = QLineEdit(page)
        self.tags.setPlaceholderText(self.tr("关键词，用顿号或逗号分隔"))
        self.summary = QPlainTextEdit(page)
        self.summary.setPlaceholderText(self.tr("摘要：列表页和分享时显示"))
        self.summary.setMaximumHeight(90)
        form = QFormLayout()
        form.addRow(self.tr("栏目"), self.section)
        form.addRow(self.tr("来源"), self.source)
        form.addRow(self.tr("原文链接"), self.source_url)
        form.addRow(self.tr("原标题"), self.original_title)
        form.addRow(self.tr("记者"), self.reporters)
        form.addRow(self.tr("摄影"), self.photographers)
        form.addRow(self.tr("责编"), self.responsible_editor)
        form.addRow(self.tr("合作单位"), self.partner)
        form.addRow(self.tr("标签"), self.tags)
        form.addRow(self.tr("摘要"), self.summary)
        return _top_aligned(page, form)

    def _build_publishing(self) -> QWidget:
        page = QWidget(self)
        self.status = QComboBox(page)
        for key in STATUSES:
            self.status.addItem(self._statuses[key], key)
        self.has_time = QCheckBox(self.tr("指定时间"), page)
        self.publish_time = QDateTimeEdit(page)
        self.publish_time.setCalendarPopup(True)
        self.publish_time.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.schedule_hint = QLabel(page)
        time_row = QHBoxLayout()
        time_row.addWidget(self.has_time)
        time_row.addWidget(self.publish_time, 1)
        flags_row = QHBoxLayout()
        self.flag_boxes = {key: QCheckBox(label, page) for key, label in flag_labels(self).items()}
        for box in self.flag_boxes.values():
            flags_row.addWidget(box)
        flags_row.addStretch(1)
        self.hits = QSpinBox(page)
        self.hits.setRange(0, 2_000_000_000)
        self.hot_pin = QSpinBox(page)
        self.hot_pin.setRange(0, 10)
        self.hot_pin.setSpecialValueText(self.tr("按点击量"))
        self.hot_exclude = QCheckBox(self.tr("不进热门排行"), page)
        self.cover_label = QLabel(page)
        choose = QPushButton(icon("image"), self.tr("选择封面…"), page)
        choose.clicked.connect(self.choose_cover)
        clear = QPushButton(self.tr("清除"), page)
        clear.clicked.connect(lambda: self.set_cover(None))
        cover_row = QHBoxLayout()
        cover_row.addWidget(self.cover_label, 1)
        cover_row.addWidget(choose)
        cover_row.addWidget(clear)
        self.related = RelatedPicker(page)
        form = QFormLayout()
        form.addRow(self.tr("状态"), self.status)
        form.addRow(self.tr("发布时间"), time_row)
        form.addRow("", self.schedule_hint)
        form.addRow(self.tr("属性"), flags_row)
        form.addRow(self.tr("点击量"), self.hits)
        form.addRow(self.tr("热门排行位置"), self.hot_pin)
        form.addRow("", self.hot_exclude)
        form.addRow(self.tr("封面图"), cover_row)
        form.addRow(self.tr("相关新闻"), self.related)
        return _top_aligned(page, form)

    # ---- choices ----------------------------------------------------------------------------

    def set_choices(
        self,
        sections: list[tuple[int, str]],
        partners: list[str],
        sources: list[str],
        people: list[str],
        editors: list[str],
    ) -> None:
        """Fill the pickers and completers from the site's lists."""
        loading, self._loading = self._loading, True
        current_section = self.section.currentData()
        current_partner = self.partner.currentData()
        self.section.clear()
        for section_id, path in sections:
            self.section.addItem(path, section_id)
        self._select_data(self.section, current_section)
        self.partner.clear()
        self.partner.addItem(self.tr("栏目默认"), None)
        for name in partners:
            self.partner.addItem(name, name)
        self._select_data(self.partner, current_partner)
        self.source_completer.set_names(sources)
        for completer in self.people_completers:
            completer.set_names(people)
        self.editor_names.setStringList(editors)
        self._loading = loading

    @staticmethod
    def _select_data(combo: QComboBox, data) -> None:
        index = combo.findData(data)
        combo.setCurrentIndex(index if index >= 0 else (0 if combo.count() else -1))

    # ---- loading and reading ----------------------------------------------------------------

    def clear(self) -> None:
        """No article open (and no “new article” line under the body)."""
        self.load({}, None, None)
        self.setEnabled(False)
        self._open = False
        self.state_label.clear()

    def load(
        self, fields: dict, article_id: int | None, base_version: int | None, dirty: bool = False
    ) -> None:
        """Show an article's fields (a new article: article_id None)."""
        self._loading = True
        self.setEnabled(True)
        self.article_id = article_id
        self.base_version = base_version
        self.recovered = False  # set by the main window for a text recovered from autosave
        self._open = True
        self.title.setText(fields.get("title") or "")
        for name in LINE_FIELDS:
            getattr(self, name).setText(fields.get(name) or "")
        self.body.setPlainText(fields.get("body") or "")
        self._select_data(self.section, fields.get("section"))
        self.source.setText(fields.get("source") or "")
        self.reporters.setText(NAME_SEPARATOR.join(fields.get("reporters") or []))
        self.photographers.setText(NAME_SEPARATOR.join(fields.get("photographers") or []))
        self.responsible_editor.setText(fields.get("responsible_editor") or "")
        self._select_data(self.partner, fields.get("partner"))
        self.tags.setText(NAME_SEPARATOR.join(fields.get("tags") or []))
        self.summary.setPlainText(fields.get("summary") or "")
        self._select_data(self.status, fields.get("status") or "draft")
        moment = fields.get("publish_time")
        if isinstance(moment, str) and moment:
            moment = datetime.fromisoformat(moment)
        self.has_time.setChecked(moment is not None)
        self.publish_time.setEnabled(moment is not None)
        self.publish_time.setDateTime(QDateTime(moment) if moment else QDateTime.currentDateTime())
        flags = set(fields.get("flags") or [])
        for key, box in self.flag_boxes.items():
            box.setChecked(key in flags)
        self.hits.setValue(int(fields.get("hits") or 0))
        self.hot_pin.setValue(int(fields.get("hot_pin") or 0))
        self.hot_exclude.setChecked(bool(fields.get("hot_exclude")))
        self.set_cover(fields.get("cover"), announce=False)
        self.related.own_id = article_id
        self.related.set_ids([int(i) for i in fields.get("related") or []])
        self._loading = False
        self._dirty = dirty
        self.revisions_button.setEnabled(article_id is not None)
        self._update_title_count()
        self._update_schedule_hint()
        self.update_stats()
        self._update_state()
        self.tabs.setCurrentIndex(0)

    def fields(self) -> dict:
        """The form as an article field dict (the currency of the services)."""
        moment = self.publish_time.dateTime().toPython().replace(second=0, microsecond=0)
        return {
            "title": self.title.text().strip(),
            **{name: getattr(self, name).text().strip() for name in LINE_FIELDS},
            "summary": self.summary.toPlainText().strip(),
            "body": self.body.toPlainText(),
            "section": self.section.currentData(),
            "source": self.source.text().strip(),
            "reporters": split_names(self.reporters.text()),
            "photographers": split_names(self.photographers.text()),
            "responsible_editor": self.responsible_editor.text().strip(),
            "partner": self.partner.currentData(),
            "cover": self._cover,
            "tags": split_names(self.tags.text()),
            "flags": [key for key, box in self.flag_boxes.items() if box.isChecked()],
            "status": self.status.currentData() or "draft",
            "publish_time": moment.isoformat() if self.has_time.isChecked() else None,
            "hits": self.hits.value(),
            "hot_pin": self.hot_pin.value() or None,
            "hot_exclude": self.hot_exclude.isChecked(),
            "related": self.related.ids(),
        }

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    def mark_clean(self, article_id: int | None = None, base_version: int | None = None) -> None:
        """After a save: the form matches the database at `base_version`."""
        if article_id is not None:
            self.article_id = article_id
        if base_version is not None:
            self.base_version = base_version
        self._dirty = False
        self._update_state()

    def _changed(self, *_args) -> None:
        if self._loading:
            return
        self._dirty = True
        self._update_state()
        self.fieldsChanged.emit()

    # ---- small displays ---------------------------------------------------------------------

    def _update_state(self) -> None:
        if not self._open:
            self.state_label.clear()
            return
        if self.article_id is None:
            text = self.tr("新文章，尚未保存")
        else:
            text = self.tr("文章 {id} · 版本 {version}").format(
                id=self.article_id, version=self.base_version
            )
        if self._dirty:
            text += self.tr(" · 有未保存的修改")
        self.state_label.setText(text)

    def _update_title_count(self) -> None:
        count = len(self.title.text().strip())
        too_long = count > TITLE_WARN_LENGTH
        self.title_count.setText(f"{count}/{TITLE_WARN_LENGTH}")
        self.title_count.setStyleSheet(
            "color: #c62828; font-weight: bold;" if too_long else "color: #757575;"
        )
        self.title_count.setToolTip(
            self.tr("标题超过 {n} 字，在首页和列表中会被截断").format(n=TITLE_WARN_LENGTH)
            if too_long
            else ""
        )

    def _update_schedule_hint(self, *_args) -> None:
        moment = self.publish_time.dateTime().toPython()
        if (
            self.status.currentData() == "published"
            and self.has_time.isChecked()
            and moment > datetime.now()
        ):
            self.schedule_hint.setText(
                self.tr("将于 {time} 定时发布").format(time=moment.strftime("%Y-%m-%d %H:%M"))
            )
        else:
            self.schedule_hint.setText("")

    def update_stats(self) -> None:
        stats = text_stats(self.body.toPlainText())
        self.stats.setText(
            self.tr("字数 {chars} · 段落 {paragraphs} · 阅读约 {minutes} 分钟").format(
                chars=stats.characters, paragraphs=stats.paragraphs, minutes=stats.reading_minutes
            )
        )

    # ---- images -----------------------------------------------------------------------------

    def set_cover(self, asset_id: int | None, announce: bool = True) -> None:
        self._cover = int(asset_id) if asset_id else None
        self.cover_label.setPixmap(QPixmap())
        self.cover_label.setText(
            self.tr("图片 {id}").format(id=self._cover) if self._cover else self.tr("无")
        )
        if self._cover and self.media is not None:
            try:
                pixmap = QPixmap()
                if pixmap.loadFromData(self.media.get(self._cover).data):
                    self.cover_label.setPixmap(
                        pixmap.scaled(
                            COVER_THUMB,
                            COVER_THUMB,
                            Qt.AspectRatioMode.KeepAspectRatio,
                            Qt.TransformationMode.SmoothTransformation,
                        )
                    )
            except NewsdeskError as exc:  # missing, or unreadable now: the cover id is kept
                self.cover_label.setText(
                    self.tr("图片 {id}（无法显示：{reason}）").format(id=self._cover, reason=exc)
                )
        if announce:
            self._changed()

    def _pick_image(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择图片"), "", self.tr("图片 (*.png *.jpg *.jpeg *.gif *.webp)")
        )
        return path

    def choose_image(self) -> None:
        """The image button: pick a file, ask for its caption (图注) and alt text, insert it."""
        path = self._pick_image()
        if not path:
            return
        from editor.ui.dialogs.image_dialog import ImageDialog

        dialog = ImageDialog(path, self)
        if dialog.exec() != ImageDialog.DialogCode.Accepted:
            return
        caption, alt = dialog.values()
        self.body.insert_image_file(path, alt=alt, caption=caption)

    def choose_cover(self) -> None:
        path = self._pick_image()
        if path and self.media is not None:
            from editor.errors import NewsdeskError

            try:
                self.set_cover(self.media.add_file(path).id)
            except NewsdeskError as exc:  # not an image Pillow decodes
                QMessageBox.warning(self, self.tr("无法设置封面"), str(exc))
