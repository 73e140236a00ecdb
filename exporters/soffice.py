"""Where LibreOffice is: the configured program, PATH, the usual install folders,
and on Windows the registry's App Paths, in that order.

Windows installations do not put soffice on PATH, so without the later steps a
ministry workstation with LibreOffice would be told it has none. Every source
is a parameter of `find_soffice`, so the order is tested on any system.
"""

from __future__ import annotations

import glob
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import PureWindowsPath

from forms.oscompat import registry_value

ENV_VARIABLE = "AKTSTYKKE_SOFFICE"
"""Full path of soffice, set by the user or by ministry IT for everyone."""

APP_PATHS = r"SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\soffice.exe"
UNO_INSTALL = r"SOFTWARE\LibreOffice\UNO\InstallPath"

Registry = Callable[[str, str, str], str | None]


def usual_locations(platform: str, env: Mapping[str, str]) -> list[str]:
    """Install folders LibreOffice's own installers and the distributions use."""
    if platform == "win32":
        roots = [
            env.get("ProgramFiles", r"C:\Program Files"),
            env.get("ProgramW6432", ""),
            env.get("ProgramFiles(x86)", r"C:\Program Files (x86)"),
            str(PureWindowsPath(env["LOCALAPPDATA"], "Programs"))
            if env.get("LOCALAPPDATA")
            else "",
        ]
        return [
            str(PureWindowsPath(root, name, "program", "soffice.exe"))
            for root in dict.fromkeys(r for r in roots if r)
            for name in ("LibreOffice", "LibreOffice 7", "LibreOffice 24", "LibreOffice 25")
        ]
    if platform == "darwin":
        return ["/Applications/LibreOffice.app/Contents/MacOS/soffice"]
    return [
        "/usr/lib/libreoffice/program/soffice",
        "/usr/local/lib/libreoffice/program/soffice",
        *sorted(glob.glob("/opt/libreoffice*/program/soffice"), reverse=True),
        "/snap/bin/libreoffice",
    ]


def registry_locations(registry: Registry) -> list[str]:
    """What the Windows installer registered: App Paths, then UNO's InstallPath."""
    found = []
    for root in ("HKLM", "HKCU"):
        path = registry(root, APP_PATHS, "")
        if path:
            found.append(path.strip('"'))
    for root in ("HKLM", "HKCU"):
        folder = registry(root, UNO_INSTALL, "")
        if folder:
            found.append(str(PureWindowsPath(folder, "soffice.exe")))
    return found


def find_soffice(
    *,
    env: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    which: Callable[[str], str | None] = shutil.which,
    is_file: Callable[[str], bool] = os.path.isfile,
    registry: Registry = registry_value,
) -> str | None:
    """The soffice program to run, or None when LibreOffice is not installed."""
    env = os.environ if env is None else env
    configured = env.get(ENV_VARIABLE, "").strip().strip('"')
    if configured and is_file(configured):
        return configured
    for name in ("soffice", "libreoffice"):
        found = which(name)
        if found:
            return found
    candidates: Iterable[str] = usual_locations(platform, env)
    if platform == "win32":
        candidates = [*registry_locations(registry), *candidates]
    return next((path for path in candidates if is_file(path)), None)
