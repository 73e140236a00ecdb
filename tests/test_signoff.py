"""Sign-offs: the content fingerprint, staleness, revocation, the audit trail, CLI."""

import datetime as dt
import subprocess
import sys
from decimal import Decimal

import pytest

from cli.main import main
from forms.draftfile import load_draft, save_draft
from forms.signoff import (
    SignOffError,
    SignOffState,
    fingerprint,
    has_fm_consent,
    required_roles,
    revoke,
    role_statuses,
    sign_off,
    signoff_blockers,
    state,
)
from tests.helpers import TEST_USER, identity, sign, sign_all


@pytest.fixture
def example(example):
    """The example without its sign-offs: these tests record their own."""
    example.signoffs, example.audit = [], []
    return example


def test_fingerprint_is_stable_across_save_and_reload(example, tmp_path):
    path = tmp_path / "k.aktstykke"
    save_draft(path, example)
    assert fingerprint(load_draft(path).draft) == fingerprint(example)


def test_fingerprint_is_stable_across_python_runs(example):
    code = "from forms.templates import load_example; from forms.signoff import fingerprint; print(fingerprint(load_example()))"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": str(seed), "PATH": ""},
        ).stdout.strip()
        for seed in (1, 2)
    }
    assert runs == {fingerprint(example)}


def _edit_amount(d):
    d.tables()[0][2].rows[0].values[0] = Decimal("60.0")


def _edit_word(d):
    d.section("b").blocks[1].text = d.section("b").blocks[1].text.replace("pulje", "ramme")


def _edit_date(d):
    d.date = dt.date(2024, 11, 13)


def _edit_minister(d):
    d.minister = "Mette Frederiksen"


@pytest.mark.parametrize("edit", [_edit_amount, _edit_word, _edit_date, _edit_minister])
def test_any_visible_edit_changes_the_fingerprint(example, edit):
    before = fingerprint(example)
    edit(example)
    assert fingerprint(example) != before


def test_signoffs_and_metadata_do_not_change_the_fingerprint(example):
    before = fingerprint(example)
    sign(example, "Kontorchef")
    example.metadata.modified = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    example.metadata.app_version = "9.9"
    assert fingerprint(example) == before


def test_edit_after_signoff_makes_it_stale_but_keeps_it(example):
    record = sign(example, "Kontorchef")
    assert state(record, fingerprint(example)) is SignOffState.CURRENT
    _edit_amount(example)
    assert state(example.signoffs[0], fingerprint(example)) is SignOffState.STALE
    assert len(example.signoffs) == 1
    assert any("forældet" in reason for reason in signoff_blockers(example))


def test_revocation_is_kept_in_history_and_audit(example):
    sign(example, "Finansministeriet")
    assert has_fm_consent(example)
    revoke(example, 0, identity("Mette Hansen"))
    assert example.signoffs[0].revoked is not None
    assert example.signoffs[0].revoked_by == "Mette Hansen"
    assert not has_fm_consent(example)
    assert [e.action for e in example.audit] == ["signoff", "revocation"]
    with pytest.raises(SignOffError):
        revoke(example, 0, identity("Mette Hansen"))


def test_unknown_role_is_refused(example):
    with pytest.raises(SignOffError) as info:
        sign_off(example, "Chef", identity("X Y"))
    assert "Rollen »Chef« kendes ikke" in info.value.message
    assert example.signoffs == []


def test_fm_is_not_required_when_exempt(example):
    assert "Finansministeriet" in required_roles(example)
    example.flags.fm_consent_exempt = True
    assert "Finansministeriet" not in required_roles(example)


def test_all_roles_current_means_no_blockers(example):
    sign_all(example)
    assert signoff_blockers(example) == []
    assert {s.state for s in role_statuses(example)} == {SignOffState.CURRENT}


def test_cli_signoff_records_lists_and_refuses(example, tmp_path, capsys):
    path = tmp_path / "k.aktstykke"
    save_draft(path, example)
    assert main(["signoff", str(path), "--role", "Kontorchef"]) == 0
    record = load_draft(path).draft.signoffs[0]
    assert record.name == TEST_USER  # from the certificate (AKTSTYKKE_CERT)
    assert record.signature is not None
    before = path.read_bytes()
    assert main(["signoff", str(path), "--role", "Chef"]) == 2
    assert main(["signoff", str(path), "--role", "Kontorchef", "--name", "Mette Hansen"]) == 2
    assert path.read_bytes() == before
    assert main(["signoff", str(path), "--list"]) == 0
    out = capsys.readouterr()
    assert f"Kontorchef: {TEST_USER}" in out.out
    assert "gældende" in out.out
    assert "Afdelingschef har ikke godkendt" in out.out
    assert "Rollen »Chef« kendes ikke" in out.err
    assert "--name findes ikke længere" in out.err
    assert main(["signoff", str(tmp_path / "mangler.aktstykke"), "--list"]) == 2
