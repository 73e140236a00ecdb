"""A returned Word file damaged in every way a program or a person can: the
reader never raises anything but SourceError, and never invents a change
when only Word's bookkeeping moved (issue 13)."""

from __future__ import annotations

import io
import random
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from exporters.shown import shown_document
from exporters.word import render_docx_bytes
from forms.importing import SourceError
from forms.roundtrip.returned import read_returned
from forms.roundtrip.review import accept_all
from forms.templates import load_example
from tests.wordedit import WordDocument, w

EXPORT = render_docx_bytes(load_example())
KINDS = ["ins", "del", "moveFrom", "moveTo"]


def _mutated(seed: int, steps: int) -> bytes:
    """Random surgery on document.xml: elements removed, duplicated or moved,
    runs wrapped in revisions of any kind, revision marks on paragraphs,
    comment marks without comments, text changed."""
    rng = random.Random(seed)
    doc = WordDocument(EXPORT)
    elements = [e for e in doc.body.iter() if e is not doc.body]
    for _ in range(steps):
        if not elements:
            break
        element = rng.choice(elements)
        parent = element.getparent()
        action = rng.randrange(7)
        if parent is None:
            continue
        if action == 0:
            parent.remove(element)
        elif action == 1:
            element.addnext(etree.fromstring(etree.tostring(element)))
        elif action == 2 and element.tag == w("r"):
            wrapper = etree.Element(w(rng.choice(KINDS)))
            wrapper.set(w("author"), rng.choice(["A", "B", ""]))
            wrapper.set(w("date"), rng.choice(["2025-01-01T00:00:00Z", "ikke en dato", ""]))
            element.addprevious(wrapper)
            wrapper.append(element)
        elif action == 3 and element.tag == w("p"):
            ppr = element.find(w("pPr"))
            if ppr is None:
                ppr = etree.SubElement(element, w("pPr"))
            rpr = etree.SubElement(ppr, w("rPr"))
            etree.SubElement(rpr, w(rng.choice(KINDS)))
        elif action == 4:
            mark = etree.Element(w(rng.choice(["commentRangeStart", "commentRangeEnd"])))
            mark.set(w("id"), str(rng.randrange(5)))
            element.addprevious(mark)
        elif action == 5 and element.tag == w("t"):
            element.text = (element.text or "")[: rng.randrange(10)] + rng.choice(
                ["", "x", " 1.0 "]
            )
        elif action == 6:
            target = rng.choice(elements)
            if target is not element and element not in target.iterancestors():
                target.addnext(element)
    return doc.save()


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10**9), st.integers(1, 25))
def test_a_damaged_returned_file_raises_only_source_error(seed, steps):
    data = _mutated(seed, steps)
    try:
        returned = read_returned(data, "skadet.docx", shown_document)
    except SourceError:
        return
    draft = returned.as_draft()
    accept_all(draft)  # whatever was found can be decided on without a crash


@settings(max_examples=60, deadline=None)
@given(
    st.binary(min_size=0, max_size=400),
    st.sampled_from(
        ["word/document.xml", "word/comments.xml", "word/commentsExtended.xml", "word/styles.xml"]
    ),
)
def test_garbage_parts_are_refused_in_danish(payload, member):
    source = zipfile.ZipFile(io.BytesIO(EXPORT))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(
                info.filename, payload if info.filename == member else source.read(info)
            )
        if member not in source.namelist():
            target.writestr(member, payload)
    try:
        read_returned(out.getvalue(), "skrald.docx", shown_document)
    except SourceError as exc:
        assert "skrald.docx" in exc.message
