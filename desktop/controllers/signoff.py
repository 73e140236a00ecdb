"""Puts the sign-off into the main window: the "Godkendelser" dock, the
"Godkend …" and "Eksportér til underskrift …" actions, litra f's note, and
Funktioner › Indstillinger (the certificate and the trusted certificates)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QStyle, QWidget

from desktop import dialogs
from desktop.controllers.finalexport import FinalExport
from desktop.panels.consentnote import ConsentNote
from desktop.panels.signoffpanel import SignOffPanel
from desktop.session.contentfingerprint import ContentFingerprint
from desktop.session.partstate import HEADER
from desktop.session.signoffidentity import forget
from forms.signoff import is_consent_sentence


class SignOffController(QObject):
    """The sign-off commands of one window: "Godkend …" (in the dock's panel),
    Funktioner › Indstillinger, and the final export's action (FinalExport)."""

    def __init__(
        self,
        parent: QWidget,
        panel: SignOffPanel,
        dock: QDockWidget,
        final: FinalExport,
        consent: ConsentNote,
    ):
        super().__init__(parent)
        self.parent_widget = parent
        self.panel, self.dock, self.final, self.consent = panel, dock, final, consent
        self.sign_action = QAction("Go&dkend aktstykket …", parent)
        self.sign_action.setStatusTip(
            "Godkend det nuværende indhold som Kontorchef, Afdelingschef, …"
        )
        self.sign_action.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.sign_action.triggered.connect(lambda _checked=False: self.sign_off())
        self.settings_action = QAction("&Indstillinger …", parent)
        self.settings_action.setObjectName("signatureSettingsAction")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setStatusTip("Vælg dit certifikat og mappen med betroede certifikater")
        self.settings_action.triggered.connect(lambda _checked=False: self.open_settings())
        doc = panel.doc
        doc.fileChanged.connect(lambda: self.sign_action.setEnabled(not doc.read_only))

    def sign_off(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.panel.sign_off()

    def open_settings(self) -> None:
        if dialogs.show_signature_settings(self.parent_widget):
            forget()
            self.panel.refresh()  # other roots trusted: other states
            self.final.update_state()


def install(window) -> SignOffController:
    """The "Godkendelser" dock beside the findings, the sign-off and final-export
    actions in the File menu and the toolbar, Funktioner › Indstillinger, and
    litra f's note at the top of its form."""
    doc = window.doc
    content = ContentFingerprint.of(doc)
    panel = SignOffPanel(doc, content)
    dock = window.add_dock(
        "signoffDock", "Godkendelser", panel, Qt.DockWidgetArea.RightDockWidgetArea
    )
    # Beside the findings: the right side already holds preview and findings.
    window.tabifyDockWidget(window.findings_dock, dock)
    window.findings_dock.raise_()

    def refresh_when_shown(visible: bool) -> None:
        if visible:
            panel.refresh()

    dock.visibilityChanged.connect(refresh_when_shown)

    final = FinalExport(window, doc, window.settings, window.exports, window.show_status)
    final.checker, final.content = window.incremental_checker, content
    final.action.setIcon(window.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton))
    form = window.forms["f"]
    consent = ConsentNote(doc, form, content)
    controller = SignOffController(window, panel, dock, final, consent)
    window.addAction(controller.sign_action)
    window.addAction(final.action)
    window.addAction(controller.settings_action)

    file_menu = window.menu("file")
    file_menu.setToolTipsVisible(True)  # the disabled final export says why
    before = window.act_open_export
    file_menu.insertAction(before, final.action)
    file_menu.insertAction(final.action, controller.sign_action)
    window.toolbar.insertAction(before, final.action)
    window.menu("tools", "F&unktioner").addAction(controller.settings_action)

    form.hides_block = is_consent_sentence
    form.add_note(consent)
    consent.exemptionRequested.connect(
        lambda: (
            window.show_part(HEADER),
            window.header_form.focus_field("flags.fm_consent_exempt"),
        )
    )
    return controller
