"""forms.pki: identities from PKCS#12, signatures, and the chain to a trusted root."""

from __future__ import annotations

import datetime as dt
import os
import stat

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from forms.pki import (
    Identity,
    PkiError,
    SignatureState,
    check_name,
    check_signature,
    load_identity,
    make_self_signed_identity,
    pkcs12_bytes,
    self_signed_certificate,
    sign_payload,
    trust_store,
)
from forms.pkiauthority import issue, make_authority
from forms.pkisettings import SignatureSettings, key_folder, save_settings
from forms.pkitrust import example_authority
from tests.helpers import T0, T_END

AT = dt.datetime(2024, 11, 4, 14, 5, tzinfo=dt.UTC)
PAYLOAD = b'{"role":"Kontorchef","name":"Mette Holm"}'


def test_a_signature_by_a_trusted_person_is_valid_and_names_the_certificate(pki):
    identity = pki.identity("Mette Holm")
    sig = sign_payload(identity, PAYLOAD)
    result = check_signature(sig, PAYLOAD, trust_store(), AT)
    assert result.state is SignatureState.VALID
    assert result.signer == "Mette Holm" == identity.name
    # The intermediate travels with the signature: the root comes from trust only.
    assert len(sig.chain) == 1


def test_changed_payload_or_value_is_invalid(pki):
    sig = sign_payload(pki.identity("Mette Holm"), PAYLOAD)
    trust = trust_store()
    changed = PAYLOAD.replace(b"Kontorchef", b"Afdelingschef")
    assert check_signature(sig, changed, trust, AT).state is SignatureState.INVALID
    forged = sig.model_copy(
        update={"value": sign_payload(pki.identity("Jens Krogh"), PAYLOAD).value}
    )
    assert check_signature(forged, PAYLOAD, trust, AT).state is SignatureState.INVALID
    garbage = sig.model_copy(update={"certificate": "bm90IGEgY2VydA=="})
    assert check_signature(garbage, PAYLOAD, trust, AT).state is SignatureState.INVALID
    wrong_kind = sig.model_copy(update={"algorithm": "ed25519"})
    assert check_signature(wrong_kind, PAYLOAD, trust, AT).state is SignatureState.INVALID


def test_someone_elses_certificate_on_my_signature_is_invalid(pki):
    mine = sign_payload(pki.identity("Hacker Hansen"), PAYLOAD)
    theirs = sign_payload(pki.identity("Mette Holm"), PAYLOAD)
    claimed = mine.model_copy(update={"certificate": theirs.certificate})
    assert check_signature(claimed, PAYLOAD, trust_store(), AT).state is SignatureState.INVALID


def test_a_certificate_from_another_authority_is_an_unknown_signer():
    other = make_authority("Falsk CA", T0, T_END)
    impostor = issue(other, "Mette Holm", T0, T_END)
    result = check_signature(sign_payload(impostor, PAYLOAD), PAYLOAD, trust_store(), AT)
    assert result.state is SignatureState.UNTRUSTED
    assert result.state.value == "ukendt underskriver"
    assert result.signer == "Mette Holm"  # shown, but it does not count


def test_nothing_is_trusted_without_a_configured_folder(pki, monkeypatch):
    monkeypatch.delenv("AKTSTYKKE_TRUST")
    sig = sign_payload(pki.identity("Mette Holm"), PAYLOAD)
    result = check_signature(sig, PAYLOAD, trust_store(), AT)
    assert result.state is SignatureState.UNTRUSTED
    assert "ikke valgt en mappe" in result.detail


def test_the_users_setting_names_the_trusted_folder(pki, monkeypatch):
    monkeypatch.delenv("AKTSTYKKE_TRUST")
    save_settings(SignatureSettings(trust_folder=pki.trust))
    sig = sign_payload(pki.identity("Mette Holm"), PAYLOAD)
    assert check_signature(sig, PAYLOAD, trust_store(), AT).state is SignatureState.VALID


def test_a_person_certificate_cannot_issue_certificates(pki):
    person = pki.identity("Mette Holm")
    # Pretend Mette's certificate is an authority: sign a certificate with her key.
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    forged = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Departementschef X")]))
        .issuer_name(person.certificate.subject)
        .public_key(key.public_key())
        .serial_number(7)
        .not_valid_before(T0)
        .not_valid_after(T_END)
        .sign(person.private_key, hashes.SHA256())
    )
    identity = Identity(forged, key, (person.certificate, *person.chain))
    result = check_signature(sign_payload(identity, PAYLOAD), PAYLOAD, trust_store(), AT)
    assert result.state is SignatureState.UNTRUSTED


def test_a_certificate_not_valid_at_the_signing_time_is_expired(pki):
    young = issue(pki.issuer, "Ny Medarbejder", AT + dt.timedelta(days=1), T_END)
    old = issue(pki.issuer, "Gammel Medarbejder", T0, AT - dt.timedelta(days=1))
    trust = trust_store()
    for identity in (young, old):
        result = check_signature(sign_payload(identity, PAYLOAD), PAYLOAD, trust, AT)
        assert result.state is SignatureState.EXPIRED, identity.name
    # Signed while valid, checked years later: still valid (the signing time counts).
    result = check_signature(sign_payload(old, PAYLOAD), PAYLOAD, trust, T0 + dt.timedelta(days=3))
    assert result.state is SignatureState.VALID


def test_an_expired_intermediate_expires_the_signature(pki):
    short = make_authority("Kort CA", T0, AT - dt.timedelta(days=30), parent=pki.root)
    person = issue(short, "Lise Kort", T0, T_END)
    result = check_signature(sign_payload(person, PAYLOAD), PAYLOAD, trust_store(), AT)
    assert result.state is SignatureState.EXPIRED


def test_rsa_and_ed25519_keys_sign_too():
    trust = trust_store()
    for key in (rsa.generate_private_key(65537, 2048), ed25519.Ed25519PrivateKey.generate()):
        certificate = self_signed_certificate("Nøgle Type", key, now=AT)
        identity = Identity(certificate, key)
        sig = sign_payload(identity, PAYLOAD)
        result = check_signature(sig, PAYLOAD, trust, AT)
        assert result.state is SignatureState.UNTRUSTED  # self-signed, not in the folder
        assert check_signature(sig, PAYLOAD + b"x", trust, AT).state is SignatureState.INVALID


def test_unsigned_is_its_own_state():
    assert check_signature(None, PAYLOAD, trust_store(), AT).state is SignatureState.UNSIGNED


# -- identities ---------------------------------------------------------------------------


def test_self_signed_identity_is_owner_only_and_loads_with_its_password(tmp_path):
    folder = tmp_path / "nøgler"
    path = make_self_signed_identity("Søren Ærø", folder, b"hemmelig")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert path.with_suffix(".pem").is_file()  # the certificate, for colleagues' trust
    identity = load_identity(path, b"hemmelig")
    assert identity.name == "Søren Ærø"
    with pytest.raises(PkiError, match="Adgangskoden er forkert"):
        load_identity(path, b"forkert")
    with pytest.raises(PkiError, match="kræver måske en adgangskode"):
        load_identity(path, None)
    with pytest.raises(PkiError, match="overskrives ikke"):
        make_self_signed_identity("Søren Ærø", folder, None)


def test_a_self_signed_certificate_in_the_trusted_folder_is_trusted(tmp_path, monkeypatch):
    path = make_self_signed_identity("Kontor Kollega", tmp_path / "k", None)
    shared = tmp_path / "fælles"
    shared.mkdir()
    (shared / "kollega.pem").write_bytes(path.with_suffix(".pem").read_bytes())
    monkeypatch.setenv("AKTSTYKKE_TRUST", str(shared))
    identity = load_identity(path, None)
    now = dt.datetime.now(dt.UTC)
    result = check_signature(sign_payload(identity, PAYLOAD), PAYLOAD, trust_store(), now)
    assert result.state is SignatureState.VALID and result.signer == "Kontor Kollega"


def test_bad_identity_files_get_danish_messages(tmp_path):
    with pytest.raises(PkiError, match="findes ikke"):
        load_identity(tmp_path / "mangler.p12", None)
    junk = tmp_path / "junk.p12"
    junk.write_bytes(b"not a pkcs12 file")
    with pytest.raises(PkiError, match=r"»junk\.p12« kan ikke åbnes"):
        load_identity(junk, None)
    with pytest.raises(PkiError, match="er en mappe"):
        load_identity(tmp_path, None)


def test_a_certificate_whose_name_holds_a_newline_is_refused(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    identity = Identity(self_signed_certificate("Mette Holm\n2. Kontorchef: X", key), key)
    path = tmp_path / "linje.p12"
    path.write_bytes(pkcs12_bytes(identity, None, "x"))
    with pytest.raises(PkiError, match="linjeskift"):
        load_identity(path, None)


def test_names_refuse_line_breaks_and_control_characters():
    assert check_name("  Søren  Ærø ") == "Søren Ærø"
    for bad in ("Mette\nHolm", "Mette\rHolm", "Mette\u2028Holm", "Mette\x00", "Holm\u202eetteM"):
        with pytest.raises(PkiError):
            check_name(bad)
    with pytest.raises(PkiError, match="tomt"):
        check_name("   ")


def test_key_folder_is_in_the_users_data_folder(_isolated_home):
    assert str(key_folder()).startswith(str(_isolated_home))


# -- trust ----------------------------------------------------------------------------------


def test_unreadable_files_in_the_trusted_folder_are_reported(pki, tmp_path, monkeypatch):
    folder = tmp_path / "betroede"
    folder.mkdir()
    (folder / "rod.pem").write_bytes((pki.trust / "rod.pem").read_bytes())
    (folder / "skrald.pem").write_bytes(
        b"-----BEGIN CERTIFICATE-----\nxx\n-----END CERTIFICATE-----\n"
    )
    (folder / "notat.txt").write_text("ignoreret")
    trust = trust_store(folder)
    assert len(trust.roots) == 1
    assert trust.problems == ("»skrald.pem« er ikke et certifikat (PEM eller DER).",)
    assert trust_store(tmp_path / "mangler").problems[0].endswith("findes ikke.")


def test_the_example_authority_is_trusted_only_for_the_example_content():
    from forms.signoff import fingerprint
    from forms.templates import load_example

    roots, fingerprints = example_authority()
    trust = trust_store()
    # scripts/make_example_pki.py wrote the scope for the example as it is now.
    assert fingerprints == {fingerprint(load_example())}
    [example_fp] = fingerprints
    assert set(roots) <= set(trust.for_content(example_fp).roots)
    assert not set(roots) & set(trust.for_content("0" * 64).roots)
    assert not set(roots) & set(trust.roots)


def test_settings_file_mode_is_private_enough(_isolated_home):
    path = save_settings(SignatureSettings(certificate=_isolated_home / "a.p12"))
    assert path.is_file() and "a.p12" in path.read_text("utf-8")
    assert os.access(path, os.R_OK)
