"""Danish typography in the Word file (issue 15 point 5): no line break after "§" or
"pkt." before their number, nor inside an amount and its unit."""

from __future__ import annotations

import io
import zipfile

from exporters.text import render_text
from exporters.typography import NBSP, keep_together
from exporters.word import render_docx_bytes
from exporters.wordtext import read_docx_text
from tests.helpers import SEED


def test_keep_together():
    text = "afholdt under § 28.11.05. og jf. pkt. 2.2.7 med 100,0 mio. kr. i 2024"
    kept = keep_together(text)
    assert len(kept) == len(text)
    assert f"§{NBSP}28.11.05." in kept
    assert f"pkt.{NBSP}2.2.7" in kept
    assert f"100,0{NBSP}mio.{NBSP}kr." in kept
    assert kept.replace(NBSP, " ") == text
    assert "afholdt under" in kept and " og " in kept  # other spaces stay ordinary


def test_amounts_in_every_unit_and_t_kr():
    assert keep_together("86.400 t. kr.") == f"86.400{NBSP}t.{NBSP}kr."
    assert keep_together("5.000 kr.") == f"5.000{NBSP}kr."


def test_the_word_file_keeps_them_together(example):
    document = zipfile.ZipFile(io.BytesIO(render_docx_bytes(example))).read("word/document.xml")
    xml = document.decode("utf-8")
    assert f"§{NBSP}06.32.10." in xml
    assert f"100,0{NBSP}mio.{NBSP}kr." in xml
    assert "100,0 mio. kr." not in xml


def test_the_text_reads_the_same(example):
    """The fidelity tests: the Word file reads back as the plain text export, and
    plain text has ordinary spaces."""
    data = render_docx_bytes(example, final=True)
    assert NBSP not in render_text(example, final=True)
    assert read_docx_text(data) == "\n".join(render_text(example, final=True).splitlines()) + "\n"
    assert "100,0 mio. kr." in SEED.read_text("utf-8")
