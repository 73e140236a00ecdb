"""`aktstykke keys`: a self-signed key owner-only in the user's data folder, import
of a PKCS#12, the trusted folder, and what a certificate is."""

from __future__ import annotations

import stat

from cli.main import main
from forms.pki import load_identity
from forms.pkisettings import key_folder, load_settings


def test_new_key_is_owner_only_in_the_data_folder_and_becomes_the_setting(
    monkeypatch, capsys, _isolated_home
):
    monkeypatch.delenv("AKTSTYKKE_CERT")
    assert main(["keys", "--new", "Søren Ærø"]) == 0
    path = key_folder() / "soeren-aeroe.p12"
    assert str(path).startswith(str(_isolated_home))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert load_settings().certificate == path.resolve()
    assert load_identity(path, None).name == "Søren Ærø"
    out = capsys.readouterr().out
    assert "Søren Ærø" in out and "kun du kan læse den" in out
    assert main(["keys", "--new", "Søren Ærø"]) == 2  # never overwritten
    assert "overskrives ikke" in capsys.readouterr().err


def test_new_key_with_a_password_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("AKTSTYKKE_CERT_PASSWORD", "hemmelig")
    assert main(["keys", "--new", "Lise Lund", "--folder", str(tmp_path)]) == 0
    assert load_identity(tmp_path / "lise-lund.p12", b"hemmelig").name == "Lise Lund"


def test_a_name_with_a_newline_is_refused(capsys, tmp_path):
    assert main(["keys", "--new", "Mette\nHolm", "--folder", str(tmp_path)]) == 2
    assert "linjeskift" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_import_copies_owner_only_and_show_tells_whether_it_is_trusted(pki, monkeypatch, capsys):
    monkeypatch.delenv("AKTSTYKKE_CERT")
    source = pki.p12("Mette Holm", b"kode")
    monkeypatch.setenv("AKTSTYKKE_CERT_PASSWORD", "kode")
    assert main(["keys", "--import", str(source)]) == 0
    copied = key_folder() / source.name
    assert stat.S_IMODE(copied.stat().st_mode) == 0o600
    assert load_settings().certificate == copied.resolve()
    out = capsys.readouterr().out
    assert "Mette Holm" in out and "Betroet: ja" in out
    monkeypatch.delenv("AKTSTYKKE_TRUST")
    assert main(["keys"]) == 0
    assert "Betroet: nej (ukendt underskriver)" in capsys.readouterr().out


def test_trust_sets_the_folder_and_reports_what_is_in_it(pki, monkeypatch, capsys):
    monkeypatch.delenv("AKTSTYKKE_TRUST")
    assert main(["keys", "--trust", str(pki.trust)]) == 0
    assert load_settings().trust_folder == pki.trust.resolve()
    assert "1 certifikat." in capsys.readouterr().out
    assert main(["keys", "--show", str(pki.trust / "rod.pem")]) == 0
    assert "Testministeriets rod-CA" in capsys.readouterr().out
    assert main(["keys", "--trust", str(pki.trust / "mangler")]) == 2


def test_a_wrong_password_is_a_danish_error(pki, monkeypatch, capsys):
    monkeypatch.setenv("AKTSTYKKE_CERT", str(pki.p12("Jens Krogh", b"rigtig")))
    monkeypatch.setenv("AKTSTYKKE_CERT_PASSWORD", "forkert")
    assert main(["keys"]) == 2
    assert "Adgangskoden er forkert" in capsys.readouterr().err
