"""WordprocessingML pieces the display model reads: names, markers, small readers.

Kept apart from the story reader (exporters.displaystory) so each stays small.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml.etree import _Element

from exporters.wordlook import local
from exporters.wordxml import W, w
from forms.lazyre import lazy_compile

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
VOLATILE_FIELDS = frozenset(
    [
        "PAGE",
        "NUMPAGES",
        "SECTIONPAGES",
        "SECTION",
        "DATE",
        "TIME",
        "PRINTDATE",
        "SAVEDATE",
        "CREATEDATE",
        "EDITTIME",
    ]
)
"""Fields whose result Word recomputes on every page or print: their cached result is no evidence."""
SKIP = frozenset(
    [
        "bookmarkStart",
        "bookmarkEnd",
        "commentRangeStart",
        "commentRangeEnd",
        "proofErr",
        "permStart",
        "permEnd",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "lastRenderedPageBreak",
        "softHyphen",
        "annotationRef",
        "separator",
        "continuationSeparator",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
        "sectPr",
        "rPr",
        "pPr",
        "tcPr",
    ]
)
"""Markers that draw nothing."""
CONTAINERS = frozenset(["hyperlink", "smartTag", "customXml"])
REVISIONS = {"ins": "ins", "del": "del", "moveTo": "ins", "moveFrom": "del"}
OBJECTS = frozenset(["drawing", "pict", "object", "contentPart"])
SHOWN_SETTINGS = (
    "updateFields",
    "printFormsData",
    "linkStyles",
    "attachedTemplate",
    "mailMerge",
    "displayBackgroundShape",
    "formsDesign",
)
"""Settings that change what Word shows or prints (others, e.g. documentProtection or
hideSpellingErrors, do not; the part digests still catch them)."""
STORE_CORE = "{6C3C8BC8-F283-45AE-878A-BAB7291924A1}"
STORE_APP = "{6668398D-A668-4E3E-A5EB-62B293D839F1}"
DS = "{http://schemas.openxmlformats.org/officeDocument/2006/customXml}"
_STEP = lazy_compile(r"^(@?)(?:([\w.-]+):)?([\w.-]+)(?:\[(\d+)\])?$")


@dataclass
class Note:
    """Something present but not visible (hidden, white, 1 pt …), for the verdict's message."""

    part: str
    kind: str
    text: str


def on_value(value: str | None) -> bool:
    return (value or "").lower() in ("1", "true", "on")


def normalise_instruction(instruction: str) -> str:
    """A field instruction without the formatting switches another program may add or drop."""
    tokens = instruction.split()
    out = []
    skip = False
    for token in tokens:
        if skip:
            skip = False
            continue
        if token == "\\*":
            skip = True
            continue
        out.append(token)
    if out:
        out[0] = out[0].upper()
    return " ".join(out)


def evaluate_binding(root: _Element | None, xpath: str, mappings: str) -> str:
    """The text a simple XPath (/ns0:a[1]/ns0:b[1], as Word writes them) selects; '?' for
    anything else. No general XPath engine runs on a hostile file."""
    if root is None:
        return "?"
    prefixes = dict(re.findall(r"xmlns:([\w.-]+)\s*=\s*['\"]([^'\"]*)['\"]", mappings))
    steps = [s for s in xpath.strip().split("/") if s]
    if not steps or len(steps) > 32:
        return "?"
    nodes = [root.getroottree().getroot()]
    current: _Element | None = None
    for index, step in enumerate(steps):
        match = _STEP.match(step)
        if match is None:
            return "?"
        attribute, prefix, name, position = match.groups()
        tag = f"{{{prefixes.get(prefix, '')}}}{name}" if prefix else name
        if attribute:
            return (current.get(tag) if current is not None else None) or "?"
        if index == 0:
            candidates = [n for n in nodes if n.tag == tag]
        else:
            children = list(current) if current is not None else []
            candidates = [child for child in children if child.tag == tag]
        number = int(position or 1)
        if len(candidates) < number:
            return "?"
        current = candidates[number - 1]
    return "".join(current.itertext()) if current is not None else "?"


def alternate_branches(alternate: _Element) -> list[Any]:
    """mc:Choice branches (with what they require) and the mc:Fallback, in order."""
    out = []
    for child in alternate:
        namespace, name = local(child.tag)
        if namespace == MC and name == "Choice":
            out.append([child.get("Requires") or "", child])
        elif namespace == MC and name == "Fallback":
            out.append(["fallback", child])
    return [[req, branch] for req, branch in out]


def rows(tbl: _Element) -> Iterator[_Element]:
    for child in tbl:
        namespace, name = local(child.tag)
        if namespace == W and name == "tr":
            yield child
        elif namespace == W and name in ("sdt", "customXml"):
            content = child.find(w("sdtContent"))
            yield from rows(content if content is not None else child)


def cells(tr: _Element) -> Iterator[_Element]:
    for child in tr:
        namespace, name = local(child.tag)
        if namespace == W and name == "tc":
            yield child
        elif namespace == W and name in ("sdt", "customXml"):
            content = child.find(w("sdtContent"))
            yield from cells(content if content is not None else child)


def text_boxes(element: _Element) -> Iterator[_Element]:
    """The outermost w:txbxContent inside an object (nested ones are read with their box)."""
    for child in element:
        if child.tag == w("txbxContent"):
            yield child
        elif isinstance(child.tag, str):
            yield from text_boxes(child)


def outside_text_boxes(element: _Element) -> Iterator[_Element]:
    yield element
    for child in element:
        if isinstance(child.tag, str) and child.tag != w("txbxContent"):
            yield from outside_text_boxes(child)


def merge(segments: list[Any]) -> list[Any]:
    """Adjacent text of the same look as one segment: how a program splits runs is not display."""
    out: list[Any] = []
    for segment in segments:
        if out and "t" in segment and "t" in out[-1] and out[-1]["look"] == segment["look"]:
            out[-1] = {"t": out[-1]["t"] + segment["t"], "look": segment["look"]}
        else:
            out.append(segment)
    return out


def to_int(value: str | None) -> int:
    if value is None:
        return 0
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return 0
