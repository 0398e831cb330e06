"""The main window's actions, menus and toolbar, declared as data (text, icon, shortcut)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolBar

from editor.ui.icons import icon

# name -> (text, icon, shortcut); text is translated in the MainWindow context.
ACTION_SPECS = {
    "new_site": (QT_TRANSLATE_NOOP("MainWindow", "新建站点…"), "new_site", None),
    "open_site": (
        QT_TRANSLATE_NOOP("MainWindow", "打开站点…"),
        "open",
        QKeySequence.StandardKey.Open,
    ),
    "open_demo": (QT_TRANSLATE_NOOP("MainWindow", "打开演示站点"), "site", None),
    "import": (QT_TRANSLATE_NOOP("MainWindow", "导入稿件…"), "import", "Ctrl+Shift+O"),
    "export": (QT_TRANSLATE_NOOP("MainWindow", "导出站点…"), "export", "Ctrl+E"),
    "export_after_publish": (
        QT_TRANSLATE_NOOP("MainWindow", "发布后更新导出文件夹"),
        "export",
        None,
    ),
    "publish_site": (QT_TRANSLATE_NOOP("MainWindow", "发布到网站…"), "upload", "Ctrl+Shift+U"),
    "backup": (QT_TRANSLATE_NOOP("MainWindow", "备份站点…"), "backup", None),
    "restore": (QT_TRANSLATE_NOOP("MainWindow", "从备份恢复…"), "restore", None),
    "quit": (QT_TRANSLATE_NOOP("MainWindow", "退出"), "quit", QKeySequence.StandardKey.Quit),
    "new_article": (
        QT_TRANSLATE_NOOP("MainWindow", "新建文章"),
        "new_article",
        QKeySequence.StandardKey.New,
    ),
    "save": (QT_TRANSLATE_NOOP("MainWindow", "保存文章"), "save", QKeySequence.StandardKey.Save),
    "revert": (QT_TRANSLATE_NOOP("MainWindow", "放弃修改"), "unpublish", None),
    "publish": (QT_TRANSLATE_NOOP("MainWindow", "发布所选文章"), "publish", "Ctrl+Shift+P"),
    "unpublish": (QT_TRANSLATE_NOOP("MainWindow", "撤回为草稿"), "unpublish", None),
    "move": (QT_TRANSLATE_NOOP("MainWindow", "移动到栏目…"), "move", "Ctrl+Shift+M"),
    "delete": (QT_TRANSLATE_NOOP("MainWindow", "删除所选文章…"), "delete", None),
    "revisions": (QT_TRANSLATE_NOOP("MainWindow", "修订记录…"), "revisions", "Ctrl+Shift+R"),
    "recover": (QT_TRANSLATE_NOOP("MainWindow", "恢复自动保存的稿件…"), "recover", None),
    "review_article": (QT_TRANSLATE_NOOP("MainWindow", "审签…"), "publish", "Ctrl+Shift+K"),
    "review_queue": (QT_TRANSLATE_NOOP("MainWindow", "待审队列…"), "revisions", None),
    "search": (QT_TRANSLATE_NOOP("MainWindow", "搜索文章"), "search", "Ctrl+Shift+F"),
    "add_section": (QT_TRANSLATE_NOOP("MainWindow", "新建栏目…"), "add_section", None),
    "add_subsection": (QT_TRANSLATE_NOOP("MainWindow", "新建子栏目…"), "add_section", None),
    "rename_section": (QT_TRANSLATE_NOOP("MainWindow", "重命名栏目"), "rename", "F2"),
    "section_properties": (QT_TRANSLATE_NOOP("MainWindow", "栏目属性…"), "properties", None),
    "delete_section": (QT_TRANSLATE_NOOP("MainWindow", "删除栏目…"), "delete", None),
    "site_settings": (QT_TRANSLATE_NOOP("MainWindow", "站点设置…"), "settings", None),
    "partners": (QT_TRANSLATE_NOOP("MainWindow", "合作单位…"), "partners", None),
    "sources": (QT_TRANSLATE_NOOP("MainWindow", "来源…"), "sources", None),
    "people": (QT_TRANSLATE_NOOP("MainWindow", "记者与编辑…"), "people", None),
    "editor_name": (QT_TRANSLATE_NOOP("MainWindow", "我的署名…"), "people", None),
    "show_preview": (QT_TRANSLATE_NOOP("MainWindow", "预览"), "preview", "F6"),
    "phone_preview": (QT_TRANSLATE_NOOP("MainWindow", "手机版预览"), "phone", "Ctrl+Shift+W"),
    "refresh_preview": (QT_TRANSLATE_NOOP("MainWindow", "刷新预览"), "refresh", "F5"),
    "browser_preview": (QT_TRANSLATE_NOOP("MainWindow", "在浏览器中预览"), "browser", "F12"),
    "user_guide": (
        QT_TRANSLATE_NOOP("MainWindow", "使用指南"),
        "about",
        QKeySequence.StandardKey.HelpContents,
    ),
    "shortcuts": (QT_TRANSLATE_NOOP("MainWindow", "键盘快捷键"), "about", "Ctrl+/"),
    "about": (QT_TRANSLATE_NOOP("MainWindow", "关于编辑台"), "about", None),
}

MENUS = (
    (
        QT_TRANSLATE_NOOP("MainWindow", "文件(&F)"),
        (
            "new_site",
            "open_site",
            "open_demo",
            "@recent",
            None,
            "import",
            "export",
            "export_after_publish",
            "publish_site",
            None,
            "backup",
            "restore",
            None,
            "quit",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("MainWindow", "文章(&A)"),
        (
            "new_article",
            "save",
            "revert",
            None,
            "publish",
            "unpublish",
            "move",
            "delete",
            None,
            "revisions",
            "recover",
            None,
            "review_article",
            "review_queue",
            None,
            "search",
        ),
    ),
    (QT_TRANSLATE_NOOP("MainWindow", "格式(&O)"), ("@format",)),
    (
        QT_TRANSLATE_NOOP("MainWindow", "栏目(&S)"),
        (
            "add_section",
            "add_subsection",
            "rename_section",
            "section_properties",
            None,
            "delete_section",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("MainWindow", "站点(&T)"),
        ("site_settings", None, "partners", "sources", "people", None, "editor_name"),
    ),
    (
        QT_TRANSLATE_NOOP("MainWindow", "视图(&V)"),
        (
            "show_preview",
            "phone_preview",
            "refresh_preview",
            "browser_preview",
            None,
            "@language",
        ),
    ),
    (QT_TRANSLATE_NOOP("MainWindow", "帮助(&H)"), ("user_guide", "shortcuts", None, "about")),
)
TOOLBAR = (
    "new_article",
    "save",
    None,
    "publish",
    "revisions",
    None,
    "import",
    "export",
    "publish_site",
    None,
    "show_preview",
)


def build_actions(window: QMainWindow) -> dict[str, QAction]:
    """One QAction per ACTION_SPECS entry, parented to the window."""
    actions = {}
    for name, (text, icon_name, shortcut) in ACTION_SPECS.items():
        action = QAction(icon(icon_name), window.tr(text), window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setObjectName(f"action_{name}")
        actions[name] = action
    actions["phone_preview"].setCheckable(True)
    actions["show_preview"].setCheckable(True)
    actions["export_after_publish"].setCheckable(True)
    return actions


def build_menus(window: QMainWindow, actions: dict[str, QAction], specials: dict) -> dict:
    """The menu bar and the main toolbar. `specials` fills the @-entries (a callable that
    populates a menu)."""
    menus = {}
    for title, entries in MENUS:
        menu = window.menuBar().addMenu(window.tr(title))
        menus[title] = menu
        for entry in entries:
            if entry is None:
                menu.addSeparator()
            elif entry.startswith("@"):
                specials[entry](menu)
            else:
                menu.addAction(actions[entry])
    toolbar = QToolBar(window.tr(QT_TRANSLATE_NOOP("MainWindow", "主工具栏")), window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for entry in TOOLBAR:
        if entry is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(actions[entry])
    window.addToolBar(toolbar)
    return menus
