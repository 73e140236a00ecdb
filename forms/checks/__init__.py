"""The checks: every rule of DOMAIN.md section 4 that the draft can decide.

Public API:
- `check_draft(draft) -> list[Finding]`: all findings, ordered header, a-f,
  signature, document.
- `Checker`: kept by the editor; `.check(draft)` re-checks incrementally.
- `RULES`: the registry, id -> Rule (severity, Danish title, scope).
- `rule(...)`, `finding(...)`: for registering a new rule (see registry.py).

Rules live in the modules `forms/checks/rules_*.py`, one per family; every
such module is imported here, so a new rule module is picked up by adding the
file. A rule defined elsewhere is active once its module has been imported.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil

from forms.checks.engine import Checker, check_draft, summary_line
from forms.checks.facts import Context, DocumentFacts, SectionFacts
from forms.checks.registry import INTERNAL, LOAD_ERRORS, RULES, Rule, finding, rule

for _module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _module.name.startswith("rules_"):
        try:
            importlib.import_module(f"{__name__}.{_module.name}")
        except Exception as _exc:  # one broken rule module must not stop the others
            logging.getLogger(__name__).exception("rule module %s failed", _module.name)
            LOAD_ERRORS[_module.name] = f"{type(_exc).__name__}: {_exc}"

__all__ = [
    "INTERNAL",
    "LOAD_ERRORS",
    "RULES",
    "Checker",
    "Context",
    "DocumentFacts",
    "Rule",
    "SectionFacts",
    "check_draft",
    "finding",
    "rule",
    "summary_line",
]
