"""The export side of the Word round trip (issue 13): review comments written
back out as Word comments, surviving two rounds; "Eksportér med ændringer"
as native tracked changes since a chosen version."""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from decimal import Decimal

from docx import Document
from lxml import etree

from cli.main import main
from exporters.shown import shown_document
from exporters.word import render_docx_bytes
from forms.draftfile import load_draft, save_draft
from forms.model import CommentReply, Paragraph, ReviewComment
from forms.roundtrip.returned import read_returned
from forms.roundtrip.review import accept_all
from tests.roundtrip_helpers import returned_showing, shown
from tests.wordedit import W14_NS, W15_NS, WordDocument, w

KAREN, HANS = "Karen Berg", "Hans Hansen"


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def thread(example) -> ReviewComment:
    text = example.section("b").blocks[1].text
    start = text.index("dedikeret pulje")
    return ReviewComment(
        id="t1",
        author=KAREN,
        initials="KB",
        date=dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC),
        text="Hvor stor er puljen?",
        letter="b",
        block=1,
        start=start,
        end=start + len("dedikeret pulje"),
        quote="dedikeret pulje",
        replies=[
            CommentReply(
                author=HANS, date=dt.datetime(2025, 3, 2, tzinfo=dt.UTC), text="Se tabellen."
            )
        ],
    )


def test_kept_comments_are_written_out_as_word_comments_with_replies(example):
    example.comments = [thread(example)]
    data = render_docx_bytes(example)
    files = parts(data)
    comments = etree.fromstring(files["word/comments.xml"])
    found = [(c.get(w("author")), "".join(c.itertext())) for c in comments.iter(w("comment"))]
    assert found == [(KAREN, "Hvor stor er puljen?"), (HANS, "Se tabellen.")]
    extended = etree.fromstring(files["word/commentsExtended.xml"])
    entries = list(extended.iter(f"{{{W15_NS}}}commentEx"))
    assert entries[1].get(f"{{{W15_NS}}}paraIdParent") == entries[0].get(f"{{{W15_NS}}}paraId")
    document = files["word/document.xml"].decode()
    start = document.index('<w:commentRangeStart w:id="0"/>')
    end = document.index('<w:commentRangeEnd w:id="0"/>')
    between = etree.fromstring(files["word/document.xml"])
    assert start < end
    assert "dedikeret pulje" in "".join(
        t.text for t in between.iter(w("t")) if t.text
    )  # the text is all still there
    Document(io.BytesIO(data))  # python-docx opens it
    back = read_returned(data, "eksport.docx", shown_document)
    assert back.changes == []
    (read,) = back.comments
    assert read.quote == "dedikeret pulje" and read.start == example.comments[0].start
    assert [r.text for r in read.replies] == ["Se tabellen."]


def test_a_final_export_carries_no_review_comments(example):
    example.comments = [thread(example)]
    from exporters.word import render_docx

    data, _ = render_docx(example, final=True)
    assert "word/comments.xml" not in parts(data)


def _reply_in_word(data: bytes, author: str, text: str, *, resolve: bool) -> bytes:
    """A colleague answers the first comment thread in Word (and may resolve it)."""
    doc = WordDocument(data)
    comments = etree.fromstring(doc.files["word/comments.xml"])
    extended = etree.fromstring(doc.files["word/commentsExtended.xml"])
    existing = list(comments.iter(w("comment")))
    new_id = str(len(existing))
    para_id = f"{0x20000000 + len(existing):08X}"
    comment = etree.SubElement(comments, w("comment"))
    comment.set(w("id"), new_id)
    comment.set(w("author"), author)
    comment.set(w("date"), "2025-03-05T08:00:00Z")
    p = etree.SubElement(comment, w("p"))
    p.set(f"{{{W14_NS}}}paraId", para_id)
    etree.SubElement(etree.SubElement(p, w("r")), w("t")).text = text
    entries = list(extended.iter(f"{{{W15_NS}}}commentEx"))
    root_para = entries[0].get(f"{{{W15_NS}}}paraId")
    entry = etree.SubElement(extended, f"{{{W15_NS}}}commentEx")
    entry.set(f"{{{W15_NS}}}paraId", para_id)
    entry.set(f"{{{W15_NS}}}paraIdParent", root_para)
    entry.set(f"{{{W15_NS}}}done", "0")
    if resolve:
        entries[0].set(f"{{{W15_NS}}}done", "1")
    start = doc.root.find(f".//{w('commentRangeStart')}[@{w('id')}='0']")
    end = doc.root.find(f".//{w('commentRangeEnd')}[@{w('id')}='0']")
    for anchor, tag in ((start, "commentRangeStart"), (end, "commentRangeEnd")):
        marker = etree.Element(w(tag))
        marker.set(w("id"), new_id)
        anchor.addnext(marker)
    doc.files["word/comments.xml"] = etree.tostring(comments)
    doc.files["word/commentsExtended.xml"] = etree.tostring(extended)
    return doc.save()


def test_a_discussion_survives_two_rounds_of_circulation(tmp_path, example, capsys):
    # Round 1: a colleague comments in Word; the file comes back into the draft.
    doc = WordDocument(render_docx_bytes(example))
    doc.scatter(random.Random(3))
    doc.comment("dedikeret pulje", "Hvor stor er puljen?", author=KAREN)
    first = read_returned(doc.save(), "runde1.docx", shown_document)
    draft = first.as_draft()
    assert [c.text for c in draft.comments] == ["Hvor stor er puljen?"]
    path = tmp_path / "kladde.aktstykke"
    save_draft(path, draft)
    # The author answers in the editor, exports again: the comment goes out with it.
    draft = load_draft(path).draft
    draft.comments[0].replies.append(CommentReply(author=HANS, text="100,0 mio. kr., se tabellen."))
    save_draft(path, draft)
    second = tmp_path / "runde2.docx"
    assert main(["export", str(path), "-o", str(second)]) == 0
    # Round 2: Karen answers and resolves the thread in Word.
    answered = _reply_in_word(second.read_bytes(), KAREN, "Tak, det er fint.", resolve=True)
    (tmp_path / "retur2.docx").write_bytes(answered)
    capsys.readouterr()
    assert main(["import", str(tmp_path / "retur2.docx"), "--into", str(path)]) == 0
    (kept,) = load_draft(path).draft.comments  # one thread, not a copy of it
    assert kept.author == KAREN and kept.resolved
    assert [(r.author, r.text) for r in kept.replies] == [
        (HANS, "100,0 mio. kr., se tabellen."),
        (KAREN, "Tak, det er fint."),
    ]
    assert "1 opdaterede" in capsys.readouterr().out
    third = render_docx_bytes(load_draft(path).draft)
    texts = [
        "".join(c.itertext())
        for c in etree.fromstring(parts(third)["word/comments.xml"]).iter(w("comment"))
    ]
    assert texts == ["Hvor stor er puljen?", "100,0 mio. kr., se tabellen.", "Tak, det er fint."]


def test_a_comment_whose_text_was_deleted_is_kept_at_its_litra(example):
    comment = thread(example)
    example.comments = [comment]
    del example.section("b").blocks[1]
    data = render_docx_bytes(example)
    (read,) = read_returned(data, "x.docx", shown_document).comments
    assert read.text == comment.text and read.letter == "b"


def _edited(example):
    new = example.model_copy(deep=True)
    b = new.section("b")
    b.blocks[1].text = b.blocks[1].text.replace("har der", "havde der")
    b.blocks[10].rows[0].values[0] = Decimal("60.0")
    del b.blocks[13]
    b.blocks.insert(6, Paragraph(text="Et helt nyt afsnit."))
    new.minister = "Lars Løkke"
    return new


def test_export_with_changes_shows_them_as_tracked_changes(example):
    example.signoffs = []  # litra f's sentence then reads the same in both versions
    new = _edited(example)
    data = render_docx_bytes(new, changes_since=example, change_author=KAREN)
    # What the file shows, changes accepted, is the new version: nothing against its draft.
    assert read_returned(data, "med-ændringer.docx", shown_document).changes == []
    # Against the old version every change is a tracked one, by the author.
    against_old = read_returned(returned_showing_tracked(data, example), "x.docx", shown_document)
    kinds = sorted(c.kind for c in against_old.changes)
    assert kinds.count("edit") >= 1 and "insert_block" in kinds and "delete_block" in kinds
    assert all(c.author == KAREN for c in against_old.changes)
    assert {"cell:value:0", "field:minister"} <= {c.target for c in against_old.changes}
    accepted = accept_all(against_old.as_draft()).draft
    assert shown(accepted) == shown(new)


def returned_showing_tracked(data: bytes, embedded) -> bytes:
    """The tracked-changes export carrying the old version's draft instead."""
    return _swap_draft(data, render_docx_bytes(embedded))


def _swap_draft(data: bytes, other: bytes) -> bytes:
    visible, carried = parts(data), parts(other)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, payload in visible.items():
            target.writestr(name, carried[name] if name.startswith("customXml/item") else payload)
    return out.getvalue()


def test_export_changes_since_on_the_command_line(tmp_path, example, capsys):
    old = tmp_path / "udsendt.docx"
    old.write_bytes(render_docx_bytes(example))
    draft = tmp_path / "kladde.aktstykke"
    save_draft(draft, _edited(example))
    out = tmp_path / "med-ændringer.docx"
    assert (
        main(["export", str(draft), "-o", str(out), "--changes-since", str(old), "--author", HANS])
        == 0
    )
    assert "registrerede ændringer af Hans Hansen" in capsys.readouterr().out
    document = parts(out.read_bytes())["word/document.xml"].decode()
    assert 'w:author="Hans Hansen"' in document and "<w:delText" in document
    assert (
        main(["export", str(draft), "-o", str(tmp_path / "u.txt"), "--changes-since", str(old)])
        == 2
    )


def test_no_change_since_the_version_gives_no_tracked_change(example):
    data = render_docx_bytes(example, changes_since=example.model_copy(deep=True))
    assert b"w:ins " not in parts(data)["word/document.xml"]
    assert returned_showing(example, example)  # the helper itself works on equal drafts


def test_the_preview_comparison_marks_what_the_tracked_export_shows(example):
    from exporters.htmlchanges import compare_html

    example.signoffs = []
    new = _edited(example)
    html = compare_html(example, new)
    inserted = "text-decoration: underline;'>"
    deleted = "text-decoration: line-through;'>"
    assert f"{inserted}Et helt nyt afsnit.</span>" in html
    assert f"{deleted}har</span>" in html and f"{inserted}havde</span>" in html
    assert f"{deleted}Ændringer i de politiske" in html  # the deleted paragraph, struck through
    assert f"{deleted}50,0</span>" in html and f"{inserted}60,0</span>" in html
    assert f"{deleted} Rasmussen</span>" in html
    assert "\ue000" not in html and "\ue002" not in html
    assert compare_html(example, example).count(deleted) == 0
