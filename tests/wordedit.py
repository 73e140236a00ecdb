"""Editing our exported .docx the way Word writes its XML, for round-trip tests.

Word never keeps our tidy one-run paragraphs: it splits runs wherever an edit,
a spell check or a save session fell (each run with w:rsid* attributes),
scatters w:proofErr and bookmarks between them, and writes tracked changes as
w:ins / w:del (w:delText) / w:moveFrom / w:moveTo with author and date.
`WordDocument` does the same to a package in memory:

    doc = WordDocument(data)
    doc.scatter(random.Random(1))                 # runs split, rsids, proofErr, bookmarks
    doc.replace("har der", "havde der", author="Hans Hansen")   # tracked
    doc.replace("IOM", "FN's IOM")                               # typed without tracking
    doc.comment("Baggrund", "Kilde?", author="Kontorchef", replies=[("Hans", "Fundet")])
    data = doc.save()
"""

from __future__ import annotations

import io
import random
import zipfile

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
XML_NS = "http://www.w3.org/XML/1998/namespace"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
DATE = "2025-03-04T09:30:00Z"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


class WordDocument:
    def __init__(self, data: bytes):
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.files = {i.filename: self.zip.read(i) for i in self.zip.infolist()}
        self.root = etree.fromstring(self.files["word/document.xml"])
        self.body = self.root.find(w("body"))
        self.next_id = 100
        self.comments: list[dict] = []

    # -- saving ---------------------------------------------------------------------

    def save(self) -> bytes:
        self.files["word/document.xml"] = etree.tostring(
            self.root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        if self.comments:
            self._write_comments()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name, payload in self.files.items():
                target.writestr(name, payload)
        return out.getvalue()

    def _id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    # -- finding text -----------------------------------------------------------------

    def paragraphs(self):
        return list(self.body.iter(w("p")))

    def paragraph_text(self, p) -> str:
        return "".join(t.text or "" for t in p.iter(w("t")))

    def find(self, text: str, occurrence: int = 0):
        """The paragraph holding `text` (in its w:t texts) and the offset; a space in
        `text` also finds the no-break space the export puts in amounts (same length)."""
        seen = 0
        for p in self.paragraphs():
            full = self.paragraph_text(p).replace("\u00a0", " ")
            at = full.find(text.replace("\u00a0", " "))
            if at >= 0:
                if seen == occurrence:
                    return p, at
                seen += 1
        raise AssertionError(f"text not found: {text!r}")

    def _split_at(self, p, offset: int):
        """Split the run holding character `offset` of the paragraph so a run starts
        there; returns the element before which that position lies (None: the end)."""
        position = 0
        for t in list(p.iter(w("t"))):
            text = t.text or ""
            if position <= offset < position + len(text):
                run = t.getparent()
                cut = offset - position
                content = [c for c in run if c.tag != w("rPr")]
                if cut == 0 and content and content[0] is t:
                    return run
                new_run = etree.Element(w("r"))
                rpr = run.find(w("rPr"))
                if rpr is not None:
                    new_run.append(_copy(rpr))
                following = content[content.index(t) + 1 :]
                if cut:
                    new_t = etree.SubElement(new_run, w("t"))
                    new_t.text = text[cut:]
                    t.text = text[:cut]
                    _preserve(t)
                    _preserve(new_t)
                else:
                    new_run.append(t)
                for element in following:
                    new_run.append(element)
                run.addnext(new_run)
                return new_run
            position += len(text)
        if position == offset:
            return None
        raise AssertionError("offset beyond the paragraph")

    def _runs_between(self, p, start: int, end: int):
        first = self._split_at(p, start)
        last = self._split_at(p, end)
        runs = []
        element = first
        while element is not None and element is not last:
            runs.append(element)
            element = element.getnext()
        return runs

    # -- the way Word splits and decorates runs ----------------------------------------

    def scatter(self, rng: random.Random) -> None:
        """Split runs at arbitrary points, add w:rsid* attributes, w:proofErr and
        bookmarks between runs, xml:space on texts."""
        for p in self.paragraphs():
            p.set(w("rsidR"), f"00{rng.randrange(16**6):06X}")
            p.set(w("rsidRDefault"), f"00{rng.randrange(16**6):06X}")
            text = self.paragraph_text(p)
            cuts = sorted({rng.randrange(1, len(text)) for _ in range(3)}) if len(text) > 3 else []
            for cut in reversed(cuts):
                self._split_at(p, cut)
            for run in list(p.iter(w("r"))):
                run.set(w("rsidR"), f"00{rng.randrange(16**6):06X}")
                choice = rng.random()
                if choice < 0.2:
                    error = etree.Element(w("proofErr"))
                    error.set(w("type"), rng.choice(["spellStart", "spellEnd", "gramStart"]))
                    run.addprevious(error)
                elif choice < 0.3:
                    name = f"_Ref{rng.randrange(10**8)}"
                    identifier = self._id()
                    start = etree.Element(w("bookmarkStart"))
                    start.set(w("id"), identifier)
                    start.set(w("name"), name)
                    end = etree.Element(w("bookmarkEnd"))
                    end.set(w("id"), identifier)
                    run.addprevious(start)
                    run.addnext(end)
            for t in p.iter(w("t")):
                _preserve(t)

    # -- edits --------------------------------------------------------------------------

    def replace(self, old: str, new: str, *, author: str | None = None, occurrence: int = 0):
        """Replace `old` by `new` in the paragraph holding it: typed (author None) or
        as a tracked deletion and insertion."""
        p, at = self.find(old, occurrence)
        runs = self._runs_between(p, at, at + len(old)) if old else []
        anchor = self._split_at(p, at) if not old else None
        if author is None:
            if runs:
                first_t = runs[0].find(w("t"))
                first_t.text = new
                _preserve(first_t)
                for run in runs[1:]:
                    run.getparent().remove(run)
            else:
                run = _run(new)
                _place(p, anchor, run)
            return
        insertion = None
        if new:
            insertion = self._revision("ins", author)
            insertion.append(_run(new))
        if runs:
            deletion = self._revision("del", author)
            runs[0].addprevious(deletion)
            for run in runs:
                for t in run.findall(w("t")):
                    t.tag = w("delText")
                deletion.append(run)
            if insertion is not None:
                deletion.addnext(insertion)
        elif insertion is not None:
            _place(p, anchor, insertion)

    def insert_paragraph_after(self, anchor_text: str, text: str, *, author: str | None = None):
        """A new paragraph after the one holding `anchor_text` (Enter at its end).
        Tracked as Word does: the anchor paragraph's mark is the inserted one."""
        p, _ = self.find(anchor_text)
        new_p = etree.Element(w("p"))
        ppr = p.find(w("pPr"))
        if ppr is not None:
            new_p.append(_copy(ppr))
        if author is None:
            new_p.append(_run(text))
        else:
            insertion = self._revision("ins", author)
            insertion.append(_run(text))
            new_p.append(insertion)
            mark_rpr = _ensure(_ensure(p, "pPr", first=True), "rPr")
            mark_rpr.append(self._revision("ins", author))
        p.addnext(new_p)
        return new_p

    def delete_paragraph(self, text: str, *, author: str | None = None):
        p, _ = self.find(text)
        if author is None:
            p.getparent().remove(p)
            return
        deletion = self._revision("del", author)
        for run in list(p.findall(w("r"))):
            for t in run.findall(w("t")):
                t.tag = w("delText")
            deletion.append(run)
        p.append(deletion)
        _ensure(_ensure(p, "pPr", first=True), "rPr").append(self._revision("del", author))

    def move_paragraph_after(self, text: str, anchor_text: str, *, author: str):
        """Cut the paragraph holding `text` and paste it after `anchor_text`, with
        change tracking on: Word writes a moveFrom and a moveTo range around the
        whole paragraphs, their marks moved with them."""
        source, _ = self.find(text)
        target, _ = self.find(anchor_text)
        name = f"move{self._id()}"
        moved = etree.Element(w("p"))
        ppr = source.find(w("pPr"))
        if ppr is not None:
            moved.append(_copy(ppr))
        move_to = self._revision("moveTo", author)
        for run in source.findall(w("r")):
            move_to.append(_copy(run))
        moved.append(move_to)
        _ensure(_ensure(moved, "pPr", first=True), "rPr").append(self._revision("moveTo", author))
        to_start = self._range("moveToRangeStart", name, author)
        target.addnext(to_start)
        to_start.addnext(moved)
        moved.addnext(_end(w("moveToRangeEnd"), to_start.get(w("id"))))
        from_start = self._range("moveFromRangeStart", name, author)
        source.addprevious(from_start)
        move_from = self._revision("moveFrom", author)
        for run in list(source.findall(w("r"))):
            move_from.append(run)
        source.append(move_from)
        _ensure(_ensure(source, "pPr", first=True), "rPr").append(
            self._revision("moveFrom", author)
        )
        source.addnext(_end(w("moveFromRangeEnd"), from_start.get(w("id"))))

    def _range(self, tag: str, name: str, author: str):
        element = etree.Element(w(tag))
        element.set(w("id"), self._id())
        element.set(w("name"), name)
        element.set(w("author"), author)
        element.set(w("date"), DATE)
        return element

    def format_run(self, text: str, *, author: str):
        """Bold with tracking: a formatting-only revision (w:rPrChange)."""
        p, at = self.find(text)
        for run in self._runs_between(p, at, at + len(text)):
            rpr = _ensure(run, "rPr", first=True)
            etree.SubElement(rpr, w("b"))
            change = etree.SubElement(rpr, w("rPrChange"))
            change.set(w("id"), self._id())
            change.set(w("author"), author)
            change.set(w("date"), DATE)
            etree.SubElement(change, w("rPr"))

    def set_cell(self, table: int, row: int, column: int, text: str, *, author: str | None = None):
        tbl = self.body.findall(w("tbl"))[table]
        tc = tbl.findall(w("tr"))[row].findall(w("tc"))[column]
        p = tc.find(w("p"))
        old = self.paragraph_text(p)
        for run in p.findall(w("r")):
            if author is None:
                p.remove(run)
            else:
                deletion = self._revision("del", author)
                run.addprevious(deletion)
                for t in run.findall(w("t")):
                    t.tag = w("delText")
                deletion.append(run)
        if author is None:
            p.append(_run(text))
        else:
            insertion = self._revision("ins", author)
            insertion.append(_run(text))
            p.append(insertion)
        return old

    def insert_row(
        self, table: int, after_row: int, cells: list[str], *, author: str | None = None
    ):
        tbl = self.body.findall(w("tbl"))[table]
        rows = tbl.findall(w("tr"))
        new_row = _copy(rows[after_row])
        for tc, text in zip(new_row.findall(w("tc")), cells, strict=True):
            p = tc.find(w("p"))
            for run in p.findall(w("r")):
                p.remove(run)
            p.append(_run(text))
        if author is not None:
            trpr = _ensure(new_row, "trPr", first=True)
            trpr.append(self._revision("ins", author))
        rows[after_row].addnext(new_row)

    # -- comments -------------------------------------------------------------------------

    def comment(
        self,
        text_range: str,
        text: str,
        *,
        author: str,
        replies: list[tuple[str, str]] = (),
        resolved: bool = False,
        occurrence: int = 0,
    ) -> None:
        """A comment over `text_range` (commentRangeStart/End and the reference
        run), with replies tied to it in commentsExtended.xml."""
        p, at = self.find(text_range, occurrence)
        runs = self._runs_between(p, at, at + len(text_range))
        thread = [(author, text), *list(replies)]
        ids = []
        for _ in thread:
            identifier = str(len(self.comments) + len(ids))
            ids.append(identifier)
            runs[0].addprevious(_end(w("commentRangeStart"), identifier))
        last = runs[-1]
        for identifier in reversed(ids):
            last.addnext(_reference(identifier))
            last.addnext(_end(w("commentRangeEnd"), identifier))
        parent_para = None
        for number, ((who, body), identifier) in enumerate(zip(thread, ids, strict=True)):
            para_id = f"{int(identifier) + 0x10000000:08X}"
            self.comments.append(
                {
                    "id": identifier,
                    "author": who,
                    "text": body,
                    "para": para_id,
                    "parent": parent_para if number else None,
                    "done": resolved and number == 0,
                }
            )
            if number == 0:
                parent_para = para_id

    def _write_comments(self) -> None:
        root = etree.Element(w("comments"), nsmap={"w": W_NS, "w14": W14_NS})
        for item in self.comments:
            comment = etree.SubElement(root, w("comment"))
            comment.set(w("id"), item["id"])
            comment.set(w("author"), item["author"])
            comment.set(w("date"), DATE)
            comment.set(w("initials"), "".join(x[0] for x in item["author"].split()))
            p = etree.SubElement(comment, w("p"))
            p.set(f"{{{W14_NS}}}paraId", item["para"])
            run = etree.SubElement(p, w("r"))
            etree.SubElement(run, w("annotationRef"))
            p.append(_run(item["text"]))
        extended = etree.Element(f"{{{W15_NS}}}commentsEx", nsmap={"w15": W15_NS})
        for item in self.comments:
            entry = etree.SubElement(extended, f"{{{W15_NS}}}commentEx")
            entry.set(f"{{{W15_NS}}}paraId", item["para"])
            if item["parent"]:
                entry.set(f"{{{W15_NS}}}paraIdParent", item["parent"])
            entry.set(f"{{{W15_NS}}}done", "1" if item["done"] else "0")
        self.files["word/comments.xml"] = etree.tostring(
            root, xml_declaration=True, encoding="UTF-8"
        )
        self.files["word/commentsExtended.xml"] = etree.tostring(
            extended, xml_declaration=True, encoding="UTF-8"
        )
        rels = etree.fromstring(self.files["word/_rels/document.xml.rels"])
        base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        for target, kind in (
            ("comments.xml", f"{base}/comments"),
            (
                "commentsExtended.xml",
                "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
            ),
        ):
            rel = etree.SubElement(rels, f"{{{REL_NS}}}Relationship")
            rel.set("Id", f"rIdC{len(rels)}")
            rel.set("Type", kind)
            rel.set("Target", target)
        self.files["word/_rels/document.xml.rels"] = etree.tostring(
            rels, xml_declaration=True, encoding="UTF-8"
        )
        types = etree.fromstring(self.files["[Content_Types].xml"])
        for part, kind in (
            (
                "/word/comments.xml",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
            ),
            (
                "/word/commentsExtended.xml",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
            ),
        ):
            override = etree.SubElement(types, f"{{{CT_NS}}}Override")
            override.set("PartName", part)
            override.set("ContentType", kind)
        self.files["[Content_Types].xml"] = etree.tostring(
            types, xml_declaration=True, encoding="UTF-8"
        )

    # -- helpers --------------------------------------------------------------------------

    def _revision(self, kind: str, author: str):
        element = etree.Element(w(kind))
        element.set(w("id"), self._id())
        element.set(w("author"), author)
        element.set(w("date"), DATE)
        return element


def _run(text: str):
    run = etree.Element(w("r"))
    run.set(w("rsidR"), "00C0FFEE")
    t = etree.SubElement(run, w("t"))
    t.text = text
    _preserve(t)
    return run


def _preserve(t) -> None:
    text = t.text or ""
    if text[:1].isspace() or text[-1:].isspace():
        t.set(f"{{{XML_NS}}}space", "preserve")


def _copy(element):
    return etree.fromstring(etree.tostring(element))


def _ensure(parent, name: str, *, first: bool = False):
    found = parent.find(w(name))
    if found is None:
        found = etree.Element(w(name))
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def _place(p, anchor, element) -> None:
    if anchor is None:
        p.append(element)
    else:
        anchor.addprevious(element)


def _end(tag: str, identifier: str):
    element = etree.Element(tag)
    element.set(w("id"), identifier)
    return element


def _reference(identifier: str):
    run = etree.Element(w("r"))
    etree.SubElement(run, w("commentReference")).set(w("id"), identifier)
    return run
