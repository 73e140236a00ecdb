"""Start from an existing aktstykke: import Word, PDF and text (issue 7).

    result = import_file("aktstk-122.pdf")      # ImportResult(draft, report)
    print(result.report.text())                 # what was recognised and guessed
    fresh = new_from_previous(result.draft)     # date, sign-offs, FiU additions cleared;
                                                # every amount marked for review (R-01)
    confirm_review(fresh, fresh.review[0])      # the author confirms an amount

Every failure is a SourceError with a Danish `.message`; nothing is written.
"""

from forms.importing.errors import SourceError
from forms.importing.files import MAX_BYTES, import_file, import_text
from forms.importing.previous import (
    confirm_review,
    locate_review,
    new_from_previous,
    review_findings,
)
from forms.importing.report import (
    ImportReport,
    ImportResult,
    dismiss_import_note,
    import_findings,
    locate_note,
)

__all__ = [
    "MAX_BYTES",
    "ImportReport",
    "ImportResult",
    "SourceError",
    "confirm_review",
    "dismiss_import_note",
    "import_file",
    "import_findings",
    "import_text",
    "locate_note",
    "locate_review",
    "new_from_previous",
    "review_findings",
]
