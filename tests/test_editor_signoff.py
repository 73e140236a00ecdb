"""The editor's sign-off: panel, dialog, undo, litra f and the final export for signature."""

from __future__ import annotations

import os
import stat

import docx
import pytest
from PySide6.QtCore import QCoreApplication

from desktop.dialogs.signoffdialog import SignOffDialog
from desktop.dialogs.signoffsettings import SignatureSettingsDialog
from desktop.editors.tableeditor import TableEditor
from desktop.editors.tablemodel import FIRST_AMOUNT_COLUMN
from desktop.session.recovery import RecoveryStore
from desktop.session.settings import Settings
from desktop.testing import ScriptedDialogs, open_windows, settings_in
from desktop.window.mainwindow import MainWindow
from exporters.verify import Outcome, verify_docx
from forms.draftfile import load_draft, save_draft
from forms.pkisettings import key_folder, load_settings
from forms.signoff import fingerprint, known_roles, short_fingerprint
from forms.templates import load_example
from tests.helpers import fm_reference, shared_pki

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


def use_certificate(name: str) -> None:
    """The editor signs with `name`'s certificate from now on (the conftest restores it)."""
    os.environ["AKTSTYKKE_CERT"] = str(shared_pki().p12(name))


def sign(window, script, role: str, name: str) -> None:
    """`name` signs off as `role` through the panel's dialog (Finansministeriet with
    its reference)."""
    use_certificate(name)
    reference = fm_reference() if role == "Finansministeriet" else None
    script.answer("ask_signoff", (role, reference))
    assert window.signoff.panel.sign_off()


def edit_first_amount(window, text: str) -> None:
    window.focus_part("b")
    form = window.forms["b"]
    table = next(f.editor for f in form.frames if isinstance(f.editor, TableEditor))
    assert table.model.setData(table.model.index(0, FIRST_AMOUNT_COLUMN), text)


def test_sign_off_turns_stale_on_edit_current_on_undo_and_undo_revokes_it(window, script, qtbot):
    panel = window.signoff.panel
    assert role_row(window, "Kontorchef") == ("mangler", "")
    sign(window, script, "Kontorchef", "Mette Holm")
    (asked,) = script.asked("ask_signoff")
    assert asked[0] == ROLES and asked[1] == "Kontorchef"  # the first role still missing
    assert asked[2] == "Mette Holm"  # the signer is the certificate's name, never typed
    assert asked[3] == short_fingerprint(fingerprint(window.doc.draft))
    assert role_row(window, "Kontorchef") == ("gældende", "Mette Holm")
    assert window.doc.draft.signoffs[0].signature is not None
    assert window.doc.modified
    assert window.act_undo.text() == "Fortryd: godkend som Kontorchef"
    assert panel.audit.topLevelItem(0).text(0) == "Godkendt"
    assert panel.audit.topLevelItem(0).text(4) == "gyldig"

    edit_first_amount(window, "61,5")
    qtbot.waitUntil(lambda: role_row(window, "Kontorchef")[0] == "forældet", timeout=2000)
    assert panel.history.topLevelItem(0).text(1) == "forældet"

    window.doc.undo_stack.undo()  # the amount again
    qtbot.waitUntil(lambda: role_row(window, "Kontorchef")[0] == "gældende", timeout=2000)

    # Undo of the sign-off appends a signed revocation: nothing leaves the trail.
    window.doc.undo_stack.undo()
    draft = window.doc.draft
    assert role_row(window, "Kontorchef")[0] == "tilbagekaldt"
    assert len(draft.signoffs) == 1 and draft.signoffs[0].revoked_by == "Mette Holm"
    assert [e.action for e in draft.audit] == ["signoff", "revocation"]
    assert all(e.signature is not None for e in draft.audit)
    assert window.doc.modified  # the undo stack is clean again, the trail is not
    assert not panel.problems.isVisible()
    # Redo signs off afresh: a third entry.
    window.doc.undo_stack.redo()
    assert role_row(window, "Kontorchef")[0] == "gældende"
    assert [e.action for e in window.doc.draft.audit] == ["signoff", "revocation", "signoff"]
    assert len(window.doc.draft.signoffs) == 2


def test_revocation_is_kept_and_cannot_be_undone(window, script):
    panel = window.signoff.panel
    sign(window, script, "Kontorchef", "Mette Holm")
    panel.select_signoff(0)
    assert panel.revoke_button.isEnabled()
    use_certificate("Jens Krogh")
    script.answer("ask_confirm", True)
    assert panel.revoke_selected()
    assert role_row(window, "Kontorchef")[0] == "tilbagekaldt"
    assert len(window.doc.draft.signoffs) == 1  # kept in the history
    assert window.doc.draft.signoffs[0].revoked_by == "Jens Krogh"  # from the certificate
    assert panel.history.topLevelItem(0).text(1) == "tilbagekaldt"
    assert [panel.audit.topLevelItem(i).text(0) for i in range(2)] == [
        "Godkendt",
        "Tilbagekaldt",
    ]
    # The revocation is not on the undo stack: undo is still the sign-off's (and undoing
    # that revokes again, which is already done).
    assert window.act_undo.text() == "Fortryd: godkend som Kontorchef"
    window.doc.undo_stack.undo()
    assert [e.action for e in window.doc.draft.audit] == ["signoff", "revocation"]
    assert role_row(window, "Kontorchef")[0] == "tilbagekaldt"


def test_cancelled_revoke_and_refused_sign_off_change_nothing(window, script):
    sign(window, script, "Kontorchef", "Mette Holm")
    panel = window.signoff.panel
    panel.select_signoff(0)
    script.answer("ask_confirm", False)
    assert not panel.revoke_selected()
    assert window.doc.draft.signoffs[0].revoked is None
    script.answer("ask_signoff", ("Finansministeriet", None))  # without FM's reference
    assert not panel.sign_off()
    (told,) = script.told("show_error")
    assert "reference" in told[1]
    assert len(window.doc.draft.signoffs) == 1
    assert len(window.doc.draft.audit) == 1


def test_untrusted_certificate_is_shown_with_its_name_and_does_not_count(window, script, tmp_path):
    from forms.pki import make_self_signed_identity

    os.environ["AKTSTYKKE_CERT"] = str(make_self_signed_identity("Ukendt Person", tmp_path, None))
    script.answer("ask_signoff", ("Kontorchef", None))
    assert window.signoff.panel.sign_off()
    (told,) = script.told("show_info")
    assert "tæller ikke" in told[1] and "ukendt underskriver" in told[1]
    assert role_row(window, "Kontorchef") == ("ukendt underskriver", "Ukendt Person")
    window.signoff.final.update_state()
    assert "ukendt underskriver" in window.signoff.final.action.toolTip()


def test_no_certificate_offers_the_settings(window, script, monkeypatch):
    monkeypatch.delenv("AKTSTYKKE_CERT")
    script.answer("ask_confirm", True)
    script.answer("show_signature_settings", False)
    assert not window.signoff.panel.sign_off()
    assert "Der er ikke valgt et certifikat" in script.asked("ask_confirm")[0][1]
    assert window.doc.draft.signoffs == []


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
        ROLES, ["Mette Holm", "Jens Krogh", "Hanne Vestergaard", "Søren Lund"], strict=True
    ):
        assert not action.isEnabled()
        sign(window, script, role, name)
    assert action.isEnabled(), action.toolTip()

    use_certificate("Mette Holm")  # the one who exports
    target = tmp_path / "til underskrift.docx"
    script.answer("choose_export_path", target)
    script.answer("ask_open_file", False)  # do not open it
    assert final.export() == target
    assert script.asked("ask_acknowledge_warnings") == []  # the example has no warnings
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
    assert audit[-1].detail == target.name and audit[-1].name == "Mette Holm"
    # The export cannot be undone; the draft must be saved to keep its audit line.
    assert window.act_undo.text() == "Fortryd: godkend som Finansministeriet"
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


def test_final_export_shows_open_warnings_and_records_their_acknowledgement(
    window, script, tmp_path
):
    e = window.doc.draft.section("e").blocks[0]
    window.doc.apply_block_text(
        "e", 0, e.text.replace("Under henvisning til", "Med henvisning til")
    )
    for role, name in zip(ROLES, ["A Person", "B Person", "C Person", "D Person"], strict=True):
        sign(window, script, role, name)
    final = window.signoff.final
    final.update_state()
    assert final.action.isEnabled(), final.action.toolTip()
    assert [f.rule for f in final.warnings] == ["E-05"]

    script.answer("ask_acknowledge_warnings", False)  # not acknowledged: nothing happens
    assert final.export() is None
    assert window.doc.draft.audit[-1].action == "signoff"

    target = tmp_path / "endelig.docx"
    script.answer("ask_acknowledge_warnings", True)
    script.answer("choose_export_path", target)
    script.answer("ask_open_file", False)
    assert final.export() == target
    (warnings, signer) = script.asked("ask_acknowledge_warnings")[-1]
    assert warnings[0].startswith("E-05 (litra e")
    assert signer == "D Person"
    acknowledgement, export = window.doc.draft.audit[-2:]
    assert acknowledgement.action == "acknowledgement" and acknowledgement.name == "D Person"
    assert acknowledgement.findings == warnings
    assert acknowledgement.signature is not None and export.action == "final_export"


def test_final_export_refuses_after_an_edit_and_reports_export_errors(window, script, tmp_path):
    for role in ROLES:
        sign(window, script, role, "N N")
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

    sign(window, script, "Finansministeriet", "Søren Lund")
    note.refresh()
    assert "godkendt – modtaget af Søren Lund" in note.state.text()
    assert "j.nr. 2024-4711" in note.state.text()
    assert "Finansministeriets tilslutning foreligger." in note.sentence.text()
    window.refresh_now()
    assert "godkendt af Finansministeriet" in window.navigator.item(6).text()

    window.header_form.flags["fm_consent_exempt"].click()
    note.refresh()
    assert "undtaget" in note.state.text()
    note.exemptionRequested.emit()
    assert window.current_part() == "header"


def test_sign_off_dialog_shows_the_certificates_name_and_asks_fm_for_its_reference(qtbot):
    dialog = SignOffDialog(
        ROLES, "Afdelingschef", "Mette Holm", "ABCDEF123456", "Finansministeriet"
    )
    qtbot.addWidget(dialog)
    assert dialog.role.currentText() == "Afdelingschef"
    assert [dialog.role.itemText(i) for i in range(dialog.role.count())] == list(ROLES)
    assert "Mette Holm" in dialog.signer.text()
    assert not hasattr(dialog, "name")  # no field to type a name in
    assert dialog.choice() == ("Afdelingschef", None)
    assert dialog.ok.isEnabled()
    assert dialog.consent.isHidden()

    dialog.role.setCurrentText("Finansministeriet")
    assert not dialog.consent.isHidden()
    assert not dialog.ok.isEnabled()  # FM's reference first
    dialog.journal.setText("2024-18820")
    dialog.sent_by.setText("Anne Bech\u202e")
    assert not dialog.ok.isEnabled() and "kontroltegn" in dialog.problem.text()
    dialog.sent_by.setText("Anne Bech, Budgetafdelingen")
    assert dialog.ok.isEnabled()
    role, reference = dialog.choice()
    assert role == "Finansministeriet"
    assert (reference.journal, reference.sender) == ("2024-18820", "Anne Bech, Budgetafdelingen")


def test_settings_page_chooses_certificate_and_trusted_folder_and_makes_a_key(
    qtbot, script, tmp_path, monkeypatch
):
    monkeypatch.delenv("AKTSTYKKE_CERT")
    monkeypatch.delenv("AKTSTYKKE_TRUST")
    pki = shared_pki()
    dialog = SignatureSettingsDialog()
    qtbot.addWidget(dialog)
    assert "Intet certifikat valgt" in dialog.certificate_state.text()
    script.answer("choose_certificate", pki.p12("Mette Holm"))
    dialog.choose_certificate()
    assert "Mette Holm" in dialog.certificate_state.text()
    script.answer("choose_folder", pki.trust)
    dialog.choose_trust_folder()
    assert "1 certifikat i mappen" in dialog.trust_state.text()
    assert "Betroet" in dialog.certificate_state.text()
    dialog.accept()
    saved = load_settings()
    assert saved.certificate == pki.p12("Mette Holm") and saved.trust_folder == pki.trust

    # A kontor without an authority: a self-signed key, owner-only, named as typed here.
    again = SignatureSettingsDialog()
    qtbot.addWidget(again)
    script.answer("ask_text", "Kontor Kollega")
    path = again.make_self_signed()
    assert path.parent == key_folder()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert again.certificate.text() == str(path)
    assert "Kontor Kollega" in again.certificate_state.text()
    assert "Ikke betroet" in again.certificate_state.text()  # not in the trusted folder
    assert script.told("show_info")


def test_settings_are_in_the_funktioner_menu(window, script):
    action = window.signoff.settings_action
    assert action in window.menu("tools").actions()
    assert window.menu("tools").title() == "F&unktioner"
    script.answer("show_signature_settings", False)
    action.trigger()
    assert script.asked("show_signature_settings")


def test_broken_audit_trail_is_reported_at_load_and_blocks(make_window, tmp_path, qtbot):
    from tests.helpers import sign_all

    draft = load_example()
    draft.signoffs, draft.audit = [], []
    sign_all(draft)
    del draft.audit[1]  # an entry removed by hand
    path = tmp_path / "brudt.aktstykke"
    save_draft(path, draft)
    window = make_window(path)  # the draft still opens
    panel = window.signoff.panel
    assert panel.problems.isVisible()
    assert "Logbogen er ikke intakt" in panel.problems.text()
    assert panel.audit.topLevelItem(1).text(4) == "brudt kæde"
    qtbot.waitUntil(lambda: "L-01" in {f.rule for f in window.findings}, timeout=3000)
    window.signoff.final.update_state()
    assert not window.signoff.final.action.isEnabled()
    assert "Logbogen er brudt" in window.signoff.final.action.toolTip()


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
