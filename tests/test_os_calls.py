"""No call that exists on only one operating system outside forms/oscompat.py
(issue 17): a Windows build must not meet os.killpg on a path nobody tried."""

from __future__ import annotations

import re

from tests.helpers import ROOT

ONE_SYSTEM_ONLY = re.compile(
    r"\bos\.(killpg|kill|getuid|geteuid|getpgid|setsid|umask|pathconf|statvfs|fork|getlogin"
    r"|uname|sync)\b|\bimport (pwd|grp|fcntl|termios|winreg|msvcrt)\b|ctypes\.windll"
    r"|/proc/|signal\.SIG(KILL|HUP|USR)"
)


def test_one_system_calls_live_in_oscompat_only():
    offenders = []
    for folder in ("forms", "exporters", "desktop", "cli"):
        for path in sorted((ROOT / folder).rglob("*.py")) if (ROOT / folder).is_dir() else []:
            if path.name == "oscompat.py":
                continue
            for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
                if ONE_SYSTEM_ONLY.search(line.split("#")[0]):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_pattern_finds_what_it_is_for():
    for line in (
        "os.killpg(pid, 9)",
        "import pwd",
        "ctypes.windll.kernel32",
        "open('/proc/self/status')",
    ):
        assert ONE_SYSTEM_ONLY.search(line), line
