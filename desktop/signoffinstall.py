"""Puts the sign-off into the main window: the "Godkendelser" dock, the
"Godkend …" and "Eksportér til underskrift …" actions, and litra f's note."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStyle

from desktop.consentnote import ConsentNote
from desktop.contentfingerprint import ContentFingerprint
from desktop.finalexport import FinalExport
from desktop.partstate import HEADER
from desktop.signoffpanel import SignOffPanel
from forms.signoff import is_consent_sentence


@dataclass
class SignOffUi:
    panel: SignOffPanel
    final: FinalExport
    sign_action: QAction
    consent: ConsentNote


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
    return SignOffUi(panel, final, sign_action, consent)


def _sign_off(window, dock, panel: SignOffPanel) -> None:
    dock.show()
    dock.raise_()
    panel.sign_off()
