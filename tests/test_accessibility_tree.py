"""Issue 18, point 5: for each panel and dialog, walk the accessibility tree that
Qt gives a screen reader (QAccessible.queryAccessibleInterface) and fail on an
interactive control without a name or a role, or on a label that labels a field
without being its buddy."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLayout,
    QWidget,
)

from desktop.dialogs.newdialog import NewDialog
from desktop.dialogs.shortcuts import ShortcutsDialog
from desktop.dialogs.signoffdialog import SignOffDialog
from desktop.dialogs.signoffsettings import SignatureSettingsDialog
from desktop.dialogs.signoffwarnings import AcknowledgeDialog
from desktop.session.partstate import PARTS
from forms.signoff import known_roles

pytestmark = pytest.mark.usefixtures("app_names")

Role = QAccessible.Role
INTERACTIVE = {
    Role.PushButton,
    Role.CheckBox,
    Role.RadioButton,
    Role.ComboBox,
    Role.EditableText,
    Role.SpinBox,
    Role.Slider,
    Role.Table,
    Role.Tree,
    Role.List,
    Role.PageTab,
    Role.ButtonMenu,
    Role.ButtonDropDown,
    Role.Link,
}
ITEMS = {Role.Cell, Role.TreeItem, Role.ListItem, Role.Row, Role.ColumnHeader, Role.RowHeader}
"""Items inside a table, tree or list: named by their text, checked through their view."""


def _described(interface) -> str:
    widget = interface.object()
    return (
        f"{type(widget).__name__}({widget.objectName() or interface.text(QAccessible.Text.Name)!r})"
    )


def tree_problems(root: QWidget) -> list[str]:
    """The problems a screen reader user would meet in `root`, walking its
    accessibility tree."""
    problems: list[str] = []
    seen: set[int] = set()

    def walk(interface, depth: int = 0) -> None:
        if interface is None or not interface.isValid() or depth > 60:
            return
        key = id(interface.object()) if interface.object() is not None else id(interface)
        role = interface.role()
        state = interface.state()
        if state.invisible:
            return
        if role in ITEMS:
            return
        obj = interface.object()
        if isinstance(obj, QWidget) and key not in seen:
            seen.add(key)
            parent = obj.parentWidget()
            inner = isinstance(parent, QComboBox | QAbstractSpinBox)  # their own line edit
            interactive = role in INTERACTIVE or (
                state.focusable and obj.focusPolicy() != Qt.FocusPolicy.NoFocus
            )
            if interactive and not inner:
                name = interface.text(QAccessible.Text.Name).replace("&", "").strip()
                if not name:
                    problems.append(f"no name: {_described(interface)} role {role.name}")
                if role == Role.NoRole:
                    problems.append(f"no role: {_described(interface)}")
        if isinstance(obj, QAbstractItemView):
            return  # its items: ITEMS
        for i in range(interface.childCount()):
            walk(interface.child(i), depth + 1)

    walk(QAccessible.queryAccessibleInterface(root))
    problems += label_problems(root)
    return problems


def _inputs(layout_or_widget) -> list[QWidget]:
    """The focusable widgets in a form row's field (a widget or a layout)."""
    if isinstance(layout_or_widget, QWidget):
        found = [layout_or_widget, *layout_or_widget.findChildren(QWidget)]
    else:
        found = []
        for i in range(layout_or_widget.count()):
            item = layout_or_widget.itemAt(i)
            if item.widget() is not None:
                found += _inputs(item.widget())
            elif item.layout() is not None:
                found += _inputs(item.layout())
    return [
        w for w in found if w.focusPolicy() != Qt.FocusPolicy.NoFocus and not isinstance(w, QLabel)
    ]


def label_problems(root: QWidget) -> list[str]:
    """A label in a form's label column, or a visible 'Tekst:' label right before a
    field in its layout, must be that field's buddy (so a screen reader reads it
    as the field's name and its mnemonic moves there)."""
    problems = []
    for form in root.findChildren(QFormLayout):
        owner = form.parentWidget()
        if owner is None or (not owner.isVisibleTo(root) and owner is not root):
            continue
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label_item is None or field_item is None:
                continue
            label = label_item.widget()
            if not isinstance(label, QLabel) or not label.isVisibleTo(root):
                continue
            field = field_item.widget() or field_item.layout()
            inputs = _inputs(field) if field is not None else []
            if inputs and label.buddy() not in inputs:
                problems.append(f"label not the buddy of its field: {label.text()!r}")
    for label in root.findChildren(QLabel):
        text = label.text().strip()
        if not text.endswith(":") or not label.isVisibleTo(root) or label.buddy() is not None:
            continue
        parent_layout = _layout_of(label)
        if parent_layout is None or isinstance(parent_layout, QFormLayout):
            continue
        index = parent_layout.indexOf(label)
        following = parent_layout.itemAt(index + 1) if index >= 0 else None
        field = (following.widget() or following.layout()) if following is not None else None
        if field is not None and _inputs(field):
            problems.append(f"label not the buddy of its field: {text!r}")
    return problems


def _layout_of(widget: QWidget) -> QLayout | None:
    parent = widget.parentWidget()
    if parent is None or parent.layout() is None:
        return None
    todo = [parent.layout()]
    while todo:
        layout = todo.pop()
        if layout.indexOf(widget) >= 0:
            return layout
        for i in range(layout.count()):
            child = layout.itemAt(i).layout()
            if child is not None:
                todo.append(child)
    return None


def _shown(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    QCoreApplication.processEvents()
    return widget


# -- the main window's parts and panels ---------------------------------------------------------


@pytest.mark.parametrize("part", PARTS)
def test_each_part_of_the_form(window, part):
    window.focus_part(part)
    assert tree_problems(window.forms[part]) == []


PANELS = (
    "navigator",
    "preview_dock",
    "findings_dock",
    "signoff_dock",
    "changes_dock",
    "comments_dock",
    "import_dock",
    "toolbar",
)


@pytest.mark.parametrize("panel", PANELS)
def test_each_panel(window, panel):
    widgets = {
        "navigator": window.navigator,
        "preview_dock": window.preview_dock,
        "findings_dock": window.findings_dock,
        "signoff_dock": window.signoff_dock,
        "changes_dock": window.review.changes_dock,
        "comments_dock": window.review.comments_dock,
        "import_dock": window.importing.dock,
        "toolbar": window.toolbar,
    }
    widget = widgets[panel]
    widget.show()
    widget.raise_()
    QCoreApplication.processEvents()
    assert tree_problems(widget) == []


def test_the_finding_buttons_and_the_selected_finding(window):
    """The findings panel after a finding is chosen (its detail and its buttons)."""
    view = window.findings_view
    group = view.tree.topLevelItem(0)
    if group is not None and group.childCount():
        view.tree.setCurrentItem(group.child(0))
    assert tree_problems(window.findings_dock) == []


# -- the dialogs ----------------------------------------------------------------------------------


def test_new_dialog(qtbot):
    assert tree_problems(_shown(qtbot, NewDialog("Transportministeriet", "Thomas Danielsen"))) == []


def test_shortcuts_dialog(qtbot):
    assert tree_problems(_shown(qtbot, ShortcutsDialog([("F1", "Tastaturgenveje")]))) == []


def test_signoff_dialog_also_with_finansministeriets_reference(qtbot):
    roles = known_roles()
    dialog = _shown(
        qtbot, SignOffDialog(roles, roles[0], "Mette Holm", "ABCDEF123456", "Finansministeriet")
    )
    assert tree_problems(dialog) == []
    dialog.role.setCurrentText("Finansministeriet")
    QCoreApplication.processEvents()
    assert not dialog.consent.isHidden()
    assert tree_problems(dialog) == []


def test_signature_settings_dialog(qtbot):
    assert tree_problems(_shown(qtbot, SignatureSettingsDialog())) == []


def test_acknowledge_dialog(qtbot):
    dialog = AcknowledgeDialog(["B-02: Teksten nævner et beløb, tabellen ikke har."], "Mette Holm")
    assert tree_problems(_shown(qtbot, dialog)) == []


# -- the walker itself finds what it should ----------------------------------------------------------


def test_the_walker_catches_a_nameless_button_and_a_label_without_buddy(qtbot):
    from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout

    root = QWidget()
    layout = QVBoxLayout(root)
    form = QFormLayout()
    form.addRow(QLabel("Navn:"), QLineEdit())
    layout.addLayout(form)
    button = QPushButton()
    layout.addWidget(button)
    _shown(qtbot, root)
    problems = tree_problems(root)
    assert any("no name: QPushButton" in p for p in problems), problems
    assert any("'Navn:'" in p for p in problems), problems
    assert any("no name: QLineEdit" in p for p in problems), problems
