"""The story reader of the display model: paragraphs, tables, runs and what they hold.

See exporters.display for what the model is for. Each run gets its effective
look (exporters.wordlook); text boxes, notes and comments are read where they
are anchored; field results are tagged with their instruction; whatever is
not understood is kept as {"x": tag}, so it can only make files differ.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import partial
from typing import Any

from lxml.etree import _Element

from exporters.displayxml import (
    CONTAINERS,
    DS,
    MC,
    OBJECTS,
    R_NS,
    REVISIONS,
    SKIP,
    STORE_APP,
    STORE_CORE,
    VOLATILE_FIELDS,
    M,
    Note,
    alternate_branches,
    cells,
    evaluate_binding,
    merge,
    normalise_instruction,
    on_value,
    outside_text_boxes,
    rows,
    text_boxes,
    to_int,
)
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


class StoryReader:
    """Reads stories (body, headers, notes, comments, text boxes) into model blocks."""

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
        self.fields: list[dict[str, Any]] = []
        self.context: dict[str, Any] = {}
        self.sections: list[Any] = []
        self.background = "FFFFFF"
        self._stores: dict[str, _Element | None] | None = None
        self._depth = 0

    # -- stories and blocks ---------------------------------------------------

    def story(self, container: _Element) -> list[Any]:
        blocks: list[Any] = []
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
                    {
                        "alt": [
                            [req, self.story(branch)] for req, branch in alternate_branches(child)
                        ]
                    }
                )
            elif namespace == W and name in SKIP:
                continue
            else:
                blocks.append({"x": f"{namespace}:{name}"})
        self._depth -= 1
        return blocks

    def paragraph(self, p: _Element) -> dict[str, Any]:
        ppr = p.find(w("pPr"))
        style = None
        props: dict[str, Any] = {}
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
        segments: list[Any] = []
        self.inline(p, segments)
        return {"p": props, "runs": merge(segments)}

    def _number_label(
        self, ppr: _Element | None, style: str | None
    ) -> tuple[str, _Element | None] | None:
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        if num_pr is None:
            num_pr = self.styles.paragraph_property(style, "numPr")
        if num_pr is None:
            return None
        num_id = num_pr.find(w("numId"))
        level = num_pr.find(w("ilvl"))
        try:
            ilvl = int(level.get(w("val")) or "") if level is not None else 0
        except (TypeError, ValueError):
            ilvl = 0
        return self.numbering.label(
            (num_id.get(w("val")) or "") if num_id is not None else "", ilvl
        )

    def table(self, tbl: _Element) -> dict[str, Any]:
        tbl_pr = tbl.find(w("tblPr"))
        style_element = tbl_pr.find(w("tblStyle")) if tbl_pr is not None else None
        style = style_element.get(w("val")) if style_element is not None else None
        look = tbl_pr.find(w("tblLook")) if tbl_pr is not None else None
        grid = [c.get(w("w")) or "0" for c in tbl.findall(f"{w('tblGrid')}/{w('gridCol')}")]
        narrow = sum(1 for width in grid if to_int(width) < 57)  # under 1 mm: a column nobody sees
        table_rows = list(rows(tbl))
        out_rows = []
        saved = self.context.get("table")
        for r_index, tr in enumerate(table_rows):
            tr_pr = tr.find(w("trPr"))
            row: dict[str, Any] = {}
            for tag in ("gridBefore", "gridAfter"):
                element = tr_pr.find(w(tag)) if tr_pr is not None else None
                if element is not None and to_int(element.get(w("val"))):
                    row[tag] = to_int(element.get(w("val")))
            hidden = tr_pr.find(w("hidden")) if tr_pr is not None else None
            if hidden is not None and on(hidden):
                row["hidden"] = True
            height = tr_pr.find(w("trHeight")) if tr_pr is not None else None
            if height is not None and height.get(w("hRule")) == "exact":
                row["exact_height"] = to_int(height.get(w("val")))
            row_cells = list(cells(tr))
            out_cells = []
            for c_index, tc in enumerate(row_cells):
                conditions = table_conditions(
                    look, r_index, len(table_rows), c_index, len(row_cells)
                )
                self.context["table"] = self.styles.table_rprs(style, conditions)
                tc_pr = tc.find(w("tcPr"))
                cell: dict[str, Any] = {}
                span = tc_pr.find(w("gridSpan")) if tc_pr is not None else None
                if span is not None and to_int(span.get(w("val"))) > 1:
                    cell["span"] = to_int(span.get(w("val")))
                merge = tc_pr.find(w("vMerge")) if tc_pr is not None else None
                if merge is not None:
                    cell["vmerge"] = merge.get(w("val")) or "continue"
                cell["blocks"] = self.story(tc)
                out_cells.append(cell)
            row["cells"] = out_cells
            out_rows.append(row)
        self.context["table"] = saved
        tbl_props: dict[str, int] = {"columns": len(grid)}
        if narrow:
            tbl_props["narrow_columns"] = narrow
        return {"tbl": tbl_props, "rows": out_rows}

    # -- inline content -------------------------------------------------------

    def inline(self, container: _Element, segments: list[Any]) -> None:
        for child in container:
            namespace, name = local(child.tag)
            if not name:
                continue
            if namespace == W and name == "r":
                self.run(child, segments)
            elif namespace == W and name in CONTAINERS:
                self.inline(child, segments)
            elif namespace == W and name in REVISIONS:
                self._with("rev", REVISIONS[name], partial(self.inline, child, segments))
            elif namespace == W and name in ("dir", "bdo"):
                self._with(name, child.get(w("val")) or "", partial(self.inline, child, segments))
            elif namespace == W and name == "sdt":
                content = child.find(w("sdtContent"))
                binding = self._binding(child)
                if binding:
                    segments.append({"sdt": binding})
                if content is not None:
                    self._with("sdt", bool(binding), partial(self.inline, content, segments))
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
                for req, branch in alternate_branches(child):
                    inner: list[Any] = []
                    self.inline(branch, inner)
                    branches.append([req, merge(inner)])
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

    def run(self, r: _Element, segments: list[Any]) -> None:
        self.run_content(r, self._look(r.find(w("rPr"))), segments)

    def run_content(self, r: _Element, look: dict[str, Any], segments: list[Any]) -> None:
        for child in r:
            namespace, name = local(child.tag)
            if not name or name == "rPr":
                continue
            if namespace == MC and name == "AlternateContent":
                branches = []
                for req, branch in alternate_branches(child):
                    inner: list[Any] = []
                    self.run_content(branch, look, inner)
                    branches.append([req, merge(inner)])
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

    def _text(self, text: str, look: dict[str, Any], segments: list[Any]) -> None:
        if not text:
            return
        if self.fields and self.fields[-1]["result"]:
            instruction = self.fields[-1]["instr"]
            look = {**look, "field": instruction}
            if instruction.split(" ", 1)[0] in VOLATILE_FIELDS:
                text = "#"  # recomputed on every page: LibreOffice writes the last page's number
        segments.append({"t": text, "look": look})
        self._observe(text, look)

    def _symbol(self, sym: _Element, look: dict[str, Any], segments: list[Any]) -> None:
        try:
            char = chr(int(sym.get(w("char")) or "", 16))
        except (ValueError, OverflowError):
            char = "\ufffd"
        self._text(char, {**look, "sym": sym.get(w("font")) or ""}, segments)

    def _field_char(self, kind: str, segments: list[Any]) -> None:
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

    def _ruby(self, ruby: _Element, segments: list[Any]) -> None:
        base = ruby.find(w("rubyBase"))
        if base is not None:
            self.inline(base, segments)
        annotation = ruby.find(w("rt"))
        if annotation is not None:
            inner: list[Any] = []
            self.inline(annotation, inner)
            segments.append({"ruby": merge(inner)})

    def _object(self, element: _Element, kind: str) -> dict[str, Any]:
        refs = []
        stories = []
        for node in outside_text_boxes(element):
            for attr, value in node.attrib.items():
                if attr.startswith(f"{{{R_NS}}}"):
                    refs.append(self._reference(self.part, value))
                elif local(attr)[1] in ("href", "src") and value:
                    refs.append({"url": value})
        for box in text_boxes(element):
            stories.append(self.story(box))
        return {"obj": kind, "refs": refs, "stories": stories}

    def _note(self, ref: _Element, kind: str) -> dict[str, Any]:
        note_id = ref.get(w("id")) or ""
        rel = self.pkg.related(self.main, f"{kind}s")
        out: dict[str, Any] = {"note": kind}
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

    def _comment(self, ref: _Element) -> dict[str, Any]:
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

    def _raw(self, direct: _Element | None) -> dict[str, Any]:
        return self.styles.run_look(
            self.context.get("pstyle"), None, direct, self.context.get("table") or ()
        )

    def _look(self, rpr: _Element | None) -> dict[str, Any]:
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

    def _with(self, key: str, value: object, action: Callable[[], object]) -> None:
        saved = self.context.get(key)
        self.context[key] = value
        try:
            action()
        finally:
            self.context[key] = saved

    def _observe(self, text: str, look: dict[str, Any]) -> None:
        reason = invisibility(look, self.background)
        if reason and text.strip():
            self.notes.append(Note(self.part, reason, text))

    def _reference(self, source: str, rid: str) -> dict[str, Any]:
        rel = self.pkg.relationship(source, rid)
        if rel is None:
            return {"rid": "mangler"}
        if rel.external:
            return {"url": rel.target}
        blob = self.pkg.blob(rel.target)
        if blob is None:
            return {"part": "mangler"}
        return {"kind": rel.kind, "sha256": hashlib.sha256(blob).hexdigest()}

    def _binding(self, sdt: _Element) -> dict[str, Any]:
        sdt_pr = sdt.find(w("sdtPr"))
        binding = sdt_pr.find(w("dataBinding")) if sdt_pr is not None else None
        if binding is None:
            return {}
        store = (binding.get(w("storeItemID")) or "").upper()
        xpath = binding.get(w("xpath")) or ""
        value = evaluate_binding(self._store(store), xpath, binding.get(w("prefixMappings")) or "")
        return {"store": store, "xpath": xpath, "value": value}

    def _store(self, item_id: str) -> _Element | None:
        if self._stores is None:
            stores: dict[str, _Element | None] = {}
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
