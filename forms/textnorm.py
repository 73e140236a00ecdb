"""Normalising text taken from PDFs, for import and for word-for-word comparison."""

from __future__ import annotations

from forms.lazyre import lazy_compile

# A hyphen right at a line end, followed (possibly after blank lines, which a
# PDF extraction inserts) by a lowercase continuation: "Develop-\nment".
# A hyphen followed by a space ("Udlændinge- \nog") is a real hyphen and stays.
_BREAK_HYPHEN = lazy_compile(r"(?<=\w)-\n(?:[ \t]*\n)*[ \t]*(?=[a-zæøåäöü])")
_WHITESPACE = lazy_compile(r"\s+")


def dehyphenate(text: str) -> str:
    """Join words broken across lines by the PDF's hyphenation."""
    return _BREAK_HYPHEN.sub("", text)


def fold_whitespace(text: str) -> str:
    """All runs of whitespace (including NBSP and line breaks) as one space."""
    return _WHITESPACE.sub(" ", text).strip()


def normalise_for_comparison(text: str) -> str:
    """The form two texts are compared in: hyphenation undone, spaces folded."""
    return fold_whitespace(dehyphenate(text))
