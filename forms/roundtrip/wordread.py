"""A returned Word file read as it is: paragraphs as runs of text with their
tracked revisions, tables, comment anchors, and the formatting-only revisions.

Without python-docx (forms/ may not import it): the package is opened through
forms.embedded (every part size-limited) and each part parsed with
defusedxml, which refuses DTDs and entities. What Word or LibreOffice add
around the text (w:rsid* attributes, w:proofErr, bookmarks, smart tags,
content controls, hyperlinks, fields) is read through, not mistaken for text.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from forms.draftfile import DraftFileError
from forms.embedded import open_word_zip, read_member
from forms.importing.errors import SourceError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TRACKED = ("ins", "del", "moveFrom", "moveTo")
FORMATTING = {
    "rPrChange": "tegnformatering",
    "pPrChange": "afsnitsformatering",
    "sectPrChange": "sideopsætning",
    "tblPrChange": "tabelformatering",
    "trPrChange": "rækkeformatering",
    "tcPrChange": "celleformatering",
    "tblGridChange": "tabelkolonner",
    "numberingChange": "nummerering",
}
_FORMATTING_TAGS = {f"{W}{name}": what for name, what in FORMATTING.items()}
# Containers whose runs are part of the paragraph's text.
_INLINE = {
    f"{W}{name}" for name in ("hyperlink", "smartTag", "customXml", "dir", "bdo", "fldSimple")
}
# Parts of a run or paragraph that are never visible body text.
_SKIP = {f"{W}{name}" for name in ("pPr", "rPr", "instrText", "delInstrText", "footnoteReference")}


@dataclass(frozen=True, slots=True)
class Revision:
    kind: str
    """'ins', 'del', 'moveFrom' or 'moveTo'."""
    author: str | None = None
    date: dt.datetime | None = None
    id: str = ""
    move: str | None = None
    """The move's name, shared by its moveFrom and moveTo halves."""


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    revision: Revision | None = None


@dataclass(frozen=True, slots=True)
class CommentMark:
    comment: str
    edge: str
    """'start', 'end' or 'ref' (the reference mark, where a range has none)."""


@dataclass
class RPara:
    items: list[Segment | CommentMark] = field(default_factory=list)
    mark: Revision | None = None
    """The paragraph mark was inserted or deleted with tracking."""
    style: str = ""


@dataclass
class RCell:
    paras: list[RPara] = field(default_factory=list)


@dataclass
class RRow:
    cells: list[RCell] = field(default_factory=list)
    revision: Revision | None = None


@dataclass
class RTable:
    rows: list[RRow] = field(default_factory=list)


@dataclass
class FormattingChange:
    what: str
    author: str | None
    date: dt.datetime | None


@dataclass
class ReturnedBody:
    items: list[RPara | RTable]
    formatting: list[FormattingChange] = field(default_factory=list)


def open_package(data: bytes, name: str) -> zipfile.ZipFile:
    try:
        return open_word_zip(data, name)
    except DraftFileError as exc:
        raise SourceError(name, exc.message) from None


def read_part(package: zipfile.ZipFile, member: str, name: str) -> Element | None:
    """A part of the package parsed safely; None when the package has no such part."""
    try:
        info = package.getinfo(member)
    except KeyError:
        return None
    try:
        payload = read_member(package, info, name)
    except DraftFileError as exc:
        raise SourceError(name, exc.message) from None
    try:
        return fromstring(payload, forbid_dtd=True)
    except DefusedXmlException:
        raise SourceError(
            name,
            f"»{name}« er afvist af sikkerhedshensyn: delen {member} indeholder en DTD "
            "eller eksterne entiteter, som et Word-dokument aldrig har brug for.",
        ) from None
    except (ParseError, ValueError):
        raise SourceError(
            name, f"»{name}« er beskadiget: delen {member} er ikke gyldig XML."
        ) from None


def main_part_name(package: zipfile.ZipFile, name: str) -> str:
    rels = read_part(package, "_rels/.rels", name)
    if rels is not None:
        for rel in rels.iter(f"{REL}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                target = rel.get("Target", "").lstrip("/")
                if target in package.namelist():
                    return target
    return "word/document.xml"


def related_parts(package: zipfile.ZipFile, main: str, name: str) -> dict[str, str]:
    """The main document's relationships by type suffix ('comments', 'styles' …) → part name."""
    folder, _, file = main.rpartition("/")
    rels = read_part(package, f"{folder}/_rels/{file}.rels", name)
    found: dict[str, str] = {}
    if rels is None:
        return found
    for rel in rels.iter(f"{REL}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}"
        found.setdefault(kind, path)
    return found


def parse_date(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.replace(microsecond=0)


def read_body(document: Element, styles: Element | None) -> ReturnedBody:
    body = document.find(f"{W}body")
    reader = _Reader(_style_names(styles))
    if body is not None:
        reader.container(body, reader.items)
    return ReturnedBody(reader.items, reader.formatting)


def _style_names(styles: Element | None) -> dict[str, str]:
    names: dict[str, str] = {}
    if styles is None:
        return names
    for style in styles.iter(f"{W}style"):
        name = style.find(f"{W}name")
        style_id = style.get(f"{W}styleId")
        if style_id and name is not None:
            names[style_id] = name.get(f"{W}val", "")
    return names


class _Reader:
    def __init__(self, styles: dict[str, str]):
        self.styles = styles
        self.items: list[RPara | RTable] = []
        self.formatting: list[FormattingChange] = []
        self._moves: dict[str, str] = {}
        """Open move ranges: w:id of the range start → the move's name."""
        self._move_name: dict[str, str | None] = {"moveFrom": None, "moveTo": None}
        self._ended: dict[str, str | None] = {"moveFrom": None, "moveTo": None}
        """The move whose range ended last (a paragraph's mark is read after its content)."""
        self._waiting: list[CommentMark] = []
        """Comment marks between paragraphs, waiting for the next paragraph."""

    def revision(self, element: Element, kind: str) -> Revision:
        return Revision(
            kind,
            element.get(f"{W}author") or None,
            parse_date(element.get(f"{W}date")),
            element.get(f"{W}id", ""),
            self._move_name.get(kind) if kind in ("moveFrom", "moveTo") else None,
        )

    def note_formatting(self, element: Element) -> None:
        for change in element.iter():
            what = _FORMATTING_TAGS.get(change.tag)
            if what is not None:
                self.formatting.append(
                    FormattingChange(
                        what, change.get(f"{W}author") or None, parse_date(change.get(f"{W}date"))
                    )
                )

    def range_mark(self, element: Element) -> bool:
        """Move ranges name the move their moveFrom/moveTo content belongs to."""
        tag = element.tag.removeprefix(W)
        if tag in ("moveFromRangeStart", "moveToRangeStart"):
            kind = tag.removesuffix("RangeStart")
            name = element.get(f"{W}name") or element.get(f"{W}id") or ""
            self._moves[element.get(f"{W}id", "")] = name
            self._move_name[kind] = name
            return True
        if tag in ("moveFromRangeEnd", "moveToRangeEnd"):
            ended = self._moves.pop(element.get(f"{W}id", ""), None)
            kind = tag.removesuffix("RangeEnd")
            if ended is not None and self._move_name.get(kind) == ended:
                self._ended[kind] = ended
                self._move_name[kind] = None
            return True
        return False

    def container(self, element: Element, out: list[RPara | RTable]) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{W}p":
                out.append(self.paragraph(child))
            elif tag == f"{W}tbl":
                out.append(self.table(child))
            elif tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self.container(content, out)
            elif tag in (f"{W}customXml", f"{W}ins", f"{W}moveTo"):
                self.container(child, out)
            elif tag == f"{W}sectPr":
                self.note_formatting(child)
            elif tag == f"{W}commentRangeStart":
                # Between paragraphs: the range starts with the next paragraph.
                self._waiting.append(CommentMark(child.get(f"{W}id", ""), "start"))
            elif tag == f"{W}commentRangeEnd":
                mark = CommentMark(child.get(f"{W}id", ""), "end")
                last = next((i for i in reversed(out) if isinstance(i, RPara)), None)
                if last is not None:
                    last.items.append(mark)
                else:
                    self._waiting.append(mark)
            else:
                self.range_mark(child)

    def paragraph(self, element: Element) -> RPara:
        para = RPara(items=[*self._waiting])
        self._waiting = []
        properties = element.find(f"{W}pPr")
        if properties is not None:
            style = properties.find(f"{W}pStyle")
            if style is not None:
                style_id = style.get(f"{W}val", "")
                para.style = self.styles.get(style_id, style_id)
            self.note_formatting(properties)
            mark = properties.find(f"{W}rPr")
            if mark is not None:
                for kind in TRACKED:
                    found = mark.find(f"{W}{kind}")
                    if found is not None:
                        para.mark = self.revision(found, kind)
                        break
        self.inline(element, para, None)
        if (
            para.mark is not None
            and para.mark.kind in ("moveFrom", "moveTo")
            and not para.mark.move
        ):
            # The mark moved with the paragraph whose range it closes.
            para.mark = Revision(
                para.mark.kind,
                para.mark.author,
                para.mark.date,
                para.mark.id,
                self._move_name.get(para.mark.kind) or self._ended.get(para.mark.kind),
            )
        return para

    def inline(self, element: Element, para: RPara, revision: Revision | None) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{W}r":
                self.run(child, para, revision)
            elif tag in _SKIP:
                continue
            elif tag.startswith(W) and tag.removeprefix(W) in TRACKED:
                self.inline(child, para, self.revision(child, tag.removeprefix(W)))
            elif tag in _INLINE:
                self.inline(child, para, revision)
            elif tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self.inline(content, para, revision)
            elif tag in (f"{W}commentRangeStart", f"{W}commentRangeEnd"):
                edge = "start" if tag.endswith("Start") else "end"
                para.items.append(CommentMark(child.get(f"{W}id", ""), edge))
            elif tag == f"{MC}AlternateContent":
                continue  # text boxes and drawings are not body text
            else:
                self.range_mark(child)

    def run(self, run: Element, para: RPara, revision: Revision | None) -> None:
        properties = run.find(f"{W}rPr")
        if properties is not None:
            self.note_formatting(properties)
        parts: list[str] = []
        for child in run:
            tag = child.tag
            if tag in (f"{W}t", f"{W}delText"):
                parts.append(child.text or "")
            elif tag in (f"{W}tab", f"{W}ptab"):
                parts.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                if child.get(f"{W}type") in (None, "textWrapping"):
                    parts.append("\n")
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{W}sym":
                parts.append(_symbol(child))
            elif tag == f"{W}commentReference":
                if parts:
                    para.items.append(Segment("".join(parts), revision))
                    parts = []
                para.items.append(CommentMark(child.get(f"{W}id", ""), "ref"))
        if parts:
            para.items.append(Segment("".join(parts), revision))

    def table(self, element: Element) -> RTable:
        table = RTable()
        properties = element.find(f"{W}tblPr")
        if properties is not None:
            self.note_formatting(properties)
        grid = element.find(f"{W}tblGrid")
        if grid is not None:
            self.note_formatting(grid)
        for row in _children(element, "tr"):
            table.rows.append(self.row(row))
        return table

    def row(self, element: Element) -> RRow:
        row = RRow()
        properties = element.find(f"{W}trPr")
        if properties is not None:
            self.note_formatting(properties)
            for kind in ("ins", "del"):
                found = properties.find(f"{W}{kind}")
                if found is not None:
                    row.revision = self.revision(found, kind)
        for cell in _children(element, "tc"):
            read = RCell()
            properties = cell.find(f"{W}tcPr")
            if properties is not None:
                self.note_formatting(properties)
            items: list[RPara | RTable] = []
            self.container(cell, items)
            read.paras = [item for item in items if isinstance(item, RPara)]
            row.cells.append(read)
            span = cell.find(f"{W}tcPr/{W}gridSpan")
            extra = _int(span.get(f"{W}val")) - 1 if span is not None else 0
            row.cells.extend(RCell() for _ in range(max(0, min(extra, 50))))
        return row


def _children(element: Element, name: str) -> Iterator[Element]:
    """Rows of a table or cells of a row, also inside content controls."""
    for child in element:
        if child.tag == f"{W}{name}":
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent")
            yield from _children(content if content is not None else child, name)


def _symbol(element: Element) -> str:
    code = element.get(f"{W}char", "")
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= value <= 0xF0FF:
        value -= 0xF000  # symbol fonts map into the private use area
    try:
        return chr(value) if value >= 0x20 else ""
    except ValueError:
        return ""


def _int(text: str | None) -> int:
    try:
        return int(text) if text else 1
    except ValueError:
        return 1
