"""Ordered upgrade steps for draft files written by older versions.

Each step takes the raw JSON object of version N and returns version N+1.
Steps work on plain dicts, before pydantic sees the data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from forms.model import SCHEMA_VERSION

Raw = dict[str, Any]


def _v1_to_v2(raw: Raw) -> Raw:
    """Schema 1 (the pre-release format) kept sections as a mapping
    {letter: [blocks]} and called the type 'type'. Schema 2 keeps an ordered
    list of sections, so a draft can record letters in a wrong order for the
    checks to report, and calls the type 'kind'."""
    upgraded = dict(raw)
    sections = upgraded.pop("sections", {}) or {}
    if isinstance(sections, dict):
        upgraded["sections"] = [
            {"letter": letter, "blocks": blocks} for letter, blocks in sections.items()
        ]
    else:
        upgraded["sections"] = sections
    if "type" in upgraded:
        upgraded["kind"] = upgraded.pop("type")
    metadata = dict(upgraded.get("metadata") or {})
    metadata["schema_version"] = 2
    upgraded["metadata"] = metadata
    return upgraded


def _v2_to_v3(raw: Raw) -> Raw:
    """Schema 3 signs sign-offs and chains the audit trail (forms/audit.py).
    Older sign-offs carry no signature: they are kept, shown as "usigneret",
    and never count. Their audit entries are chained as they stand, so the
    trail reads as intact and every new entry is appended to it."""
    from forms.audit import entry_hash
    from forms.model import AuditEvent, SignOff

    upgraded = dict(raw)
    audit, signoffs = upgraded.get("audit"), upgraded.get("signoffs")
    if isinstance(audit, list) and isinstance(signoffs, list):
        try:
            chained = _chain_legacy(audit, AuditEvent, entry_hash)
            upgraded["audit"] = chained
            upgraded["signoffs"] = _link_signoffs(signoffs, chained, AuditEvent, SignOff)
        except (TypeError, ValueError, AttributeError):
            pass  # not a valid trail: pydantic reports it with the file's name
    metadata = dict(upgraded.get("metadata") or {})
    metadata["schema_version"] = 3
    upgraded["metadata"] = metadata
    return upgraded


def _chain_legacy(
    audit: list[Any], model: Any, entry_hash: Callable[[Any], str]
) -> list[dict[str, Any]]:
    chained: list[dict[str, Any]] = []
    previous = ""
    signoffs: dict[tuple[str, str, str], str] = {}
    for raw_event in audit:
        event = dict(raw_event)
        event["previous"] = previous
        if event.get("action") == "revocation":
            # The old revocation named the sign-off in words: "godkendelse af NAME fra TIME".
            for (role, name, time), digest in signoffs.items():
                if event.get("role") == role and event.get("detail") == (
                    f"godkendelse af {name} fra {time}"
                ):
                    event["revokes"] = digest
        parsed = model.model_validate(event)
        previous = entry_hash(parsed)
        if parsed.action == "signoff":
            signoffs[(parsed.role, parsed.name, parsed.time.isoformat())] = previous
        chained.append(event)
    return chained


def _link_signoffs(
    signoffs: list[Any], audit: list[Any], event_model: Any, signoff_model: Any
) -> list[dict[str, Any]]:
    """Each old sign-off takes `previous` from its own audit entry."""
    entries = [event_model.model_validate(e) for e in audit]
    linked = []
    for raw_record in signoffs:
        record = dict(raw_record)
        parsed = signoff_model.model_validate(record)
        for event in entries:
            if event.action == "signoff" and (
                event.role,
                event.name,
                event.time,
                event.fingerprint,
            ) == (parsed.role, parsed.name, parsed.time, parsed.fingerprint):
                record["previous"] = event.previous
                break
        linked.append(record)
    return linked


STEPS: dict[int, Callable[[Raw], Raw]] = {1: _v1_to_v2, 2: _v2_to_v3}

assert sorted(STEPS) == list(range(1, SCHEMA_VERSION)), "a migration step is missing"


def migrate(raw: Raw, version: int) -> Raw:
    """Apply every step from `version` up to the current schema version."""
    for step_from in range(version, SCHEMA_VERSION):
        raw = STEPS[step_from](raw)
    return raw
