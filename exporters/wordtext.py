"""Reading a Word file's visible body text back, for comparison with the draft.

lxml on the main document part only: headers, footers, text boxes, deleted
text and field instructions are not body text. The zip is opened through
forms.embedded, which refuses members that unpack beyond 50 MB.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from exporters.wordxml import BR, TAB, P, T, w
from forms.draftfile import DraftFileError
from forms.embedded import open_word_zip, read_member

_SKIP = {w("pPr"), w("rPr"), w("txbxContent"), w("del"), w("moveFrom"), w("instrText")}
_SKIP.add("{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback")


def read_docx_text(source: Path | str | bytes) -> str:
    """The visible body text in body order: one line per paragraph, a table row as
    its cells joined by spaces; headers, footers and the embedded draft excluded.

    For our own exports this equals `exporters.text.render_text(draft, final=True)`.
    Raises DraftFileError (Danish message) when the file is not a Word file.
    """
    if isinstance(source, bytes):
        data, name = source, "dokument.docx"
    else:
        path = Path(source)
        name = path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DraftFileError(path, f"Filen »{name}« kan ikke læses: {exc.strerror}.") from None
    with open_word_zip(data, name) as package:
        main = _main_document_name(package, name)
        xml = read_member(package, package.getinfo(main), name)
    try:
        root = etree.fromstring(xml, parser=_SAFE_PARSER)
    except etree.XMLSyntaxError:
        raise DraftFileError(
            name, f"Filen »{name}« er beskadiget: dokumentets tekst kan ikke læses."
        ) from None
    body = root.find(w("body"))
    lines: list[str] = []
    if body is not None:
        _body_lines(body, lines)
    return "\n".join(lines) + "\n"


_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _main_document_name(package, name: str) -> str:
    for candidate in ("word/document.xml", "word/document2.xml"):
        if candidate in package.namelist():
            return candidate
    try:
        rels = etree.fromstring(
            read_member(package, package.getinfo("_rels/.rels"), name), parser=_SAFE_PARSER
        )
        for rel in rels:
            if rel.get("Type", "").endswith("/officeDocument"):
                return rel.get("Target", "").lstrip("/")
    except (KeyError, etree.XMLSyntaxError):
        pass
    raise DraftFileError(
        name, f"Filen »{name}« er ikke en Word-fil (.docx): den har intet dokument."
    )


def _body_lines(container, lines: list[str]) -> None:
    for child in container:
        if child.tag == P:
            lines.append(_paragraph_text(child))
        elif child.tag == w("tbl"):
            for row in _rows(child):
                lines.append(" ".join(_cell_text(cell) for cell in _cells(row)))
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent"))
            _body_lines(content if content is not None else child, lines)


def _rows(tbl):
    for child in tbl:
        if child.tag == w("tr"):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent"))
            yield from _rows(content if content is not None else child)


def _cells(tr):
    for child in tr:
        if child.tag == w("tc"):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent"))
            yield from _cells(content if content is not None else child)


def _cell_text(tc) -> str:
    lines: list[str] = []
    _body_lines(tc, lines)
    return " ".join(lines)


def _paragraph_text(p) -> str:
    parts: list[str] = []
    _collect(p, parts)
    return "".join(parts)


def _collect(element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == T:
            parts.append(child.text or "")
        elif tag == TAB:
            parts.append("\t")
        elif tag in (BR, w("cr")):
            parts.append("\n")
        elif tag == w("noBreakHyphen"):
            parts.append("-")
        else:
            _collect(child, parts)
