"""The HTML preview: same blocks, anchors for scrolling, everything escaped, Qt can show it."""

from exporters.html import render_html
from forms.model import Paragraph, SubHeading


def test_anchors_for_header_each_litra_and_signature(example):
    html = render_html(example)
    for name in ("header", "litra-a", "litra-b", "litra-c", "litra-e", "litra-f", "signature"):
        assert f'<a name="{name}"></a>' in html
    assert '<a name="litra-d"></a>' not in html  # d is left out of the example
    assert '<a name="litra-b-3"></a>' in html  # every block can be scrolled to


def test_complete_document_with_the_text_and_table(example):
    html = render_html(example)
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert '<html lang="da">' in html and '<meta charset="utf-8">' in html
    assert "Udenrigsministeriet. København, den 12. november 2024." in html
    assert "<td>I alt</td>" in html and '<td class="tal" align="right">100,0</td>' in html
    assert "Til Finansudvalget." in html
    assert "flex" not in html  # QTextDocument has no flexbox


def test_udkast_in_draft_mode_only(example):
    assert 'class="udkast"' in render_html(example)
    assert "UDKAST" in render_html(example)
    assert "UDKAST" not in render_html(example, final=True)


def test_everything_is_escaped(example):
    example.sections[0].blocks.append(Paragraph(text='a < b & c > d "q" <script>x</script>'))
    example.sections[1].blocks.append(SubHeading(text="<b>fed</b>"))
    example.ministry = 'Ministeriet <for> & "andet"'
    html = render_html(example)
    assert "a &lt; b &amp; c &gt; d &quot;q&quot; &lt;script&gt;x&lt;/script&gt;" in html
    assert "&lt;b&gt;fed&lt;/b&gt;" in html
    assert "<script>" not in html and "<b>fed" not in html
    assert "Ministeriet &lt;for&gt; &amp; &quot;andet&quot;" in html


def test_qt_shows_it_and_knows_the_anchors(example, qapp):
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml(render_html(example))
    plain = document.toPlainText()
    assert "UDKAST" in plain and "Lars Løkke Rasmussen" in plain and "Baggrund" in plain
    anchors = set()
    block = document.begin()
    while block.isValid():
        for fragment_iter in _fragments(block):
            anchors.update(fragment_iter.charFormat().anchorNames())
        block = block.next()
    assert {"header", "litra-a", "litra-b", "litra-f", "signature"} <= anchors


def _fragments(block):
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid():
            yield fragment
        it += 1
