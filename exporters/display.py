"""What a Word file displays and prints, as one canonical model.

Every story Word draws is read: the body, the headers and footers each section
shows, footnotes and endnotes where they are referenced, comments, text boxes,
content controls (with the value a binding to custom XML puts there), both
branches of mc:AlternateContent, field instructions and results, numbering
labels, symbols, pictures (by the digest of the picture), embedded fonts, the
page background and the settings that change what is shown. Each run carries
its effective look (wordlook: hidden, colour, size, fonts, position, scale …).

The model is the same for a file another program merely re-saved (different
XML, same display) and different for any trick that changes what is seen;
`DisplayModel.digest` is its SHA-256. `exporters.displaytext` turns it into the text
a reader sees. Whatever the model does not know is recorded as unknown, so it
can only make two files differ, never make them look alike.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from exporters.displaystory import StoryReader
from exporters.displayxml import R_NS, SHOWN_SETTINGS, Note
from exporters.opc import Package
from exporters.wordlook import local, on
from exporters.wordxml import W, w

DISPLAY_VERSION = 1
"""Bump when the model changes; a manifest records the version its digest was made with."""

__all__ = ["DISPLAY_VERSION", "DisplayModel", "Note", "display_model"]


@dataclass
class DisplayModel:
    model: dict[str, Any]
    notes: list[Note] = field(default_factory=list)

    @property
    def digest(self) -> str:
        return hashlib.sha256(canonical_json(self.model).encode("utf-8")).hexdigest()

    @property
    def body(self) -> list[Any]:
        body: list[Any] = self.model["body"]
        return body


def canonical_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def display_model(package: Package) -> DisplayModel:
    """The display model of a package; raises DraftFileError when it has no main document."""
    return _DocumentReader(package).read()


class _DocumentReader(StoryReader):
    """The whole document: body, the pages' headers and footers, settings, fonts."""

    def read(self) -> DisplayModel:
        model: dict[str, Any] = {"version": DISPLAY_VERSION}
        root = self.root
        if root is None or local(root.tag) != (W, "document"):
            model["body"] = [{"x": "ingen læsbar hoveddel"}]
            return DisplayModel(model, self.notes)
        background = root.find(w("background"))
        if background is not None:
            self.background = (background.get(w("color")) or "FFFFFF").upper()
            model["background"] = [self.background, background.get(w("themeColor")) or ""]
        body = root.find(w("body"))
        model["body"] = self.story(body) if body is not None else []
        settings = self._settings()
        model["settings"] = settings
        model["pages"] = self._headers_and_footers(settings.get("evenAndOddHeaders", False))
        model["fonts"] = self._embedded_fonts()
        return DisplayModel(model, self.notes)

    def _settings(self) -> dict[str, Any]:
        rel = self.pkg.related(self.main, "settings")
        root = self.pkg.xml(rel[0].target) if rel else None
        out: dict[str, Any] = {}
        if root is None:
            return out
        even = root.find(w("evenAndOddHeaders"))
        out["evenAndOddHeaders"] = even is not None and on(even)
        for name in SHOWN_SETTINGS:
            element = root.find(w(name))
            if element is not None and (name in ("attachedTemplate", "mailMerge") or on(element)):
                out[name] = True
        variables = root.find(w("docVars"))
        if variables is not None:
            out["docVars"] = sorted(
                [v.get(w("name")) or "", v.get(w("val")) or ""] for v in variables
            )
        return out

    def _embedded_fonts(self) -> list[Any]:
        rel = self.pkg.related(self.main, "fontTable")
        if not rel:
            return []
        table = rel[0].target
        root = self.pkg.xml(table)
        out: list[list[Any]] = []
        for font in root.iter(w("font")) if root is not None else ():
            for child in font:
                name = local(child.tag)[1]
                if name.startswith("embed"):
                    target = self._reference(table, child.get(f"{{{R_NS}}}id") or "")
                    out.append(
                        [font.get(w("name")) or "", name, target, child.get(w("fontKey")) or ""]
                    )
        return sorted(out)

    def _headers_and_footers(self, even_pages: bool) -> list[Any]:
        """Per section, the headers and footers it shows (inherited from the section before
        when it names none of a kind), in the order Word prints them."""
        out: list[dict[str, Any]] = []
        inherited: dict[tuple[str, str], str] = {}
        saved = self.part
        for sect in self.sections:
            refs = dict(inherited)
            for tag, kind in (("headerReference", "header"), ("footerReference", "footer")):
                for ref in sect.findall(w(tag)):
                    rel = self.pkg.relationship(self.main, ref.get(f"{{{R_NS}}}id") or "")
                    if rel is not None and not rel.external:
                        refs[(kind, ref.get(w("type")) or "default")] = rel.target
            inherited = refs
            title_page = sect.find(w("titlePg"))
            shown = ["default"]
            if title_page is not None and on(title_page):
                shown.append("first")
            if even_pages:
                shown.append("even")
            for (kind, page_type), target in sorted(refs.items()):
                if page_type not in shown:
                    continue
                root = self.pkg.xml(target)
                if root is None:
                    out.append({"kind": kind, "type": page_type, "x": "ulæselig"})
                    continue
                self.part = target
                blocks = self.story(root)
                if _has_content(blocks):
                    out.append({"kind": kind, "type": page_type, "blocks": blocks})
        self.part = saved
        return out


def _has_content(blocks: list[Any]) -> bool:
    """A header or footer with nothing in it shows nothing (programs add or drop empty ones)."""
    text = canonical_json(blocks)
    return '"t":' in text or '"obj":' in text or '"x":' in text or '"fld":' in text
