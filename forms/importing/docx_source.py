"""Any Word aktstykke (.docx) read into paragraphs and grids, without python-docx.

forms/ may not import python-docx, and an imported file is untrusted: the
package is opened with zipfile (every part size-limited, see forms.embedded)
and each XML part parsed with defusedxml, which refuses DTDs, external
entities and entity expansion. Only what an aktstykke needs is read: the
paragraphs and runs (w:p, w:r, w:t), bold (w:b), tables (w:tbl) and Word's
automatic numbering (w:numPr with numbering.xml) for lettered litra.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from forms.draftfile import DraftFileError, loads_draft
from forms.embedded import open_word_zip, read_embedded_draft_bytes, read_member
from forms.importing import patterns as p
from forms.importing.errors import SourceError
from forms.importing.pieces import Grid, Para, SourcePieces
from forms.model import Aktstykke
from forms.textnorm import fold_whitespace

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT = "word/document.xml"
_TRUE = ("1", "true", "on")
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


def read_embedded(data: bytes, name: str) -> tuple[Aktstykke | None, str | None]:
    """The draft our exporter embedded in the Word file (None when it has none),
    and a note when an embedded draft was there but unusable (damaged, or from
    a newer version): then the visible text is imported instead."""
    try:
        text = read_embedded_draft_bytes(data, name)
    except DraftFileError as exc:
        if "indlejrede kladde" not in exc.message:
            raise SourceError(name, exc.message) from None
        text, problem = None, exc.message
    else:
        if text is None:
            return None, None
        try:
            return loads_draft(text, name)[0], None
        except DraftFileError as exc:
            problem = exc.message
    return None, (
        f"Word-filen indeholder en kladde fra Aktstykke, som ikke kan bruges ({problem}); "
        "den synlige tekst er læst i stedet."
    )


def read_docx(data: bytes, name: str) -> SourcePieces:
    """The document body as pieces; SourceError for anything unreadable or unsafe."""
    try:
        with open_word_zip(data, name) as package:
            document = _part(package, DOCUMENT, name, required=True)
            styles = _part(package, "word/styles.xml", name)
            numbering = _part(package, "word/numbering.xml", name)
    except DraftFileError as exc:
        raise SourceError(name, exc.message) from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise SourceError(
            name, f"»{name}« er ikke et gyldigt Word-dokument: den er beskadiget."
        ) from None
    assert document is not None
    reader = _BodyReader(_Styles(styles), _Numbering(numbering))
    body = document.find(f"{W}body")
    if body is None:
        raise SourceError(name, f"»{name}« er ikke et gyldigt Word-dokument: den har ingen tekst.")
    reader.read_container(body)
    pieces = _attach_captions(reader.pieces)
    if not any(isinstance(piece, Grid) or piece.text.strip() for piece in pieces):
        raise SourceError(name, f"»{name}« er tom – Word-dokumentet indeholder ingen tekst.")
    recognised = []
    if reader.numbered_litra:
        recognised.append(
            f"Litra fra Words automatiske nummerering: {', '.join(reader.numbered_litra)}."
        )
    return SourcePieces(pieces, recognised=recognised)


def _part(
    package: zipfile.ZipFile, member: str, name: str, *, required: bool = False
) -> Element | None:
    try:
        info = package.getinfo(member)
    except KeyError:
        if required:
            raise SourceError(
                name, f"»{name}« er ikke et gyldigt Word-dokument: den mangler {member}."
            ) from None
        return None
    payload = read_member(package, info, name)
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


def _on(element: Element | None) -> bool:
    """A toggle property such as <w:b/>: on unless w:val says otherwise."""
    if element is None:
        return False
    return element.get(f"{W}val", "true").lower() in _TRUE


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    bold: bool | None = None
    num_id: str | None = None
    level: int = 0


class _Styles:
    def __init__(self, root: Element | None):
        self.styles: dict[str, _Style] = {}
        if root is None:
            return
        for element in root.iter(f"{W}style"):
            style_id = element.get(f"{W}styleId")
            if not style_id:
                continue
            style = _Style()
            name = element.find(f"{W}name")
            style.name = (name.get(f"{W}val", "") if name is not None else "").lower()
            based = element.find(f"{W}basedOn")
            style.based_on = based.get(f"{W}val") if based is not None else None
            bold = element.find(f"{W}rPr/{W}b")
            style.bold = _on(bold) if bold is not None else None
            num = element.find(f"{W}pPr/{W}numPr")
            if num is not None:
                style.num_id, style.level = _num_pr(num)
            self.styles[style_id] = style

    def chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            yield self.styles[style_id]
            style_id = self.styles[style_id].based_on

    def name(self, style_id: str | None) -> str:
        first = next(self.chain(style_id), None)
        return first.name if first else (style_id or "").lower()

    def bold(self, style_id: str | None) -> bool:
        for style in self.chain(style_id):
            if style.bold is not None:
                return style.bold
        return False

    def numbering(self, style_id: str | None) -> tuple[str | None, int]:
        for style in self.chain(style_id):
            if style.num_id is not None:
                return style.num_id, style.level
        return None, 0


def _num_pr(element: Element) -> tuple[str | None, int]:
    num = element.find(f"{W}numId")
    level = element.find(f"{W}ilvl")
    try:
        ilvl = int(level.get(f"{W}val", "0")) if level is not None else 0
    except ValueError:
        ilvl = 0
    return (num.get(f"{W}val") if num is not None else None), max(0, min(ilvl, 8))


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _List:
    levels: dict[int, _Level] = field(default_factory=dict)
    counters: dict[int, int] = field(default_factory=dict)


class _Numbering:
    """Word's numbering definitions, counted as the paragraphs go by."""

    def __init__(self, root: Element | None):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.lists: dict[str, _List] = {}
        if root is None:
            return
        for element in root.iter(f"{W}abstractNum"):
            self.abstract[element.get(f"{W}abstractNumId", "")] = {
                level: definition for level, definition in _levels(element)
            }
        for element in root.iter(f"{W}num"):
            num_id = element.get(f"{W}numId", "")
            ref = element.find(f"{W}abstractNumId")
            levels = dict(self.abstract.get(ref.get(f"{W}val", "") if ref is not None else "", {}))
            for override in element.iter(f"{W}lvlOverride"):
                level = _int(override.get(f"{W}ilvl"), 0)
                start = override.find(f"{W}startOverride")
                base = levels.get(level, _Level())
                if start is not None:
                    base = _Level(base.fmt, base.text, _int(start.get(f"{W}val"), 1))
                levels[level] = base
            self.lists[num_id] = _List(levels)

    def next_label(self, num_id: str, level: int) -> tuple[str, _Level] | None:
        """The label Word shows for the next paragraph of this list and level."""
        numbered = self.lists.get(num_id)
        if numbered is None or num_id == "0":
            return None
        definition = numbered.levels.get(level, _Level())
        count = numbered.counters.get(level, 0) + 1
        numbered.counters[level] = count
        for deeper in [lvl for lvl in numbered.counters if lvl > level]:
            numbered.counters[deeper] = 0
        value = definition.start + count - 1
        return _format(definition.fmt, value, definition.text, level), definition


def _levels(element: Element) -> Iterator[tuple[int, _Level]]:
    for lvl in element.iter(f"{W}lvl"):
        fmt = lvl.find(f"{W}numFmt")
        text = lvl.find(f"{W}lvlText")
        start = lvl.find(f"{W}start")
        yield (
            _int(lvl.get(f"{W}ilvl"), 0),
            _Level(
                fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                text.get(f"{W}val", "") if text is not None else "",
                _int(start.get(f"{W}val"), 1) if start is not None else 1,
            ),
        )


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _format(fmt: str, value: int, template: str, level: int) -> str:
    if fmt == "bullet":
        return "–"
    if fmt in ("lowerLetter", "upperLetter"):
        shown = _letter(value)
        shown = shown.upper() if fmt == "upperLetter" else shown
    elif fmt in ("lowerRoman", "upperRoman"):
        shown = _ROMAN[value - 1] if 1 <= value <= len(_ROMAN) else str(value)
        shown = shown.upper() if fmt == "upperRoman" else shown
    else:
        shown = str(value)
    label = template.replace(f"%{level + 1}", shown) if template else shown
    return label.strip() or shown


def _letter(value: int) -> str:
    return chr(ord("a") + (value - 1) % 26) if value >= 1 else "a"


class _BodyReader:
    def __init__(self, styles: _Styles, numbering: _Numbering):
        self.styles = styles
        self.numbering = numbering
        self.pieces: list[Para | Grid] = []
        self.numbered_litra: list[str] = []

    def read_container(self, container: Element) -> None:
        for child in container:
            if child.tag == f"{W}p":
                self._paragraph(child)
            elif child.tag == f"{W}tbl":
                self.pieces.append(Grid(_table_rows(child)))
            elif child.tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self.read_container(content)
            elif child.tag in (f"{W}customXml", f"{W}ins", f"{W}smartTag"):
                self.read_container(child)

    def _paragraph(self, element: Element) -> None:
        properties = element.find(f"{W}pPr")
        style_id = None
        num_id, level = None, 0
        if properties is not None:
            style = properties.find(f"{W}pStyle")
            style_id = style.get(f"{W}val") if style is not None else None
            num = properties.find(f"{W}numPr")
            if num is not None:
                num_id, level = _num_pr(num)
        if num_id is None:
            num_id, level = self.styles.numbering(style_id)
        segments = _runs(element, self.styles.bold(style_id))
        text = "".join(part for part, _ in segments)
        bold = _all_bold(segments)
        style_name = self.styles.name(style_id)
        lines = [line for line in (fold_whitespace(x) for x in text.split("\n")) if line]
        if len(lines) > 1 and not any(_is_anchor(line) for line in lines):
            lines = [" ".join(lines)]
        label = None
        if num_id is not None and lines:
            label = self.numbering.next_label(num_id, level)
        for number, line in enumerate(lines):
            para = Para(line)
            if number == 0 and label is not None:
                shown, definition = label
                if definition.fmt == "lowerLetter" and shown == f"{shown[0]}." and shown[0] <= "f":
                    para.litra = shown[0]
                    self.numbered_litra.append(shown[0])
                else:
                    para.text = f"{shown} {line}"
                    para.list_item = True
            if any(word in style_name for word in ("caption", "billedtekst", "tabeloverskrift")):
                para.role = "caption"
            elif any(word in style_name for word in ("tabelnote", "table note")):
                para.role = "note"
            elif ("heading" in style_name or "overskrift" in style_name or bold) and _heading_shape(
                line
            ):
                para.heading = True
            self.pieces.append(para)


def _is_anchor(line: str) -> bool:
    return bool(
        p.PLACE_DATE.match(line)
        or p.ADDRESSEE.match(line)
        or (len(line) <= 300 and p.HEADER.match(line))
        or p.PUBLISHED_NUMBER.match(line)
        or p.PUBLISHED_SESSION.match(line)
        or p.PUBLISHED_DECIDED.match(line)
    )


def _heading_shape(text: str) -> bool:
    """A sub-heading is a short line that does not end a sentence."""
    return 0 < len(text) <= 100 and len(text.split()) <= 12 and not p.sentence_end(text)


def _runs(paragraph: Element, style_bold: bool) -> list[tuple[str, bool]]:
    """The paragraph's visible text as (text, bold) segments.

    Deleted text (w:delText), field codes (w:instrText) and footnote marks
    are not visible text and are skipped by reading only w:t, w:tab and w:br;
    tracked deletions and text moved away (w:del, w:moveFrom, which may hold
    w:t) are skipped whole: the document is read with its changes accepted.
    """
    segments: list[tuple[str, bool]] = []
    for run in _visible_runs(paragraph):
        run_bold = style_bold
        properties = run.find(f"{W}rPr")
        if properties is not None:
            bold = properties.find(f"{W}b")
            if bold is not None:
                run_bold = _on(bold)
        for child in run:
            if child.tag == f"{W}t" and child.text:
                segments.append((child.text, run_bold))
            elif child.tag in (f"{W}tab", f"{W}ptab"):
                segments.append(("\t", run_bold))
            elif child.tag in (f"{W}br", f"{W}cr"):
                segments.append(("\n", run_bold))
            elif child.tag == f"{W}noBreakHyphen":
                segments.append(("-", run_bold))
    return segments


_REMOVED = (f"{W}del", f"{W}moveFrom", f"{W}pPr", f"{W}rPr")


def _visible_runs(element: Element) -> Iterator[Element]:
    for child in element:
        if child.tag == f"{W}r":
            yield child
        elif child.tag not in _REMOVED:
            yield from _visible_runs(child)


def _all_bold(segments: list[tuple[str, bool]]) -> bool:
    """Whether all text is bold, not counting a litra label before it ('b.' + tab)."""
    text = "".join(part for part, _ in segments)
    label = p.LITRA_AT_START.match(text)
    skip = label.end() if label else 0
    seen = 0
    any_text = False
    for part, bold in segments:
        visible = part[max(0, skip - seen) :]
        seen += len(part)
        if visible.strip():
            any_text = True
            if not bold:
                return False
    return any_text


def _table_rows(table: Element) -> list[list[str]]:
    rows: list[list[str]] = []
    for row in table.findall(f"{W}tr"):
        cells: list[str] = []
        for cell in row.findall(f"{W}tc"):
            texts = ["".join(part for part, _ in _runs(p_, False)) for p_ in cell.iter(f"{W}p")]
            cells.append(fold_whitespace(" ".join(texts)))
            span = cell.find(f"{W}tcPr/{W}gridSpan")
            cells += [""] * (max(1, _int(span.get(f"{W}val") if span is not None else None, 1)) - 1)
        rows.append(cells)
    return rows


def _attach_captions(pieces: list[Para | Grid]) -> list[Para | Grid]:
    """A caption line right above a table, and a note line right below it,
    belong to the table. A caption line may carry the litra label when the
    table opens its litra ('b.' + tab + caption): the label stays a paragraph."""
    result: list[Para | Grid] = []
    for index, piece in enumerate(pieces):
        following = pieces[index + 1] if index + 1 < len(pieces) else None
        previous = result[-1] if result else None
        if isinstance(piece, Para) and isinstance(following, Grid) and _is_caption(piece):
            text = piece.text
            label = p.LITRA_AT_START.match(text)
            if label:
                result.append(Para(f"{label.group(1)}."))
                text = text[label.end() :].strip()
            following.caption = text
            continue
        if isinstance(piece, Para) and isinstance(previous, Grid) and _is_note(piece):
            previous.note = piece.text
            continue
        result.append(piece)
    return result


def _is_caption(para: Para) -> bool:
    if para.litra or para.list_item:
        return False
    if para.role == "caption":
        return True
    label = p.LITRA_AT_START.match(para.text)
    text = para.text[label.end() :].strip() if label else para.text
    return not text or (len(text) <= 100 and bool(re.match(r"(?:Tabel|Oversigt)\b", text)))


def _is_note(para: Para) -> bool:
    if para.litra or para.list_item or para.heading:
        return False
    return para.role == "note" or bool(re.match(r"(?:Anm\.|Anmærkning|Note)\b", para.text))
