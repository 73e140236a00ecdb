"""The editor's file on the real file system: the lock it shares with the
command line, saving through a symlink, and a draft moved or renamed while open."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from desktop.undo.edits import EditText
from forms import draftlock
from forms.draftfile import load_draft
from forms.draftlock import DraftLock, LockInfo, guard_path, lock_path
from tests.helpers import ROOT, shared_pki, sign

HOLD_GUARD = (
    "import sys, time\n"
    "from forms.draftlock import draft_guard\n"
    "with draft_guard(sys.argv[1]):\n"
    "    print('held', flush=True)\n"
    "    time.sleep(30)\n"
)

pytestmark = pytest.mark.usefixtures("app_names")


def edit_litra_a(window, text: str = "Ændret. ") -> None:
    doc = window.doc
    old = doc.draft.section("a").blocks[0].text
    doc.undo_stack.push(EditText(doc, "a", 0, text + old, "skriv i litra a"))


def run_cli(*args) -> subprocess.CompletedProcess:
    """The real command line in its own process (the editor's lock names this one)."""
    return subprocess.run(
        [sys.executable, "-m", "cli.main", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


# -- the lock shared with the command line ---------------------------------------------------------


def test_command_line_refuses_a_draft_the_editor_holds_and_names_the_holder(window, draft_file):
    before = draft_file.read_bytes()
    holder = DraftLock(draft_file).read()
    assert holder is not None and holder.is_this_process()
    result = run_cli(
        "signoff", draft_file, "--role", "Kontorchef", "--cert", str(shared_pki().p12("Mette Holm"))
    )
    assert result.returncode == 2, result.stdout + result.stderr
    err = result.stderr
    assert "aktstykke signoff: fejl: Kladden »capacity.aktstykke« er åben hos" in err
    assert holder.name in err and f"på computeren {socket.gethostname()} siden" in err
    assert " kl. " in err and "Luk kladden i editoren" in err and "Traceback" not in err
    assert draft_file.read_bytes() == before

    # Closed in the editor, the same command goes through.
    window._closing = True
    window.close()
    assert not lock_path(draft_file).exists()
    result = run_cli(
        "signoff", draft_file, "--role", "Kontorchef", "--cert", str(shared_pki().p12("Mette Holm"))
    )
    assert result.returncode == 0, result.stderr
    assert load_draft(draft_file).draft.signoffs[-1].name == "Mette Holm"


def test_editor_save_leaves_no_guard_behind(window, draft_file):
    edit_litra_a(window)
    assert window.save()
    assert not guard_path(draft_file).exists()
    assert sorted(p.name for p in draft_file.parent.iterdir() if p.name.startswith(".~")) == [
        lock_path(draft_file).name
    ]


def test_opening_rereads_a_change_the_command_line_finished_meanwhile(
    make_window, draft_file, monkeypatch
):
    """A sign-off written between the editor's load and its lock is not lost."""
    real_acquire = DraftLock.acquire

    def acquire_while_a_signoff_lands(self, *, force=False):
        from forms.draftfile import update_draft

        update_draft(self.draft, lambda d: sign(d, "Kontorchef", "Bo Hansen"))
        real_acquire(self, force=force)

    monkeypatch.setattr(DraftLock, "acquire", acquire_while_a_signoff_lands)
    window = make_window()
    assert window.open_path(draft_file)
    assert window.doc.draft.signoffs[-1].name == "Bo Hansen"
    monkeypatch.setattr(DraftLock, "acquire", real_acquire)
    edit_litra_a(window)
    assert window.save()  # no "changed on disk" question: the editor has the latest
    assert load_draft(draft_file).draft.signoffs[-1].name == "Bo Hansen"


def test_editor_save_refused_when_another_editor_took_the_draft_over(window, draft_file, script):
    other = LockInfo("pehl", "Peter Hansen", "fm-pc-0042", 4242, LockInfo.mine().since)
    lock_path(draft_file).write_text(other.to_json(), "utf-8")  # "Overtag låsen" elsewhere
    before = draft_file.read_bytes()
    edit_litra_a(window)
    assert not window.save()
    title, message = script.told("show_error")[0]
    assert title == "Kladden kan ikke gemmes"
    assert "Peter Hansen (pehl) på computeren fm-pc-0042" in message
    assert draft_file.read_bytes() == before and window.isWindowModified()


def test_editor_save_waits_then_names_a_program_that_keeps_the_draft_busy(
    window, draft_file, script, monkeypatch
):
    monkeypatch.setattr(draftlock, "WAIT_SECONDS", 0.3)
    before = draft_file.read_bytes()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_GUARD, str(draft_file)], cwd=ROOT, stdout=subprocess.PIPE
    )
    try:
        assert holder.stdout.readline().strip() == b"held"
        edit_litra_a(window)
        assert not window.save()
    finally:
        holder.kill()
        holder.wait()
    title, message = script.told("show_error")[0]
    assert title == "Kladden kan ikke gemmes" and "bliver gemt af" in message
    assert socket.gethostname() in message and "Prøv igen om lidt" in message
    assert draft_file.read_bytes() == before
    assert window.save()  # the other program is gone: saving works again


# -- symlinks ----------------------------------------------------------------------------------------


def test_saving_through_a_symlink_writes_the_target_and_keeps_the_symlink(
    make_window, draft_file, tmp_path, script
):
    folder = tmp_path / "genveje"
    folder.mkdir()
    link = folder / "genvej.aktstykke"
    link.symlink_to(os.path.relpath(draft_file, folder))
    window = make_window()
    assert window.open_path(link)
    assert lock_path(draft_file).exists()  # the lock sits beside the real file
    edit_litra_a(window, "Gennem genvejen. ")
    assert window.save()
    assert link.is_symlink() and link.resolve() == draft_file.resolve()
    text = load_draft(draft_file).draft.section("a").blocks[0].text
    assert text.startswith("Gennem genvejen. ")
    assert sorted(p.name for p in folder.iterdir()) == [link.name]
    # A second save (the first one replaced the real file) still goes through the link.
    edit_litra_a(window, "Igen. ")
    assert window.save()
    assert link.is_symlink()
    assert load_draft(draft_file).draft.section("a").blocks[0].text.startswith("Igen. ")
    # The command line on the real file sees the editor that opened the symlink.
    result = run_cli(
        "signoff", draft_file, "--role", "Kontorchef", "--cert", str(shared_pki().p12("Mette Holm"))
    )
    assert result.returncode == 2 and "er åben hos" in result.stderr


# -- moved, renamed or deleted while open ---------------------------------------------------------


def test_a_draft_renamed_while_open_is_not_recreated_under_its_old_name(window, draft_file, script):
    edit_litra_a(window, "Mit arbejde. ")
    renamed = draft_file.with_name("omdøbt.aktstykke")
    os.rename(draft_file, renamed)
    theirs = renamed.read_bytes()

    script.answer("ask_moved", "cancel")
    assert not window.save()
    (message,) = script.asked("ask_moved")[0]
    assert "»capacity.aktstykke« findes ikke længere" in message
    assert "omdøbt til »omdøbt.aktstykke«" in message and "Gem som" in message
    assert not draft_file.exists() and renamed.read_bytes() == theirs
    assert window.isWindowModified()  # the work is still there, unsaved
    assert window.disk_label.isVisible() and "flyttet" in window.disk_label.text()

    # "Gem som …" suggests the file under its new name and saves there.
    script.answer("ask_moved", "save_as")
    script.answer("choose_save_path", renamed)
    assert window.save()
    suggestion = script.asked("choose_save_path")[0][0]
    assert suggestion == str(renamed)
    assert not draft_file.exists()
    assert window.doc.path == renamed
    assert load_draft(renamed).draft.section("a").blocks[0].text.startswith("Mit arbejde. ")
    assert lock_path(renamed).exists() and not lock_path(draft_file).exists()
    assert not window.isWindowModified()


def test_a_renamed_draft_changed_since_is_not_overwritten_without_asking(
    window, draft_file, script
):
    edit_litra_a(window)
    renamed = draft_file.with_name("omdøbt.aktstykke")
    os.rename(draft_file, renamed)
    changed = renamed.read_text("utf-8").replace("Lars", "Lasse")
    with open(renamed, "w", encoding="utf-8") as handle:  # same file, new content
        handle.write(changed)
    script.answer("ask_moved", "save_as")
    script.answer("choose_save_path", renamed)
    script.answer("ask_changed_on_disk", "cancel")
    assert not window.save()
    assert renamed.read_text("utf-8") == changed
    assert not draft_file.exists()


def test_a_draft_moved_to_another_folder_or_deleted_offers_save_as(
    window, draft_file, tmp_path, script
):
    edit_litra_a(window, "Mit arbejde. ")
    elsewhere = tmp_path / "andet"
    elsewhere.mkdir()
    os.rename(draft_file, elsewhere / draft_file.name)
    target = tmp_path / "nyt sted.aktstykke"
    script.answer("ask_moved", "save_as")
    script.answer("choose_save_path", target)
    assert window.save()
    (message,) = script.asked("ask_moved")[0]
    assert "flyttet, omdøbt eller slettet" in message and "omdøbt til" not in message
    assert script.asked("choose_save_path")[0][0] == str(draft_file)
    assert not draft_file.exists()
    assert load_draft(target).draft.section("a").blocks[0].text.startswith("Mit arbejde. ")


def test_choosing_the_old_name_in_save_as_recreates_it_on_purpose(window, draft_file, script):
    edit_litra_a(window, "Mit arbejde. ")
    draft_file.unlink()
    script.answer("ask_moved", "save_as")
    script.answer("choose_save_path", draft_file)
    assert window.save()
    assert load_draft(draft_file).draft.section("a").blocks[0].text.startswith("Mit arbejde. ")
    assert DraftLock(draft_file).read().is_this_process()


def test_closing_a_window_whose_draft_was_moved_asks_first(window, draft_file, script):
    edit_litra_a(window)
    draft_file.unlink()
    script.answer("ask_unsaved", "save")
    script.answer("ask_moved", "cancel")
    window.close()
    assert window.isVisible()  # not closed: the work would be lost
    assert not draft_file.exists()


def test_the_status_bar_says_when_the_file_is_gone(qtbot, window, draft_file):
    draft_file.unlink()
    qtbot.waitUntil(lambda: window.disk_label.isVisible(), timeout=5000)
    assert window.disk_label.text() == "Filen er flyttet, omdøbt eller slettet"
