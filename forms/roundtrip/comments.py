"""Word comments: read from word/comments.xml (replies and resolved state from
word/commentsExtended.xml), and kept with the draft across rounds.

A reply is its own w:comment in Word, tied to its parent through the
w14:paraId of the comments' last paragraphs in commentsExtended.xml; here a
thread is one ReviewComment with its replies. A thread the draft already
holds (same author, time and text) is updated, never duplicated, so the same
discussion can go around several times.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

from forms.model import CommentReply, ReviewComment
from forms.roundtrip.wordread import W, parse_date, read_part

W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"


@dataclass
class WordComment:
    id: str
    author: str
    initials: str
    date: dt.datetime | None
    text: str
    para_id: str = ""
    parent: str | None = None
    """The w14:paraId of the comment this one answers."""
    done: bool = False
    replies: list[WordComment] = field(default_factory=list)


def read_comments(package: zipfile.ZipFile, parts: dict[str, str], name: str) -> list[WordComment]:
    """Every comment of the document in file order, replies tied to their parent."""
    part = parts.get("comments", "word/comments.xml")
    root = read_part(package, part, name)
    if root is None:
        return []
    comments = [_comment(element) for element in root.iter(f"{W}comment")]
    extended = read_part(package, parts.get("commentsExtended", "word/commentsExtended.xml"), name)
    if extended is not None:
        by_para = {c.para_id: c for c in comments if c.para_id}
        for entry in extended.iter(f"{W15}commentEx"):
            comment = by_para.get(entry.get(f"{W15}paraId", ""))
            if comment is None:
                continue
            comment.parent = entry.get(f"{W15}paraIdParent")
            comment.done = entry.get(f"{W15}done", "0") in ("1", "true")
    return comments


def _comment(element: Element) -> WordComment:
    paragraphs = element.findall(f".//{W}p")
    texts = ["".join(_texts(p)) for p in paragraphs]
    para_id = ""
    if paragraphs:
        para_id = paragraphs[-1].get(f"{W14}paraId", "") or ""
    return WordComment(
        element.get(f"{W}id", ""),
        element.get(f"{W}author", "") or "",
        element.get(f"{W}initials", "") or "",
        parse_date(element.get(f"{W}date")),
        "\n".join(t for t in texts).strip(),
        para_id,
    )


def _texts(paragraph: Element) -> Iterator[str]:
    for node in paragraph.iter():
        if node.tag == f"{W}t" and node.text:
            yield node.text
        elif node.tag == f"{W}tab":
            yield "\t"
        elif node.tag == f"{W}br":
            yield "\n"


def threads(comments: list[WordComment]) -> list[WordComment]:
    """Top-level comments with their replies (a reply to a reply joins the thread)."""
    by_para = {c.para_id: c for c in comments if c.para_id}
    roots: list[WordComment] = []
    for comment in comments:
        parent = by_para.get(comment.parent or "")
        seen = set()
        while parent is not None and parent.parent and parent.para_id not in seen:
            seen.add(parent.para_id)
            grand = by_para.get(parent.parent)
            if grand is None:
                break
            parent = grand
        if parent is None or parent is comment:
            roots.append(comment)
        else:
            parent.replies.append(comment)
    return roots


def comment_id(author: str, date: dt.datetime | None, text: str) -> str:
    stamp = date.isoformat() if date else ""
    return hashlib.sha1(f"{author}\0{stamp}\0{text}".encode()).hexdigest()[:12]


def as_review(thread: WordComment, source: str, **anchor: Any) -> ReviewComment:
    return ReviewComment(
        id=comment_id(thread.author, thread.date, thread.text),
        author=thread.author,
        initials=thread.initials,
        date=thread.date,
        text=thread.text,
        resolved=thread.done,
        replies=[
            CommentReply(author=r.author, initials=r.initials, date=r.date, text=r.text)
            for r in thread.replies
        ],
        source=source,
        **anchor,
    )


@dataclass
class CommentMerge:
    comments: list[ReviewComment]
    added: int = 0
    updated: int = 0
    missing: int = 0
    """Threads the draft holds that the returned file no longer has (kept)."""


def merge_comments(
    kept: list[ReviewComment], returned: list[ReviewComment], *, from_export: bool
) -> CommentMerge:
    """The draft's threads updated with what came back: new threads added, new
    replies appended, the resolved state taken from the file. Nothing the
    draft holds is dropped."""
    out = [c.model_copy(deep=True) for c in kept]
    # Known by what they say, whoever made their ids: the first comment's author, time, text.
    index = {comment_id(c.author, c.date, c.text): i for i, c in enumerate(out)}
    merge = CommentMerge(out)
    # A program that keeps no reply threads (LibreOffice 7) writes each reply as
    # a comment of its own, often without its date: it is still that reply.
    replies = {(r.author, r.text) for c in [*kept, *returned] for r in c.replies}
    for thread in returned:
        if (
            thread.id not in index
            and (thread.author, thread.text) in replies
            and not thread.replies
        ):
            continue
        if thread.id not in index:
            out.append(thread)
            index[thread.id] = len(out) - 1
            merge.added += 1
            continue
        current = out[index[thread.id]]
        known = {(r.author, r.date, r.text) for r in current.replies}
        fresh = [r for r in thread.replies if (r.author, r.date, r.text) not in known]
        changed = bool(fresh) or current.resolved != thread.resolved
        current.replies = [*current.replies, *fresh]
        current.resolved = thread.resolved
        if changed:
            merge.updated += 1
    if from_export:
        returned_ids = {t.id for t in returned}
        merge.missing = sum(
            1 for c in kept if comment_id(c.author, c.date, c.text) not in returned_ids
        )
    return merge
