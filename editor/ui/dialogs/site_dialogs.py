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


def create_site(parent=None, name: str | None = None, path: str | None = None) -> str | None:
    """Ask for a site name and file, create the empty site; returns its location."""
    if name is None:
        name, ok = QInputDialog.getText(
            parent, QDialog.tr("新建站点"), QDialog.tr("站点名称："), text=QDialog.tr("新站点")
        )
        if not ok or not name.strip():
            return None
    if path is None:
        suggested = str(user_data_dir() / f"{name.strip()}{SITE_SUFFIX}")
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
    language. `location` holds the answer."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.location: str | None = None
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
        location = create_site(self)
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
