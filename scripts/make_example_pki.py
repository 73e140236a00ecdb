"""Make the example's certificate authority and sign the bundled example's sign-offs.

    .venv/bin/python scripts/make_example_pki.py

Writes resources/signoff/example/: the example authority's certificate
(authority.pem), one PKCS#12 file per example person (no password), and
scope.json, the one content fingerprint the authority is trusted for. Then
re-records the four sign-offs of resources/examples/capacity-2024.aktstykke,
signed with those identities, at the example's own times.

The private keys are published on purpose: they sign only the example, and the
program trusts the example authority for nothing but the example's own content
(forms/pkitrust.py). Run again after a change of the example's content or of
the fingerprint; the keys are new each time.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from forms.draftfile import dumps_draft, loads_draft
from forms.model import ConsentReference
from forms.pki import pkcs12_bytes
from forms.pkiauthority import issue, make_authority
from forms.signoff import fingerprint, record_consent, sign_off
from forms.templates import EXAMPLE

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "signoff" / "example"
DRAFT = ROOT / "resources" / "examples" / EXAMPLE
START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
END = dt.datetime(2044, 1, 1, tzinfo=dt.UTC)
ORGANISATION = "Eksempel – kun til Aktstykkes eksempel"


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


SIGNOFFS = [
    ("Kontorchef", "Mette Holm", utc("2024-11-04T14:05:00")),
    ("Afdelingschef", "Jens Krogh", utc("2024-11-05T09:40:00")),
    ("Departementschef", "Hanne Vestergaard", utc("2024-11-06T16:20:00")),
]
CONSENT = (
    "Søren Lund",
    utc("2024-11-11T11:00:00"),
    ConsentReference(
        journal="2024-18820", date=dt.date(2024, 11, 11), sender="Anne Bech, Budgetafdelingen"
    ),
)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    authority = make_authority(
        "Aktstykke eksempel-udsteder (kun til eksemplet)", START, END, organisation=ORGANISATION
    )
    (OUT / "authority.pem").write_bytes(
        authority.certificate.public_bytes(serialization.Encoding.PEM)
    )
    people = {}
    for name in [n for _role, n, _t in SIGNOFFS] + [CONSENT[0]]:
        people[name] = issue(authority, name, START, END, organisation=ORGANISATION)
        stem = name.lower().replace(" ", "-").replace("ø", "oe")
        (OUT / f"{stem}.p12").write_bytes(pkcs12_bytes(people[name], None, name))

    draft, _ = loads_draft(DRAFT.read_text("utf-8"), DRAFT)
    draft.signoffs, draft.audit = [], []
    for role, name, when in SIGNOFFS:
        sign_off(draft, role, people[name], when)
    name, when, reference = CONSENT
    record_consent(draft, people[name], reference, when)
    DRAFT.write_text(dumps_draft(draft), "utf-8")
    scope = {
        "comment": "The example authority is trusted only for sign-offs of this content "
        "(the bundled example). Made by scripts/make_example_pki.py.",
        "fingerprints": [fingerprint(draft)],
    }
    (OUT / "scope.json").write_text(json.dumps(scope, indent=2) + "\n", "utf-8")
    print(f"{len(people)} eksempel-identiteter og udsteder skrevet til {OUT}")
    print(f"{DRAFT.name}: {len(draft.signoffs)} underskrevne godkendelser")


if __name__ == "__main__":
    main()
