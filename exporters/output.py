"""Writing an export: replace the target atomically or not at all, with a Danish message."""

from __future__ import annotations

from pathlib import Path

from exporters.errors import ExportError
from forms.atomic import atomic_write_bytes, os_error_reason


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step; on failure the old file is untouched
    and no temporary file is left behind."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"»{path}« er en mappe; vælg et filnavn at eksportere til.")
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        reason = os_error_reason(exc)
        kept = " Den eksisterende fil er uændret." if path.exists() else ""
        raise ExportError(f"»{path.name}« kan ikke skrives: {reason}.{kept}") from None
