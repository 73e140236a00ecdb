"""Test harness: Qt offscreen before any Qt import, settings in a temp folder."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from forms.templates import load_example

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "seed.txt"


@pytest.fixture
def example():
    """A fresh copy of the bundled example draft (the seed)."""
    return load_example()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Settings, autosave and recovery files never touch the real home folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(home / "run"))
    (home / "run").mkdir(mode=0o700)
    return home


# -- certificates: the tests make their own authority ---------------------------------------

T0 = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
T_END = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)  # past 2099: future-dated tests
TEST_USER = "Test Bruger"


class Pki:
    """A root authority, an intermediate one issuing people's certificates, a
    folder trusting the root, and people's identities made on demand (EC P-256:
    fast)."""

    def __init__(self, folder: Path):
        from forms.pkiauthority import make_authority

        self.folder = folder
        self.root = make_authority("Testministeriets rod-CA", T0, T_END, organisation="Test")
        self.issuer = make_authority("Testministeriets medarbejder-CA", T0, T_END, parent=self.root)
        self.trust = folder / "betroede"
        self.trust.mkdir()
        (self.trust / "rod.pem").write_bytes(_pem(self.root.certificate))
        self._people: dict[str, object] = {}

    def identity(self, name: str):
        from forms.pkiauthority import issue

        if name not in self._people:
            self._people[name] = issue(self.issuer, name, T0, T_END)
        return self._people[name]

    def p12(self, name: str, password: bytes | None = None) -> Path:
        from forms.pki import pkcs12_bytes

        path = self.folder / f"{abs(hash((name, password)))}.p12"
        if not path.exists():
            path.write_bytes(pkcs12_bytes(self.identity(name), password, name))
        return path


def _pem(certificate) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return certificate.public_bytes(serialization.Encoding.PEM)


_SHARED: list[Pki] = []


def shared_pki() -> Pki:
    """One authority for the whole run (the tests' helpers below use it too)."""
    if not _SHARED:
        folder = Path(tempfile.mkdtemp(prefix="aktstykke-pki-"))
        atexit.register(shutil.rmtree, folder, True)
        _SHARED.append(Pki(folder))
    return _SHARED[0]


@pytest.fixture(scope="session")
def pki() -> Pki:
    return shared_pki()


PEOPLE = {
    "Kontorchef": "Karin Kontorchef",
    "Afdelingschef": "Anders Afdelingschef",
    "Departementschef": "Dorte Departementschef",
    "Finansministeriet": "Frida Fuldmægtig",  # received Finansministeriet's consent
}


def fm_reference():
    from forms.model import ConsentReference

    return ConsentReference(
        journal="2024-4711", date=dt.date(2024, 11, 11), sender="Finn Finans, Budgetafdelingen"
    )


def identity(name: str):
    """A person's identity under the tests' trusted authority."""
    return shared_pki().identity(name)


def sign(draft, role: str, name: str | None = None, when=None):
    """Sign off as `role` (Finansministeriet with its reference), as the role's test person."""
    from forms.signoff import role_config, sign_off

    reference = fm_reference() if role == role_config().finansministeriet else None
    return sign_off(draft, role, identity(name or PEOPLE[role]), when, reference)


def sign_all(draft, when=None):
    """Every required role signs off the current content."""
    from forms.signoff import required_roles

    for role in required_roles(draft):
        sign(draft, role, when=when)
    return draft


@pytest.fixture(autouse=True)
def _trusted(pki, monkeypatch):
    """Every test trusts the test authority (AKTSTYKKE_TRUST) and signs, on the
    command line, as the test user (AKTSTYKKE_CERT)."""
    monkeypatch.setenv("AKTSTYKKE_TRUST", str(pki.trust))
    monkeypatch.setenv("AKTSTYKKE_CERT", str(pki.p12(TEST_USER)))
    monkeypatch.delenv("AKTSTYKKE_CERT_PASSWORD", raising=False)
    return pki
