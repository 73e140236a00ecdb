"""A lock file beside an open draft, saying who has it open, where and since when.

Written only after the draft opened successfully, removed when it is closed. A
second editor reads it to tell the author who holds the draft; a lock left by a
program that no longer runs on this computer is recognised as stale.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from forms.dates import format_long_date


def lock_path(draft: Path) -> Path:
    """'.~lock.NAME.aktstykke#' beside the draft, as office programs name theirs."""
    return draft.with_name(f".~lock.{draft.name}#")


def current_user() -> tuple[str, str]:
    """(login, full name); the full name falls back to the login."""
    login = getpass.getuser()
    full = ""
    with contextlib.suppress(Exception):
        import pwd

        full = pwd.getpwnam(login).pw_gecos.split(",")[0].strip()
    return login, full or login


def process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class LockInfo:
    login: str
    name: str
    host: str
    pid: int
    since: dt.datetime

    @classmethod
    def mine(cls) -> LockInfo:
        login, name = current_user()
        return cls(login, name, socket.gethostname(), os.getpid(), dt.datetime.now(dt.UTC))

    def to_json(self) -> str:
        return json.dumps(
            {
                "login": self.login,
                "name": self.name,
                "host": self.host,
                "pid": self.pid,
                "since": self.since.isoformat(),
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> LockInfo:
        data = json.loads(text)
        since = dt.datetime.fromisoformat(data["since"])
        if since.tzinfo is None:
            since = since.replace(tzinfo=dt.UTC)
        return cls(
            str(data["login"]), str(data["name"]), str(data["host"]), int(data["pid"]), since
        )

    def is_stale(self) -> bool:
        """Left behind by a program that no longer runs on this computer."""
        return self.host == socket.gethostname() and not process_alive(self.pid)

    def is_this_process(self) -> bool:
        return self.host == socket.gethostname() and self.pid == os.getpid()

    def describe(self, file_name: str) -> str:
        local = self.since.astimezone()
        when = f"{format_long_date(local.date())} kl. {local:%H.%M}"
        who = self.name if self.name == self.login else f"{self.name} ({self.login})"
        return f"Kladden »{file_name}« er åben hos {who} på computeren {self.host} siden {when}."


UNKNOWN_HOLDER = LockInfo(
    "ukendt", "en ukendt bruger", "ukendt", 0, dt.datetime.fromtimestamp(0, dt.UTC)
)


class DraftLocked(Exception):
    def __init__(self, info: LockInfo):
        super().__init__(info.describe("kladden"))
        self.info = info


class DraftLock:
    def __init__(self, draft: Path):
        self.draft = Path(draft)
        self.path = lock_path(self.draft)
        self.info: LockInfo | None = None

    def read(self) -> LockInfo | None:
        """Who holds the lock; an unreadable lock file is held by 'en ukendt bruger'."""
        try:
            text = self.path.read_text("utf-8")
        except FileNotFoundError:
            return None
        except OSError:
            return UNKNOWN_HOLDER
        try:
            return LockInfo.from_json(text)
        except (ValueError, KeyError, TypeError):
            with contextlib.suppress(OSError):
                stamp = dt.datetime.fromtimestamp(self.path.stat().st_mtime, dt.UTC)
                return LockInfo("ukendt", "en ukendt bruger", "ukendt", 0, stamp)
            return UNKNOWN_HOLDER

    def acquire(self, *, force: bool = False) -> None:
        """Take the lock, or raise DraftLocked with the holder; OSError if the
        folder does not allow a lock file at all."""
        info = LockInfo.mine()
        if force:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            holder = self.read()
            raise DraftLocked(holder or UNKNOWN_HOLDER) from None
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(info.to_json())
        self.info = info

    def release(self) -> None:
        """Remove the lock if it is still ours (someone may have taken it over)."""
        if self.info is None:
            return
        current = self.read()
        if current is not None and current == self.info:
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.info = None

    @property
    def held(self) -> bool:
        return self.info is not None

    def still_ours(self) -> bool:
        return self.info is not None and self.read() == self.info
