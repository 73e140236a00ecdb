"""Which certificates are trusted: configured, never typed.

A folder of trusted root certificates (the ministry's certificate authority,
or the kontor's shared folder of self-signed certificates), from
AKTSTYKKE_TRUST or else the user's settings (forms/pkisettings.py). The
example authority that ships in resources/signoff/example is trusted only
for the bundled example's content, so its published private keys sign
nothing else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.x509.verification import (
    Criticality,
    ExtensionPolicy,
    PolicyBuilder,
    Store,
    VerificationError,
)

from forms.pkisettings import load_settings

TRUST_VARIABLE = "AKTSTYKKE_TRUST"
CERTIFICATE_SUFFIXES = (".pem", ".crt", ".cer", ".der")
MAX_CERTIFICATE_BYTES = 1_000_000
MAX_FILES = 500


@dataclass(frozen=True)
class TrustStore:
    roots: tuple[x509.Certificate, ...] = ()
    folders: tuple[Path, ...] = ()
    """The folders the roots were read from (for messages)."""
    problems: tuple[str, ...] = ()
    """Danish lines about files in the folders that could not be read."""
    example_roots: tuple[x509.Certificate, ...] = field(default=(), repr=False)
    example_fingerprints: frozenset[str] = frozenset()
    """Content fingerprints for which the example roots are trusted too."""

    def for_content(self, fingerprint: str) -> TrustStore:
        """The roots that hold for a record about content `fingerprint`: the
        example authority only for the bundled example's own content."""
        roots = self.roots
        if fingerprint in self.example_fingerprints:
            roots = roots + self.example_roots
        return replace(self, roots=roots, example_roots=(), example_fingerprints=frozenset())

    @cached_property
    def key(self) -> tuple[str, ...]:
        """Equal for stores that trust the same roots (a cache key)."""
        return tuple(sorted(hashlib.sha256(_der(c)).hexdigest() for c in self.roots))

    @cached_property
    def store(self) -> Store | None:
        return Store(list(self.roots)) if self.roots else None

    def describe(self) -> str:
        if not self.folders:
            return (
                "Der er ikke valgt en mappe med betroede certifikater (Indstillinger, eller "
                f"{TRUST_VARIABLE})."
            )
        names = ", ".join(f"»{f}«" for f in self.folders)
        count = len(self.roots)
        return f"{count} betroede certifikat{'' if count == 1 else 'er'} fra {names}."


def _der(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.DER)


def _key_usage_signs(_policy: object, _certificate: object, usage: x509.KeyUsage | None) -> None:
    if usage is not None and not (usage.digital_signature or usage.content_commitment):
        raise ValueError("certifikatet må ikke bruges til underskrifter")


@cache
def _policies() -> tuple[ExtensionPolicy, ExtensionPolicy]:
    # Authorities as the Web PKI wants them (CA flag, keyCertSign); a person's
    # certificate only needs to be allowed to sign: ministry employee certificates
    # carry no server names and varied extended key usages.
    end_entity = ExtensionPolicy.permit_all().may_be_present(
        x509.KeyUsage, Criticality.AGNOSTIC, _key_usage_signs
    )
    return ExtensionPolicy.webpki_defaults_ca(), end_entity


def verify_chain(
    certificate: x509.Certificate,
    intermediates: list[x509.Certificate],
    trust: TrustStore,
    at: dt.datetime,
) -> str | None:
    """None when `certificate` chains to a trusted root at `at`, else a Danish reason."""
    if trust.store is None:
        return "Certifikatet er ikke betroet: " + trust.describe()
    ca_policy, ee_policy = _policies()
    verifier = (
        PolicyBuilder()
        .store(trust.store)
        .time(at.astimezone(dt.UTC).replace(tzinfo=None))
        .extension_policies(ca_policy=ca_policy, ee_policy=ee_policy)
        .build_client_verifier()
    )
    try:
        verifier.verify(certificate, intermediates)
    except VerificationError as exc:
        return f"Certifikatet fører ikke til et betroet rodcertifikat ({_reason(exc)})."
    except (ValueError, TypeError, UnsupportedAlgorithm):  # a certificate it cannot judge
        return "Certifikatet fører ikke til et betroet rodcertifikat (kæden kan ikke bygges)."
    return None


def _reason(exc: VerificationError) -> str:
    text = str(exc)
    if "candidates exhausted" in text and "basicConstraints" not in text:
        return "udstederen er ikke blandt de betroede"
    if "not valid at validation time" in text:
        return "et certifikat i kæden var ikke gyldigt på tidspunktet"
    if "basicConstraints" in text:
        return "et certifikat i kæden er ikke et udstedercertifikat"
    if "validator failed" in text:
        return "certifikatet må ikke bruges til underskrifter"
    return "kæden kan ikke bygges"


# -- reading folders ------------------------------------------------------------------------


def read_certificates(data: bytes) -> list[x509.Certificate]:
    """Every certificate in a PEM file (one or more) or a DER file; ValueError if none."""
    if b"-----BEGIN" in data:
        return list(x509.load_pem_x509_certificates(data))
    return [x509.load_der_x509_certificate(data)]


_FOLDERS: dict[tuple[object, ...], tuple[tuple[x509.Certificate, ...], tuple[str, ...]]] = {}


def read_folder(folder: Path) -> tuple[tuple[x509.Certificate, ...], tuple[str, ...]]:
    """(certificates, Danish problems) of a folder; cached until a file in it changes."""
    try:
        entries = sorted(
            (e for e in os.scandir(folder) if e.name.lower().endswith(CERTIFICATE_SUFFIXES)),
            key=lambda e: e.name,
        )
        listing = tuple((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in entries)
    except FileNotFoundError:
        return (), (f"Mappen med betroede certifikater »{folder}« findes ikke.",)
    except NotADirectoryError:
        return (), (f"»{folder}« er ikke en mappe.",)
    except OSError as exc:
        return (), (f"Mappen »{folder}« kan ikke læses: {exc.strerror}.",)
    key = (str(folder), listing)
    if key in _FOLDERS:
        return _FOLDERS[key]
    certificates: list[x509.Certificate] = []
    problems: list[str] = []
    if len(entries) > MAX_FILES:
        problems.append(
            f"Mappen »{folder}« har over {MAX_FILES} certifikatfiler; resten er sprunget over."
        )
    for entry in entries[:MAX_FILES]:
        path = Path(entry.path)
        try:
            if entry.stat().st_size > MAX_CERTIFICATE_BYTES:
                problems.append(f"»{path.name}« er for stor til at være et certifikat.")
                continue
            certificates.extend(read_certificates(path.read_bytes()))
        except OSError as exc:
            problems.append(f"»{path.name}« kan ikke læses: {exc.strerror}.")
        except ValueError:
            problems.append(f"»{path.name}« er ikke et certifikat (PEM eller DER).")
    result = (tuple(certificates), tuple(problems))
    if len(_FOLDERS) > 16:
        _FOLDERS.clear()
    _FOLDERS[key] = result
    return result


def configured_trust_folders() -> tuple[Path, ...]:
    """AKTSTYKKE_TRUST (folders separated by os.pathsep), else the user's setting."""
    variable = os.environ.get(TRUST_VARIABLE, "").strip()
    if variable:
        return tuple(Path(p) for p in variable.split(os.pathsep) if p.strip())
    folder = load_settings().trust_folder
    return (folder,) if folder else ()


@cache
def example_authority() -> tuple[tuple[x509.Certificate, ...], frozenset[str]]:
    """The example's authority and the one content it is trusted for."""
    base = resources.files("resources").joinpath("signoff", "example")
    try:
        roots = tuple(read_certificates(base.joinpath("authority.pem").read_bytes()))
        scope = json.loads(base.joinpath("scope.json").read_text("utf-8"))
    except (OSError, ValueError):  # an installation without the example
        return (), frozenset()
    return roots, frozenset(scope["fingerprints"])


def trust_store(folder: Path | None = None) -> TrustStore:
    """The trusted roots: `folder`, else AKTSTYKKE_TRUST, else the user's setting;
    plus the example authority for the bundled example's content only."""
    folders = (Path(folder),) if folder is not None else configured_trust_folders()
    roots: list[x509.Certificate] = []
    problems: list[str] = []
    for each in folders:
        found, trouble = read_folder(each)
        roots.extend(found)
        problems.extend(trouble)
    example_roots, example_fingerprints = example_authority()
    return TrustStore(
        roots=tuple(roots),
        folders=folders,
        problems=tuple(problems),
        example_roots=example_roots,
        example_fingerprints=example_fingerprints,
    )
