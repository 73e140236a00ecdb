"""Where the user's certificate and the folder of trusted roots are: a small
JSON file in the user's config folder, written by the editor's settings page
and read by the command line too (so neither needs Qt)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from forms.atomic import atomic_write_bytes, os_error_reason

APP = "Aktstykke"
SETTINGS_NAME = "underskrift.json"


def config_folder() -> Path:
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def key_folder() -> Path:
    """Where `aktstykke keys --new` puts a self-signed key: the user's data folder."""
    return Path(platformdirs.user_data_dir(APP, appauthor=False)) / "nøgler"


def settings_file() -> Path:
    return config_folder() / SETTINGS_NAME


@dataclass(frozen=True)
class SignatureSettings:
    certificate: Path | None = None
    """The user's PKCS#12 file (.p12/.pfx)."""
    trust_folder: Path | None = None
    """A folder of trusted root certificates (PEM or DER)."""


class SettingsError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def load_settings() -> SignatureSettings:
    """The saved settings; a missing or unreadable file is no settings (the
    editor's settings page shows it and writes a good one)."""
    try:
        data = json.loads(settings_file().read_text("utf-8"))
    except (OSError, ValueError):
        return SignatureSettings()
    if not isinstance(data, dict):
        return SignatureSettings()
    return SignatureSettings(_path(data.get("certificate")), _path(data.get("trust_folder")))


def _path(value: object) -> Path | None:
    return Path(value) if isinstance(value, str) and value.strip() else None


def save_settings(settings: SignatureSettings) -> Path:
    path = settings_file()
    data = {
        "certificate": str(settings.certificate) if settings.certificate else "",
        "trust_folder": str(settings.trust_folder) if settings.trust_folder else "",
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode())
    except OSError as exc:
        raise SettingsError(
            f"Indstillingerne kan ikke gemmes i »{path}«: {os_error_reason(exc)}."
        ) from None
    return path


CERTIFICATE_VARIABLE = "AKTSTYKKE_CERT"
PASSWORD_VARIABLE = "AKTSTYKKE_CERT_PASSWORD"


def configured_certificate() -> Path | None:
    """The user's certificate file: AKTSTYKKE_CERT, else the saved setting."""
    variable = os.environ.get(CERTIFICATE_VARIABLE, "").strip()
    return Path(variable) if variable else load_settings().certificate


def password_from_environment() -> bytes | None:
    value = os.environ.get(PASSWORD_VARIABLE)
    return value.encode("utf-8") if value else None
