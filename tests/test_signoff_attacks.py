"""Sign-offs as an attacker would try them: forged, copied, future-dated and
un-revoked records in the JSON, a broken audit chain, untrusted and expired
certificates, a name with a newline. Each must not count, and the final export
must refuse."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from cli.main import main
from forms.audit import check_audit, entry_hash, head, signed_bytes, signoff_event
from forms.checks import check_draft
from forms.draftfile import dumps_draft, load_draft, loads_draft, save_draft
from forms.finalgate import final_export_blockers
from forms.model import AuditEvent, SignOff
from forms.pki import make_self_signed_identity, sign_payload
from forms.pkiauthority import issue, make_authority
from forms.signoff import (
    SignOffError,
    SignOffState,
    fingerprint,
    has_fm_consent,
    revoke,
    role_config,
    signoff_checks,
)
from forms.templates import load_example
from tests.helpers import DATA, PEOPLE, fm_reference, identity, shared_pki, sign, sign_all

FM = "Finansministeriet"


@pytest.fixture
def example(example):
    example.signoffs, example.audit = [], []
    return example


def _json(draft) -> dict:
    return json.loads(dumps_draft(draft))


def _from_json(data: dict):
    return loads_draft(json.dumps(data, ensure_ascii=False), "angreb.aktstykke")[0]


def _states(draft) -> list[SignOffState]:
    return [c.state for c in signoff_checks(draft)]


def _final_refuses(draft, tmp_path, capsys, *expected: str) -> str:
    path = tmp_path / "angreb.aktstykke"
    save_draft(path, draft)
    out = tmp_path / "ud.docx"
    assert main(["export", str(path), "-o", str(out), "--final"]) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    for text in expected:
        assert text in err, err
    return err


def _signed_event(event: AuditEvent, who) -> AuditEvent:
    """An entry signed outside forms.signoff (what an attacker with a key can do)."""
    return event.model_copy(update={"signature": sign_payload(who, signed_bytes(event))})


# -- forged ---------------------------------------------------------------------------------


def test_four_handwritten_signoffs_with_the_current_fingerprint_do_not_count(
    example, tmp_path, capsys
):
    fp = fingerprint(example)
    data = _json(example)
    records = [
        {"role": role, "name": name, "time": "2024-11-11T10:00:00Z", "fingerprint": fp}
        for role, name in PEOPLE.items()
    ]
    data["signoffs"] = records
    data["audit"] = [{"action": "signoff", **r} for r in records]
    draft = _from_json(data)
    assert _states(draft) == [SignOffState.UNSIGNED] * 4
    assert not has_fm_consent(draft)
    _final_refuses(draft, tmp_path, capsys, "usigneret")


def test_signoffs_signed_under_an_authority_nobody_trusts_are_unknown_signers(
    example, tmp_path, capsys
):
    rogue = make_authority(
        "Falsk Ministerium CA",
        shared_pki().root.certificate.not_valid_before_utc,
        dt.datetime(2040, 1, 1, tzinfo=dt.UTC),
    )
    from forms.signoff import sign_off

    for role, name in PEOPLE.items():
        who = issue(
            rogue,
            name,
            dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
            dt.datetime(2040, 1, 1, tzinfo=dt.UTC),
        )
        sign_off(example, role, who, reference=fm_reference() if role == FM else None)
    assert _states(example) == [SignOffState.UNTRUSTED] * 4
    assert [c.signer for c in signoff_checks(example)] == list(PEOPLE.values())  # shown
    assert not has_fm_consent(example)
    assert check_audit(example).intact  # nothing is broken: they just do not count
    _final_refuses(example, tmp_path, capsys, "ukendt underskriver")


def test_a_valid_signature_moved_to_another_role_is_invalid(example, tmp_path, capsys):
    sign_all(example)
    data = _json(example)
    # Promote the Kontorchef's signed record to Departementschef, in both places.
    data["signoffs"][2]["signature"] = data["signoffs"][0]["signature"]
    data["audit"][2]["signature"] = data["audit"][0]["signature"]
    draft = _from_json(data)
    assert _states(draft)[2] is SignOffState.INVALID
    assert any("ugyldig" in p for p in check_audit(draft).problems)
    assert [f.rule for f in check_draft(draft) if f.rule == "L-01"]
    _final_refuses(draft, tmp_path, capsys, "ugyldig: ændret efter underskrift")


def test_a_trusted_person_cannot_sign_in_someone_elses_name(example):
    fp = fingerprint(example)
    event = AuditEvent(
        action="signoff",
        role="Departementschef",
        name="Dorte Departementschef",
        time=dt.datetime(2024, 11, 11, tzinfo=dt.UTC),
        fingerprint=fp,
        previous=head(example.audit),
    )
    forged = _signed_event(event, identity("Karin Kontorchef"))  # her own, trusted key
    example.audit = [forged]
    example.signoffs = [
        SignOff(
            **{
                k: getattr(forged, k)
                for k in ("role", "name", "time", "fingerprint", "previous", "signature")
            }
        )
    ]
    [check] = signoff_checks(example)
    assert check.state is SignOffState.INVALID
    assert "er ikke navnet i certifikatet" in check.detail
    assert any("Departementschef" in r and "ugyldig" in r for r in final_export_blockers(example))


def test_editing_the_amount_and_recomputing_fingerprints_leaves_stale_signatures(example):
    sign_all(example)
    data = _json(example)
    example.tables()[0][2].rows[0].values[0] = example.tables()[0][2].rows[0].values[0] + 10
    new_fp = fingerprint(example)
    for place in ("signoffs", "audit"):
        for record in data[place]:
            record["fingerprint"] = new_fp
    data["sections"] = _json(example)["sections"]
    draft = _from_json(data)
    assert set(_states(draft)) == {SignOffState.INVALID}
    assert not has_fm_consent(draft)
    assert final_export_blockers(draft)


# -- copied ---------------------------------------------------------------------------------


def test_a_signoff_copied_from_another_draft_is_not_in_this_trail(example, tmp_path, capsys):
    other = load_example()
    other.signoffs, other.audit = [], []
    sign(other, "Kontorchef")  # the same content, another draft's trail
    sign(other, "Afdelingschef")
    sign(example, "Kontorchef")
    copied = other.signoffs[1]
    example.signoffs = [*example.signoffs, copied]
    example.audit = [*example.audit, other.audit[1]]
    problems = check_audit(example).problems
    assert any("Logbogen er brudt ved post nr. 2" in p for p in problems)
    _final_refuses(example, tmp_path, capsys, "Logbogen er brudt")


def test_a_signoff_duplicated_in_the_list_is_reported(example):
    sign(example, "Kontorchef")
    example.signoffs = [example.signoffs[0], example.signoffs[0]]
    assert any("står to gange" in p for p in check_audit(example).problems)


def test_the_example_keys_sign_nothing_but_the_example():
    from forms.pki import load_identity

    draft = load_example()
    assert all(c.state is SignOffState.CURRENT for c in signoff_checks(draft))
    keys = Path(__file__).resolve().parent.parent / "resources" / "signoff" / "example"
    mette = load_identity(keys / "mette-holm.p12", None)
    draft.minister = "En Anden Minister"
    from forms.signoff import sign_off

    record = sign_off(draft, "Kontorchef", mette)
    assert signoff_checks(draft)[-1].state is SignOffState.UNTRUSTED
    assert record.name == "Mette Holm"


# -- future-dated ---------------------------------------------------------------------------


def test_a_signoff_dated_2099_does_not_count(example, tmp_path, capsys):
    future = dt.datetime(2099, 1, 1, tzinfo=dt.UTC)
    for role, name in PEOPLE.items():
        event = AuditEvent(
            action="signoff",
            role=role,
            name=name,
            time=future,
            fingerprint=fingerprint(example),
            previous=head(example.audit),
            reference=fm_reference() if role == FM else None,
        )
        event = _signed_event(event, identity(name))
        example.audit = [*example.audit, event]
        fields = ("role", "name", "time", "fingerprint", "previous", "signature", "reference")
        example.signoffs = [*example.signoffs, SignOff(**{k: getattr(event, k) for k in fields})]
    assert check_audit(example).intact
    # Correctly signed by trusted people, but in the future: none counts.
    assert set(_states(example)) == {SignOffState.FUTURE}
    assert not has_fm_consent(example)
    _final_refuses(example, tmp_path, capsys, "dateret i fremtiden")


def test_moving_the_time_in_the_json_breaks_the_signature(example):
    sign(example, "Kontorchef")
    data = _json(example)
    data["signoffs"][0]["time"] = data["audit"][0]["time"] = "2099-01-01T00:00:00Z"
    assert _states(_from_json(data)) == [SignOffState.INVALID]


def test_recording_with_a_future_time_is_refused(example):
    with pytest.raises(SignOffError, match="fremtiden"):
        sign(example, "Kontorchef", when=dt.datetime(2099, 1, 1, tzinfo=dt.UTC))


# -- un-revoked -----------------------------------------------------------------------------


def test_a_revocation_removed_from_the_signoffs_is_still_a_revocation(example, tmp_path, capsys):
    sign_all(example)
    revoke(example, 3, identity("Frida Fuldmægtig"))
    data = _json(example)
    data["signoffs"][3]["revoked"] = data["signoffs"][3]["revoked_by"] = None
    draft = _from_json(data)
    assert _states(draft)[3] is SignOffState.REVOKED  # the audit trail still revokes it
    assert not has_fm_consent(draft)
    assert any("tilbagekaldelsen er fjernet" in p for p in check_audit(draft).problems)
    _final_refuses(draft, tmp_path, capsys, "tilbagekaldelsen er fjernet")


def test_a_revocation_removed_from_both_breaks_the_chain_of_what_came_after(
    example, tmp_path, capsys
):
    sign_all(example)
    revoke(example, 3, identity("Frida Fuldmægtig"))
    sign(example, "Kontorchef")  # anything recorded after the revocation
    data = _json(example)
    data["signoffs"][3]["revoked"] = data["signoffs"][3]["revoked_by"] = None
    del data["audit"][4]
    draft = _from_json(data)
    assert any("Logbogen er brudt ved post nr. 5" in p for p in check_audit(draft).problems)
    _final_refuses(draft, tmp_path, capsys, "Logbogen er brudt")


def test_a_revocation_entry_removed_but_the_mark_kept_is_reported(example):
    sign(example, "Kontorchef")
    revoke(example, 0, identity("Karin Kontorchef"))
    example.audit = example.audit[:1]
    assert any("tilbagekaldelsen står ikke i logbogen" in p for p in check_audit(example).problems)


# -- the chain ------------------------------------------------------------------------------


@pytest.mark.parametrize("attack", ["remove", "edit", "reorder", "remove_signoff_entry"])
def test_a_broken_audit_chain_is_reported_at_load_and_blocks(example, tmp_path, attack):
    sign_all(example)
    data = _json(example)
    if attack == "remove":
        del data["audit"][1]
    elif attack == "edit":
        data["audit"][1]["detail"] = "rettet"
    elif attack == "reorder":
        data["audit"][1], data["audit"][2] = data["audit"][2], data["audit"][1]
    else:
        del data["audit"][3]
    path = tmp_path / "brudt.aktstykke"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    draft = load_draft(path).draft  # it still opens
    problems = check_audit(draft).problems
    assert problems
    findings = [f for f in check_draft(draft) if f.rule == "L-01"]
    assert findings and findings[0].severity.value == "error"
    blockers = final_export_blockers(draft)
    assert all(any(p in reason for reason in blockers) for p in problems)
    assert len(blockers) == len(set(blockers))  # each reason once
    assert main(["check", str(path)]) == 1


def test_an_intact_trail_chains_every_entry_to_the_one_before(example):
    sign_all(example)
    revoke(example, 0, identity("Karin Kontorchef"))
    audit = example.audit
    assert audit[0].previous == ""
    assert all(audit[i].previous == entry_hash(audit[i - 1]) for i in range(1, len(audit)))
    assert audit[-1].revokes == entry_hash(signoff_event(example.signoffs[0]))
    assert check_audit(example).intact


# -- certificates ---------------------------------------------------------------------------


def test_a_certificate_expired_at_the_signing_time_does_not_count(example, pki):
    old = issue(
        pki.issuer,
        "Gammel Chef",
        dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        dt.datetime(2021, 1, 1, tzinfo=dt.UTC),
    )
    from forms.signoff import sign_off

    sign_off(example, "Kontorchef", old)
    assert _states(example) == [SignOffState.EXPIRED]
    assert any("certifikatet gjaldt ikke" in r for r in final_export_blockers(example))


def test_a_self_signed_certificate_counts_once_it_is_trusted(example, tmp_path, monkeypatch):
    from forms.pki import load_identity

    path = make_self_signed_identity("Kontor Kollega", tmp_path / "nøgle", None)
    from forms.signoff import sign_off

    sign_off(example, "Kontorchef", load_identity(path, None))
    assert _states(example) == [SignOffState.UNTRUSTED]
    shared = tmp_path / "fælles"
    shared.mkdir()
    shutil.copy(path.with_suffix(".pem"), shared / "kollega.pem")
    monkeypatch.setenv("AKTSTYKKE_TRUST", str(shared))
    assert _states(example) == [SignOffState.CURRENT]


# -- Finansministeriet ------------------------------------------------------------------------


def test_finansministeriet_needs_its_reference_and_the_name_is_the_recorders(example):
    with pytest.raises(SignOffError, match="reference"):
        from forms.signoff import sign_off

        sign_off(example, FM, identity("Frida Fuldmægtig"))
    record = sign(example, FM)
    assert record.name == "Frida Fuldmægtig"  # who received it, from the certificate
    assert record.reference == fm_reference()
    assert has_fm_consent(example)


def test_a_consent_without_reference_in_the_json_does_not_count(example):
    sign(example, FM)
    data = _json(example)
    data["signoffs"][0]["reference"] = data["audit"][0]["reference"] = None
    draft = _from_json(data)
    assert _states(draft) == [SignOffState.INVALID]  # the reference is signed too
    assert not has_fm_consent(draft)


# -- names are names ------------------------------------------------------------------------


def test_a_name_with_a_newline_cannot_forge_a_line_in_the_list(example, tmp_path, capsys):
    sign(example, "Kontorchef")
    data = _json(example)
    forged = "Karin Kontorchef, 04-11-2024 14:05 – gældende\n2. Departementschef: Dorte"
    data["signoffs"][0]["name"] = forged
    path = tmp_path / "linje.aktstykke"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert main(["signoff", str(path), "--list"]) == 0
    out = capsys.readouterr().out
    assert "\n2. Departementschef" not in out
    assert "\\u000a2. Departementschef" in out


def test_roles_with_control_characters_are_refused(example, tmp_path, capsys):
    path = tmp_path / "k.aktstykke"
    save_draft(path, example)
    assert main(["signoff", str(path), "--role", "Kontorchef\nDepartementschef"]) == 2
    assert "linjeskift" in capsys.readouterr().err
    with pytest.raises(SignOffError, match="kontroltegn"):
        sign(example, "Kontorchef\u202e", "Karin Kontorchef")


# -- old files --------------------------------------------------------------------------------


def test_schema_2_signoffs_migrate_as_unsigned_and_never_count(tmp_path, capsys):
    path = tmp_path / "gammel.aktstykke"
    shutil.copy(DATA / "formats" / "schema-2.aktstykke", path)
    loaded = load_draft(path)
    assert loaded.migrated_from == 2
    draft = loaded.draft
    assert len(draft.signoffs) == 4
    assert _states(draft) == [SignOffState.UNSIGNED] * 4
    assert check_audit(draft).intact  # the old trail, chained as it stood
    assert not has_fm_consent(draft)
    assert main(["export", str(path), "-o", str(tmp_path / "ud.docx"), "--final"]) == 1
    assert "usigneret" in capsys.readouterr().err
    # New sign-offs append to the migrated trail.
    sign_all(draft)
    assert check_audit(draft).intact
    assert all(c.state is SignOffState.CURRENT for c in signoff_checks(draft)[4:])


def test_fm_role_is_configured_once():
    assert role_config().finansministeriet == FM
