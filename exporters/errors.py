"""The one error an export raises: its message is Danish and says what to do."""

from __future__ import annotations


class ExportError(Exception):
    """An export that cannot be made (template, LibreOffice, disk); nothing was written."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TemplateError(ExportError):
    """The Word template given for the export cannot be used (missing, not Word, damaged)."""
