"""The ministry workstation (issue 17): the template IT sets for everyone, the lock's
heartbeat on a network share, the log file named in Hjælp → Om, recovery under a
path with Danish letters and spaces."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import docx
import pytest

from forms.draftlock import lock_path
from tests.helpers import EXAMPLE, ROOT

pytestmark = pytest.mark.usefixtures("app_names")

TEMPLATES = ROOT / "tests" / "data" / "templates"


def _ministry_template():
    return next(p for p in sorted(TEMPLATES.iterdir()) if p.suffix in (".docx", ".dotx"))


def _export(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "cli.main", "export", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
    )


def test_the_template_it_set_for_everyone_is_used_by_the_command_line(tmp_path, monkeypatch):
    template = _ministry_template()
    monkeypatch.setenv("AKTSTYKKE_TEMPLATE", str(template))
    import os

    plain = _export(
        EXAMPLE, "-o", tmp_path / "egen.docx", env={**os.environ, "AKTSTYKKE_TEMPLATE": ""}
    )
    with_it = _export(EXAMPLE, "-o", tmp_path / "ministeriets.docx")
    assert plain.returncode == 0 and with_it.returncode == 0, with_it.stderr
    ours = {s.name for s in docx.Document(str(tmp_path / "egen.docx")).styles}
    theirs = {s.name for s in docx.Document(str(tmp_path / "ministeriets.docx")).styles}
    assert theirs != ours  # the ministry's own styles came along


def test_a_template_that_does_not_exist_is_said_and_ours_used(tmp_path, monkeypatch):
    monkeypatch.setenv("AKTSTYKKE_TEMPLATE", str(tmp_path / "væk.dotx"))
    result = _export(EXAMPLE, "-o", tmp_path / "ud.docx")
    assert result.returncode == 0, result.stderr
    assert "Ministeriets skabelon (miljøvariablen AKTSTYKKE_TEMPLATE)" in result.stderr
    assert "væk.dotx« findes ikke" in result.stderr
    # Plain text has no template: nothing to say.
    quiet = _export(EXAMPLE, "-o", tmp_path / "ud.txt")
    assert quiet.returncode == 0 and "skabelon" not in quiet.stderr


def test_the_editor_uses_it_when_the_author_chose_none(tmp_path, monkeypatch):
    from desktop.session.settings import Settings
    from desktop.testing import settings_in

    settings = Settings(settings_in(tmp_path))
    assert settings.word_template is None
    template = _ministry_template()
    monkeypatch.setenv("AKTSTYKKE_TEMPLATE", str(template))
    assert settings.word_template == template
    own = tmp_path / "min.dotx"
    shutil.copyfile(template, own)
    settings.word_template = own
    assert settings.word_template == own  # the author's own choice wins


def test_the_editor_refreshes_its_lock(window, draft_file):
    first = json.loads(lock_path(draft_file).read_text("utf-8"))
    window.files.lock.info = window.files.lock.info.__class__(
        **{
            **window.files.lock.info.__dict__,
            "heartbeat": window.files.lock.info.since.replace(year=2000),
        }
    )
    window.files.refresh_lock()
    second = json.loads(lock_path(draft_file).read_text("utf-8"))
    assert second["since"] == first["since"]
    assert second["heartbeat"] > "2001"
    assert window.files.heartbeat_timer.isActive()


def test_about_names_the_log_file(window, script):
    window.menus.show_about()
    [(title, text)] = script.told("show_info")
    assert title == "Om Aktstykke"
    assert "Logfil" in text and "aktstykke.log" in text


def test_recovery_under_danish_letters_and_spaces(make_window, tmp_path, script):
    from desktop.session.recovery import RecoveryStore

    folder = tmp_path / "Økonomi- og Løn" / "Æble kladder"
    folder.mkdir(parents=True)
    path = folder / "Tilskud på 100,0 mio. kr. – ændret.aktstykke"
    shutil.copyfile(EXAMPLE, path)
    store = RecoveryStore(tmp_path / "Gendannelse æøå")
    window = make_window(recovery=store)
    assert window.open_path(path)
    window.doc.draft.minister = "Søren Ærø"
    window.doc.mark_dirty()
    assert window.files.write_recovery() is not None
    [entry] = store.entries()
    assert entry.source == path
    assert "Tilskud på 100,0 mio. kr. – ændret" in entry.describe()
    assert store.load(entry).minister == "Søren Ærø"
