"""Styles in a Word document: ours, or a ministry's with ours filling the gaps.

A ministry's template is used wherever it defines a style of our name; for a
missing one, our definition is copied in from the reference template, its
basedOn/next/link pointed at the document's own styles of those names.
"""

from __future__ import annotations

import copy
import functools
import io
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from lxml import etree
from lxml.etree import _Element

from exporters import styles as S


def style_names(root: _Element) -> dict[str, etree._Element]:
    out: dict[str, etree._Element] = {}
    for style in root.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            out.setdefault(name.get(qn("w:val")) or "", style)
    return out


def style_ids(doc: Any) -> dict[str, str]:
    names = style_names(doc.styles.element)
    return {name: names[name].get(qn("w:styleId")) or "" for name in S.ALL_STYLES}


@functools.cache
def _our_styles() -> etree._Element:
    """The styles part of our reference template, parsed once."""
    element: etree._Element = Document(io.BytesIO(S.reference_template_bytes())).styles.element
    return element


def ensure_styles(doc: Any) -> tuple[str, ...]:
    """Copy our definition of every style the document lacks; return their names."""
    root = doc.styles.element
    theirs = style_names(root)
    missing = [name for name in S.ALL_STYLES if name not in theirs]
    if not missing:
        return ()
    ours = style_names(_our_styles())
    our_id_to_name = {style.get(qn("w:styleId")): name for name, style in ours.items()}
    taken = {style.get(qn("w:styleId")) for style in root.findall(qn("w:style"))}
    copies = []
    for name in missing:
        element = copy.deepcopy(ours[name])
        style_id = element.get(qn("w:styleId")) or name  # our template gives every style an id
        candidate, n = style_id, 1
        while candidate in taken:
            n += 1
            candidate = f"{style_id}{n}"
        element.set(qn("w:styleId"), candidate)
        taken.add(candidate)
        root.append(element)
        copies.append(element)
    target_ids = {
        name: style.get(qn("w:styleId")) or "" for name, style in style_names(root).items()
    }
    for element in copies:
        # basedOn/next/link name our ids: point them at the document's style of that name.
        for ref in ("w:basedOn", "w:next", "w:link"):
            child = element.find(qn(ref))
            if child is None:
                continue
            ours_named = our_id_to_name.get(child.get(qn("w:val")))
            if ours_named in target_ids:
                child.set(qn("w:val"), target_ids[ours_named])
            else:
                element.remove(child)
    return tuple(missing)


def set_language(doc: Any) -> None:
    """Danish proofing for the whole document (w:lang in the default run properties)."""
    root = doc.styles.element
    defaults = root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = etree.Element(qn("w:docDefaults"))
        root.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.Element(qn("w:rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = etree.SubElement(rpr, qn("w:lang"))
    lang.set(qn("w:val"), "da-DK")
