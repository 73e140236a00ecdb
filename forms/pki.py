"""Signatures with the PKI ministries already have: X.509 certificates and
PKCS#12 files (a ministry's certificate authority, e.g. employee certificates
under MitID Erhverv/OCES), or a self-signed certificate for a kontor without one.

Everything goes through `cryptography`; the chain to a trusted root is built by
`cryptography.x509.verification`. The signer's name is always the certificate's
subject (CN), never a typed name or the login. Which roots are trusted is
configured (forms/pkitrust.py), never typed.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from forms.model import Signature
from forms.pkitrust import TrustStore, trust_store, verify_chain

__all__ = [
    "Identity",
    "PkiError",
    "Signature",
    "SignatureCheck",
    "SignatureState",
    "TrustStore",
    "certificate_name",
    "check_name",
    "check_signature",
    "load_identity",
    "make_self_signed_identity",
    "sign_payload",
    "trust_store",
]

MAX_IDENTITY_BYTES = 1_000_000
"""A PKCS#12 file is a few kilobytes; anything far larger is not one."""
SELF_SIGNED_DAYS = 3 * 365
PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey


class PkiError(ValueError):
    """A certificate or key that cannot be used; `message` is Danish and names the file."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# -- names ------------------------------------------------------------------------------

_REFUSED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


def check_name(text: str, what: str = "Navnet") -> str:
    """`text` stripped, or PkiError when it holds a line break or another control
    or invisible formatting character (a newline in a name forged an extra line
    in `signoff --list`; a bidi override can make a name read as another)."""
    for char in text:
        if unicodedata.category(char) in _REFUSED_CATEGORIES:
            kind = "et linjeskift" if char in "\n\r\u2028\u2029\x85" else "et kontroltegn"
            raise PkiError(f"{what} indeholder {kind} (U+{ord(char):04X}); det er ikke tilladt.")
    stripped = " ".join(text.split())
    if not stripped:
        raise PkiError(f"{what} er tomt.")
    return stripped


def certificate_name(certificate: x509.Certificate) -> str:
    """The person a certificate names: its subject's common name (CN), else the
    whole subject. Raw, as the certificate says it; `check_name` judges it."""
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if names:
        value = names[0].value
        return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return certificate.subject.rfc4514_string()


# -- identities -------------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """A person's private key and certificate, with the intermediates their file carried."""

    certificate: x509.Certificate
    private_key: PrivateKey
    chain: tuple[x509.Certificate, ...] = ()

    @property
    def name(self) -> str:
        """The signer's name: from the certificate subject, never the login."""
        return check_name(certificate_name(self.certificate), "Certifikatets navn")


def load_identity(path: Path | str, password: bytes | None) -> Identity:
    """A PKCS#12 file (.p12/.pfx) as a ministry's certificate authority issues it,
    or as `aktstykke keys` makes it. PkiError (Danish) on every failure."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_IDENTITY_BYTES:
            raise PkiError(
                f"»{path.name}« er for stor til at være en certifikatfil ({size:,} byte)."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise PkiError(f"Certifikatfilen »{path}« findes ikke.") from None
    except IsADirectoryError:
        raise PkiError(f"»{path}« er en mappe, ikke en certifikatfil.") from None
    except PermissionError:
        raise PkiError(f"Du har ikke adgang til at læse certifikatfilen »{path}«.") from None
    except OSError as exc:
        raise PkiError(f"Certifikatfilen »{path}« kan ikke læses: {exc.strerror}.") from None
    return identity_from_pkcs12(data, password, path.name)


def identity_from_pkcs12(data: bytes, password: bytes | None, label: str) -> Identity:
    try:
        key, certificate, extra = pkcs12.load_key_and_certificates(data, password or None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        hint = (
            "Filen kræver måske en adgangskode (AKTSTYKKE_CERT_PASSWORD)."
            if not password
            else "Adgangskoden er forkert, eller filen er ikke en PKCS#12-fil."
        )
        raise PkiError(
            f"»{label}« kan ikke åbnes som certifikat med privat nøgle (.p12/.pfx). {hint}"
        ) from None
    if key is None or certificate is None:
        raise PkiError(f"»{label}« indeholder ikke både en privat nøgle og et certifikat.")
    if not isinstance(
        key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey
    ):
        raise PkiError(
            f"Nøgletypen i »{label}« understøttes ikke; brug en EC-, RSA- eller Ed25519-nøgle."
        )
    if _public_bytes(key.public_key()) != _public_bytes(certificate.public_key()):
        raise PkiError(f"Den private nøgle i »{label}« hører ikke til certifikatet i filen.")
    identity = Identity(certificate, key, tuple(extra or ()))
    try:
        identity.name  # noqa: B018 (refuse a certificate whose name is not a name)
    except PkiError as exc:
        raise PkiError(f"»{label}«: {exc.message}") from None
    return identity


def _public_bytes(key: CertificatePublicKeyTypes) -> bytes:
    return key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.lower())
    folded = folded.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    ascii_only = folded.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-") or "noegle"


def self_signed_certificate(
    name: str, key: PrivateKey, *, days: int = SELF_SIGNED_DAYS, now: dt.datetime | None = None
) -> x509.Certificate:
    """A certificate naming `name`, issued by itself: for a kontor without a
    ministry certificate authority. Others trust it by putting it in their
    folder of trusted certificates."""
    now = now or dt.datetime.now(dt.UTC)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(signing_key_usage(), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    algorithm = None if isinstance(key, ed25519.Ed25519PrivateKey) else hashes.SHA256()
    return builder.sign(key, algorithm)


def signing_key_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )


def pkcs12_bytes(identity: Identity, password: bytes | None, friendly: str) -> bytes:
    encryption = (
        serialization.BestAvailableEncryption(password)
        if password
        else serialization.NoEncryption()
    )
    return pkcs12.serialize_key_and_certificates(
        friendly.encode("utf-8"),
        identity.private_key,
        identity.certificate,
        list(identity.chain) or None,
        encryption,
    )


def write_private(path: Path, data: bytes) -> None:
    """Create `path` readable and writable by its owner only (0600); never
    replaces an existing file (a key must not be overwritten by accident)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(path, 0o600)  # the umask may have taken bits away, never added: state it


def make_self_signed_identity(name: str, folder: Path | str, password: bytes | None) -> Path:
    """Make an EC P-256 key and a self-signed certificate for `name` in `folder`
    (created owner-only): NAME.p12 (0600, the key) and NAME.pem (the certificate,
    public, for colleagues' trusted folder). Returns the .p12 path."""
    name = check_name(name, "Navnet")
    folder = Path(folder)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise PkiError(f"Mappen »{folder}« kan ikke oprettes: {exc.strerror}.") from None
    stem = _slug(name)
    target = folder / f"{stem}.p12"
    certificate_file = folder / f"{stem}.pem"
    if target.exists() or certificate_file.exists():
        raise PkiError(
            f"Der findes allerede en nøgle »{target.name}« i »{folder}«; den overskrives ikke."
        )
    key = ec.generate_private_key(ec.SECP256R1())
    identity = Identity(self_signed_certificate(name, key), key)
    try:
        write_private(target, pkcs12_bytes(identity, password, name))
        certificate_file.write_bytes(identity.certificate.public_bytes(serialization.Encoding.PEM))
    except OSError as exc:
        raise PkiError(f"Nøglen kan ikke gemmes i »{folder}«: {exc.strerror}.") from None
    return target


# -- signing and checking -----------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _der(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.DER)


def sign_payload(identity: Identity, payload: bytes) -> Signature:
    key = identity.private_key
    if isinstance(key, ec.EllipticCurvePrivateKey):
        algorithm, value = "ecdsa-sha256", key.sign(payload, ec.ECDSA(hashes.SHA256()))
    elif isinstance(key, rsa.RSAPrivateKey):
        algorithm, value = (
            "rsa-pkcs1-sha256",
            key.sign(payload, padding.PKCS1v15(), hashes.SHA256()),
        )
    else:
        algorithm, value = "ed25519", key.sign(payload)
    return Signature(
        algorithm=algorithm,
        certificate=_b64(_der(identity.certificate)),
        chain=[_b64(_der(c)) for c in identity.chain],
        value=_b64(value),
    )


class SignatureState(StrEnum):
    VALID = "gyldig"
    UNTRUSTED = "ukendt underskriver"
    INVALID = "ugyldig: ændret efter underskrift"
    EXPIRED = "certifikatet gjaldt ikke på tidspunktet"
    UNSIGNED = "usigneret"


@dataclass(frozen=True)
class SignatureCheck:
    state: SignatureState
    signer: str
    """The name in the certificate ('' when it cannot be read)."""
    detail: str
    """A Danish sentence saying why, for a tooltip or a list."""

    @property
    def valid(self) -> bool:
        return self.state is SignatureState.VALID


UNSIGNED = SignatureCheck(SignatureState.UNSIGNED, "", "Posten er ikke underskrevet.")


def decode_certificate(text: str) -> x509.Certificate:
    """A base64 DER certificate; ValueError when it is not one."""
    try:
        return x509.load_der_x509_certificate(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not a certificate") from exc


def signer_certificate(sig: Signature) -> x509.Certificate | None:
    try:
        return decode_certificate(sig.certificate)
    except ValueError:
        return None


_CACHE: dict[tuple[object, ...], SignatureCheck] = {}
_CACHE_SIZE = 1024


def check_signature(
    sig: Signature | None, payload: bytes, trust: TrustStore, at: dt.datetime
) -> SignatureCheck:
    """Does `sig` sign `payload`, and does its certificate chain to a trusted
    root and hold at `at` (the time the signature claims)? Results are cached:
    the editor asks on every refresh."""
    if sig is None:
        return UNSIGNED
    key = (sig.algorithm, sig.certificate, tuple(sig.chain), sig.value, payload, trust.key, at)
    found = _CACHE.get(key)
    if found is None:
        found = _check(sig, payload, trust, at)
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[key] = found
    return found


def _check(sig: Signature, payload: bytes, trust: TrustStore, at: dt.datetime) -> SignatureCheck:
    invalid = SignatureState.INVALID
    certificate = signer_certificate(sig)
    if certificate is None:
        return SignatureCheck(invalid, "", "Certifikatet i underskriften kan ikke læses.")
    signer = certificate_name(certificate)
    try:
        signer = check_name(signer, "Certifikatets navn")
    except PkiError as exc:
        return SignatureCheck(invalid, "", exc.message)
    if not _verify_value(sig, certificate, payload):
        return SignatureCheck(
            invalid,
            signer,
            "Underskriften passer ikke til indholdet: posten er ændret, efter at den blev "
            "underskrevet.",
        )
    intermediates = []
    for text in sig.chain:
        try:
            intermediates.append(decode_certificate(text))
        except ValueError:
            return SignatureCheck(invalid, signer, "Et mellemcertifikat kan ikke læses.")
    at = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
    if verify_chain(certificate, intermediates, trust, at) is None:
        start, end = certificate.not_valid_before_utc, certificate.not_valid_after_utc
        if not start <= at <= end:  # the verifier checks this too; kept explicit
            return _expired(signer, start, end, at)
    else:
        # Not trusted at the signing time: trusted at a moment the chain was valid?
        # Then the time is the problem (expired), else the signer is unknown.
        path = [certificate, *intermediates]
        start = max(c.not_valid_before_utc for c in path)
        end = min(c.not_valid_after_utc for c in path)
        inside = min(max(at, start), end) if start <= end else certificate.not_valid_before_utc
        problem = verify_chain(certificate, intermediates, trust, inside)
        if problem is not None:
            return SignatureCheck(SignatureState.UNTRUSTED, signer, problem)
        return _expired(signer, start, end, at)
    return SignatureCheck(
        SignatureState.VALID, signer, f"Underskrevet af {signer} med et betroet certifikat."
    )


def _expired(signer: str, start: dt.datetime, end: dt.datetime, at: dt.datetime) -> SignatureCheck:
    return SignatureCheck(
        SignatureState.EXPIRED,
        signer,
        f"Certifikatet gjaldt fra {start:%d.%m.%Y} til {end:%d.%m.%Y}, ikke på "
        f"underskriftens tidspunkt {at:%d.%m.%Y}.",
    )


def _verify_value(sig: Signature, certificate: x509.Certificate, payload: bytes) -> bool:
    try:
        value = base64.b64decode(sig.value, validate=True)
        key = certificate.public_key()
        if sig.algorithm == "ecdsa-sha256" and isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(value, payload, ec.ECDSA(hashes.SHA256()))
        elif sig.algorithm == "rsa-pkcs1-sha256" and isinstance(key, rsa.RSAPublicKey):
            key.verify(value, payload, padding.PKCS1v15(), hashes.SHA256())
        elif sig.algorithm == "ed25519" and isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(value, payload)
        else:
            return False
    except (InvalidSignature, binascii.Error, ValueError, UnsupportedAlgorithm):
        return False
    return True
