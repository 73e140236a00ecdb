"""Sign-offs: who approved which content, and whether that is still the content.

A sign-off records a fingerprint: SHA-256 over a canonical serialisation of
everything that appears in the document. Sign-offs, the audit trail, file
metadata and Finansudvalget's additions are not part of it, and neither is
litra f, which is itself produced from Finansministeriet's sign-off. Editing
the content afterwards makes the sign-off *stale*; it is kept, never deleted.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from forms.model import Aktstykke, AuditEvent, BudgetTable, SignOff

FINGERPRINT_VERSION = 1
FM_CONSENT_TEXT = "Finansministeriets tilslutning foreligger."
SHORT_LENGTH = 12


class SignOffState(StrEnum):
    CURRENT = "gældende"
    STALE = "forældet"
    REVOKED = "tilbagekaldt"


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
    itself produced from Finansministeriet's sign-off."""
    sections = []
    for section in draft.sections:
        blocks = []
        for block in section.blocks:
            if section.letter == "f" and (is_consent_sentence(block) or _is_blank(block)):
                continue  # produced from Finansministeriet's sign-off, not content
            if isinstance(block, BudgetTable):
                blocks.append(
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
                                    None if v is None else str(v)
                                    for v in row.values[: len(block.columns)]
                                ],
                            }
                            for row in block.rows
                        ],
                        "note": block.note,
                        # Only when set, so fingerprints of earlier sign-offs stay valid.
                        **({"unit_label": block.unit_label} if block.unit_label else {}),
                    }
                )
            else:
                blocks.append({"type": block.type, "text": block.text})
        if section.letter == "f" and not blocks:
            continue  # f holds nothing but the consent sentence
        sections.append({"letter": section.letter, "blocks": blocks})
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
        "sections": sections,
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def is_consent_sentence(block) -> bool:
    """A paragraph holding just litra f's sentence, typed or carried over; the
    document, the fingerprint and the editor all ignore it (f is produced)."""
    if isinstance(block, BudgetTable):
        return False
    text = " ".join(block.text.split()).lower().rstrip(".")
    return text == FM_CONSENT_TEXT.lower().rstrip(".")


def _is_blank(block) -> bool:
    return not isinstance(block, BudgetTable) and not block.text.strip()


def fingerprint(draft: Aktstykke) -> str:
    return hashlib.sha256(canonical_content(draft).encode("utf-8")).hexdigest()


def short_fingerprint(value: str) -> str:
    """The short form printed in the final document's footer."""
    return value[:SHORT_LENGTH].upper()


def state(signoff: SignOff, current_fingerprint: str) -> SignOffState:
    if signoff.revoked is not None:
        return SignOffState.REVOKED
    if signoff.fingerprint != current_fingerprint:
        return SignOffState.STALE
    return SignOffState.CURRENT


def current_signoff(draft: Aktstykke, role: str, fp: str | None = None) -> SignOff | None:
    """The latest current sign-off for a role, or None."""
    fp = fp or fingerprint(draft)
    matches = [s for s in draft.signoffs if s.role == role and state(s, fp) is SignOffState.CURRENT]
    return matches[-1] if matches else None


def has_fm_consent(draft: Aktstykke) -> bool:
    """Whether litra f may state that Finansministeriet's consent exists."""
    return current_signoff(draft, role_config().finansministeriet) is not None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def sign_off(draft: Aktstykke, role: str, name: str, when: dt.datetime | None = None) -> SignOff:
    """Record a sign-off of the current content (and an audit line)."""
    role = role.strip()
    name = name.strip()
    if role not in known_roles():
        raise SignOffError(
            f"Rollen »{role}« kendes ikke. Gyldige roller: {', '.join(known_roles())}."
        )
    if not name:
        raise SignOffError("Godkendelsen skal have et navn.")
    when = when or _now()
    fp = fingerprint(draft)
    record = SignOff(role=role, name=name, time=when, fingerprint=fp)
    draft.signoffs = [*draft.signoffs, record]
    draft.audit = [
        *draft.audit,
        AuditEvent(action="signoff", role=role, name=name, time=when, fingerprint=fp),
    ]
    return record


def revoke(draft: Aktstykke, index: int, name: str, when: dt.datetime | None = None) -> SignOff:
    """Withdraw a sign-off; it stays in the history, marked revoked."""
    if not 0 <= index < len(draft.signoffs):
        raise SignOffError(f"Der er ingen godkendelse nr. {index + 1}.")
    record = draft.signoffs[index]
    if record.revoked is not None:
        raise SignOffError(f"Godkendelse nr. {index + 1} er allerede tilbagekaldt.")
    when = when or _now()
    updated = record.model_copy(update={"revoked": when, "revoked_by": name.strip() or None})
    signoffs = list(draft.signoffs)
    signoffs[index] = updated
    draft.signoffs = signoffs
    draft.audit = [
        *draft.audit,
        AuditEvent(
            action="revocation",
            role=record.role,
            name=name.strip(),
            time=when,
            fingerprint=record.fingerprint,
            detail=f"godkendelse af {record.name} fra {record.time.isoformat()}",
        ),
    ]
    return updated


def record_final_export(draft: Aktstykke, name: str, target: str, when=None) -> AuditEvent:
    event = AuditEvent(
        action="final_export",
        name=name,
        time=when or _now(),
        fingerprint=fingerprint(draft),
        detail=target,
    )
    draft.audit = [*draft.audit, event]
    return event


@dataclass(frozen=True)
class RoleStatus:
    role: str
    state: SignOffState | None
    """None when the role never signed off."""
    signoff: SignOff | None


def role_statuses(draft: Aktstykke) -> list[RoleStatus]:
    """For each required role: current, stale, revoked, or missing."""
    fp = fingerprint(draft)
    statuses = []
    for role in required_roles(draft):
        records = [s for s in draft.signoffs if s.role == role]
        current = current_signoff(draft, role, fp)
        if current:
            statuses.append(RoleStatus(role, SignOffState.CURRENT, current))
        elif records:
            statuses.append(RoleStatus(role, state(records[-1], fp), records[-1]))
        else:
            statuses.append(RoleStatus(role, None, None))
    return statuses


def signoff_blockers(draft: Aktstykke) -> list[str]:
    """Danish reasons, one per required role that is not currently signed off."""
    reasons = []
    for status in role_statuses(draft):
        if status.state is None:
            reasons.append(f"{status.role} har ikke godkendt aktstykket.")
        elif status.state is SignOffState.STALE:
            reasons.append(
                f"{status.role}s godkendelse ({status.signoff.name}) er forældet: indholdet er "
                "ændret siden. Få en ny godkendelse."
            )
        elif status.state is SignOffState.REVOKED:
            reasons.append(f"{status.role}s godkendelse er tilbagekaldt.")
    return reasons


def default_signer_name() -> str:
    """The OS user's full name where the system knows it, else the login."""
    try:
        import pwd

        gecos = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
        if gecos:
            return gecos
    except (ImportError, KeyError, AttributeError):
        pass
    for variable in ("AKTSTYKKE_NAME", "USERNAME", "USER"):
        if os.environ.get(variable):
            return os.environ[variable]
    try:
        return getpass.getuser()
    except Exception:
        return ""
