"""Choosing a site: the welcome dialog on first start, and creating a new empty site."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from editor.config import user_data_dir
from editor.errors import NewsdeskError
from editor.ui import settings
from editor.ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, install_language
from editor.ui.icons import icon

DEMO = "@demo"
SITE_SUFFIX = ".newsdesk"


def missing_site_file(location: str) -> Path | None:
    """The file a site location names when no site is there yet (a missing or empty file);
    None for the demo, server addresses and existing files."""
    from editor.errors import DatabaseFileError
    from editor.store.db import parse_target

    if not location or location == DEMO:
        return None
    try:
        target = parse_target(location)
    except DatabaseFileError:
        return None
    if not target.is_sqlite:
        return None
    path = Path(target.location)
    if path.is_dir() or (path.exists() and path.stat().st_size > 0):
        return None
    return path


def offer_new_site(location: str, parent=None) -> str | None:
    """`--db` named a file holding no site: offer to create the site there (Yes), choose
    another way in the welcome dialog (No), or stop (Cancel). Returns the site to open."""
    path = missing_site_file(location)
    if path is None:
        return location
    answer = QMessageBox.question(
        parent,
        QDialog.tr("没有找到站点"),
        QDialog.tr(
            "{path} 还没有站点。\n要在这里新建一个空白站点吗？"
            "选择“否”可以打开演示站点、打开其他站点文件或在别处新建。"
        ).format(path=path),
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel,
    )
    if answer == QMessageBox.StandardButton.Yes:
        return create_site(parent, path=str(path))
    if answer == QMessageBox.StandardButton.No:
        dialog = WelcomeDialog(parent, suggested_path=str(path))
        return dialog.location if dialog.exec() else None
    return None


def create_site(
    parent=None, name: str | None = None, path: str | None = None, suggested: str | None = None
) -> str | None:
    """Ask for a site name (and, without `path`, the file: `suggested` or one in the user
    data folder is proposed), create the empty site; returns its location."""
    if name is None:
        name, ok = QInputDialog.getText(
            parent, QDialog.tr("新建站点"), QDialog.tr("站点名称："), text=QDialog.tr("新站点")
        )
        if not ok or not name.strip():
            return None
    if path is None:
        suggested = suggested or str(user_data_dir() / f"{name.strip()}{SITE_SUFFIX}")
        path, _ = QFileDialog.getSaveFileName(
            parent, QDialog.tr("站点文件"), suggested, f"Newsdesk (*{SITE_SUFFIX})"
        )
        if not path:
            return None
    if not path.endswith(SITE_SUFFIX) and not Path(path).suffix:
        path += SITE_SUFFIX
    from editor.workspace import Workspace

    try:
        with Workspace.open(path, create=True) as workspace, workspace.edit():
            workspace.site.update(name=name.strip())
    except NewsdeskError as exc:
        QMessageBox.warning(parent, QDialog.tr("无法新建站点"), str(exc))
        return None
    return str(Path(path).resolve())


class WelcomeDialog(QDialog):
    """First start: open the demo site, make a new site, or open a site file; pick the
    language. `location` holds the answer; `suggested_path` (the `--db` file) is where a new
    site is proposed."""

    def __init__(self, parent=None, suggested_path: str | None = None) -> None:
        super().__init__(parent)
        self.location: str | None = None
        self.suggested_path = suggested_path  # where 新建空白站点 proposes the new file
        self.setWindowIcon(icon("site"))
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.demo_button = QPushButton(icon("site"), "", self)
        self.demo_button.setDefault(True)
        self.new_button = QPushButton(icon("new_site"), "", self)
        self.open_button = QPushButton(icon("open"), "", self)
        self.language_label = QLabel(self)
        demo, new, open_file = self.demo_button, self.new_button, self.open_button
        for button in (demo, new, open_file):
            button.setMinimumHeight(36)
        demo.clicked.connect(self.choose_demo)
        new.clicked.connect(self._new)
        open_file.clicked.connect(self._open)
        self.language = QComboBox(self)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        current = settings.language() or DEFAULT_LANGUAGE
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        self.language.currentIndexChanged.connect(self._language_changed)
        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        buttons = QHBoxLayout()
        for button in (demo, new, open_file):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addLayout(form)
        self.retranslate()
        self.resize(560, 240)

    def retranslate(self) -> None:
        """Set the texts in the current UI language."""
        self.setWindowTitle(self.tr("欢迎使用编辑台"))
        self.intro.setText(
            self.tr(
                "<h2>编辑台 Newsdesk</h2><p>管理栏目、编辑稿件、预览并导出新闻网站。"
                "先打开一个站点：</p>"
            )
        )
        self.demo_button.setText(self.tr("打开演示站点"))
        self.new_button.setText(self.tr("新建空白站点…"))
        self.open_button.setText(self.tr("打开站点文件…"))
        self.language_label.setText(self.tr("界面语言"))

    def _language_changed(self) -> None:
        code = self.language.currentData()
        settings.set_language(code)
        install_language(code)
        self.retranslate()

    def choose_demo(self) -> None:
        self.location = DEMO
        self.accept()

    def _new(self) -> None:
        location = create_site(self, suggested=self.suggested_path)
        if location:
            self.location = location
            self.accept()

    def _open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("打开站点"), "", "Newsdesk (*.newsdesk *.db *.sqlite);;*"
        )
        if path:
            self.location = path
            self.accept()
