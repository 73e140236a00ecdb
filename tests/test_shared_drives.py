"""Drafts on ministry workstations: network shares, Danish letters and spaces in
paths, a lock left by another computer (issue 17 point 3)."""

from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys

import pytest

from forms import draftlock
from forms.draftfile import load_draft, save_draft
from forms.draftlock import STALE_AFTER, DraftLock, LockInfo, lock_path, open_elsewhere, same_host
from tests.helpers import ROOT

NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)


def _other_computer(heartbeat: dt.datetime | None, since: dt.datetime | None = None) -> LockInfo:
    return LockInfo(
        "pehl", "Peter Hansen", "fm-pc-0042", 4242, since or NOW - dt.timedelta(days=2), heartbeat
    )


def test_a_lock_from_another_computer_is_never_judged_by_its_process_id(monkeypatch):
    def no_process_checks(pid):
        raise AssertionError("asked about a process on another computer")

    monkeypatch.setattr(draftlock, "process_alive", no_process_checks)
    assert not _other_computer(NOW - dt.timedelta(minutes=4)).is_stale(NOW)
    assert _other_computer(NOW - STALE_AFTER - dt.timedelta(seconds=1)).is_stale(NOW)


def test_an_old_lock_without_heartbeat_is_judged_by_when_it_was_taken():
    assert _other_computer(None, since=NOW - dt.timedelta(hours=3)).is_stale(NOW)
    assert not _other_computer(None, since=NOW - dt.timedelta(minutes=3)).is_stale(NOW)


def test_this_computer_is_recognised_whatever_the_case_and_domain():
    host = socket.gethostname()
    assert same_host(host.upper())
    assert same_host(f"{host}.fm.local")
    assert not same_host(f"ikke-{host}")


def test_a_lock_of_this_computer_is_judged_by_its_process(monkeypatch):
    here = socket.gethostname().upper()
    dead = LockInfo("x", "X", here, 999_999_999, NOW, NOW)
    assert dead.is_stale(NOW)
    alive = LockInfo("x", "X", here, __import__("os").getpid(), NOW - dt.timedelta(days=5), None)
    assert not alive.is_stale(NOW)


def test_the_editor_refreshes_its_lock_and_stays_the_holder(tmp_path):
    draft = tmp_path / "kladde.aktstykke"
    draft.write_text("{}", "utf-8")
    lock = DraftLock(draft)
    lock.acquire()
    first = json.loads(lock.path.read_text("utf-8"))
    assert lock.refresh()
    second = json.loads(lock.path.read_text("utf-8"))
    assert second["heartbeat"] >= first["heartbeat"]
    assert second["since"] == first["since"] and second["pid"] == first["pid"]
    assert lock.still_ours()
    # Taken over by someone else: the refresh says so and writes nothing.
    lock.path.write_text(_other_computer(NOW).to_json(), "utf-8")
    assert not lock.refresh()
    assert json.loads(lock.path.read_text("utf-8"))["host"] == "fm-pc-0042"


def test_a_lock_written_before_heartbeats_still_reads(tmp_path):
    draft = tmp_path / "kladde.aktstykke"
    old = {
        "login": "pehl",
        "name": "Peter Hansen",
        "host": "fm-pc-0042",
        "pid": 1,
        "since": "2026-12-01T08:00:00+00:00",
    }
    lock_path(draft).write_text(json.dumps(old), "utf-8")
    holder = DraftLock(draft).read()
    assert holder.heartbeat is None and holder.name == "Peter Hansen"
    # A day old and from another computer: stale, so the command line may write.
    assert open_elsewhere(draft) is None


def test_a_fresh_lock_from_another_computer_blocks_the_command_line(tmp_path, example):
    draft = tmp_path / "kladde.aktstykke"
    save_draft(draft, example)
    recent = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=2)
    lock_path(draft).write_text(_other_computer(recent).to_json(), "utf-8")
    holder = open_elsewhere(draft)
    assert holder is not None and holder.host == "fm-pc-0042"


DANISH = "Økonomi- og Løn-kontoret/Æblehaven 2025 – kladde (ny) æøå"


@pytest.fixture
def danish_draft(tmp_path, example):
    path = tmp_path / DANISH / "Tilskud til IOM på 100,0 mio. kr.aktstykke"
    path = path.with_name("Tilskud til IOM på 100,0 mio. kr..aktstykke")
    path.parent.mkdir(parents=True)
    save_draft(path, example)
    return path


def test_danish_letters_and_spaces_through_save_load_and_lock(danish_draft):
    loaded = load_draft(danish_draft)
    assert loaded.draft.ministry == "Udenrigsministeriet"
    lock = DraftLock(danish_draft)
    lock.acquire()
    assert lock.path.name == f".~lock.{danish_draft.name}#"
    assert lock.read().pid == lock.info.pid
    lock.release()
    assert not lock.path.exists()
    save_draft(danish_draft, loaded.draft, expected_hash=loaded.content_hash)


def test_danish_letters_and_spaces_through_the_command_line(danish_draft):
    out = danish_draft.with_name("Til underskrift – æøå.docx")
    run = subprocess.run(
        [sys.executable, "-m", "cli.main", "export", str(danish_draft), "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert run.returncode == 0, run.stderr
    assert out.stat().st_size > 0
    check = subprocess.run(
        [sys.executable, "-m", "cli.main", "check", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert check.returncode in (0, 1), check.stderr
    assert "Traceback" not in check.stderr
