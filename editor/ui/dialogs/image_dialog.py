"""Insert an image into the body: a preview of the chosen file, its caption (图注) and its
alternative text for readers who cannot see it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

PREVIEW_SIZE = 320


class ImageDialog(QDialog):
    """Ask for the caption and alt text of an image about to be inserted."""

    def __init__(self, path: str | Path, parent=None) -> None:
        super().__init__(parent)
        path = Path(path)
        self.setWindowTitle(self.tr("插入图片：{name}").format(name=path.name))
        self.preview = QLabel(self)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pixmap = QPixmap(str(path))
        if pixmap.isNull():
            self.preview.setText(self.tr("无法预览这张图片。"))
        else:
            self.preview.setPixmap(
                pixmap.scaled(
                    PREVIEW_SIZE,
                    PREVIEW_SIZE,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.caption = QLineEdit(self)
        self.caption.setPlaceholderText(self.tr("显示在图片下方，可不填"))
        self.alt = QLineEdit(self)
        self.alt.setPlaceholderText(self.tr("图片内容的简短描述，供读屏软件和图片无法显示时使用"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("插入"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.preview)
        form.addRow(self.tr("图注"), self.caption)
        form.addRow(self.tr("替代文字"), self.alt)
        form.addRow(buttons)
        self.resize(460, 420)

    def values(self) -> tuple[str, str]:
        """(caption, alt) as typed, without surrounding spaces or quotes that would end the
        Markdown title early."""
        caption = self.caption.text().strip().replace('"', "“")
        alt = self.alt.text().strip().replace("]", "】").replace("[", "【")
        return caption, alt
