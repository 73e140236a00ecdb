"""How Word draws a run or a paragraph: its effective look.

Properties are resolved the way Word applies them: document defaults, the
table style (with the conditional formats its tblLook switches on), the
paragraph style and its basedOn chain, the character style, then direct
formatting; the last one to set a property wins. Theme fonts and colours are
resolved through the theme, so a file another program wrote with the names
spelled out looks the same as ours, and a theme that swaps a font does not.
Numbering labels are counted and formatted as Word shows them.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from lxml.etree import _Element

from exporters.wordxml import W, w

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
TOGGLES = frozenset(
    [
        "b",
        "i",
        "caps",
        "smallCaps",
        "strike",
        "dstrike",
        "vanish",
        "specVanish",
        "emboss",
        "imprint",
        "outline",
        "shadow",
        "rtl",
        "cs",
    ]
)
"""On/off properties; specVanish hides like vanish."""
NUMBERS = frozenset(["sz", "szCs", "position", "spacing", "w"])
VALUES = frozenset(["vertAlign", "highlight", "em", "effect"])
NEUTRAL = frozenset(
    [
        "rStyle",
        "lang",
        "noProof",
        "kern",
        "rPrChange",
        "snapToGrid",
        "oMath",
        "ins",
        "del",
        "moveFrom",
        "moveTo",
    ]
)
"""Run properties that never change which characters are seen, or how legibly."""
NEUTRAL_COMPLEX = frozenset(["bCs", "iCs", "szCs"])
"""Complex-script variants: they matter only for runs marked cs or rtl."""
TRUE = ("1", "true", "on", "")
FONT_SLOTS = ("ascii", "hAnsi", "cs", "eastAsia")
THEME_COLOURS = {
    "dark1": "dk1",
    "light1": "lt1",
    "dark2": "dk2",
    "light2": "lt2",
    "text1": "dk1",
    "background1": "lt1",
    "text2": "dk2",
    "background2": "lt2",
    "hyperlink": "hlink",
    "followedHyperlink": "folHlink",
}
MAX_CHAIN = 32
"""basedOn chains longer than this are a loop (a damaged or hostile styles part)."""


def local(tag: object) -> tuple[str, str]:
    """(namespace, local name) of a Clark name; ('', '') for comments and PIs."""
    if not isinstance(tag, str):
        return "", ""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def on(element: _Element) -> bool:
    return (element.get(w("val")) or "").lower() in TRUE


def canonical(element: _Element) -> str:
    """An element as a stable string: tag, sorted attributes, children (for unknown properties)."""
    attrs = ",".join(f"{k}={v}" for k, v in sorted(element.attrib.items()))
    children = "".join(canonical(child) for child in element if isinstance(child.tag, str))
    return f"<{element.tag!s} {attrs}>{children}</>"


class Theme:
    def __init__(self, root: _Element | None):
        self.fonts: dict[str, str] = {}
        self.colours: dict[str, str] = {}
        if root is None:
            return
        for kind in ("major", "minor"):
            scheme = root.find(f".//{A}{kind}Font")
            if scheme is None:
                continue
            for slot, tag in (("HAnsi", "latin"), ("Ascii", "latin"), ("EastAsia", "ea")):
                font = scheme.find(f"{A}{tag}")
                if font is not None:
                    self.fonts[f"{kind}{slot}"] = font.get("typeface") or ""
            font = scheme.find(f"{A}cs")
            if font is not None:
                self.fonts[f"{kind}Bidi"] = font.get("typeface") or ""
        scheme = root.find(f".//{A}clrScheme")
        if scheme is not None:
            for colour in scheme:
                value = next(iter(colour), None)
                if value is not None:
                    rgb = value.get("val") if value.tag == f"{A}srgbClr" else value.get("lastClr")
                    self.colours[local(colour.tag)[1]] = (rgb or "").upper()

    def font(self, name: str) -> str:
        return self.fonts.get(name, f"tema:{name}")

    def colour(self, name: str) -> str:
        key = THEME_COLOURS.get(name, name)
        return self.colours.get(key, f"tema:{name}")


def apply_rpr(look: dict[str, Any], rpr: _Element | None) -> None:
    """Lay one rPr's properties over `look`."""
    if rpr is None:
        return
    for child in rpr:
        namespace, name = local(child.tag)
        if not name:
            continue
        if namespace != W:
            look[f"{{{namespace}}}{name}"] = canonical(child)
        elif name in TOGGLES:
            look[name] = on(child)
        elif name == "rFonts":
            for slot in FONT_SLOTS:
                theme = child.get(w(f"{slot}Theme"))
                plain = child.get(w(slot))
                if theme:
                    look[f"font.{slot}"] = ("theme", theme)
                elif plain:
                    look[f"font.{slot}"] = ("name", plain)
        elif name == "color":
            look["color"] = (child.get(w("val")) or "auto", child.get(w("themeColor")) or "")
        elif name in NUMBERS:
            try:
                look[name] = int(float(child.get(w("val")) or 0))
            except ValueError:
                look[name] = child.get(w("val"))
        elif name in VALUES:
            look[name] = child.get(w("val")) or ""
        elif name == "u":
            look["u"] = child.get(w("val")) or "single"
        elif name == "shd":
            look["shd"] = (child.get(w("fill")) or "auto", child.get(w("val")) or "")
        elif name in NEUTRAL or name in NEUTRAL_COMPLEX or name == "webHidden":
            continue
        else:
            look[f"w:{name}"] = canonical(child)


def finish_look(raw: dict[str, Any], theme: Theme) -> dict[str, Any]:
    """The look that reaches the model: fonts and colours resolved, defaults left out."""
    complex_script = raw.get("cs") or raw.get("rtl")
    out: dict[str, Any] = {}
    fonts = {}
    for slot in ("ascii", "hAnsi", "cs") if complex_script else ("ascii", "hAnsi"):
        kind, value = raw.get(f"font.{slot}", ("name", ""))
        fonts[slot] = theme.font(value) if kind == "theme" else value
    out["font"] = fonts["ascii"]
    if fonts["hAnsi"] != fonts["ascii"]:
        out["font.hAnsi"] = fonts["hAnsi"]
    if complex_script:
        out["font.cs"] = fonts["cs"]
    out["sz"] = raw.get("szCs" if complex_script else "sz", 20)
    value, theme_colour = raw.get("color", ("auto", ""))
    colour = theme.colour(theme_colour) if theme_colour else value.upper()
    if colour not in ("AUTO", "000000"):
        out["color"] = colour
    for key, item in raw.items():
        if key.startswith("font.") or key in ("sz", "szCs", "color", "kern"):
            continue
        if item in (False, 0, "", None) or (key == "w" and item == 100):
            continue
        if key in ("vertAlign", "u", "highlight", "em", "effect") and item in (
            "baseline",
            "none",
        ):
            continue
        if (
            key == "shd"
            and item[0].lower() in ("auto", "ffffff")
            and item[1] in ("", "clear", "nil")
        ):
            continue
        out[key] = list(item) if isinstance(item, tuple) else item
    return out


class StyleSheet:
    """The styles part, with the theme it refers to."""

    def __init__(self, root: _Element | None, theme: Theme):
        self.theme = theme
        self.styles: dict[str, etree._Element] = {}
        self.defaults: dict[str, str] = {}
        self.doc_rpr: _Element | None = None
        self.doc_ppr = None
        if root is None:
            return
        for style in root.iter(w("style")):
            style_id = style.get(w("styleId")) or ""
            self.styles.setdefault(style_id, style)
            if on_attr(style.get(w("default"))):
                self.defaults.setdefault(style.get(w("type")) or "paragraph", style_id)
        defaults = root.find(w("docDefaults"))
        if defaults is not None:
            self.doc_rpr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
            self.doc_ppr = defaults.find(f"{w('pPrDefault')}/{w('pPr')}")
        self._base_cache: dict[tuple[Any, ...], dict[str, Any]] = {}

    def chain(self, style_id: str | None, kind: str) -> list[etree._Element]:
        """The style and everything it is based on, base first."""
        if not style_id or style_id not in self.styles:
            style_id = self.defaults.get(kind)
        out: list[etree._Element] = []
        seen = set()
        while (
            style_id and style_id in self.styles and style_id not in seen and len(out) < MAX_CHAIN
        ):
            seen.add(style_id)
            style = self.styles[style_id]
            out.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return out[::-1]

    def paragraph_property(self, style_id: str | None, tag: str) -> _Element | None:
        """The most derived paragraph style's pPr child `tag`, or the document default's."""
        for style in reversed(self.chain(style_id, "paragraph")):
            found = style.find(f"{w('pPr')}/{w(tag)}")
            if found is not None:
                return found
        return self.doc_ppr.find(w(tag)) if self.doc_ppr is not None else None

    def run_look(
        self,
        p_style: str | None,
        r_style: str | None,
        direct: _Element | None,
        table: tuple[_Element, ...] = (),
    ) -> dict[str, Any]:
        """The effective raw look of a run; `table` holds the table style's rPr elements."""
        key = (p_style, r_style, tuple(id(t) for t in table))
        base = self._base_cache.get(key)
        if base is None:
            base = {}
            apply_rpr(base, self.doc_rpr)
            for rpr in table:
                apply_rpr(base, rpr)
            for style in self.chain(p_style, "paragraph"):
                apply_rpr(base, style.find(w("rPr")))
            if r_style:
                for style in self.chain(r_style, "character"):
                    apply_rpr(base, style.find(w("rPr")))
            self._base_cache[key] = base
        look = dict(base)
        apply_rpr(look, direct)
        return look

    def table_rprs(self, style_id: str | None, conditions: list[str]) -> tuple[Any, ...]:
        """The table style's rPr for a cell: the whole table, then each condition that applies."""
        out = []
        for style in self.chain(style_id, "table"):
            out.append(style.find(w("rPr")))
            for condition in conditions:
                for part in style.findall(w("tblStylePr")):
                    if part.get(w("type")) == condition:
                        out.append(part.find(w("rPr")))
        return tuple(r for r in out if r is not None)


def on_attr(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "on")


LOOK_BITS = {"firstRow": 0x20, "lastRow": 0x40, "firstColumn": 0x80, "lastColumn": 0x100}


def table_conditions(
    tbl_look: _Element | None, row: int, rows: int, column: int, columns: int
) -> list[str]:
    """The conditional formats of a table style that Word applies to one cell, in order."""
    if tbl_look is None:
        flags = {"firstRow": True, "firstColumn": True, "noVBand": True}
    else:
        bits = int(tbl_look.get(w("val")) or "0", 16) if _hex(tbl_look.get(w("val"))) else 0
        flags = {}
        for name, bit in LOOK_BITS.items():
            attr = tbl_look.get(w(name))
            flags[name] = on_attr(attr) if attr is not None else bool(bits & bit)
        for name, bit in (("noHBand", 0x200), ("noVBand", 0x400)):
            attr = tbl_look.get(w(name))
            flags[name] = on_attr(attr) if attr is not None else bool(bits & bit)
    out = []
    if not flags.get("noVBand"):
        out.append("band1Vert" if column % 2 == 0 else "band2Vert")
    if not flags.get("noHBand"):
        out.append("band1Horz" if row % 2 == 0 else "band2Horz")
    if flags.get("firstColumn") and column == 0:
        out.append("firstCol")
    if flags.get("lastColumn") and column == columns - 1:
        out.append("lastCol")
    if flags.get("firstRow") and row == 0:
        out.append("firstRow")
    if flags.get("lastRow") and row == rows - 1:
        out.append("lastRow")
    return out


def _hex(value: str | None) -> bool:
    try:
        int(value or "", 16)
    except ValueError:
        return False
    return True


TINY_HALF_POINTS = 6
"""Text of 3 pt or less cannot be read on paper (the footer note is 7 pt)."""
MIN_SCALE = 20
"""Characters squeezed to under a fifth of their width cannot be read."""


def invisibility(look: dict[str, Any], background: str = "FFFFFF") -> str | None:
    """Why a run with this finished look is not seen ('skjult', 'usynlig farve' …), or None."""
    if look.get("vanish") or look.get("specVanish"):
        return "skjult tekst"
    colour = look.get("color", "000000")
    fill = look.get("shd", ["auto", ""])[0].upper() if "shd" in look else None
    highlight = look.get("highlight")
    if (
        colour == background.upper()
        or (fill and colour == fill)
        or (highlight and colour == _HIGHLIGHTS.get(highlight))
    ):
        return "tekst i baggrundens farve"
    if look.get("sz", 20) <= TINY_HALF_POINTS:
        return "tekst i en ulæselig lille størrelse"
    if look.get("w", 100) < MIN_SCALE:
        return "sammenpresset tekst"
    spacing = look.get("spacing", 0)
    if isinstance(spacing, int) and spacing < 0 and -spacing * 2 >= look.get("sz", 20) * 10 * 0.6:
        return "tekst med overlappende tegn"
    for key, value in look.items():
        if "textFill" in key and "noFill" in str(value):
            return "tekst uden fyld"
    return None


_HIGHLIGHTS = {
    "white": "FFFFFF",
    "black": "000000",
    "yellow": "FFFF00",
    "green": "00FF00",
    "cyan": "00FFFF",
    "magenta": "FF00FF",
    "blue": "0000FF",
    "red": "FF0000",
    "darkBlue": "000080",
    "darkCyan": "008080",
    "darkGreen": "008000",
    "darkMagenta": "800080",
    "darkRed": "800000",
    "darkYellow": "808000",
    "darkGray": "808080",
    "lightGray": "C0C0C0",
}
