"""What ministry IT sets for everyone on a workstation, through the environment
(a group policy sets user environment variables on Windows):

- AKTSTYKKE_TEMPLATE: the ministry's Word template (.docx or .dotx), used by the
  editor and `aktstykke export` when the author has not chosen another;
- AKTSTYKKE_TRUST: the folder(s) of trusted root certificates (forms.pkitrust);
- AKTSTYKKE_SOFFICE: LibreOffice's program, when it is not where it is looked for
  (exporters.soffice).
"""

from __future__ import annotations

import os
from pathlib import Path

TEMPLATE_VARIABLE = "AKTSTYKKE_TEMPLATE"


def ministry_template() -> Path | None:
    """The template ministry IT set for everyone, or None when none is set."""
    value = os.environ.get(TEMPLATE_VARIABLE, "").strip().strip('"')
    return Path(value) if value else None


def ministry_template_problem(path: Path) -> str | None:
    """Why the template IT set cannot be used (Danish), or None."""
    if not path.is_file():
        return (
            f"Ministeriets skabelon (miljøvariablen {TEMPLATE_VARIABLE}) »{path}« findes ikke; "
            "programmets egen skabelon bruges i stedet. Kontakt IT."
        )
    return None
