"""Bringing back a circulated Word file: what it shows against the draft it carries.

    returned = read_returned(data, "retur.docx", shown_document)
    returned.differs          # any change, tracked or typed
    draft = returned.as_draft()                     # base + changes pending + comments
    merged = returned.merge_into(current_draft)     # three-way into the current draft

`project` is how a draft is laid out (exporters.shown.shown_document): forms/
does not know the document's layout, the exporter does, and the comparison
must be against exactly what was sent out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from forms.importing.docx_source import read_embedded
from forms.importing.errors import SourceError
from forms.model import Aktstykke, PendingChange, ReviewComment
from forms.roundtrip.comments import CommentMerge, WordComment, merge_comments, read_comments
from forms.roundtrip.compare import Comparison, compare_returned
from forms.roundtrip.merge import Merged, merge
from forms.roundtrip.shown import ShownDocument
from forms.roundtrip.wordread import (
    FormattingChange,
    ReturnedBody,
    main_part_name,
    open_package,
    read_body,
    read_part,
    related_parts,
)

Project = Callable[[Aktstykke], ShownDocument]


@dataclass
class ReturnedFile:
    source: str
    body: ReturnedBody
    word_comments: list[WordComment]
    base: Aktstykke | None
    """The draft embedded in the file; None for someone else's Word file."""
    base_problem: str | None = None
    comparison: Comparison | None = None
    merged_comments: CommentMerge | None = field(default=None, repr=False)

    @property
    def differs(self) -> bool:
        return self.comparison is not None and self.comparison.differs

    @property
    def changes(self) -> list[PendingChange]:
        return self.comparison.changes if self.comparison else []

    @property
    def comments(self) -> list[ReviewComment]:
        return self.comparison.comments if self.comparison else []

    @property
    def formatting(self) -> list[FormattingChange]:
        return self.body.formatting

    @property
    def tracked(self) -> int:
        return self.comparison.tracked if self.comparison else 0

    def as_draft(self) -> Aktstykke:
        """The embedded draft with the file's changes pending and its comments kept."""
        assert self.base is not None
        draft = self.base.model_copy(deep=True)
        draft.pending_changes = [*draft.pending_changes, *self.changes]
        self.merged_comments = merge_comments(draft.comments, self.comments, from_export=True)
        draft.comments = self.merged_comments.comments
        return draft

    def merge_into(self, ours: Aktstykke) -> tuple[Aktstykke, Merged]:
        """The current draft with the file's changes pending (three-way against
        the embedded draft) and its comments merged; `ours` is not touched."""
        assert self.base is not None
        merged = merge(self.base, ours, self.changes)
        self.merged_comments = merge_comments(ours.comments, self.comments, from_export=True)
        # Only the lists of changes and comments are new: the content is ours'
        # (shared, not copied: nothing here changes it, and a large draft is slow to copy).
        draft = ours.model_copy(
            update={
                "pending_changes": [*ours.pending_changes, *merged.changes],
                "comments": self.merged_comments.comments,
            }
        )
        return draft, merged


def read_returned(data: bytes, name: str, project: Project) -> ReturnedFile:
    """Read a Word file; SourceError (Danish) when it is not a usable .docx."""
    with open_package(data, name) as package:
        main = main_part_name(package, name)
        document = read_part(package, main, name)
        if document is None:
            raise SourceError(
                name, f"»{name}« er ikke et gyldigt Word-dokument: den har intet dokument."
            )
        parts = related_parts(package, main, name)
        styles = read_part(package, parts.get("styles", "word/styles.xml"), name)
        body = read_body(document, styles)
        word_comments = read_comments(package, parts, name)
    base, problem = read_embedded(data, name)
    returned = ReturnedFile(name, body, word_comments, base, problem)
    if base is not None:
        returned.comparison = compare_returned(base, project(base), body, word_comments, name)
    return returned
