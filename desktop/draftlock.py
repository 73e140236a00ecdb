"""The draft lock lives in forms.draftlock (Qt-free, shared with the command line)."""

from forms.draftlock import (  # noqa: F401 - re-exported for the editor and its tests
    UNKNOWN_HOLDER,
    DraftBusy,
    DraftLock,
    DraftLocked,
    LockInfo,
    current_user,
    draft_guard,
    guard_path,
    lock_path,
    open_elsewhere,
    process_alive,
)
