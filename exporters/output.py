"""Writing an export: replace the target atomically or not at all, with a Danish message."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from exporters.errors import ExportError
from forms.atomic import atomic_write_bytes

_REASONS = {
    errno.ENOENT: "mappen findes ikke",
    errno.EACCES: "du har ikke adgang (skrivebeskyttet mappe eller fil)",
    errno.EPERM: "du har ikke adgang (skrivebeskyttet mappe eller fil)",
    errno.EROFS: "drevet er skrivebeskyttet",
    errno.ENOSPC: "der er ikke mere plads på drevet",
    errno.EDQUOT: "din diskkvote er opbrugt",
    errno.EISDIR: "det er en mappe, ikke en fil",
}


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step; on failure the old file is untouched
    and no temporary file is left behind."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"»{path}« er en mappe; vælg et filnavn at eksportere til.")
    existed = path.exists()
    try:
        atomic_write_bytes(path, data)
        if not existed:
            # The temporary file was private (0600); a new export is meant to be
            # shared like any file the user saves, so it gets the usual permissions.
            os.chmod(path, 0o666 & ~_umask())
    except OSError as exc:
        reason = _REASONS.get(exc.errno or 0, exc.strerror or str(exc))
        kept = " Den eksisterende fil er uændret." if path.exists() else ""
        raise ExportError(f"»{path.name}« kan ikke skrives: {reason}.{kept}") from None


def _umask() -> int:
    try:  # Linux tells it without changing it
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
