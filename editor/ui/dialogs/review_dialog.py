"""三审签发 in the desktop application: sign in, an article's review panel (state, what the
checks find, the timeline of its record, submit, claim, sign, return with a comment,
withdraw, override a blocking finding with a reason, save the 审签单), and the 待审 queue of
the signed-in user, polled every few seconds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QSocketNotifier, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor.content.review import LEVEL_NAMES, STATE_NAMES, WAITING
from editor.content.review_queue import (
    DECISION_NAMES,
    compared_versions,
    queue_for,
    signing_sheet,
)
from editor.errors import NewsdeskError
from editor.store.models import now
from editor.store.notify import drain, listen
from editor.ui.dialogs.revisions_dialog import diff_html
from editor.ui.tasks import BackgroundTask

QUEUE_POLL_MS = 5000
CHECK_BATCH = 100  # unchecked queue rows checked in one background pass
CHECK_DELAY_MS = 300  # the checks of unchecked rows start this long after the queue shows
_running: set[BackgroundTask] = set()


def keep_running(task: BackgroundTask) -> None:
    """Start a task that belongs to no widget and keep it until its thread ends: a dialog
    closed (or collected) while its checks run must not destroy a running thread."""
    _running.add(task)
    task.finished.connect(lambda: _running.discard(task))
    task.start()


class SignInDialog(QDialog):
    """User name and password; the password is only compared with the stored hash."""

    def __init__(self, parent: QWidget | None, workspace: Any, name: str = "") -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.signed: str | None = None
        self.setWindowTitle(self.tr("登录审签"))
        form = QFormLayout(self)
        self.name = QLineEdit(name)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setStyleSheet("color:#b00020")
        form.addRow(self.tr("用户名："), self.name)
        form.addRow(self.tr("密码："), self.password)
        form.addRow(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self.check)
        self.buttons.rejected.connect(self.reject)

    def check(self) -> None:
        """Accept when the password matches; otherwise say so and stay."""
        try:
            user = self.workspace.users.authenticate(self.name.text(), self.password.text())
        except NewsdeskError as exc:
            self.message.setText(str(exc))
            self.password.clear()
            return
        self.signed = user.name
        self.accept()

    @staticmethod
    def tr_title() -> str:
        return QCoreApplication.translate("SignInDialog", "审签")

    @staticmethod
    def no_users_text() -> str:
        return QCoreApplication.translate(
            "SignInDialog",
            "本站还没有用户。请先用命令行添加：newsdesk users add 名字 --real-name 姓名 --role 角色",
        )


def sign_in(parent: QWidget, workspace: Any) -> str | None:
    """Ask for a user name and password until they match or the editor gives up; returns
    the signed-in name and remembers it on `parent` (the password is never kept)."""
    if not workspace.users.any():
        QMessageBox.information(parent, SignInDialog.tr_title(), SignInDialog.no_users_text())
        return None
    dialog = SignInDialog(parent, workspace, getattr(parent, "review_user", "") or "")
    dialog.exec()
    if dialog.signed:
        parent.review_user = dialog.signed
    return dialog.signed


class ReviewDialog(QDialog):
    """The review panel of one article for the signed-in user."""

    def __init__(
        self,
        parent: QWidget,
        workspace: Any,
        article_id: int,
        user: str,
        findings: Any = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.article_id = article_id
        self.user = user
        self.findings: list = []
        # The main window's editor (editor.ui.finding_jump.WindowFindings): 定位 closes the
        # panel and leaves the finding to show there (`jump_to`); 修正 applies and saves.
        self.editor_findings = findings
        self.jump_to = None
        self.task: BackgroundTask | None = None
        real_name = workspace.users.get(user).real_name
        self.setWindowTitle(
            self.tr("审签 — {title}").format(title=workspace.articles.get(article_id).title)
        )
        self.resize(900, 780)
        layout = QVBoxLayout(self)
        self.state = QLabel()
        self.state.setObjectName("reviewState")
        layout.addWidget(self.state)
        layout.addWidget(
            QLabel(self.tr("当前用户：{name}（{user}）").format(name=real_name, user=user))
        )
        layout.addWidget(QLabel(self.tr("检查结果：")))
        self.checks = QListWidget()
        self.checks.setObjectName("reviewFindings")
        self.checks.setMaximumHeight(150)
        self.checks.itemDoubleClicked.connect(lambda _item: self.jump())
        self.checks.currentRowChanged.connect(self._finding_chosen)
        layout.addWidget(self.checks)
        finding_row = QHBoxLayout()
        self.jump_button = QPushButton(self.tr("定位到原文"))
        self.jump_button.setObjectName("review_jump")
        self.jump_button.setToolTip(self.tr("关闭审签面板，在编辑区选中这处问题（双击也可）"))
        self.jump_button.clicked.connect(self.jump)
        self.fix_button = QPushButton(self.tr("按建议修正"))
        self.fix_button.setObjectName("review_fix")
        self.fix_button.setToolTip(self.tr("在编辑区改成建议的写法并保存，然后重新检查"))
        self.fix_button.clicked.connect(self.fix)
        for button in (self.jump_button, self.fix_button):
            button.setEnabled(False)
            button.setVisible(findings is not None)
            finding_row.addWidget(button)
        finding_row.addStretch(1)
        layout.addLayout(finding_row)
        layout.addWidget(QLabel(self.tr("与送审稿、上一级签发稿（转载稿还有原文）的差异：")))
        self.changes = QTextBrowser()
        self.changes.setObjectName("reviewChanges")
        self.changes.setMaximumHeight(200)  # three comparisons for a 转载
        layout.addWidget(self.changes)
        layout.addWidget(QLabel(self.tr("审签记录：")))
        self.timeline = QTableWidget(0, 5)
        self.timeline.setObjectName("reviewTimeline")
        self.timeline.setHorizontalHeaderLabels(
            [
                self.tr("时间"),
                self.tr("审级"),
                self.tr("操作"),
                self.tr("签名"),
                self.tr("审读意见"),
            ]
        )
        self.timeline.horizontalHeader().setStretchLastSection(True)
        self.timeline.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.timeline, 1)
        form = QFormLayout()
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(self.tr("审读意见（退回时必填）"))
        self.comment.setMaximumHeight(70)
        self.override = QLineEdit()
        self.override.setPlaceholderText(self.tr("检查发现错误时，写明越过的理由"))
        self.return_to = QComboBox()
        self.return_to.addItem(self.tr("退回作者"), "author")
        self.return_to.addItem(self.tr("退回上一级"), "previous")
        form.addRow(self.tr("审读意见："), self.comment)
        form.addRow(self.tr("越过检查的理由："), self.override)
        form.addRow(self.tr("退回到："), self.return_to)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.buttons = {}
        for key, text in (
            ("submit", self.tr("送审")),
            ("claim", self.tr("领取")),
            ("sign", self.tr("签发")),
            ("return_", self.tr("退回")),
            ("withdraw", self.tr("撤稿")),
            ("sheet", self.tr("导出审签单…")),
        ):
            button = QPushButton(text)
            button.setObjectName(f"review_{key.strip('_')}")
            button.clicked.connect(lambda _=False, k=key: self.act(k))
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        self.refresh()
        self.run_checks()

    # ---- showing -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the state, the record and which steps apply now."""
        document = self.workspace.review.document(self.article_id)
        state = STATE_NAMES.get(document["state"], document["state"])
        claimed = (
            self.tr("，{user} 已领取").format(user=document["claimed_by"])
            if document["claimed_by"]
            else ""
        )
        intact = self.tr("记录完整") if document["chain_ok"] else self.tr("记录被篡改！")
        self.state.setText(
            self.tr("状态：{state}{claimed}　审签方式：{mode}　第 {version} 版　{intact}").format(
                state=state,
                claimed=claimed,
                mode=document["mode"],
                version=document["version"],
                intact=intact,
            )
        )
        parts = []
        for label, runs in compared_versions(self.workspace.review, self.article_id):
            changed = any(op != "=" for op, _ in runs)
            body = diff_html(runs) if changed else self.tr("没有改动。")
            parts.append(f"<p><b>{label}</b><br>{body}</p>")
        self.changes.setHtml("".join(parts) or self.tr("尚未送审。"))
        records = document["signoffs"]
        self.timeline.setRowCount(len(records))
        for row, record in enumerate(records):
            name = record["real_name"]
            if record["delegated_from"]:
                name += self.tr("（代 {chief}）").format(chief=record["delegated_from"])
            comment = record["comment"]
            if record["override"]:
                comment += self.tr("〔越过检查：{reason}〕").format(
                    reason=record["override"]["reason"]
                )
            values = (
                record["time"],
                LEVEL_NAMES.get(record["level"], record["level"]) or "—",
                DECISION_NAMES.get(record["decision"], record["decision"]),
                name,
                comment,
            )
            for column, value in enumerate(values):
                self.timeline.setItem(row, column, QTableWidgetItem(value))
        self.timeline.resizeColumnsToContents()
        waiting = document["state"] in WAITING
        self.buttons["submit"].setEnabled(not waiting)
        for key in ("claim", "return_"):
            self.buttons[key].setEnabled(waiting)
        self.buttons["sign"].setEnabled(waiting or document["mode"] == "关闭")
        self.buttons["withdraw"].setEnabled(document["state"] == "signed")

    def run_checks(self) -> None:
        """Run the article checks off the GUI thread and list what they find."""
        self.checks.clear()
        self.checks.addItem(self.tr("正在检查……"))
        article_id = self.article_id
        self.task = BackgroundTask(
            self.workspace,
            lambda task: task.workspace.checks.article(article_id),
            None,
            name="review checks",
        )
        self.task.succeeded.connect(self.show_findings)
        self.task.failed.connect(lambda text: self.checks.addItem(text))
        keep_running(self.task)

    def show_findings(self, findings: list) -> None:
        self.findings = findings
        self.checks.clear()
        self._finding_chosen(-1)
        if not findings:
            self.checks.addItem(self.tr("未发现问题。"))
        for finding in findings:
            level = self.tr("错误") if finding.level == "error" else self.tr("提示")
            fix = (
                self.tr("　建议：{fix}").format(fix=finding.suggestion)
                if finding.suggestion
                else ""
            )
            item = QListWidgetItem(f"{level}　{finding.message}{fix}")
            item.setForeground(
                Qt.GlobalColor.darkRed if finding.level == "error" else Qt.GlobalColor.darkYellow
            )
            self.checks.addItem(item)

    def current_finding(self) -> Any:
        """The finding selected in the list (None for the list's notes)."""
        row = self.checks.currentRow()
        return self.findings[row] if 0 <= row < len(self.findings) else None

    def _finding_chosen(self, _row: int) -> None:
        finding = self.current_finding()
        self.jump_button.setEnabled(finding is not None and finding.locatable)
        self.fix_button.setEnabled(finding is not None and finding.fix is not None)

    def jump(self) -> None:
        """定位: close the panel; the main window selects the finding in the editor."""
        finding = self.current_finding()
        if self.editor_findings is None or finding is None or not finding.locatable:
            return
        self.jump_to = finding
        self.accept()

    def fix(self) -> None:
        """修正: apply the finding's suggestion in the editor, save, check again."""
        finding = self.current_finding()
        if self.editor_findings is None or finding is None or finding.fix is None:
            return
        if not self.editor_findings.fix(finding):
            QMessageBox.warning(
                self, self.tr("审签"), self.tr("原文已经改动，找不到这处问题；请重新检查。")
            )
        self.refresh()
        self.run_checks()

    # ---- acting ------------------------------------------------------------------------

    def act(self, key: str) -> None:
        """Take one step; a refusal is shown with its reason and nothing changes."""
        if key == "sheet":
            self.save_sheet()
            return
        review = self.workspace.review
        comment = self.comment.toPlainText().strip()
        override = self.override.text().strip() or None
        steps = {
            "submit": lambda: review.submit(self.article_id, self.user, override),
            "claim": lambda: review.claim(self.article_id, self.user),
            "sign": lambda: review.sign(self.article_id, self.user, comment, override),
            "return_": lambda: review.return_(
                self.article_id, self.user, comment, self.return_to.currentData()
            ),
            "withdraw": lambda: review.withdraw(self.article_id, self.user, comment),
        }
        try:
            with self.workspace.edit():
                steps[key]()
        except NewsdeskError as exc:
            QMessageBox.warning(self, self.tr("审签"), str(exc))
            return
        self.comment.clear()
        self.override.clear()
        self.refresh()
        self.run_checks()

    def save_sheet(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出审签单"), f"审签单-{self.article_id}.html", self.tr("网页 (*.html)")
        )
        if path:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(signing_sheet(self.workspace.review, self.article_id))


class QueueDialog(QDialog):
    """The 待审 queue of the signed-in user, refreshed by polling."""

    def __init__(
        self,
        parent: QWidget,
        workspace: Any,
        user: str,
        open_article: Callable[[int], None] | None = None,
        findings: Any = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.user = user
        self.open_article = open_article
        self.editor_findings = findings
        self.jump_to = None
        self.setWindowTitle(self.tr("待审队列 — {user}").format(user=user))
        self.resize(900, 480)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("reviewQueue")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("标题"),
                self.tr("检查"),
                self.tr("栏目"),
                self.tr("来源"),
                self.tr("审级"),
                self.tr("送审人"),
                self.tr("等待 / 领取"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setResizeContentsPrecision(200)  # widths from 200 rows
        self.table.cellDoubleClicked.connect(self.open_row)
        layout.addWidget(self.table, 1)
        self.rows: list = []
        self.checking: BackgroundTask | None = None
        self.tried: set[tuple[int, Any]] = set()  # (article, waiting since) checked here
        self.closed = False
        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.timeout.connect(self._check_unchecked)
        self.finished.connect(self._stop_checking)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(QUEUE_POLL_MS)
        self.listener = listen(workspace.db)  # PostgreSQL: refreshed the moment a step commits
        if self.listener is not None:
            self.notifier = QSocketNotifier(self.listener.fileno(), QSocketNotifier.Type.Read, self)
            self.notifier.activated.connect(self._notified)
            self.finished.connect(self._stop_listening)
        self.refresh()

    def _notified(self) -> None:
        if self.listener is not None and drain(self.listener):
            self.refresh()

    def _stop_listening(self) -> None:
        if self.listener is not None:
            self.notifier.setEnabled(False)
            self.listener.close()
            self.listener = None

    def refresh(self) -> None:
        """Read the queue again (polling: a SQLite site has no notifications)."""
        self.rows = queue_for(self.workspace.review, self.user)
        self.summary.setText(
            self.tr("共 {count} 篇待审；双击打开审签。").format(count=len(self.rows))
        )
        self.table.setRowCount(len(self.rows))
        moment = now()
        for index, row in enumerate(self.rows):
            minutes = max(0, int((moment - row.waiting_since).total_seconds() // 60))
            waited = self.tr("{hours} 小时 {minutes} 分").format(
                hours=minutes // 60, minutes=minutes % 60
            )
            if row.claimed_by:
                waited += self.tr("，{user} 已领取").format(user=row.claimed_by)
            values = (
                row.title,
                "",
                row.section,
                row.source,
                STATE_NAMES.get(row.state, row.state),
                row.submitter,
                waited,
            )
            for column, value in enumerate(values):
                self.table.setItem(index, column, QTableWidgetItem(value))
            self.table.setItem(index, 1, self.badge(row))
        self.table.resizeColumnsToContents()
        # once the queue shows: the checks' thread would slow the opening down
        self.check_timer.start(CHECK_DELAY_MS)

    def badge(self, row: Any) -> QTableWidgetItem:
        """The check badge of a queue row: errors and warnings the checks found in the
        version waiting, ✓ when none, … while they have not run on it yet."""
        if not row.checked:
            item = QTableWidgetItem("…")
            item.setToolTip(self.tr("正在检查这一版……"))
            return item
        parts = []
        if row.errors:
            parts.append(self.tr("✖ {count}").format(count=row.errors))
        if row.warnings:
            parts.append(self.tr("⚠ {count}").format(count=row.warnings))
        item = QTableWidgetItem(" ".join(parts) or "✓")
        item.setToolTip(
            self.tr("检查发现 {errors} 个错误、{warnings} 个提示").format(
                errors=row.errors, warnings=row.warnings
            )
        )
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        color = "#fde2e1" if row.errors else ("#fff4d6" if row.warnings else "#e3f4e1")
        item.setBackground(QColor(color))
        item.setForeground(QColor("#9b1c1c" if row.errors else "#333333"))
        return item

    def _check_unchecked(self) -> None:
        """Run the checks, off the GUI thread, on the waiting versions not checked yet;
        their badges show when the queue is read again."""
        if self.closed:
            return
        fresh = [
            (row.article_id, row.waiting_since)
            for row in self.rows
            if not row.checked and (row.article_id, row.waiting_since) not in self.tried
        ][:CHECK_BATCH]
        if not fresh or (self.checking is not None and self.checking.isRunning()):
            return
        self.tried |= set(fresh)
        wanted = [article_id for article_id, _ in fresh]

        def job(task: BackgroundTask) -> int:
            for done, article_id in enumerate(wanted):
                if task.stop.is_set():
                    return done
                task.workspace.checks.article(article_id)
            return len(wanted)

        self.checking = BackgroundTask(self.workspace, job, None, name="queue checks")
        self.checking.succeeded.connect(self._checked)
        keep_running(self.checking)

    def _checked(self, _count: int) -> None:
        if self.checking is not None:  # the queue is still open
            self.refresh()

    def _stop_checking(self) -> None:
        """The queue closed: no more polling or checking (the site may close next)."""
        self.closed = True
        self.timer.stop()
        self.check_timer.stop()
        if self.checking is not None:
            self.checking.succeeded.disconnect(self._checked)
            self.checking.stop.set()
            self.checking.wait()
            self.checking = None

    def open_row(self, row: int, _column: int = 0) -> None:
        article_id = self.rows[row].article_id
        if self.open_article is not None:
            self.open_article(article_id)
        panel = ReviewDialog(self, self.workspace, article_id, self.user, self.editor_findings)
        panel.exec()
        if panel.jump_to is not None:  # the editor shows the finding: the queue closes too
            self.jump_to = panel.jump_to
            self.accept()
            return
        self.refresh()
