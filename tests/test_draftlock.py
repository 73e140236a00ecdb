"""The draft's lock without Qt: the guard around every change, who has a draft
open, the command line refusing a draft the editor holds, and symlinks."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from cli.commands import export as export_command
from cli.main import main
from forms import draftlock
from forms.atomic import atomic_write_bytes
from forms.draftfile import (
    DraftBusyError,
    DraftFileError,
    DraftInUse,
    load_draft,
    save_draft,
    update_draft,
)
from forms.draftlock import DraftLock, LockInfo, draft_guard, guard_path, lock_path
from tests.helpers import ROOT, shared_pki, sign

EXAMPLE = ROOT / "resources" / "examples" / "capacity-2024.aktstykke"

HOLD_GUARD = textwrap.dedent(
    """
    import sys, time
    from forms.draftlock import draft_guard
    with draft_guard(sys.argv[1]):
        print("held", flush=True)
        time.sleep(float(sys.argv[2]))
    """
)


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "kladde.aktstykke"
    shutil.copyfile(EXAMPLE, path)
    return path


def _hold_guard(path, seconds: float) -> subprocess.Popen:
    """Another process holding the draft's guard for `seconds`."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_GUARD, str(path), str(seconds)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    return holder


def _signoff(path, capsys, name="Mette Holm") -> tuple[int, str]:
    code = main(
        ["signoff", str(path), "--role", "Kontorchef", "--cert", str(shared_pki().p12(name))]
    )
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _live_pid() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# -- the guard ------------------------------------------------------------------------------------


def test_guard_is_reentrant_and_removed_afterwards(draft):
    with draft_guard(draft):
        assert guard_path(draft).exists()
        with draft_guard(draft):  # a save inside a read–modify–write
            pass
        assert guard_path(draft).exists()
        info = json.loads(guard_path(draft).read_bytes()[1:])
        assert info["pid"] == os.getpid() and info["host"] == socket.gethostname()
    assert not guard_path(draft).exists()


def test_guard_makes_another_thread_wait(draft):
    order = []

    def second():
        with draft_guard(draft):
            order.append("second")

    with draft_guard(draft):
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.2)
        order.append("first")
    thread.join(5)
    assert order == ["first", "second"]


def test_save_waits_for_another_process_that_is_changing_the_draft(draft):
    holder = _hold_guard(draft, 0.6)
    loaded = load_draft(draft)
    loaded.draft.minister = "Ny Minister"
    started = time.monotonic()
    save_draft(draft, loaded.draft, expected_hash=loaded.content_hash)
    assert time.monotonic() - started >= 0.3  # it waited for the other process
    holder.wait(5)
    assert load_draft(draft).draft.minister == "Ny Minister"
    assert not guard_path(draft).exists()


def test_a_change_that_does_not_finish_in_time_is_refused_naming_the_holder(
    draft, capsys, monkeypatch
):
    monkeypatch.setattr(draftlock, "WAIT_SECONDS", 0.3)
    before = draft.read_bytes()
    holder = _hold_guard(draft, 3)
    try:
        code, output = _signoff(draft, capsys)
    finally:
        holder.kill()
        holder.wait()
    assert code == 2
    _login, name = draftlock.current_user()
    assert "»kladde.aktstykke«" in output and "bliver gemt af" in output
    assert name in output and socket.gethostname() in output and "siden kl." in output
    assert "0.3 sekunder" in output and "ikke ændret" in output and "Traceback" not in output
    assert draft.read_bytes() == before


def test_busy_without_a_readable_holder_says_another_program(draft, monkeypatch):
    monkeypatch.setattr(draftlock, "WAIT_SECONDS", 0.2)
    holder = _hold_guard(draft, 3)
    try:
        guard_path(draft).write_bytes(b"x")  # what a holder wrote is unreadable
        with pytest.raises(DraftBusyError) as info:
            update_draft(draft, lambda d: None)
    finally:
        holder.kill()
        holder.wait()
    assert "bliver gemt af et andet program lige nu" in info.value.message


def test_a_guard_left_by_a_killed_process_does_not_block(draft):
    holder = _hold_guard(draft, 30)
    holder.kill()  # the operating system drops its lock; the file stays
    holder.wait()
    assert guard_path(draft).exists()
    started = time.monotonic()
    update_draft(draft, lambda d: setattr(d, "minister", "Ny Minister"))
    assert time.monotonic() - started < 2
    assert load_draft(draft).draft.minister == "Ny Minister"
    assert not guard_path(draft).exists()


def test_update_writes_nothing_when_the_change_fails(draft):
    before = draft.read_bytes()

    def fail(_draft):
        _draft.minister = "Ny"
        raise ValueError("nej")

    with pytest.raises(ValueError):
        update_draft(draft, fail)
    assert draft.read_bytes() == before
    assert sorted(p.name for p in draft.parent.iterdir()) == [draft.name]


def test_update_keeps_what_another_program_wrote_since(draft):
    other = load_draft(draft).draft
    other.minister = "Anden Minister"
    save_draft(draft, other)
    update_draft(draft, lambda d: sign(d, "Kontorchef", "Mette Holm"))
    final = load_draft(draft).draft
    assert final.minister == "Anden Minister" and final.signoffs[-1].name == "Mette Holm"


def test_saving_into_a_missing_folder_creates_nothing(tmp_path, example):
    target = tmp_path / "nej" / "kladde.aktstykke"
    with pytest.raises(DraftFileError) as info:
        save_draft(target, example)
    assert "findes ikke" in info.value.message
    assert not (tmp_path / "nej").exists()


# -- the holder file: the command line and a draft open in the editor ----------------------------------


def test_signoff_refuses_a_draft_open_in_an_editor_on_another_computer(draft, capsys):
    other = LockInfo("pehl", "Peter Hansen", "fm-pc-0042", 4242, LockInfo.mine().since)
    lock_path(draft).write_text(other.to_json(), "utf-8")
    before = draft.read_bytes()
    code, output = _signoff(draft, capsys)
    assert code == 2
    assert "Peter Hansen (pehl) på computeren fm-pc-0042 siden" in output
    assert "»kladde.aktstykke«" in output and "Luk kladden i editoren" in output
    assert draft.read_bytes() == before
    assert lock_path(draft).read_text("utf-8") == other.to_json()


def test_signoff_refuses_a_draft_open_in_a_live_editor_on_this_computer(draft, capsys):
    editor = _live_pid()
    try:
        holder = LockInfo(
            "anje", "Anna Jensen", socket.gethostname(), editor.pid, LockInfo.mine().since
        )
        lock_path(draft).write_text(holder.to_json(), "utf-8")
        before = draft.read_bytes()
        code, output = _signoff(draft, capsys)
    finally:
        editor.kill()
        editor.wait()
    assert code == 2 and "Anna Jensen (anje)" in output and socket.gethostname() in output
    assert draft.read_bytes() == before


def test_signoff_takes_over_a_stale_lock_of_a_dead_editor(draft, capsys):
    stale = LockInfo(
        "anje", "Anna Jensen", socket.gethostname(), _dead_pid(), LockInfo.mine().since
    )
    lock_path(draft).write_text(stale.to_json(), "utf-8")
    code, output = _signoff(draft, capsys)
    assert code == 0, output
    assert load_draft(draft).draft.signoffs[-1].name == "Mette Holm"


def test_signoff_refuses_an_unreadable_lock_file(draft, capsys):
    lock_path(draft).write_text("{ikke json", "utf-8")
    code, output = _signoff(draft, capsys)
    assert code == 2 and "en ukendt bruger" in output
    assert f"»{lock_path(draft).name}«" in output  # says which file to remove


def test_this_process_holding_the_lock_may_save(draft, example):
    lock = DraftLock(draft)
    lock.acquire()
    try:
        save_draft(draft, example)
    finally:
        lock.release()
    assert not lock_path(draft).exists()


def test_save_draft_refuses_when_someone_else_has_it_open(draft, example):
    other = LockInfo("pehl", "Peter Hansen", "fm-pc-0042", 4242, LockInfo.mine().since)
    lock_path(draft).write_text(other.to_json(), "utf-8")
    with pytest.raises(DraftInUse) as info:
        save_draft(draft, example, force=True)
    assert info.value.holder == other


def test_final_export_refuses_a_draft_open_in_the_editor(draft, tmp_path, capsys):
    other = LockInfo("pehl", "Peter Hansen", "fm-pc-0042", 4242, LockInfo.mine().since)
    lock_path(draft).write_text(other.to_json(), "utf-8")
    before = draft.read_bytes()
    out = tmp_path / "endelig.txt"
    code = main(["export", str(draft), "-o", str(out), "--final"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Peter Hansen (pehl) på computeren fm-pc-0042" in err
    assert not out.exists() and draft.read_bytes() == before


def test_final_export_keeps_a_signoff_made_while_it_exported(draft, tmp_path, capsys, monkeypatch):
    real_export = export_command.export_file

    def export_while_someone_signs(*args, **kwargs):
        report = real_export(*args, **kwargs)
        cert = str(shared_pki().p12("Bo Hansen"))
        assert main(["signoff", str(draft), "--role", "Kontorchef", "--cert", cert]) == 0
        return report

    monkeypatch.setattr(export_command, "export_file", export_while_someone_signs)
    out = tmp_path / "endelig.txt"
    assert main(["export", str(draft), "-o", str(out), "--final"]) == 0, capsys.readouterr().err
    final = load_draft(draft).draft
    assert final.signoffs[-1].name == "Bo Hansen"
    assert [e.action for e in final.audit[-2:]] == ["signoff", "final_export"]
    assert final.audit[-1].detail == "endelig.txt"
    # The export's entry was chained again onto the sign-off made meanwhile.
    from forms.audit import check_audit

    assert check_audit(final).intact, check_audit(final).problems


# -- symlinks -------------------------------------------------------------------------------------


@pytest.fixture
def linked(tmp_path, draft):
    """A symlink in another folder, made relative, to the draft."""
    folder = tmp_path / "genveje"
    folder.mkdir()
    link = folder / "genvej.aktstykke"
    link.symlink_to(os.path.relpath(draft, folder))
    return link


def test_atomic_write_through_a_symlink_replaces_the_target(tmp_path):
    target = tmp_path / "rigtig.txt"
    target.write_bytes(b"gammel")
    target.chmod(0o640)
    link = tmp_path / "genvej.txt"
    link.symlink_to(target.name)
    chain = tmp_path / "genvej2.txt"
    chain.symlink_to(link)
    atomic_write_bytes(chain, b"ny")
    assert chain.is_symlink() and link.is_symlink()
    assert os.readlink(chain) == str(link) and os.readlink(link) == target.name
    assert target.read_bytes() == b"ny" and target.stat().st_mode & 0o777 == 0o640


def test_save_draft_through_a_symlink_keeps_the_symlink(linked, draft):
    loaded = load_draft(linked)
    loaded.draft.minister = "Ny Minister"
    save_draft(linked, loaded.draft, expected_hash=loaded.content_hash, migrated_from=1)
    assert linked.is_symlink() and linked.resolve() == draft.resolve()
    assert load_draft(draft).draft.minister == "Ny Minister"
    assert (draft.parent / (draft.name + ".bak")).exists()  # the backup beside the real file
    assert sorted(p.name for p in linked.parent.iterdir()) == [linked.name]


def test_signoff_through_a_symlink_signs_the_target_and_shares_its_lock(linked, draft, capsys):
    code, output = _signoff(linked, capsys)
    assert code == 0, output
    assert linked.is_symlink()
    assert load_draft(draft).draft.signoffs[-1].name == "Mette Holm"
    # The editor holding the real file is seen through the symlink too.
    other = LockInfo("pehl", "Peter Hansen", "fm-pc-0042", 4242, LockInfo.mine().since)
    lock_path(draft).write_text(other.to_json(), "utf-8")
    assert lock_path(linked) == lock_path(draft)
    code, output = _signoff(linked, capsys, name="Bo Hansen")
    assert code == 2 and "Peter Hansen" in output
