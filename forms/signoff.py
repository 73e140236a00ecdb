"""Sign-offs: who approved which content, and whether that still counts.

A sign-off records a fingerprint: SHA-256 over a canonical serialisation of
everything that appears in the document. Sign-offs, the audit trail, file
metadata and Finansudvalget's additions are not part of it, and neither is
litra f, which is itself produced from Finansministeriet's sign-off. Editing
the content afterwards makes the sign-off *stale*; it is kept, never deleted.

Each sign-off is signed by the person who recorded it (forms/pki.py) and is an
entry of the audit trail (forms/audit.py). It counts only when its signature
is valid under a trusted certificate, it is not revoked or future-dated, and
its fingerprint is the content's; an invalid signature blocks the final export.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources

from forms.audit import check_audit, check_event, entry_hash, local_time, signoff_event
from forms.model import Aktstykke, Block, BudgetTable, SignOff
from forms.pki import SignatureCheck, SignatureState
from forms.pkitrust import TrustStore, trust_store

FINGERPRINT_VERSION = 2
"""2: blank paragraphs and sub-headings are left out, as the document leaves them
out (exporters/layout.py). Sign-offs from before are unsigned (schema 3) anyway."""
FM_CONSENT_TEXT = "Finansministeriets tilslutning foreligger."
FM_AWAITING_TEXT = "[Afventer Finansministeriets tilslutning]"
"""What litra f says in a draft until Finansministeriet's consent counts."""
SHORT_LENGTH = 12


class SignOffState(StrEnum):
    """Only CURRENT counts; INVALID blocks the final export."""

    CURRENT = "gældende"
    STALE = "forældet"
    REVOKED = "tilbagekaldt"
    UNSIGNED = "usigneret"
    UNTRUSTED = "ukendt underskriver"
    INVALID = "ugyldig: ændret efter underskrift"
    EXPIRED = "certifikatet gjaldt ikke på tidspunktet"
    FUTURE = "dateret i fremtiden"
    NO_REFERENCE = "uden Finansministeriets reference"
    SOURCE = "oplyst i kildedokumentet"


class SignOffError(ValueError):
    """A sign-off that cannot be recorded; `message` is Danish."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RoleConfig:
    required: tuple[str, ...]
    finansministeriet: str


@cache
def role_config() -> RoleConfig:
    """The configured roles (resources/signoff/roles.json)."""
    text = resources.files("resources").joinpath("signoff", "roles.json").read_text("utf-8")
    data = json.loads(text)
    return RoleConfig(tuple(data["required"]), data["finansministeriet"])


def known_roles() -> tuple[str, ...]:
    return role_config().required


def required_roles(draft: Aktstykke) -> tuple[str, ...]:
    """Roles a final export needs; Finansministeriet only when not exempt."""
    config = role_config()
    return tuple(
        role
        for role in config.required
        if not (role == config.finansministeriet and draft.flags.fm_consent_exempt)
    )


def canonical_content(draft: Aktstykke) -> str:
    """The serialisation the fingerprint is taken over: stable across runs
    (sorted keys, no floats, dates in ISO form) and blind to everything that
    does not appear in the document. Litra f's sentence is left out: it is
    itself produced from Finansministeriet's sign-off.

    JSON is written piece by piece, each block's piece kept per content, so the
    fingerprint of a large draft after an edit serialises only the edited block;
    the result is exactly `json.dumps` of the whole payload (sorted keys)."""
    sections = []
    for section in draft.sections:
        blocks = []
        for block in section.blocks:
            if _is_blank(block):
                continue  # never reaches the document
            if section.letter == "f" and is_consent_sentence(block):
                continue  # produced from Finansministeriet's consent, not content
            if isinstance(block, BudgetTable):
                blocks.append(_table_json(block.model_dump_json()))
            else:
                blocks.append(_text_json(block.type, block.text))
        if section.letter == "f" and not blocks:
            continue  # f holds nothing but the consent sentence
        sections.append(
            '{"blocks":[' + ",".join(blocks) + '],"letter":' + _dumps(section.letter) + "}"
        )
    payload = {
        "fingerprint_version": FINGERPRINT_VERSION,
        "ministry": draft.ministry,
        "place": draft.place,
        "date": draft.date.isoformat() if draft.date else None,
        "signature_date": (
            draft.effective_signature_date.isoformat() if draft.effective_signature_date else None
        ),
        "minister": draft.minister,
        "fm_consent_exempt": draft.flags.fm_consent_exempt,
        "sections": _SECTIONS,
    }
    # The last occurrence is the stand-in: only "signature_date" (an ISO date or
    # null) sorts after "sections", while "place" or "ministry" typed with the
    # stand-in's text sort before it.
    head, _, tail = _dumps(payload).rpartition(_dumps(_SECTIONS))
    return head + "[" + ",".join(sections) + "]" + tail


_SECTIONS = "\x00sections\x00"
"""A stand-in for the sections in the payload, replaced at its last occurrence."""


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@lru_cache(maxsize=50_000)
def _text_json(kind: str, text: str) -> str:
    return _dumps({"type": kind, "text": text})


@lru_cache(maxsize=2_000)
def _table_json(content: str) -> str:
    block = BudgetTable.model_validate_json(content)
    return _dumps(
        {
            "type": "table",
            "caption": block.caption,
            "unit": block.unit.value,
            "label_heading": block.label_heading,
            "columns": [block.column_heading(i) for i in range(len(block.columns))],
            "rows": [
                {
                    "label": row.label,
                    "account": row.account or "",
                    "values": [
                        None if v is None else str(v) for v in row.values[: len(block.columns)]
                    ],
                    # Unreadable text typed in a cell appears in the
                    # document as typed: covered, but only when present,
                    # so fingerprints of other drafts do not change.
                    **(
                        {"raw": {str(k): t for k, t in row.raw_values.items()}}
                        if row.raw_values
                        else {}
                    ),
                }
                for row in block.rows
            ],
            "note": block.note,
            # Only when set, so fingerprints of earlier sign-offs stay valid.
            **({"unit_label": block.unit_label} if block.unit_label else {}),
        }
    )


def is_consent_sentence(block: Block) -> bool:
    """A paragraph holding just litra f's produced sentence (the consent, or the
    marker that it is awaited), typed or carried over from an export; the
    document, the fingerprint and the editor all ignore it (f is produced)."""
    if isinstance(block, BudgetTable):
        return False
    return _folded(block.text) in _PRODUCED


def states_consent(block: Block) -> bool:
    """A paragraph holding just the consent sentence (not the awaited marker)."""
    if isinstance(block, BudgetTable):
        return False
    return is_consent_sentence(block) and _folded(block.text) == _folded(FM_CONSENT_TEXT)


def _folded(text: str) -> str:
    return " ".join(text.split()).lower().rstrip(".")


_PRODUCED = {_folded(FM_CONSENT_TEXT), _folded(FM_AWAITING_TEXT)}


def _is_blank(block: Block) -> bool:
    return not isinstance(block, BudgetTable) and not block.text.strip()


def fingerprint(draft: Aktstykke) -> str:
    return hashlib.sha256(canonical_content(draft).encode("utf-8")).hexdigest()


def short_fingerprint(value: str) -> str:
    """The short form printed in the final document's footer."""
    return value[:SHORT_LENGTH].upper()


FUTURE_TOLERANCE = dt.timedelta(minutes=10)
"""Clocks differ a little between computers; a sign-off later than this is future-dated."""


@dataclass(frozen=True)
class SignOffCheck:
    """What a sign-off is worth now: its state, its signature, and why (Danish)."""

    record: SignOff
    state: SignOffState
    signature: SignatureCheck
    detail: str

    @property
    def counts(self) -> bool:
        return self.state is SignOffState.CURRENT

    @property
    def blocks(self) -> bool:
        """An invalid signature blocks the final export, whatever the role."""
        return self.state is SignOffState.INVALID

    @property
    def signer(self) -> str:
        """The name in the certificate ('' when unsigned or unreadable)."""
        return self.signature.signer


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def check_signoff(
    record: SignOff,
    current_fingerprint: str,
    trust: TrustStore | None = None,
    *,
    revoked: bool = False,
    logged: bool = True,
    now: dt.datetime | None = None,
) -> SignOffCheck:
    """Judge one sign-off. `revoked` and `logged` add what the audit trail knows:
    a revocation the list of sign-offs no longer shows still revokes, and a
    sign-off that is not in the trail was not recorded by the program."""
    signature = check_event(signoff_event(record), trust)
    kind = signature.state
    now = now or now_utc()
    moment = record.time if record.time.tzinfo else record.time.replace(tzinfo=dt.UTC)

    def result(value: SignOffState, detail: str) -> SignOffCheck:
        return SignOffCheck(record, value, signature, detail)

    if record.source:
        return result(
            SignOffState.SOURCE,
            f"Kilden »{record.source}« siger, at Finansministeriets tilslutning foreligger. "
            "Det tæller ikke: tilslutningen registreres af den, der har modtaget den, med "
            "Finansministeriets reference.",
        )
    if kind is SignatureState.UNSIGNED:
        return result(
            SignOffState.UNSIGNED,
            "Godkendelsen er ikke underskrevet med et certifikat (fra en ældre version af "
            "programmet) og tæller ikke. Få en ny godkendelse.",
        )
    if kind is SignatureState.INVALID:
        return result(SignOffState.INVALID, signature.detail)
    if not logged:
        return result(
            SignOffState.INVALID,
            "Godkendelsen står ikke i logbogen: den er tilføjet, eller dens post i logbogen er "
            "fjernet, uden om programmet.",
        )
    if revoked or record.revoked is not None:
        by = f" af {record.revoked_by}" if record.revoked_by else ""
        return result(SignOffState.REVOKED, f"Godkendelsen er tilbagekaldt{by}.")
    if kind is SignatureState.UNTRUSTED:
        return result(SignOffState.UNTRUSTED, signature.detail)
    if kind is SignatureState.EXPIRED:
        return result(SignOffState.EXPIRED, signature.detail)
    if moment > now + FUTURE_TOLERANCE:
        return result(
            SignOffState.FUTURE,
            f"Godkendelsen er dateret {local_time(moment):%d.%m.%Y %H.%M}, i fremtiden, og "
            "tæller ikke.",
        )
    if record.role == role_config().finansministeriet and record.reference is None:
        return result(
            SignOffState.NO_REFERENCE,
            "Finansministeriets tilslutning er registreret uden Finansministeriets reference "
            "(journalnummer, dato og afsender) og tæller ikke.",
        )
    if record.fingerprint != current_fingerprint:
        return result(
            SignOffState.STALE,
            "Indholdet er ændret, siden der blev godkendt. Der skal godkendes igen.",
        )
    return result(SignOffState.CURRENT, "Godkendelsen gælder det nuværende indhold.")


def state(
    record: SignOff, current_fingerprint: str, trust: TrustStore | None = None
) -> SignOffState:
    return check_signoff(record, current_fingerprint, trust).state


def signoff_checks(
    draft: Aktstykke, fp: str | None = None, trust: TrustStore | None = None
) -> list[SignOffCheck]:
    """Every sign-off of the draft judged, in order; revocations from the audit trail count."""
    fp = fp or fingerprint(draft)
    trust = trust or trust_store()
    report = check_audit(draft, trust)
    now = now_utc()
    checks = []
    for record in draft.signoffs:
        digest = entry_hash(signoff_event(record))
        checks.append(
            check_signoff(
                record,
                fp,
                trust,
                revoked=digest in report.revocations,
                logged=digest in report.logged,
                now=now,
            )
        )
    return checks


def approvals(
    draft: Aktstykke, fp: str | None = None, trust: TrustStore | None = None
) -> list[SignOff]:
    """The sign-offs that count: signed under a trusted certificate, current, not revoked."""
    return [c.record for c in signoff_checks(draft, fp, trust) if c.counts]


def current_signoff(
    draft: Aktstykke, role: str, fp: str | None = None, trust: TrustStore | None = None
) -> SignOff | None:
    """The latest sign-off for a role that counts, or None."""
    matches = [s for s in approvals(draft, fp, trust) if s.role == role]
    return matches[-1] if matches else None


def has_fm_consent(
    draft: Aktstykke, fp: str | None = None, trust: TrustStore | None = None
) -> bool:
    """Whether litra f may state that Finansministeriet's consent exists: only a
    consent recorded with Finansministeriet's reference, signed under a trusted
    certificate, for the current content. Never typed text, never an import."""
    return current_signoff(draft, role_config().finansministeriet, fp, trust) is not None


@dataclass(frozen=True)
class RoleStatus:
    role: str
    state: SignOffState | None
    """None when the role never signed off."""
    signoff: SignOff | None
    check: SignOffCheck | None = None
    index: int | None = None
    """The sign-off's place in draft.signoffs."""


def role_statuses(
    draft: Aktstykke, fp: str | None = None, trust: TrustStore | None = None
) -> list[RoleStatus]:
    """For each required role: the latest sign-off that counts, else the latest of any kind."""
    checks = signoff_checks(draft, fp, trust)
    statuses = []
    for role in required_roles(draft):
        indexes = [i for i, c in enumerate(checks) if c.record.role == role]
        counting = [i for i in indexes if checks[i].counts]
        chosen = counting[-1] if counting else (indexes[-1] if indexes else None)
        if chosen is None:
            statuses.append(RoleStatus(role, None, None))
        else:
            check = checks[chosen]
            statuses.append(RoleStatus(role, check.state, check.record, check, chosen))
    return statuses


def signoff_blockers(
    draft: Aktstykke, trust: TrustStore | None = None, fp: str | None = None
) -> list[str]:
    """Danish reasons the sign-offs stand in the way of a final export: each
    required role that does not count, every invalid signature, a broken audit trail.
    `fp` is the content's fingerprint when the caller already has it."""
    trust = trust or trust_store()
    fp = fp or fingerprint(draft)
    reasons = []
    for status in role_statuses(draft, fp, trust):
        role, record, value = status.role, status.signoff, status.state
        if value is None or record is None:
            reasons.append(f"{role} har ikke godkendt aktstykket.")
        elif value is SignOffState.REVOKED:
            reasons.append(f"{role}s godkendelse er tilbagekaldt.")
        elif value is SignOffState.STALE:
            reasons.append(
                f"{role}s godkendelse ({record.name}) er forældet: indholdet er ændret siden. "
                "Få en ny godkendelse."
            )
        elif value is not SignOffState.CURRENT and value is not SignOffState.INVALID:
            reasons.append(
                f"{role}s godkendelse ({record.name}): {value.value}. "
                f"{status.check.detail if status.check else ''}"
            )
    for number, check in enumerate(signoff_checks(draft, fp, trust), start=1):
        if check.blocks:
            record = check.record
            reasons.append(
                f"Godkendelse nr. {number} ({record.role}, {record.name}) er ugyldig: ændret "
                f"efter underskrift. {check.detail}"
            )
    reasons.extend(check_audit(draft, trust).problems)
    return list(dict.fromkeys(reasons))


# The recording functions live in their own module; they are part of this API.
from forms.signoffrecord import (  # noqa: E402
    acknowledge_warnings,
    check_role,
    record_consent,
    record_final_export,
    record_stated_consent,
    revoke,
    sign_off,
)

__all__ = [
    "acknowledge_warnings",
    "check_role",
    "record_consent",
    "record_final_export",
    "record_stated_consent",
    "revoke",
    "sign_off",
]
