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
`display_digest` is its SHA-256. `exporters.displaytext` turns it into the text
a reader sees. Whatever the model does not know is recorded as unknown, so it
can only make two files differ, never make them look alike.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from exporters.opc import Package
from exporters.wordlook import (
    StyleSheet,
    Theme,
    apply_rpr,
    finish_look,
    invisibility,
    local,
    on,
    table_conditions,
)
from exporters.wordnumbering import Numbering
from exporters.wordxml import W, w

DISPLAY_VERSION = 1
"""Bump when the model changes; a manifest records the version its digest was made with."""
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
_STEP = re.compile(r"^(@?)(?:([\w.-]+):)?([\w.-]+)(?:\[(\d+)\])?$")


@dataclass
class Note:
    """Something present but not visible (hidden, white, 1 pt …), for the verdict's message."""

    part: str
    kind: str
    text: str


@dataclass
class DisplayModel:
    model: dict
    notes: list[Note] = field(default_factory=list)

    @property
    def digest(self) -> str:
        return hashlib.sha256(canonical_json(self.model).encode("utf-8")).hexdigest()

    @property
    def body(self) -> list:
        return self.model["body"]


def canonical_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def display_model(package: Package) -> DisplayModel:
    """The display model of a package; raises DraftFileError when it has no main document."""
    return _Reader(package).read()


def display_digest(package: Package) -> str:
    return display_model(package).digest


class _Reader:
    def __init__(self, package: Package):
        self.pkg = package
        self.main = package.main_document()
        self.root = package.xml(self.main)
        theme_rel = package.related(self.main, "theme")
        theme = Theme(package.xml(theme_rel[0].target) if theme_rel else None)
        styles_rel = package.related(self.main, "styles")
        self.styles = StyleSheet(package.xml(styles_rel[0].target) if styles_rel else None, theme)
        numbering_rel = package.related(self.main, "numbering")
        self.numbering = Numbering(
            package.xml(numbering_rel[0].target) if numbering_rel else None, self.styles
        )
        self.notes: list[Note] = []
        self.part = self.main
        self.fields: list[dict] = []
        self.context: dict = {}
        self.sections: list = []
        self.background = "FFFFFF"
        self._stores: dict[str, object] | None = None
        self._depth = 0

    # -- the whole document -------------------------------------------------

    def read(self) -> DisplayModel:
        model: dict = {"version": DISPLAY_VERSION}
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

    def _settings(self) -> dict:
        rel = self.pkg.related(self.main, "settings")
        root = self.pkg.xml(rel[0].target) if rel else None
        out: dict = {}
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

    def _embedded_fonts(self) -> list:
        rel = self.pkg.related(self.main, "fontTable")
        if not rel:
            return []
        table = rel[0].target
        root = self.pkg.xml(table)
        out = []
        for font in root.iter(w("font")) if root is not None else ():
            for child in font:
                name = local(child.tag)[1]
                if name.startswith("embed"):
                    target = self._reference(table, child.get(f"{{{R_NS}}}id") or "")
                    out.append(
                        [font.get(w("name")) or "", name, target, child.get(w("fontKey")) or ""]
                    )
        return sorted(out)

    def _headers_and_footers(self, even_pages: bool) -> list:
        """Per section, the headers and footers it shows (inherited from the section before
        when it names none of a kind), in the order Word prints them."""
        out = []
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

    # -- stories and blocks ---------------------------------------------------

    def story(self, container) -> list:
        blocks: list = []
        self._depth += 1
        if self._depth > 40:  # nested text boxes and tables deeper than any real document
            self._depth -= 1
            return [{"x": "for dybt indlejret"}]
        for child in container:
            namespace, name = local(child.tag)
            if not name:
                continue
            if namespace == W and name == "p":
                blocks.append(self.paragraph(child))
            elif namespace == W and name == "tbl":
                blocks.append(self.table(child))
            elif namespace == W and name == "sdt":
                content = child.find(w("sdtContent"))
                blocks.append(
                    {
                        "sdt": self._binding(child),
                        "story": self.story(content) if content is not None else [],
                    }
                )
            elif namespace == W and name in ("customXml", "ins", "del", "moveFrom", "moveTo"):
                blocks.extend(self.story(child))
            elif namespace == W and name == "altChunk":
                blocks.append(
                    {"chunk": self._reference(self.part, child.get(f"{{{R_NS}}}id") or "")}
                )
            elif namespace == W and name == "sectPr":
                self.sections.append(child)
            elif namespace == MC and name == "AlternateContent":
                blocks.append(
                    {"alt": [[req, self.story(branch)] for req, branch in _branches(child)]}
                )
            elif namespace == W and name in SKIP:
                continue
            else:
                blocks.append({"x": f"{namespace}:{name}"})
        self._depth -= 1
        return blocks

    def paragraph(self, p) -> dict:
        ppr = p.find(w("pPr"))
        style = None
        props: dict = {}
        if ppr is not None:
            style_element = ppr.find(w("pStyle"))
            style = style_element.get(w("val")) if style_element is not None else None
            sect = ppr.find(w("sectPr"))
            if sect is not None:
                self.sections.append(sect)
        self.context["pstyle"] = style
        mark_look = self._look(ppr.find(w("rPr")) if ppr is not None else None)
        if mark_look.get("vanish") or mark_look.get("specVanish"):
            props["hidden_mark"] = True
        for tag in ("framePr", "bidi"):
            element = ppr.find(w(tag)) if ppr is not None else None
            if element is None:
                element = self.styles.paragraph_property(style, tag)
            if element is not None and (tag != "bidi" or on(element)):
                props[tag] = True
        label = self._number_label(ppr, style)
        if label is not None:
            text, lvl_rpr = label
            look = dict(self._raw(ppr.find(w("rPr")) if ppr is not None else None))
            apply_rpr(look, lvl_rpr)
            look = finish_look(look, self.styles.theme)
            props["num"] = {"t": text, "look": look}
            self._observe(text, look)
        segments: list = []
        self.inline(p, segments)
        return {"p": props, "runs": _merge(segments)}

    def _number_label(self, ppr, style):
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        if num_pr is None:
            num_pr = self.styles.paragraph_property(style, "numPr")
        if num_pr is None:
            return None
        num_id = num_pr.find(w("numId"))
        level = num_pr.find(w("ilvl"))
        try:
            ilvl = int(level.get(w("val"))) if level is not None else 0
        except (TypeError, ValueError):
            ilvl = 0
        return self.numbering.label(num_id.get(w("val")) if num_id is not None else "", ilvl)

    def table(self, tbl) -> dict:
        tbl_pr = tbl.find(w("tblPr"))
        style_element = tbl_pr.find(w("tblStyle")) if tbl_pr is not None else None
        style = style_element.get(w("val")) if style_element is not None else None
        look = tbl_pr.find(w("tblLook")) if tbl_pr is not None else None
        grid = [c.get(w("w")) or "0" for c in tbl.findall(f"{w('tblGrid')}/{w('gridCol')}")]
        narrow = sum(1 for width in grid if _int(width) < 57)  # under 1 mm: a column nobody sees
        rows = list(_rows(tbl))
        out_rows = []
        saved = self.context.get("table")
        for r_index, tr in enumerate(rows):
            tr_pr = tr.find(w("trPr"))
            row: dict = {}
            for tag in ("gridBefore", "gridAfter"):
                element = tr_pr.find(w(tag)) if tr_pr is not None else None
                if element is not None and _int(element.get(w("val"))):
                    row[tag] = _int(element.get(w("val")))
            hidden = tr_pr.find(w("hidden")) if tr_pr is not None else None
            if hidden is not None and on(hidden):
                row["hidden"] = True
            height = tr_pr.find(w("trHeight")) if tr_pr is not None else None
            if height is not None and height.get(w("hRule")) == "exact":
                row["exact_height"] = _int(height.get(w("val")))
            cells = list(_cells(tr))
            out_cells = []
            for c_index, tc in enumerate(cells):
                conditions = table_conditions(look, r_index, len(rows), c_index, len(cells))
                self.context["table"] = self.styles.table_rprs(style, conditions)
                tc_pr = tc.find(w("tcPr"))
                cell: dict = {}
                span = tc_pr.find(w("gridSpan")) if tc_pr is not None else None
                if span is not None and _int(span.get(w("val"))) > 1:
                    cell["span"] = _int(span.get(w("val")))
                merge = tc_pr.find(w("vMerge")) if tc_pr is not None else None
                if merge is not None:
                    cell["vmerge"] = merge.get(w("val")) or "continue"
                cell["blocks"] = self.story(tc)
                out_cells.append(cell)
            row["cells"] = out_cells
            out_rows.append(row)
        self.context["table"] = saved
        table = {"tbl": {"columns": len(grid)}, "rows": out_rows}
        if narrow:
            table["tbl"]["narrow_columns"] = narrow
        return table

    # -- inline content -------------------------------------------------------

    def inline(self, container, segments: list) -> None:
        for child in container:
            namespace, name = local(child.tag)
            if not name:
                continue
            if namespace == W and name == "r":
                self.run(child, segments)
            elif namespace == W and name in CONTAINERS:
                self.inline(child, segments)
            elif namespace == W and name in REVISIONS:
                self._with("rev", REVISIONS[name], lambda c=child: self.inline(c, segments))
            elif namespace == W and name in ("dir", "bdo"):
                self._with(
                    name, child.get(w("val")) or "", lambda c=child: self.inline(c, segments)
                )
            elif namespace == W and name == "sdt":
                content = child.find(w("sdtContent"))
                binding = self._binding(child)
                if binding:
                    segments.append({"sdt": binding})
                if content is not None:
                    self._with("sdt", bool(binding), lambda c=content: self.inline(c, segments))
            elif namespace == W and name == "fldSimple":
                instruction = normalise_instruction(child.get(w("instr")) or "")
                segments.append({"fld": instruction})
                self.fields.append({"instr": instruction, "result": True})
                self.inline(child, segments)
                self.fields.pop()
            elif namespace == M:
                text = "".join(t.text or "" for t in child.iter(f"{{{M}}}t"))
                segments.append({"t": text, "look": {"math": True}})
            elif namespace == MC and name == "AlternateContent":
                branches = []
                for req, branch in _branches(child):
                    inner: list = []
                    self.inline(branch, inner)
                    branches.append([req, _merge(inner)])
                segments.append({"alt": branches})
            elif namespace == W and name == "subDoc":
                segments.append(
                    {
                        "obj": "subDoc",
                        "refs": [self._reference(self.part, child.get(f"{{{R_NS}}}id") or "")],
                    }
                )
            elif namespace == W and name in SKIP:
                continue
            else:
                segments.append({"x": f"{namespace}:{name}"})

    def run(self, r, segments: list) -> None:
        self.run_content(r, self._look(r.find(w("rPr"))), segments)

    def run_content(self, r, look: dict, segments: list) -> None:
        for child in r:
            namespace, name = local(child.tag)
            if not name or name == "rPr":
                continue
            if namespace == MC and name == "AlternateContent":
                branches = []
                for req, branch in _branches(child):
                    inner: list = []
                    self.run_content(branch, look, inner)
                    branches.append([req, _merge(inner)])
                segments.append({"alt": branches})
                continue
            if namespace != W:
                segments.append({"x": f"{namespace}:{name}"})
                continue
            if name in ("t", "delText"):
                self._text(child.text or "", look, segments)
            elif name in ("instrText", "delInstrText"):
                if self.fields and not self.fields[-1]["result"]:
                    self.fields[-1]["instr"] += child.text or ""
            elif name in ("tab", "ptab"):
                self._text("\t", look, segments)
            elif name in ("br", "cr"):
                self._text("\n", look, segments)
            elif name == "noBreakHyphen":
                self._text("-", look, segments)
            elif name == "sym":
                self._symbol(child, look, segments)
            elif name == "fldChar":
                self._field_char(child.get(w("fldCharType")) or "", segments)
            elif name in OBJECTS:
                segments.append(self._object(child, name))
            elif name in ("footnoteReference", "endnoteReference"):
                segments.append(self._note(child, name[: -len("Reference")]))
            elif name == "commentReference":
                segments.append(self._comment(child))
            elif name in ("footnoteRef", "endnoteRef"):
                segments.append({"mark": name})
            elif name == "pgNum" or name.endswith(("Short", "Long")):
                segments.append({"fld": name})
            elif name == "ruby":
                self._ruby(child, segments)
            elif name in SKIP:
                continue
            else:
                segments.append({"x": f"{namespace}:{name}"})

    def _text(self, text: str, look: dict, segments: list) -> None:
        if not text:
            return
        if self.fields and self.fields[-1]["result"]:
            instruction = self.fields[-1]["instr"]
            look = {**look, "field": instruction}
            if instruction.split(" ", 1)[0] in VOLATILE_FIELDS:
                text = "#"  # recomputed on every page: LibreOffice writes the last page's number
        segments.append({"t": text, "look": look})
        self._observe(text, look)

    def _symbol(self, sym, look: dict, segments: list) -> None:
        try:
            char = chr(int(sym.get(w("char")) or "", 16))
        except (ValueError, OverflowError):
            char = "\ufffd"
        self._text(char, {**look, "sym": sym.get(w("font")) or ""}, segments)

    def _field_char(self, kind: str, segments: list) -> None:
        if kind == "begin":
            self.fields.append({"instr": "", "result": False})
        elif kind == "separate" and self.fields:
            field_state = self.fields[-1]
            field_state["instr"] = normalise_instruction(field_state["instr"])
            field_state["result"] = True
            segments.append({"fld": field_state["instr"]})
        elif kind == "end" and self.fields:
            field_state = self.fields.pop()
            if not field_state["result"]:
                segments.append({"fld": normalise_instruction(field_state["instr"])})

    def _ruby(self, ruby, segments: list) -> None:
        base = ruby.find(w("rubyBase"))
        if base is not None:
            self.inline(base, segments)
        annotation = ruby.find(w("rt"))
        if annotation is not None:
            inner: list = []
            self.inline(annotation, inner)
            segments.append({"ruby": _merge(inner)})

    def _object(self, element, kind: str) -> dict:
        refs = []
        stories = []
        for node in _outside_text_boxes(element):
            for attr, value in node.attrib.items():
                if attr.startswith(f"{{{R_NS}}}"):
                    refs.append(self._reference(self.part, value))
                elif local(attr)[1] in ("href", "src") and value:
                    refs.append({"url": value})
        for box in _text_boxes(element):
            stories.append(self.story(box))
        return {"obj": kind, "refs": refs, "stories": stories}

    def _note(self, ref, kind: str) -> dict:
        note_id = ref.get(w("id")) or ""
        rel = self.pkg.related(self.main, f"{kind}s")
        out: dict = {"note": kind}
        if ref.get(w("customMarkFollows")) and on_value(ref.get(w("customMarkFollows"))):
            out["custom_mark"] = True
        root = self.pkg.xml(rel[0].target) if rel else None
        for note in root.findall(w(kind)) if root is not None else ():
            if note.get(w("id")) == note_id:
                saved, self.part = self.part, rel[0].target
                out["blocks"] = self.story(note)
                self.part = saved
                return out
        out["x"] = "mangler"
        return out

    def _comment(self, ref) -> dict:
        comment_id = ref.get(w("id")) or ""
        rel = self.pkg.related(self.main, "comments")
        root = self.pkg.xml(rel[0].target) if rel else None
        for comment in root.findall(w("comment")) if root is not None else ():
            if comment.get(w("id")) == comment_id:
                saved, self.part = self.part, rel[0].target
                blocks = self.story(comment)
                self.part = saved
                return {"comment": comment.get(w("author")) or "", "blocks": blocks}
        return {"comment": "", "x": "mangler"}

    # -- looks, references, bindings ----------------------------------------

    def _raw(self, direct) -> dict:
        return self.styles.run_look(
            self.context.get("pstyle"), None, direct, self.context.get("table") or ()
        )

    def _look(self, rpr) -> dict:
        r_style = rpr.find(w("rStyle")) if rpr is not None else None
        raw = self.styles.run_look(
            self.context.get("pstyle"),
            r_style.get(w("val")) if r_style is not None else None,
            rpr,
            self.context.get("table") or (),
        )
        look = finish_look(raw, self.styles.theme)
        for key in ("rev", "dir", "bdo", "sdt"):
            if self.context.get(key):
                look[key] = self.context[key]
        return look

    def _with(self, key: str, value, action) -> None:
        saved = self.context.get(key)
        self.context[key] = value
        try:
            action()
        finally:
            self.context[key] = saved

    def _observe(self, text: str, look: dict) -> None:
        reason = invisibility(look, self.background)
        if reason and text.strip():
            self.notes.append(Note(self.part, reason, text))

    def _reference(self, source: str, rid: str) -> dict:
        rel = self.pkg.relationship(source, rid)
        if rel is None:
            return {"rid": "mangler"}
        if rel.external:
            return {"url": rel.target}
        blob = self.pkg.blob(rel.target)
        if blob is None:
            return {"part": "mangler"}
        return {"kind": rel.kind, "sha256": hashlib.sha256(blob).hexdigest()}

    def _binding(self, sdt) -> dict:
        sdt_pr = sdt.find(w("sdtPr"))
        binding = sdt_pr.find(w("dataBinding")) if sdt_pr is not None else None
        if binding is None:
            return {}
        store = (binding.get(w("storeItemID")) or "").upper()
        xpath = binding.get(w("xpath")) or ""
        value = _evaluate(self._store(store), xpath, binding.get(w("prefixMappings")) or "")
        return {"store": store, "xpath": xpath, "value": value}

    def _store(self, item_id: str):
        if self._stores is None:
            stores: dict[str, object] = {}
            for rel in self.pkg.related("", "core-properties"):
                stores[STORE_CORE] = self.pkg.xml(rel.target)
            for rel in self.pkg.related("", "extended-properties"):
                stores[STORE_APP] = self.pkg.xml(rel.target)
            for rel in self.pkg.related(self.main, "customXml"):
                for props in self.pkg.related(rel.target, "customXmlProps"):
                    root = self.pkg.xml(props.target)
                    if root is not None:
                        key = (root.get(f"{DS}itemID") or "").upper()
                        stores.setdefault(key, self.pkg.xml(rel.target))
            self._stores = stores
        return self._stores.get(item_id)


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


def _evaluate(root, xpath: str, mappings: str) -> str:
    """The text a simple XPath (/ns0:a[1]/ns0:b[1], as Word writes them) selects; '?' for
    anything else. No general XPath engine runs on a hostile file."""
    if root is None:
        return "?"
    prefixes = dict(re.findall(r"xmlns:([\w.-]+)\s*=\s*['\"]([^'\"]*)['\"]", mappings))
    steps = [s for s in xpath.strip().split("/") if s]
    if not steps or len(steps) > 32:
        return "?"
    nodes = [root.getroottree().getroot()]
    current = None
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
            candidates = [child for child in current if child.tag == tag]
        number = int(position or 1)
        if len(candidates) < number:
            return "?"
        current = candidates[number - 1]
    return "".join(current.itertext()) if current is not None else "?"


def _branches(alternate) -> list:
    """mc:Choice branches (with what they require) and the mc:Fallback, in order."""
    out = []
    for child in alternate:
        namespace, name = local(child.tag)
        if namespace == MC and name == "Choice":
            out.append([child.get("Requires") or "", child])
        elif namespace == MC and name == "Fallback":
            out.append(["fallback", child])
    return [[req, branch] for req, branch in out]


def _rows(tbl):
    for child in tbl:
        namespace, name = local(child.tag)
        if namespace == W and name == "tr":
            yield child
        elif namespace == W and name in ("sdt", "customXml"):
            content = child.find(w("sdtContent"))
            yield from _rows(content if content is not None else child)


def _cells(tr):
    for child in tr:
        namespace, name = local(child.tag)
        if namespace == W and name == "tc":
            yield child
        elif namespace == W and name in ("sdt", "customXml"):
            content = child.find(w("sdtContent"))
            yield from _cells(content if content is not None else child)


def _text_boxes(element):
    """The outermost w:txbxContent inside an object (nested ones are read with their box)."""
    for child in element:
        if child.tag == w("txbxContent"):
            yield child
        elif isinstance(child.tag, str):
            yield from _text_boxes(child)


def _outside_text_boxes(element):
    yield element
    for child in element:
        if isinstance(child.tag, str) and child.tag != w("txbxContent"):
            yield from _outside_text_boxes(child)


def _merge(segments: list) -> list:
    """Adjacent text of the same look as one segment: how a program splits runs is not display."""
    out: list = []
    for segment in segments:
        if out and "t" in segment and "t" in out[-1] and out[-1]["look"] == segment["look"]:
            out[-1] = {"t": out[-1]["t"] + segment["t"], "look": segment["look"]}
        else:
            out.append(segment)
    return out


def _has_content(blocks) -> bool:
    """A header or footer with nothing in it shows nothing (programs add or drop empty ones)."""
    text = canonical_json(blocks)
    return '"t":' in text or '"obj":' in text or '"x":' in text or '"fld":' in text


def _int(value) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return 0
