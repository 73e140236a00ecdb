"""The certificate the editor signs with: the one chosen in the settings (or
AKTSTYKKE_CERT), loaded once per session, its password asked for when needed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop import dialogs
from forms.pki import Identity, PkiError, load_identity
from forms.pkisettings import configured_certificate, password_from_environment

_LOADED: dict[tuple[str, int], Identity] = {}
"""(path, modification time) -> identity: a password is asked for once a session."""

NO_CERTIFICATE = (
    "Der er ikke valgt et certifikat at underskrive med. Vælg dit certifikat (.p12/.pfx) "
    "fra ministeriets certifikatudsteder, eller lav et selvsigneret, under Funktioner › "
    "Indstillinger."
)


def _key(path: Path) -> tuple[str, int] | None:
    try:
        return str(path.resolve()), path.stat().st_mtime_ns
    except OSError:
        return None


def signer_identity(parent: QWidget | None) -> Identity | None:
    """The user's identity, or None (after telling why, or when they cancelled)."""
    path = configured_certificate()
    if path is None:
        if not dialogs.ask_confirm(
            parent, "Intet certifikat valgt", NO_CERTIFICATE, "Åbn indstillinger"
        ):
            return None
        if not dialogs.show_signature_settings(parent):
            return None
        path = configured_certificate()
        if path is None:
            return None
    key = _key(path)
    if key is not None and key in _LOADED:
        return _LOADED[key]
    password = password_from_environment()
    try:
        identity = load_identity(path, password)
    except PkiError as exc:
        if password is not None or key is None:
            dialogs.show_error(parent, "Certifikatet kan ikke bruges", exc.message)
            return None
        typed = dialogs.ask_password(parent, path.name)
        if typed is None:
            return None
        try:
            identity = load_identity(path, typed or None)
        except PkiError as again:
            dialogs.show_error(parent, "Certifikatet kan ikke bruges", again.message)
            return None
    if key is not None:
        _LOADED[key] = identity
    return identity


def forget() -> None:
    """After the settings change: the next signature loads the chosen certificate."""
    _LOADED.clear()
