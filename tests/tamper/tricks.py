"""The tamper corpus: ways to make a signed final export show something else.

Each trick edits a copy of the signed final export of the example (amount 50,0
to IOM and ICMPD, 100,0 in all) with lxml and zipfile, as someone with the file
and a text editor would. `visible` says whether the trick changes what Word
displays or prints; `part` is a part the verdict must name. The 20 tricks that
fooled the first `verify` (issue 12) come first; the rest were found since.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from tests.tamper.package import (
    MC,
    RELS,
    RT,
    WML,
    Docx,
    element,
    paragraph_with,
    rpr,
    run_with,
    story_part,
    text_run,
    w,
)


@dataclass(frozen=True)
class Trick:
    name: str
    apply: Callable[[Docx], None]
    part: str
    """A part the verdict must name as added, removed or changed."""
    visible: bool = True
    """False for a change that alters nothing displayed or printed (settings, properties)."""
    code: bool = False
    """True for a change that makes Word run code (macros): never 'merely re-saved'."""

    @property
    def may_look_resaved(self) -> bool:
        return not self.visible and not self.code


TRICKS: list[Trick] = []


def trick(part: str, *, visible: bool = True, code: bool = False):
    def register(function: Callable[[Docx], None]) -> Callable[[Docx], None]:
        TRICKS.append(Trick(function.__name__, function, part, visible, code))
        return function

    return register


LITRA_A = "Udenrigsministeriet anmoder hermed"
LITRA_E = "Under henvisning til ovenstående"


# -- the tricks of issue 12 ------------------------------------------------------------------


@trick("word/document.xml")
def hidden_text(doc: Docx) -> None:
    """Litra e, the actual request, hidden with w:vanish: Word shows nothing of it."""
    doc.document(lambda root: rpr(run_with(root, LITRA_E)).append(element("<w:vanish/>")))


@trick("word/document.xml")
def white_amount_with_symbol_digits(doc: Docx) -> None:
    """IOM's 50,0 in white at 1 pt; 60,0 drawn beside it with w:sym from Symbol."""

    def change(root):
        run = run_with(root, "50,0")
        props = rpr(run)
        props.append(element('<w:color w:val="FFFFFF"/>'))
        props.append(element('<w:sz w:val="2"/>'))
        symbols = "".join(
            f'<w:sym w:font="Symbol" w:char="{code}"/>' for code in ("F036", "F030", "F02C", "F030")
        )
        run.addnext(element(f"<w:r>{symbols}</w:r>"))

    doc.document(change)


@trick("word/header1.xml")
def header_with_other_text(doc: Docx) -> None:
    doc.add(
        "word/header1.xml",
        story_part(
            "hdr", "<w:p><w:r><w:t>Bevillingen er forhøjet til 200,0 mio. kr.</w:t></w:r></w:p>"
        ),
        WML + "header+xml",
    )
    doc.relate("word/_rels/document.xml.rels", "header", "header1.xml", rid="rIdT1")

    def change(root):
        sect = root.find(f"{w('body')}/{w('sectPr')}")
        sect.insert(0, element('<w:headerReference w:type="default" r:id="rIdT1"/>'))

    doc.document(change)


@trick("word/document.xml")
def text_box(doc: Docx) -> None:
    def change(root):
        paragraph_with(root, LITRA_A).append(
            element(
                '<w:r><w:pict><v:shape style="position:absolute;width:300pt;height:40pt">'
                "<v:textbox><w:txbxContent><w:p><w:r><w:t>Tilsagnet bortfalder.</w:t></w:r>"
                "</w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
            )
        )

    doc.document(change)


@trick("word/footnotes.xml")
def footnote(doc: Docx) -> None:
    doc.add(
        "word/footnotes.xml",
        story_part(
            "footnotes",
            '<w:footnote w:id="1"><w:p><w:r><w:t>Beløbet er dog 150,0 mio. kr.</w:t></w:r>'
            "</w:p></w:footnote>",
        ),
        WML + "footnotes+xml",
    )
    doc.relate("word/_rels/document.xml.rels", "footnotes", "footnotes.xml", rid="rIdT2")
    doc.document(
        lambda root: paragraph_with(root, LITRA_A).append(
            element('<w:r><w:footnoteReference w:id="1"/></w:r>')
        )
    )


@trick("word/comments.xml")
def comment(doc: Docx) -> None:
    doc.add(
        "word/comments.xml",
        story_part(
            "comments",
            '<w:comment w:id="0" w:author="Ukendt"><w:p><w:r><w:t>Ministeren har godkendt '
            "250,0 mio. kr.</w:t></w:r></w:p></w:comment>",
        ),
        WML + "comments+xml",
    )
    doc.relate("word/_rels/document.xml.rels", "comments", "comments.xml", rid="rIdT3")
    doc.document(
        lambda root: paragraph_with(root, LITRA_A).append(
            element('<w:r><w:commentReference w:id="0"/></w:r>')
        )
    )


@trick("word/numbering.xml")
def numbering_before_litra_a(doc: Docx) -> None:
    doc.add(
        "word/numbering.xml",
        story_part(
            "numbering",
            '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="none"/><w:lvlText w:val="Afvist af Finansministeriet: "/>'
            '<w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
        ),
        WML + "numbering+xml",
    )
    doc.relate("word/_rels/document.xml.rels", "numbering", "numbering.xml", rid="rIdT4")

    def change(root):
        ppr = paragraph_with(root, LITRA_A).find(w("pPr"))
        ppr.append(element('<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))

    doc.document(change)


@trick("word/styles.xml")
def style_made_hidden(doc: Docx) -> None:
    """Every 'Aktstykke Fortsat' paragraph vanishes: the style is hidden."""

    def change(root):
        for style in root.iter(w("style")):
            if style.get(w("styleId")) == "AktstykkeFortsat":
                props = style.find(w("rPr"))
                if props is None:
                    props = etree.SubElement(style, w("rPr"))
                props.append(element("<w:vanish/>"))

    doc.edit("word/styles.xml", change)


@trick("word/document.xml")
def symbol_font(doc: Docx) -> None:
    """Litra a drawn in Symbol: Greek letters where the text is."""
    doc.document(
        lambda root: rpr(run_with(root, LITRA_A)).append(
            element('<w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/>')
        )
    )


@trick("customXml/item9.xml")
def content_control_bound_to_custom_xml(doc: Docx) -> None:
    """IOM's 50,0 in a content control bound to a new custom XML part holding 75,0:
    Word shows the bound value."""
    store = "{0B5E1D0A-1111-4222-8333-944455556666}"
    doc.add("customXml/item9.xml", b'<?xml version="1.0"?><belob xmlns="urn:x">75,0</belob>')
    doc.add(
        "customXml/itemProps9.xml",
        (
            '<?xml version="1.0"?><ds:datastoreItem ds:itemID="' + store + '" '
            'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"/>'
        ).encode(),
        "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
    )
    doc.add(
        "customXml/_rels/item9.xml.rels",
        (
            f'<?xml version="1.0"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" '
            f'Type="{RT}customXmlProps" Target="itemProps9.xml"/></Relationships>'
        ).encode(),
    )
    doc.relate("word/_rels/document.xml.rels", "customXml", "../customXml/item9.xml", rid="rIdT5")

    def change(root):
        run = run_with(root, "50,0")
        sdt = element(
            "<w:sdt><w:sdtPr><w:dataBinding w:prefixMappings=\"xmlns:ns0='urn:x'\" "
            f'w:xpath="/ns0:belob[1]" w:storeItemID="{store}"/><w:text/></w:sdtPr>'
            "<w:sdtContent/></w:sdt>"
        )
        run.addprevious(sdt)
        sdt.find(w("sdtContent")).append(run)

    doc.document(change)


@trick("word/document.xml")
def alternate_content(doc: Docx) -> None:
    """Word shows the Choice (60,0); a reader of the Fallback sees the approved 50,0."""

    def change(root):
        run = run_with(root, "50,0")
        alternate = element(
            '<mc:AlternateContent><mc:Choice Requires="w14"><w:r><w:t>60,0</w:t></w:r>'
            "</mc:Choice><mc:Fallback/></mc:AlternateContent>"
        )
        run.addprevious(alternate)
        alternate.find(f"{{{MC}}}Fallback").append(run)

    doc.document(change)


@trick("word/document2.xml")
def second_main_document(doc: Docx) -> None:
    """_rels/.rels names word/document2.xml (with 60,0) as the main document; the approved
    word/document.xml stays for any reader that assumes its name."""
    doc.add(
        "word/document2.xml",
        doc.members["word/document.xml"].replace(b">50,0<", b">60,0<", 1),
        WML + "document.main+xml",
    )
    doc.add("word/_rels/document2.xml.rels", doc.members["word/_rels/document.xml.rels"])

    def change(root):
        for rel in root.iter(f"{{{RELS}}}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                rel.set("Target", "word/document2.xml")

    doc.edit("_rels/.rels", change)


@trick("word/document.xml")
def table_cells_shifted(doc: Docx) -> None:
    """Every cell's text moved one cell on: the same words in the same order, in the wrong
    columns (IOM under 'Mio. kr.', 50,0 in the label column)."""

    def change(root):
        table = root.find(f"{w('body')}/{w('tbl')}")
        paragraphs = [tc.find(w("p")) for tc in table.iter(w("tc"))]
        contents = [[child for child in p if child.tag != w("pPr")] for p in paragraphs]
        for p, content in zip(paragraphs, contents, strict=True):
            for child in content:
                p.remove(child)
        shifted = [[], *contents[:-2], contents[-2] + contents[-1]]
        for p, content in zip(paragraphs, shifted, strict=True):
            p.extend(content)

    doc.document(change)


@trick("word/document.xml")
def tracked_changes(doc: Docx) -> None:
    def change(root):
        run = run_with(root, "50,0")
        deleted = element("<w:del w:id='91' w:author='X'/>")
        run.addprevious(deleted)
        deleted.append(run)
        for t in run.iter(w("t")):
            t.tag = w("delText")
        deleted.addnext(element("<w:ins w:id='92' w:author='X'><w:r><w:t>60,0</w:t></w:r></w:ins>"))

    doc.document(change)


# -- found since ------------------------------------------------------------------------------


@trick("word/document.xml")
def white_small_words_added(doc: Docx) -> None:
    """'ikke' in white 1 pt: invisible on screen, there for a search or a copy."""
    doc.document(
        lambda root: run_with(root, LITRA_A).addprevious(
            text_run("ikke ", '<w:color w:val="FFFFFF"/><w:sz w:val="2"/>')
        )
    )


@trick("word/document.xml")
def raised_out_of_sight(doc: Docx) -> None:
    """The amount lifted 400 points (w:position) off its line."""
    doc.document(
        lambda root: rpr(run_with(root, "50,0")).append(element('<w:position w:val="800"/>'))
    )


@trick("word/document.xml")
def right_to_left(doc: Docx) -> None:
    doc.document(lambda root: rpr(run_with(root, "100,0")).append(element("<w:rtl/>")))


@trick("word/document.xml")
def field_that_computes_another_amount(doc: Docx) -> None:
    """'= 50 + 60' with the cached result 100,0: Word shows 110 once fields update."""

    def change(root):
        run = run_with(root, "100,0")
        run.addprevious(element('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'))
        run.addprevious(
            element('<w:r><w:instrText xml:space="preserve"> = 50 + 60 </w:instrText></w:r>')
        )
        run.addprevious(element('<w:r><w:fldChar w:fldCharType="separate"/></w:r>'))
        run.addnext(element('<w:r><w:fldChar w:fldCharType="end"/></w:r>'))

    doc.document(change)


@trick("word/afchunk.html")
def alt_chunk(doc: Docx) -> None:
    """An HTML chunk Word imports into the body where it stands."""
    doc.add(
        "word/afchunk.html",
        b"<html><body><p>Finansudvalget har allerede godkendt 300 mio. kr.</p></body></html>",
    )
    doc.override("word/afchunk.html", "text/html")
    doc.relate("word/_rels/document.xml.rels", "aFChunk", "afchunk.html", rid="rIdT6")
    doc.document(
        lambda root: paragraph_with(root, LITRA_A).addnext(element('<w:altChunk r:id="rIdT6"/>'))
    )


@trick("word/fonts/font1.odttf")
def embedded_font(doc: Docx) -> None:
    """A font named Times New Roman embedded in the file: its digits could be any glyphs."""
    doc.add(
        "word/fonts/font1.odttf",
        hashlib.sha256(b"glyphs").digest() * 64,
        "application/vnd.openxmlformats-officedocument.obfuscatedFont",
    )
    doc.add(
        "word/_rels/fontTable.xml.rels",
        (
            f'<?xml version="1.0"?><Relationships xmlns="{RELS}"><Relationship Id="rIdF1" '
            f'Type="{RT}font" Target="fonts/font1.odttf"/></Relationships>'
        ).encode(),
    )

    def change(root):
        for font in root.iter(w("font")):
            if font.get(w("name")) == "Times New Roman":
                font.append(
                    element(
                        '<w:embedRegular r:id="rIdF1" w:fontKey="{00000000-0000-0000-0000-000000000001}"/>'
                    )
                )

    doc.edit("word/fontTable.xml", change)


@trick("word/theme/theme1.xml")
def theme_fonts(doc: Docx) -> None:
    """The theme's body font made Symbol, and the document's default font the theme's."""
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"

    def theme(root):
        for latin in root.iter(f"{{{a}}}latin"):
            latin.set("typeface", "Symbol")

    def styles(root):
        for fonts in root.iter(w("rFonts")):
            for slot in ("ascii", "hAnsi"):
                fonts.attrib.pop(w(slot), None)
                fonts.set(w(f"{slot}Theme"), "minorHAnsi")

    doc.edit("word/theme/theme1.xml", theme)
    doc.edit("word/styles.xml", styles)


@trick("[Content_Types].xml", visible=False, code=True)
def macro_enabled_content_type(doc: Docx) -> None:
    """The main document relabelled as macro-enabled (.docm)."""
    doc.override("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml")


@trick("word/vbaProject.bin", visible=False, code=True)
def macros_added(doc: Docx) -> None:
    doc.add(
        "word/vbaProject.bin",
        b"\xd0\xcf\x11\xe0" + b"\0" * 60,
        "application/vnd.ms-office.vbaProject",
    )
    doc.relate("word/_rels/document.xml.rels", "vbaProject", "vbaProject.bin", rid="rIdT7")


@trick("word/_rels/document.xml.rels", visible=False)
def second_relationship_id(doc: Docx) -> None:
    """A second relationship to the footer (and one to a picture on a web server), named
    by nothing in the document yet."""
    doc.relate("word/_rels/document.xml.rels", "footer", "footer1.xml", rid="rIdT8")
    doc.relate(
        "word/_rels/document.xml.rels",
        "image",
        "https://example.invalid/belob.png",
        rid="rIdT9",
        external=True,
    )


@trick("word/settings.xml", visible=False)
def protection_turned_off(doc: Docx) -> None:
    doc.edit(
        "word/settings.xml",
        lambda root: root.insert(
            0, element('<w:documentProtection w:edit="readOnly" w:enforcement="0"/>')
        ),
    )


@trick("word/settings.xml", visible=False)
def spelling_errors_hidden(doc: Docx) -> None:
    doc.edit("word/settings.xml", lambda root: root.insert(0, element("<w:hideSpellingErrors/>")))


@trick("word/settings.xml")
def fields_updated_on_open(doc: Docx) -> None:
    doc.edit(
        "word/settings.xml", lambda root: root.insert(0, element('<w:updateFields w:val="true"/>'))
    )


@trick("docProps/core.xml", visible=False)
def document_title_changed(doc: Docx) -> None:
    doc.members["docProps/core.xml"] = doc.members["docProps/core.xml"].replace(
        b"<dc:title>", b"<dc:title>Godkendt: ", 1
    )


@trick("word/document.xml")
def paragraph_mark_hidden(doc: Docx) -> None:
    """Litra a's paragraph mark hidden: litra a and b run together as one paragraph."""

    def change(root):
        ppr = paragraph_with(root, LITRA_A).find(w("pPr"))
        ppr.append(element("<w:rPr><w:vanish/></w:rPr>"))

    doc.document(change)


@trick("word/document.xml")
def table_row_hidden(doc: Docx) -> None:
    doc.document(
        lambda root: (
            run_with(root, "ICMPD")
            .getparent()
            .getparent()
            .getparent()
            .find(w("trPr"))
            .append(element("<w:hidden/>"))
        )
    )


@trick("word/document.xml")
def text_without_fill(doc: Docx) -> None:
    """w14:textFill with no fill: Word 2010 and later draw nothing."""
    doc.document(
        lambda root: rpr(run_with(root, "50,0")).append(
            element("<w14:textFill><w14:noFill/></w14:textFill>")
        )
    )


@trick("word/document.xml")
def page_background_like_the_text(doc: Docx) -> None:
    """A black page behind black text: on screen nothing can be read."""
    doc.document(lambda root: root.insert(0, element('<w:background w:color="000000"/>')))
    doc.edit(
        "word/settings.xml", lambda root: root.insert(0, element("<w:displayBackgroundShape/>"))
    )


@trick("word/footer2.xml")
def footer_swapped(doc: Docx) -> None:
    """The footer's relationship pointed at another footer: same id, other text."""
    doc.add(
        "word/footer2.xml",
        story_part("ftr", "<w:p><w:r><w:t>Godkendt version 0123456789AB</w:t></w:r></w:p>"),
        WML + "footer+xml",
    )

    def change(root):
        for rel in root.iter(f"{{{RELS}}}Relationship"):
            if rel.get("Target") == "footer1.xml":
                rel.set("Target", "footer2.xml")

    doc.edit("word/_rels/document.xml.rels", change)


@trick("customXml/item1.xml")
def draft_and_text_edited_together(doc: Docx) -> None:
    """The amount changed in the text and in the embedded draft alike, so they agree."""
    doc.members["word/document.xml"] = doc.members["word/document.xml"].replace(
        b">50,0<", b">60,0<", 1
    )
    doc.members["customXml/item1.xml"] = doc.members["customXml/item1.xml"].replace(
        b'"50.0"', b'"60.0"', 1
    )


@trick("word/document.xml")
def duplicate_member(doc: Docx) -> None:
    """A second word/document.xml in the zip: readers disagree about which one counts."""
    doc.members["word/Document.xml"] = doc.members["word/document.xml"].replace(
        b">50,0<", b">60,0<", 1
    )
