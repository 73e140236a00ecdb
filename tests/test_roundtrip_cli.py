"""The command line of the Word round trip (issue 13): import -o and --into,
--accept-all, check and export of a returned file, someone else's Word file."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from cli.main import main
from exporters.word import render_docx_bytes
from forms.draftfile import load_draft, save_draft
from forms.draftlock import LockInfo, lock_path
from tests.wordedit import WordDocument

HANS = "Hans Hansen"


@pytest.fixture
def base_docx(tmp_path, example):
    path = tmp_path / "udsendt.docx"
    path.write_bytes(render_docx_bytes(example))
    return path


def returned_copy(tmp_path, example, name="retur.docx", edit=None) -> str:
    doc = WordDocument(render_docx_bytes(example))
    doc.scatter(random.Random(7))
    if edit is None:
        doc.replace("har der", "havde der", author=HANS)
        doc.replace("Baggrund", "Baggrunden")
        doc.insert_paragraph_after("Programmet består af to", "Et helt nyt afsnit.", author=HANS)
        doc.comment("Projektbeskrivelse", "Kilde?", author="Karen", replies=[(HANS, "Tilføjet")])
    else:
        edit(doc)
    path = tmp_path / name
    path.write_bytes(doc.save())
    return str(path)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_writes_the_embedded_draft_with_the_changes_pending(tmp_path, example, capsys):
    source = returned_copy(tmp_path, example)
    target = tmp_path / "ny.aktstykke"
    code, out, _ = run(capsys, "import", source, "-o", target)
    assert code == 0
    assert "uden tab" not in out  # something differed: never claimed
    assert "litra b, afsnit 2: »har« → »havde« – Hans Hansen, 4. marts 2025" in out
    assert (
        "litra b, afsnit 1: »Baggrund« → »Baggrunden« – redigeret i Word (ukendt forfatter)" in out
    )
    assert "nyt afsnit: »Et helt nyt afsnit.«" in out
    assert "Karen om »Projektbeskrivelse«: Kilde? – 1 svar" in out
    draft = load_draft(target).draft
    assert draft.sections == example.sections  # unchanged until accepted
    assert len(draft.pending_changes) == 3
    assert {c.source for c in draft.pending_changes} == {"retur.docx"}
    assert [c.text for c in draft.comments] == ["Kilde?"]


def test_an_unchanged_export_still_reopens_without_loss(base_docx, tmp_path, example, capsys):
    code, out, _ = run(capsys, "import", base_docx, "-o", tmp_path / "ny.aktstykke")
    assert code == 0 and "uden tab" in out
    assert load_draft(tmp_path / "ny.aktstykke").draft.pending_changes == []


def test_import_accept_all_applies_the_changes(tmp_path, example, capsys):
    source = returned_copy(tmp_path, example)
    target = tmp_path / "ny.aktstykke"
    code, out, _ = run(capsys, "import", source, "-o", target, "--accept-all")
    assert code == 0 and "godkendt ved importen" in out
    draft = load_draft(target).draft
    assert draft.pending_changes == []
    texts = [getattr(b, "text", "") for b in draft.section("b").blocks]
    assert texts[0] == "Baggrunden" and "havde der" in texts[1] and "Et helt nyt afsnit." in texts


def test_into_merges_three_way_and_lists_conflicts_with_exit_1(tmp_path, example, capsys):
    source = returned_copy(tmp_path, example)
    mine = example.model_copy(deep=True)
    block = mine.section("b").blocks[1]
    block.text = block.text.replace("har der", "var der")  # changed since the export
    target = tmp_path / "min.aktstykke"
    save_draft(target, mine)
    code, out, _ = run(capsys, "import", source, "--into", target)
    assert code == 1
    assert "Konflikter (1)" in out and "kladden: »var«  Word-filen: »havde«" in out
    draft = load_draft(target).draft
    assert draft.section("b").blocks[1].text == block.text  # nothing applied
    assert len(draft.pending_changes) == 3 and sum(c.conflict for c in draft.pending_changes) == 1
    code, out, _ = run(capsys, "import", source, "--into", target, "--accept-all")
    assert code == 1  # the conflict still waits
    draft = load_draft(target).draft
    assert [c.conflict for c in draft.pending_changes] == [True]
    assert draft.section("b").blocks[0].text == "Baggrunden"
    assert "var der" in draft.section("b").blocks[1].text


def test_into_without_conflicts_exits_0(tmp_path, example, capsys):
    source = returned_copy(tmp_path, example)
    mine = example.model_copy(deep=True)
    mine.section("c").blocks[0].text += " Tilføjet efter eksporten."
    target = tmp_path / "min.aktstykke"
    save_draft(target, mine)
    code, _, _ = run(capsys, "import", source, "--into", target, "--accept-all")
    assert code == 0
    draft = load_draft(target).draft
    assert draft.section("c").blocks[0].text.endswith("Tilføjet efter eksporten.")
    assert draft.section("b").blocks[0].text == "Baggrunden"
    assert draft.pending_changes == []


def test_into_refuses_a_word_file_from_another_draft(tmp_path, example, capsys):
    source = returned_copy(tmp_path, example)
    other = example.model_copy(deep=True)
    other.metadata.created = other.metadata.created.replace(year=2020)
    target = tmp_path / "anden.aktstykke"
    save_draft(target, other)
    before = target.read_bytes()
    code, _, err = run(capsys, "import", source, "--into", target)
    assert code == 2 and "ikke eksporteret fra kladden »anden.aktstykke«" in err
    assert target.read_bytes() == before
    assert run(capsys, "import", source, "--into", target, "--force")[0] == 0


def test_into_refuses_a_draft_open_in_an_editor_elsewhere(tmp_path, example, capsys):
    source = returned_copy(tmp_path, example)
    target = tmp_path / "min.aktstykke"
    save_draft(target, example)
    other = LockInfo("pehl", "Peter Hansen", "fm-pc-0042", 4242, LockInfo.mine().since)
    lock_path(target).write_text(other.to_json(), "utf-8")
    before = target.read_bytes()
    code, _, err = run(capsys, "import", source, "--into", target)
    assert code == 2 and "Peter Hansen" in err
    assert target.read_bytes() == before


def test_into_needs_our_draft_inside_the_word_file(tmp_path, example, capsys):
    foreign = tmp_path / "fremmed.docx"
    foreign.write_bytes(_without_draft(render_docx_bytes(example)))
    target = tmp_path / "min.aktstykke"
    save_draft(target, example)
    code, _, err = run(capsys, "import", foreign, "--into", target)
    assert code == 2 and "indeholder ingen kladde fra Aktstykke" in err


def test_check_reads_what_the_file_shows_and_says_it_differs(tmp_path, example, capsys):
    def typed_error(doc):
        doc.replace("100,0 mio. kr. som en del", "100.0 mio kr som en del")

    source = returned_copy(tmp_path, example, edit=typed_error)
    code, out, _ = run(capsys, "check", source)
    assert "viser 1 ændring i forhold til kladden i filen" in out
    assert "100.0" in out  # the finding is about the text Word shows
    assert code == 1
    clean = tmp_path / "ren.docx"
    clean.write_bytes(render_docx_bytes(example))
    code, out, _ = run(capsys, "check", clean)
    assert "ændring" not in out


def test_export_of_a_changed_word_file_is_refused_not_dropped(tmp_path, example, capsys):
    source = returned_copy(tmp_path, example)
    code, _, err = run(capsys, "export", source, "-o", tmp_path / "ud.txt")
    assert code == 2 and "ændret i Word (3 ændringer" in err and "aktstykke import" in err
    assert not (tmp_path / "ud.txt").exists()


def _without_draft(data: bytes) -> bytes:
    """Someone else's Word file: our export without its embedded draft."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if not info.filename.startswith("customXml/"):
                target.writestr(info.filename, source.read(info.filename))
    return out.getvalue()


def test_someone_elses_word_file_is_imported_as_it_reads_with_changes_accepted(
    tmp_path, example, capsys
):
    doc = WordDocument(_without_draft(render_docx_bytes(example)))
    doc.replace("har der", "havde der", author=HANS)
    doc.delete_paragraph("Ændringer i de politiske", author="Karen")
    doc.comment("dedikeret pulje", "Beløb?", author="Karen")
    source = tmp_path / "fremmed.docx"
    source.write_bytes(doc.save())
    target = tmp_path / "ny.aktstykke"
    code, out, _ = run(capsys, "import", source, "-o", target)
    assert code == 0 and "(Word)" in out
    assert "godkendt ved importen" in out
    assert "»har« → »havde« (Hans Hansen, 4. marts 2025)" in out or "»har der« → »havde der«" in out
    assert "slettet: »Ændringer i de politiske" in out
    assert "Karen om »dedikeret pulje«: Beløb?" in out
    draft = load_draft(target).draft
    text = " ".join(getattr(b, "text", "") for s in draft.sections for b in s.blocks)
    assert "havde der" in text and "har der på" not in text
    assert "Ændringer i de politiske" not in text
    (comment,) = draft.comments
    assert comment.letter == "b" and comment.quote == "dedikeret pulje"


def test_new_from_previous_starts_from_what_the_returned_file_shows(tmp_path, example, capsys):
    source = returned_copy(tmp_path, example)
    target = tmp_path / "ny-sag.aktstykke"
    code, _, _ = run(capsys, "import", source, "-o", target, "--new-from-previous")
    assert code == 0
    draft = load_draft(target).draft
    assert draft.pending_changes == [] and draft.comments == []
    texts = [getattr(b, "text", "") for b in draft.section("b").blocks]
    assert "havde der" in texts[1] and "Et helt nyt afsnit." in texts
    assert draft.date is None


def test_pending_changes_from_word_block_the_final_export(tmp_path, example):
    """I-02: the final export waits until every change from Word is accepted or rejected."""
    from forms.checks import check_draft
    from forms.finalgate import final_export_blockers
    from forms.model import PendingChange
    from tests.helpers import sign_all

    sign_all(example)
    assert final_export_blockers(example) == []
    example.pending_changes = [
        PendingChange(
            id="c1",
            kind="edit",
            letter="a",
            block=0,
            start=0,
            end=3,
            old="Ude",
            new="ude",
            author="Karin",
        )
    ]
    [drafting] = [f for f in check_draft(example) if f.rule == "I-02"]
    assert drafting.severity.value == "warning" and "fra Karin" in drafting.message
    blockers = final_export_blockers(example)
    assert any(b.startswith("I-02") for b in blockers)
    example.pending_changes = []
    assert final_export_blockers(example) == []
