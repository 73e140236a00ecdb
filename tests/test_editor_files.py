"""The editor's files: lock, recovery after a crash, autosave, save conflicts,
Word files, export, recent files, and the crash dialog."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from desktop import errors, services
from desktop.app import offer_recovery
from desktop.session.recovery import RecoveryStore
from desktop.undo.edits import EditText
from forms.draftfile import load_draft
from forms.draftlock import DraftLock, LockInfo, lock_path
from tests.helpers import EXAMPLE, ROOT

pytestmark = pytest.mark.usefixtures("app_names")


def edit_litra_a(window, text: str = "Ændret. ") -> None:
    doc = window.doc
    old = doc.draft.section("a").blocks[0].text
    doc.undo_stack.push(EditText(doc, "a", 0, text + old, "skriv i litra a"))


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_lock_seen_from_a_second_window(make_window, draft_file, script):
    first = make_window()
    assert first.open_path(draft_file)
    holder = DraftLock(draft_file).read()
    assert holder is not None and holder.is_this_process()

    second = make_window()
    script.answer("ask_locked", "read_only")
    assert second.open_path(draft_file)
    (description, stale) = script.asked("ask_locked")[0]
    assert stale is False
    assert holder.name in description and socket.gethostname() in description
    assert "siden" in description and " kl. " in description
    assert second.doc.read_only and "skrivebeskyttet" in second.windowTitle()
    assert not second.act_save.isEnabled()
    assert not second.forms["a"].include.isEnabled()

    third = make_window()
    script.answer("ask_locked", "copy")
    assert third.open_path(draft_file)
    assert third.doc.path is None and third.isWindowModified()
    assert "kopi" in third.windowTitle()

    fourth = make_window()
    script.answer("ask_locked", "cancel")
    assert not fourth.open_path(draft_file)
    assert fourth.doc.path is None

    # Closing the first window removes its lock; the read-only one held none.
    second._closing = True
    second.close()
    assert lock_path(draft_file).exists()
    first.close()
    assert not lock_path(draft_file).exists()


def test_stale_lock_is_recognised_and_can_be_taken_over(make_window, draft_file, script):
    stale = LockInfo("anje", "Anna Jensen", socket.gethostname(), dead_pid(), LockInfo.mine().since)
    lock_path(draft_file).write_text(stale.to_json(), "utf-8")
    window = make_window()
    script.answer("ask_locked", "override")
    assert window.open_path(draft_file)
    description, is_stale = script.asked("ask_locked")[0]
    assert is_stale is True and "Anna Jensen (anje)" in description
    assert not window.doc.read_only
    assert DraftLock(draft_file).read().is_this_process()


def test_lock_from_another_computer_names_the_holder(make_window, draft_file, script):
    other = LockInfo("pehl", "Peter Hansen", "fm-pc-0042", 4242, LockInfo.mine().since)
    lock_path(draft_file).write_text(other.to_json(), "utf-8")
    window = make_window()
    script.answer("ask_locked", "read_only")
    assert window.open_path(draft_file)
    description, is_stale = script.asked("ask_locked")[0]
    assert not is_stale
    assert "Peter Hansen (pehl) på computeren fm-pc-0042" in description
    window.close()
    assert lock_path(draft_file).read_text("utf-8") == other.to_json()


CRASHING_EDITOR = textwrap.dedent(
    """
    import os, signal, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from desktop.app import configure_application, recovery_store
    from desktop.undo.edits import EditText
    from desktop.window.mainwindow import MainWindow
    configure_application(app)
    window = MainWindow(recovery=recovery_store())
    window.show()
    assert window.open_path(sys.argv[1], ask_save=False)
    doc = window.doc
    doc.undo_stack.push(EditText(doc, "a", 0, "Gendan mig. " + doc.draft.section("a").blocks[0].text, "skriv"))
    window.autosave()
    print(recovery_store().folder, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_recovery_after_a_crash(make_window, draft_file, script, tmp_path):
    before = draft_file.read_bytes()
    child = subprocess.run(
        [sys.executable, "-c", CRASHING_EDITOR, str(draft_file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode == -9, child.stderr
    folder = child.stdout.strip().splitlines()[-1]
    assert draft_file.read_bytes() == before  # the user's own file is never autosaved over
    store = RecoveryStore(folder)
    assert [e.source for e in store.orphans()] == [draft_file]

    window = make_window(recovery=store)
    windows = [window]
    script.answer("ask_recover", "recover")
    offer_recovery(window, windows)
    assert "capacity.aktstykke" in script.asked("ask_recover")[0][0]
    assert window.doc.draft.section("a").blocks[0].text.startswith("Gendan mig. ")
    assert window.doc.path == draft_file and window.isWindowModified()
    assert "gendannet" in window.windowTitle()
    assert DraftLock(draft_file).read().is_this_process()  # the crashed editor's lock was stale
    assert store.orphans() == []
    window.act_save.trigger()
    assert load_draft(draft_file).draft.section("a").blocks[0].text.startswith("Gendan mig. ")


def test_autosave_writes_recovery_file_only_when_modified(window, draft_file):
    assert window.autosave_timer.interval() == 30_000
    before = draft_file.read_bytes()
    assert window.autosave() is None
    edit_litra_a(window)
    path = window.autosave()
    assert path is not None and path.parent == window.recovery.folder
    assert "Ændret. " in path.read_text("utf-8")
    meta = json.loads(path.with_suffix(".json").read_text("utf-8"))
    assert meta["source"] == str(draft_file) and meta["pid"] == os.getpid()
    assert draft_file.read_bytes() == before
    window.act_save.trigger()
    assert not path.exists()


def test_crash_writes_recovery_first_then_shows_details(window, script):
    edit_litra_a(window, "Efter fejl. ")
    try:
        raise ValueError("noget gik galt")
    except ValueError as exc:
        errors.handle_exception(type(exc), exc, exc.__traceback__)
    (summary, details) = script.told("error_dialog")[0]
    assert "ValueError: noget gik galt" in summary and "gendannelsesfil" in summary
    assert "Traceback" in details and "noget gik galt" in details
    recovery = window.recovery.entries()
    assert len(recovery) == 1
    assert "Efter fejl. " in recovery[0].draft_file.read_text("utf-8")


def test_error_dialog_copies_details(qtbot):
    dialog = errors.ErrorDialog("Der opstod en fejl.", "Traceback: detaljer")
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == "Traceback: detaljer"
    assert dialog.copy_button.text() == "Kopieret"


def test_save_refuses_when_the_file_changed_on_disk(window, draft_file, script):
    edit_litra_a(window)
    draft_file.write_text(draft_file.read_text("utf-8").replace("Lars", "Lasse"), "utf-8")
    theirs = draft_file.read_bytes()
    script.answer("ask_changed_on_disk", "cancel")
    assert not window.save()
    assert draft_file.read_bytes() == theirs
    assert "ændret af et andet program" in script.asked("ask_changed_on_disk")[0][0]
    script.answer("ask_changed_on_disk", "overwrite")
    assert window.save()
    assert load_draft(draft_file).draft.minister == "Lars Løkke Rasmussen"


def test_a_file_that_cannot_be_opened_shows_the_forms_message(make_window, tmp_path, script):
    broken = tmp_path / "broken.aktstykke"
    broken.write_text('{"ministry": "x"', "utf-8")
    window = make_window()
    assert not window.open_path(broken)
    title, message = script.told("show_error")[0]
    assert title == "Kladden kan ikke åbnes"
    assert "»broken.aktstykke«" in message and "beskadiget" in message
    assert not lock_path(broken).exists()


def test_recent_files_drop_missing_ones(window, draft_file, tmp_path):
    other = tmp_path / "andet.aktstykke"
    shutil.copyfile(draft_file, other)
    assert window.open_path(other)
    assert window.settings.recent_files()[:2] == [other, draft_file]
    other.unlink()
    window._fill_recent()
    texts = [a.text() for a in window.recent_menu.actions()]
    assert texts == ["&1 capacity.aktstykke"]


def test_save_as_moves_the_lock(window, draft_file, tmp_path, script):
    target = tmp_path / "ny.aktstykke"
    script.answer("choose_save_path", target)
    assert window.save_as()
    assert window.doc.path == target and target.exists()
    assert not lock_path(draft_file).exists() and lock_path(target).exists()
    assert window.windowTitle().startswith("ny.aktstykke")


def test_bundled_example_opens_as_an_untitled_copy(make_window, script, tmp_path):
    window = make_window()
    assert window.open_path(EXAMPLE)
    assert window.doc.path is None and "eksempel" in window.windowTitle()
    assert not lock_path(EXAMPLE).exists()
    script.answer("choose_save_path", tmp_path / "mit.aktstykke")
    assert window.save()
    assert (tmp_path / "mit.aktstykke").exists()


def test_export_word_open_exported_and_reopen_docx(window, tmp_path, script, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    target = tmp_path / "aktstykke.docx"
    script.answer("choose_export_path", target)
    assert not window.act_open_export.isEnabled()
    window.act_export_word.trigger()
    assert target.exists()
    assert window.act_open_export.isEnabled()
    window.act_open_export.trigger()
    assert opened[0].toLocalFile() == str(target)

    again = type(window)(settings=window.settings, recovery=window.recovery)
    try:
        assert again.open_path(target)
        assert again.doc.draft.model_dump(exclude={"metadata"}) == window.doc.draft.model_dump(
            exclude={"metadata"}
        )
        assert "fra Word" in again.windowTitle() and again.doc.path is None
        assert again.doc.suggested_name == "aktstykke.aktstykke"
    finally:
        again._closing = True
        again.close()
        again.deleteLater()


def test_word_file_without_draft_shows_the_message(window, tmp_path, script):
    plain = tmp_path / "almindelig.docx"
    import docx

    document = docx.Document()
    document.add_paragraph("Bare tekst")
    document.save(plain)
    assert not window.open_path(plain)
    _title, message = script.told("show_error")[0]
    assert "indeholder ingen kladde" in message


@pytest.mark.slow
@pytest.mark.skipif(not services.pdf_available(), reason="LibreOffice er ikke installeret")
def test_export_pdf_in_the_background(qtbot, window, tmp_path, script):
    target = tmp_path / "aktstykke.pdf"
    script.answer("choose_export_path", target)
    assert window.exports.export_pdf()
    qtbot.waitUntil(lambda: window.exports.last_export == target, timeout=120_000)
    assert target.read_bytes().startswith(b"%PDF")


def test_export_with_a_ministry_template_names_the_fallback_styles(window, tmp_path, script):
    template = ROOT / "tests" / "data" / "templates" / "ministerium.docx"
    target = tmp_path / "med-skabelon.docx"
    script.answer("choose_template", template)
    script.answer("choose_export_path", target)
    window.act_export_template.trigger()
    assert target.exists()
    assert window.settings.word_template == template  # remembered for the next export
    _title, message = script.told("show_info")[0]
    assert "ministerium.docx" in message and "Aktstykke Fortsat" in message
    assert "skabelonen »ministerium.docx«" in window.statusBar().currentMessage()


def test_unusable_template_is_refused_with_the_exporters_message(window, tmp_path, script):
    bad = tmp_path / "ikke-word.docx"
    bad.write_text("ikke en Word-fil", "utf-8")
    script.answer("choose_template", bad)
    script.answer("choose_export_path", tmp_path / "x.docx")
    window.act_export_template.trigger()
    title, message = script.told("show_error")[0]
    assert title == "Eksport mislykkedes" and "ikke-word.docx" in message
    assert not (tmp_path / "x.docx").exists()
