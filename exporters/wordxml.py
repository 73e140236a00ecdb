"""WordprocessingML names shared by the Word renderer and reader."""

from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    """The Clark name of a w: element or attribute: w("p") -> '{…main}p'."""
    return f"{{{W}}}{tag}"


P, PPR, PSTYLE, R, RPR, T, TAB, BR, B = map(
    w, ("p", "pPr", "pStyle", "r", "rPr", "t", "tab", "br", "b")
)
VAL = w("val")
