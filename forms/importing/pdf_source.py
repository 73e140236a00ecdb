"""A published aktstykke as PDF, read into text with pypdf (pure Python).

The text then goes through the same reader as a .txt extraction. Page numbers
and running heads repeated on every page are layout, not text, and are set
aside (the report says how many). Encrypted and image-only (scanned) PDFs
cannot be read and are refused with a Danish message.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from forms.importing.errors import SourceError
from forms.lazyre import lazy_compile

MIN_TEXT_CHARS = 40
_PAGE_NUMBER = lazy_compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$|^\s*Side\s+\d+(?:\s+af\s+\d+)?\s*$")


def read_pdf(data: bytes, name: str) -> tuple[str, list[str]]:
    """The PDF's text, page by page, and what was set aside while reading it."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    # pypdf logs warnings about damaged but readable files; they are not ours to show.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    damaged = SourceError(
        name, f"»{name}« er ikke en gyldig PDF-fil: den er beskadiget og kan ikke læses."
    )
    encrypted = SourceError(
        name,
        f"»{name}« er krypteret (beskyttet med adgangskode) og kan ikke læses. Gem en "
        "udgave uden adgangskode, og prøv igen.",
    )
    # pypdf parses untrusted input and may raise almost anything on a broken
    # file; every such failure means the same to the author: it is damaged.
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                # Many published PDFs are encrypted only against editing, with
                # an empty password for reading.
                if not reader.decrypt(""):
                    raise encrypted
            except (DependencyError, FileNotDecryptedError, NotImplementedError):
                raise encrypted from None
        pages = [_page_text(page) for page in reader.pages]
    except SourceError:
        raise
    except (FileNotDecryptedError, DependencyError):
        raise encrypted from None
    except Exception:
        raise damaged from None
    if not pages:
        raise SourceError(name, f"»{name}« har ingen sider.")
    if sum(len(page.strip()) for page in pages) < MIN_TEXT_CHARS:
        raise SourceError(
            name,
            f"»{name}« indeholder ingen tekst, kun billeder (fx en scannet side). "
            "Importen kan kun læse PDF-filer med tekst; brug den oprindelige Word-fil "
            "eller en PDF med tekstlag.",
        )
    pages, removed = strip_page_furniture(pages)
    notes = []
    if removed:
        notes.append(f"Sidetal og gentagne sidehoveder sat til side: {removed} linjer.")
    return _valid_unicode("\n".join(pages)), notes


def _valid_unicode(text: str) -> str:
    """pypdf decodes a broken ToUnicode map with "surrogatepass": a lone surrogate
    would be refused by the model (forms.limits). Pairs are joined, strays become �."""
    if text.isascii():
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _page_text(page: Any) -> str:
    """The page's text in layout mode, which keeps the vertical gaps between
    paragraphs as blank lines (plain mode loses them). Horizontal positions
    are not needed: leading spaces go, so indentation says nothing here."""
    try:
        text = page.extract_text(extraction_mode="layout") or ""
    except Exception:
        # Layout mode gives up on some fonts; plain mode still reads the words.
        text = page.extract_text() or ""
    return "\n".join(line.lstrip() for line in text.split("\n"))


def strip_page_furniture(pages: list[str]) -> tuple[list[str], int]:
    """Remove page numbers and running heads: lines that are only a page number
    at the top or bottom of a page, and a first line repeated on later pages."""
    split = [page.split("\n") for page in pages]
    removed = 0
    firsts = [_first(lines) for lines in split[1:]]
    repeated = {line for line in firsts if line and firsts.count(line) >= 2}
    for number, lines in enumerate(split):
        for edge in (0, -1):
            while True:
                index = _edge_index(lines, edge)
                if index is None:
                    break
                text = lines[index].strip()
                if _PAGE_NUMBER.match(text) or (number > 0 and edge == 0 and text in repeated):
                    del lines[index]
                    removed += 1
                    continue
                break
    return ["\n".join(lines) for lines in split], removed


def _first(lines: list[str]) -> str:
    index = _edge_index(lines, 0)
    return lines[index].strip() if index is not None else ""


def _edge_index(lines: list[str], edge: int) -> int | None:
    order = range(len(lines)) if edge == 0 else range(len(lines) - 1, -1, -1)
    return next((i for i in order if lines[i].strip()), None)
