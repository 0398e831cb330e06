"""The status bar's 检查 button: what the checks found in the open article at its last save.
Its menu lists the findings; choosing one selects its place in the editor (either body mode,
or the field on 稿件信息), and 修正 applies the suggested fix there and saves again."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from editor.ui.finding_jump import WindowFindings

MENU_LIMIT = 40  # findings listed in the menu; the review panel lists them all


class FindingsButton(QToolButton):
    """✖ errors ⚠ warnings of the open article; hidden when the checks found nothing."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.article_id: int | None = None
        self.findings: list = []
        self.setObjectName("findingsButton")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setAutoRaise(True)
        self.setToolTip(self.tr("保存时的检查结果：选一项即在编辑区定位，有建议的可一键修正"))
        self.setMenu(QMenu(self))
        self.hide()

    def show_findings(self, article_id: int, findings: list) -> None:
        """Show what the checks found in the article just saved."""
        self.article_id = article_id
        self.findings = list(findings)
        menu = self.menu()
        menu.clear()
        if not self.findings:
            self.hide()
            return
        errors = sum(1 for f in self.findings if f.level == "error")
        warnings = len(self.findings) - errors
        parts = [self.tr("✖ {count}").format(count=errors)] if errors else []
        if warnings:
            parts.append(self.tr("⚠ {count}").format(count=warnings))
        self.setText(self.tr("检查：{counts}").format(counts=" ".join(parts)))
        self.setStyleSheet("color:#9b1c1c" if errors else "")
        ordered = sorted(self.findings, key=lambda f: f.level != "error")
        for finding in ordered[:MENU_LIMIT]:
            level = self.tr("错误") if finding.level == "error" else self.tr("提示")
            jump = menu.addAction(f"{level}　{finding.message}")
            jump.setEnabled(finding.locatable)
            # after the menu has closed: a fix saves, and the save rebuilds this menu
            jump.triggered.connect(
                lambda _=False, f=finding: QTimer.singleShot(0, lambda: self.locate(f))
            )
            if finding.fix is not None:
                shown = finding.suggestion or finding.fix or self.tr("（删去）")
                fix = menu.addAction(self.tr("　　修正为“{fix}”").format(fix=shown[:30]))
                fix.triggered.connect(
                    lambda _=False, f=finding: QTimer.singleShot(0, lambda: self.fix(f))
                )
        if len(ordered) > MENU_LIMIT:
            more = menu.addAction(
                self.tr("还有 {count} 项，见审签面板").format(count=len(ordered) - MENU_LIMIT)
            )
            more.setEnabled(False)
        self.show()

    def clear(self) -> None:
        """Another article is open (or none): its findings are not these."""
        self.article_id = None
        self.findings = []
        self.menu().clear()
        self.hide()

    def locate(self, finding: Any) -> bool:
        """Select the finding's place in the editor."""
        shown = WindowFindings(self.window).show(finding)
        if not shown:
            self.window.statusBar().showMessage(
                self.tr("原文已经改动，找不到这处问题；保存后会重新检查。"), 6000
            )
        return shown

    def fix(self, finding: Any) -> bool:
        """Apply the finding's fix in the editor and save (the save checks again)."""
        fixed = WindowFindings(self.window).fix(finding)
        if not fixed:
            self.window.statusBar().showMessage(
                self.tr("原文已经改动，找不到这处问题；保存后会重新检查。"), 6000
            )
        return fixed
