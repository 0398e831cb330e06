"""The About box: name, version, what the program is for."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox

from editor import __version__


def show_about(parent) -> None:
    """Show the About box with the program's version."""
    QMessageBox.about(
        parent,
        QCoreApplication.translate("AboutDialog", "关于编辑台"),
        "<h3>编辑台 Newsdesk {version}</h3><p>{blurb}</p><p>Qt {qt} · GPL-3.0-or-later</p>".format(
            version=__version__,
            blurb=QCoreApplication.translate(
                "AboutDialog",
                "新闻门户的桌面编辑工作站：管理栏目，编辑和导入稿件，所见即所得地预览，导出静态网站。",
            ),
            qt=qVersion(),
        ),
    )
