"""Arbitrary changes to a signed draft's sign-offs and audit trail: judging them
never raises, and nothing changed by hand ever counts."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.audit import check_audit
from forms.draftfile import DraftFileError, dumps_draft, loads_draft
from forms.signoff import SignOffState, has_fm_consent, signoff_blockers, signoff_checks
from forms.templates import load_example
from tests.helpers import sign_all

_BASE = None


def _base() -> dict:
    global _BASE
    if _BASE is None:
        draft = load_example()
        draft.signoffs, draft.audit = [], []
        _BASE = json.loads(dumps_draft(sign_all(draft)))
    return json.loads(json.dumps(_BASE))


FIELDS = ["role", "name", "time", "fingerprint", "previous", "signature", "reference"]
VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "2099-01-01T00:00:00Z",
            "0001-01-01T00:00:00+05:00",
            "9999-12-31T23:59:59-05:00",
            None,
            {"algorithm": "ed25519", "certificate": "AAAA", "chain": [], "value": "AAAA"},
            {"journal": "x", "date": "2024-01-01", "sender": "y"},
        ]
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    place=st.sampled_from(["signoffs", "audit"]),
    index=st.integers(0, 3),
    field=st.sampled_from(FIELDS),
    value=VALUES,
    also_other=st.booleans(),
)
def test_a_changed_record_never_counts_and_never_crashes(place, index, field, value, also_other):
    data = _base()
    data[place][index][field] = value
    if also_other:  # the same change in both places
        other = "audit" if place == "signoffs" else "signoffs"
        data[other][index][field] = value
    try:
        draft, _ = loads_draft(json.dumps(data), "fuzz.aktstykke")
    except DraftFileError:
        return  # refused at the file boundary, with a Danish message
    checks = signoff_checks(draft)
    report = check_audit(draft)
    blockers = signoff_blockers(draft)
    original = _base()[place][index].get(field)
    if value == original:
        return
    changed = checks[index]
    # Whatever was changed, the record does not count as it did, or the trail says so.
    assert changed.state is not SignOffState.CURRENT or not report.intact
    assert blockers
    if index == 3 and changed.state is SignOffState.CURRENT:
        assert not report.intact
    assert isinstance(has_fm_consent(draft), bool)
