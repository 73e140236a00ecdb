"""A returned file written by a real foreign program: LibreOffice opens our
export headless, edits it with change tracking on (a Basic macro,
tests/data/libreoffice/Module1.xba) and saves it as .docx; and LibreOffice
re-saves our comments and tracked changes in its own XML (issue 13).

The macro adds no comment itself: inserting an annotation through UNO crashes
LibreOffice 7.4 headless now and then (NoSuchElementException at exit), so the
comments LibreOffice writes are tested through its re-save of ours."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from exporters.pdf import soffice_path
from exporters.shown import shown_document
from exporters.word import render_docx_bytes
from forms.model import BudgetTable
from forms.roundtrip.returned import read_returned
from forms.roundtrip.review import accept_all
from tests.helpers import DATA

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(soffice_path() is None, reason="LibreOffice er ikke installeret"),
]
MACRO = DATA / "libreoffice" / "Module1.xba"
AUTHOR = "Libre Kollega"


def edit_in_libreoffice(tmp_path, source, target) -> None:
    profile = tmp_path / "lo-profil"
    soffice = soffice_path()
    environment = f"-env:UserInstallation={profile.as_uri()}"
    # A first start makes the profile; then the macro goes into its Standard library.
    subprocess.run(
        [soffice, "--headless", environment, "--terminate_after_init"],
        timeout=120,
        check=False,
        capture_output=True,
    )
    standard = profile / "user" / "basic" / "Standard"
    assert standard.is_dir(), "LibreOffice made no profile"
    shutil.copy(MACRO, standard / "Module1.xba")
    macro = f'macro:///Standard.Module1.Edit("{source}","{target}")'
    subprocess.run(
        [soffice, "--headless", environment, macro], timeout=120, check=False, capture_output=True
    )
    error = target.with_name(target.name + ".error")
    assert not error.exists(), error.read_text()
    assert target.exists(), "LibreOffice wrote no file"


def test_a_file_edited_with_tracking_in_libreoffice_comes_back(tmp_path, example):
    source = tmp_path / "udsendt.docx"
    source.write_bytes(render_docx_bytes(example))
    target = tmp_path / "retur-libreoffice.docx"
    edit_in_libreoffice(tmp_path, source, target)
    returned = read_returned(target.read_bytes(), target.name, shown_document)
    assert returned.base == example  # LibreOffice kept our draft part
    by_kind = {c.kind: c for c in returned.changes}
    assert set(by_kind) == {"edit", "insert_block", "delete_block", "set"}
    assert all(c.author == AUTHOR and c.date is not None for c in returned.changes)
    edit = by_kind["edit"]
    assert (edit.letter, edit.block, edit.old, edit.new) == ("b", 1, "har", "havde")
    assert [b.text for b in by_kind["insert_block"].blocks] == ["Et afsnit skrevet i LibreOffice."]
    assert by_kind["delete_block"].old.startswith("Ændringer i de politiske")
    cell = by_kind["set"]
    assert (cell.target, cell.row, cell.value) == ("cell:value:0", 0, "60.0")
    draft = accept_all(returned.as_draft()).draft
    texts = [getattr(b, "text", "") for b in draft.section("b").blocks]
    assert "havde der" in texts[1] and "Et afsnit skrevet i LibreOffice." in texts
    assert not any(t.startswith("Ændringer i de politiske") for t in texts)
    table = next(b for b in draft.section("b").blocks if isinstance(b, BudgetTable))
    assert str(table.rows[0].values[0]) == "60.0"


def test_libreoffice_reads_our_comments_and_tracked_changes_and_keeps_them(tmp_path, example):
    """Our Word comments (with a reply) and tracked changes, opened and
    saved again by LibreOffice: a real reader understood them, and they come back."""
    import datetime as dt

    from forms.model import CommentReply, Paragraph, ReviewComment

    text = example.section("b").blocks[1].text
    start = text.index("dedikeret pulje")
    example.signoffs = []
    example.comments = [
        ReviewComment(
            id="t",
            author="Karen Berg",
            date=dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
            text="Hvor stor er puljen?",
            letter="b",
            block=1,
            start=start,
            end=start + len("dedikeret pulje"),
            quote="dedikeret pulje",
            replies=[CommentReply(author="Hans Hansen", text="Se tabellen.")],
        )
    ]
    new = example.model_copy(deep=True)
    new.section("b").blocks[1].text = text.replace("har der", "havde der")
    new.section("b").blocks.insert(6, Paragraph(text="Et helt nyt afsnit."))
    source = tmp_path / "vores.docx"
    source.write_bytes(render_docx_bytes(new, changes_since=example, change_author="Aktstykke"))
    out = tmp_path / "ud"
    out.mkdir()
    profile = f"-env:UserInstallation={(tmp_path / 'lo-profil').as_uri()}"
    subprocess.run(
        [
            soffice_path(),
            "--headless",
            profile,
            "--convert-to",
            "docx",
            "--outdir",
            str(out),
            str(source),
        ],
        timeout=120,
        check=False,
        capture_output=True,
    )
    saved = out / "vores.docx"
    assert saved.exists(), "LibreOffice wrote no file"
    back = read_returned(saved.read_bytes(), saved.name, shown_document)
    assert back.base == new  # the draft part survived
    assert back.changes == []  # the text, changes accepted, is still what we sent
    first = next(c for c in back.comments if c.text == "Hvor stor er puljen?")
    assert first.author == "Karen Berg" and first.quote == "dedikeret pulje"
    # LibreOffice 7 keeps the reply but not the thread: it comes back as a comment
    # of its own, and merging it into the draft it came from adds no second thread.
    said = [c.text for c in back.comments] + [r.text for c in back.comments for r in c.replies]
    assert "Se tabellen." in said
    merged_draft, _ = back.merge_into(new)
    (thread,) = merged_draft.comments
    assert [r.text for r in thread.replies] == ["Se tabellen."]
    document = zipfile_text(saved, "word/document.xml")
    assert "<w:ins " in document and "<w:del " in document  # still tracked changes


def zipfile_text(path, member: str) -> str:
    import zipfile

    with zipfile.ZipFile(path) as package:
        return package.read(member).decode("utf-8")
