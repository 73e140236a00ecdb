"""Funktioner › Indstillinger: the certificate you sign with and the certificates you trust.

The choices are saved in the small settings file the command line reads too
(forms/pkisettings.py). A self-signed certificate can be made here for a kontor
without a ministry certificate authority; its name is typed once, here, and is
the certificate's from then on. AKTSTYKKE_CERT and AKTSTYKKE_TRUST, when set,
win over what is chosen here; the page says so.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from cryptography.x509.oid import NameOID
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import accessibility, dialogs, theme
from forms.audit import utc_text
from forms.pki import (
    PkiError,
    SignatureState,
    check_signature,
    load_identity,
    make_self_signed_identity,
    sign_payload,
)
from forms.pkisettings import (
    CERTIFICATE_VARIABLE,
    SettingsError,
    SignatureSettings,
    key_folder,
    load_settings,
    password_from_environment,
    save_settings,
)
from forms.pkitrust import TRUST_VARIABLE, trust_store

GOOD, BAD, NEUTRAL = theme.Meaning.CURRENT, theme.Meaning.ERROR, theme.Meaning.MUTED


def _row(field: QLineEdit, *buttons: QPushButton) -> QWidget:
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field, 1)
    for button in buttons:
        layout.addWidget(button)
    return holder


class SignatureSettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        accessibility.focus_visible_from_start(self)
        self.setWindowTitle("Indstillinger – underskrifter")
        self.setMinimumWidth(620)
        settings = load_settings()
        layout = QVBoxLayout(self)

        mine = QGroupBox("Dit certifikat")
        mine_form = QFormLayout(mine)
        intro = QLabel(
            "Dine godkendelser underskrives med dit certifikat (.p12/.pfx) fra ministeriets "
            "certifikatudsteder, fx et medarbejdercertifikat. Har kontoret ingen, kan du lave "
            "et selvsigneret; kollegerne lægger så dets .pem-fil i deres mappe med betroede "
            "certifikater."
        )
        intro.setWordWrap(True)
        mine_form.addRow(intro)
        self.certificate = QLineEdit(str(settings.certificate or ""))
        self.certificate.setAccessibleName("Certifikatfil")
        self.choose_certificate_button = QPushButton("&Vælg …")
        self.choose_certificate_button.clicked.connect(self.choose_certificate)
        self.make_button = QPushButton("&Lav selvsigneret …")
        self.make_button.clicked.connect(self.make_self_signed)
        label = QLabel("&Certifikatfil:")
        label.setBuddy(self.certificate)
        mine_form.addRow(
            label, _row(self.certificate, self.choose_certificate_button, self.make_button)
        )
        self.certificate_state = QLabel()
        self.certificate_state.setObjectName("certificateState")
        self.certificate_state.setWordWrap(True)
        mine_form.addRow(self.certificate_state)
        layout.addWidget(mine)

        trusted = QGroupBox("Betroede certifikater")
        trusted_form = QFormLayout(trusted)
        trust_intro = QLabel(
            "Kun godkendelser underskrevet med et certifikat, der fører til et certifikat i "
            "denne mappe, tæller: ministeriets rodcertifikat, eller kontorets fælles mappe med "
            "selvsignerede certifikater. Andre vises som »ukendt underskriver«."
        )
        trust_intro.setWordWrap(True)
        trusted_form.addRow(trust_intro)
        self.trust_folder = QLineEdit(str(settings.trust_folder or ""))
        self.trust_folder.setAccessibleName("Mappe med betroede certifikater")
        self.choose_trust_button = QPushButton("Vælg &mappe …")
        self.choose_trust_button.clicked.connect(self.choose_trust_folder)
        trust_label = QLabel("&Mappe:")
        trust_label.setBuddy(self.trust_folder)
        trusted_form.addRow(trust_label, _row(self.trust_folder, self.choose_trust_button))
        self.trust_state = QLabel()
        self.trust_state.setObjectName("trustState")
        self.trust_state.setWordWrap(True)
        trusted_form.addRow(self.trust_state)
        layout.addWidget(trusted)

        self.environment = QLabel()
        self.environment.setWordWrap(True)
        self.environment.setStyleSheet(f"color: {theme.fg(NEUTRAL)};")
        layout.addWidget(self.environment)

        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("&Gem", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Annuller", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.certificate.editingFinished.connect(self.update_state)
        self.trust_folder.editingFinished.connect(self.update_state)
        self._password: bytes | None = None
        self.update_state()

    # -- state -------------------------------------------------------------------------

    def chosen(self) -> SignatureSettings:
        certificate = self.certificate.text().strip()
        folder = self.trust_folder.text().strip()
        return SignatureSettings(
            certificate=Path(certificate) if certificate else None,
            trust_folder=Path(folder) if folder else None,
        )

    def update_state(self) -> None:
        chosen = self.chosen()
        trust = trust_store(chosen.trust_folder) if chosen.trust_folder else None
        if trust is None:
            self._show(self.trust_state, "Ingen mappe valgt: ingen godkendelser tæller.", BAD)
        else:
            count = len(trust.roots)
            problems = " ".join(trust.problems)
            text = f"{count} certifikat{'' if count == 1 else 'er'} i mappen. {problems}"
            self._show(self.trust_state, text.strip(), GOOD if count and not problems else BAD)
        self._show_certificate(chosen, trust)
        overridden = [
            f"{variable} er sat og bruges i stedet for valget her."
            for variable in (CERTIFICATE_VARIABLE, TRUST_VARIABLE)
            if os.environ.get(variable, "").strip()
        ]
        self.environment.setText(" ".join(overridden))
        self.environment.setVisible(bool(overridden))

    def _show_certificate(self, chosen: SignatureSettings, trust) -> None:
        path = chosen.certificate
        if path is None:
            self._show(self.certificate_state, "Intet certifikat valgt.", BAD)
            return
        try:
            identity = load_identity(path, self._password or password_from_environment())
        except PkiError as exc:
            self._show(self.certificate_state, exc.message, BAD)
            return
        certificate = identity.certificate
        text = (
            f"<b>{_escape(identity.name)}</b>, udstedt af "
            f"{_escape(_issuer(certificate))}, gyldigt til "
            f"{certificate.not_valid_after_utc:%d.%m.%Y}."
        )
        if trust is not None:
            now = dt.datetime.now(dt.UTC)
            probe = utc_text(now).encode()
            check = check_signature(sign_payload(identity, probe), probe, trust, now)
            if check.state is SignatureState.VALID:
                text += " Betroet: dine godkendelser tæller med den valgte mappe."
                self._show(self.certificate_state, text, GOOD)
                return
            text += f" Ikke betroet med den valgte mappe ({check.state.value})."
        self._show(self.certificate_state, text, NEUTRAL)

    @staticmethod
    def _show(label: QLabel, text: str, colour: theme.Meaning) -> None:
        label.setText(text)
        label.setStyleSheet(f"color: {theme.fg(colour)};")

    # -- actions ---------------------------------------------------------------------------

    def choose_certificate(self) -> None:
        current = Path(self.certificate.text().strip() or key_folder())
        path = dialogs.choose_certificate(self, str(current.parent if current.suffix else current))
        if path is None:
            return
        self.certificate.setText(str(path))
        self._password = None
        try:
            load_identity(path, password_from_environment())
        except PkiError:
            self._password = dialogs.ask_password(self, path.name)
        self.update_state()

    def choose_trust_folder(self) -> None:
        current = self.trust_folder.text().strip() or str(Path.home())
        path = dialogs.choose_folder(self, "Vælg mappen med betroede certifikater", current)
        if path is not None:
            self.trust_folder.setText(str(path))
            self.update_state()

    def make_self_signed(self) -> Path | None:
        name = dialogs.ask_text(
            self,
            "Lav selvsigneret certifikat",
            "Dit fulde navn, som det skal stå i certifikatet og på dine godkendelser:",
            "",
        )
        if name is None or not name.strip():
            return None
        try:
            path = make_self_signed_identity(name, key_folder(), None)
        except PkiError as exc:
            dialogs.show_error(self, "Certifikatet kan ikke laves", exc.message)
            return None
        self.certificate.setText(str(path))
        self._password = None
        self.update_state()
        dialogs.show_info(
            self,
            "Selvsigneret certifikat lavet",
            f"Nøglen ligger i »{path}« (kun du kan læse den). Certifikatet »{path.with_suffix('.pem').name}« "
            "ved siden af deles med kollegerne: deres godkendelser og dine tæller hos hinanden, "
            "når certifikaterne ligger i jeres fælles mappe med betroede certifikater.",
        )
        return path

    def accept(self) -> None:
        try:
            save_settings(self.chosen())
        except SettingsError as exc:
            dialogs.show_error(self, "Indstillingerne kan ikke gemmes", exc.message)
            return
        super().accept()


def _issuer(certificate) -> str:
    if certificate.issuer == certificate.subject:
        return "sig selv (selvsigneret)"
    names = certificate.issuer.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else certificate.issuer.rfc4514_string()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
