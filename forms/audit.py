"""The audit trail: an append-only list of signed entries, each chained to the
hash of the one before.

Every entry (sign-off, revocation, acknowledged warnings, final export) is
signed by the person who recorded it over its canonical JSON bytes, which hold
the hash of the previous entry. Removing, editing or reordering an entry
therefore breaks the chain, and a sign-off or revocation edited in the draft's
list of sign-offs no longer matches its entry. A broken trail is reported when
the draft is loaded (rule L-01) and blocks the final export; the draft still
opens. What a chain cannot show by itself is a trail cut off after its last
entry: that is an older copy of the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from forms.model import Aktstykke, AuditEvent, SignOff
from forms.pki import SignatureCheck, SignatureState, check_signature
from forms.pkitrust import TrustStore, trust_store

AUDIT_FORMAT = "aktstykke-logbog-1"
"""Part of every signed payload, so a signature over an audit entry cannot be
passed off as a signature over anything else (a final export's part list)."""
ACTIONS = {
    "signoff": "godkendelse",
    "revocation": "tilbagekaldelse",
    "acknowledgement": "kvitterede advarsler",
    "final_export": "endelig eksport",
}


def canonical(data: object) -> bytes:
    """Stable bytes: sorted keys, no whitespace, UTF-8."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def utc_text(moment: dt.datetime) -> str:
    moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    try:
        moment = moment.astimezone(dt.UTC)
    except OverflowError:  # year 1 or 9999 with an offset: as written
        return moment.isoformat()
    return moment.isoformat().replace("+00:00", "Z")


def payload(event: AuditEvent) -> dict[str, Any]:
    """Everything the signature covers: the entry without its signature."""
    reference = event.reference
    return {
        "format": AUDIT_FORMAT,
        "action": event.action,
        "role": event.role,
        "name": event.name,
        "time": utc_text(event.time),
        "fingerprint": event.fingerprint,
        "detail": event.detail,
        "reference": None
        if reference is None
        else {
            "journal": reference.journal,
            "date": reference.date.isoformat(),
            "sender": reference.sender,
        },
        "source": event.source,
        "findings": list(event.findings),
        "revokes": event.revokes,
        "previous": event.previous,
    }


def signed_bytes(event: AuditEvent) -> bytes:
    return canonical(payload(event))


def entry_hash(event: AuditEvent) -> str:
    """The hash the next entry chains to: payload and signature together."""
    signature = event.signature.model_dump() if event.signature is not None else None
    return hashlib.sha256(canonical({**payload(event), "signature": signature})).hexdigest()


def head(audit: list[AuditEvent]) -> str:
    """What a new entry's `previous` is: the last entry's hash, '' for the first."""
    return entry_hash(audit[-1]) if audit else ""


def signoff_event(record: SignOff) -> AuditEvent:
    """The audit entry a sign-off was recorded with (both carry the same signature)."""
    return AuditEvent(
        action="signoff",
        role=record.role,
        name=record.name,
        time=record.time,
        fingerprint=record.fingerprint,
        reference=record.reference,
        source=record.source,
        previous=record.previous,
        signature=record.signature,
    )


def check_event(event: AuditEvent, trust: TrustStore | None = None) -> SignatureCheck:
    """The entry's signature, its certificate chain at the entry's time, and
    that the name in the entry is the name in the certificate."""
    trust = (trust or trust_store()).for_content(event.fingerprint)
    result = check_signature(event.signature, signed_bytes(event), trust, event.time)
    if result.state in (SignatureState.UNSIGNED, SignatureState.INVALID):
        return result
    if result.signer != event.name:
        return SignatureCheck(
            SignatureState.INVALID,
            result.signer,
            f"Navnet i posten (»{event.name}«) er ikke navnet i certifikatet (»{result.signer}«).",
        )
    return result


@dataclass(frozen=True)
class EntryStatus:
    number: int
    """1-based, as the panel and the messages count."""
    event: AuditEvent
    hash: str
    linked: bool
    """Whether `previous` is the hash of the entry before."""
    signature: SignatureCheck


@dataclass(frozen=True)
class AuditReport:
    entries: tuple[EntryStatus, ...] = ()
    problems: tuple[str, ...] = ()
    """Danish sentences; any problem blocks the final export."""
    revocations: dict[str, AuditEvent] = field(default_factory=dict)
    """Hash of a sign-off's entry -> the entry that revoked it."""
    logged: frozenset[str] = frozenset()
    """Hashes of the sign-off entries in the trail."""

    @property
    def intact(self) -> bool:
        return not self.problems


def local_time(moment: dt.datetime) -> dt.datetime:
    """In the computer's time zone; as it is when that is out of range (year 1 or 9999)."""
    try:
        return moment.astimezone() if moment.tzinfo else moment
    except (OverflowError, ValueError, OSError):
        return moment


def describe(event: AuditEvent) -> str:
    role = f" som {event.role}" if event.role else ""
    local = local_time(event.time)
    return (
        f"{ACTIONS.get(event.action, event.action)}{role} af {event.name}, {local:%d.%m.%Y %H.%M}"
    )


_REPORTS: dict[tuple[object, ...], AuditReport] = {}


def check_audit(draft: Aktstykke, trust: TrustStore | None = None) -> AuditReport:
    """The chain, every entry's signature, and the sign-offs against their entries."""
    trust = trust or trust_store()
    key = (
        trust.key,
        tuple(e.model_dump_json() for e in draft.audit),
        tuple(s.model_dump_json() for s in draft.signoffs),
    )
    report = _REPORTS.get(key)
    if report is None:
        report = _check_audit(draft.audit, draft.signoffs, trust)
        if len(_REPORTS) > 64:
            _REPORTS.clear()
        _REPORTS[key] = report
    return report


def _check_audit(
    audit: list[AuditEvent], signoffs: list[SignOff], trust: TrustStore
) -> AuditReport:
    problems: list[str] = []
    entries: list[EntryStatus] = []
    previous = ""
    for number, event in enumerate(audit, start=1):
        digest = entry_hash(event)
        linked = event.previous == previous
        signature = check_event(event, trust)
        if not linked:
            problems.append(
                f"Logbogen er brudt ved post nr. {number} ({describe(event)}): posten før den "
                "er fjernet, ændret eller flyttet."
            )
        if signature.state is SignatureState.INVALID:
            problems.append(
                f"Logbogens post nr. {number} ({describe(event)}) er ugyldig: ændret efter "
                f"underskrift. {signature.detail}"
            )
        entries.append(EntryStatus(number, event, digest, linked, signature))
        previous = digest
    by_hash = {e.hash: e for e in entries}
    revocations: dict[str, AuditEvent] = {}
    for entry in entries:
        event = entry.event
        if event.action != "revocation":
            continue
        target = by_hash.get(event.revokes)
        if target is None or target.event.action != "signoff":
            problems.append(
                f"Logbogens post nr. {entry.number} ({describe(event)}) tilbagekalder en "
                "godkendelse, som ikke står i logbogen."
            )
            continue
        revocations.setdefault(event.revokes, event)
    problems.extend(_match_signoffs(signoffs, entries, revocations))
    logged = frozenset(e.hash for e in entries if e.event.action == "signoff")
    return AuditReport(tuple(entries), tuple(problems), revocations, logged)


def _match_signoffs(
    signoffs: list[SignOff], entries: list[EntryStatus], revocations: dict[str, AuditEvent]
) -> list[str]:
    problems = []
    logged = {e.hash for e in entries if e.event.action == "signoff"}
    listed: set[str] = set()
    for number, record in enumerate(signoffs, start=1):
        digest = entry_hash(signoff_event(record))
        who = f"Godkendelse nr. {number} ({record.role}, {record.name})"
        if digest not in logged:
            problems.append(
                f"{who} står ikke i logbogen: den er tilføjet eller ændret uden om programmet."
            )
            continue
        if digest in listed:
            problems.append(f"{who} står to gange blandt godkendelserne.")
        listed.add(digest)
        revocation = revocations.get(digest)
        if record.revoked is not None and revocation is None:
            problems.append(
                f"{who} er markeret som tilbagekaldt, men tilbagekaldelsen står ikke i logbogen."
            )
        elif revocation is not None and record.revoked is None:
            problems.append(
                f"{who} er tilbagekaldt i logbogen, men ikke blandt godkendelserne: "
                "tilbagekaldelsen er fjernet uden om programmet."
            )
        elif revocation is not None and (
            revocation.time != record.revoked or revocation.name != record.revoked_by
        ):
            problems.append(
                f"{who}: tilbagekaldelsen blandt godkendelserne svarer ikke til logbogens."
            )
    for entry in entries:
        if entry.event.action == "signoff" and entry.hash not in listed:
            problems.append(
                f"Logbogens post nr. {entry.number} ({describe(entry.event)}) mangler blandt "
                "godkendelserne: den er fjernet uden om programmet."
            )
    return problems
