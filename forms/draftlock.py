"""Who has a draft, and the short lock around every change to it.

Two files beside the draft (beside its real file when the draft is reached
through a symlink), the same for the editor and the command line:

- `.~lock.NAME.aktstykke#` (the *holder file*) says who has the draft open in
  the editor: login, name, computer, process and since when, as JSON. Written
  only after the draft opened successfully, removed when it is closed. A lock
  left by a program that no longer runs on this computer is stale.
- `.~guard.NAME.aktstykke#` (the *guard*) is held with an operating-system
  lock (`filelock`: flock on Unix, LockFileEx on Windows) for the moment a
  program reads, changes and writes the draft: the editor's save, `aktstykke
  signoff`, the audit line of `export --final`. While held it names its
  holder; it is removed on release. The operating system drops the lock of a
  process that dies, so a guard is never stale.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import getpass
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import filelock

from forms.atomic import atomic_write_bytes, real_path
from forms.dates import format_long_datetime
from forms.oscompat import full_user_name, process_alive, removes_open_files

WAIT_SECONDS = 5.0
"""How long a change waits for another program's change of the same draft."""
POLL_SECONDS = 0.01
"""A change takes milliseconds: look again often rather than wait long."""


def lock_path(draft: Path | str) -> Path:
    """'.~lock.NAME.aktstykke#' beside the draft, as office programs name theirs."""
    real = real_path(draft)
    return real.with_name(f".~lock.{real.name}#")


def guard_path(draft: Path | str) -> Path:
    """'.~guard.NAME.aktstykke#' beside the draft: held while the draft is changed."""
    real = real_path(draft)
    return real.with_name(f".~guard.{real.name}#")


def current_user() -> tuple[str, str]:
    """(login, full name); the full name falls back to the login."""
    login = getpass.getuser()
    return login, full_user_name(login) or login


def same_host(host: str) -> bool:
    """Whether a lock's host is this computer: names compared as Windows and DNS
    do, without case and without the domain ('FM-PC-0042.fm.local' is 'fm-pc-0042')."""

    def short(name: str) -> str:
        return name.strip().split(".")[0].casefold()

    return short(host) == short(socket.gethostname())


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


STALE_AFTER = dt.timedelta(minutes=30)
"""A lock from another computer whose editor has not refreshed it for this long
is left behind (that computer crashed or lost the share). The editor refreshes
its lock every HEARTBEAT; a process on another computer is never asked for."""
HEARTBEAT = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class LockInfo:
    login: str
    name: str
    host: str
    pid: int
    since: dt.datetime
    heartbeat: dt.datetime | None = dataclasses.field(default=None, compare=False)
    """When the holder last said it still has the draft open (None: an old lock).
    Not part of the lock's identity: a refreshed lock is the same lock."""

    @classmethod
    def mine(cls) -> LockInfo:
        login, name = current_user()
        now = dt.datetime.now(dt.UTC)
        return cls(login, name, socket.gethostname(), os.getpid(), now, now)

    def refreshed(self) -> LockInfo:
        return dataclasses.replace(self, heartbeat=dt.datetime.now(dt.UTC))

    def to_json(self) -> str:
        return json.dumps(
            {
                "login": self.login,
                "name": self.name,
                "host": self.host,
                "pid": self.pid,
                "since": self.since.isoformat(),
                "heartbeat": (self.heartbeat or self.since).isoformat(),
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> LockInfo:
        data = json.loads(text)
        since = _utc(dt.datetime.fromisoformat(data["since"]))
        beat = data.get("heartbeat")
        heartbeat = _utc(dt.datetime.fromisoformat(beat)) if isinstance(beat, str) else None
        return cls(
            str(data["login"]),
            str(data["name"]),
            str(data["host"]),
            int(data["pid"]),
            since,
            heartbeat,
        )

    def is_stale(self, now: dt.datetime | None = None) -> bool:
        """Left behind: on this computer, its program no longer runs; on another
        (a draft on a network share), it has not been refreshed for STALE_AFTER.
        A process id is only meaningful on the computer that wrote it."""
        if same_host(self.host):
            return not process_alive(self.pid)
        now = now or dt.datetime.now(dt.UTC)
        return now - (self.heartbeat or self.since) > STALE_AFTER

    def is_this_process(self) -> bool:
        return same_host(self.host) and self.pid == os.getpid()

    def who(self) -> str:
        return self.name if self.name == self.login else f"{self.name} ({self.login})"

    def describe(self, file_name: str) -> str:
        local = self.since.astimezone()
        when = format_long_datetime(local)
        return (
            f"Kladden »{file_name}« er åben hos {self.who()} på computeren {self.host} "
            f"siden {when}."
        )


UNKNOWN_HOLDER = LockInfo(
    "ukendt", "en ukendt bruger", "ukendt", 0, dt.datetime.fromtimestamp(0, dt.UTC)
)


class DraftLocked(Exception):
    def __init__(self, info: LockInfo):
        super().__init__(info.describe("kladden"))
        self.info = info


class DraftLock:
    """The holder file of a draft open in the editor."""

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

    def refresh(self) -> bool:
        """Say again that the draft is still open here: the heartbeat by which a
        lock on a network share is judged from other computers. False when the
        lock is no longer ours, or the folder cannot be written just now."""
        if self.info is None or not self.still_ours():
            return False
        info = self.info.refreshed()
        try:
            atomic_write_bytes(self.path, info.to_json().encode("utf-8"))
        except OSError:
            return False  # a share that is away for a moment: the next beat tries again
        self.info = info
        return True

    @property
    def held(self) -> bool:
        return self.info is not None

    def still_ours(self) -> bool:
        return self.info is not None and self.read() == self.info


def open_elsewhere(draft: Path | str) -> LockInfo | None:
    """Who has the draft open in an editor other than this process, if anyone.

    A stale lock (its program no longer runs on this computer) does not count:
    it may be taken over."""
    holder = DraftLock(Path(draft)).read()
    if holder is None or holder.is_this_process() or holder.is_stale():
        return None
    return holder


# -- the guard ------------------------------------------------------------------------------------


class DraftBusy(Exception):
    """Another program kept the draft's guard longer than we waited."""

    def __init__(self, holder: LockInfo | None, waited: float):
        super().__init__("busy")
        self.holder = holder
        self.waited = waited

    def describe(self, file_name: str) -> str:
        if self.holder is None:
            who = "et andet program"
        else:
            local = self.holder.since.astimezone()
            who = (
                f"{self.holder.who()} på computeren {self.holder.host} (siden kl. {local:%H.%M.%S})"
            )
        return (
            f"Kladden »{file_name}« bliver gemt af {who} lige nu, og det blev ikke færdigt "
            f"inden for {self.waited:g} sekunder. Kladden er ikke ændret. Prøv igen om lidt."
        )


_held = threading.local()
"""Per thread: the guards it holds and how deeply."""


@contextlib.contextmanager
def draft_guard(draft: Path | str, *, wait: float | None = None) -> Iterator[None]:
    """Hold the draft's guard: other programs changing the same draft wait.

    Waits at most `wait` seconds (default WAIT_SECONDS), then raises
    DraftBusy naming the holder. Re-entrant within a thread, so a save inside
    a read–modify–write does not wait for itself. OSError when no lock file
    can be made beside the draft (a read-only folder).
    """
    path = guard_path(draft)
    depth = getattr(_held, "depth", None)
    if depth is None:
        depth = _held.depth = {}
    key = str(path)
    if key in depth:
        depth[key] += 1
        try:
            yield
        finally:
            depth[key] -= 1
        return
    guard = _Guard(path)
    guard.acquire(WAIT_SECONDS if wait is None else wait)
    depth[key] = 1
    try:
        yield
    finally:
        del depth[key]
        guard.release()


class _Guard:
    """One outermost hold of a guard file."""

    def __init__(self, path: Path):
        self.path = path
        self.locked: os.stat_result | None = None
        self.lock = filelock.FileLock(
            str(path), poll_interval=POLL_SECONDS, on_acquired=self._on_acquired
        )

    def _on_acquired(self, fd: int) -> None:
        self.locked = os.fstat(fd)
        # Byte 0 stays blank: Windows locks it, and a waiting reader skips it.
        data = b" " + LockInfo.mine().to_json().encode("utf-8")
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, data)

    def acquire(self, wait: float) -> None:
        deadline = time.monotonic() + wait
        while True:
            self.locked = None
            try:
                self.lock.acquire(timeout=max(0.0, deadline - time.monotonic()))
            except filelock.Timeout:
                raise DraftBusy(self._holder(), wait) from None
            if self._still_named():
                return
            # The previous holder removed this file just before we got it: the
            # lock now lives in a new file under the same name.
            self.lock.release()

    def release(self) -> None:
        # Removed while still held, so whoever opens the name afterwards makes
        # a new file; a waiter on the old one notices it is gone and reopens.
        # (On Windows filelock removes it after the release itself.)
        try:
            if removes_open_files() and self._still_named():
                with contextlib.suppress(OSError):
                    os.unlink(self.path)
        finally:
            self.lock.release()

    def _still_named(self) -> bool:
        try:
            current = os.stat(self.path, follow_symlinks=False)
        except OSError:
            return False
        return self.locked is not None and os.path.samestat(current, self.locked)

    def _holder(self) -> LockInfo | None:
        try:
            with open(self.path, "rb") as handle:
                handle.seek(1)
                return LockInfo.from_json(handle.read(4096).decode("utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            return None
