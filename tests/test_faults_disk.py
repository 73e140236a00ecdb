"""Saving when the disk is full or read-only: a clear message, the old file intact.

Where the test runs as root and may mount, a real 64 KiB tmpfs is filled (and
remounted read-only); elsewhere a patched write raises the same OS error.
"""

import errno
import os
import subprocess
import uuid
from pathlib import Path

import pytest

from benchmarks.largedraft import large_draft
from forms import atomic
from forms.draftfile import DraftFileError, load_draft, save_draft


def _try_mount(folder: Path, options: str) -> bool:
    if os.name != "posix" or os.geteuid() != 0:
        return False
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    return result.returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    folder = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    folder.mkdir()
    mounted = _try_mount(folder, "size=64k")
    yield folder, mounted
    if mounted:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _assert_old_file_intact(path: Path, old: bytes):
    assert path.read_bytes() == old
    assert load_draft(path).draft.minister == "Lars Løkke Rasmussen"
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left


def test_disk_full_during_save(small_disk, example, monkeypatch):
    folder, mounted = small_disk
    path = folder / "kladde.aktstykke"
    save_draft(path, example)
    old = path.read_bytes()
    big = large_draft()  # about 1.2 MB: does not fit in 64 KiB
    big.minister = "Ny Minister"
    if not mounted:
        real_fsync = os.fsync

        def full(fd):
            real_fsync(fd)
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(DraftFileError) as info:
        save_draft(path, big)
    assert "ikke mere plads på drevet" in info.value.message
    assert "kladde.aktstykke" in info.value.message
    assert "uændret" in info.value.message
    _assert_old_file_intact(path, old)


def test_read_only_folder(tmp_path, example, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "kladde.aktstykke"
    save_draft(path, example)
    old = path.read_bytes()
    mounted = _try_mount(folder, "size=1m")
    try:
        if mounted:
            (folder / path.name).write_bytes(old)
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        elif os.geteuid() != 0:
            folder.chmod(0o555)
        else:

            def refuse(*args, **kwargs):
                raise PermissionError(errno.EACCES, "Permission denied")

            monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
        example.minister = "Ny Minister"
        with pytest.raises(DraftFileError) as info:
            save_draft(path, example)
        assert "kan ikke gemmes" in info.value.message
        assert "skrivebeskyttet" in info.value.message
        _assert_old_file_intact(path, old)
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        else:
            folder.chmod(0o755)
