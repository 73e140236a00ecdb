"""Marking up a paragraph the Word renderer drew: tracked insertions and
deletions (w:ins, w:del) and comment ranges, at character positions of its text.

Positions count the characters the paragraph shows: each character of a w:t,
a tab (w:tab) or a line break (w:br) is one; deleted text (w:delText) is not
shown and not counted, so several markups can be laid over one paragraph.
"""

from __future__ import annotations

import copy
import datetime as dt

from lxml import etree

from exporters.wordxml import BR, PPR, RPR, TAB, XML_SPACE, P, R, T, w
from forms.roundtrip.textdiff import Opcode

INS, DEL = w("ins"), w("del")


class Revisions:
    """Numbers tracked changes and gives them author and date."""

    def __init__(self, author: str, moment: dt.datetime, first_id: int = 1):
        self.author = author or "Aktstykke"
        self.date = moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = first_id

    def element(self, tag: str) -> etree._Element:
        element = etree.Element(tag)
        element.set(w("id"), str(self.next_id))
        element.set(w("author"), self.author)
        element.set(w("date"), self.date)
        self.next_id += 1
        return element


def _length(child: etree._Element) -> int:
    if child.tag == T:
        return len(child.text or "")
    return 1 if child.tag in (TAB, BR) else 0


def _content(run: etree._Element) -> list[etree._Element]:
    return [c for c in run if c.tag != RPR]


def shown_runs(p: etree._Element) -> list[etree._Element]:
    """The paragraph's runs that show text, in order (inside w:ins too, not w:del)."""
    out = []
    for child in p:
        if child.tag == R:
            out.append(child)
        elif child.tag == INS:
            out.extend(c for c in child if c.tag == R)
    return out


def split_at(p: etree._Element, offset: int) -> etree._Element | None:
    """Make a run start at character `offset`; returns that run (None: the end)."""
    position = 0
    for run in shown_runs(p):
        content = _content(run)
        for index, child in enumerate(content):
            size = _length(child)
            if position == offset and size:
                if index == 0:
                    return run
                return _split_run(run, content, index, None)
            if child.tag == T and position < offset < position + size:
                return _split_run(run, content, index, offset - position)
            position += size
    return None


def _split_run(
    run: etree._Element, content: list[etree._Element], index: int, cut: int | None
) -> etree._Element:
    new_run = etree.Element(R)
    properties = run.find(RPR)
    if properties is not None:
        new_run.append(copy.deepcopy(properties))
    moving = content[index:]
    if cut is not None:
        t = content[index]
        tail = etree.SubElement(new_run, T)
        text = t.text or ""
        tail.text = text[cut:]
        t.text = text[:cut]
        _preserve(t)
        _preserve(tail)
        moving = content[index + 1 :]
    for child in moving:
        new_run.append(child)
    run.addnext(new_run)
    return new_run


def runs_between(p: etree._Element, start: int, end: int) -> list[etree._Element]:
    if end <= start:
        return []
    first = split_at(p, start)
    last = split_at(p, end)
    runs = shown_runs(p)
    begin = runs.index(first) if first is not None else len(runs)
    stop = runs.index(last) if last is not None else len(runs)
    return runs[begin:stop]


def _preserve(t: etree._Element) -> None:
    text = t.text or ""
    if text[:1].isspace() or text[-1:].isspace() or "  " in text:
        t.set(XML_SPACE, "preserve")


# -- tracked changes ------------------------------------------------------------------------


def track_changes(p: etree._Element, opcodes: list[Opcode], old: str, revisions: Revisions) -> None:
    """Lay the differences between `old` and the paragraph's text (opcodes of
    forms.roundtrip.textdiff: a_ in old, b_ in the paragraph) over the paragraph:
    new text wrapped in w:ins, old text put back in w:del before it."""
    for tag, a0, a1, b0, b1 in reversed(opcodes):
        if tag != "change":
            continue
        anchor = split_at(p, b0)
        runs = runs_between(p, b0, b1)
        inserted = None
        if runs:
            inserted = revisions.element(INS)
            runs[0].addprevious(inserted)
            for run in runs:
                inserted.append(run)
        if a1 > a0:
            deleted = revisions.element(DEL)
            deleted.append(_deleted_run(old[a0:a1], _properties_near(p, anchor)))
            if inserted is not None:
                inserted.addprevious(deleted)
            elif anchor is not None:
                _outermost(p, anchor).addprevious(deleted)
            else:
                p.append(deleted)


def insert_whole(p: etree._Element, revisions: Revisions) -> None:
    """The paragraph is new: its text and its paragraph mark are insertions."""
    runs = [c for c in p if c.tag == R]
    if runs:
        inserted = revisions.element(INS)
        runs[0].addprevious(inserted)
        for run in runs:
            inserted.append(run)
    _mark(p, revisions.element(INS))


def deleted_paragraph(p: etree._Element, text: str, revisions: Revisions) -> etree._Element:
    """`p` (an empty paragraph in the right style) holding `text` as a tracked deletion."""
    for run in [c for c in p if c.tag == R]:
        p.remove(run)
    if text:
        deleted = revisions.element(DEL)
        deleted.append(_deleted_run(text, None))
        p.append(deleted)
    _mark(p, revisions.element(DEL))
    return p


def _mark(p: etree._Element, revision: etree._Element) -> None:
    properties = p.find(PPR)
    if properties is None:
        properties = etree.Element(PPR)
        p.insert(0, properties)
    mark = properties.find(RPR)
    if mark is None:
        mark = etree.SubElement(properties, RPR)
    mark.append(revision)


def _deleted_run(text: str, properties: etree._Element | None) -> etree._Element:
    run = etree.Element(R)
    if properties is not None:
        run.append(copy.deepcopy(properties))
    for number, line in enumerate(text.split("\n")):
        if number:
            etree.SubElement(run, BR)
        for part_number, part in enumerate(line.split("\t")):
            if part_number:
                etree.SubElement(run, TAB)
            if part:
                t = etree.SubElement(run, w("delText"))
                t.text = part
                if part[:1].isspace() or part[-1:].isspace():
                    t.set(XML_SPACE, "preserve")
    return run


def _properties_near(p: etree._Element, anchor: etree._Element | None) -> etree._Element | None:
    runs = shown_runs(p)
    run = anchor if anchor is not None else (runs[-1] if runs else None)
    return run.find(RPR) if run is not None else None


def _outermost(p: etree._Element, run: etree._Element) -> etree._Element:
    """The child of the paragraph holding `run` (the run, or a w:ins around it)."""
    parent = run.getparent()
    while parent is not None and parent is not p:
        run, parent = parent, parent.getparent()
    return run


# -- comments -------------------------------------------------------------------------------


def mark_comment(p: etree._Element, start: int, end: int, ids: list[int]) -> None:
    """A comment range over characters start:end (a point when equal), with one
    start, end and reference per comment of the thread (the first and its replies)."""
    first = split_at(p, start)
    last = split_at(p, end) if end > start else first
    for identifier in ids:
        marker = _marker("commentRangeStart", identifier)
        if first is not None:
            _outermost(p, first).addprevious(marker)
        else:
            p.append(marker)
    after = _outermost(p, last) if last is not None else None
    for identifier in ids:
        elements = [_marker("commentRangeEnd", identifier), _reference(identifier)]
        for element in elements:
            if after is not None:
                after.addprevious(element)
            else:
                p.append(element)


def _marker(name: str, identifier: int) -> etree._Element:
    element = etree.Element(w(name))
    element.set(w("id"), str(identifier))
    return element


def _reference(identifier: int) -> etree._Element:
    run = etree.Element(R)
    etree.SubElement(run, w("commentReference")).set(w("id"), str(identifier))
    return run


def paragraphs_of(element: etree._Element) -> list[etree._Element]:
    return [element] if element.tag == P else list(element.iter(P))
