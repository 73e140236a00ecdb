"""Ordered upgrade steps for draft files written by older versions.

Each step takes the raw JSON object of version N and returns version N+1.
Steps work on plain dicts, before pydantic sees the data.
"""

from __future__ import annotations

from collections.abc import Callable

from forms.model import SCHEMA_VERSION

Raw = dict


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


STEPS: dict[int, Callable[[Raw], Raw]] = {1: _v1_to_v2}

assert sorted(STEPS) == list(range(1, SCHEMA_VERSION)), "a migration step is missing"


def migrate(raw: Raw, version: int) -> Raw:
    """Apply every step from `version` up to the current schema version."""
    for step_from in range(version, SCHEMA_VERSION):
        raw = STEPS[step_from](raw)
    return raw
