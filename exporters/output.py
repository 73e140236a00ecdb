"""Writing an export: replace the target atomically or not at all, with a Danish message."""

from __future__ import annotations

import os
from pathlib import Path

from exporters.errors import ExportError
from forms.atomic import atomic_write_bytes, os_error_reason
from forms.oscompat import longest_file_name

# The temporary file beside the target is ".NAME.xxxxxxxx.tmp" (forms.atomic).
_TEMPORARY_EXTRA = len("..xxxxxxxx.tmp")
_NAME_MAX = 255


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step; on failure the old file is untouched
    and no temporary file is left behind."""
    path = Path(path)
    check_target(path)
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise ExportError(_cannot_write(path, exc)) from None


def check_target(path: Path) -> None:
    """Refuse, before any work, a target that can never be written: a folder, a name
    longer than the file system allows (with room for the temporary file)."""
    path = Path(path)
    limit = name_limit(path.parent)
    length = len(os.fsencode(path.name))
    if length > limit:
        raise ExportError(
            f"»{short_name(path.name)}« kan ikke skrives: filnavnet er for langt ({length} "
            f"tegn; højst {limit} her). Vælg et kortere navn."
        )
    try:
        is_dir = path.is_dir()
    except OSError as exc:  # a folder in the path with a name too long, a loop of links
        raise ExportError(_cannot_write(path, exc)) from None
    if is_dir:
        raise ExportError(f"»{path}« er en mappe; vælg et filnavn at eksportere til.")


def name_limit(folder: Path) -> int:
    """The longest file name (in bytes) an export can have in `folder`."""
    longest = longest_file_name(folder) or _NAME_MAX
    return max(1, min(longest, _NAME_MAX) - _TEMPORARY_EXTRA)


def short_name(name: str) -> str:
    """A file name as a message shows it: at most about 60 characters."""
    if len(name) <= 60:
        return name
    _stem, dot, suffix = name.rpartition(".")
    tail = f"{dot}{suffix}" if dot and len(suffix) <= 10 else name[-10:]
    return f"{name[:40]}…{tail}"


def _cannot_write(path: Path, exc: OSError) -> str:
    reason = os_error_reason(exc)
    try:
        kept = " Den eksisterende fil er uændret." if path.exists() else ""
    except OSError:
        kept = ""
    return f"»{short_name(path.name)}« kan ikke skrives: {reason}.{kept}"


def same_file(one: Path, other: Path) -> bool:
    """Whether two paths name one file (a link, another spelling): an export
    must never overwrite the draft it is made from."""
    try:
        return one.resolve() == other.resolve() or (
            other.exists() and one.exists() and os.path.samefile(one, other)
        )
    except OSError:
        return False
