"""The Word round trip (issue 13): what colleagues change in a circulated .docx comes back.

    returned = read_returned(data, "retur.docx", exporters.shown.shown_document)
    returned.changes        # PendingChange: litra, block, range or cell, old → new, author
    returned.comments       # ReviewComment: anchored threads with replies and resolved state
    draft = returned.as_draft()                    # the embedded draft, changes pending
    draft, merged = returned.merge_into(current)   # three-way into the current draft
    accept(draft, change_id) / reject(...) / accept_all(draft, author=...)

Modules: wordread (the file as it is: runs, revisions, tables, comment marks),
stream and align (tracked and typed edits against the exported text), locate,
paragraphs and cells (edits become changes of the draft), comments, diff and
merge (three-way), apply, rebase and review (the author's decisions).
"""
