"""A small certificate authority: for the bundled example (scripts/make_example_pki.py)
and for the tests, which make their own. The program itself never issues
certificates for other people; ministries have their own authority, and a kontor
without one uses self-signed certificates (forms/pki.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from forms.pki import Identity, signing_key_usage


def _name(common_name: str, organisation: str | None = None) -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    return x509.Name(attributes)


@dataclass(frozen=True)
class Authority:
    certificate: x509.Certificate
    private_key: ec.EllipticCurvePrivateKey
    chain: tuple[x509.Certificate, ...] = ()
    """The certificates between this authority and its root (for an intermediate)."""


def make_authority(
    name: str,
    not_before: dt.datetime,
    not_after: dt.datetime,
    *,
    parent: Authority | None = None,
    organisation: str | None = None,
) -> Authority:
    """A root authority, or an intermediate one issued by `parent`."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(name, organisation)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(parent.certificate.subject if parent else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if parent is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(parent.private_key.public_key()),
            critical=False,
        )
    certificate = builder.sign(parent.private_key if parent else key, hashes.SHA256())
    chain = (parent.certificate, *parent.chain) if parent else ()
    return Authority(certificate, key, chain)


def issue(
    authority: Authority,
    name: str,
    not_before: dt.datetime,
    not_after: dt.datetime,
    *,
    organisation: str | None = None,
) -> Identity:
    """A person's key and certificate, as an employee certificate from `authority`."""
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(name, organisation))
        .issuer_name(authority.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(signing_key_usage(), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.CLIENT_AUTH, ExtendedKeyUsageOID.EMAIL_PROTECTION]
            ),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(authority.private_key.public_key()),
            critical=False,
        )
        .sign(authority.private_key, hashes.SHA256())
    )
    # The file carries the intermediates, not the root: the root must come from trust.
    chain = tuple(c for c in (authority.certificate, *authority.chain) if c.issuer != c.subject)
    return Identity(certificate, key, chain)
