"""Someone else's Word aktstykke with tracked changes and comments.

Without a draft of ours inside, there is nothing to compare with: the file is
imported as it reads, with its tracked changes accepted (forms.importing reads
it so). What the tracked changes and comments were is listed in the import
report, and each comment is kept on the new draft where its quoted text is
found, so the discussion is not lost with the Word file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from forms.dates import format_long_date
from forms.importing.errors import SourceError
from forms.model import Aktstykke, BudgetTable, ReviewComment, Section
from forms.roundtrip.changes import UNKNOWN_AUTHOR, short
from forms.roundtrip.comments import as_review, read_comments, threads
from forms.roundtrip.stream import PARA, TABLE, build_stream
from forms.roundtrip.wordread import (
    main_part_name,
    open_package,
    read_body,
    read_part,
    related_parts,
)


@dataclass
class ForeignSummary:
    changes: list[str] = field(default_factory=list)
    """One Danish line per tracked change, as accepted by the import."""
    formatting: int = 0
    comments: list[ReviewComment] = field(default_factory=list)


def summarise(data: bytes, name: str) -> ForeignSummary:
    with open_package(data, name) as package:
        main = main_part_name(package, name)
        document = read_part(package, main, name)
        if document is None:
            raise SourceError(name, f"»{name}« er ikke et gyldigt Word-dokument.")
        parts = related_parts(package, main, name)
        body = read_body(document, None)
        word_comments = read_comments(package, parts, name)
    stream = build_stream(body)
    summary = ForeignSummary(formatting=len(body.formatting))
    for edit in stream.edits:
        old = _visible(stream.text[edit.start : edit.end])
        new = _visible(edit.text)
        who = edit.author or UNKNOWN_AUTHOR
        when = f", {format_long_date(edit.date.date())}" if edit.date else ""
        if old and new:
            what = f"»{short(old)}« → »{short(new)}«"
        elif new:
            what = f"{'flyttet hertil' if edit.move else 'indsat'}: »{short(new)}«"
        elif old:
            what = f"{'flyttet herfra' if edit.move else 'slettet'}: »{short(old)}«"
        else:
            what = "nyt afsnit" if PARA in edit.text else "afsnit lagt sammen"
        summary.changes.append(f"{what} ({who}{when})")
    marks: dict[str, dict[str, int]] = {}
    for position, mark in stream.marks:
        marks.setdefault(mark.comment, {}).setdefault(mark.edge, position)
    for thread in threads(word_comments):
        found = marks.get(thread.id, {})
        start = found.get("start", found.get("ref", 0))
        end = found.get("end", start)
        quote = _visible(stream.text[start:end]).strip()
        summary.comments.append(as_review(thread, name, quote=quote))
    return summary


def anchor_comments(draft: Aktstykke, comments: list[ReviewComment]) -> list[ReviewComment]:
    """Each comment placed where its quoted text is in the imported draft (the
    first block holding it); a comment whose text is not found is kept unanchored."""
    out = []
    for comment in comments:
        anchored = comment
        if comment.quote:
            for section in draft.sections:
                hit = _find(section, comment.quote)
                if hit is not None:
                    block, part, start = hit
                    anchored = comment.model_copy(
                        update={
                            "letter": section.letter,
                            "block": block,
                            "part": part,
                            "start": start,
                            "end": start + len(comment.quote),
                        }
                    )
                    break
        out.append(anchored)
    return out


def _find(section: Section, quote: str) -> tuple[int, str, int] | None:
    for index, block in enumerate(section.blocks):
        parts = (
            [("caption", block.caption), ("note", block.note)]
            if isinstance(block, BudgetTable)
            else [("text", block.text)]
        )
        for part, text in parts:
            at = text.find(quote)
            if at >= 0:
                return index, part, at
    return None


def _visible(text: str) -> str:
    return " ".join(text.replace(PARA, " ").replace(TABLE, " ").split())
