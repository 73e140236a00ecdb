"""The named styles of our Word template, one per kind of block.

A ministry's own template is used wherever it defines a style of one of
these names; `resources/templates/aktstykke.docx` (built by
scripts/build_template.py) defines them all.
"""

from __future__ import annotations

from importlib import resources

HEADER = "Aktstykke Hoved"
LITRA = "Aktstykke Litra"
CONTINUATION = "Aktstykke Fortsat"
SUBHEADING = "Aktstykke Underoverskrift"
LITRA_SUBHEADING = "Aktstykke Litra Underoverskrift"
TABLE_CAPTION = "Aktstykke Tabeloverskrift"
TABLE = "Aktstykke Tabel"
TABLE_TEXT = "Aktstykke Tabeltekst"
TABLE_NUMBER = "Aktstykke Tabeltal"
TABLE_NOTE = "Aktstykke Tabelnote"
SIGNATURE = "Aktstykke Underskrift"
SIGNATURE_NAME = "Aktstykke Underskrift Navn"
ADDRESSEE = "Aktstykke Modtager"
MARKING = "Aktstykke Udkast"
PAGE_NUMBER = "Aktstykke Sidetal"
FOOTER_NOTE = "Aktstykke Sidefod"

PARAGRAPH_STYLES: tuple[str, ...] = (
    HEADER,
    LITRA,
    CONTINUATION,
    SUBHEADING,
    LITRA_SUBHEADING,
    TABLE_CAPTION,
    TABLE_TEXT,
    TABLE_NUMBER,
    TABLE_NOTE,
    SIGNATURE,
    SIGNATURE_NAME,
    ADDRESSEE,
    MARKING,
    PAGE_NUMBER,
    FOOTER_NOTE,
)
TABLE_STYLES: tuple[str, ...] = (TABLE,)
ALL_STYLES: tuple[str, ...] = PARAGRAPH_STYLES + TABLE_STYLES

TEMPLATE_NAME = "aktstykke.docx"


def reference_template_bytes() -> bytes:
    """Our reference template, as shipped in resources/templates/."""
    return resources.files("resources").joinpath("templates", TEMPLATE_NAME).read_bytes()
