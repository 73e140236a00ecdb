"""The one place for calls that exist on only one kind of operating system.

Product code elsewhere calls these functions and never `os.killpg`, `pwd`,
`ctypes.windll` or `winreg` directly, so a Windows build cannot meet a POSIX-only
call on a path nobody tried there (and the other way round).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from typing import Any

WINDOWS = sys.platform == "win32"


def new_process_group() -> dict[str, Any]:
    """Popen keyword arguments that start a child in a process group of its own,
    so a timeout can stop the child and everything it started, and only that."""
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def kill_process_group(process: subprocess.Popen[Any]) -> None:
    """Stop a child started with new_process_group() and all its children."""
    if sys.platform == "win32":
        # taskkill /T follows the tree (soffice.exe starts soffice.bin).
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(
                ["taskkill", "/F", "/T", "/PID", str(process.pid)],
                capture_output=True,
                timeout=10,
            )
        with contextlib.suppress(OSError):
            process.kill()
        return
    import signal

    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def registry_value(root: str, key: str, name: str = "") -> str | None:
    """A string value from the Windows registry (root "HKLM" or "HKCU"), or None;
    always None off Windows."""
    if sys.platform != "win32":
        return None
    import winreg

    hive = {"HKLM": winreg.HKEY_LOCAL_MACHINE, "HKCU": winreg.HKEY_CURRENT_USER}[root]
    try:
        with winreg.OpenKey(hive, key) as handle:
            value, kind = winreg.QueryValueEx(handle, name)
    except OSError:
        return None
    return value if kind in (winreg.REG_SZ, winreg.REG_EXPAND_SZ) and value else None


def attach_parent_console() -> None:
    """In a windowed Windows build, print command-line output to the console the
    program was started from (a windowed program has none of its own: its
    sys.stdout and sys.stderr are None). Nothing happens elsewhere."""
    if not WINDOWS:
        return
    import ctypes

    attach_parent_process = -1
    if not ctypes.windll.kernel32.AttachConsole(attach_parent_process):  # type: ignore[attr-defined]
        return  # started from Explorer: there is no console to write to
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            with contextlib.suppress(OSError):
                setattr(sys, name, open("CONOUT$", "w", encoding="utf-8", errors="replace"))  # noqa: SIM115


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer (never ask about
    another computer's: a lock on a network share is judged by age instead)."""
    if pid <= 0:
        return False
    if WINDOWS:
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def full_user_name(login: str) -> str:
    """The user's full name as the system knows it, or '' (Windows: none asked)."""
    if WINDOWS:
        return ""
    try:
        import pwd

        return pwd.getpwnam(login).pw_gecos.split(",")[0].strip()
    except (ImportError, KeyError, OSError):
        return ""


def fsync_directory(folder: str | os.PathLike[str]) -> None:
    """Make a rename in `folder` durable; Windows has no directory handles for it."""
    if WINDOWS:
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def current_umask() -> int:
    """The process's umask (POSIX), read without changing it where Linux allows."""
    if WINDOWS:
        return 0
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def removes_open_files() -> bool:
    """POSIX can unlink a file another program holds open; Windows cannot."""
    return not WINDOWS


def longest_file_name(folder: str | os.PathLike[str]) -> int | None:
    """The longest file name (bytes) the folder's file system allows, where the
    system can tell (POSIX pathconf); None on Windows or for a missing folder."""
    if WINDOWS:
        return None
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        return None
