"""Add a publish target: name, URL, mode, base URL and the password (kept in the system
keyring only, never in the site or the settings)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from editor.errors import NewsdeskError
from editor.publish.targets.service import HostPublisher


class AddTargetDialog(QDialog):
    """The fields of a new target; `accept` adds it through the publish service."""

    def __init__(self, host: HostPublisher, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.added = None
        self.setWindowTitle(self.tr("添加发布目标"))
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("例如：正式站"))
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("sftp://user@example.com/srv/site")
        self.mode = QComboBox(self)
        self.mode.addItem(self.tr("自动（文件夹和 SFTP 用版本模式）"), None)
        self.mode.addItem(self.tr("版本模式（原子切换，可一键回滚）"), "release")
        self.mode.addItem(self.tr("就地更新（按依赖顺序上传）"), "in-place")
        self.base_url = QLineEdit(self)
        self.base_url.setPlaceholderText("https://www.example.com/")
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        hint = QLabel(
            self.tr(
                "地址示例：sftp://用户@主机/路径（可加 ?key=私钥文件）、file:///挂载的文件夹。"
                "密码只保存在系统密钥环中；没有密钥环时会提示，不会以明文保存。"
            ),
            self,
        )
        hint.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("地址"), self.url)
        form.addRow(self.tr("模式"), self.mode)
        form.addRow(self.tr("网站地址（用于核对）"), self.base_url)
        form.addRow(self.tr("密码或密钥口令"), self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, 300)

    def accept(self) -> None:
        """Add the target; on a refusal show why and keep the dialog open."""
        try:
            self.added = self.host.add_target(
                self.name.text().strip(),
                self.url.text().strip(),
                mode=self.mode.currentData(),
                base_url=self.base_url.text().strip(),
                secret=self.password.text() or None,
            )
        except NewsdeskError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        finally:
            self.password.clear()
        super().accept()
