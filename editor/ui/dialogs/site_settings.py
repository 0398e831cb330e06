"""Site settings: name, domain, slogan, base URL, founded year, footer links, ICP number,
technical support credit, submission mailbox, rights notice, user templates folder."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.errors import NewsdeskError

TEXT_FIELDS = (
    "name",
    "domain",
    "slogan",
    "base_url",
    "icp_number",
    "icp_url",
    "tech_support",
    "tech_support_url",
    "submission_email",
    "submission_contact",
    "templates_dir",
)


class SiteSettingsDialog(QDialog):
    """Edit the one Site row; OK saves through SiteService.update."""

    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(self.tr("站点设置"))
        site = workspace.site.get()
        self.lines = {key: QLineEdit(str(getattr(site, key) or ""), self) for key in TEXT_FIELDS}
        self.founded = QSpinBox(self)
        self.founded.setRange(0, 2100)
        self.founded.setSpecialValueText(self.tr("未设置"))
        self.founded.setValue(site.founded_year or 0)
        self.rights = QPlainTextEdit(site.rights_notice or "", self)
        self.rights.setMaximumHeight(60)
        self.rights.setPlaceholderText(
            self.tr("留空时显示：{name}版权所有，未经书面授权禁止使用").format(
                name=site.name or self.tr("站点名称")
            )
        )
        self._settings = dict(site.settings) if isinstance(site.settings, dict) else {}
        self.copyright_line = QLineEdit(str(self._settings.get("copyright_line") or ""), self)
        self.copyright_line.setPlaceholderText(self.tr("留空时显示：© {years} {name}"))
        self.copyright_line.setToolTip(
            self.tr(
                "页脚最后一行。可用：{years}（创办年份至导出年份，如 2006–2026）、"
                "{start}、{end}、{name}（站点名称）、{domain}（域名）"
            )
        )
        self.links = QTableWidget(0, 2, self)
        self.links.setHorizontalHeaderLabels([self.tr("链接文字"), self.tr("网址")])
        self.links.horizontalHeader().setStretchLastSection(True)
        self.links.verticalHeader().setVisible(False)
        self.links.setMaximumHeight(130)
        for link in site.footer_links or []:
            self.add_link(link.get("title", ""), link.get("url", ""))
        add = QPushButton(self.tr("添加链接"), self)
        remove = QPushButton(self.tr("删除链接"), self)
        add.clicked.connect(lambda: self.add_link("", ""))
        remove.clicked.connect(lambda: self.links.removeRow(self.links.currentRow()))
        link_buttons = QHBoxLayout()
        link_buttons.addWidget(add)
        link_buttons.addWidget(remove)
        link_buttons.addStretch(1)
        links_box = QWidget(self)
        links_layout = QVBoxLayout(links_box)
        links_layout.setContentsMargins(0, 0, 0, 0)
        links_layout.addWidget(self.links)
        links_layout.addLayout(link_buttons)
        browse = QToolButton(self)
        browse.setText("…")
        browse.clicked.connect(self._browse_templates)
        templates = QWidget(self)
        templates_row = QHBoxLayout(templates)
        templates_row.setContentsMargins(0, 0, 0, 0)
        templates_row.addWidget(self.lines["templates_dir"], 1)
        templates_row.addWidget(browse)
        self.lines["templates_dir"].setPlaceholderText(self.tr("留空使用内置模板"))
        self.lines["base_url"].setPlaceholderText("https://www.example.com/")
        labels = {
            "name": self.tr("站点名称"),
            "domain": self.tr("域名"),
            "slogan": self.tr("口号"),
            "base_url": self.tr("网站地址"),
            "icp_number": self.tr("备案号"),
            "icp_url": self.tr("备案查询网址"),
            "tech_support": self.tr("技术支持"),
            "tech_support_url": self.tr("技术支持网址"),
            "submission_email": self.tr("投稿邮箱"),
            "submission_contact": self.tr("投稿联系人"),
        }
        form = QFormLayout()
        for key, label in labels.items():
            form.addRow(label, self.lines[key])
            if key == "base_url":
                form.addRow(self.tr("创办年份"), self.founded)
        form.addRow(self.tr("版权声明"), self.rights)
        form.addRow(self.tr("版权行"), self.copyright_line)
        form.addRow(self.tr("页脚链接"), links_box)
        form.addRow(self.tr("自定义模板文件夹"), templates)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(620, 720)

    def add_link(self, title: str, url: str) -> None:
        row = self.links.rowCount()
        self.links.insertRow(row)
        self.links.setItem(row, 0, QTableWidgetItem(title))
        self.links.setItem(row, 1, QTableWidgetItem(url))

    def _browse_templates(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("自定义模板文件夹"), self.lines["templates_dir"].text()
        )
        if path:
            self.lines["templates_dir"].setText(path)

    def values(self) -> dict:
        values = {key: line.text().strip() for key, line in self.lines.items()}
        values["founded_year"] = self.founded.value() or None
        values["rights_notice"] = self.rights.toPlainText().strip()
        links = []
        for row in range(self.links.rowCount()):
            title = (self.links.item(row, 0).text() if self.links.item(row, 0) else "").strip()
            url = (self.links.item(row, 1).text() if self.links.item(row, 1) else "").strip()
            if title:
                links.append({"title": title, "url": url})
        values["footer_links"] = links
        settings = dict(self._settings)
        line = self.copyright_line.text().strip()
        if line:
            settings["copyright_line"] = line
        else:
            settings.pop("copyright_line", None)
        values["settings"] = settings
        return values

    def accept(self) -> None:
        try:
            with self.workspace.edit():
                self.workspace.site.update(**self.values())
        except NewsdeskError as exc:
            QMessageBox.warning(self, self.tr("无法保存"), str(exc))
            return
        super().accept()
