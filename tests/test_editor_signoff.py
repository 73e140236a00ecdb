"""The editor's sign-off: panel, dialog, undo, litra f and the final export for signature."""

from __future__ import annotations

import docx
import pytest
from PySide6.QtCore import QCoreApplication

from desktop.mainwindow import MainWindow
from desktop.recovery import RecoveryStore
from desktop.settings import Settings
from desktop.signoffdialog import SignOffDialog
from desktop.tableeditor import TableEditor
from desktop.tablemodel import FIRST_AMOUNT_COLUMN
from desktop.testing import ScriptedDialogs, open_windows, settings_in
from exporters.verify import Outcome, verify_docx
from forms.draftfile import load_draft, save_draft
from forms.signoff import fingerprint, known_roles, short_fingerprint
from forms.templates import load_example

ROLES = known_roles()


@pytest.fixture(autouse=True)
def app_names(qapp):
    QCoreApplication.setOrganizationName("AktstykkeTest")
    QCoreApplication.setApplicationName("AktstykkeTest")


@pytest.fixture
def script(monkeypatch):
    return ScriptedDialogs(monkeypatch)


@pytest.fixture
def draft_file(tmp_path):
    """The example without its sign-offs and audit trail."""
    draft = load_example()
    draft.signoffs = []
    draft.audit = []
    path = tmp_path / "capacity.aktstykke"
    save_draft(path, draft)
    return path


@pytest.fixture
def make_window(qtbot, tmp_path, script):
    before = open_windows()
    made: list[MainWindow] = []

    def make(path) -> MainWindow:
        window = MainWindow(
            check_delay_ms=20,
            settings=Settings(settings_in(tmp_path)),
            recovery=RecoveryStore(tmp_path / "recovery"),
        )
        made.append(window)
        window.show()
        qtbot.waitExposed(window)
        assert window.open_path(path)
        window.refresh_now()
        window.signoff_dock.raise_()  # a tab behind Fund by default
        return window

    yield make
    for window in made:
        window._closing = True
        window.close()
        window.deleteLater()
    QCoreApplication.processEvents()
    assert not open_windows() - before


@pytest.fixture
def window(make_window, draft_file):
    return make_window(draft_file)


def role_row(window, role: str) -> tuple[str, str]:
    """(state, name) the panel shows for a required role."""
    tree = window.signoff.panel.roles
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item.text(0) == role:
            return item.text(1), item.text(2)
    raise AssertionError(f"no row for {role}")


def sign(window, script, role: str, name: str) -> None:
    script.answer("ask_signoff", (role, name))
    assert window.signoff.panel.sign_off()


def edit_first_amount(window, text: str) -> None:
    window.focus_part("b")
    form = window.forms["b"]
    table = next(f.editor for f in form.frames if isinstance(f.editor, TableEditor))
    assert table.model.setData(table.model.index(0, FIRST_AMOUNT_COLUMN), text)


def test_sign_off_turns_stale_on_edit_current_on_undo_and_revoke_keeps_it(window, script, qtbot):
    panel = window.signoff.panel
    assert role_row(window, "Kontorchef") == ("mangler", "")
    sign(window, script, "Kontorchef", "Mette Holm")
    (asked,) = script.asked("ask_signoff")
    assert asked[0] == ROLES and asked[1] == "Kontorchef"  # the first role still missing
    assert asked[3] == short_fingerprint(fingerprint(window.doc.draft))
    assert role_row(window, "Kontorchef") == ("gældende", "Mette Holm")
    assert window.doc.modified
    assert window.act_undo.text() == "Fortryd: godkend som Kontorchef"
    assert panel.audit.topLevelItem(0).text(0) == "Godkendt"

    edit_first_amount(window, "61,5")
    qtbot.waitUntil(lambda: role_row(window, "Kontorchef")[0] == "forældet", timeout=2000)
    assert panel.history.topLevelItem(0).text(1) == "forældet"

    window.doc.undo_stack.undo()  # the amount again
    qtbot.waitUntil(lambda: role_row(window, "Kontorchef")[0] == "gældende", timeout=2000)

    panel.select_signoff(0)
    assert panel.revoke_button.isEnabled()
    script.answer("ask_confirm", True)
    assert panel.revoke_selected()
    assert role_row(window, "Kontorchef")[0] == "tilbagekaldt"
    assert len(window.doc.draft.signoffs) == 1  # kept in the history
    assert panel.history.topLevelItem(0).text(1) == "tilbagekaldt"
    assert [panel.audit.topLevelItem(i).text(0) for i in range(2)] == [
        "Godkendt",
        "Tilbagekaldt",
    ]
    assert window.act_undo.text() == "Fortryd: tilbagekald godkendelse som Kontorchef"
    window.doc.undo_stack.undo()
    assert role_row(window, "Kontorchef")[0] == "gældende"
    window.doc.undo_stack.undo()  # and the sign-off itself
    assert role_row(window, "Kontorchef")[0] == "mangler"
    assert window.doc.draft.signoffs == [] and window.doc.draft.audit == []


def test_cancelled_revoke_and_refused_sign_off_change_nothing(window, script):
    sign(window, script, "Kontorchef", "Mette Holm")
    panel = window.signoff.panel
    panel.select_signoff(0)
    script.answer("ask_confirm", False)
    assert not panel.revoke_selected()
    assert window.doc.draft.signoffs[0].revoked is None
    script.answer("ask_signoff", ("Kontorchef", "   "))
    assert not panel.sign_off()
    (told,) = script.told("show_error")
    assert "navn" in told[1]
    assert len(window.doc.draft.signoffs) == 1


def test_final_export_disabled_with_reasons_then_exports_verified_final_docx(
    window, script, tmp_path, qtbot
):
    final = window.signoff.final
    final.update_state()
    action = final.action
    assert not action.isEnabled()
    for role in ROLES:
        assert f"{role} har ikke godkendt aktstykket." in action.toolTip()
        assert role in action.statusTip()
    assert action in window.menu("file").actions()
    assert action in window.toolbar.actions()

    for role, name in zip(
        ROLES, ["Mette Holm", "Jens Krogh", "Hanne Vestergaard", "FM"], strict=True
    ):
        assert not action.isEnabled()
        sign(window, script, role, name)
    assert action.isEnabled(), action.toolTip()

    target = tmp_path / "til underskrift.docx"
    script.answer("choose_export_path", target)
    script.answer("ask_confirm", False)  # do not open it
    assert final.export() == target
    fp = fingerprint(window.doc.draft)
    result = verify_docx(target)
    assert result.outcome is Outcome.MATCHES, result.message
    word = docx.Document(str(target))
    body = "\n".join(p.text for p in word.paragraphs)
    assert "UDKAST" not in body and "Afventer" not in body
    assert "Finansministeriets tilslutning foreligger." in body
    footer = " ".join(p.text for s in word.sections for p in s.footer.paragraphs)
    assert short_fingerprint(fp) in footer

    audit = window.doc.draft.audit
    assert audit[-1].action == "final_export" and audit[-1].fingerprint == fp
    assert audit[-1].detail == target.name
    assert window.act_undo.text() == "Fortryd: endelig eksport til underskrift"
    assert window.doc.modified

    # The audit trail survives save and reopen.
    assert window.save()
    saved = load_draft(window.doc.path).draft
    assert [e.action for e in saved.audit] == ["signoff"] * 4 + ["final_export"]
    path = window.doc.path
    window._closing = True
    window.close()
    again = MainWindow(settings=Settings(settings_in(tmp_path / "again")))
    try:
        assert again.open_path(path)
        again.signoff_dock.raise_()
        audit_tree = again.signoff.panel.audit
        assert audit_tree.topLevelItemCount() == 5
        assert audit_tree.topLevelItem(4).text(0) == "Endelig eksport"
        assert all(role_row(again, role)[0] == "gældende" for role in ROLES)
    finally:
        again._closing = True
        again.close()
        again.deleteLater()


def test_final_export_refuses_after_an_edit_and_reports_export_errors(window, script, tmp_path):
    for role in ROLES:
        sign(window, script, role, "N.N.")
    final = window.signoff.final
    edit_first_amount(window, "61,5")
    final.update_state()
    assert not final.action.isEnabled()
    assert "forældet" in final.action.toolTip()
    assert final.export() is None
    (told,) = script.told("show_error")
    assert "Kontorchefs godkendelse" in told[1]

    window.doc.undo_stack.undo()
    final.update_state()
    assert final.action.isEnabled()
    audit_before = list(window.doc.draft.audit)
    script.answer("choose_export_path", tmp_path / "missing folder" / "x.docx")
    assert final.export() is None
    assert len(script.told("show_error")) == 2
    assert window.doc.draft.audit == audit_before  # nothing recorded for a failed export


def test_litra_f_follows_finansministeriet_and_the_exemption(window, script, qtbot):
    note = window.signoff.consent
    window.focus_part("f")
    form = window.forms["f"]
    qtbot.waitUntil(lambda: bool(form.frames))
    note.refresh()
    assert "afventer Finansministeriets godkendelse" in note.state.text()
    assert "Afventer" in note.sentence.text()
    assert not form.frames[0].isVisible()  # the typed sentence is not the document's
    assert "afventer Finansministeriet" in window.navigator.item(6).text()

    sign(window, script, "Finansministeriet", "Budgetafdelingen")
    note.refresh()
    assert "godkendt" in note.state.text()
    assert "Finansministeriets tilslutning foreligger." in note.sentence.text()
    window.refresh_now()
    assert "godkendt af Finansministeriet" in window.navigator.item(6).text()

    window.header_form.flags["fm_consent_exempt"].click()
    note.refresh()
    assert "undtaget" in note.state.text()
    note.exemptionRequested.emit()
    assert window.current_part() == "header"


def test_sign_off_dialog_defaults_and_refuses_an_empty_name(qtbot):
    dialog = SignOffDialog(ROLES, "Afdelingschef", "Mette Holm", "ABCDEF123456")
    qtbot.addWidget(dialog)
    assert dialog.role.currentText() == "Afdelingschef"
    assert [dialog.role.itemText(i) for i in range(dialog.role.count())] == list(ROLES)
    assert dialog.choice() == ("Afdelingschef", "Mette Holm")
    assert dialog.ok.isEnabled()
    dialog.name.setText("  ")
    assert not dialog.ok.isEnabled()


def test_hidden_panel_catches_up_when_shown(window, script, qtbot):
    sign(window, script, "Kontorchef", "Mette Holm")
    window.findings_dock.raise_()  # the panel is now a hidden tab
    qtbot.waitUntil(lambda: window.signoff.panel.visibleRegion().isEmpty())
    edit_first_amount(window, "61,5")
    qtbot.wait(50)
    assert role_row(window, "Kontorchef")[0] == "gældende"  # not redrawn while covered
    window.signoff_dock.raise_()
    qtbot.waitUntil(lambda: role_row(window, "Kontorchef")[0] == "forældet", timeout=2000)


def test_read_only_draft_can_neither_be_signed_nor_exported_for_signature(window, script):
    window.doc.read_only = True
    window.doc.fileChanged.emit()
    ui = window.signoff
    ui.final.update_state()
    assert not ui.sign_action.isEnabled() and not ui.panel.sign_button.isEnabled()
    assert not ui.final.action.isEnabled()
    assert "skrivebeskyttet" in ui.final.action.toolTip()
    assert not ui.panel.sign_off()  # no dialog is asked
