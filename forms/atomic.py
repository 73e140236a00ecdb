"""Atomic file replacement: the file on disk is always the old or the new version."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from forms.oscompat import current_umask, fsync_directory

_REASONS = {
    errno.ENOENT: "filen eller mappen findes ikke",
    errno.EACCES: "du har ikke adgang (skrivebeskyttet mappe eller fil)",
    errno.EPERM: "du har ikke adgang (skrivebeskyttet mappe eller fil)",
    errno.EROFS: "drevet er skrivebeskyttet",
    errno.ENOSPC: "der er ikke mere plads på drevet",
    errno.EDQUOT: "din diskkvote er opbrugt",
    errno.EISDIR: "det er en mappe, ikke en fil",
    errno.ENOTDIR: "en del af stien er en fil, ikke en mappe",
    errno.ENOLCK: "drevet kan ikke låse filer, så den kan ikke gemmes sikkert her",
    errno.ENOSYS: "drevet kan ikke låse filer, så den kan ikke gemmes sikkert her",
    errno.ENAMETOOLONG: "navnet eller stien er for lang til filsystemet",
}
_READING = {
    errno.ENOENT: "filen findes ikke",
    errno.EACCES: "du har ikke adgang til den",
    errno.EPERM: "du har ikke adgang til den",
}
"""Reading names one file: it is missing, or the user may not read it."""


def os_error_reason(exc: OSError, *, reading: bool = False, fallback: str | None = None) -> str:
    """A Danish reason for an OS error, for messages that name the file: the one
    table of the program (writing, and with `reading` a file being read)."""
    code = exc.errno or 0
    if reading and code in _READING:
        return _READING[code]
    return _REASONS.get(code, exc.strerror or fallback or str(exc))


def real_path(path: Path | str) -> Path:
    """The file a path names once symlinks are followed (the path itself otherwise).

    Writing goes there, so a symlink the user made stays a symlink."""
    return Path(os.path.realpath(path))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write beside the target, flush, fsync, then os.replace over it.

    A crash at any moment leaves either the complete old file or the complete
    new one; the temporary file is removed when anything fails. Through a
    symlink, the symlink's target is replaced and the symlink stays.
    """
    path = real_path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes a private (0600) file: keep the bits the user gave the
        # original, or give a new file the usual permissions (umask).
        with contextlib.suppress(OSError):
            mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~current_umask()
            os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    fsync_directory(path.parent)
