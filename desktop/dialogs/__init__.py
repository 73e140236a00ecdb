"""Every question the editor asks the author, in one place, with Danish buttons.

Tests answer these by monkeypatching the functions of this module, so no test
ever waits for a modal dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

DRAFT_FILTER = "Aktstykker (*.aktstykke)"
OPEN_FILTER = (
    "Aktstykker og Word-filer med kladde (*.aktstykke *.docx);;"
    "Aktstykker (*.aktstykke);;Word-filer med kladde (*.docx)"
)
WORD_FILTER = "Word-dokumenter (*.docx)"
TEMPLATE_FILTER = "Word-skabeloner (*.docx *.dotx)"
PDF_FILTER = "PDF-dokumenter (*.pdf)"
IMPORT_FILTER = (
    "Aktstykker i Word, PDF eller tekst (*.docx *.pdf *.txt);;"
    "Word-dokumenter (*.docx);;PDF-dokumenter (*.pdf);;Tekstfiler (*.txt);;Alle filer (*)"
)
PREVIOUS_FILTER = (
    "Tidligere aktstykker (*.aktstykke *.docx *.pdf *.txt);;Aktstykker (*.aktstykke);;"
    "Word-dokumenter (*.docx);;PDF-dokumenter (*.pdf);;Tekstfiler (*.txt);;Alle filer (*)"
)


def _ask(parent: QWidget | None, icon, title: str, text: str, buttons, informative: str = ""):
    """A message box with our own Danish buttons; returns the chosen key or None."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    if informative:
        box.setInformativeText(informative)
    made = {}
    for key, label, role in buttons:
        made[box.addButton(label, role)] = key
    default = next((b for b, k in made.items() if k == buttons[0][0]), None)
    if default is not None:
        box.setDefaultButton(default)
    escape = next((b for b, k in made.items() if k == "cancel"), None)
    if escape is not None:
        box.setEscapeButton(escape)
    box.exec()
    return made.get(box.clickedButton(), "cancel")


def ask_unsaved(parent: QWidget | None, name: str) -> str:
    """'save', 'discard' or 'cancel'."""
    role = QMessageBox.ButtonRole
    return _ask(
        parent,
        QMessageBox.Icon.Warning,
        "Ikke gemte ændringer",
        f"Vil du gemme ændringerne i »{name}«?",
        [
            ("save", "Gem", role.AcceptRole),
            ("discard", "Kassér", role.DestructiveRole),
            ("cancel", "Annuller", role.RejectRole),
        ],
        "Dine ændringer går tabt, hvis du ikke gemmer dem.",
    )


def ask_changed_on_disk(parent: QWidget | None, message: str) -> str:
    """'overwrite', 'save_as' or 'cancel' when the file changed since it was opened."""
    role = QMessageBox.ButtonRole
    return _ask(
        parent,
        QMessageBox.Icon.Warning,
        "Filen er ændret af en anden",
        message,
        [
            ("save_as", "Gem som …", role.AcceptRole),
            ("overwrite", "Overskriv", role.DestructiveRole),
            ("cancel", "Annuller", role.RejectRole),
        ],
    )


def ask_moved(parent: QWidget | None, message: str) -> str:
    """'save_as' or 'cancel' when the open draft's file has been moved, renamed or deleted."""
    role = QMessageBox.ButtonRole
    return _ask(
        parent,
        QMessageBox.Icon.Warning,
        "Filen er flyttet",
        message,
        [
            ("save_as", "Gem som …", role.AcceptRole),
            ("cancel", "Annuller", role.RejectRole),
        ],
        "Dit arbejde er ikke tabt: det er stadig åbent her.",
    )


def ask_locked(parent: QWidget | None, holder: str, stale: bool) -> str:
    """'read_only', 'copy', 'override' or 'cancel' for a draft someone else has open."""
    role = QMessageBox.ButtonRole
    if stale:
        advice = (
            "Låsen ser ud til at være efterladt af et program, der ikke kørte færdigt "
            "(programmet kører ikke længere). Du kan roligt overtage den."
        )
    else:
        advice = (
            "Overtag kun låsen, hvis du er sikker på, at filen ikke længere er åben "
            "hos den anden – ellers kan I komme til at overskrive hinandens ændringer."
        )
    return _ask(
        parent,
        QMessageBox.Icon.Information,
        "Kladden er åben et andet sted",
        holder,
        [
            ("read_only", "Åbn skrivebeskyttet", role.AcceptRole),
            ("copy", "Åbn en kopi", role.AcceptRole),
            ("override", "Overtag låsen", role.DestructiveRole),
            ("cancel", "Annuller", role.RejectRole),
        ],
        advice,
    )


def ask_recover(parent: QWidget | None, description: str) -> str:
    """'recover', 'discard' or 'later' for a recovery file left by a crash."""
    role = QMessageBox.ButtonRole
    return _ask(
        parent,
        QMessageBox.Icon.Question,
        "Gendan arbejde",
        "Aktstykke blev ikke lukket korrekt sidste gang.",
        [
            ("recover", "Gendan", role.AcceptRole),
            ("discard", "Kassér", role.DestructiveRole),
            ("later", "Senere", role.RejectRole),
        ],
        description,
    )


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    _ask(
        parent,
        QMessageBox.Icon.Warning,
        title,
        message,
        [("ok", "OK", QMessageBox.ButtonRole.AcceptRole)],
    )


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    _ask(
        parent,
        QMessageBox.Icon.Information,
        title,
        message,
        [("ok", "OK", QMessageBox.ButtonRole.AcceptRole)],
    )


def ask_open_file(parent: QWidget | None, title: str, text: str, informative: str = "") -> bool:
    """A message about a file just written, closed with OK, with "Åbn filen" beside it;
    True when the author chose to open the file."""
    role = QMessageBox.ButtonRole
    return (
        _ask(
            parent,
            QMessageBox.Icon.Information,
            title,
            text,
            [("ok", "OK", role.AcceptRole), ("open", "Åbn filen", role.ActionRole)],
            informative,
        )
        == "open"
    )


def show_shortcuts(parent: QWidget | None, rows: list[tuple[str, str]]) -> None:
    """Hjælp → Tastaturgenveje: (keys, what they do) in two aligned columns."""
    from desktop.dialogs.shortcuts import ShortcutsDialog

    ShortcutsDialog(rows, parent).exec()


def ask_text(parent: QWidget | None, title: str, label: str, text: str) -> str | None:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    dialog.setOkButtonText("OK")
    dialog.setCancelButtonText("Annuller")
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    return dialog.textValue()


def choose_open_path(parent: QWidget | None, folder: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Åbn aktstykke", folder, OPEN_FILTER)
    return Path(path) if path else None


def choose_import_path(
    parent: QWidget | None, title: str, folder: str, name_filter: str
) -> Path | None:
    """A file to import (File → Importér, Ny fra tidligere aktstykke)."""
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, name_filter)
    return Path(path) if path else None


def choose_save_path(parent: QWidget | None, suggestion: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, "Gem aktstykke som", suggestion, DRAFT_FILTER)
    if not path:
        return None
    result = Path(path)
    return result if result.suffix == ".aktstykke" else result.with_name(result.name + ".aktstykke")


def choose_export_path(
    parent: QWidget | None, title: str, suggestion: str, name_filter: str
) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggestion, name_filter)
    return Path(path) if path else None


def choose_template(parent: QWidget | None, folder: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Vælg Word-skabelon", folder, TEMPLATE_FILTER)
    return Path(path) if path else None


def ask_confirm(
    parent: QWidget | None, title: str, text: str, confirm: str, informative: str = ""
) -> bool:
    """A yes/cancel question whose yes-button says what happens (e.g. 'Tilbagekald')."""
    role = QMessageBox.ButtonRole
    return (
        _ask(
            parent,
            QMessageBox.Icon.Question,
            title,
            text,
            [("confirm", confirm, role.AcceptRole), ("cancel", "Annuller", role.RejectRole)],
            informative,
        )
        == "confirm"
    )


def ask_signoff(
    parent: QWidget | None,
    roles: tuple[str, ...],
    role: str,
    signer: str,
    fingerprint: str,
    finansministeriet: str = "Finansministeriet",
):
    """(role, Finansministeriet's reference or None) to sign off the current content
    as, signed by `signer` (the certificate's name), or None when cancelled."""
    from desktop.dialogs.signoffdialog import SignOffDialog

    dialog = SignOffDialog(roles, role, signer, fingerprint, finansministeriet, parent)
    if dialog.exec() != SignOffDialog.DialogCode.Accepted:
        return None
    return dialog.choice()


def ask_password(parent: QWidget | None, file_name: str) -> bytes | None:
    """The password of a certificate file, or None when cancelled."""
    from PySide6.QtWidgets import QLineEdit

    dialog = QInputDialog(parent)
    dialog.setWindowTitle("Adgangskode til certifikatet")
    dialog.setLabelText(f"Adgangskode til »{file_name}«:")
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setOkButtonText("OK")
    dialog.setCancelButtonText("Annuller")
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    return dialog.textValue().encode("utf-8")


def ask_acknowledge_warnings(parent: QWidget | None, warnings: list[str], signer: str) -> bool:
    """Whether `signer` acknowledges every open warning listed, before the final export."""
    from desktop.dialogs.signoffwarnings import AcknowledgeDialog

    dialog = AcknowledgeDialog(warnings, signer, parent)
    return dialog.exec() == AcknowledgeDialog.DialogCode.Accepted


def choose_certificate(parent: QWidget | None, folder: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(
        parent,
        "Vælg dit certifikat",
        folder,
        "Certifikater med nøgle (*.p12 *.pfx);;Alle filer (*)",
    )
    return Path(path) if path else None


def choose_folder(parent: QWidget | None, title: str, folder: str) -> Path | None:
    path = QFileDialog.getExistingDirectory(parent, title, folder)
    return Path(path) if path else None


def show_signature_settings(parent: QWidget | None) -> bool:
    """The settings page for certificates (Funktioner › Indstillinger); True when saved."""
    from desktop.dialogs.signoffsettings import SignatureSettingsDialog

    dialog = SignatureSettingsDialog(parent)
    return dialog.exec() == SignatureSettingsDialog.DialogCode.Accepted


def ask_new(parent: QWidget | None, ministry: str, minister: str):
    """A desktop.dialogs.newdialog.NewChoice (kind of aktstykke, ministry, minister), or None."""
    from desktop.dialogs.newdialog import NewDialog

    dialog = NewDialog(ministry, minister, parent)
    if dialog.exec() != NewDialog.DialogCode.Accepted:
        return None
    return dialog.choice()
