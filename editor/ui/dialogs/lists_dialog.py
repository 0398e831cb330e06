"""Managers for the reusable lists: partners (合作单位), sources (来源) and people."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.errors import NewsdeskError
from editor.ui.icons import icon

ROLES = ("reporter", "photographer", "editor")


class ListManagerDialog(QDialog):
    """A list on the left and the selected entry's form on the right.
    `kind` is "partners", "sources" or "people"."""

    def __init__(self, workspace, kind: str, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.kind = kind
        titles = {
            "partners": self.tr("合作单位"),
            "sources": self.tr("来源"),
            "people": self.tr("记者与编辑"),
        }
        self.setWindowTitle(titles[kind])
        self.setWindowIcon(icon(kind))
        self.list = QListWidget(self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("筛选"))
        self.filter.textChanged.connect(self.reload)
        self.form = QFormLayout()
        self.inputs: dict[str, QWidget] = {}
        self._build_form()
        new = QPushButton(icon("new_article"), self.tr("新建"), self)
        save = QPushButton(icon("save"), self.tr("保存"), self)
        delete = QPushButton(icon("delete"), self.tr("删除"), self)
        close = QPushButton(self.tr("关闭"), self)
        new.clicked.connect(self.new_entry)
        save.clicked.connect(self.save_entry)
        delete.clicked.connect(self.delete_entry)
        close.clicked.connect(self.accept)
        left = QVBoxLayout()
        left.addWidget(self.filter)
        left.addWidget(self.list, 1)
        right = QVBoxLayout()
        right.addLayout(self.form)
        right.addStretch(1)
        buttons = QHBoxLayout()
        for button in (new, save, delete):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 2)
        self.list.currentItemChanged.connect(self._show_current)
        self.current_id: int | None = None
        self.reload()
        self.resize(760, 440)

    def _line(self, key: str, label: str) -> None:
        self.inputs[key] = QLineEdit(self)
        self.form.addRow(label, self.inputs[key])

    def _build_form(self) -> None:
        self._line("name", self.tr("名称"))
        if self.kind == "sources":
            self._line("url", self.tr("网址"))
        elif self.kind == "people":
            self._line("affiliation", self.tr("单位（署名用，如 成都日报锦观新闻）"))
            labels = {
                "reporter": self.tr("记者"),
                "photographer": self.tr("摄影"),
                "editor": self.tr("责编"),
            }
            row = QHBoxLayout()
            for role in ROLES:
                box = QCheckBox(labels[role], self)
                self.inputs[f"role_{role}"] = box
                row.addWidget(box)
            self.form.addRow(self.tr("角色"), row)
        else:
            units = QPlainTextEdit(self)
            units.setPlaceholderText(self.tr("战略合作单位，每行一个"))
            units.setMaximumHeight(90)
            self.inputs["units"] = units
            self.form.addRow(self.tr("战略合作单位"), units)
            for key, label in (
                ("contact", self.tr("联系人")),
                ("wechat", self.tr("微信号")),
                ("phone", self.tr("电话")),
                ("email", self.tr("邮箱")),
            ):
                self._line(key, label)
            valid = QDateEdit(self)
            valid.setCalendarPopup(True)
            valid.setSpecialValueText(self.tr("长期"))
            valid.setMinimumDate(QDate(2000, 1, 1))
            self.inputs["valid_until"] = valid
            self.form.addRow(self.tr("有效期至"), valid)

    # ---- the list ---------------------------------------------------------------------------

    def _entries(self):
        text = self.filter.text().strip()
        if self.kind == "sources":
            return self.workspace.sources.list(prefix=text, limit=1000)
        if self.kind == "people":
            return self.workspace.people.list(prefix=text, limit=2000)
        return [p for p in self.workspace.partners.list() if text in p.name]

    def reload(self, select_id: int | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for entry in self._entries():
            item = QListWidgetItem(entry.name)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.list.addItem(item)
            if entry.id == select_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self._show_current()

    def _entry(self, entry_id: int):
        for entry in self._entries():
            if entry.id == entry_id:
                return entry
        return None

    def _show_current(self, *_args) -> None:
        item = self.list.currentItem()
        self.current_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        entry = self._entry(self.current_id) if self.current_id else None
        for key, widget in self.inputs.items():
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(entry) and key[5:] in (entry.roles or []))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText("\n".join(entry.units or []) if entry else "")
            elif isinstance(widget, QDateEdit):
                value = getattr(entry, "valid_until", None) if entry else None
                widget.setDate(QDate(value) if value else widget.minimumDate())
            else:
                widget.setText(str(getattr(entry, key, "") or "") if entry else "")

    def new_entry(self) -> None:
        self.list.clearSelection()
        self.list.setCurrentItem(None)
        self.current_id = None
        for widget in self.inputs.values():
            if isinstance(widget, QCheckBox):
                widget.setChecked(False)
            elif isinstance(widget, QDateEdit):
                widget.setDate(widget.minimumDate())
            else:
                widget.clear()
        self.inputs["name"].setFocus()

    def form_values(self) -> dict:
        values = {}
        for key, widget in self.inputs.items():
            if isinstance(widget, QCheckBox):
                continue
            if isinstance(widget, QPlainTextEdit):
                values[key] = [u.strip() for u in widget.toPlainText().splitlines() if u.strip()]
            elif isinstance(widget, QDateEdit):
                values[key] = (
                    None if widget.date() == widget.minimumDate() else widget.date().toPython()
                )
            else:
                values[key] = widget.text().strip()
        if self.kind == "people":
            values["roles"] = [r for r in ROLES if self.inputs[f"role_{r}"].isChecked()]
        return values

    def save_entry(self) -> None:
        values = self.form_values()
        ws = self.workspace
        try:
            with ws.edit():
                if self.kind == "sources":
                    if self.current_id is None:
                        entry = ws.sources.ensure(values["name"], values["url"])
                    else:
                        entry = ws.sources.rename(self.current_id, values["name"], values["url"])
                elif self.kind == "people":
                    person_id = self.current_id or ws.people.ensure(values["name"]).id
                    entry = ws.people.update(
                        person_id,
                        name=values["name"],
                        roles=values["roles"],
                        affiliation=values["affiliation"],
                    )
                else:
                    name = values.pop("name")
                    if self.current_id is None:
                        entry = ws.partners.create(name, **values)
                    else:
                        entry = ws.partners.update(self.current_id, name=name, **values)
        except NewsdeskError as exc:
            QMessageBox.warning(self, self.tr("无法保存"), str(exc))
            return
        self.reload(entry.id)

    def delete_entry(self) -> None:
        if self.current_id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("删除"),
            self.tr("删除“{name}”？").format(name=self.list.currentItem().text()),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        service = {
            "sources": self.workspace.sources,
            "people": self.workspace.people,
            "partners": self.workspace.partners,
        }[self.kind]
        with self.workspace.edit():
            service.delete(self.current_id)
        self.reload()
