"""Recording sign-offs, revocations, acknowledged warnings and final exports.

Every record is signed with the recording person's identity and appended to
the audit trail, chained to the entry before. Nothing here removes or edits an
entry: a revocation is a new entry, and the revoked sign-off stays in the
history, marked. The name on every record is the certificate's.
"""

from __future__ import annotations

import datetime as dt

from forms.audit import check_audit, entry_hash, head, signed_bytes, signoff_event
from forms.model import Aktstykke, AuditEvent, ConsentReference, SignOff
from forms.pki import Identity, PkiError, check_name, sign_payload
from forms.signoff import (
    FUTURE_TOLERANCE,
    SignOffError,
    fingerprint,
    known_roles,
    now_utc,
    role_config,
)


def _signer(identity: Identity) -> str:
    try:
        return identity.name
    except PkiError as exc:
        raise SignOffError(exc.message) from None


def _when(when: dt.datetime | None) -> dt.datetime:
    if when is None:
        return now_utc()
    when = when if when.tzinfo else when.replace(tzinfo=dt.UTC)
    if when > now_utc() + FUTURE_TOLERANCE:
        raise SignOffError("Tidspunktet for godkendelsen ligger i fremtiden.")
    return when


def _field(text: str, what: str) -> str:
    try:
        return check_name(text, what)
    except PkiError as exc:
        raise SignOffError(exc.message) from None


def check_role(role: str) -> str:
    """A configured role, without line breaks or control characters."""
    role = _field(role, "Rollen")
    if role not in known_roles():
        raise SignOffError(
            f"Rollen »{role}« kendes ikke. Gyldige roller: {', '.join(known_roles())}."
        )
    return role


def check_reference(reference: ConsentReference, today: dt.date | None = None) -> ConsentReference:
    """Finansministeriet's reference with every field filled in and no control characters."""
    today = today or dt.date.today()
    if reference.date > today + dt.timedelta(days=1):
        raise SignOffError(
            f"Datoen for Finansministeriets tilslutning ({reference.date:%d.%m.%Y}) ligger i "
            "fremtiden."
        )
    return ConsentReference(
        journal=_field(reference.journal, "Finansministeriets journalnummer"),
        date=reference.date,
        sender=_field(reference.sender, "Afsenderen hos Finansministeriet"),
    )


def _sign(event: AuditEvent, identity: Identity) -> AuditEvent:
    return event.model_copy(update={"signature": sign_payload(identity, signed_bytes(event))})


def sign_off(
    draft: Aktstykke,
    role: str,
    identity: Identity,
    when: dt.datetime | None = None,
    reference: ConsentReference | None = None,
) -> SignOff:
    """Record that the holder of `identity` approves the current content as `role`.

    For Finansministeriet the holder is the person who received the consent, and
    `reference` is Finansministeriet's (journal number, date, sender)."""
    role = check_role(role)
    fm = role_config().finansministeriet
    if role == fm and reference is None:
        raise SignOffError(
            "Finansministeriets tilslutning registreres med Finansministeriets reference: "
            "journalnummer, dato og hvem der sendte den."
        )
    if role != fm and reference is not None:
        raise SignOffError("Kun Finansministeriets tilslutning har en reference.")
    name = _signer(identity)
    when = _when(when)
    event = AuditEvent(
        action="signoff",
        role=role,
        name=name,
        time=when,
        fingerprint=fingerprint(draft),
        reference=check_reference(reference) if reference is not None else None,
        previous=head(draft.audit),
    )
    event = _sign(event, identity)
    record = SignOff(
        role=role,
        name=name,
        time=when,
        fingerprint=event.fingerprint,
        reference=event.reference,
        previous=event.previous,
        signature=event.signature,
    )
    draft.signoffs = [*draft.signoffs, record]
    draft.audit = [*draft.audit, event]
    return record


def record_consent(
    draft: Aktstykke,
    identity: Identity,
    reference: ConsentReference,
    when: dt.datetime | None = None,
) -> SignOff:
    """Finansministeriet's consent, recorded by the person who received it."""
    return sign_off(draft, role_config().finansministeriet, identity, when, reference)


def record_stated_consent(draft: Aktstykke, source: str) -> SignOff:
    """An imported document says Finansministeriet's consent exists. Kept, shown
    as "oplyst i kildedokumentet", never signed and never counted."""
    source = " ".join(source.split()) or "kildedokumentet"
    record = SignOff(
        role=role_config().finansministeriet,
        name=f"oplyst i »{source}«",
        time=now_utc(),
        fingerprint=fingerprint(draft),
        source=source,
        previous=head(draft.audit),
    )
    draft.signoffs = [*draft.signoffs, record]
    draft.audit = [*draft.audit, signoff_event(record)]
    return record


def revoke(
    draft: Aktstykke, index: int, identity: Identity, when: dt.datetime | None = None
) -> SignOff:
    """Withdraw a sign-off: a signed revocation is appended to the audit trail and
    the sign-off stays in the history, marked revoked."""
    if not 0 <= index < len(draft.signoffs):
        raise SignOffError(f"Der er ingen godkendelse nr. {index + 1}.")
    record = draft.signoffs[index]
    target = entry_hash(signoff_event(record))
    if record.revoked is not None or target in check_audit(draft).revocations:
        raise SignOffError(f"Godkendelse nr. {index + 1} er allerede tilbagekaldt.")
    name = _signer(identity)
    when = _when(when)
    event = AuditEvent(
        action="revocation",
        role=record.role,
        name=name,
        time=when,
        fingerprint=record.fingerprint,
        detail=f"godkendelse af {record.name} fra {record.time.isoformat()}",
        revokes=target,
        previous=head(draft.audit),
    )
    event = _sign(event, identity)
    updated = record.model_copy(update={"revoked": when, "revoked_by": name})
    signoffs = list(draft.signoffs)
    signoffs[index] = updated
    draft.signoffs = signoffs
    draft.audit = [*draft.audit, event]
    return updated


def acknowledge_warnings(
    draft: Aktstykke, identity: Identity, findings: list[str], when: dt.datetime | None = None
) -> AuditEvent:
    """The open warnings a person saw and accepted before a final export."""
    event = AuditEvent(
        action="acknowledgement",
        name=_signer(identity),
        time=_when(when),
        fingerprint=fingerprint(draft),
        detail=f"{len(findings)} advarsler kvitteret før endelig eksport",
        findings=[" ".join(f.split()) for f in findings],
        previous=head(draft.audit),
    )
    event = _sign(event, identity)
    draft.audit = [*draft.audit, event]
    return event


def record_final_export(
    draft: Aktstykke,
    identity: Identity,
    target: str,
    acknowledged: list[str] | None = None,
    when: dt.datetime | None = None,
) -> AuditEvent:
    """The final export's audit entries: the acknowledged warnings (if any), then
    the export itself, both signed by the person who made it. Returns the last."""
    when = _when(when)
    if acknowledged:
        acknowledge_warnings(draft, identity, acknowledged, when)
    event = AuditEvent(
        action="final_export",
        name=_signer(identity),
        time=when,
        fingerprint=fingerprint(draft),
        detail=" ".join(target.split()),
        previous=head(draft.audit),
    )
    event = _sign(event, identity)
    draft.audit = [*draft.audit, event]
    return event


def append_recorded(draft: Aktstykke, entries: list[AuditEvent], identity: Identity) -> None:
    """Append entries recorded on another copy of the draft (the final export's,
    made from the file as it was) to the draft as it is now. When the trail grew
    meanwhile (a sign-off by someone else), each entry is chained to the current
    head again and signed anew, so the chain stays whole and nothing is lost."""
    for entry in entries:
        if entry.previous != head(draft.audit):
            entry = _sign(
                entry.model_copy(update={"previous": head(draft.audit), "signature": None}),
                identity,
            )
        draft.audit = [*draft.audit, entry]
