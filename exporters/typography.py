"""Danish typography of the document: what must not break across lines.

A line never breaks after "§" or "pkt." before their number, nor inside an
amount and its unit ("100,0 mio. kr."): the space there becomes a no-break
space (U+00A0). Only single ordinary spaces are replaced, one character for
one, so every position in the text stays where it was (the Word round trip
maps what a returned file shows back onto the draft by position), and every
reader that splits words on whitespace reads the same words.
"""

from __future__ import annotations

from functools import lru_cache

from forms.lazyre import lazy_compile
from forms.scanner import TokenKind, scan

NBSP = "\u00a0"
_AFTER_MARK = lazy_compile(r"(?:§+|\bpkt\.|\bnr\.|\bstk\.)( )(?=\d)")


@lru_cache(maxsize=50_000)
def keep_together(text: str) -> str:
    """`text` with no-break spaces where a line must not break (same length); kept per
    text, since the preview lays the whole draft out again after each edit."""
    if " " not in text:
        return text
    chars = list(text)
    for match in _AFTER_MARK.finditer(text):
        chars[match.start(1)] = NBSP
    for token in scan(text):
        if token.kind is TokenKind.AMOUNT:
            for index in range(token.start, token.end):
                if chars[index] == " ":
                    chars[index] = NBSP
    return "".join(chars)


def same_text(shown: str, stored: str) -> bool:
    """Whether `shown` is `stored` with the typography of keep_together applied."""
    return len(shown) == len(stored) and shown.replace(NBSP, " ") == stored.replace(NBSP, " ")
