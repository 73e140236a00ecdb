"""Helpers shared by the tests: paths, the tests' own certificate authority,
and signing off as the test people. Plain functions and constants, imported as
`from tests.helpers import …`; the fixtures built on them are in conftest.py."""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "seed.txt"
EXAMPLE = ROOT / "resources" / "examples" / "capacity-2024.aktstykke"


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
