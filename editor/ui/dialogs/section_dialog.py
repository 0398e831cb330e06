"""Properties of one section: name, slug, navigation, partner, page size, description."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
)


class SectionDialog(QDialog):
    """Edit a section's properties; `values()` is what SectionService.update takes."""

    def __init__(self, workspace, section_id: int, parent=None) -> None:
        super().__init__(parent)
        node = workspace.sections.tree().get(section_id)
        self.setWindowTitle(self.tr("栏目属性：{path}").format(path=node.path))
        self.name = QLineEdit(node.name, self)
        self.slug = QLineEdit(node.slug, self)
        self.slug.setToolTip(self.tr("网址中的名称，只用小写字母、数字和连字符"))
        self.in_navigation = QCheckBox(self.tr("显示在导航中"), self)
        self.in_navigation.setChecked(node.in_navigation)
        self.partner = QComboBox(self)
        self.partner.addItem(self.tr("（无，沿用上级栏目）"), None)
        for partner in workspace.partners.list():
            self.partner.addItem(partner.name, partner.id)
        index = self.partner.findData(node.partner_id)
        self.partner.setCurrentIndex(max(0, index))
        self.page_size = QSpinBox(self)
        self.page_size.setRange(1, 500)
        self.page_size.setValue(node.page_size)
        self.description = QPlainTextEdit(node.description, self)
        self.description.setMaximumHeight(80)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("网址名"), self.slug)
        form.addRow("", self.in_navigation)
        form.addRow(self.tr("合作单位"), self.partner)
        form.addRow(self.tr("每页文章数"), self.page_size)
        form.addRow(self.tr("说明"), self.description)
        form.addRow(buttons)
        self.resize(460, 300)

    def values(self) -> dict:
        return {
            "name": self.name.text().strip(),
            "slug": self.slug.text().strip(),
            "in_navigation": self.in_navigation.isChecked(),
            "partner": self.partner.currentData(),
            "page_size": self.page_size.value(),
            "description": self.description.toPlainText().strip(),
        }
