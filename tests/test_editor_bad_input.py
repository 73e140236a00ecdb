"""The editor's Open on every broken draft (a clear message, nothing written) and on
every extreme draft the loader accepts (it opens, every part renders, no crash)."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from forms.draftlock import lock_path
from tests.corpus import EXTREMES, embed_draft, exported_example_docx, write_extreme
from tests.helpers import DATA

pytestmark = pytest.mark.usefixtures("app_names")
BROKEN = sorted((DATA / "broken").iterdir())


@pytest.fixture(scope="module")
def exported_docx(tmp_path_factory):
    return exported_example_docx(tmp_path_factory.mktemp("word"))


@pytest.mark.parametrize("container", ["aktstykke", "docx"])
@pytest.mark.parametrize("original", BROKEN, ids=lambda p: p.name)
def test_open_refuses_a_broken_draft_with_the_forms_message(
    make_window, script, tmp_path, exported_docx, original, container
):
    if container == "docx":
        source = embed_draft(
            exported_docx, original.read_bytes(), tmp_path / f"{original.stem}.docx"
        )
    else:
        source = tmp_path / original.name
        shutil.copy(original, source)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    window = make_window()
    assert not window.open_path(source, ask_save=False)
    (title, message) = script.told("show_error")[0]
    assert title in ("Kladden kan ikke åbnes", "Word-filen kan ikke åbnes")
    assert f"»{source.name}«" in message
    message.encode("utf-8")  # a lone surrogate in the message could not be shown
    assert not script.told("error_dialog")  # no crash dialog
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    assert not lock_path(source).exists()


@pytest.mark.parametrize("name", sorted(EXTREMES))
def test_open_an_extreme_draft_renders_every_part(qtbot, make_window, script, tmp_path, name):
    source = write_extreme(name, tmp_path)
    window = make_window()
    assert window.open_path(source, ask_save=False)
    window.refresh_now()
    for part in window.forms:
        window.focus_part(part)
    qtbot.wait(50)  # the queued check and preview run
    assert not script.told("error_dialog") and not script.told("show_error")
    assert window.doc.draft.sections
