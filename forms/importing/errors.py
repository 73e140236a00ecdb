"""The one error an import raises: the source cannot be used, said in Danish."""

from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """A file that cannot be imported as an aktstykke; `message` is Danish and
    names the file and what is wrong with it. No draft is made."""

    def __init__(self, source: Path | str, message: str):
        super().__init__(message)
        self.source = str(source)
        self.message = message
