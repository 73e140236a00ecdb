"""Issue 18, point 4: every action has a shortcut, none clash, Hjælp ›
Tastaturgenveje lists them all, and the whole scenario (write, check, sign off,
export for signature) runs from the keyboard with the focus visible at each step."""

from __future__ import annotations

import os

import docx
import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from desktop import dialogs
from desktop.dialogs.signoffdialog import SignOffDialog
from desktop.editors.blockeditors import ParagraphEditor
from desktop.editors.tableeditor import TABLE_ACTIONS
from desktop.window.mainwindow import MainWindow
from exporters.verify import Outcome, verify_docx
from forms.draftfile import save_draft
from forms.findings import Severity
from forms.signoff import known_roles
from forms.templates import load_example
from tests.helpers import shared_pki

pytestmark = pytest.mark.usefixtures("app_names")

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NATIVE = QKeySequence.SequenceFormat.NativeText
REAL_ASK_SIGNOFF = dialogs.ask_signoff
"""The real dialog (the fixtures' script replaces the module's function)."""


def menu_actions(menu: QMenu, recent: QMenu) -> list[QAction]:
    """Every action a menu holds, its sub-menus' too (the recent files are numbered
    mnemonics of their own, not shortcuts)."""
    found = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        sub = action.menu()
        if isinstance(sub, QMenu):
            if sub is not recent:
                found += menu_actions(sub, recent)
            continue
        found.append(action)
    return found


def all_menu_actions(window: MainWindow) -> list[QAction]:
    found = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            found += menu_actions(menu, window.recent_menu)
    return found


def name(action: QAction) -> str:
    return action.text().replace("&", "")


def test_every_menu_action_has_a_shortcut(window):
    actions = all_menu_actions(window)
    assert len(actions) > 40
    missing = [name(a) for a in actions if a.shortcut().isEmpty()]
    assert missing == []
    toolbar = [name(a) for a in window.toolbar.actions() if not a.isSeparator()]
    assert all(
        not a.shortcut().isEmpty() for a in window.toolbar.actions() if not a.isSeparator()
    ), toolbar
    assert all(shortcut for _name, _text, shortcut in TABLE_ACTIONS)


def test_no_two_actions_share_a_key_and_none_needs_altgr(window):
    owners: dict[str, list[str]] = {}
    for action in {*all_menu_actions(window), *window.actions()}:
        for sequence in action.shortcuts():
            owners.setdefault(sequence.toString(), []).append(name(action))
    for _name, text, shortcut in TABLE_ACTIONS:
        owners.setdefault(QKeySequence(shortcut).toString(), []).append(text)
    clashes = {keys: who for keys, who in owners.items() if len(set(who)) > 1}
    assert clashes == {}
    # Ctrl+Alt is AltGr on a Danish keyboard (it types @, £, $, {, [ …).
    assert [keys for keys in owners if "Ctrl+Alt" in keys or "Alt+Ctrl" in keys] == []
    # Ctrl+Shift+R is the table's "Tilføj række", nothing else's.
    assert owners["Ctrl+Shift+R"] == ["Tilføj række"]


def test_every_shortcut_is_in_the_list(window, script):
    window.act_shortcuts.trigger()
    ((rows,),) = script.told("show_shortcuts")
    listed_keys = {keys for keys, _ in rows}
    listed = {(keys, what) for keys, what in rows}
    for action in all_menu_actions(window):
        keys = action.shortcut().toString(NATIVE)
        assert any(keys in listed_key.split(", ") for listed_key in listed_keys), name(action)
        what = name(action).split(":")[0].removesuffix(" …")
        assert any(what == w for k, w in listed if keys in k.split(", ")), (keys, what)
    for _name, text, shortcut in TABLE_ACTIONS:
        keys = QKeySequence(shortcut).toString(NATIVE)
        assert (keys, f"{text.removesuffix(' …')} (i en tabel)") in listed


def test_the_dock_keys_show_and_hide_their_docks(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    for dock, key, modifier in (
        (window.preview_dock, Qt.Key.Key_F9, Qt.KeyboardModifier.NoModifier),
        (window.findings_dock, Qt.Key.Key_F9, SHIFT),
    ):
        assert dock.isVisible()
        qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)
        assert not dock.isVisible()
        qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)
        assert dock.isVisible()


# -- the whole scenario from the keyboard ------------------------------------------------------


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the focus"
    return widget


def assert_visible_focus(widget: QWidget) -> None:
    """The focused widget looks different from the same widget without focus
    (a focus frame, a highlighted selection or the text cursor)."""
    assert widget.hasFocus()
    focused = widget.grab().toImage()
    widget.clearFocus()
    QCoreApplication.processEvents()
    unfocused = widget.grab().toImage()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    QCoreApplication.processEvents()
    assert focused != unfocused, f"{type(widget).__name__} shows no focus"
    assert widget.hasFocus()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> QWidget:
    """Press a key on the focused widget; returns the widget that has the focus after."""
    qtbot.keyClick(focus(), key, modifier)
    QCoreApplication.processEvents()
    return focus()


def sign_with_keys(qtbot, role: str, seen: list[str]) -> None:
    """In the open sign-off dialog: check the role it offers, type Finansministeriet's
    reference where it is asked for (Alt+J, Alt+S move there), and press Enter.
    Never leaves the dialog open: a test that fails here must not hang."""
    dialog = None
    try:
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), SignOffDialog))
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SignOffDialog)
        dialog.activateWindow()
        qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget() or dialog))
        # The focus ring shows from the start, not only after a first Tab.
        qtbot.waitUntil(lambda: dialog.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange))
        seen.append(dialog.role.currentText())
        assert_visible_focus(focus())
        if role == "Finansministeriet":
            qtbot.keyClick(focus(), Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)
            assert focus() is dialog.journal
            assert_visible_focus(focus())
            qtbot.keyClicks(focus(), "2024-18820")
            qtbot.keyClick(focus(), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
            assert focus() is dialog.sent_by
            qtbot.keyClicks(focus(), "Anne Bech, Budgetafdelingen")
        assert dialog.ok.isEnabled(), dialog.problem.text()
        qtbot.keyClick(focus(), Qt.Key.Key_Return)
    finally:
        if isinstance(dialog, SignOffDialog) and dialog.isVisible():
            dialog.reject()


@pytest.fixture
def unsigned_window(make_window, tmp_path):
    draft = load_example()
    draft.signoffs = []
    draft.audit = []
    path = tmp_path / "kladde.aktstykke"
    save_draft(path, draft)
    window = make_window()
    assert window.open_path(path)
    window.refresh_now()
    window.activateWindow()
    return window


def test_write_check_sign_and_export_with_the_keyboard_alone(
    qtbot, unsigned_window, script, tmp_path, monkeypatch
):
    window = unsigned_window
    qtbot.waitActive(window)
    window.navigator.setFocus()
    start = focus()

    # Writing: Ctrl+2 goes to litra a's first paragraph; Ctrl+Shift+P adds one.
    editor = press(qtbot, Qt.Key.Key_2, CTRL)
    assert editor is not start and isinstance(editor, ParagraphEditor)
    assert_visible_focus(editor)
    qtbot.keyClick(editor, Qt.Key.Key_End, CTRL)
    new = press(qtbot, Qt.Key.Key_P, CTRL | SHIFT)
    assert new is not editor and isinstance(new, ParagraphEditor)
    assert_visible_focus(new)
    qtbot.keyClicks(new, "Beløbet er 100.0 mio kr.")
    assert "100.0 mio kr" in window.doc.section("a").blocks[-1].text

    # Checking: F5 checks now, F8 goes to the finding and selects its text; typing
    # the Danish form replaces it and the next check has nothing to say there.
    press(qtbot, Qt.Key.Key_F5)
    ours = [f for f in window.findings if "100.0" in f.message or f.location.letter == "a"]
    assert ours, [f.message for f in window.findings]
    at = new
    for _ in range(len(window.findings)):
        at = press(qtbot, Qt.Key.Key_F8)
        if at is new and new.textCursor().hasSelection():
            break
    assert at is new and new.textCursor().selectedText().startswith("100.0"), (
        new.textCursor().selectedText()
    )
    assert_visible_focus(new)
    selected = new.textCursor().selectedText()
    qtbot.keyClicks(new, "100,0 mio. kr." if "kr" in selected else "100,0")
    press(qtbot, Qt.Key.Key_F5)
    assert "100,0 mio. kr." in window.doc.section("a").blocks[-1].text
    assert not [f for f in window.findings if f.severity is Severity.ERROR]

    # Saving: Ctrl+S.
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert not window.isWindowModified()

    # Signing off: Ctrl+Shift+G per role opens the real sign-off dialog, which is
    # filled in and accepted with keys (Finansministeriet's reference too).
    monkeypatch.setattr(dialogs, "ask_signoff", REAL_ASK_SIGNOFF)
    pki = shared_pki()
    roles = known_roles()
    for role, signer in zip(
        roles, ["Mette Holm", "Jens Krogh", "Hanne Vestergaard", "Søren Lund"], strict=True
    ):
        os.environ["AKTSTYKKE_CERT"] = str(pki.p12(signer))
        seen: list[str] = []
        QTimer.singleShot(0, lambda role=role, seen=seen: sign_with_keys(qtbot, role, seen))
        before = len(window.doc.draft.signoffs)
        qtbot.keyClick(focus(), Qt.Key.Key_G, CTRL | SHIFT)  # returns when the dialog closed
        assert seen == [role], seen
        # The focus goes back to where it was once the dialog has closed (offscreen has
        # no window manager to hand the activation back: the test does).
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        assert window.isAncestorOf(focus())
        assert len(window.doc.draft.signoffs) == before + 1, role
        assert window.doc.draft.signoffs[-1].role == role
    final = window.signoff.final
    final.update_state(fresh=True)
    assert final.action.isEnabled(), final.action.toolTip()

    # Exporting for signature: Ctrl+Shift+F; the file name is the test's answer.
    os.environ["AKTSTYKKE_CERT"] = str(pki.p12("Mette Holm"))
    target = tmp_path / "til underskrift.docx"
    script.answer("choose_export_path", target)
    script.answer("ask_open_file", False)
    press(qtbot, Qt.Key.Key_F, CTRL | SHIFT)
    assert target.is_file()
    assert verify_docx(target).outcome is Outcome.MATCHES
    body = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "100,0 mio. kr." in body.replace("\u00a0", " ") and "UDKAST" not in body
    assert_visible_focus(focus())
