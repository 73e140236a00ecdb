"""Puts the sign-off into the main window: the "Godkendelser" dock, the
"Godkend …" and "Eksportér til underskrift …" actions, litra f's note, and
Funktioner › Indstillinger (the certificate and the trusted certificates)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStyle

from desktop import dialogs
from desktop.controllers.finalexport import FinalExport
from desktop.panels.consentnote import ConsentNote
from desktop.panels.signoffpanel import SignOffPanel
from desktop.session.contentfingerprint import ContentFingerprint
from desktop.session.partstate import HEADER
from forms.signoff import is_consent_sentence


@dataclass
class SignOffUi:
    panel: SignOffPanel
    final: FinalExport
    sign_action: QAction
    consent: ConsentNote
    settings_action: QAction


def install(window) -> SignOffUi:
    content = ContentFingerprint(window.doc)
    panel = SignOffPanel(window.doc, content)
    dock = window.add_dock(
        "signoffDock", "Godkendelser", panel, Qt.DockWidgetArea.RightDockWidgetArea
    )
    # Beside the findings: the right side already holds preview and findings.
    window.tabifyDockWidget(window.findings_dock, dock)
    window.findings_dock.raise_()
    dock.visibilityChanged.connect(lambda visible: visible and panel.refresh())
    window.signoff_dock = dock

    final = FinalExport(window)
    final.action.setIcon(window.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton))
    sign_action = QAction("Go&dkend aktstykket …", window)
    sign_action.setStatusTip("Godkend det nuværende indhold som Kontorchef, Afdelingschef, …")
    sign_action.triggered.connect(lambda _checked=False: _sign_off(window, dock, panel))
    window.addAction(sign_action)
    window.doc.fileChanged.connect(lambda: sign_action.setEnabled(not window.doc.read_only))
    window.addAction(final.action)

    file_menu = window.menu("file")
    file_menu.setToolTipsVisible(True)  # the disabled final export says why
    before = window.act_open_export
    file_menu.insertAction(before, final.action)
    file_menu.insertAction(final.action, sign_action)
    window.toolbar.insertAction(before, final.action)

    settings_action = QAction("&Indstillinger …", window)
    settings_action.setObjectName("signatureSettingsAction")
    settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    settings_action.setStatusTip("Vælg dit certifikat og mappen med betroede certifikater")
    settings_action.triggered.connect(lambda _checked=False: _settings(window, panel, final))
    window.menu("tools", "F&unktioner").addAction(settings_action)

    form = window.forms["f"]
    consent = ConsentNote(window.doc, form, content)
    form.hides_block = is_consent_sentence
    layout = form.layout()
    layout.insertWidget(layout.indexOf(form.guidance) + 1, consent)
    consent.exemptionRequested.connect(
        lambda: (
            window.show_part(HEADER),
            window.header_form.focus_field("flags.fm_consent_exempt"),
        )
    )
    return SignOffUi(panel, final, sign_action, consent, settings_action)


def _settings(window, panel: SignOffPanel, final: FinalExport) -> None:
    if dialogs.show_signature_settings(window):
        from desktop.session.signoffidentity import forget

        forget()
        panel.refresh()  # other roots trusted: other states
        final.update_state()


def _sign_off(window, dock, panel: SignOffPanel) -> None:
    dock.show()
    dock.raise_()
    panel.sign_off()
